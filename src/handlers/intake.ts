/**
 * The submit path and its safety net. Every form response ends up as exactly one row: in the register,
 * or — for a concern about an adult — in the restricted file routing says. `onFormSubmit` records one
 * response under the script lock in a fixed number of calls; `reconcileMissedReports` compares the form's
 * responses with every record file and records each one that is missing, once.
 *
 * A report whose restricted file does not exist (yet) cannot be written anywhere, but its alert must not
 * wait for Set up: it is numbered and sent at once, and what was sent is kept in the script properties
 * (the ledger in alerts.ts; no personal data: an ID and addresses already in Settings), so the row
 * reconcile writes later carries the same ID and nobody is alerted twice.
 *
 * Rows are laid out by the record file's header, read at the start of each run, so columns a DSL adds or
 * moves never shift a value into the wrong column.
 */
import { overdueRuleOf } from '../domain/settings';
import { refreshReferralsGlanceOfFile } from '../workspace/log-sheets';
import type { ResponseInput } from '../domain/parse';
import type { IncidentReport } from '../domain/types';
import { parseResponse } from '../domain/parse';
import { deriveIncident } from '../domain/flags';
import { formatIncidentId, idPrefixFor, incidentYear } from '../domain/ids';
import { makeRowWriter, newIncident, type RegisterEntry } from '../domain/register';
import type { AuditEntry } from '../domain/audit';
import { anchorProperty, recordOnTrail } from '../workspace/audit-sheet';
import { planAlert, RECORD_FILES, recordFileFor, type RecordFile } from '../domain/routing';
import { lastSequence, saveSequence } from '../workspace/config';
import { platformFactsOf } from '../workspace/selftest-scratch';
import { withScriptLock } from '../workspace/lock';
import { readResponse } from '../workspace/responses';
import {
  appendRow,
  appendRows,
  addHeadroom,
  checkedLayout,
  ensureColumns,
  findResponseRow,
  hasHeadroom,
  readLayout,
  rowUrl,
  type RegisterLayout,
} from '../workspace/register-sheet';
import {
  alertWithoutRow,
  AWAITING_PREFIX,
  awaitingOf,
  deliver,
  initialAlertState,
  pendingAddresses,
  writeAlertCells,
  type Awaiting,
} from './alerts';
import { loadContext, loadContextFromSnapshot, openRecordSheet, type RunContext } from './context';
import { runsAsRunner } from '../workspace/runner';
import {
  addToIndex,
  ensureIndexSheet,
  forgetRecent,
  forgettableEntries,
  pendingEntries,
  pendingEntry,
  RECENT_TRUSTED_MS,
  readIndex,
  recentEntries,
  recentEntry,
  recordedIds,
} from '../workspace/record-index';
import { now } from '../workspace/clock';
import { headerText, saveSubmitSnapshot, type SubmitSnapshot } from '../workspace/submit-snapshot';

/**
 * How a row put back by the nightly check is marked: its Alert status (which the retry job leaves alone,
 * so nobody is alerted again) and a line in its Alert log. The original incident ID is kept.
 */
export const RESTORED_STATUS = 'Restored after deletion: alerts not sent again';

/** The audit entry for a row the nightly check put back after it was deleted. */
function restoredEntry(incidentId: string, at: Date): AuditEntry {
  return {
    time: at,
    who: 'the nightly check',
    incidentId,
    column: '(whole row)',
    oldValue: '(deleted)',
    newValue: 'put back from the form response',
    note: 'The row had been deleted; restored under its original incident ID. Alerts were not sent again; workflow columns start empty.',
  };
}

