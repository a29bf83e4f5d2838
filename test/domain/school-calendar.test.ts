/** The school calendar and the reminder rules: which days are school days, and who may be reminded when. */
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_HOLIDAYS,
  DEFAULT_TERMS,
  calendarProblems,
  formatPeriod,
  isSchoolDayIn,
  nextSchoolDayIn,
  nonSchoolWeekdays,
  parsePeriod,
  sheetDateSerial,
} from '../../src/domain/school-calendar';
import { mayRemindToday, reviewDayOf } from '../../src/domain/reminders';
import { defaultSettings, parseSettings, settingsSheetRows } from '../../src/domain/settings';
import { dayNumberOf } from '../../src/domain/time';
import { baseSettings } from '../support/fixtures';

const day = (iso: string): number => {
  const [year, month, date] = iso.split('-').map(Number);
  return dayNumberOf({ year: year!, month: month!, day: date! });
};
const DEFAULT = { terms: DEFAULT_TERMS, holidays: DEFAULT_HOLIDAYS };

describe('the default 2026–27 calendar', () => {
  it.each([
    ['2026-09-02', true, 'before the first term: the calendar is not known, weekdays count'],
    ['2026-09-03', true, 'the first day of the autumn term'],
    ['2026-09-05', false, 'a Saturday'],
    ['2026-09-06', false, 'a Sunday'],
    ['2026-10-23', true, 'the Friday before half term'],
    ['2026-10-26', false, 'autumn half term'],
    ['2026-10-30', false, 'autumn half term'],
    ['2026-11-02', true, 'back after half term'],
    ['2026-12-21', false, 'Christmas holidays'],
    ['2027-02-16', false, 'spring half term'],
    ['2027-03-26', false, 'Good Friday'],
    ['2027-05-03', false, 'early May bank holiday'],
    ['2027-06-01', false, 'summer half term'],
    ['2027-07-21', true, 'the last day of the year'],
  ])('%s is a school day: %s (%s)', (iso, expected) => {
    expect(isSchoolDayIn(DEFAULT, day(iso))).toBe(expected);
  });

  it('gives the next school day across a half term', () => {
    expect(nextSchoolDayIn(DEFAULT, day('2026-10-23'))).toBe(day('2026-11-02'));
  });

  it('says when the last term has ended, and then counts every weekday', () => {
    expect(calendarProblems(DEFAULT, day('2027-07-21'))).toEqual([]);
    expect(calendarProblems(DEFAULT, day('2027-09-06'))[0]).toContain('2027-07-21');
    expect(isSchoolDayIn(DEFAULT, day('2027-09-06'))).toBe(true);
  });
});

describe("the register's overdue colour uses the same school days", () => {
  /** What Sheets' WORKDAY(start, 1, holidays) gives: the first Monday-to-Friday after start not listed. */
  function workdayAfter(start: number, holidays: ReadonlySet<number>): number {
    let d = start + 1;
    while ((((d + 3) % 7) + 7) % 7 >= 5 || holidays.has(d)) d += 1;
    return d;
  }

  it('lists every weekday that is not a school day, and nothing else', () => {
    const off = nonSchoolWeekdays(DEFAULT);
    expect(off).toContain(day('2026-10-26'));
    expect(off).toContain(day('2026-12-21'));
    expect(off).toContain(day('2027-03-26'));
    expect(off).not.toContain(day('2026-10-24')); // a Saturday: WORKDAY skips it anyway
    expect(off).not.toContain(day('2026-11-02'));
    expect(off.every((d) => !isSchoolDayIn(DEFAULT, d))).toBe(true);
  });

  it("gives WORKDAY(day, 1, list) = the reminders' next school day, for every day of the year", () => {
    const off = new Set(nonSchoolWeekdays(DEFAULT));
    for (let d = day('2026-08-20'); d <= day('2027-08-10'); d++) {
      expect({ d, next: workdayAfter(d, off) }).toEqual({ d, next: nextSchoolDayIn(DEFAULT, d) });
    }
  });

  it('counts dates as Sheets does (30 December 1899 is 0)', () => {
    expect(sheetDateSerial(day('1970-01-01'))).toBe(25569);
    expect(sheetDateSerial(day('2026-10-26'))).toBe(46321);
  });
});

describe('reading a period', () => {
  it.each([
    ['Autumn half term: 2026-10-26 to 2026-10-30', 'Autumn half term: 2026-10-26 to 2026-10-30'],
    ['INSET: 04/01/2027', 'INSET: 2027-01-04'],
    ['26/10/2026 - 30/10/2026', '2026-10-26 to 2026-10-30'],
    ['  Spring term :  2027-01-04 – 2027-03-25 ', 'Spring term: 2027-01-04 to 2027-03-25'],
  ])('%s', (typed, read) => {
    const period = parsePeriod(typed);
    expect(period && formatPeriod(period)).toBe(read);
  });

  it.each(['half term', '2026-10-30 to 2026-10-26', '31/02/2027', 'Term: 2026-13-01'])(
    'refuses %s',
    (typed) => expect(parsePeriod(typed)).toBeNull(),
  );

  it('round-trips through the Settings sheet, and reports a line it cannot read', () => {
    // As Sheets keeps them: the quote prefix that keeps text as typed is not part of the value.
    const rows = settingsSheetRows(defaultSettings()).map((r) =>
      r.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v)),
    );
    const { settings, problems } = parseSettings(rows, 'Europe/London');
    expect(settings.termDates).toEqual(DEFAULT_TERMS);
    expect(settings.holidays).toEqual(DEFAULT_HOLIDAYS);
    expect(settings.agencyReviewDays).toBe(14);
    expect(problems.join('\n')).not.toContain('Term dates');
    const holidays = rows.findIndex((r) => r[0] === 'Holidays in term');
    rows[holidays]![1] = 'INSET: 2027-01-04\nnext Friday';
    const edited = parseSettings(rows, 'Europe/London');
    expect(edited.settings.holidays).toHaveLength(1);
    expect(edited.problems.join('\n')).toContain("'next Friday' is not a period");
  });
});

describe('who may be reminded today', () => {
  const settings = baseSettings({ termDates: [...DEFAULT_TERMS], holidays: [...DEFAULT_HOLIDAYS] });
  const monday = day('2026-11-02');
  it('once a day on school days; the Chair once a week', () => {
    expect(mayRemindToday(settings, monday, null, false)).toBe(true);
    expect(mayRemindToday(settings, monday, monday, false)).toBe(false);
    expect(mayRemindToday(settings, monday + 1, monday, false)).toBe(true);
    expect(mayRemindToday(settings, day('2026-10-27'), null, false)).toBe(false); // half term
    expect(mayRemindToday(settings, day('2026-11-07'), null, false)).toBe(false); // Saturday
    expect(mayRemindToday(settings, monday + 6, monday, true)).toBe(false);
    expect(mayRemindToday(settings, monday + 7, monday, true)).toBe(true);
  });

  it('reviews an agency case on its own next review date, else the interval after its last update', () => {
    const updated = new Date('2026-09-08T09:00:00Z');
    expect(reviewDayOf({ lastUpdated: updated, submittedAt: null }, settings)).toBe(day('2026-09-22'));
    expect(
      reviewDayOf(
        { lastUpdated: updated, submittedAt: null, nextReview: new Date('2026-10-01T00:00:00Z') },
        settings,
      ),
    ).toBe(day('2026-10-01'));
  });
});
