/**
 * The Register sheet (and the restricted allegation files, which share its layout): creating and
 * formatting it, appending an incident row, and finding a response already recorded — each in a fixed
 * number of service calls, whatever the register's size.
 *
 * Every column is found by its header text, never by position: a DSL may add columns of their own
 * anywhere and move the register's columns about, and rows, alert cells and formatting still land under
 * the right header. Set up only ever appends a missing register column at the end; it never rewrites a
 * header cell or a DSL's own column.
 */
import { nonSchoolWeekdays, sheetDateSerial, type OverdueRule } from '../domain/school-calendar';
import { asPlainTextCells } from '../domain/cells';
import type { TextCellMode } from '../domain/selftest';
import type { CellValue, RegisterColumn, RegisterKey } from '../domain/register';
import { columnPositions, missingColumns, registerColumns } from '../domain/register';
import { columnLetter } from '../domain/summary-layout';
import {
  addColourRule,
  clearBackground,
  columnWidths,
  dropdown,
  formatCells,
  frozen,
  protectForRunner,
  type CellBlock,
  type ColourRule,
  type SheetRequest,
} from '../domain/sheet-requests';
import { runnerEmail } from './protect';
import { inBatch, type SheetBatch } from './sheet-batch';

/** 'A', 'B', … 'AA' for a 1-based column number (the domain's, shared with the Summary layout). */
export { columnLetter };

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const REGISTER_SHEET = 'Register';

const HEADER_BACKGROUND = '#1f3864';
const HEADER_TEXT = '#ffffff';
/**
 * The register's colours, one per state a DSL must tell apart at a glance; the first state that fits a row
 * wins (Sheets applies the first matching rule). A child-protection case that is overdue or waiting keeps
 * its state's colour with bold dark-red text. The colour key beside the header shows the same.
 */
export const ROW_COLOURS = {
  closed: { background: '#eeeeee', fontColor: '#9e9e9e' },
  overdue: { background: '#f9cb9c' },
  waiting: { background: '#cfe2f3' },
  childProtection: { background: '#f4cccc' },
  childProtectionText: { fontColor: '#990000' },
} as const;
/** Header cells of the colour key start with this, so the layout reader never takes them for columns. */
export const COLOUR_KEY_PREFIX = 'Key: ';
const COLOUR_KEY: ReadonlyArray<{ label: string; background: string; fontColor: string; bold: boolean }> = [
  {
    label: `${COLOUR_KEY_PREFIX}open child protection`,
    background: ROW_COLOURS.childProtection.background,
    fontColor: '#000000',
    bold: false,
  },
  {
    label: `${COLOUR_KEY_PREFIX}overdue (still New after the next school day, or no update for the overdue days)`,
    background: ROW_COLOURS.overdue.background,
    fontColor: '#000000',
    bold: false,
  },
  {
    label: `${COLOUR_KEY_PREFIX}waiting on others (Awaiting external agency)`,
    background: ROW_COLOURS.waiting.background,
    fontColor: '#000000',
    bold: false,
  },
  {
    label: `${COLOUR_KEY_PREFIX}closed`,
    background: ROW_COLOURS.closed.background,
    fontColor: ROW_COLOURS.closed.fontColor,
    bold: false,
  },
  {
    label: `${COLOUR_KEY_PREFIX}bold dark-red text: child protection, overdue or waiting`,
    background: '#ffffff',
    fontColor: ROW_COLOURS.childProtectionText.fontColor,
    bold: true,
  },
];
const COLOUR_KEY_DESCRIPTION = 'Online Safety: colour key';
const PROTECTION_DESCRIPTION = 'Online Safety: written by the system';

/**
 * Dropdowns, conditional formats and protections cover the rows that exist when they are applied; rows
 * appended past them have none. The daily reconcile keeps at least this many formatted empty rows…
 */
export const HEADROOM_MIN_ROWS = 200;
/** …adding this many at a time (rarely: a school logs a few hundred incidents a year). */
export const HEADROOM_ADD_ROWS = 1000;

/**
 * 1-based position of a register column in the layout Set up makes on a new sheet. The product itself
 * finds columns by header (see `readLayout`); this is for callers that build a fresh register (benchmarks,
 * fixtures).
 */
