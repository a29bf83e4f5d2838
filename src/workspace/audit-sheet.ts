/**
 * The audit trail's storage: the protected `Audit` sheet, the hidden `Audit state` sheet (the snapshot of
 * the register's workflow columns the on-edit trigger compares against), the anchor in the script
 * properties, the SHA-256 and the document lock. Each operation is a fixed number of service calls.
 *
 * Why a snapshot sheet: Sheets gives an edit's old value only for a one-cell edit (a paste over several
 * cells has none), so the audit keeps the workflow values it last saw. The script properties cannot hold
 * them (9 KB a value, 500 KB in all: a year of actions and rationales outgrows that), and extra hidden
 * columns in the Register would collide with the schema's columns when a question is added. A sheet row
 * per register row costs one read and one write per edit, whatever the register's size; when the register
 * has been sorted since, the incidents are looked up by ID once and the snapshot is realigned.
 */
import type { CellValue } from '../domain/register';
import {
  AUDIT_HEADERS,
  EMPTY_ANCHOR,
  GENESIS_HASH,
  WHO_NOT_KNOWN,
  parseAnchor,
  sealEntries,
  snapshotHeaders,
  type AuditAnchor,
  type AuditEntry,
} from '../domain/audit';
import { cellText } from '../domain/cells';
import { planRedaction, REDACTION_COLUMN, redactionNotes } from '../domain/redaction';
import { protectForRunnerOnly } from './protect';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export const AUDIT_SHEET = 'Audit';
export const AUDIT_STATE_SHEET = 'Audit state';

const ANCHOR_PROPERTY = 'auditTrail';
const PROTECTION_DESCRIPTION = 'Online Safety: audit trail, written by the system only';
/** Rows added at a time when a sheet runs out, so growing is rare. */
const GROW_BY = 500;

/** SHA-256 of a text's UTF-8 bytes, by Apps Script (signed bytes). */
export function sha256(text: string): number[] {
  return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
}

/** What is kept in the script properties: the anchor, and the snapshot sheet's size (saves a call). */
export interface AuditBookkeeping extends AuditAnchor {
  /** The Audit state sheet's row count as last known; checked again when a write falls outside it. */
  stateRows: number;
}

type Properties = GoogleAppsScript.Properties.Properties;

/**
 * The script property holding a trail's bookkeeping: the register's under its old name, each restricted
 * file's under its spreadsheet id (a file Set up makes anew starts a new trail).
 */
export function anchorProperty(spreadsheetId?: string): string {
  return spreadsheetId ? `${ANCHOR_PROPERTY}:${spreadsheetId}` : ANCHOR_PROPERTY;
}

/** The bookkeeping, and the property store to save it back to (one getScriptProperties call per run). */
export function readBookkeeping(property: string = ANCHOR_PROPERTY): {
  bookkeeping: AuditBookkeeping;
  anchored: boolean;
  store: Properties;
} {
  const store = PropertiesService.getScriptProperties();
  const text = store.getProperty(property);
  const anchor = parseAnchor(text);
  let stateRows = 0;
  try {
    const parsed = JSON.parse(text ?? '{}') as { stateRows?: unknown };
    if (typeof parsed.stateRows === 'number' && parsed.stateRows > 0) stateRows = parsed.stateRows;
  } catch {
    stateRows = 0;
  }
  return { bookkeeping: { ...(anchor ?? EMPTY_ANCHOR), stateRows }, anchored: anchor !== null, store };
}

export function saveBookkeeping(
  store: Properties,
  bookkeeping: AuditBookkeeping,
  property: string = ANCHOR_PROPERTY,
): void {
  store.setProperty(property, JSON.stringify(bookkeeping));
}

const SETTINGS_SNAPSHOT_PROPERTY = 'auditSettings';

/**
 * The Settings as the audit last saw them (JSON of label → text), or null before Set up has taken the
 * baseline. A script property rather than a sheet: the Settings table is a few kilobytes at most.
 */
export function readSettingsSnapshotText(store: Properties): string | null {
  return store.getProperty(SETTINGS_SNAPSHOT_PROPERTY);
}

export function saveSettingsSnapshotText(store: Properties, text: string): void {
  store.setProperty(SETTINGS_SNAPSHOT_PROPERTY, text);
}

