/**
 * The restricted spreadsheets for allegations about adults, shared with exactly the people routing
 * says may read them. The person running Set up owns them (Drive gives a script no other choice), so
 * when that person may not read a file, the file is not made and the caller reports why.
 */
import { overdueRuleOf } from '../domain/settings';
import { removedFromFileProblem, shareRefusedProblem, type Holder } from '../domain/access';
import { recordReaders, sameMailbox, type RecordFile } from '../domain/routing';
import type { Settings } from '../domain/types';
import { saveRestrictedFileId } from './config';
import { ensureRecordSheet, isOtherRecordFile } from './record-sheets';
import { ensureLogSheets } from './log-sheets';
import { SheetBatch } from './sheet-batch';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RestrictedFileResult {
  id: string;
  problems: string[];
  /** Addresses the platform refused to share with (already in `problems`). */
  refused: string[];
}

const TITLES: Record<Exclude<RecordFile, 'register'>, string> = {
  'staff-allegations': 'Staff allegations (restricted)',
  'lead-allegations': 'DSL and deputy allegations (restricted)',
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

/** What shareExactly did: who it took off the file, and whom the platform refused to add. */
export interface SharingOutcome {
  removed: Holder[];
  refused: Array<{ email: string; reason: string }>;
}

function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
}

/**
 * Makes the sharing of `ss` exactly: the owner plus `readers` as editors, nobody else, never `forbidden`.
 * Each address is added on its own, so one the admin's policy refuses (an outside address) is reported
 * and the others are still shared.
 */
export function shareExactly(ss: Spreadsheet, readers: string[], forbidden: string[]): SharingOutcome {
  const outcome: SharingOutcome = { removed: [], refused: [] };
  const allowed = readers.filter((r) => !forbidden.some((f) => sameMailbox(f, r)));
  const editors = ss.getEditors().map((u) => u.getEmail());
  const owner = ss.getOwner()?.getEmail() ?? '';
  for (const email of editors) {
    if (email === owner) continue;
    if (!allowed.some((a) => sameMailbox(a, email))) {
      ss.removeEditor(email);
      outcome.removed.push({ email, role: 'editor' });
    }
  }
  for (const viewer of ss.getViewers()) {
    const email = viewer.getEmail();
    if (email !== owner && !allowed.some((a) => sameMailbox(a, email))) {
      ss.removeViewer(email);
      outcome.removed.push({ email, role: 'viewer' });
    }
  }
  const missing = allowed.filter((a) => !editors.some((e) => sameMailbox(e, a)) && !sameMailbox(a, owner));
  for (const email of missing) {
    try {
      ss.addEditor(email);
    } catch (err) {
      outcome.refused.push({ email, reason: messageOf(err) });
    }
  }
  return outcome;
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

/**
 * Creates or repairs one restricted file. `runBy` is the account running Set up (the files' owner). A new
 * file's id is saved in the script properties as soon as the file exists, so whatever happens next (a
 * share refused, a timeout) the next Set up finds it instead of making another. A share the platform
 * refuses is reported with what to do, and the rest of Set up carries on.
 */
export function ensureRestrictedFile(
  file: Exclude<RecordFile, 'register'>,
  existingId: string,
  settings: Settings,
  runBy: string,
  schoolName: string,
): RestrictedFileResult {
  const { readers, forbidden } = recordReaders(file, settings);
  const isForbidden = (email: string): boolean => forbidden.some((f) => sameMailbox(f, email));
  // The file for concerns about the leads is kept from every lead but the one who runs the system, who owns
  // it (the platform gives the owner every file: the form says so before any detail is typed).
  const ownerMayBeForbidden = file === 'lead-allegations';
  if (!ownerMayBeForbidden && isForbidden(runBy))
    return { id: '', problems: [HEADTEACHER_RAN_SET_UP], refused: [] };
  const problems: string[] = [];
  const title = `${schoolName} — ${TITLES[file]}`;
  let ss = openOrNull(existingId);
  // A stored id that leads to a file marked as another record file (the register, re-pointed in the script's
  // properties) is never adopted: a new file is made, and the health check reports the change.
  if (ss && isOtherRecordFile(ss, file, existingId)) {
    problems.push(
      `The stored id of the ${TITLES[file]} file led to a different file of this system (someone who can edit the ` +
        'script changed it), so a new file has been made. Check Online Safety › Health check.',
    );
    ss = null;
  }
  if (ss && !ownerMayBeForbidden && isForbidden(ownerOf(ss))) {
    // Sharing cannot take a file from its owner: the records must move to a file the Headteacher does not own.
    problems.push(
      `The ${TITLES[file]} file Set up made before belongs to the Headteacher's account (the Headteacher was changed in Settings since), ` +
        'so a new one has been made. Ask its owner to move any records from the old file into the new one and then delete the old file.',
    );
    ss = null;
  }
  if (!ss) {
    ss = SpreadsheetApp.create(title);
    saveRestrictedFileId(file, ss.getId());
  }
  if (ss.getName() !== title) ss.rename(title);
  // The register's and logs' formats, dropdowns, colours and protections: one Sheets API call for the file.
  const batch = new SheetBatch(ss.getId());
  const record = ensureRecordSheet(ss, file, overdueRuleOf(settings), runBy, batch);
  ensureLogSheets(ss, record.sheet, ss.getSpreadsheetTimeZone(), runBy, batch);
  batch.send();
  const firstSheet = ss.getSheetByName('Sheet1');
  if (firstSheet && firstSheet.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(firstSheet);
  // The runner writes every record, so keeps (or, after a hand-over, is given) access to the leads' file too.
  const sharing = ownerMayBeForbidden
    ? shareExactly(
        ss,
        [...readers, runBy],
        forbidden.filter((f) => !sameMailbox(f, runBy)),
      )
    : shareExactly(ss, readers, forbidden);
  for (const holder of sharing.removed) problems.push(removedFromFileProblem(file, holder, settings));
  const schoolDomain = runBy.slice(runBy.lastIndexOf('@') + 1);
  for (const { email, reason } of sharing.refused)
    problems.push(shareRefusedProblem(file, email, reason, schoolDomain, settings));
  return { id: ss.getId(), problems, refused: sharing.refused.map((r) => r.email) };
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
