/**
 * A1 notation: column letters, cell and range references, sheet-qualified references.
 *
 * Sheets accepts `A1`, `A1:C3`, `$A$1`, whole columns `A:C`, whole rows `2:5`, open-ended `A2:C`, and a
 * sheet prefix `Sheet1!A1` or `'My sheet'!A1:B2` (a quote inside the name is doubled). Anything else is
 * "Range not found", as Apps Script says.
 */

/** Apps Script's message for an A1 string it cannot resolve. */
export const RANGE_NOT_FOUND = 'Range not found';

export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A rectangle of cells, 1-based, inclusive of its first row/column. */
export interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** How a range was written: whole columns (`A:C`) and whole rows (`2:5`) keep that form in getA1Notation. */
export type Unbounded = 'columns' | 'rows' | undefined;

export interface ParsedA1 {
  sheetName?: string;
  /** Undefined members are unbounded (a whole column has no rows, a whole row no columns). */
  startRow?: number;
  startCol?: number;
  endRow?: number;
  endCol?: number;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parsePart(part: string): { col?: number; row?: number } {
  const m = CELL.exec(part);
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new Error(RANGE_NOT_FOUND);
  const col = m[1] === undefined ? undefined : lettersToColumn(m[1]);
  const row = m[2] === undefined ? undefined : Number(m[2]);
  if (row === 0) throw new Error(RANGE_NOT_FOUND);
  return { col, row };
}

/** Splits `'My sheet'!A1:B2` into the sheet name and the reference. */
export function splitSheetName(a1: string): { sheetName?: string; ref: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { ref: a1 };
  let name = a1.slice(0, bang);
  const ref = a1.slice(bang + 1);
  if (name.startsWith("'")) {
    if (!name.endsWith("'") || name.length < 2) throw new Error(RANGE_NOT_FOUND);
    name = name.slice(1, -1).replace(/''/g, "'");
  }
  if (name === '') throw new Error(RANGE_NOT_FOUND);
  return { sheetName: name, ref };
}

export function parseA1(a1: string): ParsedA1 {
  const { sheetName, ref } = splitSheetName(a1.trim());
  const parts = ref.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new Error(RANGE_NOT_FOUND);
  const first = parsePart(parts[0] ?? '');
  const out: ParsedA1 = sheetName === undefined ? {} : { sheetName };
  if (parts.length === 1) {
    // A single cell needs both a column and a row.
    if (first.col === undefined || first.row === undefined) throw new Error(RANGE_NOT_FOUND);
    return { ...out, startRow: first.row, startCol: first.col, endRow: first.row, endCol: first.col };
  }
  const second = parsePart(parts[1] ?? '');
  const order = (a: number, b: number): [number, number] => (a <= b ? [a, b] : [b, a]);
  if (
    first.col !== undefined &&
    first.row !== undefined &&
    second.col !== undefined &&
    second.row !== undefined
  ) {
    const [startRow, endRow] = order(first.row, second.row);
    const [startCol, endCol] = order(first.col, second.col);
    return { ...out, startRow, endRow, startCol, endCol };
  }
  if (
    first.col !== undefined &&
    second.col !== undefined &&
    first.row === undefined &&
    second.row === undefined
  ) {
    const [startCol, endCol] = order(first.col, second.col);
    return { ...out, startCol, endCol }; // whole columns, A:C
  }
  if (
    first.row !== undefined &&
    second.row !== undefined &&
    first.col === undefined &&
    second.col === undefined
  ) {
    const [startRow, endRow] = order(first.row, second.row);
    return { ...out, startRow, endRow }; // whole rows, 2:5
  }
  if (
    first.col !== undefined &&
    first.row !== undefined &&
    second.col !== undefined &&
    second.row === undefined
  ) {
    const [startCol, endCol] = order(first.col, second.col);
    return { ...out, startRow: first.row, startCol, endCol }; // A2:C, to the bottom of the sheet
  }
  throw new Error(RANGE_NOT_FOUND);
}

/** Resolves a parsed reference against a sheet of the given size. */
export function resolveA1(
  parsed: ParsedA1,
  maxRows: number,
  maxCols: number,
): { rect: Rect; unbounded: Unbounded } {
  const row = parsed.startRow ?? 1;
  const col = parsed.startCol ?? 1;
  const endRow = parsed.endRow ?? maxRows;
  const endCol = parsed.endCol ?? maxCols;
  let unbounded: Unbounded;
  if (parsed.startRow === undefined) unbounded = 'columns';
  else if (parsed.startCol === undefined) unbounded = 'rows';
  return { rect: { row, col, numRows: endRow - row + 1, numCols: endCol - col + 1 }, unbounded };
}

export function cellA1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function rectA1(rect: Rect, unbounded?: Unbounded): string {
  const lastRow = rect.row + rect.numRows - 1;
  const lastCol = rect.col + rect.numCols - 1;
  if (unbounded === 'columns') return `${columnLetters(rect.col)}:${columnLetters(lastCol)}`;
  if (unbounded === 'rows') return `${rect.row}:${lastRow}`;
  if (rect.numRows === 1 && rect.numCols === 1) return cellA1(rect.row, rect.col);
  return `${cellA1(rect.row, rect.col)}:${cellA1(lastRow, lastCol)}`;
}

/** `Sheet1!A1:B2`, quoting the name when Sheets would. */
export function qualifiedA1(sheetName: string, a1: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheetName) && !/^[A-Za-z]{1,3}\d+$/.test(sheetName);
  return `${plain ? sheetName : `'${sheetName.replace(/'/g, "''")}'`}!${a1}`;
}

export function rectContains(rect: Rect, row: number, col: number): boolean {
  return row >= rect.row && row < rect.row + rect.numRows && col >= rect.col && col < rect.col + rect.numCols;
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols
  );
}

/**
 * Moves a rectangle as Sheets does when rows (or columns) are inserted at `at` (the first new index):
 * below/right of the insertion it shifts, across it it grows. Returns a new rect.
 */
export function shiftForInsert(rect: Rect, dimension: 'rows' | 'cols', at: number, count: number): Rect {
  const start = dimension === 'rows' ? rect.row : rect.col;
  const size = dimension === 'rows' ? rect.numRows : rect.numCols;
  let newStart = start;
  let newSize = size;
  if (at <= start) newStart = start + count;
  else if (at < start + size) newSize = size + count;
  return dimension === 'rows'
    ? { ...rect, row: newStart, numRows: newSize }
    : { ...rect, col: newStart, numCols: newSize };
}

/** As `shiftForInsert` for deletion of `count` rows/columns from `at`; null when nothing of it is left. */
export function shiftForDelete(
  rect: Rect,
  dimension: 'rows' | 'cols',
  at: number,
  count: number,
): Rect | null {
  const start = dimension === 'rows' ? rect.row : rect.col;
  const end = start + (dimension === 'rows' ? rect.numRows : rect.numCols) - 1;
  const delEnd = at + count - 1;
  const newStart = start < at ? start : start > delEnd ? start - count : at;
  const newEnd = end < at ? end : end > delEnd ? end - count : at - 1;
  if (newEnd < newStart) return null;
  return dimension === 'rows'
    ? { ...rect, row: newStart, numRows: newEnd - newStart + 1 }
    : { ...rect, col: newStart, numCols: newEnd - newStart + 1 };
}
