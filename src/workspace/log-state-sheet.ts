/**
 * The hidden, protected sheet holding the audit's snapshot of a record file's Referrals and Information
 * sharing sheets, for the nightly check to find deleted rows (see domain/log-check). Its own sheet, not the
 * register's "Audit state", because that one's columns are the register's and it is rebuilt whole when
 * they change. It lives in the same file as the logs it mirrors, so it has the same readers, and holds no
 * more than they do.
 */
import { LOG_STATE_WIDTH, logStateHeaders } from '../domain/log-check';
import { protectForRunnerOnly } from './protect';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const LOG_STATE_SHEET = 'Audit state (logs)';
const PROTECTION = 'Online Safety: the audit snapshot of the logs (only the script writes it)';

/** The snapshot sheet, made (headed, protected, hidden) when missing. */
export function ensureLogStateSheet(ss: Spreadsheet): { sheet: Sheet; created: boolean } {
  const existing = ss.getSheetByName(LOG_STATE_SHEET);
  if (existing) return { sheet: existing, created: false };
  const sheet = ss.insertSheet(LOG_STATE_SHEET);
  if (sheet.getMaxColumns() < LOG_STATE_WIDTH)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), LOG_STATE_WIDTH - sheet.getMaxColumns());
  sheet.getRange(1, 1, 1, LOG_STATE_WIDTH).setValues([logStateHeaders()]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  protectForRunnerOnly(sheet.protect().setDescription(PROTECTION));
  sheet.hideSheet();
  return { sheet, created: true };
}

/** Every snapshot row below the header (one read, two with the size). */
export function readLogState(sheet: Sheet): unknown[][] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return sheet.getRange(2, 1, last - 1, LOG_STATE_WIDTH).getValues();
}

/** Replaces the snapshot (rows from 2), growing the sheet when needed and clearing what is left below. */
export function replaceLogState(sheet: Sheet, rows: string[][]): void {
  const oldLast = sheet.getLastRow();
  const newLast = rows.length + 1;
  const maxRows = sheet.getMaxRows();
  if (newLast > maxRows) sheet.insertRowsAfter(maxRows, newLast - maxRows + 100);
  if (rows.length > 0) sheet.getRange(2, 1, rows.length, LOG_STATE_WIDTH).setValues(rows);
  if (oldLast > newLast) sheet.getRange(newLast + 1, 1, oldLast - newLast, LOG_STATE_WIDTH).clearContent();
}
