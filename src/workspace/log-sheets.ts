/**
 * The Referrals and Information sharing sheets of a record file (the register's spreadsheet and each
 * restricted allegation file): made and repaired by Set up, found by a developer-metadata mark (like the
 * register, so a renamed sheet still works and a hand-made copy is never audited as the log), and the
 * register's "Referrals" column kept in step with the Referrals sheet.
 *
 * The mark has its own key (not the register's), so a file's log marks never make it look like another
 * record file to the register's lookup.
 */
import type { LogKind } from '../domain/referrals';
import {
  glanceColumn,
  LOG_SHEET_NAMES,
  logColumns,
  logPositions,
  missingLogColumns,
  referralsByIncident,
} from '../domain/referrals';
import { columnWidths, formatCells, frozen, protectForRunner } from '../domain/sheet-requests';
import { bodyColumnRequests, readLayout, runsBy, SheetExtent } from './register-sheet';
import { runnerEmail } from './protect';
import { inBatch, type SheetBatch } from './sheet-batch';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

export const LOG_SHEET_KEY = 'onlineSafety.logSheet';
const HEADER_PROTECTION = 'Online Safety: log headers (columns are found by them)';
const BODY_ROWS = 500;
const KINDS: readonly LogKind[] = ['referrals', 'sharing'];

interface LogMark {
  kind: LogKind;
  sheet: number;
}

function parseLogMark(value: string | null): LogMark | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<LogMark>;
    if ((parsed.kind !== 'referrals' && parsed.kind !== 'sharing') || typeof parsed.sheet !== 'number')
      return null;
    return { kind: parsed.kind, sheet: parsed.sheet };
  } catch {
    return null;
  }
}

/**
 * Which log an edited sheet is, from its own metadata (already read by the caller): null for any other
 * sheet, a duplicate included (its copied mark names the original sheet). No call when there is no mark.
 */
export function logKindOf(sheet: Sheet, marks: readonly Metadata[]): LogKind | null {
  if (marks.length === 0) return null;
  let id: number | null = null;
  for (const md of marks) {
    if (md.getKey() !== LOG_SHEET_KEY) continue;
    const mark = parseLogMark(md.getValue());
    id ??= sheet.getSheetId();
    if (mark && mark.sheet === id) return mark.kind;
  }
  return null;
}

/** The file's log sheet of a kind, by its mark; null when Set up has not made it. */
export function findLogSheet(ss: Spreadsheet, kind: LogKind): Sheet | null {
  for (const md of ss.createDeveloperMetadataFinder().withKey(LOG_SHEET_KEY).find()) {
    const mark = parseLogMark(md.getValue());
    if (!mark || mark.kind !== kind) continue;
    const sheet = ss.getSheetById(mark.sheet);
    if (sheet) return sheet;
  }
  return null;
}

/**
 * Set up: both log sheets, made when missing, their missing columns appended, formatted and marked; then
 * the register's "Referrals" column brought into step with the Referrals sheet. Formats, widths, dropdowns
 * and protections go on `batch` (the caller's, or one sent before this returns; see sheet-batch.ts).
 */
export function ensureLogSheets(
  ss: Spreadsheet,
  register: Sheet,
  timeZone: string,
  me: string = runnerEmail(),
  batch?: SheetBatch,
): void {
  inBatch(
    batch,
    () => ss.getId(),
    (b) => {
      const sheets = KINDS.map((kind) => ensureLogSheet(ss, kind, me, b));
      refreshReferralsGlance(register, sheets[0]!, timeZone);
    },
  );
}

