/**
 * Making person-typed text safe to write to a spreadsheet cell, and reading cells back.
 *
 * The register adapter writes rows with Range.setValues, which treats a string the way a person typing it
 * would: `=…` becomes a formula, `+44 7700…` or `-5` a number or formula, `TRUE` a boolean, `1/2/2026` a
 * date, `007` the number 7. A leading apostrophe is Sheets' quote prefix: the cell stores and shows the text
 * without it and never parses it. So every non-empty person-typed string is written with one, whatever it
 * looks like; the apostrophe is not part of the value that getValues returns later.
 */

import { instantOfLocal, localParts } from './time';

/** The most characters one cell holds (Google Sheets' documented per-cell limit). */
export const CELL_CHAR_LIMIT = 50_000;

/** Sheets' quote prefix: makes the rest of the string literal text. */
export const QUOTE_PREFIX = "'";

/**
 * The value to write for a person-typed text: '' stays empty (no stray apostrophe), anything else is
 * quote-prefixed and, if too long for a cell, cut with a visible marker (see `fitToCell`).
 */
export function textCell(text: string): string {
  if (text === '') return '';
  return QUOTE_PREFIX + fitToCell(text, CELL_CHAR_LIMIT - QUOTE_PREFIX.length);
}

/**
 * Text that fits in `limit` UTF-16 code units (how the limit is counted). Longer text keeps its beginning
 * and ends with a marker saying how many characters were left out and where the full text is; the cut never
 * splits an emoji's surrogate pair. Line breaks, emoji and right-to-left text are kept as typed.
 */
export function fitToCell(text: string, limit: number = CELL_CHAR_LIMIT): string {
  if (text.length <= limit) return text;
  // The marker's length depends on the count it reports, which depends on where the cut falls: start
  // from a generous guess and step back until text plus its own exact marker fit.
  let cut = safeCutIndex(text, Math.max(0, limit - truncationMarker(countCharacters(text)).length));
  let marker = truncationMarker(countCharacters(text.slice(cut)));
  while (cut > 0 && cut + marker.length > limit) {
    cut = safeCutIndex(text, cut - 1);
    marker = truncationMarker(countCharacters(text.slice(cut)));
  }
  return text.slice(0, cut) + marker;
}

/** The marker appended to text cut to fit a cell; `notStored` is counted in characters a person sees. */
export function truncationMarker(notStored: number): string {
  const count = new Intl.NumberFormat('en-GB').format(notStored);
  return `\n\n[… ${count} more characters not stored in this cell: the full text is in the form response.]`;
}

/** Whether a cell's text ends with the cut marker (so readers know the text is incomplete). */
export function isTruncated(text: string): boolean {
  return /\n\n\[… [\d,]+ more characters not stored in this cell: the full text is in the form response\.\]$/.test(
    text,
  );
}

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `index`, moved back by one if it would separate a high surrogate from its low surrogate. */
function safeCutIndex(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  const before = text.charCodeAt(index - 1);
  const isHighSurrogate = before >= 0xd800 && before <= 0xdbff;
  return isHighSurrogate ? index - 1 : index;
}

/**
 * What Sheets stores for a written value: a quote-prefixed string loses its prefix and stays text.
 * Used to model a round trip (and by tests); getValues never returns the apostrophe.
 */
export function withoutQuotePrefix(value: unknown): unknown {
  return typeof value === 'string' && value.startsWith(QUOTE_PREFIX)
    ? value.slice(QUOTE_PREFIX.length)
    : value;
}

/** A value read with getValues is a Date when Sheets holds a date (checked without instanceof: realms). */
export function isDateValue(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime())
  );
}

/**
 * A cell read back as text. Sheets may have turned what a DSL typed into a number, boolean or date; those
 * are shown the way a person would have typed them (dates as dd/mm/yyyy[ hh:mm] in `timeZone`).
 */
export function cellText(value: unknown, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDateValue(value)) return formatDayMonthYear(value, timeZone);
  return String(value);
}

/**
 * A cell read back as a date: a Date as is; text typed as dd/mm/yyyy (UK order), yyyy-mm-dd, optionally
 * with hh:mm, as that wall time in `timeZone`; anything else null.
 */
export function cellDate(value: unknown, timeZone = 'UTC'): Date | null {
  if (isDateValue(value)) return value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  let fields: [number, number, number, number, number] | null = null;
  if (iso)
    fields = [Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0)];
  else if (uk) fields = [Number(uk[3]), Number(uk[2]), Number(uk[1]), Number(uk[4] ?? 0), Number(uk[5] ?? 0)];
  if (!fields) return null;
  return wallTimeToDateOrNull(fields, timeZone);
}

function wallTimeToDateOrNull(
  [year, month, day, hour, minute]: [number, number, number, number, number],
  timeZone: string,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null; // 31/02 and the like
  return instantOfLocal({ year, month, day }, timeZone, hour, minute);
}

/** dd/mm/yyyy, plus hh:mm when the time is not midnight, in `timeZone`. */
export function formatDayMonthYear(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  const day = `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
  return p.hour === 0 && p.minute === 0 ? day : `${day} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Sheets' plain-text number format: a cell so formatted keeps what is written as text. */
export const PLAIN_TEXT_FORMAT = '@';

/**
 * The same rows for a tenant where the quote prefix does not hide itself (the platform self-test found it,
 * domain/selftest.ts): each quote-prefixed text is written without its prefix into a cell formatted as plain
 * text instead; every other cell keeps its format from `formats`.
 */
export function asPlainTextCells<T>(
  rows: readonly (readonly T[])[],
  formats: readonly (readonly string[])[],
): { values: Array<Array<T | string>>; formats: string[][] } {
  const values = rows.map((row) =>
    row.map((v) => (typeof v === 'string' && v.startsWith(QUOTE_PREFIX) ? v.slice(1) : v)),
  );
  const out = rows.map((row, r) =>
    row.map((v, c) =>
      typeof v === 'string' && v.startsWith(QUOTE_PREFIX) ? PLAIN_TEXT_FORMAT : (formats[r]?.[c] ?? ''),
    ),
  );
  return { values, formats: out };
}
