/**
 * Edits of a record file's Referrals and Information sharing sheets: each edited cell goes on that file's
 * own audit trail (the same chain, anchor and lock as the register's edits: see handlers/audit), and an
 * edit of the Referrals sheet brings the register's "Referrals" column up to date at once.
 *
 * Called by the file's edit trigger (handlers/audit) once the sheet's mark shows it is a log; runs as the
 * runner, who may write the protected Audit sheet and the register's protected "Referrals" column.
 */
import { planLogEdit, type LogKind } from '../domain/referrals';
import type { RecordFile } from '../domain/routing';
import { editedRect, sealAndSave, withDocumentLock } from '../workspace/audit-sheet';
import { now } from '../workspace/clock';
import { refreshReferralsGlance } from '../workspace/log-sheets';
import { findRecordSheet } from '../workspace/record-sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function auditLogSheetEdit(
  e: GoogleAppsScript.Events.SheetsOnEdit,
  sheet: Sheet,
  kind: LogKind,
  file: { role: RecordFile; id: string; property: string },
  who: string,
  asRunner: () => boolean,
): void {
  const rect = editedRect(e.range);
  const firstRow = Math.max(rect.row, 2);
  const lastRow = rect.row + rect.numRows - 1;
  if (lastRow < firstRow) return;
  if (!asRunner()) return;
  const ss = e.source;
  withDocumentLock(() => {
    const width = Math.max(sheet.getLastColumn(), rect.column + rect.numColumns - 1);
    const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
    const rows = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width).getValues();
    const timeZone = ss.getSpreadsheetTimeZone();
    const single = rect.numRows === 1 && rect.numColumns === 1;
    const entries = planLogEdit({
      kind,
      headerRow: header,
      rows,
      firstColumn: rect.column,
      numColumns: rect.numColumns,
      oldValue: single ? e.oldValue : undefined,
      single,
      who,
      now: now(),
      timeZone,
    });
    sealAndSave(ss, file.property, entries);
    if (kind !== 'referrals') return;
    const register = findRecordSheet(ss, file.role, file.id);
    if (!register) return;
    const unknown = refreshReferralsGlance(register, sheet, timeZone);
    if (unknown.length > 0) {
      ss.toast(
        `No incident in this file's register has the ID ${unknown.join(', ')}: check the Incident ID on the Referrals sheet.`,
        'Online Safety: referral not matched',
        20,
      );
    }
  });
}
