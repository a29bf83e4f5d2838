/**
 * The audit trail: the installable on-edit trigger that records every change to the register's workflow
 * columns (and enforces the closing rule), and the `Verify audit trail` menu item.
 *
 * The trigger runs as the owner who ran Set up, so it can write the protected Audit sheet whoever edits;
 * `e.user` says who made the edit. It cannot open a dialog for that person (getUi is refused in an
 * installable trigger), so what it has to say goes in a toast on the spreadsheet.
 */
import {
  auditedColumnsIn,
  auditLayout,
  checkAuditChain,
  GENESIS_HASH,
  planEdit,
  sealEntries,
  snapshotOfRegister,
  snapshotsAligned,
  snapshotsById,
  type AuditLayout,
  type Verification,
} from '../domain/audit';
import { cellText } from '../domain/cells';
import {
  appendAuditRows,
  AUDIT_SHEET,
  editedRect,
  ensureAuditSheet,
  ensureStateSheet,
  readAllStateRows,
  readAuditBody,
  readBookkeeping,
  readRegisterBlock,
  readRegisterColumns,
  readRegisterHeader,
  readStateRows,
  replaceStateRows,
  saveBookkeeping,
  sha256,
  withDocumentLock,
  withStateRows,
  writeRegisterCells,
  writeStateRows,
  type AuditBookkeeping,
} from '../workspace/audit-sheet';
import { now } from '../workspace/clock';
import { REGISTER_SHEET } from '../workspace/register-sheet';
import { showMessage } from '../workspace/ui';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const UNKNOWN_USER = '(email not available)';

interface EditedBlock {
  firstRow: number;
  numRows: number;
  column: number;
  numColumns: number;
  single: boolean;
}

/**
 * Installable on-edit trigger on the container spreadsheet. Edits on other sheets cost two calls, edits of
 * the header row alone three, and edits of the register's other columns (a DSL's own included) five; none
 * of them does anything.
 *
 * The register's columns are found by header text on every edit (two calls) rather than kept from an
 * earlier run: inserting, deleting or moving a column fires no edit event, so a kept layout could not know
 * it had gone stale, and recording a change against the wrong column is the one thing an audit must not do.
 * The header is read before the lock is taken: only people change it (the script only ever appends a
 * missing column at the end, which moves nothing), and an edit of the header row itself is not audited.
 */
export function onRegisterEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e?.range) return;
  const sheet = e.range.getSheet();
  if (sheet.getName() !== REGISTER_SHEET) return;
  const rect = editedRect(e.range);
  // The header row is never audited.
  const firstRow = Math.max(rect.row, 2);
  const lastRow = rect.row + rect.numRows - 1;
  if (lastRow < firstRow) return;
  const layout = auditLayout(readRegisterHeader(sheet));
  if (!layout || auditedColumnsIn(layout, rect.column, rect.numColumns).length === 0) return;
  const block: EditedBlock = {
    firstRow,
    numRows: lastRow - firstRow + 1,
    column: rect.column,
    numColumns: rect.numColumns,
    single: rect.numRows === 1 && rect.numColumns === 1,
  };
  withDocumentLock(() => recordEdit(e, e.source, sheet, block, layout));
}

function editorEmail(e: GoogleAppsScript.Events.SheetsOnEdit): string {
  try {
    return e.user?.getEmail() || UNKNOWN_USER;
  } catch {
    return UNKNOWN_USER;
  }
}

