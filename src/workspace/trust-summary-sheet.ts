/**
 * The trust spreadsheet seen from the trust's own deployment: why a separate adapter — the trust's file is
 * a different kind of spreadsheet from a school's (no register, no form), so it carries a mark that says
 * so (developer metadata on the spreadsheet, put there by Set up for the trust), and this reads the
 * schools' sheets and writes the Summary, in one read per school and one write. Thin: the Summary's
 * content and suppression are domain/trust-summary.ts.
 */
import { schoolCodeOfSheet, TRUST_SUMMARY_SHEET, type SchoolSheet } from '../domain/trust-summary';
import { protectForRunnerOnly } from './protect';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The mark's key: a spreadsheet carrying it is a trust's rollup, whatever its name. */
export const TRUST_STORE_MARK = 'onlineSafetyTrustStore';

/** Whether Set up for the trust has marked this spreadsheet (one read; safe in a simple onOpen). */
export function isTrustStore(ss: Spreadsheet): boolean {
  return ss.getDeveloperMetadata().some((m) => m.getKey() === TRUST_STORE_MARK);
}

export function markAsTrustStore(ss: Spreadsheet): void {
  if (!isTrustStore(ss)) ss.addDeveloperMetadata(TRUST_STORE_MARK, 'v1');
}

/**
 * The Summary sheet, made if missing, protected so that only the trust's runner may edit it: every school's
 * runner is an editor of the file (to write its own sheet), and none of them may write the trust's figures.
 * Returns the addresses the protection could not remove (none, normally).
 */
export function ensureSummarySheet(ss: Spreadsheet): { sheet: Sheet; notRemoved: string[] } {
  const sheet = ss.getSheetByName(TRUST_SUMMARY_SHEET) ?? ss.insertSheet(TRUST_SUMMARY_SHEET, 0);
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const protection = existing ?? sheet.protect();
  protection.setDescription(
    'The trust summary: rebuilt by the trust’s job; schools write only their own sheet.',
  );
  return { sheet, notRemoved: protectForRunnerOnly(protection) };
}

/** Every `School <code>` sheet's values (one read each). */
export function readSchoolSheets(ss: Spreadsheet): SchoolSheet[] {
  const sheets: SchoolSheet[] = [];
  for (const sheet of ss.getSheets()) {
    const code = schoolCodeOfSheet(sheet.getName());
    if (code === null) continue;
    const rows = sheet.getLastRow();
    const cols = sheet.getLastColumn();
    const values = rows > 0 && cols > 0 ? sheet.getRange(1, 1, rows, cols).getValues() : [];
    sheets.push({ code, values });
  }
  return sheets;
}

/** Replaces the Summary's contents with `rows` (padded to one width): clear, then one write. */
export function writeSummary(sheet: Sheet, rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const values = rows.map((row) => [...row, ...new Array<string>(width - row.length).fill('')]);
  sheet.clearContents();
  const maxRows = sheet.getMaxRows();
  if (maxRows < values.length) sheet.insertRowsAfter(maxRows, values.length - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < width) sheet.insertColumnsAfter(maxCols, width - maxCols);
  sheet.getRange(1, 1, values.length, width).setValues(values);
}
