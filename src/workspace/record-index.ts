/**
 * Which incident ID each form response was recorded under, kept apart from the register, so that a row
 * someone deletes is put back by the nightly check under its original ID — and its alerts are not sent
 * again — instead of being recorded as a new incident.
 *
 * Two places, because the submit path must stay cheap: the submit path saves "recorded:<response id>" →
 * incident ID in the script properties in the same call that reserves the number (no extra call); the
 * nightly check folds those into a hidden, protected "Index" sheet in the same file as the rows (so an
 * allegation file's index never sits where the register's readers can open it) and forgets them. The
 * properties therefore only ever hold a day or so of entries: an ID and a response ID, no personal data.
 */
import { protectForRunnerOnly } from './protect';
import type { RegisterLayout } from './register-sheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const RECENT_PREFIX = 'recorded:';
export const INDEX_KEY = 'onlineSafety.index';
const INDEX_SHEET = 'Index';
const INDEX_HEADER = ['Response ID', 'Incident ID'];
const PROTECTION_DESCRIPTION = 'Online Safety: index of recorded reports, written by the system only';

/** The property the submit path saves beside the sequence number. */
export function recentEntry(responseId: string, incidentId: string): Record<string, string> {
  return { [RECENT_PREFIX + responseId]: incidentId };
}

/** The recent entries in an already-read property map: response ID → incident ID. */
export function recentEntries(props: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(RECENT_PREFIX) && value !== '') out.set(key.slice(RECENT_PREFIX.length), value);
  }
  return out;
}

/** Forgets recent entries now held in an Index sheet (one call each; nightly, a day's worth at most). */
export function forgetRecent(responseIds: Iterable<string>): void {
  const store = PropertiesService.getScriptProperties();
  for (const id of responseIds) store.deleteProperty(RECENT_PREFIX + id);
}

/** The file's Index sheet, found by its mark; made (hidden, protected, marked) when missing. */
export function ensureIndexSheet(ss: Spreadsheet): Sheet {
  const marks = ss.createDeveloperMetadataFinder().withKey(INDEX_KEY).find();
  for (const md of marks) {
    const sheet = ss.getSheetById(Number(md.getValue()));
    if (sheet) return sheet;
  }
  let name = INDEX_SHEET;
  for (let n = 2; ss.getSheetByName(name); n += 1) name = `${INDEX_SHEET} (${n})`;
  const sheet = ss.insertSheet(name);
  sheet.getRange(1, 1, 1, INDEX_HEADER.length).setValues([INDEX_HEADER]);
  sheet.setFrozenRows(1);
  sheet.addDeveloperMetadata(
    INDEX_KEY,
    String(sheet.getSheetId()),
    SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
  );
  protectForRunnerOnly(sheet.protect().setDescription(PROTECTION_DESCRIPTION));
  sheet.hideSheet();
  return sheet;
}

/** Response ID → incident ID, as the Index sheet holds them (one read). */
export function readIndex(sheet: Sheet): Map<string, string> {
  const out = new Map<string, string>();
  const last = sheet.getLastRow();
  if (last < 2) return out;
  for (const [responseId, incidentId] of sheet.getRange(2, 1, last - 1, 2).getValues()) {
    const r = String(responseId ?? '');
    const i = String(incidentId ?? '');
    if (r !== '' && i !== '') out.set(r, i);
  }
  return out;
}

/** Adds entries the Index sheet lacks, in one write (none when nothing is new). */
export function addToIndex(sheet: Sheet, known: Map<string, string>, entries: Map<string, string>): void {
  const rows = [...entries].filter(([responseId]) => !known.has(responseId));
  if (rows.length === 0) return;
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  const needed = first + rows.length - 1 - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  sheet.getRange(first, 1, rows.length, 2).setValues(rows);
  for (const [r, i] of rows) known.set(r, i);
}

/** Response ID → incident ID for every row of a record sheet (one read of two columns' span). */
export function recordedIds(sheet: Sheet, layout: RegisterLayout): Map<string, string> {
  const out = new Map<string, string>();
  const last = sheet.getLastRow();
  const r = layout.column('responseId');
  const i = layout.column('incidentId');
  if (last < 2 || r === 0 || i === 0) return out;
  const from = Math.min(r, i);
  const width = Math.abs(r - i) + 1;
  for (const row of sheet.getRange(2, from, last - 1, width).getValues()) {
    const responseId = String(row[r - from] ?? '');
    const incidentId = String(row[i - from] ?? '');
    if (responseId !== '' && incidentId !== '') out.set(responseId, incidentId);
  }
  return out;
}

/**
 * Removes a response's entries from an Index sheet (a record deleted on purpose under the retention
 * policy): one read, and one call per row removed, bottom up so the rows above keep their numbers.
 */
export function removeFromIndex(sheet: Sheet, responseId: string): number {
  const last = sheet.getLastRow();
  if (last < 2 || responseId === '') return 0;
  const rows = sheet
    .getRange(2, 1, last - 1, 1)
    .getValues()
    .map((r, i) => (String(r[0] ?? '') === responseId ? i + 2 : 0))
    .filter((r) => r > 0)
    .reverse();
  for (const row of rows) sheet.deleteRow(row);
  return rows.length;
}
