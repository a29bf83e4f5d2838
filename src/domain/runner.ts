/**
 * One runner. The system runs as one Google account — the DSL who first ran Set up: its triggers run as
 * that account, alerts go out from its mailbox, only it may change Settings. A menu click or a trigger of
 * anyone else must change and send nothing, and say so. Why pure: who may do what is policy, decided here
 * from what the adapter (workspace/runner.ts) reads — the recorded runner, the person running, the
 * spreadsheet's owner — so the rules can be tested without the platform.
 */
import { sameMailbox } from './routing';
import { isValidEmail } from './settings';

/** Menu items and handlers that only the runner may run (keyed by the function Apps Script calls). */
export const RUNNER_ONLY = {
  setUp: { caption: 'Set up / repair', instead: '' },
  checkForMissedReports: {
    caption: 'Check for missed reports',
    instead:
      'The check runs by itself every night at about 2am, as that account, and adds any report that is missing.',
  },
  rebuildSummary: {
    caption: 'Rebuild the summary now',
    instead: 'The summary is rebuilt by itself every night at about 3am.',
  },
  sendDigestPreview: {
    caption: 'Send me a preview of the weekly email',
    instead: 'Ask them for a preview: it is sent only to whoever asks.',
  },
  retryPendingAlerts: {
    caption: 'Send pending alerts now',
    instead:
      'Alerts still owed are sent by the hourly job, from that account, so that nobody is alerted from your mailbox or twice.',
  },
  handOver: { caption: 'Hand over to a new DSL…', instead: '' },
  onFormSubmit: { caption: 'Record a form response', instead: '' },
  onRegisterEdit: { caption: 'Record an edit of the register', instead: '' },
  reconcileMissedReports: { caption: 'Record missed reports', instead: '' },
  sendOverdueReminders: { caption: 'Send the overdue reminders', instead: '' },
  sendWeeklyDigest: { caption: 'Send the weekly email', instead: '' },
  onStaffAllegationsEdit: { caption: 'Record an edit of the staff-allegations file', instead: '' },
  onLeadAllegationsEdit: { caption: 'Record an edit of the DSL-and-deputy-allegations file', instead: '' },
  onHeadteacherAllegationsEdit: {
    caption: 'Record an edit of the Headteacher-allegations file',
    instead: '',
  },
  checkAuditTrail: { caption: 'Check the audit trail overnight', instead: '' },
  showRetentionReview: {
    caption: 'Retention review',
    instead: 'It reads the allegation files too, so only that account may build it.',
  },
  deleteRecord: { caption: 'Delete a record…', instead: 'Ask them: a deletion cannot be undone.' },
  runPlatformSelfTest: {
    caption: 'Run platform self-test',
    instead: 'It checks Google as the account the system runs as, so only that account can run it.',
  },
  selfTestFormSubmit: { caption: 'Record the self-test form submission', instead: '' },
  finishPlatformSelfTest: { caption: 'Finish the platform self-test', instead: '' },
  sendGovernorsReport: {
    caption: "Send the governors' termly report now",
    instead: 'It reads the allegation files and sends mail, so only that account may send it.',
  },
  nightlyOversight: { caption: "Send the governors' report and the trust export overnight", instead: '' },
  setUpTrust: { caption: 'Set up for the trust', instead: '' },
  rebuildTrustSummary: {
    caption: 'Rebuild the trust summary now',
    instead: 'It is rebuilt by itself every night at about 6am, as that account.',
  },
} as const;

export type RunnerOnlyAction = keyof typeof RUNNER_ONLY;

