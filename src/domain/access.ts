/**
 * Who can open each of the system's files, checked against Settings, in plain words. Why it is its own
 * module: allegation secrecy rests on Drive sharing, which anyone with edit access can change at any time,
 * so it is checked (by Set up and by the health check), never assumed. Pure rules: the workspace adapter
 * reads what Apps Script can see — each spreadsheet's owner, editors and viewers, the form's editors —
 * and this says what is wrong and what to do.
 *
 * What cannot be seen is said, not guessed: link sharing ("General access") needs a Drive scope this
 * script does not ask for, and the members of a Google Group need the Admin SDK.
 */
import { RECORD_FILE_TITLES, recordReaders, sameMailbox, mailboxKey, type RecordFile } from './routing';
import type { Settings } from './types';

/** The files whose readers matter: the three record files and the form (its editors read every report). */
export type CheckedFile = RecordFile | 'form';

/** Commenters are reported with viewers: Apps Script's getViewers lists both. */
export type AccessRole = 'owner' | 'editor' | 'viewer';

export interface Holder {
  email: string;
  role: AccessRole;
}

/** What Apps Script could see about one file. */
export interface FileAccess {
  file: CheckedFile;
  /** Everyone listed on the file (people and group addresses alike); null when it could not be read. */
  holders: Holder[] | null;
  /** Why the list could not be read (the file is gone, or the runner is not its editor). */
  unreadable?: string;
}

export interface AccessCheckOptions {
  /** The account the system runs as: it can read everything by design, and is not reported. */
  runner: string;
  /** Addresses already reported as refused by the admin's sharing policy: not reported again as missing. */
  alreadyReported?: string[];
}

const FILE_NAMES: Readonly<Record<CheckedFile, string>> = {
  register: 'register (this spreadsheet)',
  'staff-allegations': `${RECORD_FILE_TITLES['staff-allegations']} file`,
  'lead-allegations': `${RECORD_FILE_TITLES['lead-allegations']} file`,
  'headteacher-allegations': `${RECORD_FILE_TITLES['headteacher-allegations']} file`,
  form: 'report form',
};

/** The plain name of a checked file, as the problems use it ("the register (this spreadsheet)"). */
export function fileName(file: CheckedFile): string {
  return FILE_NAMES[file];
}

/**
 * Said wherever the sharing is checked: what Apps Script cannot see. Link sharing of a spreadsheet or
 * form is only readable through DriveApp (File.getSharingAccess), which needs a Drive scope this script
 * does not request; a group's members only through the Admin SDK.
 */
export const SHARING_NOT_CHECKED =
  'Set up cannot see link sharing ("General access" in the Share dialog): reading it would need access to ' +
  'your whole Google Drive, which this script does not ask for. Open File › Share on this spreadsheet and on ' +
  'the two allegation files and check that General access says "Restricted". Nor can it see who is in a ' +
  'Google Group: share these files with people, not groups.';

/**
 * Said in the README and the form: who can read every report whatever Settings say. Kept here so the
 * words are the same everywhere.
 */
export const PLATFORM_CANNOT_KEEP_FROM =
  'the person who runs the system (the DSL), anyone who can edit this spreadsheet (and so its script), and ' +
  "the school's Google Workspace super-administrators";

const GROUP_NOTE =
  'If that address is a Google Group, Apps Script cannot list its members (that needs the Admin SDK), so ' +
  'nobody can tell whether the Headteacher is in it: share these files with people, not groups.';

function roleWords(role: AccessRole): string {
  switch (role) {
    case 'owner':
      return '(they own it)';
    case 'editor':
      return 'as an editor';
    case 'viewer':
      return 'as a viewer or commenter';
  }
}

/** What Settings call an address, for the messages: "the Chair of Governors", "a deputy DSL"… */
export function settingsRoleOf(email: string, settings: Settings): string {
  const roles: string[] = [];
  if (sameMailbox(email, settings.headteacherEmail)) roles.push('the Headteacher');
  if (sameMailbox(email, settings.dslEmail)) roles.push('the DSL');
  if ((settings.deputyDslEmails ?? []).some((d) => sameMailbox(email, d))) roles.push('a deputy DSL');
  if (sameMailbox(email, settings.chairOfGovernorsEmail)) roles.push('the Chair of Governors');
  return roles.join(' and ');
}

