/**
 * The audit trail's scheduled work: the nightly comparison of each record file with the audit's snapshot
 * (deleted rows, changes made unseen) and of Settings, and the weekly anchor email.
 *
 * Why a nightly comparison: Sheets fires no edit trigger when a row is deleted or a script writes a cell,
 * so those changes can only be found afterwards, by comparing with what the audit last saw. It runs at
 * 01:00, before the nightly reconcile, so a deleted row is recorded before anything else looks at the
 * register. `auditDeletedRows` is the same check for the register alone, for the health check to call: it
 * may put the deleted rows back (its `restore`) before the snapshot is taken again.
 *
 * Why the anchor is sent by this check, once a week: the check already runs nightly as the runner and has
 * just walked every record file and sealed what it found onto each trail, so the heads the anchor reports
 * are the heads the check has just verified (the weekly email's trigger, which carried it before, had
 * nothing to do with the trail and paid for it in the leadership email's time: issue 15). It goes on the
 * first night of each local Monday–Sunday week the check runs (domain/audit-notices `anchorDue`): a night
 * the trigger did not run is made good by the next. When it last went is kept in the runner's own user
 * properties (workspace/anchor-sent), never the script properties any editor can change. It is sent after
 * the comparison whatever became of it, since a trail's head is worth recording even on a night one file
 * could not be checked; a failed send is not recorded as sent, so the next night sends it again.
 */
import { auditLayout, planRegisterCheck, type DeletedIncident } from '../domain/audit';
import { anchorDue, renderAnchorEmail, type AnchorLine } from '../domain/audit-notices';
import { cellText, formatDayMonthYear } from '../domain/cells';
import { logRowsAsText, logStateOf, logStateRows, planLogCheck } from '../domain/log-check';
import type { LogKind } from '../domain/referrals';
import { RESTRICTED_FILES, recordReaders, sameMailbox, type RecordFile } from '../domain/routing';
import { fileName } from '../domain/access';
import { schoolDisplayName } from '../domain/settings';
import {
  anchorProperty,
  AUDIT_SHEET,
  ensureStateSheet,
  readAllStateRows,
  readAuditBody,
  readBookkeeping,
  readRegisterColumns,
  readRegisterHeader,
  readRegisterIds,
  replaceStateRows,
  saveBookkeeping,
  sealAndSave,
  sealOntoTrail,
  stateSheetIsCurrent,
  withDocumentLock,
  writeStateHeader,
} from '../workspace/audit-sheet';
import { anchorSentStore, readAnchorSentAt, saveAnchorSentAt } from '../workspace/anchor-sent';
import { now, scriptTimeZone } from '../workspace/clock';
import { configFrom, readAllProperties, restrictedFileId, type DeploymentConfig } from '../workspace/config';
import { sendEmails } from '../workspace/mailer';
import { ensureLogStateSheet, readLogState, replaceLogState } from '../workspace/log-state-sheet';
import { findLogSheet } from '../workspace/log-sheets';
import { findRecordSheet } from '../workspace/record-sheets';
import { runsAsRunner } from '../workspace/runner';
import { auditSettingsDrift } from './audit-settings';
import { loadContext, type RunContext } from './context';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface FileCheck {
  deleted: DeletedIncident[];
  /** Cells found changed without the audit seeing the edit. */
  changed: number;
}

const NONE: FileCheck = { deleted: [], changed: 0 };

/**
 * Compares a record file's sheet with the audit's snapshot of it, records what it finds on that file's
 * trail, lets `restore` put deleted rows back, then takes the snapshot again. A snapshot sheet that is new,
 * or made by an older version (fewer columns), is only taken, with nothing compared.
 */
export function auditRecordFile(
  ss: Spreadsheet,
  file: { role: RecordFile; id: string },
  property: string,
  foundBy: string,
  restore?: (deleted: DeletedIncident[]) => void,
): FileCheck {
  // By its mark, not its name: a renamed register is still audited, a hand-made copy never is.
  const register = findRecordSheet(ss, file.role, file.id);
  if (!register) return NONE;
  const layout = auditLayout(readRegisterHeader(register));
  if (!layout || layout.audited.length === 0) return NONE;
  return withDocumentLock(() => {
    const { bookkeeping, anchored, store } = readBookkeeping(property);
    const state = ensureStateSheet(ss);
    if (state.created) bookkeeping.stateRows = 0;
    const current = !state.created && stateSheetIsCurrent(state.sheet);
    if (!current) writeStateHeader(state.sheet);
    const width = layout.lastAuditedColumn - layout.firstAuditedColumn + 1;
    const read = (): ReturnType<typeof readRegisterColumns> =>
      readRegisterColumns(register, layout.idColumn, layout.firstAuditedColumn, width);
    let columns = read();
    const check = planRegisterCheck({
      layout,
      ids: columns.ids,
      block: columns.block,
      snapshots: current ? readAllStateRows(state.sheet) : [],
      now: now(),
      timeZone: ss.getSpreadsheetTimeZone(),
      foundBy,
      compareValues: true,
    });
    sealOntoTrail(ss, bookkeeping, anchored, check.entries);
    let snapshot = check.snapshot;
    if (restore && check.deleted.length > 0) {
      restore(check.deleted);
      columns = read();
      snapshot = planRegisterCheck({
        layout,
        ids: columns.ids,
        block: columns.block,
        snapshots: [],
        now: now(),
        timeZone: 'UTC',
        foundBy,
        compareValues: false,
      }).snapshot;
    }
    replaceStateRows(state.sheet, snapshot, bookkeeping);
    saveBookkeeping(store, bookkeeping, property);
    return { deleted: check.deleted, changed: check.entries.length - check.deleted.length };
  });
}