/** Runs `fn` holding the document lock (audit rows are chained: one writer at a time). */
export function withDocumentLock<T>(fn: () => T, waitMs = 30_000): T {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  lock.waitLock(waitMs);
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** Only the account the script runs as (the owner who ran Set up) may change the sheet. */
function protectForScriptOnly(sheet: Sheet): void {
  protectForRunnerOnly(sheet.protect().setDescription(PROTECTION_DESCRIPTION));
}

/** The Audit sheet, made (headed, frozen, protected) when missing. */
export function ensureAuditSheet(ss: Spreadsheet): Sheet {
  const existing = ss.getSheetByName(AUDIT_SHEET);
  if (existing) return existing;
  const sheet = ss.insertSheet(AUDIT_SHEET);
  const headers = [...AUDIT_HEADERS];
  sheet
    .getRange(1, 1, 1, headers.length)
    .setValues([headers])
    .setFontWeight('bold')
    .setBackground('#1f3864')
    .setFontColor('#ffffff');
  sheet.setFrozenRows(1);
  sheet.getRange(2, 1, sheet.getMaxRows() - 1, 1).setNumberFormat('dd/mm/yyyy hh:mm:ss');
  sheet.setColumnWidths(1, 1, 140);
  sheet.setColumnWidths(2, 1, 190);
  sheet.setColumnWidths(3, 1, 120);
  sheet.setColumnWidths(4, 2, 160);
  sheet.setColumnWidths(6, 2, 240);
  sheet.setColumnWidths(8, 1, 120);
  protectForScriptOnly(sheet);
  return sheet;
}

/** The hidden snapshot sheet, made when missing. */
export function ensureStateSheet(ss: Spreadsheet): { sheet: Sheet; created: boolean } {
  const existing = ss.getSheetByName(AUDIT_STATE_SHEET);
  if (existing) return { sheet: existing, created: false };
  const sheet = ss.insertSheet(AUDIT_STATE_SHEET);
  const headers = snapshotHeaders();
  if (sheet.getMaxColumns() < headers.length) {
    sheet.insertColumnsAfter(sheet.getMaxColumns(), headers.length - sheet.getMaxColumns());
  }
  sheet.getRange(1, 1, 1, headers.length).setValues([headers]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  protectForScriptOnly(sheet);
  sheet.hideSheet();
  return { sheet, created: true };
}

/** Makes both sheets (Set up may call this so they exist before the first edit). */
export function ensureAuditSheets(ss: Spreadsheet, property: string = ANCHOR_PROPERTY): void {
  const existed = ss.getSheetByName(AUDIT_SHEET) !== null;
  upgradeAuditHeader(ensureAuditSheet(ss));
  ensureStateSheet(ss);
  if (existed) return;
  // A new, empty trail is anchored at once: from now on a missing anchor always means something is wrong.
  const { bookkeeping, anchored, store } = readBookkeeping(property);
  if (!anchored) saveBookkeeping(store, { ...EMPTY_ANCHOR, stateRows: bookkeeping.stateRows }, property);
}

/**
 * A trail begun before "Time as hashed" existed gets its header (the column after the hash); its old rows
 * stay as they were written. Two calls.
 */
function upgradeAuditHeader(sheet: Sheet): void {
  const headers = [...AUDIT_HEADERS];
  const cell = sheet.getRange(1, headers.length);
  if (String(cell.getValue()) === '') cell.setValue(headers[headers.length - 1] ?? '');
}

/**
 * Whether the snapshot sheet's header is the one this version writes (every register column audited). A
 * sheet made by an older version has fewer columns: its rows cannot be trusted for the new ones, so the
 * caller rebuilds the snapshot from the register. One call (plus one to widen the sheet when needed).
 */
export function stateSheetIsCurrent(sheet: Sheet): boolean {
  const headers = snapshotHeaders();
  if (sheet.getMaxColumns() < headers.length) {
    sheet.insertColumnsAfter(sheet.getMaxColumns(), headers.length - sheet.getMaxColumns());
    return false;
  }
  const row = sheet.getRange(1, 1, 1, headers.length).getValues()[0] ?? [];
  return headers.every((h, i) => String(row[i] ?? '') === h);
}

/** Writes the snapshot sheet's header row as this version has it. */
export function writeStateHeader(sheet: Sheet): void {
  const headers = snapshotHeaders();
  sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
}

/** The register's Incident ID column below the header (one read; two with the last-row call). */
export function readRegisterIds(sheet: Sheet, idColumn: number): unknown[][] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return sheet.getRange(2, idColumn, last - 1, 1).getValues();
}

/** Appends sealed rows: one call for one row, four for many (plus one when the sheet has to grow). */
export function appendAuditRows(sheet: Sheet, rows: CellValue[][]): void {
  if (rows.length === 0) return;
  if (rows.length === 1) {
    sheet.appendRow(rows[0]!);
    return;
  }
  const first = sheet.getLastRow() + 1;
  const maxRows = sheet.getMaxRows();
  const needed = first + rows.length - 1 - maxRows;
  if (needed > 0) sheet.insertRowsAfter(maxRows, Math.max(needed, GROW_BY));
  sheet.getRange(first, 1, rows.length, rows[0]!.length).setValues(rows);
}

/** The Audit sheet's rows below the header, in one read. */
export function readAuditBody(sheet: Sheet): unknown[][] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return sheet.getRange(2, 1, last - 1, AUDIT_HEADERS.length).getValues();
}