function who(email: string, settings: Settings): string {
  const role = settingsRoleOf(email, settings);
  return role ? `${email} (${role})` : email;
}

/** Who may open a file: its readers, by routing. The form's editors read every report, so: leads only. */
function allowedOn(file: CheckedFile, settings: Settings): { readers: string[]; forbidden: string[] } {
  if (file !== 'form') {
    const { readers, forbidden } = recordReaders(file, settings);
    // The register holds no allegation, yet the Headteacher must never open it (the people table).
    const head = settings.headteacherEmail.trim();
    if (file === 'register' && head !== '' && !readers.some((r) => sameMailbox(r, head)))
      return { readers, forbidden: [head] };
    return { readers, forbidden };
  }
  const { forbidden } = recordReaders('headteacher-allegations', settings);
  const leads = recordReaders('register', settings).readers;
  return { readers: leads.filter((l) => !forbidden.some((f) => sameMailbox(f, l))), forbidden };
}

function isListed(email: string, list: readonly string[]): boolean {
  return list.some((x) => sameMailbox(x, email));
}

/**
 * Everything wrong with who can open the files, in plain words: who, which file, what to do. Empty when
 * what Apps Script can see matches Settings. The Headteacher on the register, the Headteacher-allegations
 * file or the form's editors; anyone Settings do not name on a record file or the form; a reader of an
 * allegation file who cannot open it; a file whose sharing could not be read.
 */
export function accessProblems(
  files: readonly FileAccess[],
  settings: Settings,
  options: AccessCheckOptions,
): string[] {
  const problems: string[] = [];
  const skip = options.alreadyReported ?? [];
  for (const { file, holders, unreadable } of files) {
    const name = fileName(file);
    if (holders === null) {
      problems.push(
        `Set up could not read who can open the ${name}${unreadable ? ` (${unreadable})` : ''}. Only an editor ` +
          'of a file can list who has it: open it yourself and check File › Share.',
      );
      continue;
    }
    const { readers, forbidden } = allowedOn(file, settings);
    const seen = new Set<string>();
    for (const holder of holders) {
      const key = mailboxKey(holder.email);
      if (seen.has(key)) continue;
      seen.add(key);
      if (isListed(holder.email, forbidden)) {
        if (file === 'lead-allegations') {
          // Its owner runs the system: the platform cannot keep the file from them (the form says so).
          if (holder.role !== 'owner' && !sameMailbox(holder.email, options.runner))
            problems.push(leadProblem(holder, settings));
          continue;
        }
        problems.push(headteacherProblem(file, holder, settings));
        continue;
      }
      if (holder.role === 'owner' || sameMailbox(holder.email, options.runner)) continue;
      if (isListed(holder.email, readers)) continue;
      problems.push(strangerProblem(file, holder, settings));
    }
    if (file !== 'register' && file !== 'form') {
      for (const reader of readers) {
        if (holders.some((h) => sameMailbox(h.email, reader)) || isListed(reader, skip)) continue;
        if (sameMailbox(reader, options.runner)) continue;
        problems.push(
          `${who(reader, settings)} should be able to open the ${name} but cannot yet. Run Online Safety › ` +
            'Set up / repair, which shares it with exactly the people Settings name.',
        );
      }
    }
  }
  return problems;
}

function leadProblem(holder: Holder, settings: Settings): string {
  return (
    `${who(holder.email, settings)} can open the ${fileName('lead-allegations')} ${roleWords(holder.role)}. ` +
    'It holds concerns about the DSL and deputy DSLs, so no safeguarding lead may open it (a concern about "a ' +
    `deputy DSL" does not say which one). Remove ${holder.email} in that file’s File › Share, then run Set up / repair again.`
  );
}

