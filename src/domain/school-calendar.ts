/**
 * The school's calendar: which days are school days. Why: reminders must go out on school days only — not
 * at weekends, in half term or in the holidays — and a DSL must be able to type the terms and holidays of
 * their own local authority into Settings, one period a line ("Autumn half term: 2026-10-26 to 2026-10-30").
 *
 * A day is a school day when it is Monday to Friday, inside one of the terms listed and not inside any
 * holiday listed. Outside the span the terms cover (before the first, after the last) every weekday counts,
 * so a calendar that has run out never silences reminders: Settings says so instead (see calendarProblems).
 */
import { dayNumberOf, formatLocalDate, isoWeekdayOfDayNumber, localDateOfDayNumber } from './time';

/** A named run of days, first and last included, as local day numbers (see time.ts). */
export interface SchoolPeriod {
  label: string;
  first: number;
  last: number;
}

/** The days a school is open: its terms, and the holidays inside them (half terms, bank holidays, INSET). */
export interface SchoolCalendar {
  terms: readonly SchoolPeriod[];
  holidays: readonly SchoolPeriod[];
}

function day(iso: string): number {
  const [year, month, date] = iso.split('-').map(Number);
  return dayNumberOf({ year: year ?? 1970, month: month ?? 1, day: date ?? 1 });
}

function period(label: string, first: string, last: string = first): SchoolPeriod {
  return { label, first: day(first), last: day(last) };
}

/**
 * A typical English local authority's 2026–27 year (Easter Sunday is 28 March 2027). Every school should
 * check its own: dates differ between authorities, and academies set their own.
 */
export const DEFAULT_TERMS: readonly SchoolPeriod[] = [
  period('Autumn term', '2026-09-03', '2026-12-18'),
  period('Spring term', '2027-01-04', '2027-03-25'),
  period('Summer term', '2027-04-12', '2027-07-21'),
];

export const DEFAULT_HOLIDAYS: readonly SchoolPeriod[] = [
  period('Autumn half term', '2026-10-26', '2026-10-30'),
  period('Spring half term', '2027-02-15', '2027-02-19'),
  period('Early May bank holiday', '2027-05-03'),
  period('Summer half term', '2027-05-31', '2027-06-04'),
];

/** Fresh copies of the defaults (callers may change them). */
export function defaultCalendar(): { termDates: SchoolPeriod[]; holidays: SchoolPeriod[] } {
  return {
    termDates: DEFAULT_TERMS.map((p) => ({ ...p })),
    holidays: DEFAULT_HOLIDAYS.map((p) => ({ ...p })),
  };
}

/** "Autumn term: 2026-09-03 to 2026-12-18", or "Bank holiday: 2027-05-03" for a single day. */
export function formatPeriod(p: SchoolPeriod): string {
  const first = formatLocalDate(localDateOfDayNumber(p.first));
  const dates = p.first === p.last ? first : `${first} to ${formatLocalDate(localDateOfDayNumber(p.last))}`;
  return p.label === '' ? dates : `${p.label}: ${dates}`;
}

/** A date typed as 2026-09-03 or 03/09/2026 (UK order), as a day number; null when it is not a real date. */
function readDate(text: string): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const parts = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : uk
      ? { year: Number(uk[3]), month: Number(uk[2]), day: Number(uk[1]) }
      : null;
  if (!parts || parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31) return null;
  const n = dayNumberOf(parts);
  // 31/02 rolls over into March: not a real date.
  const back = localDateOfDayNumber(n);
  return back.month === parts.month && back.day === parts.day ? n : null;
}

const DATE = String.raw`(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})`;
const LINE = new RegExp(String.raw`^(?:(.*?)\s*:\s*)?${DATE}(?:\s*(?:to|until|[-–—])\s*${DATE})?$`, 'i');

/** One line of a term-dates or holidays cell; null when it cannot be read. */
export function parsePeriod(line: string): SchoolPeriod | null {
  const m = LINE.exec(line.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  const first = readDate(m[2] ?? '');
  const last = m[3] === undefined ? first : readDate(m[3]);
  if (first === null || last === null || last < first) return null;
  return { label: (m[1] ?? '').trim(), first, last };
}

function within(periods: readonly SchoolPeriod[], dayNumber: number): boolean {
  return periods.some((p) => dayNumber >= p.first && dayNumber <= p.last);
}

/** Whether a local day number is a school day in the calendar (see the file comment). */
export function isSchoolDayIn(calendar: SchoolCalendar, dayNumber: number): boolean {
  if (isoWeekdayOfDayNumber(dayNumber) > 5) return false;
  if (within(calendar.holidays, dayNumber)) return false;
  if (calendar.terms.length === 0) return true;
  const first = Math.min(...calendar.terms.map((p) => p.first));
  const last = Math.max(...calendar.terms.map((p) => p.last));
  if (dayNumber < first || dayNumber > last) return true;
  return within(calendar.terms, dayNumber);
}

/** The first school day after a local day number (at most a year ahead, then simply the next weekday). */
export function nextSchoolDayIn(calendar: SchoolCalendar, dayNumber: number): number {
  for (let next = dayNumber + 1; next <= dayNumber + 366; next++) {
    if (isSchoolDayIn(calendar, next)) return next;
  }
  let next = dayNumber + 1;
  while (isoWeekdayOfDayNumber(next) > 5) next += 1;
  return next;
}

/** A plain-words warning when the last term listed has ended: reminders then go out every weekday. */
export function calendarProblems(calendar: SchoolCalendar, today: number): string[] {
  if (calendar.terms.length === 0) return [];
  const last = Math.max(...calendar.terms.map((p) => p.last));
  if (today <= last) return [];
  return [
    `Term dates: the last term listed ended on ${formatLocalDate(localDateOfDayNumber(last))}. Add next year's terms and holidays: until then reminders go out every weekday.`,
  ];
}

/**
 * Every Monday-to-Friday that is not a school day, oldest first: the holidays and the weekdays between terms,
 * within the span the calendar covers (outside it every weekday is a school day, so the list is finite). For
 * the register's colouring, which must call a case overdue on the same days the reminders do.
 */
export function nonSchoolWeekdays(calendar: SchoolCalendar): number[] {
  const periods = [...calendar.terms, ...calendar.holidays];
  if (periods.length === 0) return [];
  const first = Math.min(...periods.map((p) => p.first));
  const last = Math.max(...periods.map((p) => p.last));
  const days: number[] = [];
  for (let d = first; d <= last; d++) {
    if (isoWeekdayOfDayNumber(d) <= 5 && !isSchoolDayIn(calendar, d)) days.push(d);
  }
  return days;
}

/** What decides when an open case is overdue: the Settings' days without an update, and the school days. */
export interface OverdueRule {
  overdueDays: number;
  calendar: SchoolCalendar;
}

/** A local day number as a spreadsheet date serial (days since 30 December 1899, as Sheets counts). */
export function sheetDateSerial(dayNumber: number): number {
  return dayNumber + SERIAL_OF_1970;
}

/** 1 January 1970 is day 25569 in the spreadsheet's count. */
const SERIAL_OF_1970 = 25569;