function ensureLogSheet(ss: Spreadsheet, kind: LogKind, me: string, batch: SheetBatch): Sheet {
  const marked = findLogSheet(ss, kind);
  const named = marked ?? ss.getSheetByName(LOG_SHEET_NAMES[kind]);
  const sheet = named ?? ss.insertSheet(LOG_SHEET_NAMES[kind]);
  // Its size read once and kept as it grows (each read is a call, and commits the writes before it).
  const extent = new SheetExtent(sheet);
  const width = named ? sheet.getLastColumn() : 0;
  const header = width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) : [];
  const missing = missingLogColumns(header, kind);
  if (missing.length > 0) {
    const first = header.length + 1;
    const needed = first + missing.length - 1 - extent.maxColumns();
    if (needed > 0) extent.addColumns(needed);
    sheet.getRange(1, first, 1, missing.length).setValues([missing.map((c) => c.header)]);
    header.push(...missing.map((c) => c.header));
  }
  if (extent.maxRows() < BODY_ROWS + 1) extent.addRows(BODY_ROWS + 1 - extent.maxRows());
  const positions = logPositions(header, kind);
  const bodyRows = extent.maxRows() - 1;
  const sheetId = sheet.getSheetId();
  const headerRow = { sheetId, row: 1, col: 1, numRows: 1, numCols: header.length };
  batch.add(
    formatCells(headerRow, { bold: true, background: '#1f3864', fontColor: '#ffffff', wrap: true }),
    frozen(sheetId, 1),
  );
  const placed = logColumns(kind)
    .map((col) => ({ col, at: (positions.get(col.header) ?? -1) + 1 }))
    .filter((p) => p.at > 0);
  // One request per run of adjacent columns of the same width (or wrapping, format, dropdown).
  for (const run of runsBy(
    placed,
    (p) => String(p.col.width),
    (p) => p.col.width,
  ))
    batch.add(columnWidths(sheetId, run.first, run.count, run.value));
  batch.add(
    ...bodyColumnRequests(sheetId, placed, bodyRows, {
      wrap: (col) => col.kind === 'text',
      numberFormat: (col) => (col.kind === 'date' ? 'dd/mm/yyyy' : null),
      choices: (col) => col.choices ?? null,
    }),
  );
  // People type every cell; only the header row (the columns are found by it) is the script's. A sheet
  // made just now has no protection to replace.
  if (named) batch.removeProtections(sheetId, [HEADER_PROTECTION]);
  batch.add(protectForRunner(headerRow, HEADER_PROTECTION, me));
  if (!marked) {
    sheet.addDeveloperMetadata(
      LOG_SHEET_KEY,
      JSON.stringify({ kind, sheet: sheet.getSheetId() }),
      SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
    );
  }
  return sheet;
}

/**
 * Makes the register's "Referrals" column agree with the Referrals sheet: reads both (a fixed number of
 * calls) and writes the column once when anything differs. Returns the referred incident IDs the register
 * does not have, for the DSL to be told.
 */
export function refreshReferralsGlance(register: Sheet, referrals: Sheet, timeZone: string): string[] {
  const layout = readLayout(register);
  const idColumn = layout.column('incidentId');
  const glanceColumnAt = layout.column('referralsAtGlance');
  const last = register.getLastRow();
  if (idColumn === 0 || glanceColumnAt === 0) return [];
  const byIncident = referralsByIncident(referrals.getDataRange().getValues(), timeZone);
  if (last < 2) return [...byIncident.keys()];
  const ids = register
    .getRange(2, idColumn, last - 1, 1)
    .getValues()
    .map((r) => r[0]);
  const current = register
    .getRange(2, glanceColumnAt, last - 1, 1)
    .getValues()
    .map((r) => r[0]);
  const { values, unknownIds } = glanceColumn(ids, current, byIncident);
  if (values) register.getRange(2, glanceColumnAt, values.length, 1).setValues(values.map((v) => [v]));
  return unknownIds;
}

/**
 * The nightly reconcile's part: the register's "Referrals" column made to agree with the file's Referrals
 * sheet (catching what no edit trigger saw: a row deleted whole, an edit while the trigger was missing).
 * Housekeeping: a failure is logged (content-free) and left for the next night.
 */
export function refreshReferralsGlanceOfFile(ss: Spreadsheet, register: Sheet, timeZone: string): void {
  try {
    const referrals = findLogSheet(ss, 'referrals');
    if (referrals) refreshReferralsGlance(register, referrals, timeZone);
  } catch (err) {
    const reason =
      typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
    console.warn(`The register's Referrals column could not be brought up to date (${reason}).`);
  }
}
