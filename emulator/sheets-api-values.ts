/**
 * `Sheets.Spreadsheets.Values.batchGet` of the Sheets advanced service, read from the same in-memory
 * spreadsheets SpreadsheetApp uses (emulator/sheets/*).
 *
 * Why it exists: one REST round trip reads many ranges (the Summary rebuild reads the register's header and
 * its needed columns at once), where SpreadsheetApp needs an extent call and one getValues per range.
 *
 * Rules modelled, each from the Sheets API v4 reference (search corpus "docs"):
 * - Method and parameters: https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet
 *   "Returns one or more ranges of values from a spreadsheet. The caller must specify the spreadsheet ID and
 *   one or more ranges." Parameters `ranges[]`, `majorDimension`, `valueRenderOption` ("The default render
 *   option is ValueRenderOption.FORMATTED_VALUE"), `dateTimeRenderOption` ("This is ignored if
 *   valueRenderOption is FORMATTED_VALUE. The default dateTime render option is SERIAL_NUMBER").
 *   Response `{spreadsheetId, valueRanges[]}`: "The order of the ValueRanges is the same as the order of the
 *   requested ranges."
 * - ValueRange (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values#ValueRange):
 *   `range` "The range the values cover, in A1 notation. For output, this range indicates the entire
 *   requested range, even though the values will exclude trailing rows and columns"; `values` "For output,
 *   empty trailing rows and columns will not be included"; majorDimension COLUMNS turns A1=1,B1=2,A2=3,B2=4
 *   into [[1,3],[2,4]].
 * - ValueRenderOption (https://developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption):
 *   FORMATTED_VALUE "formatted in the response according to the cell's formatting … based on the
 *   spreadsheet's locale"; UNFORMATTED_VALUE "calculated, but not formatted"; FORMULA (not emulated: throws).
 * - DateTimeRenderOption (same batchGet page): SERIAL_NUMBER "output as doubles in 'serial number' format …
 *   the days since December 30th 1899 … the time as a fraction of the day"; FORMATTED_STRING "as strings in
 *   their given number format (which depends on the spreadsheet locale)".
 * - A1 notation (https://developers.google.com/sheets/api/guides/concepts): `Sheet1!A:A`, `Sheet1!A5:A`,
 *   `'My Custom Sheet'!A:A` ("Single quotes are required for sheet names with spaces, special characters,
 *   or an alphanumeric combination"), a bare sheet name for all its cells, and no sheet name for the first
 *   visible sheet (https://developers.google.com/sheets/api/guides/values: "Specifying the range without the
 *   sheet ID (A1:B2) means that the request executes on the first sheet").
 *
 * **Unconfirmed** (no page found that states them; each is the emulator's best reading, noted where used):
 * - the `range` written back for an open-ended request is the request bounded to the sheet's grid
 *   (`Register!A2:C` on a 1,000-row sheet → `Register!A2:C1000`), by analogy with ClearValuesResponse's
 *   clearedRange ("bounded to the sheet's limits"), with the sheet name quoted as SpreadsheetApp quotes it;
 * - a leading empty cell in a returned row is "" (JSON has no holes);
 * - the errors' wording: Apps Script wraps an API error as "API call to sheets.spreadsheets.values.batchGet
 *   failed with error: <message>" (seen in public projects' logs, not in Google's reference); the messages
 *   "The caller does not have permission" (403, seen in many public issue threads), "Requested entity was not
 *   found." (404) and "Unable to parse range: <range>" (seen in public projects' logs).
 * - whether a batchGet sees SpreadsheetApp writes the same execution has not flushed: the REST API reads the
 *   stored file, so they may be missing. The emulator does not guess: it THROWS (write-cache.ts).
 *
 * Anything else — FORMULA, unknown options or option values, formulas in the cells read, R1C1 ranges, named
 * ranges — throws.
 */
import { NotEmulatedError } from './core';
import type { Workspace } from './workspace';
import { openForSheetsApi, sheetsApiError } from './sheets-api-access';
import { parseA1, qualifiedA1, rectA1, splitSheetName, type Rect } from './sheets/a1';
import { Formula, SerialDate, type Cell } from './sheets/cells';
import { displayCell } from './sheets/format';
import type { SheetState, SpreadsheetState } from './sheets/model';

const apiError = (message: string): Error => sheetsApiError('Values.batchGet', message);

