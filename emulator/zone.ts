/**
 * Time zones for every emulated service: one cached Intl.DateTimeFormat per IANA zone, the wall-clock
 * fields of an instant, and the instant of a wall-clock time. Intl does the daylight-saving arithmetic.
 *
 * Users: Sheets display values and serial numbers (sheets/format.ts), clock-trigger schedules (script.ts),
 * Utilities.formatDate (utilities.ts) and FormApp's date answers (forms/items.ts). Sheets and Utilities
 * also share the English month and day names.
 */

/** A calendar date on the wall clock. */
export interface WallDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The wall-clock fields of an instant in a zone. */
export interface WallClock extends WallDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Wall-clock time minus UTC, in milliseconds (whole seconds: Intl reads no finer). */
  offsetMs: number;
}

/** English month names, January first: Sheets (en_GB) and Utilities.formatDate (en_US) print the same. */
export const MONTH_NAMES: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** English day names, indexed by `WallClock.weekday` (0 = Sunday). */
export const WEEKDAY_NAMES: readonly string[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's formatter; throws Intl's RangeError for a zone it does not know (nothing is cached then). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
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
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone Intl knows (IANA names, and whatever else the engine accepts, such as "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A UTC timestamp for wall-clock fields (Date.UTC maps years 0–99 to 1900–1999; this does not). */
export function utcOfFields(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  d.setUTCFullYear(year);
  return d.getTime();
}

/** The offset at a whole-second instant, as Intl reports the wall clock there. */
function offsetFromIntl(wholeSecondMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(wholeSecondMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = utcOfFields(
    parts.year ?? 1970,
    parts.month ?? 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24, // h23 never gives 24, but an engine that did would mean midnight
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - wholeSecondMs;
}

/** Offsets change on quarter-hour boundaries (in all but some historical changes), so one lookup serves a quarter hour. */
const OFFSET_BUCKET_MS = 15 * 60 * 1000;
/** Marks a quarter hour in which the offset changes: each instant in it is looked up on its own. */
const MIXED = Number.NaN;
const offsetCaches = new Map<string, Map<number, number>>();

/**
 * The zone's offset at the instant `ms`: wall-clock time minus UTC, in milliseconds. Cached per quarter
 * hour when the quarter hour's first and last seconds agree, so the cache never changes an answer.
 */
export function zoneOffsetAt(ms: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache || cache.size > 200_000) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = bucket * OFFSET_BUCKET_MS;
    const first = offsetFromIntl(start, timeZone);
    offset = first === offsetFromIntl(start + OFFSET_BUCKET_MS - 1000, timeZone) ? first : MIXED;
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? offsetFromIntl(Math.floor(ms / 1000) * 1000, timeZone) : offset;
}

/** The wall-clock fields of the instant `ms` on a clock running `offsetMs` ahead of UTC. */
export function wallClockWithOffset(ms: number, offsetMs: number): WallClock {
  const wall = new Date(ms + offsetMs);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    weekday: wall.getUTCDay(),
    offsetMs,
  };
}

/** The wall-clock fields of the instant `ms` in `timeZone`. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  return wallClockWithOffset(ms, zoneOffsetAt(ms, timeZone));
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` at hour:minute, by the rule of Java's
 * ZonedDateTime (which Apps Script's clock triggers follow): a wall time shown twice (autumn change) is
 * the earlier instant; one skipped (spring change) moves forward by the length of the gap.
 */
export function instantOfWallTime(date: WallDate, hour: number, minute: number, timeZone: string): number {
  const wall = utcOfFields(date.year, date.month, date.day, hour, minute);
  const before = wall - zoneOffsetAt(wall - 12 * 3_600_000, timeZone);
  const after = wall - zoneOffsetAt(wall + 12 * 3_600_000, timeZone);
  for (const candidate of [Math.min(before, after), Math.max(before, after)]) {
    const t = wallClockAt(candidate, timeZone);
    if (
      t.year === date.year &&
      t.month === date.month &&
      t.day === date.day &&
      t.hour === hour &&
      t.minute === minute
    ) {
      return candidate;
    }
  }
  return before;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wallMs` (wall-clock milliseconds since
 * 1970-01-01, the clock a Sheets serial number counts on), by the same rule as `instantOfWallTime`: a wall
 * time shown twice is the earlier instant; one skipped moves forward by the length of the gap. Two cached
 * offset lookups when no change of offset is within half a day.
 */
export function instantOfWallMs(wallMs: number, timeZone: string): number {
  const offBefore = zoneOffsetAt(wallMs - 12 * 3_600_000, timeZone);
  const offAfter = zoneOffsetAt(wallMs + 12 * 3_600_000, timeZone);
  const before = wallMs - offBefore;
  if (offBefore === offAfter) return before;
  const after = wallMs - offAfter;
  for (const candidate of [Math.min(before, after), Math.max(before, after)]) {
    if (candidate + zoneOffsetAt(candidate, timeZone) === wallMs) return candidate;
  }
  return before;
}

/** The wall-clock milliseconds (since 1970-01-01 on the zone's clock) of the instant `ms` in `timeZone`. */
export function wallMsOf(ms: number, timeZone: string): number {
  return ms + zoneOffsetAt(ms, timeZone);
}
