/**
 * The trust-wide Summary, built from the schools' sheets of the trust spreadsheet: why pure and here — the
 * trust's own deployment (handlers/trust.ts) reads the `School <code>` sheets and writes what this returns,
 * and the rule that keeps small numbers out of it is the one thing worth testing without a spreadsheet.
 *
 * Suppression: the trust only ever adds counts a school already showed exactly, and re-checks each of them
 * against the trust's threshold (a school with suppression off may have sent a 1). So every number here is
 * 0 or at least the threshold (a sum of such numbers), and every number is a function of counts already
 * shown in the schools' sheets: no trust figure can narrow a count a school hid. What it cannot add up it
 * says so beside the sum ("Not added": which schools; by dimension, how many school-weeks — a number of
 * weeks, not of incidents), and never claims an exact trust total.
 */
import { withoutQuotePrefix } from './cells';
import { DEFAULT_THRESHOLD } from './suppression';

export const TRUST_SUMMARY_SHEET = 'Trust summary';
/** The prefix of a school's sheet in the trust spreadsheet (workspace/trust-store.ts writes them). */
export const SCHOOL_SHEET_PREFIX = 'School ';
/** Weeks covered by the breakdown by dimension (the weekly table covers every week). */
export const RECENT_WEEKS = 8;

export interface SchoolSheet {
  /** The school's code, from its sheet's name. */
  code: string;
  /** The sheet's values, header first (domain/trust-export's TRUST_COLUMNS). */
  values: readonly (readonly unknown[])[];
}

type Cell = string | number;

interface Parsed {
  week: string;
  dimension: string;
  value: string;
  /** The exact count when the school showed one at or above the trust's threshold (or 0); else null. */
  count: number | null;
  /** What the school said of a count the trust cannot use ('fewer than 3', 'hidden', 'not shown'). */
  shown: string;
}

/** A school's rows as the trust may use them: a count shown exactly, else null (hidden for the trust). */
function parseSheet(sheet: SchoolSheet, threshold: number): Parsed[] {
  const [header, ...rows] = sheet.values;
  // By header name (domain/trust-export's TRUST_COLUMNS), so a reordered sheet still reads right.
  const [week, dimension, value, count, shown] = ['Week', 'Dimension', 'Value', 'Count', 'Shown'].map(
    (name) => (header ?? []).indexOf(name),
  );
  if ([week, dimension, value, count, shown].some((i) => i === undefined || i < 0)) return [];
  const text = (row: readonly unknown[], i: number | undefined): string =>
    String(withoutQuotePrefix(row[i ?? -1] ?? '')).trim();
  return rows
    .filter((row) => text(row, week) !== '')
    .map((row) => {
      const raw = row[count ?? -1];
      const n = typeof raw === 'number' ? raw : Number.NaN;
      const exact =
        text(row, shown) === 'exact' &&
        Number.isInteger(n) &&
        n >= 0 &&
        (n === 0 || n >= Math.max(threshold, 1));
      return {
        week: text(row, week),
        dimension: text(row, dimension),
        value: text(row, value),
        count: exact ? n : null,
        shown: shownWords(text(row, shown), threshold),
      };
    });
}

/**
 * Words for a count the trust does not add: the school's own words when they are the suppression's, and
 * "fewer than t" for an exact small count a school sent with its suppression off (or anything else).
 */
function shownWords(shown: string, threshold: number): string {
  if (/^(fewer than \d{1,3}|hidden|not shown)$/.test(shown)) return shown;
  return threshold > 0 ? `fewer than ${threshold}` : 'not exact';
}

/** Sheet text: names from the schools' sheets are typed by people, so they never start a formula. */
function safe(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

export interface TrustSummary {
  /** The rows to write (ragged rows are padded by the writer). */
  rows: Cell[][];
  weeks: number;
  schools: number;
}

/**
 * The Summary: a heading, the weekly totals (one column per school, the trust's sum of exact counts and how
 * many schools' totals were not exact), then the last RECENT_WEEKS weeks by dimension and value.
 */
export function buildTrustSummary(
  sheets: readonly SchoolSheet[],
  builtAt: string,
  threshold: number = DEFAULT_THRESHOLD,
): TrustSummary {
  const schools = [...sheets].sort((a, b) => a.code.localeCompare(b.code));
  const parsed = schools.map((s) => ({ code: s.code, rows: parseSheet(s, threshold) }));
  const weeks = [...new Set(parsed.flatMap((s) => s.rows.map((r) => r.week)))].sort();
  const rows: Cell[][] = [
    [TRUST_SUMMARY_SHEET, `Built ${builtAt} from ${schools.length} school sheet(s).`],
    [
      `Counts from 1 to ${Math.max(threshold - 1, 0)} are never shown. Trust figures add only the counts schools showed exactly; "Not added" names the schools (or counts the school-weeks) they leave out; a blank: the school sent no row for that week.`,
    ],
    [],
    ['Incidents per week', ...schools.map((s) => safe(s.code)), 'Trust: exact counts', 'Not added'],
  ];
  for (const week of weeks) {
    const cells = parsed.map((s) => {
      const total = s.rows.find((r) => r.week === week && r.dimension === 'All incidents');
      if (!total) return '';
      return total.count ?? total.shown;
    });
    const exact = cells.filter((c): c is number => typeof c === 'number');
    rows.push([
      safe(week),
      ...cells,
      exact.reduce((a, b) => a + b, 0),
      parsed
        .filter((_, i) => typeof cells[i] === 'string' && cells[i] !== '')
        .map((school) => safe(school.code))
        .join(', '),
    ]);
  }
  const recent = new Set(weeks.slice(-RECENT_WEEKS));
  rows.push(
    [],
    [`Last ${recent.size} week(s) by dimension`, 'Value', 'Trust: exact counts', 'Not added (school-weeks)'],
  );
  const keys = new Map<string, { dimension: string; value: string; sum: number; notExact: number }>();
  for (const s of parsed)
    for (const r of s.rows) {
      if (!recent.has(r.week) || r.dimension === 'All incidents') continue;
      const key = `${r.dimension}\u0000${r.value}`;
      const entry = keys.get(key) ?? { dimension: r.dimension, value: r.value, sum: 0, notExact: 0 };
      if (r.count === null) entry.notExact += 1;
      else entry.sum += r.count;
      keys.set(key, entry);
    }
  const ordered = [...keys.values()].sort(
    (a, b) => a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value),
  );
  for (const e of ordered) rows.push([safe(e.dimension), safe(e.value), e.sum, e.notExact]);
  return { rows, weeks: weeks.length, schools: schools.length };
}

/** The school code of a sheet name, or null for any other sheet (the Summary, the trust's own notes). */
export function schoolCodeOfSheet(name: string): string | null {
  return name.startsWith(SCHOOL_SHEET_PREFIX) ? name.slice(SCHOOL_SHEET_PREFIX.length).trim() || null : null;
}
