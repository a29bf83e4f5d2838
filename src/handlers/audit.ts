/**
 * The audit trail: the installable on-edit triggers that record every change to a record file (the register
 * and the two restricted allegation files; every column, and the closing rule), Settings changes (see
 * audit-settings), and the `Verify audit trail` menu item.
 *
 * The triggers run as the runner who ran Set up, so they can write the protected Audit sheet whoever edits;
 * `e.user` says who made the edit. They cannot open a dialog for that person (getUi is refused in an
 * installable trigger), so what they have to say goes in a toast on the spreadsheet.
 *
 * Where each file's trail lives: in the file itself, on its own protected Audit sheet, with its own chain
 * and anchor. A trail says what was changed (old and new values), so it may live only where the people who
 * may read that file's records can see it, and nobody else: the Headteacher-allegations file's readers (the
 * Chair, and the DSLs when the Headteacher is known) cannot open the register, and the Headteacher must
 * never read about themselves, so that file's trail can be neither in the register nor in the
 * staff-allegations file the Headteacher reads. Each restricted file has its own edit trigger (one handler per
 * file, so each run knows which file it audits), and its chain is anchored under that file's id.
 */
import {
  auditedColumnsIn,
  auditLayout,
  checkAuditChain,
  planEdit,
  planRegisterCheck,
  snapshotOfRegister,
  snapshotsAligned,
  snapshotsById,
  type AuditLayout,
  type Verification,
} from '../domain/audit';
import { RESTRICTED_FILES, type RecordFile } from '../domain/routing';
import { fileName } from '../domain/access';
import { cellText } from '../domain/cells';
import {
  anchorProperty,
  AUDIT_SHEET,
  editedRect,
  ensureStateSheet,
  readAllStateRows,
  readAuditBody,
  readBookkeeping,
  readRegisterBlock,
  readRegisterColumns,
  readRegisterHeader,
  readRegisterIds,
  readStateRows,
  replaceStateRows,
  saveBookkeeping,
  sealOntoTrail,
  sha256,
  withDocumentLock,
  withStateRows,
  writeRegisterCells,
  writeStateRows,
} from '../workspace/audit-sheet';
import { now } from '../workspace/clock';
import { configFrom, readAllProperties, restrictedFileId } from '../workspace/config';
import { isMarkedRecordSheet } from '../workspace/record-sheets';
import { logKindOf } from '../workspace/log-sheets';
import { auditLogSheetEdit } from './log-audit';
import { SETTINGS_SHEET } from '../workspace/settings-sheet';
import { runsAsRunner } from '../workspace/runner';
import { showMessage } from '../workspace/ui';
import { onSettingsEdit } from './audit-settings';

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
 * the header row alone three, and edits of the register's unaudited columns (a DSL's own, Last updated)
 * five; none of them does anything. An edit of the Settings sheet is recorded by audit-settings.
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
  const name = sheet.getName();
  if (name === SETTINGS_SHEET) {
    // The runner check comes before any work, after the calls that find an edit none of the audit's business.
    if (runsAsRunner('onRegisterEdit', e)) onSettingsEdit(e, sheet, editorEmail(e));
    return;
  }
  // The register by its mark, not its name: renamed, it is still audited; a hand-made copy never is.
  const marks = sheet.getDeveloperMetadata();
  if (!isMarkedRecordSheet(sheet, 'register', marks)) {
    // The Referrals and Information sharing sheets, by their own mark (handlers/log-audit).
    const log = logKindOf(sheet, marks);
    if (log) {
      const file = { role: 'register' as const, id: '', property: anchorProperty() };
      auditLogSheetEdit(e, sheet, log, file, editorEmail(e), () => runsAsRunner('onRegisterEdit', e));
    }
    return;
  }
  auditRecordSheetEdit(e, sheet, anchorProperty(), () => runsAsRunner('onRegisterEdit', e));
}

/** Installable on-edit trigger on the staff-allegations file: its edits go to that file's own trail. */
export function onStaffAllegationsEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  onRestrictedFileEdit(e, 'staff-allegations', () => runsAsRunner('onStaffAllegationsEdit', e));
}