export function columnNumber(
  key: RegisterColumn['key'],
  columns: RegisterColumn[] = registerColumns(),
): number {
  const index = columns.findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`No register column ${String(key)}`);
  return index + 1;
}

/** Where the register's columns are on one sheet, as its header row says. */
export interface RegisterLayout {
  /** The header row as read: one cell per column up to the sheet's last column with content. */
  header: unknown[];
  /** 1-based column of a register column; 0 when the header lacks it. */
  column(key: RegisterKey): number;
}

/** The layout under a header row already read (e.g. the first row of a getDataRange read). */
export function layoutOf(fullHeader: readonly unknown[]): RegisterLayout {
  // The colour key sits in the header row after the columns (and a blank gap): it is not a column.
  const keyAt = fullHeader.findIndex((h) => typeof h === 'string' && h.startsWith(COLOUR_KEY_PREFIX));
  let end = keyAt < 0 ? fullHeader.length : keyAt;
  if (keyAt >= 0) while (end > 0 && fullHeader[end - 1] === '') end -= 1;
  const header = fullHeader.slice(0, end);
  const positions = columnPositions(header);
  return {
    header: [...header],
    column: (key) => {
      const at = positions.get(key);
      return at === undefined ? 0 : at + 1;
    },
  };
}

/** Reads the header row: three calls (last column, range, values), whatever the register's size. */
export function readLayout(sheet: Sheet): RegisterLayout {
  return layoutOf(readHeaderRow(sheet));
}

/** The whole header row up to the last column with content, colour key included (three calls). */
function readHeaderRow(sheet: Sheet): unknown[] {
  const width = sheet.getLastColumn();
  if (width < 1) return [];
  return sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
}

/**
 * The sheet's size, read once and then kept as this run changes it: each getMaxRows/getMaxColumns is a
 * call, and one after a write also makes Apps Script commit the writes pending.
 */
export class SheetExtent {
  private rows: number | undefined;
  private columns: number | undefined;

  constructor(private readonly sheet: Sheet) {}

  maxRows(): number {
    this.rows ??= this.sheet.getMaxRows();
    return this.rows;
  }

  maxColumns(): number {
    this.columns ??= this.sheet.getMaxColumns();
    return this.columns;
  }

  /** Adds `count` rows at the end. */
  addRows(count: number): void {
    const rows = this.maxRows();
    this.sheet.insertRowsAfter(rows, count);
    this.rows = rows + count;
  }

  /** Adds `count` columns at the end. */
  addColumns(count: number): void {
    const columns = this.maxColumns();
    this.sheet.insertColumnsAfter(columns, count);
    this.columns = columns + count;
  }
}

/**
 * The layout under a header the run already knows (the submit snapshot's, see submit-snapshot.ts), checked
 * against the sheet in one read of the header cells it covers. Null when any of them differs (a column
 * moved, renamed or inserted) or a register column is missing: the caller then reads the whole header.
 */
export function checkedLayout(sheet: Sheet, known: readonly string[]): RegisterLayout | null {
  if (known.length === 0) return null;
  const now = sheet.getRange(1, 1, 1, known.length).getValues()[0] ?? [];
  const same =
    now.length === known.length && now.every((h, i) => (typeof h === 'string' ? h : String(h)) === known[i]);
  if (!same) return null;
  const layout = layoutOf(now);
  return layout.header.length === known.length && missingColumns(layout.header).length === 0 ? layout : null;
}

/**
 * Appends the register columns the header lacks after its last column (no call when none is missing),
 * and returns the layout with them. Existing header cells are never rewritten, so a DSL's own columns
 * and the order they chose stay as they are.
 */
export function ensureColumns(
  sheet: Sheet,
  layout: RegisterLayout,
  extent: SheetExtent = new SheetExtent(sheet),
): RegisterLayout {
  const missing = missingColumns(layout.header);
  if (missing.length === 0) return layout;
  const first = layout.header.length + 1;
  const needed = first + missing.length - 1 - extent.maxColumns();
  if (needed > 0) extent.addColumns(needed);
  const added = missing.map((c) => c.header);
  sheet.getRange(1, first, 1, added.length).setValues([added]);
  return layoutOf([...layout.header, ...added]);
}

