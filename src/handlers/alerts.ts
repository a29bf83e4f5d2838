/**
 * Alert delivery: the people the routing plan names, each exactly once, and never silently dropped.
 *
 * The row's two alert cells are the record: "Alert status" says what is still owed ("Pending: a@x, b@y",
 * "Sent", "Not needed", or that nobody can be told correctly yet) and "Alert log" says when and to whom each
 * alert went, what failed and why, and what is wrong with the route. A send that cannot happen now (quota,
 * a mail failure) leaves the row pending; the hourly `retryPendingAlerts` job sends to whoever is still owed
 * and never to an address the log shows was already sent to. A report whose record file does not exist
 * has no row: the same status and log are kept in a ledger in the script properties, and the hourly job
 * retries those too.
 */
import type { AlertKind, AlertPlan, AlertRecipient, RecordFile } from '../domain/routing';
import { mailboxKey, needsChair, needsHeadteacher, planAlert, RECORD_FILES } from '../domain/routing';
import { formatDateTime, renderAlertEmail, type RenderedEmail } from '../domain/alert-email';
import type { RegisterEntry } from '../domain/register';
import { makeRowReader, newIncident } from '../domain/register';
import { deriveIncident } from '../domain/flags';
import { parseResponse } from '../domain/parse';
import { schoolDisplayName, SETTING_ROWS } from '../domain/settings';
import type { Settings } from '../domain/types';
import { textCell } from '../domain/cells';
import { sendEmails } from '../workspace/mailer';
import {
  findResponseRow,
  layoutOf,
  readLayout,
  rowUrl,
  writeCells,
  type RegisterLayout,
} from '../workspace/register-sheet';
import { readResponse } from '../workspace/responses';
import { now } from '../workspace/clock';
import { alertingClaims } from '../workspace/record-index';
import { withScriptLock } from '../workspace/lock';
import { runsAsRunner } from '../workspace/runner';
import { loadContext, openRecordSheet, type RunContext } from './context';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const ALERT_NOT_NEEDED = 'Not needed';
export const ALERT_SENT = 'Sent';
export const ALERT_PENDING = 'Pending';
export const ALERT_NOBODY = 'Not sent: nobody can be told correctly';

/** Marks a log line recording a successful send; `sentAddresses` reads these lines back. */
const SENT_MARK = ' — sent to ';
const NOT_SENT_MARK = ' — not sent to ';
/** Follows a send line when the alert went out minimal instead of full (no SENT_MARK: read as a note). */
const MINIMAL_MARK = ' — minimal alert sent to ';

export interface AlertOutcome {
  status: string;
  /** Lines appended to the row's alert log: when, to whom, or why not. */
  log: string[];
}

function pendingStatus(addresses: string[]): string {
  return `${ALERT_PENDING}: ${addresses.join(', ')}`;
}