/** Accounts are compared as Google compares sign-in addresses: case and spaces aside, exactly. */
export function sameAccount(a: string, b: string): boolean {
  return a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export type MenuDecision = { allowed: true } | { allowed: false; message: string };

/**
 * A menu click (or a run from the script editor) of a runner-only item. `owner` is the spreadsheet's
 * owner, named so that a school whose runner has left knows who can take over.
 */
export function decideMenu(
  action: RunnerOnlyAction,
  me: string,
  runner: string,
  owner: string,
): MenuDecision {
  if (runner !== '' && sameAccount(me, runner)) return { allowed: true };
  const { caption, instead } = RUNNER_ONLY[action];
  if (runner === '') {
    return {
      allowed: false,
      message:
        `Nobody runs this system yet, so "${caption}" cannot run. The DSL chooses Online Safety › Set up / repair ` +
        'first: the system then runs as their account.',
    };
  }
  return { allowed: false, message: refusal(caption, instead, me, runner, owner) };
}

function refusal(caption: string, instead: string, me: string, runner: string, owner: string): string {
  const who = me === '' ? 'Google did not say which account you are using, so' : `You are ${me}:`;
  const lines = [
    `Only ${runner} can run "${caption}". This system runs as that account: its scheduled jobs, its ` +
      'alerts and its Settings are theirs, so that nothing is sent from anyone else’s mailbox or twice.',
    `${who} nothing was done.`,
  ];
  if (instead !== '') lines.push('', instead);
  lines.push(
    '',
    `If ${runner} has left, they (or, once they have gone, ${owner !== '' && !sameAccount(owner, runner) ? `${owner}, who owns this spreadsheet` : 'the owner of this spreadsheet'}) ` +
      'can pass the system on: Online Safety › Hand over to a new DSL…, then Take over as DSL.',
  );
  return lines.join('\n');
}

/** What a trigger does: its work, or nothing (and remove itself) because it is not the runner's. */
export type TriggerDecision = 'run' | 'stand down and remove' | 'stand down';

/**
 * An installable trigger runs as whoever installed it. Only the runner's triggers may work; another
 * person's (a second set, from a Set up before this rule, or the old DSL's after a hand-over) does nothing
 * and removes itself. With no runner recorded (a deployment from before runners were recorded) the
 * trigger works as it always did, until Set up records one. If Google does not say who the trigger runs as,
 * it cannot be told apart: it does nothing but is not removed.
 */
export function decideTrigger(me: string, runner: string): TriggerDecision {
  if (runner === '') return 'run';
  if (me.trim() === '') return 'stand down';
  return sameAccount(me, runner) ? 'run' : 'stand down and remove';
}

export type SetUpDecision =
  | { kind: 'run' }
  /** Nobody is recorded: the person running Set up becomes the runner. */
  | { kind: 'claim' }
  | { kind: 'refuse'; message: string };

export interface SetUpFacts {
  me: string;
  runner: string;
  owner: string;
  /** A form was made by an earlier Set up (a deployment from before runners were recorded). */
  deployed: boolean;
  /** The person running has this project's triggers: they ran an earlier Set up. */
  hasOwnTriggers: boolean;
  /** The Headteacher's address in Settings ('' when none yet). */
  headteacher: string;
}

export const HEADTEACHER_MAY_NOT_RUN =
  "This is the Headteacher's account (Settings › Headteacher email). The system must not run as the " +
  'Headteacher: everything it makes and sends would be theirs, concerns about the Headteacher included. ' +
  'The DSL, or a deputy DSL who is not the Headteacher, runs Set up / repair.';

/** Set up / repair: the runner repairs; the first person ever becomes the runner; nobody else. */
export function decideSetUp(facts: SetUpFacts): SetUpDecision {
  const { me, runner, owner } = facts;
  if (me.trim() === '') {
    return {
      kind: 'refuse',
      message:
        'Google did not say which account you are using, so Set up did nothing. Sign in with your school account and try again.',
    };
  }
  if (runner !== '') {
    if (sameAccount(me, runner)) return { kind: 'run' };
    return { kind: 'refuse', message: refusal(RUNNER_ONLY.setUp.caption, '', me, runner, owner) };
  }
  if (facts.headteacher !== '' && sameMailbox(me, facts.headteacher)) {
    return { kind: 'refuse', message: `${HEADTEACHER_MAY_NOT_RUN}\n\nNothing was done.` };
  }
  if (!facts.deployed || facts.hasOwnTriggers || sameAccount(me, owner)) return { kind: 'claim' };
  return {
    kind: 'refuse',
    message:
      'Set up was run before by another account (the one whose scheduled jobs are installed), and this system ' +
      'runs as that account. They choose Online Safety › Set up / repair once more' +
      (owner !== '' ? `, or ${owner}, who owns this spreadsheet, does` : '') +
      ', to be recorded as the account the system runs as. Nothing was done.',
  };
}

export type HandOverDecision =
  { kind: 'hand over'; to: string } | { kind: 'cancel' } | { kind: 'refuse'; message: string };

/** What the runner typed as the new DSL's address. An empty answer cancels a pending hand-over. */
export function decideHandOver(
  typed: string,
  me: string,
  pending: string,
  headteacher: string,
): HandOverDecision {
  const to = typed.trim();
  if (to === '') {
    return pending !== ''
      ? { kind: 'cancel' }
      : { kind: 'refuse', message: 'No address was given, so nothing has changed.' };
  }
  if (!isValidEmail(to)) {
    return { kind: 'refuse', message: `'${to}' is not an email address, so nothing has changed.` };
  }
  if (sameAccount(to, me)) {
    return { kind: 'refuse', message: 'The system already runs as your account: nothing has changed.' };
  }
  if (headteacher !== '' && sameMailbox(to, headteacher)) {
    return {
      kind: 'refuse',
      message: `${to} is the Headteacher's address in Settings. ${HEADTEACHER_MAY_NOT_RUN}\n\nNothing has changed.`,
    };
  }
  return { kind: 'hand over', to };
}

export type TakeOverDecision =
  { kind: 'take over'; as: 'pending' | 'owner' } | { kind: 'refuse'; message: string };

export interface TakeOverFacts {
  me: string;
  runner: string;
  pending: string;
  owner: string;
  headteacher: string;
}

/**
 * Take over as DSL: allowed to the person the runner handed over to, and to the spreadsheet's owner (who
 * can always edit everything in it anyway) for when the runner left without handing over. Never to the
 * Headteacher's account.
 */
export function decideTakeOver(facts: TakeOverFacts): TakeOverDecision {
  const { me, runner, pending, owner, headteacher } = facts;
  if (me.trim() === '') {
    return {
      kind: 'refuse',
      message:
        'Google did not say which account you are using, so nothing was done. Sign in with your school account and try again.',
    };
  }
  if (runner !== '' && sameAccount(me, runner)) {
    return {
      kind: 'refuse',
      message: 'The system already runs as your account: there is nothing to take over.',
    };
  }
  if (headteacher !== '' && sameMailbox(me, headteacher)) {
    return { kind: 'refuse', message: `${HEADTEACHER_MAY_NOT_RUN}\n\nNothing was done.` };
  }
  if (pending !== '' && sameAccount(me, pending)) return { kind: 'take over', as: 'pending' };
  if (owner !== '' && sameAccount(me, owner)) return { kind: 'take over', as: 'owner' };
  const runnerText = runner === '' ? 'the DSL who runs this system' : runner;
  return {
    kind: 'refuse',
    message:
      (pending !== ''
        ? `Only ${pending}, whom ${runnerText} handed the system over to, can take it over`
        : `Only the person ${runnerText} hands the system over to can take it over`) +
      `${owner !== '' ? ` (or ${owner}, who owns this spreadsheet, if ${runnerText} has left)` : ''}. ` +
      `${runnerText === runner ? `${runner} starts a hand-over with Online Safety › Hand over to a new DSL…. ` : ''}` +
      'Nothing was done.',
  };
}

/** Said by the first Set up, which has just made its person the runner. */
export function claimedMessage(me: string): string {
  return (
    `This system now runs as your account (${me}): its scheduled jobs and alerts are yours, and only you can ` +
    "change Settings. If you are not the school's DSL (for example, you are the IT admin), hand it over now: " +
    'Online Safety › Hand over to a new DSL…, then the DSL chooses Take over as DSL.'
  );
}

/** Set up's problem when the account the system runs as is the Headteacher's (Settings said so later). */
export const RUNNER_IS_HEADTEACHER =
  "This system runs as the Headteacher's account (the Headteacher email in Settings). Hand it over to the " +
  'DSL, or a deputy DSL who is not the Headteacher: Online Safety › Hand over to a new DSL…, then they ' +
  'choose Take over as DSL.';

/** What the runner is told once the hand-over is recorded: what happens next, and what does not. */
export function handOverMessage(to: string, me: string, notShared: readonly string[]): string {
  const lines = [
    `${to} can now take the system over from you. What happens next:`,
    `1. ${to} opens this spreadsheet (it is shared with them as an editor) and chooses Online Safety › Take over as DSL.`,
    `2. From then on the scheduled jobs and alerts run as ${to}, ${to} is the DSL in Settings, and only ${to} can change Settings. ` +
      'Your own scheduled jobs stop by themselves: each one removes itself, without doing anything, the next time it runs.',
    `3. Until then nothing changes: the system still runs as you (${me}).`,
    '',
    'The spreadsheet, the report form and the restricted files stay owned by your account: this system has no Drive ' +
      `permission to move them. To give them to ${to}, make them the owner of each in Drive (Share › Transfer ownership), ` +
      'or ask the Workspace admin to transfer your files when your account is closed.',
    '',
    'To cancel, choose Hand over to a new DSL… again and leave the address empty.',
  ];
  if (notShared.length > 0) {
    lines.push(
      '',
      'Not done — please share these by hand, or ask the Workspace admin:',
      ...notShared.map((p) => `• ${p}`),
    );
  }
  return lines.join('\n');
}

/** What the new runner is told after Take over as DSL, before Set up's own report. */
export function takeOverMessage(facts: {
  me: string;
  previous: string;
  owner: string;
  /** What Settings › DSL email said before (null when it could not be written). */
  previousDsl: string | null;
}): string {
  const { me, previous, owner, previousDsl } = facts;
  const before = previous === '' ? 'the account that ran Set up before' : previous;
  const lines = [
    `You now run this system: its scheduled jobs and alerts run as you (${me}), and only you can change Settings.`,
  ];
  if (previousDsl === null) {
    lines.push('Settings › DSL email could not be found: put your address there yourself.');
  } else if (!sameAccount(previousDsl, me)) {
    lines.push(
      `Settings › DSL email is now you${previousDsl === '' ? '' : ` (it was ${previousDsl})`}: check the deputies and the other people in Settings.`,
    );
  }
  lines.push(
    `Your own scheduled jobs are installed. Those of ${before} cannot be removed by you (Google shows each person ` +
      'only their own): each one removes itself, without doing anything, the next time it runs.',
    '',
    'What the platform cannot do: the report form and the restricted files still belong to the account that made ' +
      `them (${before})${owner !== '' && !sameAccount(owner, me) ? `, and this spreadsheet to ${owner}` : ''}. ` +
      'This system has no Drive permission to move them. The owner can make you the owner in Drive (Share › ' +
      'Transfer ownership), or the Workspace admin can transfer their files when their account is closed. Until ' +
      'then that account can still open them.',
  );
  return lines.join('\n');
}
