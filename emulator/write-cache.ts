/**
 * SpreadsheetApp's write cache, as the Sheets advanced service sees it. SpreadsheetApp batches writes, and a
 * REST call (Sheets.Spreadsheets.batchUpdate, get, Values.batchGet) does not see writes still pending, so a
 * script must call SpreadsheetApp.flush() first
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush: "Applies all
 * pending Spreadsheet changes"). The emulator applies SpreadsheetApp writes at once, so it cannot lose them;
 * instead every Sheets API method REFUSES a call made while the execution has SpreadsheetApp writes not yet
 * flushed. Stricter than Google in two ways, both safe: any unflushed SpreadsheetApp write in the execution
 * counts (not only to that file), and a read (which in Apps Script commits the cache first) does not clear
 * it: only flush() does.
 */
import type { Emulated } from './core';
import { observeCalls } from './core';
import type { Workspace } from './workspace';

/** SpreadsheetApp classes whose setters write to a spreadsheet. */
const SHEETS_APP_CLASSES = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Protection',
  'EmbeddedChart',
  'DeveloperMetadata',
]);
const WRITE_METHOD =
  /^(set|append|clear|insert|add|remove|delete|hide|show|auto|copy|merge|break|sort|protect|move|update|duplicate|trim|randomize|check|uncheck|activate|expand|collapse|group|ungroup|rename)/;

/** Per workspace: each execution with SpreadsheetApp writes not yet flushed → its last such write. */
const unflushed = new WeakMap<object, Map<number, string>>();

function noteCall(target: Emulated, method: string): void {
  const ctx = (target as unknown as { _ctx: object })._ctx;
  const ws = ctx as Partial<Workspace>;
  if (typeof ws.currentExecution !== 'function') return;
  const run = ws.currentExecution();
  // The test side writes the stored files directly, outside any execution.
  if (!run) return;
  // Each execution has its own write cache: a flush commits the running execution's writes only.
  if (target._className === 'SpreadsheetApp' && method === 'flush') {
    unflushed.get(ctx)?.delete(run.id);
    return;
  }
  if (!SHEETS_APP_CLASSES.has(target._className) || !WRITE_METHOD.test(method)) return;
  let pending = unflushed.get(ctx);
  if (!pending) {
    pending = new Map();
    unflushed.set(ctx, pending);
  }
  pending.set(run.id, `${target._className}.${method}`);
}
observeCalls(noteCall);

/** Throws when the running execution made SpreadsheetApp writes it has not flushed (see the file's head). */
export function assertFlushed(ws: Workspace, method: string): void {
  const run = ws.currentExecution();
  const lastWrite = run ? unflushed.get(ws)?.get(run.id) : undefined;
  if (lastWrite === undefined) return;
  throw new Error(
    `Sheets.Spreadsheets.${method} with SpreadsheetApp writes not yet flushed: ${lastWrite} with no ` +
      'SpreadsheetApp.flush() since. The REST call does not see writes still pending (call ' +
      'SpreadsheetApp.flush() first); the emulator refuses it rather than guess.',
  );
}