/** The register columns with their place on the sheet, left to right as they are there. */
function placedColumns(layout: RegisterLayout): Array<{ col: RegisterColumn; at: number }> {
  return registerColumns()
    .map((col) => ({ col, at: layout.column(col.key) }))
    .filter((p) => p.at > 0)
    .sort((a, b) => a.at - b.at);
}

/** Runs of adjacent positions, as [first, count] pairs: [2,3,4,7] → [[2,3],[7,1]]. */
function runsOf(positions: readonly number[]): Array<[number, number]> {
  return runsBy(
    positions.map((at) => ({ at, value: '' })),
    (p) => p.value,
  ).map((r) => [r.first, r.count]);
}

/** A run of adjacent columns that share one value: where it starts, how many, and the value. */
export interface ColumnRun<V> {
  first: number;
  count: number;
  value: V;
}

/**
 * Runs of adjacent columns that share a value (compared by `keyOf`; items left to right). Set up formats,
 * sizes, validates and protects a run in one call instead of one call per column, and never spans a gap,
 * so a DSL's own column between two register columns is left as it is. Items whose key is null are skipped.
 */
export function runsBy<T extends { at: number }, V>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
  valueOf: (item: T) => V = () => undefined as V,
): Array<ColumnRun<V>> {
  const runs: Array<ColumnRun<V> & { key: string }> = [];
  for (const item of [...items].sort((a, b) => a.at - b.at)) {
    const key = keyOf(item);
    if (key === null) continue;
    const last = runs[runs.length - 1];
    if (last && last.key === key && last.first + last.count === item.at) last.count += 1;
    else runs.push({ first: item.at, count: 1, value: valueOf(item), key });
  }
  return runs.map(({ first, count, value }) => ({ first, count, value }));
}

/**
 * Creates the sheet with the register layout if it is missing, appends any register column its header
 * lacks, and (re)applies the header style, widths, formats, dropdowns, conditional formatting and
 * protections to the register's columns wherever they are. Safe to run again: it replaces, never adds
 * twice, and leaves a DSL's own columns (and their header cells) alone.
 *
 * Values and the grid's size change through SpreadsheetApp; everything else is queued on `batch` (one Sheets
 * API call per file, see sheet-batch.ts): the caller's batch, or one sent before this returns.
 */
export function ensureRegisterSheet(
  ss: Spreadsheet,
  name: string,
  overdue: OverdueRule,
  me: string = runnerEmail(),
  batch?: SheetBatch,
): Sheet {
  const existing = ss.getSheetByName(name);
  const sheet = existing ?? ss.insertSheet(name);
  return inBatch(
    batch,
    () => ss.getId(),
    (b) => {
      const fresh = existing === null;
      const extent = new SheetExtent(sheet);
      // A sheet made just now has no header, no protections and no colour rules to read.
      const row = fresh ? [] : readHeaderRow(sheet);
      const layout = ensureColumns(sheet, layoutOf(row), extent);
      // The header row as it is now: appended columns written over the start of the old key, if any.
      const rowNow = [...layout.header, ...row.slice(layout.header.length)];
      const placed = placedColumns(layout);
      const sheetId = sheet.getSheetId();
      // What Set up protected before is replaced (in the same atomic batch).
      if (!fresh) b.removeProtections(sheetId, [PROTECTION_DESCRIPTION, COLOUR_KEY_DESCRIPTION]);

      for (const [first, count] of runsOf(placed.map((p) => p.at))) {
        b.add(
          formatCells(
            { sheetId, row: 1, col: first, numRows: 1, numCols: count },
            {
              bold: true,
              background: HEADER_BACKGROUND,
              fontColor: HEADER_TEXT,
              wrap: true,
              verticalAlignment: 'MIDDLE',
            },
          ),
        );
      }
      b.add(frozen(sheetId, 1, 1));
      for (const run of runsBy(
        placed,
        (p) => String(p.col.width),
        (p) => p.col.width,
      ))
        b.add(columnWidths(sheetId, run.first, run.count, run.value));

      if (!hasHeadroom(sheet, extent)) extent.addRows(HEADROOM_ADD_ROWS);
      if (!fresh) b.removeColourRules(sheetId);
      applyBodyFormatting(sheetId, layout, overdue, me, extent.maxRows(), b);
      writeColourKey(sheet, sheetId, layout, me, rowNow, extent, b);
      return sheet;
    },
  );
}

