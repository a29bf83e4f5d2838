/**
 * SpreadsheetStore: every spreadsheet in the emulated Drive, the SpreadsheetApp/Charts globals, and
 * the test side — a person editing or pasting into cells (which fires edit triggers), what a person
 * may edit, and a JSON snapshot.
 */
import { NotEmulatedError, invalidArgument, isDate } from '../core';
import type { DriveFile, ExecutionRecord, Workspace } from '../workspace';
import {
  RANGE_NOT_FOUND,
  parseA1,
  qualifiedA1,
  rectA1,
  rectContains,
  rectsIntersect,
  resolveA1,
  type Rect,
  type Unbounded,
} from './a1';
import { SpreadsheetAppFacade } from './app';
import { SpreadsheetFacade } from './book';
import { Formula, SerialDate, parseInput, type Cell } from './cells';
import { ChartsFacade } from './charts';
import { gas } from './common';
import { displayCell } from './format';
import { instantOfWallMs, isValidTimeZone } from '../zone';
import {
  DEFAULT_COLUMNS,
  DEFAULT_ROWS,
  FORMAT_LAYERS,
  MAX_CELLS,
  SheetState,
  SpreadsheetState,
  TOO_MANY_CELLS,
  type ProtectionState,
  type RangeRef,
} from './model';
import { OUTSIDE_SHEET, checkRect, checkShape, writeValues } from './ops';
import { ProtectionFacade } from './protection';
import { RangeFacade } from './range';
import { SheetFacade } from './sheet';
import { TextFinderFacade } from './textfinder';
import { UiStore } from './ui';
import { UserFacade } from './user';
import { passesValidation } from './validation';
import type { SparseGrid } from './grid';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Sheets' message when a protected cell is edited, by a script or in the browser. */
export const PROTECTED_CELL =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** Apps Script's messages for a spreadsheet that cannot be opened. */
const NO_ACCESS = 'You do not have permission to access the requested document.';
const openFailure = (method: string): string =>
  `Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`;

const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

type EventType = 'ON_EDIT' | 'ON_CHANGE' | 'ON_OPEN' | 'ON_FORM_SUBMIT' | 'CLOCK';
/** The part of the ScriptStore this module uses (written by another helper; may not exist yet). */
interface TriggerFiring {
  fire?: (
    eventType: EventType,
    sourceId: string,
    makeEvent: (triggerUid: string) => Record<string, unknown>,
    cause?: string,
  ) => ExecutionRecord[];
  authModes?: () => Record<string, unknown>;
}

export interface UserEditResult {
  /** The simple onEdit execution, if the script has one. */
  simple?: ExecutionRecord;
  /** Installable ON_EDIT/ON_CHANGE trigger executions (empty until the ScriptStore can fire them). */
  installable: ExecutionRecord[];
}

export class SpreadsheetStore {
  readonly ui: UiStore;
  private readonly books = new Map<string, SpreadsheetState>();
  private services: { SpreadsheetApp: SpreadsheetAppFacade; Charts: ChartsFacade } | null = null;

  constructor(readonly ws: Workspace) {
    this.ui = new UiStore(ws);
  }

  globals(): Record<string, unknown> {
    this.services ??= { SpreadsheetApp: new SpreadsheetAppFacade(this), Charts: new ChartsFacade(this.ws) };
    return { ...this.services };
  }

  /** A new spreadsheet file in Drive with one sheet "Sheet1". */
  createSpreadsheet(
    name: string,
    owner: string,
    rows = DEFAULT_ROWS,
    columns = DEFAULT_COLUMNS,
  ): { id: string } {
    if (rows * columns > MAX_CELLS) throw new Error(TOO_MANY_CELLS);
    const file = this.ws.drive.create('spreadsheet', name, owner);
    const book = new SpreadsheetState(file.id, this.ws.timeZone);
    book.sheets.push(new SheetState(book.newSheetId(), 'Sheet1', rows, columns));
    this.books.set(file.id, book);
    return { id: file.id };
  }

  /** The Spreadsheet facade of a file (no permission check: the test side or an event source). */
  openFacade(id: string): Spreadsheet {
    return this.bookFacade(this.book(id));
  }

  userFacade(email: string): GoogleAppsScript.Base.User {
    return gas(new UserFacade(this.ws, email));
  }

  // --- lookups used by the facades -----------------------------------------------------------------

  book(id: string): SpreadsheetState {
    const book = this.books.get(id);
    if (!book) throw new Error(`no spreadsheet ${id}`);
    return book;
  }

