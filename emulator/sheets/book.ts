/** The Spreadsheet facade: a spreadsheet file, its sheets, sharing (through Drive) and settings. */
import { Emulated, NotEmulatedError, invalidArgument } from '../core';
import { instantOfWallMs, isValidTimeZone, wallMsOf } from '../zone';
import { SerialDate } from './cells';
import { ProtectionType, emailListOf, emailOf, enumName, gas } from './common';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, SheetState, type SpreadsheetState } from './model';
import { signatureError } from './ops';
import type { SpreadsheetStore } from './store';
import { DeveloperMetadataFinderFacade, addMetadata, metadataAt } from './metadata';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Apps Script's message for deleting the last sheet (the Sheets API's text for the same refusal). */
const DELETE_LAST_SHEET = "You can't remove all the sheets in a document.";
/** getEditors/getViewers by someone without edit access (unconfirmed text). */
const NO_SHARING_ACCESS = 'You do not have permission to perform that action.';

export type SpreadsheetMethod =
  | 'addDeveloperMetadata'
  | 'createDeveloperMetadataFinder'
  | 'getDeveloperMetadata'
  | 'addEditor'
  | 'addEditors'
  | 'addViewer'
  | 'addViewers'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'getEditors'
  | 'getId'
  | 'getName'
  | 'getNumSheets'
  | 'getOwner'
  | 'getProtections'
  | 'getRange'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'getViewers'
  | 'insertSheet'
  | 'removeEditor'
  | 'removeViewer'
  | 'rename'
  | 'setActiveSheet'
  | 'setSpreadsheetTimeZone'
  | 'toast';

export class SpreadsheetFacade extends Emulated implements Pick<Spreadsheet, SpreadsheetMethod> {
  constructor(
    private readonly _store: SpreadsheetStore,
    readonly _book: SpreadsheetState,
  ) {
    super(_store.ws, 'Spreadsheet');
  }

  private _self(): Spreadsheet {
    return gas(this);
  }

  private get _file(): ReturnType<SpreadsheetStore['file']> {
    return this._store.file(this._book);
  }

  getId(): string {
    return this._book.id;
  }

  getName(): string {
    return this._file.name;
  }

  rename(newName: unknown): void {
    if (typeof newName !== 'string' || newName === '') invalidArgument('newName');
    this._store.assertCanWrite(this._book, null, null);
    this._file.name = newName;
  }

  getUrl(): string {
    return this._store.urlOf(this._book.id);
  }

  getSpreadsheetLocale(): string {
    return this._book.locale;
  }

  getSpreadsheetTimeZone(): string {
    return this._book.timeZone;
  }