/** Grows the snapshot sheet to hold `lastRow`; returns its row count. */
function ensureStateRows(sheet: Sheet, lastRow: number, known: number): number {
  if (known >= lastRow) return known;
  const maxRows = sheet.getMaxRows();
  if (maxRows >= lastRow) return maxRows;
  sheet.insertRowsAfter(maxRows, lastRow - maxRows + GROW_BY);
  return lastRow + GROW_BY;
}

/**
 * Runs a read or write of snapshot rows [firstRow, lastRow], growing the sheet first when the known size
 * says so, and once more (asking the sheet its size) if the known size was wrong.
 */
export function withStateRows<T>(
  sheet: Sheet,
  lastRow: number,
  bookkeeping: AuditBookkeeping,
  fn: () => T,
): T {
  bookkeeping.stateRows = ensureStateRows(sheet, lastRow, bookkeeping.stateRows);
  try {
    return fn();
  } catch (error) {
    // The sheet was resized by hand since: ask it, grow it, try once more.
    bookkeeping.stateRows = ensureStateRows(sheet, lastRow, 0);
    if (bookkeeping.stateRows < lastRow) throw error;
    return fn();
  }
}

export function readStateRows(sheet: Sheet, firstRow: number, numRows: number): unknown[][] {
  return sheet.getRange(firstRow, 1, numRows, snapshotHeaders().length).getValues();
}

export function writeStateRows(sheet: Sheet, firstRow: number, rows: CellValue[][]): void {
  if (rows.length === 0) return;
  sheet.getRange(firstRow, 1, rows.length, rows[0]!.length).setValues(rows);
}

/** Every snapshot row below the header (one read). */
export function readAllStateRows(sheet: Sheet): unknown[][] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return readStateRows(sheet, 2, last - 1);
}

/** Replaces the whole snapshot (rows from 2), clearing what is left below. */
export function replaceStateRows(sheet: Sheet, rows: CellValue[][], bookkeeping: AuditBookkeeping): void {
  const oldLast = sheet.getLastRow();
  const newLast = rows.length + 1;
  withStateRows(sheet, Math.max(newLast, 2), bookkeeping, () => writeStateRows(sheet, 2, rows));
  if (oldLast > newLast)
    sheet.getRange(newLast + 1, 1, oldLast - newLast, snapshotHeaders().length).clearContent();
}

/**
 * The register's header row, for finding its columns by header text: two calls, whatever the register's
 * size. The whole row ('1:1', up to the sheet's last column) is read rather than asking for the last column
 * with content first, which would be a third call; the empty cells past the header cost next to nothing.
 */
export function readRegisterHeader(sheet: Sheet): unknown[] {
  return sheet.getRange('1:1').getValues()[0] ?? [];
}

/** A register block: rows [firstRow, firstRow + numRows), columns 1 … width (one read). */
export function readRegisterBlock(
  sheet: Sheet,
  firstRow: number,
  numRows: number,
  width: number,
): unknown[][] {
  return sheet.getRange(firstRow, 1, numRows, width).getValues();
}

/** The incident ID column and a block of columns for every data row of the register (two reads). */
export function readRegisterColumns(
  sheet: Sheet,
  idColumn: number,
  firstColumn: number,
  numColumns: number,
): { ids: unknown[][]; block: unknown[][] } {
  const last = sheet.getLastRow();
  if (last < 2) return { ids: [], block: [] };
  return {
    ids: sheet.getRange(2, idColumn, last - 1, 1).getValues(),
    block: sheet.getRange(2, firstColumn, last - 1, numColumns).getValues(),
  };
}