/** Installable on-edit trigger on the DSL-and-deputy-allegations file: its edits go to that file's own trail. */
export function onLeadAllegationsEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  onRestrictedFileEdit(e, 'lead-allegations', () => runsAsRunner('onLeadAllegationsEdit', e));
}

/** Installable on-edit trigger on the Headteacher-allegations file: its edits go to that file's own trail. */
export function onHeadteacherAllegationsEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  onRestrictedFileEdit(e, 'headteacher-allegations', () => runsAsRunner('onHeadteacherAllegationsEdit', e));
}

/** A restricted file's record sheet edited: audited in that file (e.source), anchored under its id. */
function onRestrictedFileEdit(
  e: GoogleAppsScript.Events.SheetsOnEdit | undefined,
  role: Exclude<RecordFile, 'register'>,
  asRunner: () => boolean,
): void {
  if (!e?.range) return;
  const sheet = e.range.getSheet();
  const marks = sheet.getDeveloperMetadata();
  if (!isMarkedRecordSheet(sheet, role, marks)) {
    const log = logKindOf(sheet, marks);
    if (log) {
      const id = e.source.getId();
      auditLogSheetEdit(e, sheet, log, { role, id, property: anchorProperty(id) }, editorEmail(e), asRunner);
    }
    return;
  }
  auditRecordSheetEdit(e, sheet, anchorProperty(e.source.getId()), asRunner);
}

/**
 * Records an edit of a record sheet on its file's trail. `asRunner` is the runner check (every trigger
 * handler's): asked before any work, once the cheap calls have shown the edit is the audit's business.
 */
function auditRecordSheetEdit(
  e: GoogleAppsScript.Events.SheetsOnEdit,
  sheet: Sheet,
  property: string,
  asRunner: () => boolean,
): void {
  const rect = editedRect(e.range);
  // The header row is never audited.
  const firstRow = Math.max(rect.row, 2);
  const lastRow = rect.row + rect.numRows - 1;
  if (lastRow < firstRow) return;
  const layout = auditLayout(readRegisterHeader(sheet));
  if (!layout || auditedColumnsIn(layout, rect.column, rect.numColumns).length === 0) return;
  if (!asRunner()) return;
  const block: EditedBlock = {
    firstRow,
    numRows: lastRow - firstRow + 1,
    column: rect.column,
    numColumns: rect.numColumns,
    single: rect.numRows === 1 && rect.numColumns === 1,
  };
  withDocumentLock(() => recordEdit(e, e.source, sheet, block, layout, property));
}

export function editorEmail(e: GoogleAppsScript.Events.SheetsOnEdit): string {
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
  property: string,
): void {
  const { bookkeeping, anchored, store } = readBookkeeping(property);
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
  let allSnapshots: unknown[][] = [];
  if (realign) {
    allSnapshots = readAllStateRows(state.sheet);
    const byId = snapshotsById(allSnapshots);
    snapshots = rows.map((row) => byId.get(cellText(row[layout.idColumn - 1]).trim()));
  }
  const at = now();
  let zone: string | null = null;
  const timeZone = (): string => (zone ??= ss.getSpreadsheetTimeZone());
  const plan = planEdit({
    layout,
    firstRow: block.firstRow,
    firstColumn: block.column,
    numColumns: block.numColumns,
    rows,
    snapshots,
    eventOldValue: block.single ? e.oldValue : undefined,
    who: editorEmail(e),
    now: at,
    timeZone,
  });
  if (plan.entries.length === 0 && plan.writes.length === 0 && !realign) return;

  // Realigning is when a deleted row shows: an incident the snapshot has that the sheet no longer has.
  const deletions = realign
    ? planRegisterCheck({
        layout,
        ids: readRegisterIds(register, layout.idColumn),
        block: [],
        snapshots: allSnapshots,
        now: at,
        timeZone: timeZone(),
        foundBy: 'the next edit of the sheet',
        compareValues: false,
      }).entries
    : [];
  sealOntoTrail(ss, bookkeeping, anchored, [...plan.entries, ...deletions]);
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
  saveBookkeeping(store, bookkeeping, property);
  if (plan.messages.length > 0) ss.toast(plan.messages.join('\n'), 'Online Safety: change not saved', 20);
}