/** The addresses still owed an alert, from a status cell like "Pending: a@x, b@y". */
export function pendingAddresses(status: string): string[] {
  if (!status.startsWith(ALERT_PENDING)) return [];
  return status
    .slice(ALERT_PENDING.length)
    .replace(/^:/, '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A status the retry job reconsiders: something is owed, or nobody could be told when it was made. */
function isUnfinished(status: string): boolean {
  return status.startsWith(ALERT_PENDING) || status === ALERT_NOBODY;
}

/**
 * Who a record's alert still owes, on a retry: the addresses its status says are pending, and anyone the
 * plan names now (Settings may have changed) whom the log does not show as sent to. Nothing once the
 * status says it is finished.
 */
function owedOnRetry(status: string, log: string, plan: AlertPlan): string[] {
  if (!isUnfinished(status)) return [];
  return union(pendingAddresses(status), unsentAddresses(plan, log));
}

const ADDRESS_IN_TEXT = /[^\s;,()<>"]+@[^\s;,()<>"]+/g;

/** The mailboxes the log shows an alert was sent to (from the lines `deliver` writes). */
export function sentAddresses(log: string): Set<string> {
  const sent = new Set<string>();
  for (const line of log.split('\n')) {
    const at = line.indexOf(SENT_MARK);
    if (at < 0) continue;
    for (const address of line.slice(at + SENT_MARK.length).match(ADDRESS_IN_TEXT) ?? []) {
      sent.add(mailboxKey(address));
    }
  }
  return sent;
}

/**
 * The plan's addresses the log does not show as sent. Used when a pending alert is retried, so that a
 * recipient whose address changed in Settings since is told, and nobody is told twice.
 */
export function unsentAddresses(plan: AlertPlan, log: string): string[] {
  const sent = sentAddresses(log);
  return plan.recipients.map((r) => r.email).filter((email) => !sent.has(mailboxKey(email)));
}

// ---------------------------------------------------------------------------------------------------------
// Problems with Settings, for the row

/** The Settings rows holding alert addresses, and which alerts each matters to. */
const ADDRESS_SETTINGS: ReadonlyArray<{ key: string; matters: (alert: AlertKind) => boolean }> = [
  { key: 'dslEmail', matters: (alert) => alert !== 'none' },
  { key: 'deputyDslEmails', matters: (alert) => alert !== 'none' },
  { key: 'headteacherEmail', matters: needsHeadteacher },
  { key: 'chairOfGovernorsEmail', matters: needsChair },
];

/**
 * The Settings problems about an address this alert needed. Settings drop an address they cannot use (a
 * malformed one, or a Chair address that is the Headteacher's), so routing sees only a missing address; the
 * row should also say what was typed, in the Settings reader's own words. "Is empty" and "is missing" are
 * left out: routing's problem already says that.
 */
export function addressProblemsFor(alert: AlertKind, settingsProblems: readonly string[]): string[] {
  const labels = ADDRESS_SETTINGS.filter((s) => s.matters(alert))
    .map((s) => SETTING_ROWS.find((row) => row.key === s.key)?.label)
    .filter((label): label is string => label !== undefined);
  return settingsProblems.filter((problem) =>
    labels.some(
      (label) =>
        problem.includes(`(${label})`) ||
        (problem.startsWith(`${label} `) && !/^[^:]* is (empty|missing)\b/.test(problem)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// A new record's alert state

/**
 * The status and log a new row starts with, before anything is sent. `settingsProblems` are the run's
 * Settings problems: those about an address this alert needed go on the row too.
 */
export function initialAlertState(plan: AlertPlan, settingsProblems: readonly string[] = []): AlertOutcome {
  const log = [
    ...plan.problems.map((p) => `Problem: ${p}`),
    ...addressProblemsFor(plan.alert, settingsProblems).map((p) => `Problem in Settings: ${p}`),
  ];
  if (plan.alert === 'none') return { status: ALERT_NOT_NEEDED, log };
  if (plan.recipients.length === 0) return { status: ALERT_NOBODY, log };
  return { status: pendingStatus(plan.recipients.map((r) => r.email)), log };
}

function statusAfter(owed: string[], log: string, plan: AlertPlan): string {
  if (owed.length > 0) return pendingStatus(owed);
  if (sentAddresses(log).size > 0) return ALERT_SENT;
  return plan.alert === 'none' ? ALERT_NOT_NEEDED : ALERT_NOBODY;
}

// ---------------------------------------------------------------------------------------------------------
// Sending

/** The last failure logged for an address, so an hourly retry that fails the same way adds no new line. */
function lastFailure(log: string, address: string): string | null {
  const lines = log.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    const sentAt = line.indexOf(SENT_MARK);
    const failedAt = line.indexOf(`${NOT_SENT_MARK}${address}: `);
    if (failedAt >= 0) return line.slice(failedAt);
    if (sentAt >= 0 && line.includes(address)) return null;
  }
  return null;
}

/**
 * Sends the plan's emails to the addresses owed (`owed`, compared as mailboxes) and returns the row's new
 * status and the lines to add to its log. An owed address no longer in the plan (Settings changed) is
 * logged and dropped; whoever holds that role now is in the plan and is owed if the log shows no send to
 * them. Without a `link` (the report's record file does not exist yet) each email says so, in words
 * right for its recipient.
 */
export function deliver(
  entry: RegisterEntry,
  plan: AlertPlan,
  owed: string[],
  settings: Settings,
  link: string,
): AlertOutcome {
  const recordMissing = link.trim() === '';
  const at = formatDateTime(now(), settings.timeZone);
  const owedKeys = new Set(owed.map(mailboxKey));
  const planKeys = new Set(plan.recipients.map((r) => mailboxKey(r.email)));
  const recipients = plan.recipients.filter((r) => owedKeys.has(mailboxKey(r.email)));
  const log: string[] = [];
  for (const address of owed) {
    if (!planKeys.has(mailboxKey(address))) {
      log.push(`${at} — no longer owed to ${address}: Settings no longer name them for this alert`);
    }
  }

  const render = (recipient: AlertRecipient): RenderedEmail =>
    renderAlertEmail(entry, recipient, settings, { registerRowUrl: link, recordMissing });
  const results = sendEmails(
    recipients.map((recipient) => {
      const email = render(recipient);
      // A full alert MailApp refuses (too long) goes out minimal at once, never Pending for days.
      const minimal = recipient.detail === 'full' ? render({ ...recipient, detail: 'minimal' }) : null;
      return minimal && minimal.text !== email.text
        ? { to: recipient.email, email, fallback: minimal }
        : { to: recipient.email, email };
    }),
    `${schoolDisplayName(settings)} online safety`,
  );

  const sentTo: string[] = [];
  const sentMinimal: string[] = [];
  const stillOwed: string[] = [];
  recipients.forEach((recipient, i) => {
    const result = results[i] ?? { sent: false, reason: 'not sent' };
    if (result.sent) {
      sentTo.push(`${recipient.email} (${recipient.roles.join(', ')})`);
      if (result.refused !== undefined) {
        sentMinimal.push(
          `${at}${MINIMAL_MARK}${recipient.email} because the full alert was refused by the mail service (${result.refused})`,
        );
      }
      return;
    }
    stillOwed.push(recipient.email);
    // The hourly job retries rows and reports with no row yet alike.
    const failure = `${NOT_SENT_MARK}${recipient.email}: ${result.reason}; it will be retried within the hour`;
    if (lastFailure(entry.alertLog, recipient.email) !== failure) log.push(`${at}${failure}`);
  });
  if (sentTo.length > 0) log.unshift(`${at}${SENT_MARK}${sentTo.join('; ')}`, ...sentMinimal);
  return { status: statusAfter(stillOwed, [entry.alertLog, ...log].join('\n'), plan), log };
}

/**
 * Writes the alert status and the log (appended) into a row's two alert cells, found by header: one call
 * when they are side by side (as Set up makes them), two when a DSL has put a column between them.
 */
export function writeAlertCells(
  sheet: Sheet,
  layout: RegisterLayout,
  row: number,
  previousLog: string,
  outcome: AlertOutcome,
): void {
  const log = joinLog(previousLog, outcome.log);
  writeCells(sheet, layout, row, [
    { key: 'alertStatus', value: textCell(outcome.status) },
    { key: 'alertLog', value: textCell(log) },
  ]);
}

function joinLog(previousLog: string, lines: readonly string[]): string {
  return [previousLog, ...lines].filter((l) => l !== '').join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Reports with no row yet

/**
 * A report whose record file does not exist cannot be written anywhere, but its alert must not wait: it
 * is numbered and alerted at once, and a ledger entry in the script properties, under this prefix and the
 * response ID, keeps what was done (no personal data: an ID, a status, and a log of addresses already in
 * Settings) until reconcile writes its row with the same ID, status and log.
 */
export const AWAITING_PREFIX = 'awaitingFile:';

/** A ledger entry: the report's number, and its alert status and log (whose lines say who was sent what). */
export interface Awaiting {
  incidentId: string;
  alertStatus: string;
  alertLog: string;
}

/** The ledger entry for a response, from an already-read property map; null when there is none. */
export function awaitingOf(props: Record<string, string>, responseId: string): Awaiting | null {
  const raw = props[AWAITING_PREFIX + responseId];
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Awaiting>;
    if (typeof parsed.incidentId !== 'string' || parsed.incidentId === '') return null;
    return {
      incidentId: parsed.incidentId,
      alertStatus: String(parsed.alertStatus ?? ''),
      alertLog: String(parsed.alertLog ?? ''),
    };
  } catch {
    return null;
  }
}

/**
 * Sends what a report with no row owes and keeps the outcome in its ledger entry. `entry` carries the
 * status and log to start from: a new report's initial state (everyone in the plan pending), or the
 * ledger's. An entry already in the ledger is sent only what it still owes — never again to an address
 * its log shows was sent to — and rewritten only when something changed.
 */
export function alertWithoutRow(
  ctx: RunContext,
  responseId: string,
  entry: RegisterEntry,
  plan: AlertPlan,
  inLedger: boolean,
): void {
  const owed = inLedger
    ? owedOnRetry(entry.alertStatus, entry.alertLog, plan)
    : pendingAddresses(entry.alertStatus);
  if (inLedger && owed.length === 0) return;
  const outcome = owed.length > 0 ? deliver(entry, plan, owed, ctx.settings, '') : null;
  const kept: Awaiting = {
    incidentId: entry.incidentId,
    alertStatus: outcome?.status ?? entry.alertStatus,
    alertLog: joinLog(entry.alertLog, outcome?.log ?? []),
  };
  if (inLedger && kept.alertStatus === entry.alertStatus && kept.alertLog === entry.alertLog) return;
  const key = AWAITING_PREFIX + responseId;
  const value = JSON.stringify(kept);
  PropertiesService.getScriptProperties().setProperty(key, value);
  ctx.props[key] = value;
}

/**
 * The hourly part for reports with no row: each ledger entry that still owes an alert (a send that failed,
 * quota, or Settings fixed since nobody could be told) is sent from its form response, still without a
 * link. The form is opened only when something is owed. An entry whose row is already written (a run
 * that wrote it died before forgetting the entry) is forgotten instead: the row is the record, and the
 * row's own retry sends what it owes.
 */
function retryAwaitingFile(ctx: RunContext, opened: ReadonlyMap<RecordFile, Sheet>): void {
  const waiting = Object.keys(ctx.props)
    .filter((key) => key.startsWith(AWAITING_PREFIX))
    .map((key) => ({
      responseId: key.slice(AWAITING_PREFIX.length),
      awaiting: awaitingOf(ctx.props, key.slice(AWAITING_PREFIX.length)),
    }))
    .filter(
      (w): w is { responseId: string; awaiting: Awaiting } =>
        w.awaiting !== null && isUnfinished(w.awaiting.alertStatus),
    );
  if (waiting.length === 0 || !ctx.config.formId) return;
  let form: GoogleAppsScript.Forms.Form;
  try {
    form = FormApp.openById(ctx.config.formId);
  } catch {
    // Deleted, or not shared with the trigger's owner: Set up / repair makes or finds the form again.
    return;
  }
  for (const { responseId, awaiting } of waiting) {
    let response: GoogleAppsScript.Forms.FormResponse;
    try {
      response = form.getResponse(responseId);
    } catch {
      // The response was deleted from the form: nothing left to say what the alert is about.
      console.warn('A report waiting for its file is no longer in the form: its alert cannot be retried.');
      continue;
    }
    const report = parseResponse(readResponse(response), ctx.config.itemIds, ctx.timeZone);
    const incident = newIncident(report, deriveIncident(report, ctx.settings, awaiting.incidentId));
    const entry: RegisterEntry = {
      ...incident,
      alertStatus: awaiting.alertStatus,
      alertLog: awaiting.alertLog,
    };
    const plan = planAlert(entry, ctx.settings);
    const sheet = opened.get(plan.recordIn);
    if (sheet && findResponseRow(sheet, readLayout(sheet), responseId) > 0) {
      PropertiesService.getScriptProperties().deleteProperty(AWAITING_PREFIX + responseId);
      continue;
    }
    alertWithoutRow(ctx, responseId, entry, plan, true);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The retry job

/**
 * Scheduled job (hourly) and menu: sends every alert still owed, in every record file, and for every
 * report still waiting for its record file.
 */
export function retryPendingAlerts(event?: unknown): void {
  // Sends mail: only as the runner, from a menu or the runner's hourly trigger.
  if (!runsAsRunner('retryPendingAlerts', event)) return;
  withScriptLock(() => {
    const ctx = loadContext();
    // Rows whose submit run is sending their alert right now, outside the lock (intake.ts): left to it.
    const claimed = alertingClaims(ctx.props, now().getTime());
    const sheets = new Map<RecordFile, Sheet>();
    for (const file of RECORD_FILES) {
      const opened = openRecordSheet(ctx, file);
      if (!opened) continue;
      sheets.set(file, opened.sheet);
      retryInSheet(opened.ss, opened.sheet, ctx.settings, ctx.timeZone, claimed);
    }
    retryAwaitingFile(ctx, sheets);
  });
}

function retryInSheet(
  ss: Spreadsheet,
  sheet: Sheet,
  settings: Settings,
  timeZone: string,
  claimed: ReadonlySet<string>,
): void {
  const values = sheet.getDataRange().getValues();
  const layout = layoutOf(values[0] ?? []);
  const statusColumn = layout.column('alertStatus');
  if (statusColumn === 0) return;
  const read = makeRowReader(layout.header, timeZone);
  for (let i = 1; i < values.length; i++) {
    const row = values[i] ?? [];
    const status = String(row[statusColumn - 1] ?? '');
    if (!isUnfinished(status)) continue;
    const entry = read(row);
    if (!entry || claimed.has(entry.incidentId)) continue;
    const plan = planAlert(entry, settings);
    const owed = owedOnRetry(status, entry.alertLog, plan);
    if (owed.length === 0 && status === ALERT_NOBODY) continue;
    const outcome = deliver(entry, plan, owed, settings, rowUrl(ss, sheet, i + 1));
    if (outcome.status === status && outcome.log.length === 0) continue;
    writeAlertCells(sheet, layout, i + 1, entry.alertLog, outcome);
  }
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const keys = new Set(a.map(mailboxKey));
  return [...a, ...b.filter((address) => !keys.has(mailboxKey(address)))];
}
