/**
 * Which incident ID each form response was recorded under, kept apart from the register, so that a row
 * someone deletes is put back by the nightly check under its original ID — and its alerts are not sent
 * again — instead of being recorded as a new incident.
 *
 * Two places, because the submit path must stay cheap: the submit path saves "recorded:<response id>" →
 * "pending:<incident ID>" in the same call that reserves the number, and the incident ID alone once the row
 * is written — which is also how a second firing for the same response knows, without reading the
 * register, that it was recorded (issue 15); the
 * nightly check folds those into a hidden, protected "Index" sheet in the same file as the rows (so an
 * allegation file's index never sits where the register's readers can open it) and forgets them a week after
 * they were saved. The properties therefore only ever hold a week or so of entries: an ID, a response ID and
 * a time, no personal data.
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

/**
 * A value the submit path saves under the same key before it writes the row (with the sequence number, in the
 * same call): the response is being recorded under this ID. Once the row is written the key holds the ID
 * alone. A key still marked was left by a run that stopped between the two: the row may or may not be there.
 */
const PENDING_MARK = 'pending:';

/**
 * How long an entry is kept after its row was recorded, indexed or not: a trigger firing again for a response
 * younger than RECENT_TRUSTED_MS finds it here without reading the register (the submit path's duplicate
 * check); an older response is looked up in the register instead. The gap between the two is a day's margin
 * for the nightly check's timing.
 */
export const RECENT_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
export const RECENT_TRUSTED_MS = RECENT_KEEP_MS - 24 * 60 * 60 * 1000;
const TIME_MARK = '|';

/**
 * Marks an entry whose row's alert the submit run is still sending, after it released the script lock
 * (`…|<time>|alerting`). The hourly retry leaves such a row alone for ALERTING_CLAIM_MS from the entry's time,
 * so nobody gets the alert twice; after that the run is over (a trigger run stops at 6 minutes:
 * https://developers.google.com/apps-script/guides/services/quotas#current_limitations, "Script runtime"),
 * sent or dead, and whatever the row still says is owed is the retry's again.
 */
const ALERTING_MARK = '|alerting';
export const ALERTING_CLAIM_MS = 7 * 60 * 1000;

/**
 * The property the submit path (and reconcile) saves once the row is written, with when; `alerting` when the
 * run goes on to send the row's alert outside the lock.
 */
export function recentEntry(
  responseId: string,
  incidentId: string,
  atMs: number,
  alerting = false,
): Record<string, string> {
  return { [RECENT_PREFIX + responseId]: `${incidentId}${TIME_MARK}${atMs}${alerting ? ALERTING_MARK : ''}` };
}

/**
 * Incident IDs whose alert a submit run may still be sending (claimed less than ALERTING_CLAIM_MS ago). A
 * claim dated in the future is ignored: script properties can be edited by any editor of the script, so a
 * planted claim must not hold an alert back for longer than a real one could.
 */
export function alertingClaims(props: Record<string, string>, nowMs: number): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(RECENT_PREFIX) || !value.endsWith(ALERTING_MARK)) continue;
    const age = nowMs - savedAt(value);
    if (age >= 0 && age < ALERTING_CLAIM_MS) out.add(incidentIdOf(value));
  }
  return out;
}

function incidentIdOf(value: string): string {
  const at = value.indexOf(TIME_MARK);
  return at < 0 ? value : value.slice(0, at);
}

/** When an entry was saved (0 for an entry saved before entries carried a time). */
function savedAt(value: string): number {
  const at = value.indexOf(TIME_MARK);
  const rest = at < 0 ? '' : value.slice(at + 1);
  const ms = at < 0 ? 0 : Number(rest.endsWith(ALERTING_MARK) ? rest.slice(0, -ALERTING_MARK.length) : rest);
  return Number.isFinite(ms) ? ms : 0;
}

/**
 * Entries the nightly check may forget: held in an Index sheet (`indexed`) and saved RECENT_KEEP_MS ago or
 * more, or left pending by a run whose row is now indexed.
 */
export function forgettableEntries(
  props: Record<string, string>,
  indexed: ReadonlySet<string>,
  nowMs: number,
): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(RECENT_PREFIX)) continue;
    const responseId = key.slice(RECENT_PREFIX.length);
    if (!indexed.has(responseId)) continue;
    if (value.startsWith(PENDING_MARK) || nowMs - savedAt(value) >= RECENT_KEEP_MS) out.push(responseId);
  }
  return out;
}

/** The property the submit path saves, with the sequence number, before it writes the row. */
export function pendingEntry(responseId: string, incidentId: string): Record<string, string> {
  return { [RECENT_PREFIX + responseId]: PENDING_MARK + incidentId };
}

/** The recent entries in an already-read property map: response ID → incident ID (rows written). */
export function recentEntries(props: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(RECENT_PREFIX) && value !== '' && !value.startsWith(PENDING_MARK))
      out.set(key.slice(RECENT_PREFIX.length), incidentIdOf(value));
  }
  return out;
}

/** Responses a run started recording and did not finish: response ID → the incident ID it reserved. */
export function pendingEntries(props: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(RECENT_PREFIX) && value.startsWith(PENDING_MARK) && value.length > PENDING_MARK.length)
      out.set(key.slice(RECENT_PREFIX.length), value.slice(PENDING_MARK.length));
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
