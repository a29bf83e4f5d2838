/**
 * One Sheets API batchUpdate per file: Set up queues a file's widths, formats, dropdowns, colour rules and
 * protections (built in domain/sheet-requests.ts) and sends them in one call.
 *
 * Why the flush: SpreadsheetApp holds its writes in a cache, and a REST call does not see writes still held
 * there, so every SpreadsheetApp change the requests depend on (a sheet inserted, rows added, a protection
 * removed) is pushed first with SpreadsheetApp.flush() ("Applies all pending Spreadsheet changes",
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush).
 * The whole list is applied atomically: if any request is invalid, nothing is applied (batchUpdate reference).
 */
import type { SheetRequest } from '../domain/sheet-requests';

/** The Sheets advanced service, enabled by the manifest (userSymbol "Sheets", v4); only what this file uses. */
declare const Sheets: {
  Spreadsheets: {
    batchUpdate(resource: { requests: SheetRequest[] }, spreadsheetId: string): { replies?: unknown[] };
  };
};

export class SheetBatch {
  private readonly requests: SheetRequest[] = [];

  constructor(readonly spreadsheetId: string) {}

  add(...requests: SheetRequest[]): void {
    this.requests.push(...requests);
  }

  /**
   * Columns `first`…`first + count - 1` (1-based) were just inserted after column `from` with
   * insertColumnsAfter, which gives new columns the formatting of the column before them; formats and
   * dropdowns still queued for that column are given to the new columns too, so the result is the same as
   * if the queue had been sent before the insert.
   */
  inheritColumns(sheetId: number, from: number, first: number, count: number): void {
    const copies: SheetRequest[] = [];
    for (const request of this.requests) {
      const [kind, body] = Object.entries(request)[0] ?? [];
      if (kind !== 'repeatCell' && kind !== 'setDataValidation') continue;
      const range = (body as { range: Record<string, number> }).range;
      if (range.sheetId !== sheetId) continue;
      if (!(range.startColumnIndex! <= from - 1 && from - 1 < range.endColumnIndex!)) continue;
      const moved = { ...range, startColumnIndex: first - 1, endColumnIndex: first - 1 + count };
      copies.push({ [kind]: { ...(body as object), range: moved } });
    }
    this.requests.push(...copies);
  }

  /** Flushes SpreadsheetApp's pending writes, then sends what is queued in one call (none when empty). */
  send(): void {
    if (this.requests.length === 0) return;
    SpreadsheetApp.flush();
    const requests = this.requests.splice(0, this.requests.length);
    Sheets.Spreadsheets.batchUpdate({ requests }, this.spreadsheetId);
  }
}

/**
 * Runs `fn` with the caller's batch, or with a new one for `spreadsheetId` that is sent when `fn` returns
 * (so a function that formats one sheet works alone, or as part of a whole file's batch).
 */
export function inBatch<T>(
  given: SheetBatch | undefined,
  spreadsheetId: () => string,
  fn: (batch: SheetBatch) => T,
): T {
  if (given) return fn(given);
  const batch = new SheetBatch(spreadsheetId());
  const result = fn(batch);
  batch.send();
  return result;
}
