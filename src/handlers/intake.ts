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
import type { ResponseInput } from '../domain/parse';
import type { IncidentReport } from '../domain/types';
import { parseResponse } from '../domain/parse';
import { deriveIncident } from '../domain/flags';
import { formatIncidentId, incidentYear } from '../domain/ids';
import { makeRowWriter, newIncident, type RegisterEntry } from '../domain/register';
import { planAlert, RECORD_FILES, recordFileFor, type RecordFile } from '../domain/routing';
import { lastSequence, saveSequence } from '../workspace/config';
import { withScriptLock } from '../workspace/lock';
import { readResponse } from '../workspace/responses';
import {
  appendRow,
  appendRows,
  addHeadroom,
  ensureColumns,
  findResponseRow,
  hasHeadroom,
  readLayout,
  recordedResponseIds,
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
import { loadContext, openRecordSheet, type RunContext } from './context';

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
function prepare(ctx: RunContext, report: IncidentReport, awaiting: Awaiting | null = null): Prepared {
  let incidentId = awaiting?.incidentId ?? '';
  if (!incidentId) {
    const year = incidentYear(report.submittedAt, ctx.timeZone);
    const seq = lastSequence(ctx.props, year) + 1;
    // Reserved before the row is written: a run that dies later leaves a gap, never a duplicate ID.
    saveSequence(year, seq);
    ctx.props[`incidentSeq:${year}`] = String(seq);
    incidentId = formatIncidentId(ctx.settings.incidentIdPrefix, year, seq);
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

/** Sends a freshly written row's alerts and records the outcome on the row. */
function alertFor(prepared: Prepared, target: Target, row: number, ctx: RunContext): void {
  const owed = pendingAddresses(prepared.entry.alertStatus);
  if (owed.length === 0) return;
  const link = rowUrl(target.ss, target.sheet, row);
  const outcome = deliver(prepared.entry, prepared.plan, owed, ctx.settings, link);
  writeAlertCells(target.sheet, target.layout, row, prepared.entry.alertLog, outcome);
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
  withScriptLock(() => {
    const ctx = loadContext();
    recordResponse(ctx, input);
  });
}

function recordResponse(ctx: RunContext, input: ResponseInput): void {
  const report = parseResponse(input, ctx.config.itemIds, ctx.timeZone);
  // Routed first (the file depends on the answers alone), so the duplicate check looks where this
  // response would be, before any incident number is reserved for it.
  const file = recordFileFor(report);
  const target = openTarget(ctx, file);
  if (!target) {
    // The restricted file is not there (Set up not finished, or the file was deleted): the response stays
    // safe in the form and nobody else is shown it; its alert goes now, and reconcile writes its row once
    // Set up has made the file.
    alertWhileFileMissing(ctx, report);
    return;
  }
  if (findResponseRow(target.sheet, target.layout, input.responseId) > 0) return;
  const awaiting = awaitingOf(ctx.props, input.responseId);
  const prepared = prepare(ctx, report, awaiting);
  appendRow(target.sheet, makeRowWriter(target.layout.header)(prepared.entry));
  const row = target.sheet.getLastRow();
  alertFor(prepared, target, row, ctx);
  SpreadsheetApp.flush();
  if (awaiting) PropertiesService.getScriptProperties().deleteProperty(AWAITING_PREFIX + input.responseId);
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
    addHeadroom(sheet, ctx.settings.overdueDays);
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
}

/** Menu item and daily trigger: records every form response missing from the record files, once. */
export function reconcileMissedReports(): ReconcileResult {
  return withScriptLock(() => {
    const ctx = loadContext();
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
    for (const file of RECORD_FILES) {
      const opened = openTarget(ctx, file);
      if (!opened) continue;
      sheets.set(file, opened);
      for (const id of recordedResponseIds(opened.sheet, opened.layout)) recorded.add(id);
    }
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
      if (!sheets.has(recordFileFor(report))) {
        // Its file is still missing: alerted (once), and left in the form until Set up makes the file.
        alertWhileFileMissing(ctx, report);
        waitingForSetUp += 1;
        continue;
      }
      const awaiting = awaitingOf(ctx.props, input.responseId);
      missing.push(prepare(ctx, report, awaiting));
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
      );
      batch.forEach((p, i) => alertFor(p, target, firstRow + i, ctx));
    }
    SpreadsheetApp.flush();
    if (landed.length > 0) {
      const props = PropertiesService.getScriptProperties();
      for (const key of landed) props.deleteProperty(key);
    }
    for (const [file, target] of sheets) keepHeadroom(ctx, file, target.sheet);
    return { formFound: true, responses: responses.length, added: missing.length, waitingForSetUp };
  });
}
