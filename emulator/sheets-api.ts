/**
 * The Sheets advanced service (the `Sheets` global), over the same in-memory spreadsheets SpreadsheetApp
 * uses, so what one writes the other reads back.
 *
 * Why it exists: one REST request can carry what SpreadsheetApp needs dozens of calls for (many ranges read at
 * once; many formats, widths, rules set at once). "Like all advanced services in Apps Script, the advanced
 * Sheets service uses the same objects, methods, and parameters as the public API"
 * (https://developers.google.com/apps-script/advanced/sheets), so each method here follows the Sheets API v4
 * reference (https://developers.google.com/sheets/api/reference/rest). A global exists only when the manifest
 * enables the service (dependencies.enabledAdvancedServices, userSymbol "Sheets", serviceId "sheets",
 * version "v4": the only version offered, same page).
 *
 * Anything not emulated throws: a method missing from these classes (core.ts's proxy), and inside a method
 * any request kind, option or field the emulator does not model.
 */
import { Emulated, type Counted } from './core';
import { batchUpdate, getSpreadsheet } from './sheets-api-update';
import type { Workspace } from './workspace';
import { batchGetValues, type BatchGetValuesResponse } from './sheets-api-values';

/** `Sheets.Spreadsheets.Values`: spreadsheets.values.* (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values). */
export class SheetsValues extends Emulated {
  constructor(
    ctx: Counted,
    protected readonly _ws: Workspace,
  ) {
    super(ctx, 'SheetsValues');
  }

  /** spreadsheets.values.batchGet (emulator/sheets-api-values.ts). */
  batchGet(spreadsheetId: unknown, optionalArgs?: unknown): BatchGetValuesResponse {
    return batchGetValues(this._ws, spreadsheetId, optionalArgs);
  }
}

/** `Sheets.Spreadsheets`: spreadsheets.* (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets). */
export class SheetsSpreadsheets extends Emulated {
  readonly Values: SheetsValues;

  constructor(
    ctx: Counted,
    protected readonly _ws: Workspace,
  ) {
    super(ctx, 'SheetsSpreadsheets');
    this.Values = new SheetsValues(ctx, _ws);
  }

  /** spreadsheets.batchUpdate (emulator/sheets-api-update.ts). */
  batchUpdate(resource: unknown, spreadsheetId: unknown): unknown {
    return batchUpdate(this._ws, resource, spreadsheetId);
  }

  /** spreadsheets.get with a fields mask (emulator/sheets-api-update.ts). */
  get(spreadsheetId: unknown, optionalArgs?: unknown): unknown {
    return getSpreadsheet(this._ws, spreadsheetId, optionalArgs);
  }
}

/** The `Sheets` global. */
export function sheetsFacade(ws: Workspace): unknown {
  return { Spreadsheets: new SheetsSpreadsheets(ws, ws) };
}
