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

/** Creates or repairs one restricted file. `runBy` is the account running Set up (the files' owner). */
export function ensureRestrictedFile(
  file: Exclude<RecordFile, 'register'>,
  existingId: string,
  settings: Settings,
  runBy: string,
  schoolName: string,
): RestrictedFileResult {
  const { readers, forbidden } = recordReaders(file, settings);
  if (forbidden.some((f) => sameMailbox(f, runBy))) {
    return {
      id: '',
      problems: [
        `Set up was run by the Headteacher's account, which would own the ${TITLES[file]} file. ` +
          'Ask the DSL (or another account that is not the Headteacher) to own the spreadsheet and run Set up; ' +
          'until then such reports are emailed to the Chair of Governors and kept only in the form.',
      ],
    };
  }
  const ss = openOrNull(existingId) ?? SpreadsheetApp.create(`${schoolName} — ${TITLES[file]}`);
  ensureRegisterSheet(ss, REGISTER_SHEET, settings.overdueDays);
  const firstSheet = ss.getSheetByName('Sheet1');
  if (firstSheet && firstSheet.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(firstSheet);
  shareExactly(ss, readers, forbidden);
  return { id: ss.getId(), problems: [] };
}

/**
 * Form editors can read every response, allegations about the Headteacher included: take the
 * Headteacher off the form's editors. Returns a problem to report when that was needed.
 */
export function keepHeadteacherOffForm(form: GoogleAppsScript.Forms.Form, settings: Settings): string[] {
  const { forbidden } = recordReaders('headteacher-allegations', settings);
  const removed: string[] = [];
  for (const editor of form.getEditors()) {
    const email = editor.getEmail();
    if (forbidden.some((f) => sameMailbox(f, email))) {
      form.removeEditor(email);
      removed.push(email);
    }
  }
  return removed.length > 0
    ? ['The Headteacher was an editor of the form (editors can read every report) and has been removed.']
    : [];
}
