/**
 * Helpers for the DSL's workflow tests (audit trail, closing rule, chronology, retention review): a set-up
 * school whose register the DSL and a deputy edit in the browser, and readers for what the script wrote.
 * Register cells are found by the header row as it stands on the sheet, so the same helpers work after a
 * DSL has inserted a column of their own or moved one.
 */
import { createHash } from 'node:crypto';
import {
  configureSchool,
  newSchool,
  runSetUp,
  SCHOOL,
  sheetValues,
  submit,
  type Answers,
} from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';

export const MENU = 'Online Safety';

/** A school set up and configured by the DSL, who has shared the spreadsheet with the deputy DSL. */
export function workflowSchool(): Workspace {
  const ws = newSchool();
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  ws.drive.get(ws.containerId)!.editors.add(SCHOOL.deputy);
  return ws;
}

/** Submits a report and returns its incident ID (the register's last row). */
export function report(ws: Workspace, answers: Answers): string {
  const run = submit(ws, answers);
  if (run.executions.some((e) => e.status !== 'completed')) throw new Error(JSON.stringify(run.executions));
  const rows = rowsByHeader(ws);
  return String(rows[rows.length - 1]!['Incident ID']);
}

/** The Register's header row as it stands on the sheet. */
export function registerHeader(ws: Workspace): string[] {
  return (sheetValues(ws, ws.containerId, 'Register')[0] ?? []).map(String);
}

/** The register's rows keyed by the header as it stands (whatever columns the DSL added or moved). */
export function rowsByHeader(ws: Workspace): Array<Record<string, unknown>> {
  const [header = [], ...rows] = sheetValues(ws, ws.containerId, 'Register');
  return rows
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? ''])));
}

/** 1-based column of a header on the sheet now (fails unless it is there exactly once). */
export function columnOf(ws: Workspace, header: string): number {
  const headers = registerHeader(ws);
  if (headers.filter((h) => h === header).length !== 1)
    throw new Error(`No single register column "${header}"`);
  return headers.indexOf(header) + 1;
}

/** The A1 column letters of a register header, where it is on the sheet now. */
export function columnLetters(ws: Workspace, header: string): string {
  return lettersOf(columnOf(ws, header));
}

function lettersOf(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The register sheet row of an incident. */
export function rowOf(ws: Workspace, incidentId: string): number {
  const index = rowsByHeader(ws).findIndex((r) => r['Incident ID'] === incidentId);
  if (index < 0) throw new Error(`No incident ${incidentId}`);
  return index + 2;
}

/** Every on-edit run so far completed (none failed). */
function expectEditRunsCompleted(result: { installable: Array<{ status: string; error?: string }> }): void {
  const failed = result.installable.filter((r) => r.status !== 'completed');
  if (failed.length > 0) throw new Error(`on-edit run failed: ${JSON.stringify(failed)}`);
}

/** A person types one value into a register cell (the installable on-edit trigger fires). */
export function typeInto(
  ws: Workspace,
  user: string,
  incidentId: string,
  header: string,
  value: unknown,
): void {
  const result = ws.spreadsheets._userEdit(
    user,
    ws.containerId,
    'Register',
    `${columnLetters(ws, header)}${rowOf(ws, incidentId)}`,
    value,
  );
  expectEditRunsCompleted(result);
}

/**
 * A person pastes a block into the register, its top-left cell at `header` of sheet row `row`: it covers
 * the sheet's columns from there rightwards, a DSL's own column among them if there is one.
 */
export function pasteInto(
  ws: Workspace,
  user: string,
  row: number,
  header: string,
  values: unknown[][],
): void {
  const first = columnOf(ws, header);
  const last = first + (values[0]?.length ?? 1) - 1;
  const a1 = `${lettersOf(first)}${row}:${lettersOf(last)}${row + values.length - 1}`;
  expectEditRunsCompleted(ws.spreadsheets._userPaste(user, ws.containerId, 'Register', a1, values));
}

/** A register cell as the emulator holds it (Dates as ISO strings). */
export function registerCell(ws: Workspace, incidentId: string, header: string): unknown {
  const row = rowsByHeader(ws).find((r) => r['Incident ID'] === incidentId);
  if (!row) throw new Error(`No incident ${incidentId}`);
  return row[header];
}

export interface AuditRecord {
  time: string;
  who: string;
  id: string;
  column: string;
  old: string;
  new: string;
  note: string;
  hash: string;
}

/** The Audit sheet's records, below its header. */
export function auditRecords(ws: Workspace): AuditRecord[] {
  const [, ...rows] = sheetValues(ws, ws.containerId, 'Audit');
  return rows.map((r) => ({
    time: String(r[0]),
    who: String(r[1]),
    id: String(r[2]),
    column: String(r[3]),
    old: String(r[4]),
    new: String(r[5]),
    note: String(r[6]),
    hash: String(r[7]),
  }));
}

/** Audit records without their hash and time, for comparing what was recorded. */
export function recorded(ws: Workspace): Array<[string, string, string, string, string]> {
  return auditRecords(ws).map((r) => [r.who, r.id, r.column, r.old, r.new]);
}

/** The Audit sheet's rows as getValues would give them (times as Dates), for an independent check. */
export function auditBodyForCheck(ws: Workspace): unknown[][] {
  const [, ...rows] = sheetValues(ws, ws.containerId, 'Audit');
  return rows.map((r) => [new Date(String(r[0])), ...r.slice(1)]);
}

/** SHA-256 by node:crypto: an implementation independent of the script's Utilities.computeDigest. */
export const nodeSha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The DSL opens the spreadsheet (menus appear) and clicks an item of the Online Safety menu. */
export function clickAsDsl(ws: Workspace, caption: string, user: string = SCHOOL.dsl): void {
  ws.openSpreadsheet(user);
  const run = ws.spreadsheets.ui.clickMenu(user, MENU, caption);
  if (run.status !== 'completed') throw new Error(`${caption} failed: ${run.error ?? ''}`);
}

/** The last dialog (alert) a person was shown. */
export function lastAlert(ws: Workspace, user: string = SCHOOL.dsl): string {
  const shown = ws.spreadsheets.ui.shown(user).filter((e) => e.kind === 'alert');
  return shown[shown.length - 1]?.message ?? '';
}

export const HOUR = 3_600_000;