const LOG_KINDS: readonly LogKind[] = ['referrals', 'sharing'];

/** The incident IDs in a record file's register (three reads), or undefined when it cannot be found. */
function registerIncidents(ss: Spreadsheet, file: { role: RecordFile; id: string }): Set<string> | undefined {
  const register = findRecordSheet(ss, file.role, file.id);
  const layout = register ? auditLayout(readRegisterHeader(register)) : null;
  if (!register || !layout) return undefined;
  return new Set(readRegisterIds(register, layout.idColumn).map((r) => cellText(r[0]).trim()));
}

/**
 * Compares a record file's Referrals and Information sharing sheets with the audit's snapshot of them,
 * records each row deleted since (no edit trigger fires for a deleted row) on that file's trail, then takes
 * the snapshot again. A new snapshot sheet is only taken. Returns how many rows were found deleted.
 */
export function auditLogSheets(
  ss: Spreadsheet,
  file: { role: RecordFile; id: string },
  property: string,
  foundBy: string,
): number {
  const logs = LOG_KINDS.map((kind) => ({ kind, sheet: findLogSheet(ss, kind) })).filter(
    (l): l is { kind: LogKind; sheet: GoogleAppsScript.Spreadsheet.Sheet } => l.sheet !== null,
  );
  if (logs.length === 0) return 0;
  return withDocumentLock(() => {
    const state = ensureLogStateSheet(ss);
    const old = state.created ? [] : readLogState(state.sheet);
    const timeZone = ss.getSpreadsheetTimeZone();
    const at = now();
    const incidents = state.created ? undefined : registerIncidents(ss, file);
    let deleted = 0;
    const snapshot: string[][] = [];
    for (const { kind, sheet } of logs) {
      const current = logRowsAsText(kind, sheet.getDataRange().getValues(), timeZone);
      if (!state.created) {
        const entries = planLogCheck({
          kind,
          snapshot: logStateOf(kind, old),
          current,
          now: at,
          foundBy,
          incidents,
        });
        sealAndSave(ss, property, entries);
        deleted += entries.length;
      }
      snapshot.push(...logStateRows(kind, current));
    }
    replaceLogState(state.sheet, snapshot);
    return deleted;
  });
}

/**
 * For the nightly health check: finds register rows deleted since the audit last looked and records each
 * on the register's trail (with its last known values). `restore` is called with them, under the document
 * lock, before the snapshot is taken again, so rows it puts back are watched from then on.
 */
export function auditDeletedRows(restore?: (deleted: DeletedIncident[]) => void): FileCheck {
  return auditRecordFile(
    SpreadsheetApp.getActiveSpreadsheet(),
    { role: 'register', id: '' },
    anchorProperty(),
    'the nightly check',
    restore,
  );
}

export interface AuditCheckResult {
  register: FileCheck;
  /** Rows found deleted from the Referrals and Information sharing sheets, over every record file. */
  logRowsDeleted: number;
  settingsChanges: number;
  restricted: Partial<Record<Exclude<RecordFile, 'register'>, FileCheck>>;
  /** Whether the weekly anchor went tonight (it goes on the first night of each week: see the file's head). */
  anchorSent: boolean;
}

/** The restricted files Set up made, by their ids in the script properties. */
function restrictedFiles(
  config: DeploymentConfig = configFrom(readAllProperties()),
): Array<{ file: Exclude<RecordFile, 'register'>; id: string }> {
  return RESTRICTED_FILES.map((file) => ({ file, id: restrictedFileId(config, file) })).filter(
    (f) => f.id !== '',
  );
}

/**
 * Nightly trigger (01:00): the register, Settings and each restricted file compared with what the audit
 * last saw. A part that fails does not stop the others; the run then fails, so Apps Script tells the runner.
 */