/**
 * Writes single cells of a block of rows starting at `firstRow`: each column's cells in runs of
 * consecutive rows, one write per run (a paste over ten rows updates its Last updated cells in one call).
 */
export function writeRegisterCells(
  sheet: Sheet,
  firstRow: number,
  writes: ReadonlyArray<{ offset: number; column: number; value: CellValue }>,
): void {
  const byColumn = new Map<number, Map<number, CellValue>>();
  for (const w of writes) {
    const column = byColumn.get(w.column) ?? new Map<number, CellValue>();
    column.set(w.offset, w.value);
    byColumn.set(w.column, column);
  }
  for (const [column, cells] of byColumn) {
    const offsets = [...cells.keys()].sort((a, b) => a - b);
    let start = 0;
    while (start < offsets.length) {
      let end = start;
      while (end + 1 < offsets.length && offsets[end + 1] === offsets[end]! + 1) end++;
      const values = offsets.slice(start, end + 1).map((o) => [cells.get(o)!]);
      sheet.getRange(firstRow + offsets[start]!, column, values.length, 1).setValues(values);
      start = end + 1;
    }
  }
}

/** The rectangle an edit event's range covers: one call for an A1 like "B3:D12", four otherwise. */
export function editedRect(range: Range): {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
} {
  const a1 = range.getA1Notation();
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
  if (match) {
    const c1 = columnOfLetters(match[1]!);
    const r1 = Number(match[2]);
    const c2 = match[3] ? columnOfLetters(match[3]) : c1;
    const r2 = match[4] ? Number(match[4]) : r1;
    return {
      row: Math.min(r1, r2),
      column: Math.min(c1, c2),
      numRows: Math.abs(r2 - r1) + 1,
      numColumns: Math.abs(c2 - c1) + 1,
    };
  }
  return {
    row: range.getRow(),
    column: range.getColumn(),
    numRows: range.getNumRows(),
    numColumns: range.getNumColumns(),
  };
}

function columnOfLetters(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Writes one of the DSL's report sheets (Chronology, Retention review) from scratch: made when missing,
 * cleared, written in one call, its table header bold and frozen, date columns formatted, then shown.
 */
export function writeReportSheet(
  ss: Spreadsheet,
  name: string,
  rows: CellValue[][],
  options: { headerRow: number; dateColumns: number[]; widths: number[] },
): Sheet {
  const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name);
  sheet.clear();
  const width = Math.max(options.widths.length, ...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<CellValue>(width - r.length).fill('')]);
  if (sheet.getMaxColumns() < width)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const maxRows = sheet.getMaxRows();
  if (maxRows < padded.length + 1) sheet.insertRowsAfter(maxRows, padded.length + 1 - maxRows);
  sheet.getRange(1, 1, padded.length, width).setValues(padded).setVerticalAlignment('top').setWrap(true);
  sheet.getRange(1, 1).setFontWeight('bold').setFontSize(14).setWrap(false);
  sheet.getRange(2, 1).setWrap(false);
  sheet
    .getRange(options.headerRow, 1, 1, width)
    .setFontWeight('bold')
    .setBackground('#1f3864')
    .setFontColor('#ffffff');
  sheet.setFrozenRows(options.headerRow);
  const bodyRows = padded.length - options.headerRow;
  if (bodyRows > 0) {
    for (const column of options.dateColumns) {
      sheet.getRange(options.headerRow + 1, column, bodyRows, 1).setNumberFormat('dd/mm/yyyy');
    }
  }
  options.widths.forEach((w, i) => sheet.setColumnWidths(i + 1, 1, w));
  ss.setActiveSheet(sheet);
  return sheet;
}

/**
 * Seals `entries` onto the end of the spreadsheet's trail and moves the bookkeeping on (the caller saves it,
 * under the document lock). With no anchor (the script properties were cleared), the trail carries on from
 * the sheet's own last row, after a row saying so: the chain stays one, and Verify's "not anchored" and the
 * weekly email show it.
 */
export function sealOntoTrail(
  ss: Spreadsheet,
  bookkeeping: AuditBookkeeping,
  anchored: boolean,
  entries: AuditEntry[],
): void {
  if (entries.length === 0) return;
  const audit = ensureAuditSheet(ss);
  const all = anchored ? entries : [...continueFromSheet(audit, bookkeeping, entries[0]!.time), ...entries];
  const sealed = sealEntries(bookkeeping.lastHash, all, sha256, ss.getSpreadsheetTimeZone());
  appendAuditRows(audit, sealed.rows);
  bookkeeping.entries += sealed.rows.length;
  bookkeeping.lastHash = sealed.lastHash;
}

