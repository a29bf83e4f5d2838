import fc from 'fast-check';
import {
  addDays,
  addLocalDays,
  formatLocalDate,
  instantOfLocal,
  isSchoolDay,
  isValidTimeZone,
  localDateOf,
  localParts,
  monthKey,
  nextSchoolDay,
  startOfLocalDay,
  startOfLocalMonth,
  startOfLocalWeek,
  weekKey,
  wholeDaysBetween,
  zoneOffsetMs,
} from '../../src/domain/time';

const LONDON = 'Europe/London';
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();
const HOUR = 3_600_000;

// Europe/London in 2026: BST (UTC+1) from 29 Mar 01:00 UTC until 25 Oct 01:00 UTC, GMT (UTC+0) otherwise.

describe('local date parts', () => {
  it('reads an instant after the autumn change as GMT: 2026-10-25T23:30Z is still Sunday 25 Oct', () => {
    expect(localParts(at('2026-10-25T23:30:00Z'), LONDON)).toEqual({
      year: 2026,
      month: 10,
      day: 25,
      hour: 23,
      minute: 30,
      second: 0,
      millisecond: 0,
      weekday: 7,
    });
    expect(localDateOf(at('2026-10-26T00:30:00Z'), LONDON)).toEqual({ year: 2026, month: 10, day: 26 });
  });

  it('shows the repeated hour of 25 Oct twice: 00:30Z (BST) and 01:30Z (GMT) are both 01:30 local', () => {
    expect(localParts(at('2026-10-25T00:30:00Z'), LONDON)).toMatchObject({ day: 25, hour: 1, minute: 30 });
    expect(localParts(at('2026-10-25T01:30:00Z'), LONDON)).toMatchObject({ day: 25, hour: 1, minute: 30 });
  });

  it('jumps from 00:59 GMT to 02:00 BST on 29 Mar', () => {
    expect(localParts(at('2026-03-29T00:59:00Z'), LONDON)).toMatchObject({ day: 29, hour: 0, minute: 59 });
    expect(localParts(at('2026-03-29T01:00:00Z'), LONDON)).toMatchObject({ day: 29, hour: 2, minute: 0 });
  });

  it('gives the offset in force', () => {
    expect(zoneOffsetMs(at('2026-07-01T12:00:00Z'), LONDON)).toBe(HOUR);
    expect(zoneOffsetMs(at('2026-12-01T12:00:00Z'), LONDON)).toBe(0);
    expect(zoneOffsetMs(at('2026-03-29T00:59:59Z'), LONDON)).toBe(0);
    expect(zoneOffsetMs(at('2026-03-29T01:00:00Z'), LONDON)).toBe(HOUR);
    expect(zoneOffsetMs(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(at('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
  });

  it('handles half-hour zones: 2026-01-01T18:30Z is midnight on 2 Jan in Kolkata', () => {
    expect(localParts(at('2026-01-01T18:30:00Z'), 'Asia/Kolkata')).toMatchObject({
      year: 2026,
      month: 1,
      day: 2,
      hour: 0,
      minute: 0,
    });
  });

  describe('agrees with Intl read directly (offset cache included)', () => {
    const zones = [LONDON, 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Auckland'];
    const oracles = new Map(
      zones.map((zone) => [
        zone,
        new Intl.DateTimeFormat('en-GB', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        }),
      ]),
    );
    const agrees = (ms: number, zone: string): void => {
      const fields = oracles.get(zone)?.formatToParts(ms) ?? [];
      const field = (type: string): number => Number(fields.find((part) => part.type === type)?.value);
      const parts = localParts(ms, zone);
      expect([parts.year, parts.month, parts.day, parts.hour, parts.minute]).toEqual([
        field('year'),
        field('month'),
        field('day'),
        field('hour') % 24,
        field('minute'),
      ]);
    };

    it('for any instant 2000–2040', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
          fc.constantFrom(...zones),
          agrees,
        ),
        { numRuns: 3000 },
      );
    });

    it('for instants within 36 hours of a 2026 clock change', () => {
      const changes = [
        Date.parse('2026-03-29T01:00:00Z'), // London, spring
        Date.parse('2026-10-25T01:00:00Z'), // London, autumn
        Date.parse('2026-03-08T07:00:00Z'), // New York, spring
        Date.parse('2026-04-04T16:00:00Z'), // Sydney, autumn
        Date.parse('2026-09-26T14:00:00Z'), // Auckland, spring
      ];
      fc.assert(
        fc.property(
          fc.constantFrom(...changes),
          fc.integer({ min: -36 * HOUR, max: 36 * HOUR }),
          fc.constantFrom(...zones),
          (change, delta, zone) => agrees(change + delta, zone),
        ),
        { numRuns: 3000 },
      );
    });
  });

  it('rejects an unknown time zone with a clear message', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(() => localParts(at('2026-01-01T00:00:00Z'), 'Europe/Atlantis')).toThrow(
      /Unknown time zone "Europe\/Atlantis"/,
    );
  });

  it('rejects an invalid date rather than inventing one', () => {
    expect(() => localParts(new Date(Number.NaN), LONDON)).toThrow(RangeError);
  });
});