  /**
   * Changes the zone only: cells keep their serials (wall clocks), so each date cell now reads back as a
   * different instant and displays the same (see SerialDate in cells.ts; the serial model is
   * https://developers.google.com/sheets/api/guides/formats, "About date and time values").
   */
  setSpreadsheetTimeZone(timezone: unknown): void {
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) invalidArgument('timezone');
    this._store.assertCanWrite(this._book, null, null);
    // The flipped platform (emulator/platform.ts): every date cell keeps its instant, not its wall clock.
    if (!this._store.ws.platform.zoneChangeKeepsWallClock) {
      const from = this._book.timeZone;
      for (const sheet of this._book.sheets) {
        sheet.values.forEach((v, r, c) => {
          if (v instanceof SerialDate)
            sheet.values.set(r, c, new SerialDate(wallMsOf(instantOfWallMs(v.wallMs, from), timezone)));
        });
      }
    }
    this._book.timeZone = timezone;
  }

  // --- sheets --------------------------------------------------------------------------------------

  getSheets(): GoogleAppsScript.Spreadsheet.Sheet[] {
    return this._book.sheets.map((s) => this._store.sheetFacade(this._book, s));
  }

  getNumSheets(): number {
    return this._book.sheets.length;
  }

  getSheetByName(name: unknown): GoogleAppsScript.Spreadsheet.Sheet | null {
    if (typeof name !== 'string') signatureError('SpreadsheetApp.Spreadsheet.getSheetByName', [name]);
    const sheet = this._book.sheetByName(name);
    return sheet ? this._store.sheetFacade(this._book, sheet) : null;
  }

  getSheetById(id: unknown): GoogleAppsScript.Spreadsheet.Sheet | null {
    if (typeof id !== 'number') signatureError('SpreadsheetApp.Spreadsheet.getSheetById', [id]);
    const sheet = this._book.sheetById(id);
    return sheet ? this._store.sheetFacade(this._book, sheet) : null;
  }

  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this._store.sheetFacade(this._book, this._store.activeSheet(this._book));
  }

  setActiveSheet(sheet: unknown): GoogleAppsScript.Spreadsheet.Sheet {
    const state = this._store.sheetOfFacade(this._book, sheet);
    this._book.activeSheetId = state.sheetId;
    state.hidden = false;
    return this._store.sheetFacade(this._book, state);
  }

  /**
   * insertSheet() | (sheetIndex) | (sheetName) | (sheetName, sheetIndex); the index is 0-based. The new
   * sheet (1000 × 26) becomes the active sheet. Templates are not emulated.
   */
  insertSheet(a?: unknown, b?: unknown, c?: unknown): GoogleAppsScript.Spreadsheet.Sheet {
    const args = [a, b, c].filter((x) => x !== undefined);
    if (args.some((x) => typeof x === 'object' && x !== null)) {
      throw new NotEmulatedError('Spreadsheet.insertSheet with options (templates)');
    }
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'string') {
      name = a;
      if (b !== undefined) {
        if (typeof b !== 'number') signatureError('SpreadsheetApp.Spreadsheet.insertSheet', args);
        index = b;
      }
    } else if (typeof a === 'number') {
      if (b !== undefined) signatureError('SpreadsheetApp.Spreadsheet.insertSheet', args);
      index = a;
    } else if (a !== undefined) {
      signatureError('SpreadsheetApp.Spreadsheet.insertSheet', args);
    }
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > this._book.sheets.length)) {
      invalidArgument('sheetIndex');
    }
    if (name !== undefined) {
      if (name.trim() === '') invalidArgument('sheetName');
      this._store.checkSheetName(this._book, name);
    }
    this._store.assertCanWrite(this._book, null, null);
    this._store.ensureCapacity(this._book, DEFAULT_ROWS * DEFAULT_COLUMNS);
    const sheet = new SheetState(
      this._book.newSheetId(),
      name ?? this._store.nextSheetName(this._book),
      DEFAULT_ROWS,
      DEFAULT_COLUMNS,
    );
    this._book.sheets.splice(index ?? this._book.sheets.length, 0, sheet);
    this._book.activeSheetId = sheet.sheetId;
    return this._store.sheetFacade(this._book, sheet);
  }

  deleteSheet(sheet: unknown): void {
    const state = this._store.sheetOfFacade(this._book, sheet);
    if (this._book.sheets.length === 1) throw new Error(DELETE_LAST_SHEET);
    this._store.assertCanWrite(this._book, state, null);
    this._book.sheets.splice(this._book.sheets.indexOf(state), 1);
    for (let i = this._book.protections.length - 1; i >= 0; i -= 1) {
      if (this._book.protections[i]?.sheetId === state.sheetId) this._book.protections.splice(i, 1);
    }
    // "If the associated object is deleted then its metadata is deleted too" (see metadata.ts).
    for (let i = this._book.metadata.length - 1; i >= 0; i -= 1) {
      if (this._book.metadata[i]?.sheetId === state.sheetId) this._book.metadata.splice(i, 1);
    }
    if (this._book.activeSheetId === state.sheetId)
      this._book.activeSheetId = this._book.sheets[0]?.sheetId ?? 0;
  }

  getRange(a1Notation: unknown): GoogleAppsScript.Spreadsheet.Range {
    if (typeof a1Notation !== 'string') signatureError('SpreadsheetApp.Spreadsheet.getRange', [a1Notation]);
    return this._store.rangeByA1(this._book, a1Notation, this._store.activeSheet(this._book));
  }

  getProtections(type: unknown): GoogleAppsScript.Spreadsheet.Protection[] {
    const name = enumName(type, ProtectionType, 'type');
    return this._book.protections
      .filter((p) => p.type === name)
      .map((p) => this._store.protectionFacade(this._book, p));
  }

  // --- developer metadata (see metadata.ts) -------------------------------------------------------------

  addDeveloperMetadata(key: unknown, b?: unknown, c?: unknown): Spreadsheet {
    addMetadata(this._store, this._book, null, key, b, c);
    return this._self();
  }

  /** The spreadsheet's own entries (not its sheets'). */
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return metadataAt(this._store, this._book, null);
  }

  /** A search over every location in the spreadsheet. */
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return gas(new DeveloperMetadataFinderFacade(this._store, this._book, undefined));
  }

  toast(msg: unknown, title?: unknown, _timeoutSeconds?: unknown): void {
    this._store.ui.toast(
      this._book.id,
      String(msg),
      title === undefined || title === null ? '' : String(title),
    );
  }

  // --- sharing (Drive) -----------------------------------------------------------------------------

  getOwner(): GoogleAppsScript.Base.User | null {
    return this._store.userFacade(this._file.owner);
  }

  /**
   * The Drive reference for Spreadsheet.getEditors/getViewers (older text): "If the user who executes
   * the script does not have edit access to the Spreadsheet, this method throws an exception."
   * (The message is unconfirmed.)
   */
  private _assertEditor(): void {
    if (!this._store.ws.drive.canEdit(this._store.ws.activeUser(), this._book.id)) {
      throw new Error(NO_SHARING_ACCESS);
    }
  }

  /** The owner, then the direct editors (people and group addresses). */
  getEditors(): GoogleAppsScript.Base.User[] {
    this._assertEditor();
    const f = this._file;
    return [f.owner, ...[...f.editors].filter((e) => e.toLowerCase() !== f.owner.toLowerCase())].map((e) =>
      this._store.userFacade(e),
    );
  }

  /**
   * "Gets the list of viewers and commenters for this Spreadsheet."
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getViewers()
   */
  getViewers(): GoogleAppsScript.Base.User[] {
    this._assertEditor();
    const f = this._file;
    return [...f.commenters, ...f.viewers].map((e) => this._store.userFacade(e));
  }

  /** Every address first (a blocked one refuses the whole call, and nothing is shared). */
  private _share(emails: string[], role: 'editor' | 'viewer'): Spreadsheet {
    const drive = this._store.ws.drive;
    for (const email of emails) drive.assertMayShareWith(email);
    for (const email of emails) {
      const current = drive.directRole(this._book.id, email);
      // addViewer: "If the user was already on the list of editors, this method has no effect."
      // A commenter stays a commenter too (Drive keeps the higher role; unconfirmed).
      if (role === 'viewer' && current !== null) continue;
      drive.setDirect(this._book.id, email, role);
    }
    return this._self();
  }

  addEditor(emailAddress: unknown): Spreadsheet {
    return this._share([emailOf(emailAddress)], 'editor');
  }

  addEditors(emailAddresses: unknown): Spreadsheet {
    return this._share(emailListOf(emailAddresses), 'editor');
  }

  addViewer(emailAddress: unknown): Spreadsheet {
    return this._share([emailOf(emailAddress)], 'viewer');
  }

  addViewers(emailAddresses: unknown): Spreadsheet {
    return this._share(emailListOf(emailAddresses), 'viewer');
  }

  /**
   * Removes a direct editor. It "doesn't block users from accessing the Spreadsheet if they belong to a
   * class of users who have general access—for example, if the Spreadsheet is shared with the user's
   * entire domain" (Spreadsheet.removeEditor); group membership and link sharing stay in force.
   */
  removeEditor(emailAddress: unknown): Spreadsheet {
    this._store.ws.drive.removeDirect(this._book.id, emailOf(emailAddress), 'editor');
    return this._self();
  }

  /**
   * "Removes the given user from the list of viewers and commenters for the Spreadsheet. This method has
   * no effect if the user is an editor, not a viewer or commenter." (The page then adds "For Drive files,
   * this also removes the user from the list of editors"; the emulator keeps the editor, so a script
   * cannot rely on removeViewer to take edit access away.)
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#removeViewer(String)
   */
  removeViewer(emailAddress: unknown): Spreadsheet {
    this._store.ws.drive.removeDirect(this._book.id, emailOf(emailAddress), ['commenter', 'viewer']);
    return this._self();
  }
}
