/**
 * The Register sheet (and the restricted allegation files, which share its layout): creating and
 * formatting it, appending an incident row, and finding a response already recorded — each in a fixed
 * number of service calls, whatever the register's size.
 */
import type { CellValue, RegisterColumn } from '../domain/register';
import { registerColumns } from '../domain/register';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const REGISTER_SHEET = 'Register';

const HEADER_BACKGROUND = '#1f3864';
const HEADER_TEXT = '#ffffff';
const FLAGGED_BACKGROUND = '#f4cccc';
const OVERDUE_BACKGROUND = '#fff2cc';

/** 'A', 'B', … 'AA' for a 1-based column number. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 1-based position of a register column, by key. */
export function columnNumber(
  key: RegisterColumn['key'],
  columns: RegisterColumn[] = registerColumns(),
): number {
  const index = columns.findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`No register column ${String(key)}`);
  return index + 1;
}

/**
 * Creates the sheet with the register layout if it is missing, and (re)applies its header, formats,
 * dropdowns, conditional formatting and protections. Safe to run again: it replaces, never adds twice.
 */
export function ensureRegisterSheet(ss: Spreadsheet, name: string, overdueDays: number): Sheet {
  const columns = registerColumns();
  const width = columns.length;
  const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name);
  if (sheet.getMaxColumns() < width)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());

  sheet
    .getRange(1, 1, 1, width)
    .setValues([columns.map((c) => c.header)])
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND)
    .setFontColor(HEADER_TEXT)
    .setWrap(true)
    .setVerticalAlignment('middle');
  sheet.setFrozenRows(1);
  sheet.setFrozenColumns(1);

  const bodyRows = sheet.getMaxRows() - 1;
  columns.forEach((col, i) => {
    sheet.setColumnWidth(i + 1, col.width);
    const body = sheet.getRange(2, i + 1, bodyRows, 1);
    body.setWrap(col.wrap).setVerticalAlignment('top');
    if (col.numberFormat) body.setNumberFormat(col.numberFormat);
    if (col.choices) {
      body.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInList([...col.choices], true)
          .setAllowInvalid(false)
          .setHelpText(`Choose one of: ${col.choices.join(', ')}`)
          .build(),
      );
    }
  });

  const letter = (key: RegisterColumn['key']): string => columnLetter(columnNumber(key, columns));
  const whole = sheet.getRange(2, 1, bodyRows, width);
  const flagged = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(`=$${letter('childProtection')}2="Yes"`)
    .setBackground(FLAGGED_BACKGROUND)
    .setRanges([whole])
    .build();
  const status = `$${letter('status')}2`;
  const lastUpdated = `$${letter('lastUpdated')}2`;
  const submitted = `$${letter('submittedAt')}2`;
  // Stale: still New the day after it came in, or open and untouched for the overdue period.
  const overdue = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(
      `=AND(${status}<>"Closed",${submitted}<>"",OR(AND(${status}="New",TODAY()-INT(${submitted})>1),TODAY()-INT(N(${lastUpdated}))>${overdueDays}))`,
    )
    .setBackground(OVERDUE_BACKGROUND)
    .setRanges([whole])
    .build();
  sheet.setConditionalFormatRules([flagged, overdue]);

  protectSystemColumns(sheet, columns);
  return sheet;
}

/** Derived and system columns are written by the script only: protect them, once each. */
function protectSystemColumns(sheet: Sheet, columns: RegisterColumn[]): void {
  const description = 'Online Safety: written by the system';
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.getDescription() === description) p.remove();
  }
  const me = Session.getEffectiveUser().getEmail();
  columns.forEach((col, i) => {
    if (col.owner !== 'derived' && col.owner !== 'system') return;
    const protection = sheet
      .getRange(1, i + 1, sheet.getMaxRows(), 1)
      .protect()
      .setDescription(description);
    // Only the account the script runs as (the owner) may change these cells.
    protection.removeEditors(protection.getEditors().filter((u) => u.getEmail() !== me));
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
  });
}

/** Appends one row in one call; the sheet grows as needed. */
export function appendRow(sheet: Sheet, row: CellValue[]): void {
  sheet.appendRow(row);
}

/** Appends rows in one batched write. */
export function appendRows(sheet: Sheet, rows: CellValue[][]): void {
  if (rows.length === 0) return;
  const first = sheet.getLastRow() + 1;
  const needed = first + rows.length - 1 - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  sheet.getRange(first, 1, rows.length, rows[0]!.length).setValues(rows);
}

/**
 * The row holding `responseId`, or 0. A TextFinder over the response-ID column: a fixed number of calls
 * whatever the register's size (reading the column would grow with it).
 */
export function findResponseRow(sheet: Sheet, responseId: string): number {
  const col = columnLetter(columnNumber('responseId'));
  const hit = sheet
    .getRange(`${col}:${col}`)
    .createTextFinder(responseId)
    .matchCase(true)
    .matchEntireCell(true)
    .findNext();
  return hit ? hit.getRow() : 0;
}

/** Every response ID recorded on the sheet (one read). */
export function recordedResponseIds(sheet: Sheet): Set<string> {
  const last = sheet.getLastRow();
  if (last < 2) return new Set();
  const values = sheet.getRange(2, columnNumber('responseId'), last - 1, 1).getValues();
  return new Set(values.map((r) => String(r[0])).filter((v) => v !== ''));
}

/** A link that opens the spreadsheet at the row. */
export function rowUrl(ss: Spreadsheet, sheet: Sheet, row: number): string {
  return `${ss.getUrl()}#gid=${sheet.getSheetId()}&range=A${row}`;
}