function restoredLog(at: Date, timeZone: string): string {
  const when = Utilities.formatDate(at, timeZone, 'dd/MM/yyyy HH:mm');
  return (
    `${when} — this row had been deleted from the sheet; the nightly check put it back from the form ` +
    'under its original incident ID. Its alerts were not sent again. Workflow columns (status, actions, ' +
    'decisions) start again empty: the Audit sheet shows what they held.'
  );
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface Prepared {
  entry: RegisterEntry;
  file: RecordFile;
  plan: ReturnType<typeof planAlert>;
}

/** A record file opened for writing: its sheet, and where the register's columns are on it. */
interface Target {
  ss: Spreadsheet;
  sheet: Sheet;
  layout: RegisterLayout;
}

/**
 * Opens a record file and reads its header (three calls), adding any register column the header lacks at
 * the end (none, normally) so that no value is ever dropped for want of a column.
 */
function openTarget(ctx: RunContext, file: RecordFile): Target | null {
  const opened = openRecordSheet(ctx, file);
  if (!opened) return null;
  const layout = ensureColumns(opened.sheet, readLayout(opened.sheet));
  return { ...opened, layout };
}

/**
 * Parses, numbers and routes one response. The number is reserved in the script properties — or, for a
 * report numbered (and alerted) while its file was missing, taken from what was kept then.
 */
function prepare(
  ctx: RunContext,
  report: IncidentReport,
  awaiting: Awaiting | null = null,
  reserved: { incidentId: string } | null = null,
  alongside?: (incidentId: string) => Record<string, string>,
): Prepared {
  let incidentId = awaiting?.incidentId ?? reserved?.incidentId ?? '';
  if (!incidentId) {
    // Each record file numbers its own reports, so an allegation leaves no gap in the register's IDs.
    const file = recordFileFor(report, ctx.settings);
    const year = incidentYear(report.submittedAt, ctx.timeZone);
    const seq = lastSequence(ctx.props, file, year) + 1;
    // Reserved before the row is written: a run that dies later leaves a gap, never a duplicate ID.
    incidentId = formatIncidentId(idPrefixFor(file, ctx.settings.incidentIdPrefix), year, seq);
    saveSequence(ctx.props, file, year, seq, alongside?.(incidentId));
  } else if (alongside) {
    PropertiesService.getScriptProperties().setProperties(alongside(incidentId));
  }
  const incident = newIncident(report, deriveIncident(report, ctx.settings, incidentId));
  const plan = planAlert(incident, ctx.settings);
  const initial = initialAlertState(plan, ctx.settingsProblems);
  const entry: RegisterEntry = awaiting
    ? { ...incident, alertStatus: awaiting.alertStatus, alertLog: awaiting.alertLog }
    : { ...incident, alertStatus: initial.status, alertLog: initial.log.join('\n') };
  return { entry, file: plan.recordIn, plan };
}

/**
 * A report whose file is missing: numbered and alerted now (the alert has no row to link to), and kept in
 * the ledger until reconcile writes its row. Run again (a second firing, the daily reconcile), it only
 * sends what is still owed; the hourly retry job does the same.
 */
function alertWhileFileMissing(ctx: RunContext, report: IncidentReport): void {
  const awaiting = awaitingOf(ctx.props, report.responseId);
  const prepared = prepare(ctx, report, awaiting);
  alertWithoutRow(ctx, report.responseId, prepared.entry, prepared.plan, awaiting !== null);
  // No personal data in the log: which file, not whose report.
  if (!awaiting)
    console.warn(`A report needs the ${prepared.file} file, which Set up has not made: row to follow.`);
}

/**
 * Sends a freshly written row's alerts and records the outcome on the row. `rowAfterSend` says where the row
 * is once the mail has gone (0: not there any more), for a caller that sends with the lock released; reconcile
 * sends under the lock (it is nightly, and its rows' alerts are already late), so its row stays put.
 */
function alertFor(
  prepared: Prepared,
  target: Target,
  ctx: RunContext,
  row: number,
  rowAfterSend: () => number = () => row,
): void {
  const owed = pendingAddresses(prepared.entry.alertStatus);
  if (owed.length === 0) return;
  const link = rowUrl(target.ss, target.sheet, row);
  const outcome = deliver(prepared.entry, prepared.plan, owed, ctx.settings, link);
  const written = rowAfterSend();
  if (written > 0) writeAlertCells(target.sheet, target.layout, written, prepared.entry.alertLog, outcome);
}

/**
 * Installable form-submit trigger. Ignores events without a response (Apps Script sometimes fires a blank
 * duplicate), and a response already recorded (the trigger fired twice, or a retry).
 */
export function onFormSubmit(event?: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  const response = event?.response;
  if (!response) return;
  const input = readResponse(response);
  if (input.answers.length === 0) return;
  const owed = withScriptLock((): OwedAlert | null => {
    // Settings and the register's header as the last submission left them (submit-snapshot.ts), if still kept.
    const { ctx, snapshot } = loadContextFromSnapshot();
    // Only the runner's trigger records (the properties are already read: no extra read on the submit path).
    if (!runsAsRunner('onFormSubmit', event, ctx.props)) return null;
    return recordResponse(ctx, input, snapshot);
  });
  // The row is committed and claimed: the mail goes out with the lock released, so a report made while an
  // alert is being sent waits for the row, not for the mail service.
  if (owed) alertAfterLock(owed);
}

/** A row written under the lock whose alert is still to send, claimed in the script properties. */
interface OwedAlert {
  ctx: RunContext;
  prepared: Prepared;
  target: Target;
  /** Where the row was written; checked again before the alert cells are written (people move rows). */
  row: number;
  responseId: string;
}

/**
 * Sends a claimed row's alert, outside the lock, and records the outcome on the row — on the row that still
 * holds the response: the row number is checked first (one read), and looked up again if someone sorted,
 * inserted or deleted rows meanwhile. A row deleted meanwhile gets nothing written: the nightly check puts it
 * back marked as restored. What was not sent stays Pending for the hourly retry once the claim lapses.
 */
function alertAfterLock(owed: OwedAlert): void {
  const { ctx, prepared, target, responseId, row } = owed;
  alertFor(prepared, target, ctx, row, () => {
    const column = target.layout.column('responseId');
    const holds = column > 0 && String(target.sheet.getRange(row, column).getValue()) === responseId;
    return holds ? row : findResponseRow(target.sheet, target.layout, responseId);
  });
}

/**
 * The record file's sheet and layout: from the snapshot when it names the register and the header cells it
 * covers still say the same (two calls and one read), else found and read in full (openTarget).
 */
function openTargetFor(ctx: RunContext, file: RecordFile, snapshot: SubmitSnapshot | null): Target | null {
  if (file === 'register' && snapshot?.register) {
    const sheet = ctx.ss.getSheetById(snapshot.register.sheetId);
    const layout = sheet ? checkedLayout(sheet, snapshot.register.header) : null;
    if (sheet && layout) return { ss: ctx.ss, sheet, layout };
  }
  return openTarget(ctx, file);
}

/** Keeps what this run read for the next submission, when it differs from the snapshot it had (one call). */
function keepSnapshot(
  ctx: RunContext,
  snapshot: SubmitSnapshot | null,
  file: RecordFile,
  target: Target | null,
): void {
  const register =
    file === 'register' && target
      ? { sheetId: target.sheet.getSheetId(), header: headerText(target.layout.header) }
      : (snapshot?.register ?? null);
  const fresh: SubmitSnapshot = {
    timeZone: ctx.timeZone,
    settings: ctx.settings,
    problems: ctx.settingsProblems,
    register,
  };
  if (snapshot && JSON.stringify(snapshot) === JSON.stringify(fresh)) return;
  saveSubmitSnapshot(fresh);
}

/**
 * Records one response under the lock. Returns the row's alert still to send when one is owed (sent by the
 * caller once the lock is released), else null.
 */
function recordResponse(
  ctx: RunContext,
  input: ResponseInput,
  snapshot: SubmitSnapshot | null,
): OwedAlert | null {
  // Recorded already (the trigger fired twice, or reconcile got there first): the script properties say
  // so, without a read of the register. The nightly check stays the full net (reconcileMissedReports).
  if (recentEntries(ctx.props).has(input.responseId)) return null;
  // A response older than the entries are kept for is looked up in the register instead (rare: Apps Script
  // fires a submit trigger within moments; only a re-fire much later gets here).
  const old = now().getTime() - input.timestamp.getTime() >= RECENT_TRUSTED_MS;
  const report = parseResponse(input, ctx.config.itemIds, ctx.timeZone);
  // Routed first (the file depends on the answers alone), so the duplicate check looks where this
  // response would be, before any incident number is reserved for it.
  const file = recordFileFor(report, ctx.settings);
  const target = openTargetFor(ctx, file, snapshot);
  if (file === 'register') keepSnapshot(ctx, snapshot, file, target);
  if (!target) {
    // The restricted file is not there (Set up not finished, or the file was deleted): the response stays
    // safe in the form and nobody else is shown it; its alert goes now, and reconcile writes its row once
    // Set up has made the file.
    alertWhileFileMissing(ctx, report);
    return null;
  }
  // A run that stopped between reserving the number and noting the row leaves the response marked pending:
  // only then is the register searched for it.
  const pending = pendingEntries(ctx.props).get(input.responseId);
  const store = PropertiesService.getScriptProperties();
  if (pending !== undefined || old) {
    const row = findResponseRow(target.sheet, target.layout, input.responseId);
    if (row > 0) {
      if (pending !== undefined) store.setProperties(recentEntry(input.responseId, pending, now().getTime()));
      return null;
    }
  }
  const awaiting = awaitingOf(ctx.props, input.responseId);
  const prepared = prepare(
    ctx,
    report,
    awaiting,
    pending === undefined ? null : { incidentId: pending },
    (incidentId) => pendingEntry(input.responseId, incidentId),
  );
  appendRow(
    target.sheet,
    makeRowWriter(target.layout.header)(prepared.entry),
    platformFactsOf(ctx.props).textCells,
  );
  // The row's number, only when an alert is owed (the read commits the row).
  const alerting = pendingAddresses(prepared.entry.alertStatus).length > 0;
  const row = alerting ? target.sheet.getLastRow() : 0;
  // Committed before the lock is released, so the next run holding it (the nightly check reads every row)
  // sees the row. The commit is what costs; it would happen at the end of the run anyway.
  SpreadsheetApp.flush();
  // The row now exists: its ID is kept until the nightly check has indexed it, so a row deleted before then
  // is put back under this ID and not alerted again (record-index.ts). Written after the row, so a run that
  // dies before writing it leaves the response pending: the next firing, or reconcile, finishes it. When an
  // alert is owed the same write claims it, so the hourly retry leaves the row to this run for a while.
  store.setProperties(recentEntry(input.responseId, prepared.entry.incidentId, now().getTime(), alerting));
  if (awaiting) store.deleteProperty(AWAITING_PREFIX + input.responseId);
  return alerting ? { ctx, prepared, target, row, responseId: input.responseId } : null;
}

/** Marks a record file whose formatting was started and not finished: the next reconcile does it again. */
const FORMATTING_PENDING_PREFIX = 'formattingPending:';

/**
 * Keeps formatted rows (dropdowns, conditional formats, protections) below the last one, so the rows the
 * submit path appends already carry them: daily, and rarely more than two calls. Housekeeping never fails
 * the recording of reports: if it cannot finish (e.g. someone who may not change the protections ran this
 * from the menu), the file stays marked and the next run, the daily trigger among them, does it again.
 */
function keepHeadroom(ctx: RunContext, file: RecordFile, sheet: Sheet): void {
  const key = FORMATTING_PENDING_PREFIX + file;
  if (ctx.props[key] === undefined && hasHeadroom(sheet)) return;
  const props = PropertiesService.getScriptProperties();
  props.setProperty(key, 'started');
  try {
    addHeadroom(sheet, overdueRuleOf(ctx.settings));
    props.deleteProperty(key);
  } catch (err) {
    // Service errors say what failed (a protected range, a timeout), never what is in the cells.
    const reason =
      typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
    console.warn(
      `The ${file} file's formatting could not be extended (${reason}); the next reconcile tries again.`,
    );
  }
}

export interface ReconcileResult {
  /** False before Set up has made the form: there is nothing to compare. */
  formFound: boolean;
  responses: number;
  added: number;
  waitingForSetUp: number;
  /** Rows someone had deleted, put back under their original IDs (see RESTORED_STATUS). */
  restored?: number;
}

/** Menu item and daily trigger: records every form response missing from the record files, once. */
export function reconcileMissedReports(event?: unknown): ReconcileResult {
  return withScriptLock(() => {
    const ctx = loadContext();
    if (!runsAsRunner('reconcileMissedReports', event, ctx.props))
      return { formFound: false, responses: 0, added: 0, waitingForSetUp: 0 };
    if (!ctx.config.formId) return { formFound: false, responses: 0, added: 0, waitingForSetUp: 0 };
    let form: GoogleAppsScript.Forms.Form;
    try {
      form = FormApp.openById(ctx.config.formId);
    } catch {
      // Deleted, or not shared with whoever runs this: Set up / repair makes or finds the form again.
      return { formFound: false, responses: 0, added: 0, waitingForSetUp: 0 };
    }
    const sheets = new Map<RecordFile, Target>();
    const recorded = new Set<string>();
    /** Per file: its Index sheet, what it holds, and the rows the file holds now (response → incident ID). */
    const indexes = new Map<
      RecordFile,
      { sheet: Sheet; known: Map<string, string>; rows: Map<string, string> }
    >();
    /** Every incident ID a response was ever recorded under, from every file's index and the recent entries. */
    const originals = recentEntries(ctx.props);
    for (const file of RECORD_FILES) {
      const opened = openTarget(ctx, file);
      if (!opened) continue;
      sheets.set(file, opened);
      const rows = recordedIds(opened.sheet, opened.layout);
      for (const id of rows.keys()) recorded.add(id);
      const indexSheet = ensureIndexSheet(opened.ss);
      const known = readIndex(indexSheet);
      for (const [r, i] of known) if (!originals.has(r)) originals.set(r, i);
      indexes.set(file, { sheet: indexSheet, known, rows });
    }
    let restored = 0;
    const restoredAt = now();
    const responses = form.getResponses();
    const missing: Prepared[] = [];
    /** Awaiting-file entries whose rows are written now, to forget once they are. */
    const landed: string[] = [];
    let waitingForSetUp = 0;
    for (const response of responses) {
      if (recorded.has(response.getId())) continue;
      const input = readResponse(response);
      if (input.answers.length === 0) continue;
      const report = parseResponse(input, ctx.config.itemIds, ctx.timeZone);
      if (!sheets.has(recordFileFor(report, ctx.settings))) {
        // Its file is still missing: alerted (once), and left in the form until Set up makes the file.
        alertWhileFileMissing(ctx, report);
        waitingForSetUp += 1;
        continue;
      }
      const awaiting = awaitingOf(ctx.props, input.responseId);
      const original = originals.get(input.responseId);
      if (!awaiting && original !== undefined) {
        // Recorded before and since deleted from the sheet: put back as it was numbered, never re-alerted.
        const log = restoredLog(restoredAt, ctx.timeZone);
        missing.push(
          prepare(ctx, report, { incidentId: original, alertStatus: RESTORED_STATUS, alertLog: log }),
        );
        restored += 1;
        continue;
      }
      // A submission that stopped after reserving its number keeps that number.
      const reserved = pendingEntries(ctx.props).get(input.responseId);
      missing.push(prepare(ctx, report, awaiting, reserved === undefined ? null : { incidentId: reserved }));
      if (awaiting) landed.push(AWAITING_PREFIX + input.responseId);
    }
    for (const [file, target] of sheets) {
      const batch = missing.filter((p) => p.file === file);
      if (batch.length === 0) continue;
      const firstRow = target.sheet.getLastRow() + 1;
      const toRow = makeRowWriter(target.layout.header);
      appendRows(
        target.sheet,
        batch.map((p) => toRow(p.entry)),
        platformFactsOf(ctx.props).textCells,
      );
      batch.forEach((p, i) => alertFor(p, target, ctx, firstRow + i));
      // A row put back after a deletion is recorded on its own file's trail (content-free: the ID only).
      const back = batch.filter((p) => p.entry.alertStatus === RESTORED_STATUS);
      recordOnTrail(
        target.ss,
        anchorProperty(file === 'register' ? undefined : target.ss.getId()),
        back.map((p) => restoredEntry(p.entry.incidentId, restoredAt)),
      );
    }
    SpreadsheetApp.flush();
    const props = PropertiesService.getScriptProperties();
    // Noted as recorded, as the submit path notes its rows: a submission's trigger still waiting for the lock
    // while this ran finds its response recorded and adds no second row.
    if (missing.length > 0) {
      const entries: Record<string, string> = {};
      const at = now().getTime();
      for (const p of missing)
        Object.assign(entries, recentEntry(p.entry.responseId, p.entry.incidentId, at));
      props.setProperties(entries);
    }
    for (const key of landed) props.deleteProperty(key);
    // Every row each file holds now is in its index; the recent entries so kept are forgotten.
    const indexed = new Set<string>();
    for (const [file, index] of indexes) {
      const rows = new Map(index.rows);
      for (const p of missing) if (p.file === file) rows.set(p.entry.responseId, p.entry.incidentId);
      addToIndex(index.sheet, index.known, rows);
      for (const r of index.known.keys()) indexed.add(r);
    }
    forgetRecent(forgettableEntries(ctx.props, indexed, now().getTime()));
    for (const [file, target] of sheets) keepHeadroom(ctx, file, target.sheet);
    for (const target of sheets.values()) refreshReferralsGlanceOfFile(target.ss, target.sheet, ctx.timeZone);
    return {
      formFound: true,
      responses: responses.length,
      added: missing.length - restored,
      waitingForSetUp,
      restored,
    };
  });
}