/**
 * The colour key: one header-row cell per colour, after the register's columns and a blank gap, never in
 * the data rows; protected so only the runner changes it. Set up rewrites it (a key left where a new column
 * now stands is cleared first), so it always follows the last column.
 */
function writeColourKey(
  sheet: Sheet,
  sheetId: number,
  layout: RegisterLayout,
  me: string,
  row: readonly unknown[],
  extent: SheetExtent,
  batch: SheetBatch,
): void {
  const first = layout.header.length + 2;
  const last = first + COLOUR_KEY.length - 1;
  // Key cells left outside the key's new place, cleared a run of adjacent cells at a time (the key's own
  // cells are written again below).
  const stale = row
    .map((cell, i) => ({ cell, at: i + 1 }))
    .filter(
      ({ cell, at }) =>
        at > layout.header.length &&
        (at < first || at > last) &&
        typeof cell === 'string' &&
        cell.startsWith(COLOUR_KEY_PREFIX),
    );
  for (const run of runsBy(stale, () => '')) {
    sheet.getRange(1, run.first, 1, run.count).clearContent();
    batch.add(clearBackground({ sheetId, row: 1, col: run.first, numRows: 1, numCols: run.count }));
  }
  const columns = extent.maxColumns();
  if (last > columns) {
    extent.addColumns(last - columns);
    batch.inheritColumns(sheetId, columns, columns + 1, last - columns);
  }
  sheet.getRange(1, first, 1, COLOUR_KEY.length).setValues([COLOUR_KEY.map((k) => k.label)]);
  COLOUR_KEY.forEach((k, i) =>
    batch.add(
      formatCells(
        { sheetId, row: 1, col: first + i, numRows: 1, numCols: 1 },
        {
          background: k.background,
          bold: k.bold,
          fontColor: k.fontColor,
          wrap: true,
          verticalAlignment: 'MIDDLE',
        },
      ),
    ),
  );
  batch.add(
    protectForRunner(
      { sheetId, row: 1, col: first, numRows: 1, numCols: COLOUR_KEY.length },
      COLOUR_KEY_DESCRIPTION,
      me,
    ),
  );
}

/** Whether at least HEADROOM_MIN_ROWS empty rows are left below the last one (two calls). */
export function hasHeadroom(sheet: Sheet, extent: SheetExtent = new SheetExtent(sheet)): boolean {
  return extent.maxRows() - sheet.getLastRow() >= HEADROOM_MIN_ROWS;
}

/**
 * Adds HEADROOM_ADD_ROWS rows when fewer than HEADROOM_MIN_ROWS are left, and applies the register's
 * formats, dropdowns, conditional formatting and protections to the whole body again, so rows appended
 * since Set up (which the submit path leaves bare, to stay cheap) get them too.
 */
export function addHeadroom(sheet: Sheet, overdue: OverdueRule): void {
  const extent = new SheetExtent(sheet);
  if (!hasHeadroom(sheet, extent)) extent.addRows(HEADROOM_ADD_ROWS);
  const layout = ensureColumns(sheet, readLayout(sheet), extent);
  const sheetId = sheet.getSheetId();
  inBatch(
    undefined,
    () => sheet.getParent().getId(),
    (b) => {
      b.removeProtections(sheetId, [PROTECTION_DESCRIPTION]);
      b.removeColourRules(sheetId);
      applyBodyFormatting(sheetId, layout, overdue, runnerEmail(), extent.maxRows(), b);
    },
  );
}

/**
 * The register's colour rules, first match wins (Sheets applies the first rule that fits a row): formulas
 * over the columns where the header puts them.
 */