describe('start of day, week and month', () => {
  it('starts the 25-hour autumn day at midnight BST and the next day at midnight GMT', () => {
    expect(iso(startOfLocalDay(at('2026-10-25T12:00:00Z'), LONDON))).toBe('2026-10-24T23:00:00.000Z');
    expect(iso(startOfLocalDay(at('2026-10-26T12:00:00Z'), LONDON))).toBe('2026-10-26T00:00:00.000Z');
  });

  it('starts the 23-hour spring day at midnight GMT and the next day at midnight BST', () => {
    expect(iso(startOfLocalDay(at('2026-03-29T12:00:00Z'), LONDON))).toBe('2026-03-29T00:00:00.000Z');
    expect(iso(startOfLocalDay(at('2026-03-30T12:00:00Z'), LONDON))).toBe('2026-03-29T23:00:00.000Z');
  });

  it('starts weeks on Monday, in the offset in force that Monday', () => {
    // Sunday 25 Oct 23:30 GMT belongs to the week of Monday 19 Oct, which began at 00:00 BST.
    expect(iso(startOfLocalWeek(at('2026-10-25T23:30:00Z'), LONDON))).toBe('2026-10-18T23:00:00.000Z');
    expect(iso(startOfLocalWeek(at('2026-10-28T10:00:00Z'), LONDON))).toBe('2026-10-26T00:00:00.000Z');
    expect(iso(startOfLocalWeek(at('2026-03-31T10:00:00Z'), LONDON))).toBe('2026-03-29T23:00:00.000Z');
    // A Monday is its own week's start.
    expect(iso(startOfLocalWeek(at('2026-10-26T00:00:00Z'), LONDON))).toBe('2026-10-26T00:00:00.000Z');
  });

  it('starts months at local midnight on the 1st: 2026-06-30T23:30Z is in July', () => {
    expect(iso(startOfLocalMonth(at('2026-06-30T23:30:00Z'), LONDON))).toBe('2026-06-30T23:00:00.000Z');
    expect(iso(startOfLocalMonth(at('2026-06-30T22:30:00Z'), LONDON))).toBe('2026-05-31T23:00:00.000Z');
    expect(iso(startOfLocalMonth(at('2026-10-15T12:00:00Z'), LONDON))).toBe('2026-09-30T23:00:00.000Z');
    expect(iso(startOfLocalMonth(at('2026-11-15T12:00:00Z'), LONDON))).toBe('2026-11-01T00:00:00.000Z');
  });
});

describe('keys', () => {
  it('cuts months in the school zone', () => {
    expect(monthKey(at('2026-06-30T23:30:00Z'), LONDON)).toBe('2026-07');
    expect(monthKey(at('2026-06-30T22:59:59Z'), LONDON)).toBe('2026-06');
    expect(monthKey(at('2026-06-30T23:30:00Z'), 'UTC')).toBe('2026-06');
    expect(monthKey(at('2026-12-31T23:30:00Z'), LONDON)).toBe('2026-12');
  });

  it("names a week by its Monday's local date, across the autumn change and a year end", () => {
    expect(weekKey(at('2026-10-25T23:30:00Z'), LONDON)).toBe('2026-10-19');
    expect(weekKey(at('2026-10-26T00:30:00Z'), LONDON)).toBe('2026-10-26');
    expect(weekKey(at('2026-10-18T22:30:00Z'), LONDON)).toBe('2026-10-12'); // Sun 18 Oct 23:30 BST
    expect(weekKey(at('2026-10-18T23:30:00Z'), LONDON)).toBe('2026-10-19'); // Mon 19 Oct 00:30 BST
    expect(weekKey(at('2026-01-04T12:00:00Z'), LONDON)).toBe('2025-12-29');
  });
});

