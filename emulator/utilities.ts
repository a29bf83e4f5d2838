/**
 * The emulated `Utilities` service: date formatting with Java SimpleDateFormat patterns, digests,
 * HMACs, Base64, UUIDs, CSV parsing, sprintf-like formatting and `sleep` (which advances the
 * simulated clock instead of waiting).
 *
 * Apps Script's Utilities is a Java service, so its date patterns, time-zone lookup and error texts
 * are Java's; this module reproduces those where the product can observe them. Anything not here
 * (newBlob with bytes, zip, gzip, parseDate, RSA signatures…) throws `not emulated: Utilities.<name>` through
 * the facade's proxy.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { newBlob, type Blob } from './blob';
import { Emulated, NotEmulatedError, isDate, invalidArgument, type Counted } from './core';
import type { Clock } from './workspace';
import type { PlatformBehaviour } from './platform';
import {
  MONTH_NAMES,
  WEEKDAY_NAMES,
  isValidTimeZone,
  utcOfFields,
  wallClockAt,
  wallClockWithOffset,
  type WallClock,
} from './zone';

// ---------------------------------------------------------------------------------------------
// Errors shaped like Apps Script's
// ---------------------------------------------------------------------------------------------

/**
 * An error as Apps Script throws it: the message is the service's text and `String(error)` reads
 * `Exception: <message>`, as in the Apps Script execution log.
 */
export function scriptException(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

/** How Apps Script names an argument's type in a signature mismatch message. */
function typeNameOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (isDate(value)) return 'Date';
  if (Array.isArray(value)) return 'Object[]';
  if (typeof value === 'function') return 'Function';
  return 'Object';
}

/**
 * Apps Script's error when no overload of a method accepts the arguments, e.g.
 * "The parameters (String,String) don't match the method signature for MailApp.sendEmail."
 */
