/**
 * Sheets API batchUpdate requests (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request)
 * built as plain values: Set up describes a file's widths, formats, dropdowns, colour rules and protections as
 * one list and sends it in one call (workspace/sheet-batch.ts) instead of hundreds of SpreadsheetApp calls.
 *
 * Positions here are the product's: 1-based rows and columns with a count, as SpreadsheetApp's getRange takes
 * them. The API's GridRange is 0-based with exclusive ends; `gridRange` converts, and nothing else does.
 */

export type SheetRequest = Record<string, unknown>;

/** A rectangle of one sheet, 1-based, as SpreadsheetApp's getRange(row, column, numRows, numColumns). */
export interface CellBlock {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** What a repeatCell sets; only the properties given are written (the request's field mask lists exactly them). */
export interface CellLook {
  numberFormat?: string;
  wrap?: boolean;
  verticalAlignment?: 'TOP' | 'MIDDLE' | 'BOTTOM';
  background?: string;
  bold?: boolean;
  fontColor?: string;
}

/** GridRange: 0-based, start inclusive, end exclusive. */
export function gridRange(block: CellBlock): Record<string, number> {
  return {
    sheetId: block.sheetId,
    startRowIndex: block.row - 1,
    endRowIndex: block.row - 1 + block.numRows,
    startColumnIndex: block.col - 1,
    endColumnIndex: block.col - 1 + block.numCols,
  };
}

/** '#1f3864' → Color {red, green, blue} in 0–1. */
export function apiColour(hex: string): { red: number; green: number; blue: number } {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const part = (i: number): number => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { red: part(1), green: part(3), blue: part(5) };
}

/** The API's NumberFormat type for one of the product's patterns (dates with a time are DATE_TIME). */
export function numberFormatType(pattern: string): 'TEXT' | 'DATE' | 'DATE_TIME' | 'NUMBER' {
  if (pattern === '@') return 'TEXT';
  const bare = pattern.replace(/"[^"]*"/g, '');
  if (/[hs]/i.test(bare)) return 'DATE_TIME';
  if (/[dy]/i.test(bare)) return 'DATE';
  return 'NUMBER';
}

/** Column widths in pixels for `count` columns from `first` (1-based). */
export function columnWidths(sheetId: number, first: number, count: number, pixels: number): SheetRequest {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: first - 1, endIndex: first - 1 + count },
      properties: { pixelSize: pixels },
      fields: 'pixelSize',
    },
  };
}

/** Frozen header rows (and columns, when given). */
export function frozen(sheetId: number, rows: number, columns?: number): SheetRequest {
  const gridProperties: Record<string, number> = { frozenRowCount: rows };
  const fields = ['gridProperties.frozenRowCount'];
  if (columns !== undefined) {
    gridProperties.frozenColumnCount = columns;
    fields.push('gridProperties.frozenColumnCount');
  }
  return { updateSheetProperties: { properties: { sheetId, gridProperties }, fields: fields.join(',') } };
}

/** One format over a block: repeatCell with a field mask naming only what `look` sets. */
export function formatCells(block: CellBlock, look: CellLook): SheetRequest {
  const format: Record<string, unknown> = {};
  const textFormat: Record<string, unknown> = {};
  const fields: string[] = [];
  if (look.numberFormat !== undefined) {
    format.numberFormat = { type: numberFormatType(look.numberFormat), pattern: look.numberFormat };
    fields.push('numberFormat');
  }
  if (look.wrap !== undefined) {
    format.wrapStrategy = look.wrap ? 'WRAP' : 'OVERFLOW_CELL';
    fields.push('wrapStrategy');
  }
  if (look.verticalAlignment !== undefined) {
    format.verticalAlignment = look.verticalAlignment;
    fields.push('verticalAlignment');
  }
  if (look.background !== undefined) {
    format.backgroundColor = apiColour(look.background);
    fields.push('backgroundColor');
  }
  if (look.bold !== undefined) {
    textFormat.bold = look.bold;
    fields.push('textFormat.bold');
  }
  if (look.fontColor !== undefined) {
    textFormat.foregroundColor = apiColour(look.fontColor);
    fields.push('textFormat.foregroundColor');
  }
  if (fields.length === 0) throw new Error('formatCells: nothing to set');
  if (Object.keys(textFormat).length > 0) format.textFormat = textFormat;
  return {
    repeatCell: {
      range: gridRange(block),
      cell: { userEnteredFormat: format },
      fields: fields.map((f) => `userEnteredFormat.${f}`).join(','),
    },
  };
}

/** Clears a block's background (a stale colour-key cell). */
export function clearBackground(block: CellBlock): SheetRequest {
  return {
    repeatCell: {
      range: gridRange(block),
      cell: { userEnteredFormat: {} },
      fields: 'userEnteredFormat.backgroundColor',
    },
  };
}

/** A dropdown that refuses anything not in the list, saying what to choose (register and log sheets alike). */
export function dropdown(block: CellBlock, choices: readonly string[]): SheetRequest {
  return {
    setDataValidation: {
      range: gridRange(block),
      rule: {
        condition: { type: 'ONE_OF_LIST', values: choices.map((c) => ({ userEnteredValue: c })) },
        inputMessage: `Choose one of: ${choices.join(', ')}`,
        strict: true,
        showCustomUi: true,
      },
    },
  };
}

/** A colour rule: when `formula` holds for a row, its background (and text colour, bold) change. */
export interface ColourRule {
  formula: string;
  background: string;
  text?: { fontColor: string; bold: boolean };
}

export function addColourRule(block: CellBlock, rule: ColourRule, index: number): SheetRequest {
  const format: Record<string, unknown> = { backgroundColor: apiColour(rule.background) };
  if (rule.text)
    format.textFormat = { foregroundColor: apiColour(rule.text.fontColor), bold: rule.text.bold };
  return {
    addConditionalFormatRule: {
      index,
      rule: {
        ranges: [gridRange(block)],
        booleanRule: {
          condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: rule.formula }] },
          format,
        },
      },
    },
  };
}

/** Removes the sheet's first colour rule (repeated, it clears rules already there). */
export function deleteFirstColourRule(sheetId: number): SheetRequest {
  return { deleteConditionalFormatRule: { sheetId, index: 0 } };
}

/**
 * A protected range only `runner` (and the file's owner, whom nobody can remove) may edit, with domain
 * editing off: what protectForRunnerOnly leaves after a SpreadsheetApp protect().
 */
export function protectForRunner(block: CellBlock, description: string, runner: string): SheetRequest {
  return {
    addProtectedRange: {
      protectedRange: {
        range: gridRange(block),
        description,
        warningOnly: false,
        editors: { users: [runner], domainUsersCanEdit: false },
      },
    },
  };
}