export function registerColourRules(layout: RegisterLayout, overdueRule: OverdueRule): ColourRule[] {
  const letter = (key: RegisterKey): string => columnLetter(layout.column(key));
  const status = `$${letter('status')}2`;
  const lastUpdated = `$${letter('lastUpdated')}2`;
  const submitted = `$${letter('submittedAt')}2`;
  const flagged = `$${letter('childProtection')}2="Yes"`;
  const waiting = `${status}="Awaiting external agency"`;
  // Overdue as the Summary and the reminders count it (analytics.ts): still New after the next school day
  // (WORKDAY skips weekends and the calendar's other non-school weekdays, written into the formula), or open
  // with no update for the overdue days (since submission when never updated). An incident waiting on an
  // outside agency is not the DSL's to chase, so it is never overdue.
  const offDays = nonSchoolWeekdays(overdueRule.calendar).map(sheetDateSerial);
  const nextSchoolDay = `WORKDAY(INT(${submitted}),1${offDays.length > 0 ? `,{${offDays.join(',')}}` : ''})`;
  const since = `INT(IF(N(${lastUpdated})>0,${lastUpdated},${submitted}))`;
  const overdue = `AND(${status}<>"Closed",NOT(${waiting}),${submitted}<>"",OR(AND(${status}="New",TODAY()>${nextSchoolDay}),TODAY()-${since}>=${overdueRule.overdueDays}))`;
  const cpText = { fontColor: ROW_COLOURS.childProtectionText.fontColor, bold: true };
  // Order matters: the first rule that fits a row colours it.
  return [
    {
      formula: `=${status}="Closed"`,
      background: ROW_COLOURS.closed.background,
      text: { fontColor: ROW_COLOURS.closed.fontColor, bold: false },
    },
    { formula: `=AND(${overdue},${flagged})`, background: ROW_COLOURS.overdue.background, text: cpText },
    { formula: `=${overdue}`, background: ROW_COLOURS.overdue.background },
    { formula: `=AND(${waiting},${flagged})`, background: ROW_COLOURS.waiting.background, text: cpText },
    { formula: `=${waiting}`, background: ROW_COLOURS.waiting.background },
    { formula: `=AND(${status}<>"Closed",${flagged})`, background: ROW_COLOURS.childProtection.background },
  ];
}

/**
 * Formats, dropdowns, conditional formatting and protections over every row below the header, for the
 * register's columns where the header puts them, queued on `batch` after the caller queued the removal of the
 * sheet's old colour rules and system protections. Conditional formatting colours whole rows (a DSL's own
 * columns included); the rest touches only the register's columns. `maxRows`: the sheet's rows, header
 * included.
 */
function applyBodyFormatting(
  sheetId: number,
  layout: RegisterLayout,
  overdueRule: OverdueRule,
  me: string,
  maxRows: number,
  batch: SheetBatch,
): void {
  const placed = placedColumns(layout);
  const bodyRows = maxRows - 1;
  batch.add(
    ...bodyColumnRequests(sheetId, placed, bodyRows, {
      wrap: (c) => c.wrap,
      numberFormat: (c) => c.numberFormat ?? null,
      choices: (c) => c.choices ?? null,
    }),
  );
  const width = Math.max(layout.header.length, ...placed.map((p) => p.at));
  const whole = { sheetId, row: 2, col: 1, numRows: bodyRows, numCols: width };
  registerColourRules(layout, overdueRule).forEach((rule, i) => batch.add(addColourRule(whole, rule, i)));
  // Derived and system columns are written by the script only: protected, down every row, so only the
  // account the script runs as (the owner) may change them; one protection per run of adjacent
  // script-written columns, never spanning a column a person types in.
  for (const run of runsBy(placed, (p) =>
    p.col.owner === 'derived' || p.col.owner === 'system' ? '' : null,
  ))
    batch.add(
      protectForRunner(
        { sheetId, row: 1, col: run.first, numRows: maxRows, numCols: run.count },
        PROTECTION_DESCRIPTION,
        me,
      ),
    );
}

/** How each kind of body column is formatted (register and log sheets describe their columns differently). */
export interface BodyFormat<C> {
  wrap(col: C): boolean;
  numberFormat(col: C): string | null;
  choices(col: C): readonly string[] | null;
}

/**
 * Requests for the body cells below the header, column by column as `format` says, one per run of adjacent
 * columns that share a setting (text aligned to the top over each run of adjacent columns; wrapping, number
 * format and dropdown per run of the same one).
 */