export function checkAuditTrail(event?: unknown): AuditCheckResult | null {
  if (!runsAsRunner('checkAuditTrail', event)) return null;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const failures: string[] = [];
  const attempt = <T>(what: string, fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (err) {
      failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      return fallback;
    }
  };
  const result: AuditCheckResult = {
    register: attempt(
      'the register',
      () => auditRecordFile(ss, { role: 'register', id: '' }, anchorProperty(), 'the nightly check'),
      NONE,
    ),
    settingsChanges: attempt('Settings', () => auditSettingsDrift(ss, 'the nightly check'), 0),
    logRowsDeleted: attempt(
      "the register's logs",
      () => auditLogSheets(ss, { role: 'register', id: '' }, anchorProperty(), 'the nightly check'),
      0,
    ),
    restricted: {},
    anchorSent: false,
  };
  for (const { file, id } of restrictedFiles()) {
    result.restricted[file] = attempt(
      file,
      () =>
        auditRecordFile(
          SpreadsheetApp.openById(id),
          { role: file, id },
          anchorProperty(id),
          'the nightly check',
        ),
      NONE,
    );
    result.logRowsDeleted += attempt(
      `${file} logs`,
      () =>
        auditLogSheets(
          SpreadsheetApp.openById(id),
          { role: file, id },
          anchorProperty(id),
          'the nightly check',
        ),
      0,
    );
  }
  // After the comparison, so the anchor records the heads it has just verified and sealed.
  const anchor = attempt('the weekly audit anchor', sendAnchorIfDue, { sent: false, problem: null });
  result.anchorSent = anchor.sent;
  if (anchor.problem) failures.push(anchor.problem);
  if (failures.length > 0) throw new Error(`The nightly audit check did not finish: ${failures.join('; ')}`);
  return result;
}

// ---- The weekly anchor -----------------------------------------------------------------------------------

/** A trail's name in the anchor email: the register's, or its restricted file's ("Staff allegations file"). */
function trailName(file: RecordFile): string {
  return file === 'register' ? 'Register' : fileName(file);
}

/** A trail's length and head: from its anchor, or from the sheet itself when the anchor is missing. */
function anchorLine(file: RecordFile, id: string | null): AnchorLine | null {
  const property = id ? anchorProperty(id) : anchorProperty();
  const { bookkeeping, anchored } = readBookkeeping(property);
  if (anchored) {
    return { trail: trailName(file), entries: bookkeeping.entries, head: bookkeeping.lastHash, anchored };
  }
  let ss: Spreadsheet;
  try {
    ss = id ? SpreadsheetApp.openById(id) : SpreadsheetApp.getActiveSpreadsheet();
  } catch {
    return null;
  }
  const audit = ss.getSheetByName(AUDIT_SHEET);
  const body = audit ? readAuditBody(audit) : [];
  const last = body[body.length - 1];
  return {
    trail: trailName(file),
    entries: body.length,
    head: last ? cellText(last[7]) : bookkeeping.lastHash,
    anchored: false,
  };
}

/**
 * Sends the weekly anchor to the DSL and the Chair of Governors (never to the Headteacher's address). Each
 * gets the register's trail, and a restricted file's only when routing lets them read that file. Returns a
 * problem to report when an email could not be sent, or null.
 */
function sendAuditAnchor(ctx: RunContext): string | null {
  const { settings } = ctx;
  const head = settings.headteacherEmail;
  const recipients = [settings.dslEmail, settings.chairOfGovernorsEmail]
    .filter((a) => a.trim() !== '' && !(head !== '' && sameMailbox(a, head)))
    .filter((a, i, all) => all.findIndex((b) => sameMailbox(a, b)) === i);
  if (recipients.length === 0) return null;
  const lines: Array<{ file: RecordFile; line: AnchorLine }> = [];
  const register = anchorLine('register', null);
  if (register) lines.push({ file: 'register', line: register });
  for (const { file, id } of restrictedFiles(ctx.config)) {
    const line = anchorLine(file, id);
    if (line) lines.push({ file, line });
  }
  const school = schoolDisplayName(settings);
  const when = formatDayMonthYear(now(), ctx.timeZone);
  const mayRead = (file: RecordFile, email: string): boolean => {
    if (file === 'register') return true;
    const { readers, forbidden } = recordReaders(file, settings);
    return readers.some((r) => sameMailbox(r, email)) && !forbidden.some((f) => sameMailbox(f, email));
  };
  const results = sendEmails(
    recipients.map((to) => ({
      to,
      email: renderAnchorEmail(
        lines.filter((l) => mayRead(l.file, to)).map((l) => l.line),
        school,
        when,
      ),
    })),
    `${school} online safety`,
  );
  const failed = results.filter((r) => !r.sent).length;
  return failed > 0
    ? `The weekly audit anchor reached ${results.length - failed} of ${results.length} people.`
    : null;
}

/**
 * The anchor, when this is the first night of the week the check has run (see the file's head): the
 * runner's last-sent time is read (two calls, and one for the script's time zone) every night; Settings, the
 * trails' heads and the mail only on the night it goes. Recorded as sent only when everyone got it.
 */
function sendAnchorIfDue(): { sent: boolean; problem: string | null } {
  const store = anchorSentStore();
  const at = now();
  const timeZone = scriptTimeZone();
  if (!anchorDue(readAnchorSentAt(store), at, timeZone)) return { sent: false, problem: null };
  const problem = sendAuditAnchor(loadContext(undefined, timeZone));
  if (problem === null) saveAnchorSentAt(store, at);
  return { sent: problem === null, problem };
}
