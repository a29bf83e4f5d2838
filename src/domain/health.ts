/**
 * The health check's judgement, apart from Apps Script: from facts gathered by the adapter (is the form
 * there, published, open; are the runner's scheduled jobs all there; were all permissions granted; do the
 * time zones agree; is mail quota left; are alerts stuck; are the files shared exactly; are the record files
 * the ones Set up made), a line per check with what to do — and the rule for when the DSL is emailed.
 *
 * Why pure: the same facts must read the same on the Health sheet, in the menu and in the email, and the
 * "turned bad" rule must be testable without a spreadsheet.
 */
import type { RecordFile } from './routing';
import { selfTestHealthLine, type PlatformFacts } from './selftest';

export type HealthStatus = 'OK' | 'Problem' | 'Not checked';

export interface HealthLine {
  check: string;
  status: HealthStatus;
  /** What was found, in plain words (no personal data). */
  found: string;
  /** What to do ('' when nothing). */
  todo: string;
}

export const HEALTH_CHECKS = {
  form: 'Report form',
  formOpen: 'Form published and taking reports',
  responders: 'Who can respond',
  email: 'Verified email collection',
  register: 'Register',
  staffFile: 'Staff allegations file',
  leadFile: 'DSL and deputy allegations file',
  headFile: 'Headteacher allegations file',
  jobs: 'Scheduled jobs',
  consent: 'Permissions',
  sharing: 'Who can open the files',
  timeZone: 'Time zones',
  quota: 'Email quota',
  alerts: 'Alerts waiting',
} as const;

/** The runner's installable triggers, one per handler (as Set up installs them: see setup.ts). */

/** Alerts owed this long (retried hourly all the while) are stuck: the DSL is told. */
export const STUCK_ALERT_MS = 4 * 60 * 60 * 1000;

/** Recipients kept for alerts: a health notice is not sent when fewer are left today. */
export const MAIL_RESERVED_FOR_ALERTS = 10;

/** Below this many recipients left today, alerts may have to wait: say so. */
export const LOW_MAIL_QUOTA = 25;

export type FormFacts =
  | { kind: 'none' }
  | { kind: 'unopenable' }
  | {
      kind: 'open';
      legacy: boolean;
      published: boolean;
      accepting: boolean;
      requiresLogin: boolean;
      /** Named responders (published readers), or null on a legacy form. */
      namedResponders: number | null;
      emailCollection: 'VERIFIED' | 'RESPONDER_INPUT' | 'DO_NOT_COLLECT' | 'unknown';
    };

/** What looking up a record file found (see record-sheets.ts), or that it is not set up / cannot open. */
export type RecordFileFacts =
  | { kind: 'found'; sheetName: string }
  | { kind: 'not set up' }
  | { kind: 'unopenable' }
  | { kind: 'unmarked' }
  | { kind: 'other'; role: string }
  | { kind: 'missing' };

export interface HealthFacts {
  form: FormFacts;
  files: Record<RecordFile, RecordFileFacts>;
  /** null: not checked, because this account is not the one the scheduled jobs run as. */
  /** The runner's jobs against the ones Set up installs (domain/jobs); null when not the runner's check. */
  jobs: { expected: number; missing: string[]; duplicated: string[]; staleForm: boolean } | null;
  /** Who the jobs run as (for the "not checked" line), and who ran this check. */
  runner: string;
  checkedBy: string;
  consent: { complete: boolean; url: string };
  /** Problems the access check found; null when it could not run. */
  sharing: string[] | null;
  timeZones: { spreadsheet: string; script: string };
  mailQuota: number | null;
  /** Alerts owed now, and for how long some have been owed without a break (0 when none are). */
  alertsPending: { now: number; waitingMs: number };
  /** What the platform self-test recorded about this tenant (absent: no line). */
  platform?: PlatformFacts;
}