/**
 * Seals entries onto a file's trail for a writer outside the edit trigger (the nightly reconcile putting a
 * deleted row back), under the same document lock the audit takes, so the chain stays one.
 */
export function recordOnTrail(ss: Spreadsheet, property: string, entries: AuditEntry[]): void {
  if (entries.length === 0) return;
  withDocumentLock(() => sealAndSave(ss, property, entries));
}

/** Seals entries onto a trail and saves its bookkeeping; the caller already holds the document lock. */
export function sealAndSave(ss: Spreadsheet, property: string, entries: AuditEntry[]): void {
  if (entries.length === 0) return;
  const { bookkeeping, anchored, store } = readBookkeeping(property);
  sealOntoTrail(ss, bookkeeping, anchored, entries);
  saveBookkeeping(store, bookkeeping, property);
}

/** Picks the chain up from the sheet's last row; returns the entry that says so (none for an empty trail). */
function continueFromSheet(audit: Sheet, bookkeeping: AuditBookkeeping, time: Date): AuditEntry[] {
  const body = readAuditBody(audit);
  const last = body[body.length - 1];
  bookkeeping.entries = body.length;
  bookkeeping.lastHash = last ? cellText(last[7]) : GENESIS_HASH;
  if (body.length === 0) return [];
  return [
    {
      time,
      who: WHO_NOT_KNOWN,
      incidentId: '',
      column: '',
      oldValue: '',
      newValue: '',
      note: `The audit trail's anchor (kept in the script's properties) was missing: the trail carries on from its last row (${body.length} rows). Compare them with the last weekly anchor email.`,
    },
  ];
}

/**
 * Removes an incident's rows from the hidden snapshot sheet (its record deleted on purpose), so the nightly
 * check does not report it as deleted by hand and put it back. One read, one call per row removed.
 */
export function removeStateRowsOf(ss: Spreadsheet, incidentId: string): number {
  const sheet = ss.getSheetByName(AUDIT_STATE_SHEET);
  if (!sheet) return 0;
  const last = sheet.getLastRow();
  if (last < 2) return 0;
  const rows = sheet
    .getRange(2, 1, last - 1, 1)
    .getValues()
    .map((r, i) => (cellText(r[0]) === incidentId ? i + 2 : 0))
    .filter((r) => r > 0)
    .reverse();
  for (const row of rows) sheet.deleteRow(row);
  return rows.length;
}

/** How many of an incident's audit rows hold text (Old value or New value) that a deletion would redact. */
export function auditTextRows(body: readonly (readonly unknown[])[], incidentId: string): number {
  return planRedaction(body, incidentId, sha256).cells.length;
}

/**
 * Redacts a deleted record's text from a file's Audit sheet and records the deletion (the caller holds the
 * document lock, as every writer of the trail does): the Old value and New value cells of the incident's rows become the marker, and redaction records
 * listing each row's seal are chained on, then `entry` (see domain/redaction.ts). Returns how many rows
 * were redacted.
 */
export function redactOnTrail(
  ss: Spreadsheet,
  property: string,
  incidentId: string,
  entry: AuditEntry,
): number {
  const { bookkeeping, anchored, store } = readBookkeeping(property);
  const audit = ensureAuditSheet(ss);
  const body = readAuditBody(audit);
  const plan = planRedaction(body, incidentId, sha256);
  for (const cell of plan.cells) {
    const cells = [cell.oldValue, cell.newValue].map((v) => (v === '' ? '' : `'${v}`));
    audit.getRange(cell.index + 2, 5, 1, 2).setValues([cells]);
  }
  const records: AuditEntry[] = redactionNotes(plan.seals).map((note, i, all) => ({
    time: entry.time,
    who: entry.who,
    incidentId,
    column: REDACTION_COLUMN,
    oldValue: '',
    newValue: `Text of ${plan.seals.length} audit row(s) removed under the retention policy${all.length > 1 ? ` (part ${i + 1} of ${all.length})` : ''}.`,
    note,
  }));
  sealOntoTrail(ss, bookkeeping, anchored, [...records, entry]);
  saveBookkeeping(store, bookkeeping, property);
  return plan.cells.length;
}