export function bodyColumnRequests<C>(
  sheetId: number,
  placed: ReadonlyArray<{ col: C; at: number }>,
  bodyRows: number,
  format: BodyFormat<C>,
): SheetRequest[] {
  const body = (run: ColumnRun<unknown>): CellBlock => ({
    sheetId,
    row: 2,
    col: run.first,
    numRows: bodyRows,
    numCols: run.count,
  });
  const out: SheetRequest[] = [];
  // Wrapping: the more common setting over each whole run of adjacent columns (with the alignment), then
  // each run of columns that differ from it.
  const wrapping = placed.filter((p) => format.wrap(p.col)).length;
  const usual = wrapping * 2 >= placed.length;
  for (const run of runsBy(placed, () => ''))
    out.push(formatCells(body(run), { verticalAlignment: 'TOP', wrap: usual }));
  for (const run of runsBy(placed, (p) => (format.wrap(p.col) === usual ? null : '')))
    out.push(formatCells(body(run), { wrap: !usual }));
  for (const run of runsBy(
    placed,
    (p) => format.numberFormat(p.col),
    (p) => format.numberFormat(p.col),
  ))
    if (run.value !== null) out.push(formatCells(body(run), { numberFormat: run.value }));
  const choicesKey = (p: { col: C }): string | null => {
    const choices = format.choices(p.col);
    return choices ? JSON.stringify(choices) : null;
  };
  for (const run of runsBy(placed, choicesKey, (p) => format.choices(p.col) ?? []))
    out.push(dropdown(body(run), run.value));
  return out;
}

/**
 * Appends one row in one call; the sheet grows as needed. `textCells` 'format': this tenant's quote prefix
 * does not hide itself (platform self-test), so typed text goes into plain-text cells instead (two calls more).
 */
export function appendRow(sheet: Sheet, row: CellValue[], textCells: TextCellMode = 'quote'): void {
  if (textCells === 'format') appendRows(sheet, [row], textCells);
  else sheet.appendRow(row);
}

/** Appends rows in one batched write (see appendRow for `textCells`). */
export function appendRows(sheet: Sheet, rows: CellValue[][], textCells: TextCellMode = 'quote'): void {
  if (rows.length === 0) return;
  const first = sheet.getLastRow() + 1;
  const needed = first + rows.length - 1 - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  const range = sheet.getRange(first, 1, rows.length, rows[0]!.length);
  if (textCells !== 'format') {
    range.setValues(rows);
    return;
  }
  const plain = asPlainTextCells(rows, range.getNumberFormats());
  range.setNumberFormats(plain.formats);
  range.setValues(plain.values);
}

/**
 * The row holding `responseId`, or 0. A TextFinder over the response-ID column: a fixed number of calls
 * whatever the register's size (reading the column would grow with it).
 */
export function findResponseRow(sheet: Sheet, layout: RegisterLayout, responseId: string): number {
  const column = layout.column('responseId');
  if (column === 0) return 0;
  const col = columnLetter(column);
  const hit = sheet
    .getRange(`${col}:${col}`)
    .createTextFinder(responseId)
    .matchCase(true)
    .matchEntireCell(true)
    .findNext();
  return hit ? hit.getRow() : 0;
}

/** Every response ID recorded on the sheet (one read). */
export function recordedResponseIds(sheet: Sheet, layout: RegisterLayout): Set<string> {
  const last = sheet.getLastRow();
  const column = layout.column('responseId');
  if (last < 2 || column === 0) return new Set();
  const values = sheet.getRange(2, column, last - 1, 1).getValues();
  return new Set(values.map((r) => String(r[0])).filter((v) => v !== ''));
}

/**
 * Writes cells of one row under their headers: one call for adjacent columns (the usual layout), one per
 * run otherwise, so nothing between them (a DSL's column) is touched.
 */
export function writeCells(
  sheet: Sheet,
  layout: RegisterLayout,
  row: number,
  cells: ReadonlyArray<{ key: RegisterKey; value: CellValue }>,
): void {
  const placed = cells
    .map((c) => ({ at: layout.column(c.key), value: c.value }))
    .filter((c) => c.at > 0)
    .sort((a, b) => a.at - b.at);
  let i = 0;
  for (const [first, count] of runsOf(placed.map((c) => c.at))) {
    const values = placed.slice(i, i + count).map((c) => c.value);
    sheet.getRange(row, first, 1, count).setValues([values]);
    i += count;
  }
}

/** A link that opens the spreadsheet at the row. */
export function rowUrl(ss: Spreadsheet, sheet: Sheet, row: number): string {
  return `${ss.getUrl()}#gid=${sheet.getSheetId()}&range=A${row}`;
}
