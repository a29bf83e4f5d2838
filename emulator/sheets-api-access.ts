/**
 * What every Sheets advanced-service method does before its own work: find the file, note the access, check
 * the running person's Drive access (the REST call runs with the effective user's token, so their access
 * decides) and that no SpreadsheetApp write of this execution is still unflushed (write-cache.ts). Errors are
 * Apps Script's wrapping of an API error, "API call to <method> failed with error: <message>" (seen in public
 * projects' logs, not in Google's reference: **unconfirmed**, as are the messages themselves).
 */
import { scriptException } from './utilities';
import type { Workspace } from './workspace';
import type { SpreadsheetState } from './sheets/model';
import { assertFlushed } from './write-cache';

export type SheetsApiMethod = 'batchUpdate' | 'get' | 'Values.batchGet';

const REST_NAME: Record<SheetsApiMethod, string> = {
  batchUpdate: 'sheets.spreadsheets.batchUpdate',
  get: 'sheets.spreadsheets.get',
  'Values.batchGet': 'sheets.spreadsheets.values.batchGet',
};

/** The error Apps Script throws when the API refuses `method` with `message`. */
export function sheetsApiError(method: SheetsApiMethod, message: string): Error {
  return scriptException(`API call to ${REST_NAME[method]} failed with error: ${message}`);
}

/** The spreadsheet `method` may work on as the running person (`need`: to view it, or to edit it); else throws. */
export function openForSheetsApi(
  ws: Workspace,
  spreadsheetId: string,
  method: SheetsApiMethod,
  need: 'view' | 'edit',
): SpreadsheetState {
  const file = ws.drive.get(spreadsheetId);
  if (!file || file.kind !== 'spreadsheet' || file.trashed)
    throw sheetsApiError(method, 'Requested entity was not found.');
  ws.noteFileAccess(spreadsheetId, `Sheets.Spreadsheets.${method}`);
  const user = ws.activeUser();
  const allowed =
    need === 'edit' ? ws.drive.canEdit(user, spreadsheetId) : ws.drive.canView(user, spreadsheetId);
  if (!allowed) throw sheetsApiError(method, 'The caller does not have permission');
  assertFlushed(ws, method);
  return ws.spreadsheets.book(spreadsheetId);
}
