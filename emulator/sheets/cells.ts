/**
 * What a cell holds and how text typed into it (or written by setValue/setValues/appendRow) becomes that.
 *
 * Apps Script's setValue(s) and appendRow parse strings as if the user typed them (the Sheets API calls
 * this USER_ENTERED): `=…` is a formula, `'…` is text with a hidden quote prefix, numeric text becomes a
 * number, TRUE/FALSE booleans, date-like text a date — unless the cell is formatted as plain text ('@').
 * What was checked (search corpora): the Sheets API's ValueInputOption docs ("USER_ENTERED: the values
 * will be parsed as if the user typed them into the UI"); client-library threads (node-google-spreadsheet
 * #559/#696, getodk/docs#1095, getodk/collect#3703) describe the leading apostrophe as the way to keep a
 * value as typed text, hidden from the displayed value and only visible when editing, and plain-text
 * format as making the apostrophe unnecessary. What this emulator does NOT model throws `not emulated`
 * (date and currency parsing of text, formula evaluation) so product code cannot come to rely on a guess.
 */
import { NotEmulatedError } from '../core';
import { wallMsOf } from '../zone';
import type { PlatformBehaviour } from '../platform';

/** A formula cell. Its value would need formula evaluation, which the emulator does not do. */
export class Formula {
  constructor(readonly text: string) {}
}

/**
 * A date-time cell as Sheets stores it: a serial number on the spreadsheet's wall clock, not an instant.
 * "Sheets, like most other spreadsheet applications, treats date and time values as decimal values …
 * The whole number portion of the value (left of the decimal) counts the days since December 30, 1899.
 * The fractional portion (right of the decimal) counts the time as a fraction of the day."
 * (https://developers.google.com/sheets/api/guides/formats, "About date and time values"). The serial
 * carries no zone: Apps Script turns a written Date into the spreadsheet's wall clock and a read serial
 * back into a Date in the spreadsheet's zone *at the time of reading*, so changing the spreadsheet's time
 * zone keeps every wall clock and moves every instant (the serial model; Google's help page on the
 * setting was not found in the search corpora, so the "moves every instant" half is (unconfirmed) beyond
 * following from the serial model; the self-test's zoneChange check looks on the school's tenant).
 * Held as whole wall-clock milliseconds since 1970-01-01 so no floating-point rounding creeps in:
 * serial = wallMs / 86400000 + 25569.
 */
export class SerialDate {
  constructor(readonly wallMs: number) {}

  /** Sheets' serial number (days since 1899-12-30 on the spreadsheet's wall clock). */
  get serial(): number {
    return this.wallMs / 86_400_000 + 25569;
  }
}

/** A cell's content: text, number, boolean, a date serial, or a formula. Empty is undefined. */
export type Cell = string | number | boolean | SerialDate | Formula;

export const PLAIN_TEXT_FORMAT = '@';

/** Apps Script's message for a string over the per-cell limit. */
export const CELL_TOO_LONG =
  'Your input contains more than the maximum of 50000 characters in a single cell.';
export const MAX_CELL_CHARS = 50000;

