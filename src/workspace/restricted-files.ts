/**
 * The restricted spreadsheets for allegations about adults, shared with exactly the people routing
 * says may read them. The person running Set up owns them (Drive gives a script no other choice), so
 * when that person may not read a file, the file is not made and the caller reports why.
 */
import { recordReaders, sameMailbox, type RecordFile } from '../domain/routing';
import type { Settings } from '../domain/types';
import { ensureRegisterSheet, REGISTER_SHEET } from './register-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RestrictedFileResult {
  id: string;
  problems: string[];
}

const TITLES: Record<Exclude<RecordFile, 'register'>, string> = {
  'staff-allegations': 'Staff allegations (restricted)',
  'headteacher-allegations': 'Headteacher allegations (restricted)',
};

function openOrNull(id: string): Spreadsheet | null {
  if (!id) return null;
  try {
    return SpreadsheetApp.openById(id);
  } catch {
    return null;
  }
}

/** Makes the sharing of `ss` exactly: the owner plus `readers` as editors, nobody else, never `forbidden`. */
export function shareExactly(ss: Spreadsheet, readers: string[], forbidden: string[]): void {
  const allowed = readers.filter((r) => !forbidden.some((f) => sameMailbox(f, r)));
  const editors = ss.getEditors().map((u) => u.getEmail());
  const owner = ss.getOwner()?.getEmail() ?? '';
  for (const email of editors) {
    if (email === owner) continue;
    if (!allowed.some((a) => sameMailbox(a, email))) ss.removeEditor(email);
  }
  for (const viewer of ss.getViewers()) {
    const email = viewer.getEmail();
    if (email !== owner && !allowed.some((a) => sameMailbox(a, email))) ss.removeViewer(email);
  }
  const missing = allowed.filter((a) => !editors.some((e) => sameMailbox(e, a)) && !sameMailbox(a, owner));
  if (missing.length > 0) ss.addEditors(missing);
}

/**
 * Plain words for Set up when the Headteacher's own account ran it: everything Set up makes belongs to
 * whoever runs it, so nothing can be kept from that account.
 */
export const HEADTEACHER_RAN_SET_UP =
  "Set up was run by the Headteacher's own account, so this spreadsheet, its report form and its triggers " +
  'belong to the Headteacher, and a concern about the Headteacher cannot be kept from them. Such a report is ' +
  'not written to any spreadsheet; the Chair of Governors is still emailed, but the email goes out from the ' +
  "Headteacher's mailbox and the Headteacher can read the report in the form. To fix this, someone who is not " +
  'the Headteacher (a deputy DSL or the school business manager) should own this spreadsheet and run ' +
  'Online Safety › Set up / repair.';

function ownerOf(ss: Spreadsheet): string {
  return ss.getOwner()?.getEmail() ?? '';
}

/** Creates or repairs one restricted file. `runBy` is the account running Set up (the files' owner). */
export function ensureRestrictedFile(
  file: Exclude<RecordFile, 'register'>,
  existingId: string,
  settings: Settings,
  runBy: string,
  schoolName: string,
): RestrictedFileResult {
  const { readers, forbidden } = recordReaders(file, settings);
  const isForbidden = (email: string): boolean => forbidden.some((f) => sameMailbox(f, email));
  if (isForbidden(runBy)) return { id: '', problems: [HEADTEACHER_RAN_SET_UP] };
  const problems: string[] = [];
  const title = `${schoolName} — ${TITLES[file]}`;
  let ss = openOrNull(existingId);
  if (ss && isForbidden(ownerOf(ss))) {
    // Sharing cannot take a file from its owner: the records must move to a file the Headteacher does not own.
    problems.push(
      `The ${TITLES[file]} file Set up made before belongs to the Headteacher's account (the Headteacher was changed in Settings since), ` +
        'so a new one has been made. Ask its owner to move any records from the old file into the new one and then delete the old file.',
    );
    ss = null;
  }
  ss ??= SpreadsheetApp.create(title);
  if (ss.getName() !== title) ss.rename(title);
  ensureRegisterSheet(ss, REGISTER_SHEET, settings.overdueDays);
  const firstSheet = ss.getSheetByName('Sheet1');
  if (firstSheet && firstSheet.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(firstSheet);
  shareExactly(ss, readers, forbidden);
  return { id: ss.getId(), problems };
}

/**
 * Form editors can read every response, allegations about the Headteacher included: take the
 * Headteacher off the form's editors. Returns a problem to report when that was needed, or when the
 * Headteacher owns the form (an owner cannot be removed).
 */
export function keepHeadteacherOffForm(form: GoogleAppsScript.Forms.Form, settings: Settings): string[] {
  const { forbidden } = recordReaders('headteacher-allegations', settings);
  if (forbidden.length === 0) return [];
  const isHeadteacher = (email: string): boolean => forbidden.some((f) => sameMailbox(f, email));
  const found = form
    .getEditors()
    .map((editor) => editor.getEmail())
    .filter(isHeadteacher);
  if (found.length === 0) return [];
  for (const email of found) {
    try {
      form.removeEditor(email);
    } catch {
      // The owner cannot be removed; the check below reports it.
    }
  }
  const stillEditor = form.getEditors().some((editor) => isHeadteacher(editor.getEmail()));
  return stillEditor
    ? [
        "The Headteacher's account owns the report form, so the Headteacher can read every report in it, " +
          'including concerns about the Headteacher.',
      ]
    : ['The Headteacher was an editor of the form (editors can read every report) and has been removed.'];
}