function headteacherProblem(file: CheckedFile, holder: Holder, settings: Settings): string {
  const person = who(holder.email, settings);
  const how = roleWords(holder.role);
  if (file === 'form') {
    return (
      `${person} ${holder.role === 'owner' ? 'owns' : 'is an editor of'} the report form, so the Headteacher can ` +
      'read every report in it, concerns about the Headteacher included. ' +
      (holder.role === 'owner'
        ? 'Someone who is not the Headteacher must own the form: ask the DSL to run Set up / repair from their own account.'
        : 'Remove them in the form’s Share dialog (⋮ › Add collaborators).')
    );
  }
  const why =
    file === 'register'
      ? 'The Headteacher must never open the register: it would show when a concern about them was raised'
      : 'The Headteacher must never open the file that holds concerns about the Headteacher';
  const fix =
    holder.role === 'owner'
      ? 'A file cannot be taken from its owner: someone who is not the Headteacher must own this spreadsheet and run Online Safety › Set up / repair.'
      : `Remove ${holder.email} in File › Share${file === 'register' ? ' (this spreadsheet)' : ''}, then run Set up / repair again.`;
  return `${person} can open the ${fileName(file)} ${how}. ${why}. ${fix}`;
}

function strangerProblem(file: CheckedFile, holder: Holder, settings: Settings): string {
  const role = settingsRoleOf(holder.email, settings);
  const named = role ? ` (${role} in Settings, but not someone who may open this file)` : '';
  const what =
    file === 'form'
      ? `${holder.email}${named} is an editor of the report form, so they can read every report, allegations ` +
        'about staff and about the Headteacher included. Remove them in the form’s Share dialog unless they ' +
        'are the DSL or a deputy DSL (then name them in Settings).'
      : file === 'register'
        ? `${holder.email}${named} can open the ${fileName(file)} ${roleWords(holder.role)}, but is not the DSL ` +
          'or a deputy DSL in Settings. Remove them in File › Share, or name them in Settings as a deputy DSL if they should work the register.'
        : `${holder.email}${named} can open the ${fileName(file)} ${roleWords(holder.role)}, but Settings do ` +
          'not name them as someone who may. Remove them in that file’s File › Share, or correct Settings and run Set up / repair.';
  return `${what} ${GROUP_NOTE}`;
}

/**
 * A share the platform refused (the admin's policy on sharing outside the school): what the admin must
 * change, or the school address to use instead, and that the next Set up finishes the job.
 */
export function shareRefusedProblem(
  file: Exclude<RecordFile, 'register'>,
  email: string,
  reason: string,
  schoolDomain: string,
  settings: Settings,
): string {
  const at = email.lastIndexOf('@');
  const theirDomain = at >= 0 ? email.slice(at + 1).toLowerCase() : '';
  const outside = schoolDomain !== '' && theirDomain !== '' && theirDomain !== schoolDomain.toLowerCase();
  const role = settingsRoleOf(email, settings) || 'this person';
  const advice = outside
    ? `The school's Google admin has turned off sharing outside ${schoolDomain}. Either ask the admin to allow ` +
      `sharing with ${theirDomain} (Admin console › Apps › Google Workspace › Drive and Docs › Sharing settings, ` +
      `for example as a trusted domain), or give ${role} an address at ${schoolDomain} and put it in Settings.`
    : "Ask the school's Google admin whether sharing of this file is restricted.";
  return (
    `The ${fileName(file)} could not be shared with ${who(email, settings)}: Google said “${reason.trim().replace(/\.$/, '')}”. ${advice} ` +
    'Then run Online Safety › Set up / repair again: it finishes the sharing without making new files. ' +
    'Until then they cannot open the file, though alerts still reach them by email.'
  );
}

/**
 * Someone Set up took off an allegation file (shared in by hand, or no longer named in Settings): they may
 * already have read it, so the DSL is told.
 */
export function removedFromFileProblem(
  file: Exclude<RecordFile, 'register'>,
  holder: Holder,
  settings: Settings,
): string {
  return (
    `${who(holder.email, settings)} could open the ${fileName(file)} ${roleWords(holder.role)} without Settings ` +
    'naming them for it, so Set up has removed them. They may already have read it (if the address is a Google ' +
    'Group, so may everyone in it): consider whether that needs action. If they should read it, name them in ' +
    'Settings and run Set up / repair again.'
  );
}
