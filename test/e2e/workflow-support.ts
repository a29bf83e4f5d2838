/**
 * Helpers for the DSL's workflow tests (audit trail, closing rule, chronology, retention review): a set-up
 * school whose register the DSL and a deputy edit in the browser, and readers for what the script wrote.
 */
import { createHash } from 'node:crypto';
import {
  configureSchool,
  newSchool,
  registerRows,
  runSetUp,
  SCHOOL,
  sheetValues,
  submit,
  type Answers,
} from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { registerHeaders } from '../../src/domain/register';

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
  const rows = registerRows(ws);
  return String(rows[rows.length - 1]!['Incident ID']);
}

/** The A1 column letters of a register header. */
export function columnLetters(header: string): string {
  const index = registerHeaders().indexOf(header);
  if (index < 0) throw new Error(`No register column "${header}"`);
  let n = index + 1;
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
  const index = registerRows(ws).findIndex((r) => r['Incident ID'] === incidentId);
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
    `${columnLetters(header)}${rowOf(ws, incidentId)}`,
    value,
  );
  expectEditRunsCompleted(result);
}

/** A person pastes a block into the register, its top-left cell at `header` of sheet row `row`. */
export function pasteInto(
  ws: Workspace,
  user: string,
  row: number,
  header: string,
  values: unknown[][],
): void {
  const first = registerHeaders().indexOf(header);
  const last = registerHeaders()[first + (values[0]?.length ?? 1) - 1]!;
  const a1 = `${columnLetters(header)}${row}:${columnLetters(last)}${row + values.length - 1}`;
  expectEditRunsCompleted(ws.spreadsheets._userPaste(user, ws.containerId, 'Register', a1, values));
}

/** A register cell as the emulator holds it (Dates as ISO strings). */
export function registerCell(ws: Workspace, incidentId: string, header: string): unknown {
  const row = registerRows(ws).find((r) => r['Incident ID'] === incidentId);
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
