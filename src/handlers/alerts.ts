/**
 * Alert delivery: the people the routing plan names, each exactly once, and never silently dropped.
 *
 * The row's two alert cells are the record: "Alert status" says what is still owed ("Pending: a@x, b@y",
 * "Sent", "Not needed", or that nobody can be told correctly yet) and "Alert log" says when and to whom each
 * alert went, what failed and why, and what is wrong with the route. A send that cannot happen now (quota,
 * a mail failure) leaves the row pending; the hourly `retryPendingAlerts` job sends to whoever is still owed
 * and never to an address the log shows was already sent to.
 */
import type { AlertKind, AlertPlan } from '../domain/routing';
import { mailboxKey, planAlert } from '../domain/routing';
import { formatDateTime, renderAlertEmail } from '../domain/alert-email';
import type { RegisterEntry } from '../domain/register';
import { rowToIncident } from '../domain/register';
import { schoolDisplayName, SETTING_ROWS } from '../domain/settings';
import type { Settings } from '../domain/types';
import { textCell } from '../domain/cells';
import { sendEmails } from '../workspace/mailer';
import { columnNumber, rowUrl } from '../workspace/register-sheet';
import { now } from '../workspace/clock';
import { withScriptLock } from '../workspace/lock';
import { loadContext, openRecordSheet } from './context';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const ALERT_NOT_NEEDED = 'Not needed';
export const ALERT_SENT = 'Sent';
export const ALERT_PENDING = 'Pending';
export const ALERT_NOBODY = 'Not sent: nobody can be told correctly';

/** Marks a log line recording a successful send; `sentAddresses` reads these lines back. */
const SENT_MARK = ' — sent to ';
const NOT_SENT_MARK = ' — not sent to ';

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
  {
    key: 'headteacherEmail',
    matters: (alert) => alert === 'staff-allegation' || alert === 'headteacher-allegation',
  },
  { key: 'chairOfGovernorsEmail', matters: (alert) => alert === 'headteacher-allegation' },
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

/** Added to the email's reasons when there is no record to link to. */
const NO_RECORD_NOTE =
  'There is no record to open: the file this report belongs in does not exist (Set up / repair tells the DSL why). Ask the member of staff who reported it, named above, for the details.';

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
 * them. Without a `link` (the report's record file does not exist yet) each email says so.
 */
export function deliver(
  entry: RegisterEntry,
  plan: AlertPlan,
  owed: string[],
  settings: Settings,
  link: string,
): AlertOutcome {
  const note = link.trim() === '' ? NO_RECORD_NOTE : null;
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

  const results = sendEmails(
    recipients.map((recipient) => ({
      to: recipient.email,
      email: renderAlertEmail(
        entry,
        note === null ? recipient : { ...recipient, reasons: [...recipient.reasons, note] },
        settings,
        { registerRowUrl: link },
      ),
    })),
    `${schoolDisplayName(settings)} online safety`,
  );

  const sentTo: string[] = [];
  const stillOwed: string[] = [];
  recipients.forEach((recipient, i) => {
    const result = results[i] ?? { sent: false, reason: 'not sent' };
    if (result.sent) {
      sentTo.push(`${recipient.email} (${recipient.roles.join(', ')})`);
      return;
    }
    stillOwed.push(recipient.email);
    // Rows are retried by the hourly job; a report with no row yet, when its report is next looked at.
    const retry = note === null ? 'it will be retried within the hour' : 'it will be retried';
    const failure = `${NOT_SENT_MARK}${recipient.email}: ${result.reason}; ${retry}`;
    if (lastFailure(entry.alertLog, recipient.email) !== failure) log.push(`${at}${failure}`);
  });
  if (sentTo.length > 0) log.unshift(`${at}${SENT_MARK}${sentTo.join('; ')}`);
  return { status: statusAfter(stillOwed, [entry.alertLog, ...log].join('\n'), plan), log };
}

/** Writes the alert status and the log (appended) into a row's two alert cells, in one call. */
export function writeAlertCells(sheet: Sheet, row: number, previousLog: string, outcome: AlertOutcome): void {
  const statusCol = columnNumber('alertStatus');
  const logCol = columnNumber('alertLog');
  if (logCol !== statusCol + 1) throw new Error('Alert log must follow alert status in the register');
  const log = joinLog(previousLog, outcome.log);
  sheet.getRange(row, statusCol, 1, 2).setValues([[textCell(outcome.status), textCell(log)]]);
}

function joinLog(previousLog: string, lines: readonly string[]): string {
  return [previousLog, ...lines].filter((l) => l !== '').join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// The retry job

const RECORD_FILES = ['register', 'staff-allegations', 'headteacher-allegations'] as const;

/** Scheduled job (hourly) and menu: sends every alert still owed, in every record file. */
export function retryPendingAlerts(_event?: unknown): void {
  withScriptLock(() => {
    const ctx = loadContext();
    for (const file of RECORD_FILES) {
      const opened = openRecordSheet(ctx, file);
      if (opened) retryInSheet(opened.ss, opened.sheet, ctx.settings, ctx.timeZone);
    }
  });
}

function retryInSheet(ss: Spreadsheet, sheet: Sheet, settings: Settings, timeZone: string): void {
  const values = sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  const statusIndex = columnNumber('alertStatus') - 1;
  for (let i = 1; i < values.length; i++) {
    const row = values[i] ?? [];
    const status = String(row[statusIndex] ?? '');
    if (!isUnfinished(status)) continue;
    const entry = rowToIncident(row, header, timeZone);
    if (!entry) continue;
    const plan = planAlert(entry, settings);
    const owed = union(pendingAddresses(status), unsentAddresses(plan, entry.alertLog));
    if (owed.length === 0 && status === ALERT_NOBODY) continue;
    const outcome = deliver(entry, plan, owed, settings, rowUrl(ss, sheet, i + 1));
    if (outcome.status === status && outcome.log.length === 0) continue;
    writeAlertCells(sheet, i + 1, entry.alertLog, outcome);
  }
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const keys = new Set(a.map(mailboxKey));
  return [...a, ...b.filter((address) => !keys.has(mailboxKey(address)))];
}