const SET_UP = 'Choose Online Safety › Set up / repair.';
/** A file Set up has not made (Set up said why when it ran): on the sheet, not emailed — nothing broke. */
const NOT_MADE_YET = 'Set up has not made it yet.';

function formLines(form: FormFacts): HealthLine[] {
  const c = HEALTH_CHECKS;
  if (form.kind === 'none')
    return [{ check: c.form, status: 'Problem', found: 'There is no report form yet.', todo: SET_UP }];
  if (form.kind === 'unopenable')
    return [
      {
        check: c.form,
        status: 'Problem',
        found:
          'The report form cannot be opened: it has been deleted, moved to the bin, or is no longer shared with the account that runs the system. Staff cannot report.',
        todo: "If it is in the bin, restore it from the runner's Google Drive › Bin, then run Set up / repair; otherwise run Set up / repair to make a new form and share its new link with staff.",
      },
    ];
  const lines: HealthLine[] = [{ check: c.form, status: 'OK', found: 'The form is there.', todo: '' }];
  if (form.legacy) {
    lines.push({
      check: c.formOpen,
      status: form.accepting ? 'OK' : 'Problem',
      found:
        'This is a form made before Google Forms had publishing (a legacy form): it is open by its own settings' +
        (form.accepting ? ' and is taking reports.' : ', but it is not taking reports.'),
      todo: form.accepting
        ? 'Nothing needed. Responder permissions cannot be set on a legacy form; to have them, make a new form (rename the old one, then Set up / repair) and share its link.'
        : SET_UP,
    });
  } else {
    const open = form.published && form.accepting;
    lines.push({
      check: c.formOpen,
      status: open ? 'OK' : 'Problem',
      found: open
        ? 'Published and taking reports.'
        : form.published
          ? 'Published, but not taking reports (someone turned responses off).'
          : 'Not published: staff cannot open it.',
      todo: open ? '' : SET_UP,
    });
  }
  lines.push({
    check: c.responders,
    status: form.requiresLogin ? 'OK' : 'Problem',
    found: form.requiresLogin
      ? form.namedResponders
        ? `Signed-in school accounts; ${form.namedResponders} named responder(s).`
        : 'Anyone with a school account and the link.'
      : 'Anyone with the link, without signing in.',
    todo: form.requiresLogin ? '' : SET_UP,
  });
  const verified = form.emailCollection === 'VERIFIED';
  lines.push({
    check: c.email,
    status: verified ? 'OK' : form.emailCollection === 'unknown' ? 'Not checked' : 'Problem',
    found: verified
      ? "Each reporter's school email is recorded by Google."
      : form.emailCollection === 'unknown'
        ? 'Google does not say how emails are collected on this account.'
        : 'Reporters type their own email (or none is collected): a report could be made in someone else’s name.',
    todo: verified
      ? ''
      : form.emailCollection === 'unknown'
        ? 'Check by hand in the form’s Settings › Responses.'
        : SET_UP,
  });
  return lines;
}

const FILE_CHECK: Record<RecordFile, string> = {
  register: HEALTH_CHECKS.register,
  'staff-allegations': HEALTH_CHECKS.staffFile,
  'lead-allegations': HEALTH_CHECKS.leadFile,
  'headteacher-allegations': HEALTH_CHECKS.headFile,
};

