/**
 * Finding the register (in the container and in each restricted file) by the developer metadata Set up put
 * on it, never by its name: a DSL who renames the sheet ("Register 2025-26") still has a working register,
 * and a copy of it made by hand is never written to or read as the register.
 *
 * The mark is one metadata entry on the register sheet (PROJECT visibility: other scripts do not see it),
 * whose value names the file's role, the file's id and the sheet's id: {"role":…,"file":…,"sheet":…}. A
 * duplicated sheet carries a copy of the mark that still names the original sheet, so it is never taken for
 * the register; a copy of a whole file names the original file, so it is refused; and a file whose mark
 * names another role (the script property of the staff-allegations file re-pointed at the register by
 * someone who can edit the script) is refused before anything is written into it.
 *
 * This is a check, not a lock: anyone who can edit the script can also write a mark. It stops a changed
 * setting from silently sending allegations where the wrong people read them, and the health check says so.
 */
import type { OverdueRule } from '../domain/school-calendar';
import type { RecordFile } from '../domain/routing';
import { ensureRegisterSheet, REGISTER_SHEET } from './register-sheet';
import type { SheetBatch } from './sheet-batch';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const RECORD_SHEET_KEY = 'onlineSafety.recordSheet';

interface Mark {
  role: string;
  file: string;
  sheet: number;
}

function parseMark(value: string | null): Mark | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<Mark>;
    if (
      typeof parsed.role !== 'string' ||
      typeof parsed.file !== 'string' ||
      typeof parsed.sheet !== 'number'
    )
      return null;
    return { role: parsed.role, file: parsed.file, sheet: parsed.sheet };
  } catch {
    return null;
  }
}

/** What looking for a file's register found. */
export type RecordSheetLookup =
  | { kind: 'found'; sheet: Sheet }
  /** No mark at all: a file Set up has not marked (made before marks existed, or not ours). */
  | { kind: 'unmarked' }
  /** Marked, but as another file's register (another role, or another file's id): never written to. */
  | { kind: 'other'; role: string }
  /** Marked as this file's register, but that sheet is gone (deleted; only copies remain). */
  | { kind: 'missing' };

/**
 * Looks the register up by its mark: five calls when the file is as Set up left it (finder, key, find,
 * the mark's value, the sheet by id), whatever the register's size. `fileId` is the id the file was opened
 * by ('' for the container, which cannot be re-pointed).
 */
export function lookUpRecordSheet(ss: Spreadsheet, role: RecordFile, fileId: string): RecordSheetLookup {
  const marks = ss.createDeveloperMetadataFinder().withKey(RECORD_SHEET_KEY).find();
  if (marks.length === 0) return { kind: 'unmarked' };
  let other: string | null = null;
  for (const md of marks) {
    const mark = parseMark(md.getValue());
    if (!mark) continue;
    if (mark.role !== role || (fileId !== '' && mark.file !== fileId)) {
      other ??= mark.role === role ? `${role} (a copy of another file)` : mark.role;
      continue;
    }
    const sheet = ss.getSheetById(mark.sheet);
    if (sheet) return { kind: 'found', sheet };
  }
  return other !== null ? { kind: 'other', role: other } : { kind: 'missing' };
}

/**
 * The register sheet to write to, or null. The container's unmarked register (a deployment Set up has not
 * repaired since marks were introduced) is still found by its name; a restricted file must carry its mark.
 */
export function findRecordSheet(ss: Spreadsheet, role: RecordFile, fileId: string): Sheet | null {
  const found = lookUpRecordSheet(ss, role, fileId);
  if (found.kind === 'found') return found.sheet;
  if (found.kind === 'other') {
    // Content-free: which file was expected, and what the file it was given says it is.
    console.warn(`Refused to write the ${role} record into a file marked as "${found.role}".`);
    return null;
  }
  if (found.kind === 'unmarked' && role === 'register' && fileId === '')
    return ss.getSheetByName(REGISTER_SHEET);
  return null;
}

/**
 * Whether an edited sheet is a record file's register: it carries the mark, and the mark names this very
 * sheet (a duplicate carries a copy naming the original). Cheap for the edit trigger: the sheet's own
 * metadata, not a search of the file — two calls for a sheet with none, five for the register.
 */
export function isMarkedRecordSheet(
  sheet: Sheet,
  role: RecordFile,
  marks: GoogleAppsScript.Spreadsheet.DeveloperMetadata[] = sheet.getDeveloperMetadata(),
): boolean {
  if (marks.length === 0) return false;
  const id = sheet.getSheetId();
  return marks.some((md) => {
    if (md.getKey() !== RECORD_SHEET_KEY) return false;
    const mark = parseMark(md.getValue());
    return mark !== null && mark.role === role && mark.sheet === id;
  });
}

/** Whether the file is marked as some other record file than `role` (Set up must not adopt it). */
export function isOtherRecordFile(ss: Spreadsheet, role: RecordFile, fileId: string): boolean {
  return lookUpRecordSheet(ss, role, fileId).kind === 'other';
}

function freeName(ss: Spreadsheet): string {
  if (!ss.getSheetByName(REGISTER_SHEET)) return REGISTER_SHEET;
  for (let n = 2; ; n += 1) {
    const name = `${REGISTER_SHEET} (${n})`;
    if (!ss.getSheetByName(name)) return name;
  }
}

/**
 * Set up's way to the register of a file: the marked sheet, whatever its name; else (first Set up since
 * marks) the unmarked sheet named "Register"; else a new sheet. It is formatted and protected as before
 * (ensureRegisterSheet) and marked when it was not.
 */
export function ensureRecordSheet(
  ss: Spreadsheet,
  role: RecordFile,
  overdue: OverdueRule,
  /** The runner's address, when the caller has it (saves two calls). */
  me?: string,
  /** The file's batch of Sheets API requests (sheet-batch.ts); without one, the sheet's own is sent. */
  batch?: SheetBatch,
): { sheet: Sheet; created: boolean } {
  const fileId = ss.getId();
  const found = lookUpRecordSheet(ss, role, fileId);
  let name: string;
  if (found.kind === 'found') name = found.sheet.getName();
  else {
    const byName = ss.getSheetByName(REGISTER_SHEET);
    const unmarked = byName !== null && byName.getDeveloperMetadata().length === 0;
    name = byName !== null && (unmarked || found.kind === 'unmarked') ? REGISTER_SHEET : freeName(ss);
  }
  const existed = ss.getSheetByName(name) !== null;
  const sheet = ensureRegisterSheet(ss, name, overdue, me, batch);
  if (found.kind !== 'found') {
    const mark: Mark = { role, file: fileId, sheet: sheet.getSheetId() };
    sheet.addDeveloperMetadata(
      RECORD_SHEET_KEY,
      JSON.stringify(mark),
      SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
    );
  }
  return { sheet, created: !existed };
}