export function signatureError(method: string, args: readonly unknown[]): Error {
  // Trailing undefined arguments are ones the script did not give.
  const given = [...args];
  while (given.length > 0 && given[given.length - 1] === undefined) given.pop();
  return scriptException(
    `The parameters (${given.map(typeNameOf).join(',')}) don't match the method signature for ${method}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Time zones, resolved as Java's TimeZone.getTimeZone does
// ---------------------------------------------------------------------------------------------

/** A time zone as Utilities.formatDate understands it. */
export type TimeZoneRule =
  | { kind: 'iana'; id: string }
  | { kind: 'fixed'; id: string; offsetMinutes: number; shortName: string; longName: string };

const GMT_ZONE: TimeZoneRule = {
  kind: 'fixed',
  id: 'GMT',
  offsetMinutes: 0,
  shortName: 'GMT',
  longName: 'Greenwich Mean Time',
};

/** Java's custom IDs: GMT+h, GMT+hh, GMT+hhmm, GMT+h:mm, GMT+hh:mm (hours ≤ 23, minutes ≤ 59). */
const CUSTOM_GMT_ID = /^GMT([+-])(\d{1,2})(?::(\d{2})|(\d{2}))?$/;

const zoneCache = new Map<string, TimeZoneRule>();

/**
 * Resolves a time-zone ID as Java's `TimeZone.getTimeZone` (which Utilities.formatDate uses):
 * IANA IDs, `GMT`/`UTC`, and custom `GMT±hh:mm` offsets. An ID Java cannot understand is NOT an
 * error there: Java silently uses GMT, and so does Apps Script, so `formatDate(d, 'Europe/Londn', …)`
 * formats in GMT. The emulator keeps that behaviour (a product bug of that kind shows up as times one
 * hour off in summer, which a DST-crossing test catches).
 * Known differences: IDs are matched case-insensitively here (Java is case-sensitive), and Java's
 * legacy three-letter IDs that are not IANA names (PST, CST…) fall back to GMT.
 */
export function resolveTimeZone(id: string): TimeZoneRule {
  const cached = zoneCache.get(id);
  if (cached) return cached;
  let rule: TimeZoneRule;
  const custom = CUSTOM_GMT_ID.exec(id);
  if (id === 'GMT') {
    rule = GMT_ZONE;
  } else if (custom) {
    const [, sign = '+', hoursText = '0', colonMinutes, bareMinutes] = custom;
    const hours = Number(hoursText);
    const minutes = Number(colonMinutes ?? bareMinutes ?? '0');
    if (hours > 23 || minutes > 59) {
      rule = GMT_ZONE;
    } else {
      const offsetMinutes = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
      const name = offsetId(offsetMinutes, true);
      rule = { kind: 'fixed', id: name, offsetMinutes, shortName: name, longName: name };
    }
  } else {
    // Intl also takes "+01:00"-style offsets in newer engines; Java does not.
    rule = isValidTimeZone(id) && /^[A-Za-z]/.test(id) ? { kind: 'iana', id } : GMT_ZONE;
  }
  zoneCache.set(id, rule);
  return rule;
}

/** "GMT+01:00" (Java's normalised custom ID) or, with `forceSign` false and a zero offset, "GMT". */
function offsetId(offsetMinutes: number, forceSign: boolean): string {
  if (offsetMinutes === 0 && !forceSign) return 'GMT';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `GMT${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/** The wall-clock fields of an instant in a zone, with the offset in whole minutes as Java gives it. */
export type LocalFields = Omit<WallClock, 'offsetMs'> & { offsetMinutes: number };

export function localFields(ms: number, rule: TimeZoneRule): LocalFields {
  const { offsetMs, ...fields } =
    rule.kind === 'fixed' ? wallClockWithOffset(ms, rule.offsetMinutes * 60_000) : wallClockAt(ms, rule.id);
  return { ...fields, offsetMinutes: Math.round(offsetMs / 60_000) };
}

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameAt(ms: number, zone: string, locale: string, style: 'short' | 'long'): string {
  const key = `${zone}|${locale}|${style}`;
  let f = nameFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
    nameFormatters.set(key, f);
  }
  return f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** Locales whose short names together give the abbreviations Java prints (GMT/BST, EDT, CEST, AEST…). */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-NZ', 'en-IN'];
const NUMERIC_GMT_NAME = /^(GMT|UTC)[+-]/;

/**
 * Java's `z` (short) and `zzzz` (long) zone names. Where Java has no abbreviation it prints the
 * offset as "GMT+09:00"; so does this (Java knows a few more abbreviations, e.g. JST).
 */
function zoneName(ms: number, rule: TimeZoneRule, offsetMinutes: number, long: boolean): string {
  if (rule.kind === 'fixed') return long ? rule.longName : rule.shortName;
  if (long) {
    const name = zoneNameAt(ms, rule.id, 'en-US', 'long');
    return name && !NUMERIC_GMT_NAME.test(name) ? name : offsetId(offsetMinutes, true);
  }
  for (const locale of ABBREVIATION_LOCALES) {
    const name = zoneNameAt(ms, rule.id, locale, 'short');
    if (name && !NUMERIC_GMT_NAME.test(name)) return name;
  }
  return offsetId(offsetMinutes, true);
}

// ---------------------------------------------------------------------------------------------
// Java SimpleDateFormat patterns
// ---------------------------------------------------------------------------------------------

type PatternToken = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

/** The pattern letters java.text.SimpleDateFormat defines; any other ASCII letter is an error. */
const PATTERN_LETTERS = new Set('GyYMLwWDdFEuaHkKhmsSzZX');

const patternCache = new Map<string, PatternToken[]>();

/** Splits a pattern into fields and literals, with Java's errors for bad letters and quotes. */
export function compileDatePattern(pattern: string): PatternToken[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: PatternToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      if (pattern.charAt(i + 1) === "'") {
        tokens.push({ kind: 'literal', text: "'" });
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw invalidPattern('Unterminated quote');
        if (pattern.charAt(j) === "'") {
          if (pattern.charAt(j + 1) === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern.charAt(j);
        j += 1;
      }
      tokens.push({ kind: 'literal', text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!PATTERN_LETTERS.has(c)) throw invalidPattern(`Illegal pattern character '${c}'`);
      let count = 1;
      while (pattern.charAt(i + count) === c) count += 1;
      if (c === 'X' && count > 3) throw invalidPattern(`invalid ISO 8601 format: length=${count}`);
      tokens.push({ kind: 'field', letter: c, count });
      i += count;
    } else {
      tokens.push({ kind: 'literal', text: c });
      i += 1;
    }
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

/** Java throws IllegalArgumentException with these texts; Apps Script passes the text through. */
function invalidPattern(message: string): Error {
  return scriptException(message);
}

function pad(n: number, width: number): string {
  const digits = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${digits}` : digits;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function dayOfYear(f: LocalFields): number {
  return Math.round((utcOfFields(f.year, f.month, f.day) - utcOfFields(f.year, 1, 1)) / 86_400_000) + 1;
}

/**
 * Week of year and week-based year with the week rules of Apps Script's formatting locale (en_US):
 * weeks start on Sunday and week 1 is the week containing 1 January — so the last days of December
 * can be week 1 of the next year.
 */
function weekOfYear(f: LocalFields): { week: number; weekYear: number } {
  const doy = dayOfYear(f);
  const daysInYear = isLeapYear(f.year) ? 366 : 365;
  if (doy + (6 - f.weekday) > daysInYear) return { week: 1, weekYear: f.year + 1 };
  const jan1Weekday = (((f.weekday - (doy - 1)) % 7) + 7) % 7;
  return { week: Math.floor((doy - 1 + jan1Weekday) / 7) + 1, weekYear: f.year };
}

function rfc822Offset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

function isoOffset(offsetMinutes: number, count: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = pad(Math.floor(abs / 60), 2);
  const minutes = pad(abs % 60, 2);
  if (count === 1) return `${sign}${hours}`;
  return count === 2 ? `${sign}${hours}${minutes}` : `${sign}${hours}:${minutes}`;
}

function formatField(letter: string, count: number, f: LocalFields, ms: number, rule: TimeZoneRule): string {
  switch (letter) {
    case 'G':
      return f.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'Y': {
      const { weekYear } = weekOfYear(f);
      return count === 2 ? pad(weekYear % 100, 2) : pad(weekYear, count);
    }
    case 'M':
    case 'L': {
      const name = MONTH_NAMES[f.month - 1] ?? '';
      if (count >= 4) return name;
      return count === 3 ? name.slice(0, 3) : pad(f.month, count);
    }
    case 'w':
      return pad(weekOfYear(f).week, count);
    case 'W': {
      const firstWeekday = (((f.weekday - (f.day - 1)) % 7) + 7) % 7;
      return pad(Math.floor((f.day - 1 + firstWeekday) / 7) + 1, count);
    }
    case 'D':
      return pad(dayOfYear(f), count);
    case 'd':
      return pad(f.day, count);
    case 'F':
      return pad(Math.floor((f.day - 1) / 7) + 1, count);
    case 'E': {
      const name = WEEKDAY_NAMES[f.weekday] ?? '';
      return count >= 4 ? name : name.slice(0, 3);
    }
    case 'u':
      return pad(f.weekday === 0 ? 7 : f.weekday, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      // Java's S is the millisecond count, not a fraction: "S" of 7 ms is "7", "SSS" is "007".
      return pad(f.millisecond, count);
    case 'z':
      return zoneName(ms, rule, f.offsetMinutes, count >= 4);
    case 'Z':
      return rfc822Offset(f.offsetMinutes);
    case 'X':
      return isoOffset(f.offsetMinutes, count);
    default:
      throw invalidPattern(`Illegal pattern character '${letter}'`);
  }
}

/** Formats an instant as Java's SimpleDateFormat (locale en_US) would in the given zone. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const tokens = compileDatePattern(pattern);
  const rule = resolveTimeZone(timeZone);
  const fields = localFields(ms, rule);
  let out = '';
  for (const token of tokens) {
    out += token.kind === 'literal' ? token.text : formatField(token.letter, token.count, fields, ms, rule);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bytes, digests, Base64
// ---------------------------------------------------------------------------------------------

/** Enum values as the script sees them (`String(Utilities.DigestAlgorithm.SHA_256)` is "SHA_256"). */
export const DIGEST_ALGORITHM = Object.freeze({
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
});
export const CHARSET = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' });
export const MAC_ALGORITHM = Object.freeze({
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
});

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const NODE_HMAC: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function charsetOf(charset: unknown): 'US_ASCII' | 'UTF_8' {
  if (charset === undefined) return 'UTF_8';
  const name = String(charset);
  if (name === 'UTF_8' || name === 'US_ASCII') return name;
  return invalidArgument('charset');
}

/** A string's bytes in a charset; US-ASCII turns each character it cannot encode into '?', as Java does. */
function encodeText(text: string, charset: 'US_ASCII' | 'UTF_8'): Buffer {
  if (charset === 'UTF_8') return Buffer.from(text, 'utf8');
  return Buffer.from(
    Array.from(text, (ch) => ((ch.codePointAt(0) ?? 63) < 128 ? (ch.codePointAt(0) ?? 63) : 63)),
  );
}

/** A Java byte[] from the script: integers, taken modulo 256 (so both -1 and 255 are 0xFF). */
function bytesFromArray(values: readonly unknown[], name: string): Buffer {
  const out = Buffer.alloc(values.length);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -128 || v > 255) invalidArgument(name);
    out[i] = v & 0xff;
  });
  return out;
}

/** Java bytes are signed: 0x80–0xFF come back as -128…-1. */
function signedBytes(buffer: Buffer): number[] {
  return Array.from(buffer, (b) => (b > 127 ? b - 256 : b));
}

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const WEB_SAFE_BASE64 = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/;

// ---------------------------------------------------------------------------------------------
// CSV and sprintf-like formatting
// ---------------------------------------------------------------------------------------------

/**
 * RFC 4180 CSV: quoted fields may hold delimiters, newlines and doubled quotes; records end at
 * LF, CRLF or CR; a final line break does not start an empty record. An unterminated quote is an
 * error ("Could not parse text.", the text Apps Script gives for CSV it cannot parse).
 */
export function parseCsvText(csv: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let atFieldStart = true;
  let fieldWasQuoted = false;
  let inQuotes = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
    atFieldStart = true;
    fieldWasQuoted = false;
  };
  while (i < csv.length) {
    const c = csv.charAt(i);
    if (inQuotes) {
      if (c === '"') {
        if (csv.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      fieldWasQuoted = true;
      atFieldStart = false;
      i += 1;
    } else if (c === delimiter) {
      endField();
      i += 1;
    } else if (c === '\n' || c === '\r') {
      endField();
      rows.push(row);
      row = [];
      i += c === '\r' && csv.charAt(i + 1) === '\n' ? 2 : 1;
    } else {
      field += c;
      atFieldStart = false;
      i += 1;
    }
  }
  if (inQuotes) throw scriptException('Could not parse text.');
  if (field !== '' || fieldWasQuoted || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

const FORMAT_SPEC = /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifeExXoc%])/g;

/**
 * sprintf-like formatting: %s %d %i %f %e %x %X %o %c and %%, with flags (- + space 0), width and
 * precision. A missing argument formats as `undefined`.
 */
export function formatTemplate(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(
    FORMAT_SPEC,
    (_match, flags: string, widthText?: string, precisionText?: string, conversion?: string) => {
      if (conversion === '%') return '%';
      const arg = args[next++];
      const precision = precisionText === undefined ? undefined : Number(precisionText);
      const left = flags.includes('-');
      const zero = flags.includes('0') && !left;
      let body: string;
      let sign = '';
      const numeric = conversion !== 's' && conversion !== 'c';
      if (conversion === 's') {
        body = String(arg);
        if (precision !== undefined) body = body.slice(0, precision);
      } else if (conversion === 'c') {
        body = String.fromCharCode(Number(arg));
      } else {
        const n = Number(arg);
        if (conversion === 'd' || conversion === 'i') {
          body = String(Math.abs(Math.trunc(n)));
        } else if (conversion === 'f') {
          body = Math.abs(n).toFixed(precision ?? 6);
        } else if (conversion === 'e' || conversion === 'E') {
          body = Math.abs(n)
            .toExponential(precision ?? 6)
            .replace(/e([+-])(\d)$/, 'e$10$2');
          if (conversion === 'E') body = body.toUpperCase();
        } else {
          const radix = conversion === 'o' ? 8 : 16;
          body = (Math.trunc(n) >>> 0).toString(radix);
          if (conversion === 'X') body = body.toUpperCase();
        }
        if (Number.isNaN(n)) body = 'NaN';
        // Hex and octal print the two's complement of a negative number, so only decimals carry a sign.
        const decimal = conversion !== 'x' && conversion !== 'X' && conversion !== 'o';
        if (n < 0 && decimal) {
          sign = '-';
        } else if (flags.includes('+')) {
          sign = '+';
        } else if (flags.includes(' ')) {
          sign = ' ';
        }
      }
      const width = widthText === undefined ? 0 : Number(widthText);
      const length = sign.length + body.length;
      if (length >= width) return sign + body;
      if (left) return (sign + body).padEnd(width, ' ');
      if (zero && numeric) return sign + body.padStart(width - sign.length, '0');
      return (sign + body).padStart(width, ' ');
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The facade
// ---------------------------------------------------------------------------------------------

/** What Utilities needs from the workspace: the call log and the simulated clock (for sleep). */
export interface UtilitiesHost extends Counted {
  readonly clock: Pick<Clock, 'advance'>;
  readonly platform: Pick<PlatformBehaviour, 'digestHonoursCharset'>;
}

/** Apps Script's documented maximum for Utilities.sleep: 300000 ms (5 minutes). */
export const MAX_SLEEP_MS = 300_000;

export class Utilities
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Utilities.Utilities,
      | 'formatDate'
      | 'getUuid'
      | 'computeDigest'
      | 'computeHmacSha256Signature'
      | 'computeHmacSignature'
      | 'base64Encode'
      | 'base64EncodeWebSafe'
      | 'base64Decode'
      | 'base64DecodeWebSafe'
      | 'sleep'
      | 'parseCsv'
      | 'formatString'
    >
{
  // Enums are plain values, as the script reads them (Utilities.DigestAlgorithm.SHA_256).
  readonly DigestAlgorithm = DIGEST_ALGORITHM;
  readonly Charset = CHARSET;
  readonly MacAlgorithm = MAC_ALGORITHM;

  constructor(private readonly _host: UtilitiesHost) {
    super(_host, 'Utilities');
  }

  formatDate(date: unknown, timeZone: unknown, format: unknown): string {
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError('Utilities.formatDate', [date, timeZone, format]);
    }
    const ms = date.getTime();
    if (Number.isNaN(ms)) return invalidArgument('date');
    return formatJavaDate(ms, timeZone, format);
  }

  getUuid(): string {
    return randomUUID();
  }

  computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
    const name = String(algorithm);
    if (name === 'MD2') throw new NotEmulatedError('Utilities.computeDigest MD2');
    const nodeName = NODE_DIGEST[name];
    if (!nodeName) return invalidArgument('algorithm');
    // The flipped platform (emulator/platform.ts): the charset is ignored and text goes in as Latin-1.
    const ignored = !this._host.platform.digestHonoursCharset && typeof value === 'string';
    const bytes = ignored
      ? Buffer.from(value, 'latin1')
      : this._bytes('Utilities.computeDigest', [algorithm, value, charset], value, charset);
    return signedBytes(createHash(nodeName).update(bytes).digest());
  }

  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
    return this._hmac('Utilities.computeHmacSha256Signature', 'sha256', value, key, charset, [
      value,
      key,
      charset,
    ]);
  }

  computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
    const nodeName = NODE_HMAC[String(algorithm)];
    if (!nodeName) return invalidArgument('algorithm');
    return this._hmac('Utilities.computeHmacSignature', nodeName, value, key, charset, [
      algorithm,
      value,
      key,
      charset,
    ]);
  }

  base64Encode(data: unknown, charset?: unknown): string {
    return this._bytes('Utilities.base64Encode', [data, charset], data, charset).toString('base64');
  }

  /** Web-safe alphabet (- and _), padding kept, as Apps Script does. */
  base64EncodeWebSafe(data: unknown, charset?: unknown): string {
    return this._bytes('Utilities.base64EncodeWebSafe', [data, charset], data, charset)
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }

  base64Decode(encoded: unknown, charset?: unknown): number[] {
    return this._decode('Utilities.base64Decode', STANDARD_BASE64, encoded, charset);
  }

  base64DecodeWebSafe(encoded: unknown, charset?: unknown): number[] {
    return this._decode('Utilities.base64DecodeWebSafe', WEB_SAFE_BASE64, encoded, charset);
  }

  /** Advances the simulated clock instead of waiting. */
  sleep(milliseconds: unknown): void {
    if (typeof milliseconds !== 'number') throw signatureError('Utilities.sleep', [milliseconds]);
    if (!Number.isFinite(milliseconds) || milliseconds < 0) return invalidArgument('milliseconds');
    // Text modelled on Apps Script's "Argument too large: <name>" errors (e.g. for a long subject).
    if (milliseconds > MAX_SLEEP_MS) throw scriptException('Argument too large: milliseconds');
    this._host.clock.advance(Math.trunc(milliseconds));
  }

  parseCsv(csv: unknown, delimiter?: unknown): string[][] {
    if (typeof csv !== 'string') throw signatureError('Utilities.parseCsv', [csv, delimiter]);
    if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1)) {
      return invalidArgument('delimiter');
    }
    return parseCsvText(csv, delimiter ?? ',');
  }

  /** Text data only (emulator/blob.ts). */
  newBlob(...args: unknown[]): Blob {
    return newBlob(this._host, args);
  }

  formatString(template: unknown, ...args: unknown[]): string {
    if (typeof template !== 'string') throw signatureError('Utilities.formatString', [template, ...args]);
    return formatTemplate(template, args);
  }

  private _bytes(method: string, args: unknown[], value: unknown, charset: unknown): Buffer {
    if (typeof value === 'string') return encodeText(value, charsetOf(charset));
    if (Array.isArray(value) && charset === undefined) return bytesFromArray(value, 'value');
    throw signatureError(method, args);
  }

  private _hmac(
    method: string,
    nodeName: string,
    value: unknown,
    key: unknown,
    charset: unknown,
    args: unknown[],
  ): number[] {
    let valueBytes: Buffer;
    let keyBytes: Buffer;
    if (typeof value === 'string' && typeof key === 'string') {
      const cs = charsetOf(charset);
      valueBytes = encodeText(value, cs);
      keyBytes = encodeText(key, cs);
    } else if (Array.isArray(value) && Array.isArray(key) && charset === undefined) {
      valueBytes = bytesFromArray(value, 'value');
      keyBytes = bytesFromArray(key, 'key');
    } else {
      throw signatureError(method, args);
    }
    return signedBytes(createHmac(nodeName, keyBytes).update(valueBytes).digest());
  }

  private _decode(method: string, alphabet: RegExp, encoded: unknown, charset: unknown): number[] {
    if (typeof encoded !== 'string') throw signatureError(method, [encoded, charset]);
    charsetOf(charset);
    // Apps Script's decoder is strict about the alphabet and the padding.
    if (!alphabet.test(encoded)) throw scriptException('Could not decode string.');
    const standard = encoded.replace(/-/g, '+').replace(/_/g, '/');
    return signedBytes(Buffer.from(standard, 'base64'));
  }
}

export function makeUtilities(ws: UtilitiesHost): Utilities {
  return new Utilities(ws);
}