const OPTIONS = new Set(['ranges', 'majorDimension', 'valueRenderOption', 'dateTimeRenderOption']);
const DIMENSIONS = new Set(['ROWS', 'COLUMNS']);
const VALUE_RENDER = new Set(['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA']);
const DATE_RENDER = new Set(['SERIAL_NUMBER', 'FORMATTED_STRING']);

export interface ValueRange {
  range: string;
  majorDimension: 'ROWS' | 'COLUMNS';
  values?: unknown[][];
}

export interface BatchGetValuesResponse {
  spreadsheetId: string;
  valueRanges: ValueRange[];
}

// ---- Ranges ---------------------------------------------------------------------------------------------

interface Resolved {
  sheet: SheetState;
  rect: Rect;
}

function firstVisibleSheet(book: SpreadsheetState): SheetState {
  const sheet = book.sheets.find((s) => !s.hidden) ?? book.sheets[0];
  if (!sheet) throw apiError('Requested entity was not found.');
  return sheet;
}

/** An A1 range of the request, resolved against the sheet's grid (open ends run to its last row/column). */
function resolveRange(book: SpreadsheetState, a1: unknown): Resolved {
  if (typeof a1 !== 'string' || a1.trim() === '') throw apiError(`Unable to parse range: ${String(a1)}`);
  const text = a1.trim();
  if (/^R\d+C\d+(:R\d+C\d+)?$/i.test(splitSheetName(text).ref)) {
    throw new NotEmulatedError(`Sheets.Spreadsheets.Values.batchGet: R1C1 range ${text}`);
  }
  // A bare sheet name is all of that sheet's cells. Unquoted text that is also A1 notation is the range
  // ("A1 refers to cell A1 of the first visible sheet, 'A1' to the sheet named A1": concepts page).
  const quoted = /^'((?:[^']|'')+)'$/.exec(text)?.[1]?.replace(/''/g, "'");
  const looksA1 = /^\$?[A-Za-z]{0,3}\$?\d*(:\$?[A-Za-z]{0,3}\$?\d*)?$/.test(text);
  const bare = quoted ?? (text.includes('!') || looksA1 ? undefined : text);
  if (bare !== undefined) {
    const sheet = book.sheetByName(bare);
    if (sheet) return { sheet, rect: { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxColumns } };
  }
  let parsed;
  try {
    parsed = parseA1(text);
  } catch {
    // Not a sheet, not A1: a named range would be looked up here, which the emulator does not model.
    throw apiError(`Unable to parse range: ${text}`);
  }
  const sheet = parsed.sheetName === undefined ? firstVisibleSheet(book) : book.sheetByName(parsed.sheetName);
  if (!sheet) throw apiError(`Unable to parse range: ${text}`);
  const row = parsed.startRow ?? 1;
  const col = parsed.startCol ?? 1;
  const endRow = Math.min(parsed.endRow ?? sheet.maxRows, sheet.maxRows);
  const endCol = Math.min(parsed.endCol ?? sheet.maxColumns, sheet.maxColumns);
  // A range that starts outside the grid cannot be read (**unconfirmed** wording: the parse error).
  if (row > sheet.maxRows || col > sheet.maxColumns) throw apiError(`Unable to parse range: ${text}`);
  return { sheet, rect: { row, col, numRows: endRow - row + 1, numCols: endCol - col + 1 } };
}

// ---- Values --------------------------------------------------------------------------------------------

type Render = (cell: Cell, format: string | undefined) => unknown;

function renderer(valueRender: string, dateRender: string, timeZone: string): Render {
  if (valueRender === 'FORMULA') {
    throw new NotEmulatedError('Sheets.Spreadsheets.Values.batchGet: valueRenderOption FORMULA');
  }
  const formatted = (cell: Cell, format: string | undefined): string => {
    if (typeof cell === 'string') return cell;
    // Throws `not emulated` for any number or date format the emulator cannot render exactly.
    return displayCell(cell, format, timeZone);
  };
  if (valueRender === 'FORMATTED_VALUE') return formatted;
  return (cell, format) => {
    if (cell instanceof Formula) throw new NotEmulatedError('formula evaluation (Sheets API values read)');
    if (cell instanceof SerialDate) {
      // The stored serial is the wall clock in the spreadsheet's zone when it was written (cells.ts): the
      // serial the API reports, days since 1899-12-30.
      return dateRender === 'SERIAL_NUMBER' ? cell.serial : formatted(cell, format);
    }
    return cell; // numbers, booleans and text, typed as they are stored
  };
}

