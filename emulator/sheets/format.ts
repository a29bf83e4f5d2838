/**
 * Display values: how Sheets renders a cell as text (getDisplayValues), by its number format, in the
 * spreadsheet's time zone, for the en_GB locale. Formats outside the subset below throw `not emulated`.
 *
 * Number formats: automatic ('0.###############', the default), '@' (plain text), '0', '0.0…',
 * '#,##0', '#,##0.00…', and the same followed by '%'.
 * Date formats (Sheets' own tokens, case-insensitive): yyyy/yy, m/mm (month, or minutes after an hour
 * token or before a seconds token), mmm, mmmm, d/dd, ddd, dddd, h/hh, ss, am/pm, a/p, quoted "text" and
 * backslash escapes.
 */
import { NotEmulatedError } from '../core';
import {
  MONTH_NAMES,
  WEEKDAY_NAMES,
  wallClockAt,
  wallClockWithOffset,
  zoneOffsetAt,
  type WallClock,
} from '../zone';
import { Formula, PLAIN_TEXT_FORMAT, type Cell, type SerialDate } from './cells';

/** The number format Sheets reports for a cell nobody has formatted. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
/** The date-time format Sheets gives a cell when a Date is written to it (en_GB). */
export const DEFAULT_DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';

/** Sheets' serial number of an instant: days since 1899-12-30 in the spreadsheet's wall-clock time. */
export function serialNumber(ms: number, timeZone: string): number {
  return (ms + zoneOffsetAt(ms, timeZone)) / 86400000 + 25569;
}

type DateToken =
  | { kind: 'literal'; text: string }
  | { kind: 'year' | 'month' | 'minute' | 'day' | 'hour' | 'second'; width: number }
  | { kind: 'ampm'; text: [string, string] };

const compiledDateFormats = new Map<string, DateToken[]>();

function stripLiterals(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
}

