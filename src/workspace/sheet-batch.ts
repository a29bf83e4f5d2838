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
import { deleteFirstColourRule, type SheetRequest } from '../domain/sheet-requests';

/** The parts of the Spreadsheet resource Set up reads (spreadsheets.get with FILE_FIELDS). */
interface FileView {
  sheets?: Array<{
    properties?: { sheetId?: number };
    protectedRanges?: Array<{ protectedRangeId?: number; description?: string }>;
    conditionalFormats?: unknown[];
  }>;
}
const FILE_FIELDS =
  'sheets(properties.sheetId,protectedRanges(protectedRangeId,description),conditionalFormats.ranges)';

/** The Sheets advanced service, enabled by the manifest (userSymbol "Sheets", v4); only what this file uses. */
declare const Sheets: {
  Spreadsheets: {
    batchUpdate(resource: { requests: SheetRequest[] }, spreadsheetId: string): { replies?: unknown[] };
    get(spreadsheetId: string, optionalArgs: { fields: string }): FileView;
  };
};

export class SheetBatch {
  private readonly requests: SheetRequest[] = [];
  /** The file as the API saw it before this batch's requests (read at most once per batch). */
  private view: FileView | null = null;

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

  /**
   * Queues the removal of the sheet's range protections that carry one of `descriptions` (the ones Set up
   * made before). The file's protections and colour rules are read once per batch, in one call: SpreadsheetApp
   * would take a call per protection just to read its description.
   */
  removeProtections(sheetId: number, descriptions: readonly string[]): void {
    for (const p of this.sheetView(sheetId)?.protectedRanges ?? []) {
      if (p.protectedRangeId !== undefined && descriptions.includes(p.description ?? ''))
        this.requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
    }
  }

  /** Queues the removal of every colour (conditional format) rule the sheet has now. */
  removeColourRules(sheetId: number): void {
    const count = this.sheetView(sheetId)?.conditionalFormats?.length ?? 0;
    for (let i = 0; i < count; i += 1) this.requests.push(deleteFirstColourRule(sheetId));
  }

  private sheetView(sheetId: number): NonNullable<FileView['sheets']>[number] | undefined {
    if (!this.view) {
      // A REST read does not see SpreadsheetApp's pending writes either.
      SpreadsheetApp.flush();
      this.view = Sheets.Spreadsheets.get(this.spreadsheetId, { fields: FILE_FIELDS });
    }
    return this.view.sheets?.find((s) => s.properties?.sheetId === sheetId);
  }

  /** Flushes SpreadsheetApp's pending writes, then sends what is queued in one call (none when empty). */
  send(): void {
    if (this.requests.length === 0) return;
    SpreadsheetApp.flush();
    const requests = this.requests.splice(0, this.requests.length);
    this.view = null;
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
