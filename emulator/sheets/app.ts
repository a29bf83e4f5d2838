/** The global SpreadsheetApp. */
import { Emulated, invalidArgument } from '../core';
import { BooleanCriteria, DataValidationCriteria, ProtectionType, WrapStrategy, gas } from './common';
import { ConditionalFormatRuleBuilderFacade } from './conditional';
import { DataValidationBuilderFacade } from './validation';
import { UiFacade } from './ui';
import { DEFAULT_COLUMNS, DEFAULT_ROWS } from './model';
import { signatureError, toInt } from './ops';
import type { SpreadsheetStore } from './store';
import { DeveloperMetadataLocationType, DeveloperMetadataVisibility } from './metadata';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/** Apps Script's message when the script's context has no user interface (a trigger, a web app). */
export const NO_UI = 'Cannot call SpreadsheetApp.getUi() from this context.';

export class SpreadsheetAppFacade
  extends Emulated
  implements
    Pick<
      App,
      | 'BooleanCriteria'
      | 'DataValidationCriteria'
      | 'DeveloperMetadataLocationType'
      | 'DeveloperMetadataVisibility'
      | 'ProtectionType'
      | 'WrapStrategy'
      | 'create'
      | 'flush'
      | 'getActive'
      | 'getActiveSheet'
      | 'getActiveSpreadsheet'
      | 'getUi'
      | 'newConditionalFormatRule'
      | 'newDataValidation'
      | 'openById'
      | 'openByUrl'
    >
{
  readonly WrapStrategy = gas<App['WrapStrategy']>(WrapStrategy);
  readonly ProtectionType = gas<App['ProtectionType']>(ProtectionType);
  readonly DataValidationCriteria = gas<App['DataValidationCriteria']>(DataValidationCriteria);
  readonly BooleanCriteria = gas<App['BooleanCriteria']>(BooleanCriteria);
  readonly DeveloperMetadataVisibility = gas<App['DeveloperMetadataVisibility']>(DeveloperMetadataVisibility);
  readonly DeveloperMetadataLocationType = gas<App['DeveloperMetadataLocationType']>(
    DeveloperMetadataLocationType,
  );

  constructor(private readonly _store: SpreadsheetStore) {
    super(_store.ws, 'SpreadsheetApp');
  }

  /** The spreadsheet the script is bound to. */
  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._store.ws.noteFileAccess(this._store.ws.containerId, 'SpreadsheetApp.getActiveSpreadsheet');
    return this._store.openFacade(this._store.ws.containerId);
  }

  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this._store.ws.noteFileAccess(this._store.ws.containerId, 'SpreadsheetApp.getActive');
    return this._store.openFacade(this._store.ws.containerId);
  }

  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    const book = this._store.book(this._store.ws.containerId);
    return this._store.sheetFacade(book, this._store.activeSheet(book));
  }

  openById(id: unknown): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (typeof id !== 'string') signatureError('SpreadsheetApp.openById', [id]);
    return this._store.openChecked(id, 'openById');
  }

  openByUrl(url: unknown): GoogleAppsScript.Spreadsheet.Spreadsheet {
    if (typeof url !== 'string') signatureError('SpreadsheetApp.openByUrl', [url]);
    const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(url);
    if (!m?.[1]) invalidArgument('url');
    return this._store.openChecked(m[1], 'openByUrl');
  }

  /** A new spreadsheet in the active user's Drive, with one sheet "Sheet1" (1000 × 26 unless given). */
  create(name: unknown, rows?: unknown, columns?: unknown): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const args = [name, rows, columns].filter((x) => x !== undefined);
    if (typeof name !== 'string' || name === '') invalidArgument('name');
    const r = rows === undefined ? DEFAULT_ROWS : toInt(rows, 'SpreadsheetApp.create', args);
    const c = columns === undefined ? DEFAULT_COLUMNS : toInt(columns, 'SpreadsheetApp.create', args);
    if (r < 1) invalidArgument('rows');
    if (c < 1) invalidArgument('columns');
    const { id } = this._store.createSpreadsheet(name, this._store.ws.activeUser(), r, c);
    this._store.ws.noteFileAccess(id, 'SpreadsheetApp.create');
    return this._store.openFacade(id);
  }

  /** Writes are applied at once in the emulator, so there is nothing pending to flush. */
  flush(): void {}

  getUi(): GoogleAppsScript.Base.Ui {
    if (this._store.ws.currentExecution()?.kind === 'trigger') throw new Error(NO_UI);
    return gas(new UiFacade(this._store.ws, this._store.ui));
  }

  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return gas(new DataValidationBuilderFacade(this._store.ws));
  }

  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    const book = this._store.book(this._store.ws.containerId);
    return gas(
      new ConditionalFormatRuleBuilderFacade(
        this._store.ws,
        this._store.rangeMaker(book),
        this._store.rangeReader(),
      ),
    );
  }
}