/** The values of one range in rows, trailing empty rows and trailing empty cells of each row left out. */
function rowsOf(sheet: SheetState, rect: Rect, render: Render): unknown[][] {
  const formats = sheet.formats.numberFormat;
  const out: unknown[][] = [];
  let lastNonEmpty = -1;
  for (let i = 0; i < rect.numRows; i += 1) {
    const r = rect.row - 1 + i;
    const source = sheet.values.rows[r];
    let width = 0;
    if (source) {
      for (let j = rect.numCols - 1; j >= 0; j -= 1) {
        const cell = source[rect.col - 1 + j];
        if (cell !== undefined && cell !== '') {
          width = j + 1;
          break;
        }
      }
    }
    const line: unknown[] = new Array<unknown>(width);
    for (let j = 0; j < width; j += 1) {
      const c = rect.col - 1 + j;
      const cell = source?.[c];
      line[j] = cell === undefined || cell === '' ? '' : render(cell, formats.get(r, c));
    }
    out.push(line);
    if (width > 0) lastNonEmpty = i;
  }
  out.length = lastNonEmpty + 1;
  return out;
}

/** Rows → columns, trailing empty cells of each column left out. */
function toColumns(rows: unknown[][], numCols: number): unknown[][] {
  const columns: unknown[][] = [];
  let lastNonEmpty = -1;
  for (let j = 0; j < numCols; j += 1) {
    let height = 0;
    for (let i = rows.length - 1; i >= 0; i -= 1) {
      const v = rows[i]?.[j];
      if (v !== undefined && v !== '') {
        height = i + 1;
        break;
      }
    }
    const column: unknown[] = [];
    for (let i = 0; i < height; i += 1) column.push(rows[i]?.[j] ?? '');
    columns.push(column);
    if (height > 0) lastNonEmpty = j;
  }
  columns.length = lastNonEmpty + 1;
  return columns;
}

function optionValue(
  options: Record<string, unknown>,
  key: string,
  allowed: Set<string>,
  fallback: string,
): string {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.has(value)) {
    throw apiError(`Invalid value at '${key}' (${String(value)})`);
  }
  return value;
}

/** spreadsheets.values.batchGet for the running execution's effective user. */
export function batchGetValues(
  ws: Workspace,
  spreadsheetId: unknown,
  optionalArgs: unknown,
): BatchGetValuesResponse {
  if (typeof spreadsheetId !== 'string' || spreadsheetId === '')
    throw apiError('Requested entity was not found.');
  const options = (optionalArgs ?? {}) as Record<string, unknown>;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new NotEmulatedError(
      'Sheets.Spreadsheets.Values.batchGet: optional arguments that are not an object',
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.has(key)) throw new NotEmulatedError(`Sheets.Spreadsheets.Values.batchGet option ${key}`);
  }
  const majorDimension = optionValue(options, 'majorDimension', DIMENSIONS, 'ROWS') as 'ROWS' | 'COLUMNS';
  const valueRender = optionValue(options, 'valueRenderOption', VALUE_RENDER, 'FORMATTED_VALUE');
  const dateRender = optionValue(options, 'dateTimeRenderOption', DATE_RENDER, 'SERIAL_NUMBER');
  const rawRanges = options.ranges;
  const ranges: unknown[] = rawRanges === undefined ? [] : Array.isArray(rawRanges) ? rawRanges : [rawRanges];
  // "The caller must specify … one or more ranges" (**unconfirmed**: what an empty list answers).
  if (ranges.length === 0) throw new NotEmulatedError('Sheets.Spreadsheets.Values.batchGet without ranges');

  const book = openForSheetsApi(ws, spreadsheetId, 'Values.batchGet', 'view');
  const valueRanges = ranges.map((a1): ValueRange => {
    const { sheet, rect } = resolveRange(book, a1);
    const rows = rowsOf(sheet, rect, renderer(valueRender, dateRender, book.timeZone));
    const values = majorDimension === 'COLUMNS' ? toColumns(rows, rect.numCols) : rows;
    const range = qualifiedA1(sheet.name, rectA1(rect));
    return values.length === 0 ? { range, majorDimension } : { range, majorDimension, values };
  });
  return { spreadsheetId, valueRanges };
}

/** Cells a reply carries (what the cost model charges per cell: the values sent back, not the empty tail). */
export function cellsInReply(reply: BatchGetValuesResponse): number {
  let cells = 0;
  for (const range of reply.valueRanges) for (const line of range.values ?? []) cells += line.length;
  return cells;
}
