/**
 * Calendar arithmetic in a named IANA time zone (the school's), using only Intl: weeks and months are cut
 * where the school's clocks say, not in UTC, and stay right across daylight-saving changes.
 *
 * Two representations are used:
 * - an instant: a Date (or epoch milliseconds);
 * - a local calendar date: { year, month (1–12), day }, or its "day number" — the count of days since
 *   1970-01-01 on the local calendar. Day numbers make date arithmetic plain integer arithmetic, which is
 *   what lets the analytics handle tens of thousands of incidents quickly.
 *
 * School days here are Monday to Friday, with no holiday or term calendar; the school's own terms and
 * holidays (from Settings) are applied by school-calendar.ts, which reminders and the overdue rules use.
 */

export const MS_PER_DAY = 86_400_000;

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: IsoWeekday;
}

const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const WEEKDAY_ABBREVIATIONS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Per zone: the formatter, and the UTC offset of each UTC day (NaN for a day with an offset change). */
interface ZoneCache {
  formatter: Intl.DateTimeFormat;
  offsetByUtcDay: Map<number, number>;
}

// Filled lazily on first use, so loading the module does no work.
const zoneCaches = new Map<string, ZoneCache>();
/** Bounds the memory a long run over many years of data can take. */
const MAX_CACHED_DAYS_PER_ZONE = 20_000;

function zoneCache(timeZone: string): ZoneCache {
  let cache = zoneCaches.get(timeZone);
  if (cache === undefined) {
    let formatter: Intl.DateTimeFormat;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as Europe/London.`);
    }
    cache = { formatter, offsetByUtcDay: new Map() };
    zoneCaches.set(timeZone, cache);
  }
  return cache;
}

/** True when Intl knows the zone (e.g. "Europe/London"); for validating settings. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneCache(timeZone);
    return true;
  } catch {
    return false;
  }
}

function toMs(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid date');
  return ms;
}

/** The zone's offset from UTC at an instant, asked of Intl directly (a few microseconds). */
function offsetFromIntl(cache: ZoneCache, ms: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of cache.formatter.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        // Some engines print midnight as 24 even with h23.
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return wall.getTime() - wholeSecond;
}

/**
 * The zone's offset from UTC (local − UTC, in ms) at an instant. Offsets are cached per UTC day: when the
 * offset is the same at the first and last millisecond of the day, it holds all day (no zone changes its
 * offset twice within one day); a day with a change is asked of Intl instant by instant.
 */
export function zoneOffsetMs(instant: Date | number, timeZone: string): number {
  const ms = toMs(instant);
  const cache = zoneCache(timeZone);
  const utcDay = Math.floor(ms / MS_PER_DAY);
  let offset = cache.offsetByUtcDay.get(utcDay);
  if (offset === undefined) {
    const atStart = offsetFromIntl(cache, utcDay * MS_PER_DAY);
    const atEnd = offsetFromIntl(cache, utcDay * MS_PER_DAY + MS_PER_DAY - 1);
    offset = atStart === atEnd ? atStart : Number.NaN;
    if (cache.offsetByUtcDay.size >= MAX_CACHED_DAYS_PER_ZONE) cache.offsetByUtcDay.clear();
    cache.offsetByUtcDay.set(utcDay, offset);
  }
  return Number.isNaN(offset) ? offsetFromIntl(cache, ms) : offset;
}

// ---- Local calendar dates and day numbers (pure arithmetic, no time zone) ----

/** The day number (days since 1970-01-01) of a calendar date. */
export function dayNumberOf(date: LocalDate): number {
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

/** The calendar date of a day number. */
export function localDateOfDayNumber(dayNumber: number): LocalDate {
  const utc = new Date(dayNumber * MS_PER_DAY);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export function isoWeekdayOfDayNumber(dayNumber: number): IsoWeekday {
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** The day number of the Monday on or before a day number. */
export function mondayOfDayNumber(dayNumber: number): number {
  return dayNumber - (isoWeekdayOfDayNumber(dayNumber) - 1);
}

/** Adds days to a calendar date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateOfDayNumber(dayNumberOf(date) + days);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** 'YYYY-MM-DD' */
export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** 'YYYY-MM' */
export function formatMonthKey(date: Pick<LocalDate, 'year' | 'month'>): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}`;
}

/** 'Jul 2026' — fixed English, not the runtime's locale, so output is the same everywhere. */
export function formatMonthLabel(date: Pick<LocalDate, 'year' | 'month'>): string {
  return `${MONTH_ABBREVIATIONS[date.month - 1] ?? '?'} ${date.year}`;
}

/** '26 Oct 2026' */
export function formatDayLabel(date: LocalDate): string {
  return `${date.day} ${MONTH_ABBREVIATIONS[date.month - 1] ?? '?'} ${date.year}`;
}

/** 'Mon 26 Oct 2026' */
export function formatWeekdayDayLabel(date: LocalDate): string {
  return `${WEEKDAY_ABBREVIATIONS[isoWeekdayOfDayNumber(dayNumberOf(date)) - 1] ?? '?'} ${formatDayLabel(date)}`;
}

/** Monday to Friday; holidays are not known. */
export function isSchoolDay(date: LocalDate): boolean {
  return isoWeekdayOfDayNumber(dayNumberOf(date)) <= 5;
}

// ---- Instants in a zone ----

/** The local day number of an instant in the zone. */
export function localDayNumber(instant: Date | number, timeZone: string): number {
  const ms = toMs(instant);
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / MS_PER_DAY);
}