  file(book: SpreadsheetState): DriveFile {
    const file = this.ws.drive.get(book.id);
    if (!file) throw new Error(`no Drive file for spreadsheet ${book.id}`);
    return file;
  }

  urlOf(id: string): string {
    return `https://docs.google.com/spreadsheets/d/${id}/edit`;
  }

  /** openById / openByUrl for the active user. */
  openChecked(id: string, method: string): Spreadsheet {
    this.ws.noteFileAccess(id, `SpreadsheetApp.${method}`);
    const file = this.ws.drive.get(id);
    if (!file || file.kind !== 'spreadsheet' || file.trashed || !this.books.has(id))
      throw new Error(openFailure(method));
    if (!this.ws.drive.canView(this.ws.activeUser(), id)) throw new Error(NO_ACCESS);
    return this.openFacade(id);
  }

  sheetOf(book: SpreadsheetState, sheetId: number): SheetState {
    const sheet = book.sheetById(sheetId);
    if (!sheet) throw new Error(RANGE_NOT_FOUND);
    return sheet;
  }

  activeSheet(book: SpreadsheetState): SheetState {
    const sheet = book.sheetById(book.activeSheetId) ?? book.sheets[0];
    if (!sheet) throw new Error('spreadsheet without sheets');
    return sheet;
  }

  /** The sheet behind a Sheet facade of this spreadsheet, or "Invalid argument". */
  sheetOfFacade(book: SpreadsheetState, value: unknown): SheetState {
    if (value && typeof value === 'object' && (value as { _className?: unknown })._className === 'Sheet') {
      const f = value as { _book: SpreadsheetState; _sheet: SheetState };
      if (f._book === book && book.sheets.includes(f._sheet)) return f._sheet;
    }
    return invalidArgument('sheet');
  }

  /** The sheet and rectangle of a Range facade passed in by the script. */
  readRange(value: unknown, parameter: string): { book: SpreadsheetState; sheet: SheetState; rect: Rect } {
    if (value && typeof value === 'object' && (value as { _className?: unknown })._className === 'Range') {
      const f = value as { _book: SpreadsheetState; _sheet: SheetState; _rect: Rect };
      return { book: f._book, sheet: f._sheet, rect: { ...f._rect } };
    }
    return invalidArgument(parameter);
  }

  rangeReader(): (value: unknown, parameter: string) => RangeRef {
    return (value, parameter) => {
      const { book, sheet, rect } = this.readRange(value, parameter);
      return { sheetId: sheet.sheetId, rect, bookId: book.id };
    };
  }

  rangeMaker(book: SpreadsheetState): (ref: RangeRef) => Range {
    return (ref) => {
      const owner = ref.bookId ? this.book(ref.bookId) : book;
      return this.rangeFacade(owner, this.sheetOf(owner, ref.sheetId), ref.rect);
    };
  }

  bookFacade(book: SpreadsheetState): Spreadsheet {
    return gas(new SpreadsheetFacade(this, book));
  }

  sheetFacade(book: SpreadsheetState, sheet: SheetState): Sheet {
    return gas(new SheetFacade(this, book, sheet));
  }

  rangeFacade(book: SpreadsheetState, sheet: SheetState, rect: Rect, unbounded?: Unbounded): Range {
    return gas(new RangeFacade(this, book, sheet, { ...rect }, unbounded));
  }

  protectionFacade(book: SpreadsheetState, state: ProtectionState): GoogleAppsScript.Spreadsheet.Protection {
    return gas(new ProtectionFacade(this, book, state));
  }

  textFinder(
    book: SpreadsheetState,
    sheet: SheetState,
    rect: Rect,
    text: string,
  ): GoogleAppsScript.Spreadsheet.TextFinder {
    return gas(new TextFinderFacade(this, book, sheet, rect, text));
  }

  /** Resolves `A1`, `Sheet!A1:B2`, `A:C`… against a spreadsheet, defaulting to `sheet`. */
  resolveA1(
    book: SpreadsheetState,
    a1: string,
    sheet: SheetState,
  ): { sheet: SheetState; rect: Rect; unbounded: Unbounded } {
    const parsed = parseA1(a1);
    const target = parsed.sheetName === undefined ? sheet : book.sheetByName(parsed.sheetName);
    if (!target) throw new Error(RANGE_NOT_FOUND);
    const { rect, unbounded } = resolveA1(parsed, target.maxRows, target.maxColumns);
    if (rect.row + rect.numRows - 1 > target.maxRows || rect.col + rect.numCols - 1 > target.maxColumns) {
      throw new Error(OUTSIDE_SHEET);
    }
    checkRect(target, rect);
    return { sheet: target, rect, unbounded };
  }