function fileLine(file: RecordFile, facts: RecordFileFacts): HealthLine {
  const check = FILE_CHECK[file];
  switch (facts.kind) {
    case 'found':
      return {
        check,
        status: 'OK',
        found:
          file === 'register' && facts.sheetName !== 'Register'
            ? `The register is the sheet now called "${facts.sheetName}" (found by its mark, not its name).`
            : 'Found where Set up made it.',
        todo: '',
      };
    case 'not set up':
      return { check, status: 'Problem', found: NOT_MADE_YET, todo: SET_UP };
    case 'unopenable':
      return {
        check,
        status: 'Problem',
        found:
          'It cannot be opened: deleted, moved to the bin, or no longer shared with the account that runs the system. Reports that belong in it wait in the form.',
        todo: "Restore it from the runner's Google Drive › Bin, or run Set up / repair to make a new one.",
      };
    case 'unmarked':
      return {
        check,
        status: 'Problem',
        found:
          'The file is not marked as the one Set up made (made by an older version, or not this system’s).',
        todo: SET_UP,
      };
    case 'other':
      return {
        check,
        status: 'Problem',
        found: `The stored file id leads to a file marked as "${facts.role}", not this one. Someone who can edit the script has changed its settings; nothing is written there.`,
        todo: 'Run Set up / repair (it makes or finds the right file), and ask who among the spreadsheet’s editors changed the script’s settings.',
      };
    case 'missing':
      return {
        check,
        status: 'Problem',
        found: 'Its register sheet has been deleted (copies of it are not used). Reports wait in the form.',
        todo: 'Run Set up / repair: it makes a new register sheet and the nightly check puts every report back under its original ID.',
      };
  }
}

function jobsLine(facts: HealthFacts): HealthLine {
  const check = HEALTH_CHECKS.jobs;
  if (facts.jobs === null)
    return {
      check,
      status: 'Not checked',
      found: `Google shows each person only their own scheduled jobs; these run as ${facts.runner || 'the runner'}, not ${facts.checkedBy || 'this account'}.`,
      todo: `${facts.runner || 'The runner'} can check them (they are checked every night).`,
    };
  const { expected, missing, duplicated, staleForm } = facts.jobs;
  if (missing.length === 0 && duplicated.length === 0 && !staleForm)
    return { check, status: 'OK', found: `All ${expected} are installed.`, todo: '' };
  const parts = [
    missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
    duplicated.length > 0 ? `installed twice: ${duplicated.join(', ')}` : '',
    staleForm ? 'the form-submit job listens to an old form' : '',
  ].filter((p) => p !== '');
  return { check, status: 'Problem', found: `Scheduled jobs ${parts.join('; ')}.`, todo: SET_UP };
}

/** A line per check, in a fixed order. */
export function healthLines(facts: HealthFacts): HealthLine[] {
  const c = HEALTH_CHECKS;
  const lines = [...formLines(facts.form)];
  lines.push(fileLine('register', facts.files.register));
  lines.push(fileLine('staff-allegations', facts.files['staff-allegations']));
  lines.push(fileLine('lead-allegations', facts.files['lead-allegations']));
  lines.push(fileLine('headteacher-allegations', facts.files['headteacher-allegations']));
  lines.push(jobsLine(facts));
  lines.push(
    facts.consent.complete
      ? {
          check: c.consent,
          status: 'OK',
          found: 'Every permission the system asks for is granted.',
          todo: '',
        }
      : {
          check: c.consent,
          status: 'Problem',
          found: `${facts.checkedBy || 'This account'} allowed only some of the permissions the system needs, so some jobs fail.`,
          todo: `Choose Online Safety › Set up / repair and tick every box when Google asks${facts.consent.url ? ` (or open ${facts.consent.url})` : ''}.`,
        },
  );
  lines.push(
    facts.sharing === null
      ? {
          check: c.sharing,
          status: 'Not checked',
          found: 'The sharing of the files could not be read.',
          todo: SET_UP,
        }
      : facts.sharing.length === 0
        ? {
            check: c.sharing,
            status: 'OK',
            found: 'Each file is open to exactly the people it should be.',
            todo: '',
          }
        : { check: c.sharing, status: 'Problem', found: facts.sharing.join(' '), todo: SET_UP },
  );
  const { spreadsheet, script } = facts.timeZones;
  lines.push(
    spreadsheet === script
      ? { check: c.timeZone, status: 'OK', found: `Both ${script}.`, todo: '' }
      : {
          check: c.timeZone,
          status: 'Problem',
          found: `The spreadsheet's time zone is ${spreadsheet} but the script's is ${script}: dates typed in the sheet and dates the system writes differ by the gap.`,
          todo: `Set File › Settings › Time zone back to ${script} (or ask whoever deployed the script to change its time zone to match).`,
        },
  );
  lines.push(
    facts.mailQuota === null
      ? { check: c.quota, status: 'Not checked', found: 'Google did not say.', todo: '' }
      : facts.mailQuota < LOW_MAIL_QUOTA
        ? {
            check: c.quota,
            status: 'Problem',
            found: `Only ${facts.mailQuota} email recipient(s) left today: alerts may wait until tomorrow.`,
            todo: 'Waiting alerts are retried every hour. Tell the DSL and deputies in person about anything urgent today.',
          }
        : { check: c.quota, status: 'OK', found: `${facts.mailQuota} recipients left today.`, todo: '' },
  );
  const { now, waitingMs } = facts.alertsPending;
  lines.push(
    now > 0 && waitingMs >= STUCK_ALERT_MS
      ? {
          check: c.alerts,
          status: 'Problem',
          found: `${now} alert(s) have been waiting to be sent for over ${Math.floor(waitingMs / 3_600_000)} hours.`,
          todo: 'Look at the Alert status and Alert log columns: a full mail quota or a wrong address in Settings.',
        }
      : {
          check: c.alerts,
          status: 'OK',
          found: now > 0 ? `${now} alert(s) waiting; retried every hour.` : 'None waiting.',
          todo: '',
        },
  );
  if (facts.platform) lines.push(selfTestHealthLine(facts.platform));
  return lines;
}

