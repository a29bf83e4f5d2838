/**
 * Cell reads and writes shared by Range, Sheet and the test-side user edits, with Apps Script's checks
 * and error texts. Everything works on row arrays, never on an object per cell.
 */
import { NotEmulatedError, isDate } from '../core';
import type { Workspace } from '../workspace';
import { instantOfWallMs } from '../zone';
import { Formula, SerialDate, parseInput, type Cell, type TextEntry } from './cells';
import { DEFAULT_DATE_TIME_FORMAT, displayCell } from './format';
import type { Rect } from './a1';
import type { SheetState } from './model';

// Apps Script's error texts for ranges and data shapes (as reported verbatim in public issue threads).
export const OUTSIDE_SHEET = 'The coordinates of the range are outside the dimensions of the sheet.';
export const ROW_TOO_SMALL = 'The starting row of the range is too small.';
export const COLUMN_TOO_SMALL = 'The starting column of the range is too small.';
export const ROWS_AT_LEAST_ONE = 'The number of rows in the range must be at least 1.';
export const COLUMNS_AT_LEAST_ONE = 'The number of columns in the range must be at least 1.';

/** Apps Script's type names in "don't match the method signature" errors. */
function appsScriptTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return value.every((v) => Array.isArray(v)) && value.length > 0 ? 'Object[][]' : 'Object[]';
  if (isDate(value)) return 'Date';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
      return 'number';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Object';
  }
}

export function signatureError(method: string, args: readonly unknown[]): never {
  throw new Error(
    `The parameters (${args.map(appsScriptTypeName).join(',')}) don't match the method signature for ${method}.`,
  );
}

/** An integer argument, as Apps Script converts it (1.0 is fine, 1.5 is not). */
export function toInt(value: unknown, method: string, args: readonly unknown[]): number {
  if (typeof value !== 'number') signatureError(method, args);
  if (!Number.isInteger(value)) throw new Error(`Cannot convert ${String(value)} to int.`);
  return value;
}

/** Checks a rectangle against the sheet's grid with Apps Script's messages. */
export function checkRect(sheet: SheetState, rect: Rect): void {
  if (rect.row < 1) throw new Error(ROW_TOO_SMALL);
  if (rect.col < 1) throw new Error(COLUMN_TOO_SMALL);
  if (rect.numRows < 1) throw new Error(ROWS_AT_LEAST_ONE);
  if (rect.numCols < 1) throw new Error(COLUMNS_AT_LEAST_ONE);
  if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.col + rect.numCols - 1 > sheet.maxColumns) {
    throw new Error(OUTSIDE_SHEET);
  }
}

/**
 * Checks that `data` is a 2-D array of the range's shape. The messages are Apps Script's, e.g.
 * "The number of rows in the data does not match the number of rows in the range. The data has 2 but
 * the range has 3." A ragged array fails on its first row of the wrong length, as in Apps Script.
 */
export function checkShape(data: unknown, rect: Rect, method: string): asserts data is unknown[][] {
  if (!Array.isArray(data)) signatureError(method, [data]);
  if (!data.every((row) => Array.isArray(row))) signatureError(method, [data]);
  if (data.length !== rect.numRows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rect.numRows}.`,
    );
  }
  for (const row of data as unknown[][]) {
    if (row.length !== rect.numCols) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${rect.numCols}.`,
      );
    }
  }
}

/**
 * A cell as getValues hands it to the script: '' for empty, Dates in the script's realm. A date serial
 * becomes the instant its wall clock shows in the spreadsheet's zone *now* (`timeZone`): "Date values are
 * returned as Date objects" in Range.getValues
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getValues), and a serial has no
 * zone of its own (see SerialDate in cells.ts).
 */
export function scriptValue(ws: Workspace, cell: Cell | undefined, timeZone: string): unknown {
  if (cell === undefined) return '';
  if (typeof cell !== 'object') return cell;
  if (cell instanceof Formula) throw new NotEmulatedError('formula evaluation');
  return ws.newDate(instantOfWallMs(cell.wallMs, timeZone));
}

export function readValues(ws: Workspace, sheet: SheetState, rect: Rect, timeZone: string): unknown[][] {
  const out: unknown[][] = new Array<unknown[]>(rect.numRows);
  const c0 = rect.col - 1;
  for (let i = 0; i < rect.numRows; i += 1) {
    const source = sheet.values.rows[rect.row - 1 + i];
    const line: unknown[] = new Array<unknown>(rect.numCols);
    for (let j = 0; j < rect.numCols; j += 1) {
      const cell = source === undefined ? undefined : source[c0 + j];
      line[j] = cell === undefined ? '' : typeof cell === 'object' ? scriptValue(ws, cell, timeZone) : cell;
    }
    out[i] = line;
  }
  return out;
}