  rangeByA1(book: SpreadsheetState, a1: string, sheet: SheetState): Range {
    const { sheet: target, rect, unbounded } = this.resolveA1(book, a1, sheet);
    return this.rangeFacade(book, target, rect, unbounded);
  }

  /** Sheet names are unique regardless of case; Apps Script's message otherwise. */
  checkSheetName(book: SpreadsheetState, name: string, renaming?: SheetState): void {
    const clash = book.sheets.find((s) => s !== renaming && s.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  nextSheetName(book: SpreadsheetState): string {
    for (let n = book.sheets.length + 1; ; n += 1) {
      const name = `Sheet${n}`;
      if (!book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  /** Refuses growth past Sheets' 10,000,000-cell limit. */
  ensureCapacity(book: SpreadsheetState, extraCells: number): void {
    if (book.totalCells() + extraCells > MAX_CELLS) throw new Error(TOO_MANY_CELLS);
  }

  // --- permissions ---------------------------------------------------------------------------------

  /** The editors a protection lets through: its explicit list, or (mirroring) the file's editors. */
  protectionEditors(book: SpreadsheetState, p: ProtectionState): string[] {
    const file = this.file(book);
    const listed = p.editors ?? [...file.editors];
    const out = [file.owner];
    for (const e of listed) if (!out.some((x) => sameEmail(x, e))) out.push(e);
    return out;
  }

  /**
   * Whether a person may edit what a protection covers. Only someone who can edit the file at all
   * (Protection.addEditor "does not automatically give the user permission to edit the spreadsheet
   * itself"); then the owner ("The spreadsheet owner is always able to edit protected ranges and
   * sheets", Protection.canEdit); everyone, while the protection still mirrors the file; else the listed
   * editors, members of a listed Google Group ("if the user is a member of a Google Group that has edit
   * permission … the user [is] still able to edit", Protection.removeEditor), and, with domain edit on,
   * everyone in the owner's domain. https://developers.google.com/apps-script/reference/spreadsheet/protection
   */
  protectionAllows(book: SpreadsheetState, p: ProtectionState, email: string): boolean {
    if (!this.ws.drive.canEdit(email, book.id)) return false;
    const owner = this.file(book).owner;
    if (sameEmail(owner, email) || p.editors === null) return true;
    if (p.editors.some((e) => this.ws.drive.covers(e, email))) return true;
    return this.protectionDomainEdit(book, p) && domainOf(email) === domainOf(owner);
  }

  /**
   * Protection.canDomainEdit: "whether all users in the domain that owns the spreadsheet have
   * permission to edit the protected range or sheet". While the protection mirrors the file, that is
   * whether the file's link sharing lets the whole domain edit it (derived from "the permissions mirror
   * those of the spreadsheet itself", Range.protect(); the value itself unconfirmed).
   */
  protectionDomainEdit(book: SpreadsheetState, p: ProtectionState): boolean {
    return p.editors === null ? this.ws.drive.domainCanEdit(book.id) : p.domainEdit;
  }

  /** Whether a protection covers a rectangle (null = the sheet itself: structural changes). */
  private covers(p: ProtectionState, sheet: SheetState, rect: Rect | null): boolean {
    if (p.sheetId !== sheet.sheetId) return false;
    if (p.type === 'RANGE') return rect !== null && p.rect !== null && rectsIntersect(p.rect, rect);
    if (rect === null || p.unprotected.length === 0) return true;
    // A protected sheet covers every cell outside its unprotected regions.
    for (let r = rect.row; r < rect.row + rect.numRows; r += 1) {
      for (let c = rect.col; c < rect.col + rect.numCols; c += 1) {
        if (!p.unprotected.some((u) => rectContains(u, r, c))) return true;
      }
    }
    return false;
  }

  canEditRect(email: string, book: SpreadsheetState, sheet: SheetState, rect: Rect | null): boolean {
    if (!this.ws.drive.canEdit(email, book.id)) return false;
    return book.protections.every(
      (p) => p.warningOnly || !this.covers(p, sheet, rect) || this.protectionAllows(book, p, email),
    );
  }

  /**
   * A script write by the active user. A protected cell refuses it with Sheets' message; writing to a
   * file the user can only view is not modelled (a viewer cannot run the script's menus or triggers).
   */
  assertCanWrite(book: SpreadsheetState, sheet: SheetState | null, rect: Rect | null): void {
    const user = this.ws.activeUser();
    if (!this.ws.drive.canEdit(user, book.id)) {
      throw new NotEmulatedError(`a script writing to a spreadsheet ${user} cannot edit`);
    }
    if (sheet && !this.canEditRect(user, book, sheet, rect)) throw new Error(PROTECTED_CELL);
  }

  protect(
    book: SpreadsheetState,
    sheet: SheetState,
    rect: Rect | null,
  ): GoogleAppsScript.Spreadsheet.Protection {
    if (rect === null) {
      const existing = book.protections.find((p) => p.type === 'SHEET' && p.sheetId === sheet.sheetId);
      if (existing) return this.protectionFacade(book, existing);
    }
    const state: ProtectionState = {
      type: rect === null ? 'SHEET' : 'RANGE',
      sheetId: sheet.sheetId,
      rect,
      description: '',
      warningOnly: false,
      editors: null,
      domainEdit: false,
      unprotected: [],
    };
    // The flipped platform (platform.ts): restricted to the owner and the current user at once.
    if (!this.ws.platform.newProtectionMirrorsFile) {
      const owner = this.file(book).owner;
      const me = this.ws.activeUser();
      state.editors = owner.toLowerCase() === me.toLowerCase() ? [owner] : [owner, me];
    }
    book.protections.push(state);
    return this.protectionFacade(book, state);
  }

  // --- clearing ------------------------------------------------------------------------------------

  clearContents(sheet: SheetState, rect: Rect): void {
    sheet.values.fill(rect.row - 1, rect.col - 1, rect.numRows, rect.numCols, undefined);
    sheet.noteWrite(rect, false);
  }

  clearFormats(sheet: SheetState, rect: Rect): void {
    for (const layer of FORMAT_LAYERS) {
      sheet.formats[layer].fill(rect.row - 1, rect.col - 1, rect.numRows, rect.numCols, undefined);
    }
  }

  clearValidations(sheet: SheetState, rect: Rect): void {
    sheet.validations.fill(rect.row - 1, rect.col - 1, rect.numRows, rect.numCols, undefined);
  }

  clearNotes(sheet: SheetState, rect: Rect): void {
    sheet.notes.fill(rect.row - 1, rect.col - 1, rect.numRows, rect.numCols, undefined);
  }

  // --- test side: people at the keyboard -----------------------------------------------------------

  /** Whether a person could type into a cell: file access and protections (warning-only ones do not block). */
  _canUserEdit(
    email: string,
    sheetName: string,
    row: number,
    col: number,
    spreadsheetId = this.ws.containerId,
  ): boolean {
    const book = this.book(spreadsheetId);
    const sheet = book.sheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    return this.canEditRect(email, book, sheet, { row, col, numRows: 1, numCols: 1 });
  }

  /**
   * A person changes File › Settings › Time zone. Only an editor of the file may (a viewer cannot open the
   * settings). Like Spreadsheet.setSpreadsheetTimeZone, it changes the zone only: every date cell keeps its
   * serial, so it shows the same wall clock and reads back as a different instant (see SerialDate).
   * Fires no edit trigger (a settings change is not a cell edit; unconfirmed).
   */
  _setTimeZone(user: string, spreadsheetId: string, timeZone: string): void {
    const book = this.book(spreadsheetId);
    if (!this.ws.drive.canEdit(user, book.id))
      throw new Error(`${user} cannot change the settings of this spreadsheet (not an editor)`);
    if (!isValidTimeZone(timeZone)) throw new Error(`_setTimeZone: unknown time zone ${timeZone}`);
    book.timeZone = timeZone;
  }

  /** A person types a value into one cell, then edit triggers fire. */
  _userEdit(
    user: string,
    spreadsheetId: string,
    sheetName: string,
    a1: string,
    value: unknown,
  ): UserEditResult {
    const book = this.book(spreadsheetId);
    const { sheet, rect } = this.userTarget(book, sheetName, a1);
    if (rect.numRows !== 1 || rect.numCols !== 1)
      throw new Error('_userEdit edits one cell; use _userPaste for more');
    return this.applyUserEdit(user, book, sheet, rect, [[value]]);
  }

  /** A person pastes a block of values, then edit triggers fire once for the whole range. */
  _userPaste(
    user: string,
    spreadsheetId: string,
    sheetName: string,
    a1Range: string,
    values: unknown[][],
  ): UserEditResult {
    const book = this.book(spreadsheetId);
    const { sheet, rect } = this.userTarget(book, sheetName, a1Range);
    checkShape(values, rect, 'paste');
    return this.applyUserEdit(user, book, sheet, rect, values);
  }

  /**
   * A person renames a sheet from its tab. A protected sheet refuses anyone its protection does not let
   * through; protected ranges on the sheet do not stop a rename (they guard cells, not the tab — unconfirmed:
   * the Sheets help describes protecting a sheet against changes, not what range protections block). Installable
   * change triggers fire with changeType OTHER, the type Sheets gives a rename.
   */
  _userRenameSheet(user: string, spreadsheetId: string, from: string, to: string): UserEditResult {
    const book = this.book(spreadsheetId);
    const sheet = book.sheetByName(from);
    if (!sheet) throw new Error(`no sheet "${from}"`);
    this.assertPersonMayChange(user, book, sheet, null);
    this.checkSheetName(book, to, sheet);
    sheet.name = to;
    return { installable: this.fireChange(user, book, 'OTHER') };
  }

  /**
   * A person duplicates a sheet from its tab (Duplicate), then renames the copy: values, formats, notes,
   * validation, frozen rows and column widths are copied; protections and charts are not (unconfirmed: the
   * emulator keeps it simple). The sheet's developer metadata is copied to the new sheet (unconfirmed, the
   * stricter choice: see metadata.ts). Change triggers fire with changeType INSERT_GRID.
   */
  _userDuplicateSheet(user: string, spreadsheetId: string, from: string, to: string): UserEditResult {
    const book = this.book(spreadsheetId);
    const source = book.sheetByName(from);
    if (!source) throw new Error(`no sheet "${from}"`);
    if (!this.ws.drive.canEdit(user, book.id))
      throw new Error(`${user} cannot edit this spreadsheet (view only)`);
    this.checkSheetName(book, to);
    this.ensureCapacity(book, source.maxRows * source.maxColumns);
    const copy = new SheetState(book.newSheetId(), to, source.maxRows, source.maxColumns);
    source.values.forEach((v, r, c) => copy.values.set(r, c, v));
    source.notes.forEach((v, r, c) => copy.notes.set(r, c, v));
    source.validations.forEach((v, r, c) => copy.validations.set(r, c, v));
    for (const layer of FORMAT_LAYERS)
      source.formats[layer].forEach((v, r, c) => copy.formats[layer].set(r, c, v));
    for (const [c, w] of source.columnWidths) copy.columnWidths.set(c, w);
    copy.frozenRows = source.frozenRows;
    copy.frozenColumns = source.frozenColumns;
    copy.noteWrite({ row: 1, col: 1, numRows: 1, numCols: 1 }, false);
    book.sheets.splice(book.sheets.indexOf(source) + 1, 0, copy);
    for (const md of book.metadata.filter((m) => m.sheetId === source.sheetId)) {
      book.metadata.push({ ...md, id: book.newMetadataId(), sheetId: copy.sheetId });
    }
    return { installable: this.fireChange(user, book, 'INSERT_GRID') };
  }

  /** The developer metadata of a spreadsheet, every project's (test side: no visibility filter). */
  _developerMetadata(spreadsheetId: string): Array<{
    id: number;
    key: string;
    value: string | null;
    visibility: string;
    projectId: string;
    sheet: string | null;
  }> {
    const book = this.book(spreadsheetId);
    return book.metadata.map((m) => ({
      id: m.id,
      key: m.key,
      value: m.value,
      visibility: m.visibility,
      projectId: m.projectId,
      sheet: m.sheetId === null ? null : (book.sheetById(m.sheetId)?.name ?? null),
    }));
  }

  /** A person deletes a whole sheet from its tab; its developer metadata goes with it. */
  _userDeleteSheet(user: string, spreadsheetId: string, name: string): UserEditResult {
    const book = this.book(spreadsheetId);
    const sheet = book.sheetByName(name);
    if (!sheet) throw new Error(`no sheet "${name}"`);
    if (book.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.assertPersonMayChange(user, book, sheet, null);
    book.sheets.splice(book.sheets.indexOf(sheet), 1);
    for (let i = book.protections.length - 1; i >= 0; i -= 1)
      if (book.protections[i]?.sheetId === sheet.sheetId) book.protections.splice(i, 1);
    for (let i = book.metadata.length - 1; i >= 0; i -= 1)
      if (book.metadata[i]?.sheetId === sheet.sheetId) book.metadata.splice(i, 1);
    if (book.activeSheetId === sheet.sheetId) book.activeSheetId = book.sheets[0]?.sheetId ?? 0;
    return { installable: this.fireChange(user, book, 'REMOVE_GRID') };
  }

  /**
   * A person deletes whole rows (select rows › Delete rows). Sheets refuses when any cell of them is
   * protected against that person, with the same message as a protected edit. Change triggers fire with
   * changeType REMOVE_ROW; edit triggers do not fire for a structural change.
   */
  _userDeleteRows(
    user: string,
    spreadsheetId: string,
    sheetName: string,
    row: number,
    count = 1,
  ): UserEditResult {
    const book = this.book(spreadsheetId);
    const sheet = book.sheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    if (!Number.isInteger(row) || !Number.isInteger(count) || row < 1 || count < 1)
      throw new Error('_userDeleteRows: rows are whole numbers from 1');
    if (row + count - 1 > sheet.maxRows) throw new Error(`${sheetName} has only ${sheet.maxRows} rows`);
    if (sheet.maxRows - count <= sheet.frozenRows)
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this.assertPersonMayChange(user, book, sheet, { row, col: 1, numRows: count, numCols: sheet.maxColumns });
    sheet.deleteRows(row, count);
    book.shiftRefs(sheet.sheetId, 'rows', row, count, false);
    return { installable: this.fireChange(user, book, 'REMOVE_ROW') };
  }

  private assertPersonMayChange(
    user: string,
    book: SpreadsheetState,
    sheet: SheetState,
    rect: Rect | null,
  ): void {
    if (!this.ws.drive.canEdit(user, book.id))
      throw new Error(`${user} cannot edit this spreadsheet (view only)`);
    if (!this.canEditRect(user, book, sheet, rect)) throw new Error(PROTECTED_CELL);
  }

  private fireChange(user: string, book: SpreadsheetState, changeType: string): ExecutionRecord[] {
    const script = this.ws.script as unknown as TriggerFiring;
    if (typeof script.fire !== 'function') return [];
    const modes = typeof script.authModes === 'function' ? script.authModes() : {};
    return script.fire('ON_CHANGE', book.id, (uid) => ({
      authMode: modes.FULL ?? 'FULL',
      changeType,
      source: this.bookFacade(book),
      user: this.userFacade(user),
      triggerUid: uid,
    }));
  }

  private userTarget(
    book: SpreadsheetState,
    sheetName: string,
    a1: string,
  ): { sheet: SheetState; rect: Rect } {
    const sheet = book.sheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    const { rect, sheet: target } = this.resolveA1(book, a1, sheet);
    return { sheet: target, rect };
  }

  private applyUserEdit(
    user: string,
    book: SpreadsheetState,
    sheet: SheetState,
    rect: Rect,
    values: unknown[][],
  ): UserEditResult {
    if (!this.ws.drive.canEdit(user, book.id))
      throw new Error(`${user} cannot edit this spreadsheet (view only)`);
    if (!this.canEditRect(user, book, sheet, rect)) throw new Error(PROTECTED_CELL);
    // Data validation that rejects input refuses the whole edit, as the browser does.
    values.forEach((line, i) =>
      line.forEach((value, j) => {
        const r = rect.row + i;
        const c = rect.col + j;
        const rule = sheet.validations.get(r - 1, c - 1);
        if (!rule || rule.allowInvalid) return;
        const format = sheet.formats.numberFormat.get(r - 1, c - 1);
        const cell = parseInput(value, format, isDate, book.timeZone);
        const display =
          cell === undefined || cell instanceof Formula ? '' : displayCell(cell, format, book.timeZone);
        if (!passesValidation(rule, cell, display, book.timeZone)) {
          const where = rectA1({ row: r, col: c, numRows: 1, numCols: 1 });
          throw new Error(
            rule.helpText ||
              `The data you entered in cell ${where} violates the data validation rules set on this cell.`,
          );
        }
      }),
    );
    const single = rect.numRows === 1 && rect.numCols === 1;
    const before = single ? sheet.values.get(rect.row - 1, rect.col - 1) : undefined;
    writeValues(sheet, rect, values, book.timeZone);
    const after = single ? sheet.values.get(rect.row - 1, rect.col - 1) : undefined;
    return this.fireEditTriggers(user, book, sheet, rect, single, before, after);
  }

  /**
   * e.value / e.oldValue as Sheets passes them: text (TRUE/FALSE for booleans, a serial for dates — the
   * stored serial itself, so it does not depend on the zone). (unconfirmed: the event-object reference
   * only says e.value is "New cell value", https://developers.google.com/apps-script/guides/triggers/events)
   */
  private eventValue(cell: Cell | undefined): string | undefined {
    if (cell === undefined || cell instanceof Formula) return undefined;
    if (cell instanceof SerialDate) return String(cell.serial);
    if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
    return String(cell);
  }

  private fireEditTriggers(
    user: string,
    book: SpreadsheetState,
    sheet: SheetState,
    rect: Rect,
    single: boolean,
    before: Cell | undefined,
    after: Cell | undefined,
  ): UserEditResult {
    const script = this.ws.script as unknown as TriggerFiring;
    const modes = typeof script.authModes === 'function' ? script.authModes() : {};
    // e.user: blank in a simple trigger, and for an editor whose email Apps Script does not show the script
    // (see Workspace.activeUserEmail / emailVisible).
    const shown = this.ws.emailVisible(user) ? user : '';
    const event = (authMode: unknown, triggerUid: string, eventUser: string): Record<string, unknown> => {
      const e: Record<string, unknown> = {
        authMode,
        range: this.rangeFacade(book, sheet, rect),
        source: this.bookFacade(book),
        user: this.userFacade(eventUser),
        triggerUid,
      };
      // Sheets leaves value/oldValue out for a multi-cell edit, and oldValue out when the cell was empty.
      if (single) {
        const value = this.eventValue(after);
        const oldValue = this.eventValue(before);
        if (value !== undefined) e.value = value;
        if (oldValue !== undefined) e.oldValue = oldValue;
      }
      return e;
    };
    const result: UserEditResult = { installable: [] };
    if (this.ws.hasFunction('onEdit')) {
      result.simple = this.ws.runRecorded('onEdit', [event(modes.LIMITED ?? 'LIMITED', '', '')], {
        user,
        kind: 'simple',
      });
    }
    // Installable triggers come from the ScriptStore, which may not provide fire() yet.
    if (typeof script.fire === 'function') {
      result.installable.push(
        ...script.fire('ON_EDIT', book.id, (uid) => event(modes.FULL ?? 'FULL', uid, shown), user),
      );
      result.installable.push(
        ...script.fire(
          'ON_CHANGE',
          book.id,
          (uid) => ({
            authMode: modes.FULL ?? 'FULL',
            changeType: 'EDIT',
            source: this.bookFacade(book),
            user: this.userFacade(shown),
            triggerUid: uid,
          }),
          user,
        ),
      );
    }
    return result;
  }

  // --- test side: reading ---------------------------------------------------------------------------

  /** A sheet's values as JSON data (Dates as ISO strings), up to its last row and column. */
  _sheetValues(
    sheetName: string,
    spreadsheetId = this.ws.containerId,
  ): Array<Array<string | number | boolean | null>> {
    const book = this.book(spreadsheetId);
    const sheet = book.sheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    return this.jsonValues(sheet, book.timeZone);
  }

  /** Date serials as the ISO instant they stand for in the spreadsheet's zone now. */
  private jsonValues(sheet: SheetState, timeZone: string): Array<Array<string | number | boolean | null>> {
    const rows = sheet.lastRow();
    const cols = sheet.lastColumn();
    const out: Array<Array<string | number | boolean | null>> = [];
    for (let r = 0; r < rows; r += 1) {
      const source = sheet.values.rows[r];
      const line: Array<string | number | boolean | null> = [];
      for (let c = 0; c < cols; c += 1) {
        const cell = source?.[c];
        if (cell === undefined) line.push('');
        else if (cell instanceof Formula) line.push(null);
        else if (cell instanceof SerialDate)
          line.push(new Date(instantOfWallMs(cell.wallMs, timeZone)).toISOString());
        else line.push(cell);
      }
      out.push(line);
    }
    return out;
  }

  /** Runs of equal values per column, merged across adjacent columns: {'A2:B100': value}. */
  private compact<T>(
    grid: SparseGrid<T>,
    keyOf: (v: T) => string,
    valueOf: (v: T) => unknown,
  ): Record<string, unknown> {
    const byColumn = new Map<number, Array<{ r0: number; r1: number; key: string; value: unknown }>>();
    grid.forEach((v, r, c) => {
      const key = keyOf(v);
      const list = byColumn.get(c) ?? [];
      const last = list[list.length - 1];
      if (last && last.r1 === r - 1 && last.key === key) last.r1 = r;
      else list.push({ r0: r, r1: r, key, value: valueOf(v) });
      byColumn.set(c, list);
    });
    interface Block {
      r0: number;
      r1: number;
      c0: number;
      c1: number;
      value: unknown;
    }
    const blocks: Block[] = [];
    // The block a run of the next column may extend: same rows, same value, previous column.
    const latest = new Map<string, Block>();
    for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
      for (const run of byColumn.get(c) ?? []) {
        const id = `${run.r0}:${run.r1}:${run.key}`;
        const open = latest.get(id);
        if (open && open.c1 === c - 1) {
          open.c1 = c;
        } else {
          const block = { r0: run.r0, r1: run.r1, c0: c, c1: c, value: run.value };
          blocks.push(block);
          latest.set(id, block);
        }
      }
    }
    const out: Record<string, unknown> = {};
    for (const b of blocks.sort((x, y) => x.c0 - y.c0 || x.r0 - y.r0)) {
      out[rectA1({ row: b.r0 + 1, col: b.c0 + 1, numRows: b.r1 - b.r0 + 1, numCols: b.c1 - b.c0 + 1 })] =
        b.value;
    }
    return out;
  }

  private jsonOf(value: unknown): unknown {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((v) => this.jsonOf(v));
    return value;
  }

  private refA1(book: SpreadsheetState, ref: RangeRef): string {
    const owner = ref.bookId ? this.books.get(ref.bookId) : book;
    const sheet = owner?.sheetById(ref.sheetId);
    return sheet ? qualifiedA1(sheet.name, rectA1(ref.rect)) : `#REF!${rectA1(ref.rect)}`;
  }

  snapshot(): unknown {
    return [...this.books.values()].map((book) => {
      const file = this.file(book);
      return {
        id: book.id,
        name: file.name,
        url: this.urlOf(book.id),
        owner: file.owner,
        editors: [...file.editors],
        commenters: [...file.commenters],
        viewers: [...file.viewers],
        linkSharing: { ...file.link },
        trashed: file.trashed,
        timeZone: book.timeZone,
        sheets: book.sheets.map((sheet, index) => {
          const formulas: Record<string, string> = {};
          sheet.values.forEach((cell, r, c) => {
            if (cell instanceof Formula)
              formulas[rectA1({ row: r + 1, col: c + 1, numRows: 1, numCols: 1 })] = cell.text;
          });
          return {
            name: sheet.name,
            sheetId: sheet.sheetId,
            index,
            hidden: sheet.hidden,
            frozenRows: sheet.frozenRows,
            frozenColumns: sheet.frozenColumns,
            maxRows: sheet.maxRows,
            maxColumns: sheet.maxColumns,
            values: this.jsonValues(sheet, book.timeZone),
            formulas,
            numberFormats: this.compact(
              sheet.formats.numberFormat,
              (v) => v,
              (v) => v,
            ),
            dataValidations: this.compact(
              sheet.validations,
              (v) => JSON.stringify([v.criteria, this.jsonOf(v.values), v.allowInvalid, v.helpText]),
              (v) => ({ criteria: v.criteria, values: this.jsonOf(v.values), allowInvalid: v.allowInvalid }),
            ),
            conditionalFormats: sheet.conditionalFormats.map((rule) => ({
              ranges: rule.ranges.map((r) => this.refA1(book, r)),
              criteria: rule.criteria,
              values: this.jsonOf(rule.values),
              background: rule.background,
              fontColor: rule.fontColor,
              bold: rule.bold,
            })),
            protections: book.protections
              .filter((p) => p.sheetId === sheet.sheetId)
              .map((p) => ({
                type: p.type,
                range: p.rect ? rectA1(p.rect) : null,
                description: p.description,
                editors: this.protectionEditors(book, p),
                restricted: p.editors !== null,
                warningOnly: p.warningOnly,
                domainEdit: p.domainEdit,
              })),
            charts: sheet.charts.map((chart) => ({
              chartId: chart.chartId,
              type: chart.chartType,
              ranges: chart.ranges.map((r) => this.refA1(book, r)),
              position: chart.position,
              options: chart.options,
            })),
          };
        }),
      };
    });
  }
}