export function isDateFormat(format: string | undefined): boolean {
  if (format === undefined || format === PLAIN_TEXT_FORMAT || format === DEFAULT_NUMBER_FORMAT) return false;
  const bare = stripLiterals(format);
  if (/^general$/i.test(bare.trim())) return false;
  return /[ydhsm]/i.test(bare) && !/[0#?@]/.test(bare);
}

function compileDateFormat(format: string): DateToken[] {
  const cached = compiledDateFormats.get(format);
  if (cached) return cached;
  const raw: DateToken[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format.charAt(i);
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      if (end < 0) throw new NotEmulatedError(`date format ${format}`);
      raw.push({ kind: 'literal', text: format.slice(i + 1, end) });
      i = end + 1;
    } else if (ch === '\\') {
      raw.push({ kind: 'literal', text: format.charAt(i + 1) });
      i += 2;
    } else if (format.slice(i, i + 5).toLowerCase() === 'am/pm') {
      const upper = format.charAt(i) === 'A';
      raw.push({ kind: 'ampm', text: upper ? ['AM', 'PM'] : ['am', 'pm'] });
      i += 5;
    } else if (format.slice(i, i + 3).toLowerCase() === 'a/p') {
      const upper = format.charAt(i) === 'A';
      raw.push({ kind: 'ampm', text: upper ? ['A', 'P'] : ['a', 'p'] });
      i += 3;
    } else if ('ymdhs'.includes(lower)) {
      let j = i;
      while (j < format.length && format.charAt(j).toLowerCase() === lower) j += 1;
      const width = j - i;
      const kind = ({ y: 'year', m: 'month', d: 'day', h: 'hour', s: 'second' } as const)[
        lower as 'y' | 'm' | 'd' | 'h' | 's'
      ];
      raw.push({ kind, width });
      i = j;
    } else if (/[a-z0#?[\]@*_]/i.test(ch)) {
      throw new NotEmulatedError(`date format ${format}`);
    } else {
      raw.push({ kind: 'literal', text: ch });
      i += 1;
    }
  }
  // m/mm means minutes right after an hour token or right before a seconds token (literals skipped).
  const fields = raw.filter((t) => t.kind !== 'literal');
  const tokens = raw.map((t): DateToken => {
    if (t.kind !== 'month' || t.width > 2) return t;
    const at = fields.indexOf(t);
    const before = fields[at - 1];
    const after = fields[at + 1];
    if (before?.kind === 'hour' || after?.kind === 'second') return { kind: 'minute', width: t.width };
    return t;
  });
  compiledDateFormats.set(format, tokens);
  return tokens;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatDate(ms: number, format: string, timeZone: string): string {
  return formatWallClock(wallClockAt(ms, timeZone), format);
}

/** A date serial's display: its wall clock as it is, whatever the zone (a serial has none). */
export function formatSerialDate(cell: SerialDate, format: string): string {
  return formatWallClock(wallClockWithOffset(cell.wallMs, 0), format);
}

function formatWallClock(p: WallClock, format: string): string {
  const tokens = compileDateFormat(format);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  let out = '';
  for (const t of tokens) {
    switch (t.kind) {
      case 'literal':
        out += t.text;
        break;
      case 'year':
        out += t.width <= 2 ? pad2(p.year % 100) : String(p.year).padStart(4, '0');
        break;
      case 'month': {
        const name = MONTH_NAMES[p.month - 1] ?? '';
        if (t.width === 1) out += String(p.month);
        else if (t.width === 2) out += pad2(p.month);
        else if (t.width === 3) out += name.slice(0, 3);
        else if (t.width === 4) out += name;
        else out += name.charAt(0);
        break;
      }
      case 'minute':
        out += t.width === 1 ? String(p.minute) : pad2(p.minute);
        break;
      case 'day': {
        const name = WEEKDAY_NAMES[p.weekday] ?? '';
        if (t.width === 1) out += String(p.day);
        else if (t.width === 2) out += pad2(p.day);
        else if (t.width === 3) out += name.slice(0, 3);
        else out += name;
        break;
      }
      case 'hour': {
        const h = twelveHour ? ((p.hour + 11) % 12) + 1 : p.hour;
        out += t.width === 1 ? String(h) : pad2(h);
        break;
      }
      case 'second':
        out += t.width === 1 ? String(p.second) : pad2(p.second);
        break;
      case 'ampm':
        out += p.hour < 12 ? t.text[0] : t.text[1];
        break;
    }
  }
  return out;
}

const FIXED = /^(#,##)?0(?:\.(0+))?(%)?$/;

function generalNumber(n: number): string {
  const value = Object.is(n, -0) ? 0 : n;
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-6))
    throw new NotEmulatedError('scientific notation in display values');
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

export function formatNumber(n: number, format: string | undefined): string {
  if (
    format === undefined ||
    format === DEFAULT_NUMBER_FORMAT ||
    format === PLAIN_TEXT_FORMAT ||
    /^general$/i.test(format)
  ) {
    return generalNumber(n);
  }
  const m = FIXED.exec(format);
  if (!m) throw new NotEmulatedError(`number format ${format}`);
  const decimals = m[2]?.length ?? 0;
  const percent = m[3] !== undefined;
  const value = percent ? n * 100 : n;
  let text = new Intl.NumberFormat('en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: m[1] !== undefined,
  }).format(value);
  if (/^-0(?:\.0*)?$/.test(text)) text = text.slice(1);
  return percent ? `${text}%` : text;
}

/**
 * A cell as getDisplayValues shows it. A date serial shows its own wall clock: changing the spreadsheet's
 * zone changes no display (`_timeZone` is kept for callers that pass it).
 */
export function displayCell(cell: Cell | undefined, format: string | undefined, _timeZone: string): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') {
    if (isDateFormat(format)) throw new NotEmulatedError('display of a number in a date-formatted cell');
    return formatNumber(cell, format);
  }
  if (cell instanceof Formula) throw new NotEmulatedError('formula evaluation');
  if (format === undefined || format === DEFAULT_NUMBER_FORMAT) {
    return formatSerialDate(cell, DEFAULT_DATE_TIME_FORMAT);
  }
  if (!isDateFormat(format)) throw new NotEmulatedError(`display of a date in a cell formatted ${format}`);
  return formatSerialDate(cell, format);
}
