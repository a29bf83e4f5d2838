/**
 * Alert delivery: who the routing plan says, exactly once each, never silently dropped. A send that
 * cannot happen now (quota, mail failure) leaves the row "Pending: <addresses>", and the scheduled
 * `retryPendingAlerts` job sends to those addresses later and marks the row sent.
 */
import type { AlertPlan } from '../domain/routing';
import { planAlert } from '../domain/routing';
import { formatDateTime, renderAlertEmail } from '../domain/alert-email';
import type { RegisterEntry } from '../domain/register';
import { rowToIncident } from '../domain/register';
import { schoolDisplayName } from '../domain/settings';
import type { Settings } from '../domain/types';
import { textCell } from '../domain/cells';
import { sendEmail } from '../workspace/mailer';
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

/** The status and log a new row starts with, before anything is sent. */
export function initialAlertState(plan: AlertPlan): AlertOutcome {
  const log = plan.problems.map((p) => `Problem: ${p}`);
  if (plan.alert === 'none') return { status: ALERT_NOT_NEEDED, log };
  if (plan.recipients.length === 0) return { status: ALERT_NOBODY, log };
  return { status: pendingStatus(plan.recipients.map((r) => r.email)), log };
}

/** Sends the plan's emails to the addresses still pending; returns the row's new status and log lines. */
export function deliver(
  entry: RegisterEntry,
  plan: AlertPlan,
  owed: string[],
  settings: Settings,
  link: string,
): AlertOutcome {
  const at = formatDateTime(now(), settings.timeZone);
  const stillOwed: string[] = [];
  const sentTo: string[] = [];
  const log: string[] = [];
  for (const recipient of plan.recipients) {
    if (!owed.includes(recipient.email)) continue;
    const email = renderAlertEmail(entry, recipient, settings, { registerRowUrl: link });
    const result = sendEmail(recipient.email, email, `${schoolDisplayName(settings)} online safety`);
    if (result.sent) sentTo.push(`${recipient.email} (${recipient.roles.join(', ')})`);
    else {
      stillOwed.push(recipient.email);
      log.push(`${at} not sent to ${recipient.email}: ${result.reason}`);
    }
  }
  if (sentTo.length > 0) log.unshift(`${at} sent to ${sentTo.join('; ')}`);
  // An address dropped from the plan since (Settings changed) is no longer owed.
  return { status: stillOwed.length > 0 ? pendingStatus(stillOwed) : ALERT_SENT, log };
}

/** Writes the alert status and the log (appended) into a row's two alert cells, in one call. */
export function writeAlertCells(sheet: Sheet, row: number, previousLog: string, outcome: AlertOutcome): void {
  const statusCol = columnNumber('alertStatus');
  const logCol = columnNumber('alertLog');
  if (logCol !== statusCol + 1) throw new Error('Alert log must follow alert status in the register');
  const log = [previousLog, ...outcome.log].filter((l) => l !== '').join('\n');
  sheet.getRange(row, statusCol, 1, 2).setValues([[textCell(outcome.status), textCell(log)]]);
}

/** Scheduled job (and menu): sends every alert still pending, in every record file. */
export function retryPendingAlerts(): void {
  withScriptLock(() => {
    const ctx = loadContext();
    for (const file of ['register', 'staff-allegations', 'headteacher-allegations'] as const) {
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
    const row = values[i]!;
    const owed = pendingAddresses(String(row[statusIndex] ?? ''));
    if (owed.length === 0) continue;
    const entry = rowToIncident(row, header, timeZone);
    if (!entry) continue;
    const plan = planAlert(entry, settings);
    const outcome = deliver(entry, plan, owed, settings, rowUrl(ss, sheet, i + 1));
    writeAlertCells(sheet, i + 1, entry.alertLog, outcome);
  }
}