/**
 * The checks whose failure stops reports being recorded or alerts being sent: these are emailed. The others
 * (sharing, time zones, quota, responders, email collection) are on the Health sheet and in the menu's
 * answer; sharing problems are also told by Set up itself.
 */
export const EMAILED_CHECKS: readonly string[] = [
  HEALTH_CHECKS.form,
  HEALTH_CHECKS.formOpen,
  HEALTH_CHECKS.register,
  HEALTH_CHECKS.staffFile,
  HEALTH_CHECKS.headFile,
  HEALTH_CHECKS.jobs,
  HEALTH_CHECKS.consent,
  HEALTH_CHECKS.alerts,
];

/**
 * The email rule: the DSL is emailed when an emailed check is a problem now and was not at the previous
 * check (it turned bad). A problem that stays is not emailed again each time; one that clears and comes back
 * is.
 */
export function turnedBad(previousProblems: readonly string[], lines: readonly HealthLine[]): string[] {
  return lines
    .filter(
      (l) =>
        l.status === 'Problem' &&
        EMAILED_CHECKS.includes(l.check) &&
        l.found !== NOT_MADE_YET &&
        !previousProblems.includes(l.check),
    )
    .map((l) => l.check);
}

export function problemChecks(lines: readonly HealthLine[]): string[] {
  return lines.filter((l) => l.status === 'Problem').map((l) => l.check);
}

/** The content-free email: which checks turned bad and where to look — never a report's content. */
export function healthEmail(
  school: string,
  checks: readonly string[],
  link: string,
): { subject: string; body: string } {
  return {
    subject: `${school}: Online Safety health check — ${checks.length} problem(s)`,
    body: [
      `The Online Safety health check found ${checks.length === 1 ? 'a problem' : 'problems'}:`,
      ...checks.map((c) => `• ${c}`),
      '',
      `What to do is on the Health sheet: ${link}`,
      'You will not be emailed again about these until they are fixed and go wrong again.',
    ].join('\n'),
  };
}

export const HEALTH_HEADER = ['Check', 'Status', 'What was found', 'What to do', 'Checked at'];

export function healthRows(lines: readonly HealthLine[], checkedAt: Date): Array<Array<string | Date>> {
  return lines.map((l) => [l.check, l.status, l.found, l.todo, checkedAt]);
}
