/**
 * The submit path and its safety net. Every form response ends up as exactly one row: in the register,
 * or — for a concern about an adult — in the restricted file routing says. `onFormSubmit` records one
 * response under the script lock in a fixed number of calls; `reconcileMissedReports` compares the form's
 * responses with every record file and records each one that is missing, once.
 */
import type { ResponseInput } from '../domain/parse';
import { parseResponse } from '../domain/parse';
import { deriveIncident } from '../domain/flags';
import { formatIncidentId, incidentYear } from '../domain/ids';
import { incidentToRow, newIncident, type RegisterEntry } from '../domain/register';
import { planAlert, type RecordFile } from '../domain/routing';
import { lastSequence, saveSequence } from '../workspace/config';
import { withScriptLock } from '../workspace/lock';
import { readResponse } from '../workspace/responses';
import { appendRow, appendRows, findResponseRow, recordedResponseIds, rowUrl } from '../workspace/register-sheet';
import { deliver, initialAlertState, pendingAddresses, writeAlertCells } from './alerts';
import { loadContext, openRecordSheet, type RunContext } from './context';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RECORD_FILES: readonly RecordFile[] = ['register', 'staff-allegations', 'headteacher-allegations'];

interface Prepared {
  entry: RegisterEntry;
  file: RecordFile;
  plan: ReturnType<typeof planAlert>;
}

/** Parses, numbers and routes one response (the number is reserved in the script properties). */
function prepare(ctx: RunContext, input: ResponseInput): Prepared {
  const report = parseResponse(input, ctx.config.itemIds, ctx.timeZone);
  const year = incidentYear(report.submittedAt, ctx.timeZone);
  const seq = lastSequence(ctx.props, year) + 1;
  // Reserved before the row is written: a run that dies later leaves a gap, never a duplicate ID.
  saveSequence(year, seq);
  ctx.props[`incidentSeq:${year}`] = String(seq);
  const incidentId = formatIncidentId(ctx.settings.incidentIdPrefix, year, seq);
  const incident = newIncident(report, deriveIncident(report, ctx.settings, incidentId));
  const plan = planAlert(incident, ctx.settings);
  const initial = initialAlertState(plan);
  const entry: RegisterEntry = { ...incident, alertStatus: initial.status, alertLog: initial.log.join('\n') };
  return { entry, file: plan.recordIn, plan };
}

/** Sends a freshly written row's alerts and records the outcome on the row. */
function alertFor(prepared: Prepared, ss: Spreadsheet, sheet: Sheet, row: number, ctx: RunContext): void {
  const owed = pendingAddresses(prepared.entry.alertStatus);
  if (owed.length === 0) return;
  const outcome = deliver(prepared.entry, prepared.plan, owed, ctx.settings, rowUrl(ss, sheet, row));
  writeAlertCells(sheet, row, prepared.entry.alertLog, outcome);
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
  // Route first on the answers alone, so the duplicate check looks where this response would be.
  const file = planAlert(
    { ...parseResponse(input, ctx.config.itemIds, ctx.timeZone), childProtection: false, childProtectionReasons: [] },
    ctx.settings,
  ).recordIn;
  const target = openRecordSheet(ctx, file);
  if (!target) {
    // The restricted file is not there (Set up not finished): the response stays safe in the form, and
    // reconcile records it once Set up has made the file. Nobody else is shown it meanwhile.
    console.warn(`A report needs the ${file} file, which Set up has not created; it will be reconciled later.`);
    return;
  }
  if (findResponseRow(target.sheet, input.responseId) > 0) return;
  const prepared = prepare(ctx, input);
  appendRow(target.sheet, incidentToRow(prepared.entry));
  const row = target.sheet.getLastRow();
  alertFor(prepared, target.ss, target.sheet, row, ctx);
  SpreadsheetApp.flush();
}

export interface ReconcileResult {
  responses: number;
  added: number;
  waitingForSetUp: number;
}

/** Menu item and daily trigger: records every form response missing from the record files, once. */
export function reconcileMissedReports(): ReconcileResult {
  return withScriptLock(() => {
    const ctx = loadContext();
    if (!ctx.config.formId) return { responses: 0, added: 0, waitingForSetUp: 0 };
    const form = FormApp.openById(ctx.config.formId);
    const sheets = new Map<RecordFile, { ss: Spreadsheet; sheet: Sheet }>();
    const recorded = new Set<string>();
    for (const file of RECORD_FILES) {
      const opened = openRecordSheet(ctx, file);
      if (!opened) continue;
      sheets.set(file, opened);
      for (const id of recordedResponseIds(opened.sheet)) recorded.add(id);
    }
    const responses = form.getResponses();
    const missing: Prepared[] = [];
    let waitingForSetUp = 0;
    for (const response of responses) {
      if (recorded.has(response.getId())) continue;
      const input = readResponse(response);
      if (input.answers.length === 0) continue;
      const prepared = prepare(ctx, input);
      if (!sheets.has(prepared.file)) {
        waitingForSetUp += 1;
        continue;
      }
      missing.push(prepared);
    }
    for (const [file, target] of sheets) {
      const batch = missing.filter((p) => p.file === file);
      if (batch.length === 0) continue;
      const firstRow = target.sheet.getLastRow() + 1;
      appendRows(target.sheet, batch.map((p) => incidentToRow(p.entry)));
      batch.forEach((p, i) => alertFor(p, target.ss, target.sheet, firstRow + i, ctx));
    }
    SpreadsheetApp.flush();
    return { responses: responses.length, added: missing.length, waitingForSetUp };
  });
}
