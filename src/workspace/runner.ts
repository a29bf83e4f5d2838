/**
 * One runner, on the platform: where the runner is kept (the script properties, which every handler reads
 * once per run anyway), who is running this execution, and what a handler that is not the runner's does —
 * from a menu, tell the person who can run it; from a trigger, nothing, and remove the trigger. The rules
 * themselves are domain/runner.ts. Why here: every handler calls one of these in one line, so the rule is
 * in one place and no handler reaches into another.
 *
 * Platform truths this rests on: an installable trigger runs as the account that installed it
 * (Session.getEffectiveUser), and ScriptApp.getProjectTriggers() lists only the current account's triggers
 * — so a trigger can find and delete itself, but nobody can delete another person's triggers.
 */
import {
  decideMenu,
  decideSetUp,
  decideTakeOver,
  decideTrigger,
  RUNNER_ONLY,
  sameAccount,
  type RunnerOnlyAction,
} from '../domain/runner';
import type { DeploymentConfig } from './config';
import { readAllProperties, restrictedFileId } from './config';
import { fileName } from '../domain/access';
import { RESTRICTED_FILES } from '../domain/routing';
import { showMessage } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RUNNER_KEY = 'runner';
const PENDING_KEY = 'pendingRunner';

/** The account the system runs as ('' before the first Set up), from an already-read property map. */
export function runnerOf(props: Record<string, string>): string {
  return (props[RUNNER_KEY] ?? '').trim();
}

/** The account the runner is handing over to ('' when no hand-over is waiting). */
export function pendingRunnerOf(props: Record<string, string>): string {
  return (props[PENDING_KEY] ?? '').trim();
}

/** Makes `email` the runner; a waiting hand-over is done with. */
export function recordRunner(email: string): void {
  const props = PropertiesService.getScriptProperties();
  props.setProperty(RUNNER_KEY, email.trim());
  props.deleteProperty(PENDING_KEY);
}

/** Records the account the runner hands over to, or ('' ) cancels a waiting hand-over. */
export function recordPendingRunner(email: string): void {
  const props = PropertiesService.getScriptProperties();
  if (email.trim() === '') props.deleteProperty(PENDING_KEY);
  else props.setProperty(PENDING_KEY, email.trim());
}

/** The account this execution runs as: the clicker for a menu, the installer for a trigger. */
export function currentAccount(): string {
  return Session.getEffectiveUser().getEmail().trim();
}

/** The container spreadsheet's owner ('' when Google does not say). */
export function ownerOf(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): string {
  try {
    return ss.getOwner()?.getEmail().trim() ?? '';
  } catch {
    return '';
  }
}

/** The id of the trigger that started this execution, '' when a person did (a menu, the script editor). */
function triggerUidOf(event: unknown): string {
  if (typeof event !== 'object' || event === null || !('triggerUid' in event)) return '';
  const uid = (event as { triggerUid?: unknown }).triggerUid;
  return typeof uid === 'string' || typeof uid === 'number' ? String(uid) : '';
}

/** Deletes the current account's trigger with this id (it is among the account's own triggers). */
function removeOwnTrigger(uid: string): boolean {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getUniqueId() === uid) {
      ScriptApp.deleteTrigger(trigger);
      return true;
    }
  }
  return false;
}

/**
 * The one line at the head of every handler that changes or sends anything: true when this execution may
 * go on. Started by a trigger, the trigger must be the runner's: another account's does nothing and
 * deletes itself. Started by a person (a menu, the script editor), the person must be the runner; anyone
 * else is told who can run it, and nothing is done. `props` is the run's property map when the handler
 * has already read it (the submit path: no extra read).
 */
export function runsAsRunner(
  action: RunnerOnlyAction,
  event?: unknown,
  props: Record<string, string> = readAllProperties(),
): boolean {
  const me = currentAccount();
  const runner = runnerOf(props);
  const uid = triggerUidOf(event);
  if (uid !== '') {
    const decision = decideTrigger(me, runner);
    if (decision === 'run') return true;
    // No address in the log (logs hold no personal data): which job, and that it stood down.
    if (decision === 'stand down') {
      console.warn(`A ${action} trigger did nothing: Google did not say which account it runs as.`);
    } else {
      const removed = removeOwnTrigger(uid);
      console.warn(
        `A ${action} trigger installed by an account that does not run this system did nothing` +
          (removed ? ' and was removed.' : '; it could not be found to remove.'),
      );
    }
    return false;
  }
  if (runner !== '' && sameAccount(me, runner)) return true;
  const decision = decideMenu(action, me, runner, ownerOf());
  if (decision.allowed) return true;
  showMessage(RUNNER_ONLY[action].caption, decision.message);
  return false;
}

/**
 * Set up / repair's guard: the runner repairs; with nobody recorded, the person running becomes the runner
 * (unless Settings name them as the Headteacher, or an earlier Set up was someone else's); anyone else is
 * told who can run it. `headteacher` is Settings' Headteacher address ('' when none yet).
 */
