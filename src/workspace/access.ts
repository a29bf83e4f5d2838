/**
 * Reads who can open each of the system's files, as far as Apps Script can see without a Drive scope, and
 * hands it to the domain's rules (src/domain/access.ts). Why an adapter of its own: Set up and the health
 * check both ask "can the Headteacher (or anyone Settings do not name) open a file they must not?", and
 * must ask it the same way.
 *
 * What it reads: Spreadsheet.getOwner/getEditors/getViewers (viewers include commenters) and
 * Form.getEditors. Link sharing is not among them — the Spreadsheet and Form classes have no method for
 * it; DriveApp's File.getSharingAccess would need a Drive scope — and a group's members would need the
 * Admin SDK: both are said in plain words (SHARING_NOT_CHECKED), not guessed.
 */
import {
  accessProblems as problemsOf,
  type AccessRole,
  type CheckedFile,
  type FileAccess,
  type Holder,
} from '../domain/access';
import { RESTRICTED_FILES } from '../domain/routing';
import type { Settings } from '../domain/types';
import { restrictedFileId, type DeploymentConfig } from './config';

type CheckedIds = Pick<
  DeploymentConfig,
  'formId' | 'staffAllegationsId' | 'leadAllegationsId' | 'headteacherAllegationsId'
>;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
}

function add(holders: Holder[], email: string, role: AccessRole): void {
  if (email.trim() === '') return;
  if (holders.some((h) => h.email.toLowerCase() === email.toLowerCase())) return;
  holders.push({ email, role });
}

/** Who a spreadsheet lists: its owner, editors, viewers and commenters (four calls, plus one per person). */
export function spreadsheetAccess(file: CheckedFile, ss: Spreadsheet): FileAccess {
  try {
    const holders: Holder[] = [];
    add(holders, ss.getOwner()?.getEmail() ?? '', 'owner');
    for (const user of ss.getEditors()) add(holders, user.getEmail(), 'editor');
    for (const user of ss.getViewers()) add(holders, user.getEmail(), 'viewer');
    return { file, holders };
  } catch (err) {
    return { file, holders: null, unreadable: messageOf(err) };
  }
}

/** Who can edit the form (and so read every response). Forms has no list of viewers to read. */
export function formAccess(form: GoogleAppsScript.Forms.Form): FileAccess {
  try {
    const holders: Holder[] = [];
    for (const user of form.getEditors()) add(holders, user.getEmail(), 'editor');
    return { file: 'form', holders };
  } catch (err) {
    return { file: 'form', holders: null, unreadable: messageOf(err) };
  }
}

function openSpreadsheet(file: CheckedFile, id: string): FileAccess | null {
  if (!id) return null; // Not made yet: Set up says so on its own.
  let ss: Spreadsheet;
  try {
    ss = SpreadsheetApp.openById(id);
  } catch (err) {
    return { file, holders: null, unreadable: `it could not be opened: ${messageOf(err)}` };
  }
  return spreadsheetAccess(file, ss);
}

/** What Apps Script can see of every file's sharing: the register, both allegation files, the form. */
export function readAccess(register: Spreadsheet, config: CheckedIds): FileAccess[] {
  const files: FileAccess[] = [spreadsheetAccess('register', register)];
  for (const file of RESTRICTED_FILES) {
    const access = openSpreadsheet(file, restrictedFileId(config, file));
    if (access) files.push(access);
  }
  if (config.formId) {
    try {
      files.push(formAccess(FormApp.openById(config.formId)));
    } catch (err) {
      files.push({ file: 'form', holders: null, unreadable: `it could not be opened: ${messageOf(err)}` });
    }
  }
  return files;
}

/**
 * For Set up and the health check: every problem with who can open the register, the allegation files and
 * the form, in plain words (empty when what can be seen matches Settings). Runs as whoever calls it; the
 * runner is never reported (the platform lets them read everything). Pair it with SHARING_NOT_CHECKED
 * wherever it is shown: link sharing and groups' members cannot be seen.
 */
export function accessProblems(
  register: Spreadsheet,
  config: CheckedIds,
  settings: Settings,
  alreadyReported: string[] = [],
): string[] {
  const runner = Session.getEffectiveUser().getEmail();
  return problemsOf(readAccess(register, config), settings, { runner, alreadyReported });
}
