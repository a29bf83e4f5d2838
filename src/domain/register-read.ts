/**
 * Reading chosen register columns in one Sheets API `values.batchGet`: which A1 ranges to ask for, whether
 * the header that came back puts the columns where the ranges assumed, and the rows put back together
 * with date serials turned into Dates. Pure: the adapter (workspace/register-values) makes the call.
 *
 * Why: the Summary, the weekly email's fallback, the governors' report and the trust's oversight read a
 * fraction of the register's columns. One request carries the header and every run of adjacent needed
 * columns, open-ended downwards, so no extent call is needed and the number of calls does not grow with
 * the register. A value is only ever placed by a header the same reply carried: if the header does not
 * match the columns asked for (someone moved a column), the caller asks again with the right ones.
 */
import { registerColumns, columnPositions, type RegisterKey } from './register';
import { columnLetter } from './summary-layout';
import { instantOfSerial } from './time';

/** A run of adjacent sheet columns (1-based first column, count). */
export interface ColumnRun {
  first: number;
  count: number;
}

/** The needed columns (1-based; 0 = absent, skipped) as runs of adjacent columns, left to right. */
export function columnRuns(columns: readonly number[]): ColumnRun[] {
  const runs: ColumnRun[] = [];
  for (const column of [...new Set(columns)].filter((c) => c > 0).sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last.first + last.count === column) last.count += 1;
    else runs.push({ first: column, count: 1 });
  }
  return runs;
}

/** A sheet name as A1 notation needs it: always quoted, quotes doubled (quoting a plain name is allowed). */
export function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Where each needed column is, 1-based (0 when the header lacks it). */
export type ColumnPlan = ReadonlyMap<RegisterKey, number>;

/** The positions Set up gives the columns on a new register (what a register nobody rearranged has). */
export function setUpPlan(keys: readonly RegisterKey[]): ColumnPlan {
  const order = registerColumns().map((c) => c.key);
  return new Map(keys.map((key) => [key, order.indexOf(key) + 1]));
}

/** The positions a header row gives the columns. */
export function planFromHeader(header: readonly unknown[], keys: readonly RegisterKey[]): ColumnPlan {
  const at = columnPositions(header);
  return new Map(keys.map((key) => [key, (at.get(key) ?? -1) + 1]));
}

/** The ranges to ask for: the header row, then each run of needed columns from row 2 down. */
export function rangesFor(sheetName: string, plan: ColumnPlan): { ranges: string[]; runs: ColumnRun[] } {
  const sheet = quotedSheetName(sheetName);
  const runs = columnRuns([...plan.values()]);
  const ranges = [
    `${sheet}!1:1`,
    ...runs.map((run) => `${sheet}!${columnLetter(run.first)}2:${columnLetter(run.first + run.count - 1)}`),
  ];
  return { ranges, runs };
}

/** True when the header puts every needed column where the plan read it from. */
export function headerMatches(header: readonly unknown[], plan: ColumnPlan): boolean {
  const actual = planFromHeader(header, [...plan.keys()]);
  for (const [key, column] of plan) if (actual.get(key) !== column) return false;
  return true;
}

const DATE_KEYS: ReadonlySet<RegisterKey> = new Set(
  registerColumns()
    .filter((c) => c.kind === 'date' || c.kind === 'dateTime')
    .map((c) => c.key),
);

/**
 * The register rows (from row 2) as getValues would give them for the planned columns, '' elsewhere:
 * `runValues[i]` is the reply's values for `runs[i]` (rows, trailing blanks left out, or undefined when the
 * range had none). In date columns a number is a serial on the spreadsheet's clock and becomes the Date it
 * shows in `timeZone` (the spreadsheet's zone); text typed there is left for the row reader.
 */
export function rowsFromRuns(
  width: number,
  plan: ColumnPlan,
  runs: readonly ColumnRun[],
  runValues: ReadonlyArray<readonly unknown[][] | undefined>,
  timeZone: string,
): unknown[][] {
  const dateColumns = new Set<number>();
  for (const [key, column] of plan) if (column > 0 && DATE_KEYS.has(key)) dateColumns.add(column);
  const height = runValues.reduce((most, values) => Math.max(most, values?.length ?? 0), 0);
  const rows: unknown[][] = Array.from({ length: height }, () => new Array<unknown>(width).fill(''));
  runs.forEach((run, r) => {
    const values = runValues[r] ?? [];
    values.forEach((cells, i) => {
      const row = rows[i];
      if (!row) return;
      cells.forEach((value, c) => {
        const column = run.first + c;
        if (column > width) return;
        row[column - 1] =
          typeof value === 'number' && dateColumns.has(column) ? instantOfSerial(value, timeZone) : value;
      });
    });
  });
  return rows;
}