function recordEdit(
  e: GoogleAppsScript.Events.SheetsOnEdit,
  ss: Spreadsheet,
  register: Sheet,
  block: EditedBlock,
  layout: AuditLayout,
): void {
  const { bookkeeping, anchored, store } = readBookkeeping();
  const rows = readRegisterBlock(register, block.firstRow, block.numRows, layout.width);
  const state = ensureStateSheet(ss);
  if (state.created) bookkeeping.stateRows = 0;
  const lastRow = block.firstRow + block.numRows - 1;
  let snapshots: Array<readonly unknown[] | undefined> = withStateRows(
    state.sheet,
    lastRow,
    bookkeeping,
    () => readStateRows(state.sheet, block.firstRow, block.numRows),
  );
  // Sorted, or rows inserted or deleted, since the audit last looked: find each incident by its ID.
  const realign = !snapshotsAligned(layout, rows, snapshots);
  if (realign) {
    const byId = snapshotsById(readAllStateRows(state.sheet));
    snapshots = rows.map((row) => byId.get(cellText(row[layout.idColumn - 1]).trim()));
  }

  const plan = planEdit({
    layout,
    firstRow: block.firstRow,
    firstColumn: block.column,
    numColumns: block.numColumns,
    rows,
    snapshots,
    eventOldValue: block.single ? e.oldValue : undefined,
    who: editorEmail(e),
    now: now(),
    timeZone: () => ss.getSpreadsheetTimeZone(),
  });
  if (plan.entries.length === 0 && plan.writes.length === 0 && !realign) return;

  if (plan.entries.length > 0) {
    const audit = ensureAuditSheet(ss);
    if (!anchored) continueFromSheet(audit, bookkeeping);
    const sealed = sealEntries(bookkeeping.lastHash, plan.entries, sha256);
    appendAuditRows(audit, sealed.rows);
    bookkeeping.entries += sealed.rows.length;
    bookkeeping.lastHash = sealed.lastHash;
  }
  writeRegisterCells(register, block.firstRow, plan.writes);
  if (realign) {
    const { ids, block: values } = readRegisterColumns(
      register,
      layout.idColumn,
      layout.firstAuditedColumn,
      layout.lastAuditedColumn - layout.firstAuditedColumn + 1,
    );
    replaceStateRows(state.sheet, snapshotOfRegister(layout, ids, values), bookkeeping);
  } else {
    withStateRows(state.sheet, lastRow, bookkeeping, () =>
      writeStateRows(state.sheet, block.firstRow, plan.snapshots),
    );
  }
  saveBookkeeping(store, bookkeeping);
  if (plan.messages.length > 0) ss.toast(plan.messages.join('\n'), 'Online Safety: change not saved', 20);
}

/**
 * No anchor in the script properties (they were cleared, or this is an older deployment): carry on from
 * the sheet's own last row, so the trail stays one chain. Verify then checks the sheet on its own.
 */
function continueFromSheet(audit: Sheet, bookkeeping: AuditBookkeeping): void {
  const body = readAuditBody(audit);
  const last = body[body.length - 1];
  bookkeeping.entries = body.length;
  bookkeeping.lastHash = last ? cellText(last[last.length - 1]) : GENESIS_HASH;
}

/** Menu item: checks the chain and says whether it is intact or where it first breaks. */
export function verifyAuditTrail(): Verification {
  const result = withDocumentLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const audit = ss.getSheetByName(AUDIT_SHEET);
    const { bookkeeping, anchored } = readBookkeeping();
    const anchor = anchored ? bookkeeping : null;
    if (!audit) {
      return anchor && anchor.entries > 0
        ? ({
            intact: false,
            row: 1,
            problem: `The Audit sheet has been deleted: ${anchor.entries} recorded change(s) were in it.`,
          } as const)
        : ({ intact: true, entries: 0 } as const);
    }
    return checkAuditChain(readAuditBody(audit), sha256, anchor);
  });
  showMessage('Verify audit trail', verificationMessage(result));
  return result;
}

function verificationMessage(result: Verification): string {
  if (result.intact) {
    return result.entries === 0
      ? 'No change has been recorded yet: the audit trail is empty.'
      : `The audit trail is intact: ${result.entries} recorded change(s), each row matching its hash and the row before it.`;
  }
  const lines =
    result.row > 1
      ? [`The audit trail is broken at row ${result.row} of the Audit sheet.`, '', result.problem, '']
      : ['The audit trail is broken.', '', result.problem, ''];
  if (result.row > 2) lines.push(`Rows 2 to ${result.row - 1} are intact.`);
  lines.push(
    'Keep a copy of the spreadsheet as it is now (File › Make a copy, or its version history) and tell the Headteacher.',
  );
  return lines.join('\n');
}