export function claimOrCheckSetUp(headteacher: () => string): { me: string; claimed: boolean } | null {
  const props = readAllProperties();
  const me = currentAccount();
  const runner = runnerOf(props);
  if (runner !== '' && sameAccount(me, runner)) return { me, claimed: false };
  const decision = decideSetUp({
    me,
    runner,
    owner: ownerOf(),
    deployed: (props.formId ?? '') !== '',
    hasOwnTriggers: runner === '' && me !== '' && ScriptApp.getProjectTriggers().length > 0,
    headteacher: runner === '' && me !== '' ? headteacher() : '',
  });
  if (decision.kind === 'refuse') {
    showMessage(RUNNER_ONLY.setUp.caption, decision.message);
    return null;
  }
  if (decision.kind === 'claim') recordRunner(me);
  return { me, claimed: decision.kind === 'claim' };
}

/** What Take over as DSL needs to go on: who takes over, and from whom. */
export interface TakingOver {
  me: string;
  previous: string;
}

/**
 * Take over as DSL's guard: the person the runner handed over to, or the spreadsheet's owner, and never the
 * Headteacher — and only when they can open the form and the restricted files (or a new runner's Set up
 * would make new, empty ones while the reports stay in the old). Anyone else, or someone who cannot open
 * them yet, is told what to do, and nothing is done.
 */
export function checkTakeOver(
  ss: Spreadsheet,
  config: DeploymentConfig,
  headteacher: string,
): TakingOver | null {
  const props = readAllProperties();
  const me = currentAccount();
  const runner = runnerOf(props);
  const decision = decideTakeOver({
    me,
    runner,
    pending: pendingRunnerOf(props),
    owner: ownerOf(ss),
    headteacher,
  });
  const title = 'Take over as DSL';
  if (decision.kind === 'refuse') {
    showMessage(title, decision.message);
    return null;
  }
  const outOfReach = [...filesOutOfReach(config), ...settingsOutOfReach(ss)];
  if (outOfReach.length > 0) {
    const from = runner === '' ? 'the account that ran Set up' : runner;
    showMessage(
      title,
      `You cannot open ${outOfReach.join(' or ')} yet: they are ${from}'s. Until you can, the reports ` +
        `could not be recorded as you, so nothing has changed and ${from} still runs the system.\n\n` +
        `Ask ${from} to choose Online Safety › Hand over to a new DSL… (it shares them with you), or, if they ` +
        'have left, ask the Workspace admin to transfer their Drive files to you (Admin console › Users › ' +
        'transfer ownership). Then choose Take over as DSL again.',
    );
    return null;
  }
  return { me, previous: runner };
}

/** The Settings sheet, when its protection is someone else's (its runner did not let this account in). */
function settingsOutOfReach(ss: Spreadsheet): string[] {
  const sheet = ss.getSheetByName('Settings');
  const protection = sheet?.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  return protection && !protection.canEdit() ? ['the protected Settings sheet'] : [];
}

/** The files the current account cannot open, in words; the form first. */
function filesOutOfReach(config: DeploymentConfig): string[] {
  const out: string[] = [];
  if (config.formId !== '') {
    try {
      FormApp.openById(config.formId);
    } catch {
      out.push('the report form');
    }
  }
  for (const file of RESTRICTED_FILES) {
    const id = restrictedFileId(config, file);
    if (id === '') continue;
    try {
      SpreadsheetApp.openById(id);
    } catch {
      out.push(`the ${fileName(file)}`);
    }
  }
  return out;
}

/**
 * For a hand-over: lets the new DSL into everything the runner can share — the register spreadsheet, the
 * form, the restricted files, as an editor, and every protection the runner manages in them — so that
 * their Take over as DSL can repair and protect it all as them. Returns what could not be shared, in words.
 */
export function letInNewRunner(ss: Spreadsheet, config: DeploymentConfig, email: string): string[] {
  const problems: string[] = [];
  const attempt = (what: string, share: () => void): void => {
    try {
      share();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      problems.push(`${what} could not be shared with ${email} (${reason}).`);
    }
  };
  attempt('This spreadsheet', () => shareSpreadsheet(ss, email));
  if (config.formId !== '')
    attempt('The report form', () => FormApp.openById(config.formId).addEditor(email));
  for (const file of RESTRICTED_FILES) {
    const id = restrictedFileId(config, file);
    if (id !== '')
      attempt(`The ${fileName(file)}`, () => shareSpreadsheet(SpreadsheetApp.openById(id), email));
  }
  return problems;
}

function shareSpreadsheet(ss: Spreadsheet, email: string): void {
  const already = ss.getEditors().some((user) => sameAccount(user.getEmail(), email));
  if (!already && !sameAccount(ownerOf(ss), email)) ss.addEditor(email);
  const types = [SpreadsheetApp.ProtectionType.SHEET, SpreadsheetApp.ProtectionType.RANGE];
  for (const type of types) {
    for (const protection of ss.getProtections(type)) {
      if (!protection.canEdit()) continue;
      const listed = protection.getEditors().some((user) => sameAccount(user.getEmail(), email));
      if (!listed) protection.addEditor(email);
    }
  }
}