/** Local date and time parts of an instant. */
export function localParts(instant: Date | number, timeZone: string): LocalDateTime {
  const ms = toMs(instant);
  const wall = new Date(ms + zoneOffsetMs(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    weekday: (((wall.getUTCDay() + 6) % 7) + 1) as IsoWeekday,
  };
}

/** The local calendar date of an instant. */
export function localDateOf(instant: Date | number, timeZone: string): LocalDate {
  return localDateOfDayNumber(localDayNumber(instant, timeZone));
}

/**
 * The instant a local wall-clock time (as UTC-ms "wall" milliseconds) happens in the zone. A time that
 * happens twice (clocks going back) resolves to the earlier instant; a time that never happens (clocks
 * going forward) moves forward by the gap — 01:30 on the London spring-forward day becomes 02:30 BST.
 * This is what Temporal calls the "compatible" disambiguation.
 */
function instantOfWall(wallMs: number, timeZone: string): number {
  const offsetBefore = zoneOffsetMs(wallMs - MS_PER_DAY, timeZone);
  const offsetAfter = zoneOffsetMs(wallMs + MS_PER_DAY, timeZone);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + zoneOffsetMs(candidate, timeZone) === wallMs) return candidate;
  }
  return wallMs - offsetBefore;
}

/** The instant of a local date and time in the zone (see instantOfWall for skipped or repeated times). */
export function instantOfLocal(date: LocalDate, timeZone: string, hour = 0, minute = 0, second = 0): Date {
  const wallMs = dayNumberOf(date) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return new Date(instantOfWall(wallMs, timeZone));
}

/** Days from Sheets' day 0 (1899-12-30) to 1970-01-01. */
const SERIAL_OF_UNIX_EPOCH = 25_569;

/**
 * The instant a Sheets date serial shows in `timeZone`: the serial counts days since 1899-12-30 on the
 * spreadsheet's wall clock ("The whole number portion of the value … counts the days since December 30th
 * 1899. The fractional portion … counts the time as a fraction of the day", DateTimeRenderOption
 * SERIAL_NUMBER in the Sheets API reference), so it is read as a wall time in the spreadsheet's zone, to
 * the millisecond. A wall time shown twice (clocks going back) is the earlier instant; one skipped (clocks
 * going forward) moves forward by the gap, as for every other wall time here.
 */
export function instantOfSerial(serial: number, timeZone: string): Date {
  const wallMs = Math.round((serial - SERIAL_OF_UNIX_EPOCH) * MS_PER_DAY);
  return new Date(instantOfWall(wallMs, timeZone));
}

/** The first instant of a local day number. */
export function startOfDayNumber(dayNumber: number, timeZone: string): Date {
  return new Date(instantOfWall(dayNumber * MS_PER_DAY, timeZone));
}

/** The first instant of the local day the instant falls in. */
export function startOfLocalDay(instant: Date | number, timeZone: string): Date {
  return startOfDayNumber(localDayNumber(instant, timeZone), timeZone);
}

/** The first instant of the local ISO week (Monday) the instant falls in. */
export function startOfLocalWeek(instant: Date | number, timeZone: string): Date {
  return startOfDayNumber(mondayOfDayNumber(localDayNumber(instant, timeZone)), timeZone);
}

/** The first instant of the local month the instant falls in. */
export function startOfLocalMonth(instant: Date | number, timeZone: string): Date {
  const date = localDateOf(instant, timeZone);
  return instantOfLocal({ year: date.year, month: date.month, day: 1 }, timeZone);
}

/**
 * The same local wall-clock time a number of local days later (or earlier): across a clock change that is
 * 23 or 25 hours, not 24.
 */
export function addLocalDays(instant: Date | number, days: number, timeZone: string): Date {
  const ms = toMs(instant);
  const wallMs = ms + zoneOffsetMs(ms, timeZone);
  return new Date(instantOfWall(wallMs + days * MS_PER_DAY, timeZone));
}

/** 'YYYY-MM' of the local month the instant falls in. */
export function monthKey(instant: Date | number, timeZone: string): string {
  return formatMonthKey(localDateOf(instant, timeZone));
}

/** The local date 'YYYY-MM-DD' of the Monday of the ISO week the instant falls in. */
export function weekKey(instant: Date | number, timeZone: string): string {
  return formatLocalDate(localDateOfDayNumber(mondayOfDayNumber(localDayNumber(instant, timeZone))));
}

/**
 * Whole local calendar days from one instant's date to another's (negative when `to` is earlier): Monday
 * 23:59 to Tuesday 00:01 is 1 day; a 23-hour spring-forward day still counts as one.
 */
export function wholeDaysBetween(from: Date | number, to: Date | number, timeZone: string): number {
  return localDayNumber(to, timeZone) - localDayNumber(from, timeZone);
}

/** The first school day (Mon–Fri; no holiday calendar) after a local day number. */
export function nextSchoolDayNumber(dayNumber: number): number {
  let next = dayNumber + 1;
  while (isoWeekdayOfDayNumber(next) > 5) next += 1;
  return next;
}

/**
 * The first school day (Mon–Fri) after the local date of the instant: Friday, Saturday or Sunday → Monday.
 * No holiday calendar is known, so a bank holiday counts as a school day.
 */
export function nextSchoolDay(instant: Date | number, timeZone: string): LocalDate {
  return localDateOfDayNumber(nextSchoolDayNumber(localDayNumber(instant, timeZone)));
}