const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;
const HAS_DIGIT = /\d/;
const MONTHS =
  'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december';
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?`;
const DATE_LIKE: RegExp[] = [
  // 2026-09-01, 2026/9/1, optionally with a time or an ISO time.
  new RegExp(String.raw`^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]${TIME}(?:Z|[+-]\d{2}:?\d{2})?)?$`, 'i'),
  // 1/9/2026, 01-09-26, 1.9.2026, optionally with a time.
  new RegExp(String.raw`^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:\s+${TIME})?$`, 'i'),
  // A time of day: 10:30, 10:30:15, 9:05 pm, 10am.
  new RegExp(String.raw`^(?:${TIME}|\d{1,2}\s*[ap]\.?m\.?)$`, 'i'),
  // Month names with a day and/or year: 1 Sep 2026, September 1, 2026, Sep 2026, 1 September.
  new RegExp(
    String.raw`^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:${MONTHS})\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?(?:\s+\d{2,4})?$`,
    'i',
  ),
];
/** Day and month alone (1/9, 25/12): Sheets reads these as a date in the current year. */
const DAY_MONTH = /^(\d{1,2})[/-](\d{1,2})$/;
const CURRENCY = /^[+-]?\s*[£$€¥]\s*\d/;

const MONTH_START = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function looksLikeDate(text: string): boolean {
  const dm = DAY_MONTH.exec(text);
  if (dm) {
    const a = Number(dm[1]);
    const b = Number(dm[2]);
    return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
  }
  if (!HAS_DIGIT.test(text)) return false;
  return DATE_LIKE.some((re) => re.test(text));
}

function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text) || !HAS_DIGIT.test(text)) return undefined;
  const percent = text.endsWith('%');
  const n = Number((percent ? text.slice(0, -1) : text).replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return percent ? n / 100 : n;
}

/**
 * Converts a value from the script (or a user's typing) to what the cell will hold.
 * `numberFormat` is the cell's format before the write ('@' = plain text: no parsing). A Date becomes
 * its wall-clock time in `timeZone` (the spreadsheet's zone now) as a serial.
 */
export function parseInput(
  value: unknown,
  numberFormat: string | undefined,
  isDate: (v: unknown) => v is Date,
  timeZone: string,
  entry: TextEntry = MODELLED_ENTRY,
): Cell | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new NotEmulatedError(`writing ${String(value)} to a cell`);
      return value;
    case 'boolean':
      return value;
    case 'string':
      return parseText(value, numberFormat, entry);
    default:
      break;
  }
  if (isDate(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new NotEmulatedError('writing an invalid Date to a cell');
    return new SerialDate(wallMsOf(ms, timeZone));
  }
  // Apps Script would write the object's string form; a product doing that has a bug worth seeing.
  throw new NotEmulatedError(
    `writing a value of type ${Array.isArray(value) ? 'array' : typeof value} to a cell`,
  );
}

/** How typed text is taken (emulator/platform.ts: the self-test's failing twins flip these). */
export type TextEntry = Pick<PlatformBehaviour, 'quotePrefixHidden' | 'plainTextFormatKeepsText'>;
const MODELLED_ENTRY: TextEntry = { quotePrefixHidden: true, plainTextFormatKeepsText: true };

function parseText(text: string, numberFormat: string | undefined, entry: TextEntry): Cell | undefined {
  if (text.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG);
  if (numberFormat === PLAIN_TEXT_FORMAT && entry.plainTextFormatKeepsText) {
    // Whether a quote prefix is consumed in a plain-text cell is not documented: refuse to guess.
    if (text.startsWith("'")) throw new NotEmulatedError("quote prefix (') in a plain-text ('@') cell");
    return text;
  }
  const first = text.charCodeAt(0);
  if (first === 39 /* ' */) {
    if (!entry.quotePrefixHidden) return text;
    const rest = text.slice(1);
    return rest === '' ? undefined : rest;
  }
  if (first === 61 /* = */) return new Formula(text);
  if (isLetter(first)) {
    // Text starting with a letter is a number never; a boolean or a date ("Sep 1, 2026") rarely.
    if (text.length > 64) return text;
    const trimmed = text.trimEnd();
    const upper = trimmed.length === 4 || trimmed.length === 5 ? trimmed.toUpperCase() : '';
    if (upper === 'TRUE') return true;
    if (upper === 'FALSE') return false;
    if (MONTH_START.test(trimmed) && HAS_DIGIT.test(trimmed) && looksLikeDate(trimmed)) {
      throw new NotEmulatedError('date parsing of text input');
    }
    return text;
  }
  // Typed text is short when it is a number, boolean or date; long text skips the pattern tests.
  const short = text.length <= 64;
  const trimmed = short ? text.trim() : text;
  const n = short ? parseNumber(trimmed) : undefined;
  if (n !== undefined) return n;
  // Sheets starts a formula at a leading + or - too (`- called parents` is #ERROR!, `+44 20…` a formula).
  const signed = first === 43 || first === 45; // + or -
  if (signed && text.trim().length > 1) return new Formula(`=${text}`);
  if (!short) return text;
  const upper = trimmed.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  if (looksLikeDate(trimmed)) throw new NotEmulatedError('date parsing of text input');
  if (CURRENCY.test(trimmed)) throw new NotEmulatedError('currency parsing of text input');
  return text;
}

/** True when the cell has content (values and formulas; formats are not content). */
export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && cell !== '';
}