/** One trail's verification, with what it is the trail of. */
interface TrailCheck {
  trail: string;
  result: Verification;
}

/** Checks one file's trail against its anchor. */
export function verifyTrail(ss: Spreadsheet, property: string): Verification {
  const audit = ss.getSheetByName(AUDIT_SHEET);
  const { bookkeeping, anchored } = readBookkeeping(property);
  const anchor = anchored ? bookkeeping : null;
  if (!audit) {
    return anchor && anchor.entries > 0
      ? {
          intact: false,
          row: 1,
          problem: `The Audit sheet has been deleted: ${anchor.entries} recorded change(s) were in it.`,
        }
      : { intact: true, entries: 0, head: anchor?.lastHash ?? '0'.repeat(64), anchored, oldFormat: 0 };
  }
  return checkAuditChain(readAuditBody(audit), sha256, anchor, 2, ss.getSpreadsheetTimeZone());
}

/**
 * Menu item: checks the register's chain, and each restricted file's that the person clicking can open,
 * and says for each whether it is intact or where it first breaks, with its head for comparison with the
 * weekly anchor email. Returns the register's result.
 */
export function verifyAuditTrail(): Verification {
  const checks = withDocumentLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const list: TrailCheck[] = [{ trail: 'Register', result: verifyTrail(ss, anchorProperty()) }];
    const config = configFrom(readAllProperties());
    for (const restricted of RESTRICTED_FILES) {
      const trail = fileName(restricted);
      const id = restrictedFileId(config, restricted);
      if (!id) continue;
      let file: Spreadsheet;
      try {
        file = SpreadsheetApp.openById(id);
      } catch {
        continue; // Not for this person to open: nothing about it is shown.
      }
      list.push({ trail, result: verifyTrail(file, anchorProperty(id)) });
    }
    return list;
  });
  showMessage('Verify audit trail', checks.map((c) => verificationMessage(c)).join('\n\n'));
  return checks[0]!.result;
}

/** What Verify says of one trail: the register's as before, a restricted file's under its own heading. */
function verificationMessage(check: TrailCheck): string {
  const text = trailMessage(check);
  return check.trail === 'Register' ? text : `${check.trail}:\n${text}`;
}

function trailMessage({ trail, result }: TrailCheck): string {
  const where = trail === 'Register' ? 'the Audit sheet' : `the Audit sheet of the ${trail.toLowerCase()}`;
  if (result.intact) {
    const oldFormat =
      result.oldFormat > 0
        ? ` ${result.oldFormat} of them were written in the old format (before the time was kept as text): they are checked as written, against the time as the spreadsheet reads it in its time zone now.`
        : '';
    const redacted =
      (result.redacted ?? 0) > 0
        ? ` ${result.redacted ?? 0} row(s) had their text removed under the retention policy: each is checked by the seal a later redaction record lists for it.`
        : '';
    const head = `Chain head: ${result.head} (compare it with the last weekly anchor email).`;
    if (!result.anchored) {
      return [
        'The audit trail cannot be confirmed: the anchor the script keeps for it (in its properties) is missing, so a trail cut short or rewritten whole cannot be told from a true one.',
        `The ${result.entries} row(s) in ${where} agree with one another (each matches its hash and the row before it).${oldFormat}`,
        head,
        'Compare the number of changes and the head with the last weekly anchor email; if they differ, keep a copy of the spreadsheet as it is now and tell the Chair of Governors.',
      ].join('\n');
    }
    const summary =
      result.entries === 0
        ? 'No change has been recorded yet: the audit trail is empty.'
        : `The audit trail is intact: ${result.entries} recorded change(s), each row matching its hash and the row before it.${oldFormat}${redacted}`;
    return `${summary}\n${head}`;
  }
  const lines =
    result.row > 1
      ? [`The audit trail is broken at row ${result.row} of ${where}.`, '', result.problem, '']
      : ['The audit trail is broken.', '', result.problem, ''];
  if (result.row > 2) lines.push(`Rows 2 to ${result.row - 1} are intact.`);
  lines.push(
    'Keep a copy of the spreadsheet as it is now (File › Make a copy, or its version history) and tell the Headteacher.',
  );
  return lines.join('\n');
}
