/**
 * Online Safety › Run platform self-test (the runner's alone), and its follow-up run: the checks of what
 * the system assumes about Google (domain/selftest.ts, workspace/selftest-checks.ts) run on scratch objects
 * on the school's own account. The checks that need no trigger run at once; the script's own form
 * submission is finished by a one-off trigger a minute later. The results go to the Self-test sheet, the
 * runner is emailed the summary, the tenant's behaviour is recorded (what the product adapts to, and what
 * the health check shows as a problem), and the scratch objects are cleared — also when a check throws.
 */
import {
  CHECK_IDS,
  FOLLOW_UP_DELAY_MS,
  IMMEDIATE_CHECKS,
  SELF_TEST_CHECKS,
  factsFrom,
  selfTestEmail,
  type CheckId,
  type CheckOutcome,
} from '../domain/selftest';
import { schoolDisplayName } from '../domain/settings';
import { now } from '../workspace/clock';
import { withScriptLock } from '../workspace/lock';
import { sendEmail } from '../workspace/mailer';
import { currentAccount, runnerOf, runsAsRunner } from '../workspace/runner';
import { IMMEDIATE_RUNNERS, runCheck } from '../workspace/selftest-checks';
import {
  clearScratchForm,
  deleteScratchSheet,
  endRun,
  makeScratchSheet,
  readPendingRun,
  recordSubmitSeen,
  removeSelfTestTriggers,
  savePendingRun,
  scratchFor,
  startScriptSubmission,
  submitSeen,
} from '../workspace/selftest-scratch';
import { writeSelfTestSheet } from '../workspace/selftest-sheet';
import { showMessage } from '../workspace/ui';
import { loadContext, type RunContext } from './context';

const TITLE = 'Online Safety — platform self-test';

function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
}

function whenText(ctx: RunContext, at: Date): string {
  return Utilities.formatDate(at, ctx.timeZone, 'd MMM yyyy HH:mm');
}

/**
 * The checks in `ids` on a fresh hidden scratch sheet, which is deleted afterwards whatever happens (the
 * scratch form is left for the follow-up, or emptied by `finish`).
 */
function runImmediate(
  ctx: RunContext,
  ids: readonly CheckId[],
): { outcomes: CheckOutcome[]; formOpened: boolean } {
  const sheet = makeScratchSheet(ctx.ss);
  const scratch = scratchFor(ctx.ss, sheet);
  try {
    const outcomes = IMMEDIATE_RUNNERS.filter(([id]) => ids.includes(id)).map(([id, run]) =>
      runCheck(id, run, scratch),
    );
    return { outcomes, formOpened: scratch.formOpened() };
  } finally {
    deleteScratchSheet(ctx.ss);
  }
}

/** The follow-up check started (true), or why it could not be (its outcome, Not checked). */
function startFollowUp(): true | CheckOutcome {
  try {
    startScriptSubmission(FOLLOW_UP_DELAY_MS);
    return true;
  } catch (err) {
    removeSelfTestTriggers();
    clearScratchForm();
    return { id: 'scriptSubmission', status: 'Not checked', seen: `Could not be started: ${messageOf(err)}` };
  }
}

export interface SelfTestStart {
  outcomes: CheckOutcome[];
  /** The follow-up run is due (false: the run finished at once). */
  waiting: boolean;
}

/** Menu item: Online Safety › Run platform self-test. */
export function runPlatformSelfTest(): SelfTestStart | null {
  if (!runsAsRunner('runPlatformSelfTest')) return null;
  const start = withScriptLock(() => {
    const ctx = loadContext();
    // A run that never finished (its trigger removed by Set up, say) leaves nothing behind.
    removeSelfTestTriggers();
    const { outcomes } = runImmediate(ctx, CHECK_IDS);
    const followUp = startFollowUp();
    if (followUp !== true) {
      finish(ctx, [...outcomes, followUp]);
      return { outcomes: [...outcomes, followUp], waiting: false };
    }
    savePendingRun({ startedAt: now().getTime(), outcomes });
    const { textCells } = factsFrom(outcomes, 0);
    writeSelfTestSheet(ctx.ss, outcomes, false, whenText(ctx, now()), textCells);
    return { outcomes, waiting: true };
  });
  const differing = start.outcomes.filter((o) => o.status === 'Differs').length;
  showMessage(
    TITLE,
    `${start.outcomes.length} check(s) done: ${differing === 0 ? 'all as expected' : `${differing} differ`}. ` +
      (start.waiting
        ? 'The last check finishes by itself in about a minute; you will then be emailed the summary. '
        : 'You have been emailed the summary. ') +
      'The details are on the Self-test sheet.',
  );
  return start;
}

/** Trigger on the scratch form: a script's own submission fired it. Records only that it did. */
export function selfTestFormSubmit(event?: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  if (!runsAsRunner('selfTestFormSubmit', event)) return;
  const response: unknown = event?.response;
  recordSubmitSeen(typeof response === 'object' && response !== null);
}

/** The follow-up run (a one-off trigger a minute after the start): the last check, then the results. */
export function finishPlatformSelfTest(event?: unknown): void {
  if (!runsAsRunner('finishPlatformSelfTest', event)) return;
  withScriptLock(() => {
    const ctx = loadContext();
    const pending = readPendingRun();
    if (!pending) {
      removeSelfTestTriggers();
      clearScratchForm();
      return;
    }
    const seen = submitSeen();
    const last: CheckOutcome = {
      id: 'scriptSubmission',
      status: seen.fired ? 'Differs' : 'OK',
      seen: seen.fired
        ? `The trigger fired${seen.hasResponse ? ', with the response in its event' : ', without the response'}.`
        : 'No trigger fired in the minute after the script submitted a response.',
    };
    finish(ctx, [...pending.outcomes, last]);
  });
}

/** Records the tenant's behaviour, writes the sheet, emails the runner; the scratch form and triggers are cleared. */
function finish(ctx: RunContext, outcomes: CheckOutcome[]): void {
  const at = now();
  const facts = factsFrom(outcomes, at.getTime());
  try {
    removeSelfTestTriggers();
    clearScratchForm();
  } finally {
    endRun(facts);
  }
  const sheet = writeSelfTestSheet(ctx.ss, outcomes, true, whenText(ctx, at), facts.textCells);
  const runner = runnerOf(ctx.props) || currentAccount();
  const email = selfTestEmail(
    schoolDisplayName(ctx.settings),
    outcomes,
    `${ctx.ss.getUrl()}#gid=${sheet.getSheetId()}`,
  );
  const sent = sendEmail(runner, email, `${schoolDisplayName(ctx.settings)} online safety`);
  if (!sent.sent) console.warn(`The self-test summary was not emailed: ${sent.reason}`);
}

/**
 * One check on its own, from the script editor (Run › runPlatformCheck with a check's name): its own
 * scratch sheet, cleared afterwards; nothing recorded. The follow-up check cannot run this way.
 */
export function runPlatformCheck(id?: unknown): CheckOutcome | null {
  if (!runsAsRunner('runPlatformSelfTest')) return null;
  const known = CHECK_IDS.find((c) => c === id && !('followUp' in SELF_TEST_CHECKS[c]));
  if (!known) {
    showMessage(TITLE, `Name one check to run: ${IMMEDIATE_CHECKS.join(', ')}.`);
    return null;
  }
  return withScriptLock(() => {
    const { outcomes, formOpened } = runImmediate(loadContext(), [known]);
    if (formOpened) clearScratchForm();
    return outcomes[0] ?? null;
  });
}