describe('local wall times and day arithmetic', () => {
  it('moves a time that does not exist forward by the gap, and takes the first of a repeated time', () => {
    expect(iso(instantOfLocal({ year: 2026, month: 3, day: 29 }, LONDON, 1, 30))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(instantOfLocal({ year: 2026, month: 10, day: 25 }, LONDON, 1, 30))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(instantOfLocal({ year: 2026, month: 7, day: 1 }, LONDON, 9))).toBe('2026-07-01T08:00:00.000Z');
  });

  it('adds local days keeping the wall-clock time across changes', () => {
    // Sat 24 Oct 10:00 BST + 1 day = Sun 25 Oct 10:00 GMT, 25 hours later.
    expect(iso(addLocalDays(at('2026-10-24T09:00:00Z'), 1, LONDON))).toBe('2026-10-25T10:00:00.000Z');
    // Sat 28 Mar 12:00 GMT + 1 day = Sun 29 Mar 12:00 BST, 23 hours later.
    expect(iso(addLocalDays(at('2026-03-28T12:00:00Z'), 1, LONDON))).toBe('2026-03-29T11:00:00.000Z');
    // Mon 30 Mar 12:00 BST − 2 days = Sat 28 Mar 12:00 GMT.
    expect(iso(addLocalDays(at('2026-03-30T11:00:00Z'), -2, LONDON))).toBe('2026-03-28T12:00:00.000Z');
    expect(addDays({ year: 2026, month: 2, day: 27 }, 2)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(formatLocalDate(addDays({ year: 2024, month: 2, day: 28 }, 1))).toBe('2024-02-29');
  });

  it('counts whole calendar days, not 24-hour periods', () => {
    // Sat 28 Mar 23:59 GMT → Mon 30 Mar 00:01 BST: two dates on, though only 23 h 2 min later.
    expect(wholeDaysBetween(at('2026-03-28T23:59:00Z'), at('2026-03-29T23:01:00Z'), LONDON)).toBe(2);
    expect(wholeDaysBetween(at('2026-10-26T23:59:00Z'), at('2026-10-27T00:01:00Z'), LONDON)).toBe(1);
    expect(wholeDaysBetween(at('2026-10-27T00:01:00Z'), at('2026-10-27T23:59:00Z'), LONDON)).toBe(0);
    expect(wholeDaysBetween(at('2026-10-27T12:00:00Z'), at('2026-10-20T12:00:00Z'), LONDON)).toBe(-7);
  });

  it('finds the next school day (Mon–Fri, no holidays)', () => {
    expect(nextSchoolDay(at('2026-10-23T15:00:00Z'), LONDON)).toEqual({ year: 2026, month: 10, day: 26 }); // Fri
    expect(nextSchoolDay(at('2026-10-25T23:30:00Z'), LONDON)).toEqual({ year: 2026, month: 10, day: 26 }); // Sun
    expect(nextSchoolDay(at('2026-10-26T08:00:00Z'), LONDON)).toEqual({ year: 2026, month: 10, day: 27 }); // Mon
    expect(nextSchoolDay(at('2026-10-22T08:00:00Z'), LONDON)).toEqual({ year: 2026, month: 10, day: 23 }); // Thu
    // Fri 3 Jul 23:30 UTC is Sat 4 Jul 00:30 BST: next school day Monday 6 July.
    expect(nextSchoolDay(at('2026-07-03T23:30:00Z'), LONDON)).toEqual({ year: 2026, month: 7, day: 6 });
    // Christmas Day 2026 is a Friday: no holiday calendar, so it counts as a school day.
    expect(nextSchoolDay(at('2026-12-24T12:00:00Z'), LONDON)).toEqual({ year: 2026, month: 12, day: 25 });
    expect(isSchoolDay({ year: 2026, month: 10, day: 24 })).toBe(false);
    expect(isSchoolDay({ year: 2026, month: 10, day: 23 })).toBe(true);
  });
});
