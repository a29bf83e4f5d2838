/**
 * The health check: the menu item, and the runs that ride on the scheduled jobs (after the nightly
 * reconcile, and after each hourly alert retry, so a form in the bin, a deleted register, a missing job or a
 * stuck alert is told to the DSL the same day). It writes the Health sheet every time and emails the DSL
 * (content-free) only when a check turns bad: a problem that stays is not emailed again; one that clears and
 * comes back is.
 */
import { healthEmail, healthLines, problemChecks, turnedBad, type HealthLine } from '../domain/health';
import { schoolDisplayName } from '../domain/settings';
import { now } from '../workspace/clock';
import {
  gatherHealthFacts,
  readHealthState,
  saveHealthState,
  sendHealthNotice,
  writeHealthSheet,
} from '../workspace/health';
import { withScriptLock } from '../workspace/lock';
import { readAllProperties } from '../workspace/config';
import { sameAccount } from '../domain/runner';
import { currentAccount, ownerOf, runnerOf } from '../workspace/runner';
import { showMessage } from '../workspace/ui';
import { reconcileMissedReports, type ReconcileResult } from './intake';
import { retryPendingAlerts } from './alerts';
import { loadContext } from './context';

export interface HealthResult {
  lines: HealthLine[];
  /** Checks that turned bad at this run (and were emailed, when `notify`). */
  turnedBad: string[];
  emailed: boolean;
}

/** Runs every check, writes the Health sheet, and (when `notify`) emails the DSL about what turned bad. */
export function runHealthCheck(notify = true): HealthResult {
  return withScriptLock(() => {
    const ctx = loadContext();
    const checkedAt = now();
    const me = currentAccount();
    const runner = runnerOf(ctx.props) || ownerOf(ctx.ss);
    // Only the runner's check emails (from the runner's mailbox) or keeps state: a deputy's click shows.
    const mayNotify = notify && sameAccount(me, runner);
    const facts = gatherHealthFacts({
      ss: ctx.ss,
      props: ctx.props,
      config: ctx.config,
      settings: ctx.settings,
      timeZone: ctx.timeZone,
      runner,
      me,
      now: checkedAt,
    });
    const lines = healthLines(facts);
    const previous = readHealthState(ctx.props);
    const bad = turnedBad(previous.problems, lines);
    let sheetUrl = ctx.ss.getUrl();
    try {
      const sheet = writeHealthSheet(ctx.ss, lines, checkedAt);
      sheetUrl = `${sheetUrl}#gid=${sheet.getSheetId()}`;
    } catch (err) {
      // Someone other than the runner (the sheet is theirs alone): the menu still shows what was found.
      console.warn(
        `The Health sheet could not be written: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    let emailed = false;
    let told = previous.problems.filter((c) => problemChecks(lines).includes(c));
    if (bad.length > 0 && mayNotify) {
      const email = healthEmail(schoolDisplayName(ctx.settings), bad, sheetUrl);
      emailed = sendHealthNotice(ctx.settings.dslEmail, email.subject, email.body);
      // Not sent (quota, a missing permission): not recorded as told, so the next check tries again.
      if (emailed) told = [...told, ...bad];
    }
    const pendingSince = facts.alertsPending.now === 0 ? 0 : previous.pendingSince || checkedAt.getTime();
    if (mayNotify) saveHealthState({ problems: told, pendingSince });
    return { lines, turnedBad: bad, emailed };
  });
}

/** Menu item: Online Safety › Health check. */
export function showHealthCheck(): void {
  const result = runHealthCheck(true);
  const problems = result.lines.filter((l) => l.status !== 'OK');
  const text =
    problems.length === 0
      ? 'Every check is OK. The details are on the Health sheet.'
      : [
          `${problems.length} check(s) need attention (details on the Health sheet):`,
          ...problems.map((l) => `• ${l.check}: ${l.status}. ${l.found}${l.todo ? ` To do: ${l.todo}` : ''}`),
        ].join('\n');
  showMessage('Online Safety — health check', text);
}

/** True when a scheduled trigger (not a menu click or a direct run) started this execution. */
function fromTrigger(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'triggerUid' in event;
}

/** Whether this execution runs as the runner (another account's leftover trigger checks nothing). */
function runnerRunsThis(): boolean {
  const runner = runnerOf(readAllProperties()) || ownerOf();
  return runner !== '' && sameAccount(currentAccount(), runner);
}

function quietly(run: () => unknown): void {
  try {
    run();
  } catch (err) {
    // The job it rides on has done its work; the next run checks again.
    console.error(`Health check failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The nightly job: the reconcile (missed reports, deleted rows), then the health check. */
export function nightlyReconcile(event?: unknown): ReconcileResult {
  const result = reconcileMissedReports(event);
  if (fromTrigger(event) && runnerRunsThis()) quietly(() => runHealthCheck(true));
  return result;
}

/** The hourly job: waiting alerts retried, then the health check (so a problem is told the same day). */
export function hourlyRetry(event?: unknown): void {
  retryPendingAlerts(event);
  if (fromTrigger(event) && runnerRunsThis()) quietly(() => runHealthCheck(true));
}