export function readDisplayValues(sheet: SheetState, rect: Rect, timeZone: string): string[][] {
  const out: string[][] = new Array<string[]>(rect.numRows);
  const formats = sheet.formats.numberFormat;
  for (let i = 0; i < rect.numRows; i += 1) {
    const r = rect.row - 1 + i;
    const source = sheet.values.rows[r];
    const line: string[] = new Array<string>(rect.numCols);
    for (let j = 0; j < rect.numCols; j += 1) {
      const c = rect.col - 1 + j;
      const cell = source === undefined ? undefined : source[c];
      line[j] = typeof cell === 'string' ? cell : displayCell(cell, formats.get(r, c), timeZone);
    }
    out[i] = line;
  }
  return out;
}

export function readFormulas(sheet: SheetState, rect: Rect): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < rect.numRows; i += 1) {
    const source = sheet.values.rows[rect.row - 1 + i];
    const line: string[] = [];
    for (let j = 0; j < rect.numCols; j += 1) {
      const cell = source === undefined ? undefined : source[rect.col - 1 + j];
      line.push(cell instanceof Formula ? cell.text : '');
    }
    out.push(line);
  }
  return out;
}

/**
 * Writes script or user values into a rectangle, parsing text as Sheets does. All cells are parsed
 * before any is stored, so a value that throws leaves the sheet unchanged. A Date written to an
 * unformatted cell gives it the default date-time format, as Sheets does, and is stored as its wall
 * clock in `timeZone` (the spreadsheet's zone at the moment of writing).
 */
export function writeValues(
  sheet: SheetState,
  rect: Rect,
  data: readonly (readonly unknown[])[],
  timeZone: string,
  entry?: TextEntry,
): void {
  const formats = sheet.formats.numberFormat;
  const parsed: Array<Array<Cell | undefined>> = new Array<Array<Cell | undefined>>(data.length);
  let allContent = true;
  for (let i = 0; i < data.length; i += 1) {
    const r = rect.row - 1 + i;
    const input = data[i] ?? [];
    const line: Array<Cell | undefined> = new Array<Cell | undefined>(input.length);
    for (let j = 0; j < input.length; j += 1) {
      const v = input[j];
      const cell =
        typeof v === 'number' && Number.isFinite(v)
          ? v
          : parseInput(v, formats.get(r, rect.col - 1 + j), isDate, timeZone, entry);
      if (cell === undefined) allContent = false;
      line[j] = cell;
    }
    parsed[i] = line;
  }
  for (let i = 0; i < parsed.length; i += 1) {
    const r = rect.row - 1 + i;
    const line = parsed[i] ?? [];
    let row = sheet.values.rows[r];
    if (row === undefined) {
      if (line.every((c) => c === undefined)) continue;
      row = [];
      sheet.values.rows[r] = row;
    }
    for (let j = 0; j < line.length; j += 1) {
      const cell = line[j];
      const c = rect.col - 1 + j;
      row[c] = cell;
      if (cell instanceof SerialDate && formats.get(r, c) === undefined)
        formats.set(r, c, DEFAULT_DATE_TIME_FORMAT);
    }
  }
  sheet.noteWrite(rect, allContent);
}

/** Stores formulas (setFormula/setFormulas): text starting with '='; '' clears the cell. */
export function writeFormulas(
  sheet: SheetState,
  rect: Rect,
  formulas: readonly (readonly unknown[])[],
): void {
  const cells = formulas.map((line) =>
    line.map((f): Cell | undefined => {
      if (f === '' || f === null || f === undefined) return undefined;
      if (typeof f !== 'string') signatureError('SpreadsheetApp.Range.setFormulas', [formulas]);
      if (!f.startsWith('=')) throw new NotEmulatedError('setFormula with text that does not start with =');
      return new Formula(f);
    }),
  );
  cells.forEach((line, i) =>
    line.forEach((cell, j) => sheet.values.set(rect.row - 1 + i, rect.col - 1 + j, cell)),
  );
  sheet.noteWrite(
    rect,
    cells.every((line) => line.every((c) => c !== undefined)),
  );
}

/** A 2-D array of `value`, the shape of `rect` (for setValue over many cells). */
export function filled<T>(rect: Rect, value: T): T[][] {
  return Array.from({ length: rect.numRows }, () => new Array<T>(rect.numCols).fill(value));
}
