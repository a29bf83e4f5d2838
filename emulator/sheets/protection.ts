/**
 * Protected ranges and sheets.
 *
 * Apps Script's documentation of Range.protect() and Sheet.protect(): until the script changes the
 * editors (addEditor(s), removeEditor(s), setDomainEdit), the protection mirrors the spreadsheet's own
 * permissions — everyone who can edit the file can still edit the range. Once changed, only the listed
 * editors (the owner always among them) may edit. Removing the file owner or the user running the script
 * leaves them in place (Apps Script's own sample adds the current user first for that reason).
 */
import { Emulated, invalidArgument } from '../core';
import { emailListOf, emailOf, enumValue, gas } from './common';
import type { Rect } from './a1';
import type { ProtectionState, SpreadsheetState } from './model';
import type { SpreadsheetStore } from './store';

type Protection = GoogleAppsScript.Spreadsheet.Protection;

const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class ProtectionFacade
  extends Emulated
  implements
    Pick<
      Protection,
      | 'addEditor'
      | 'addEditors'
      | 'canDomainEdit'
      | 'canEdit'
      | 'getDescription'
      | 'getEditors'
      | 'getProtectionType'
      | 'getRange'
      | 'getRangeName'
      | 'getUnprotectedRanges'
      | 'isWarningOnly'
      | 'remove'
      | 'removeEditor'
      | 'removeEditors'
      | 'setDescription'
      | 'setDomainEdit'
      | 'setRange'
      | 'setUnprotectedRanges'
      | 'setWarningOnly'
    >
{
  constructor(
    private readonly _store: SpreadsheetStore,
    private readonly _book: SpreadsheetState,
    readonly _state: ProtectionState,
  ) {
    super(_store.ws, 'Protection');
  }

  private get _owner(): string {
    return this._store.file(this._book).owner;
  }

  /** The editor list, made explicit the first time the script changes it. */
  private _explicit(): string[] {
    if (this._state.editors === null)
      this._state.editors = this._store.protectionEditors(this._book, this._state);
    return this._state.editors;
  }

  private _add(emails: string[]): Protection {
    const editors = this._explicit();
    for (const e of emails) if (!editors.some((x) => sameEmail(x, e))) editors.push(e);
    return gas(this);
  }

  private _remove(emails: string[]): Protection {
    const keep = [this._owner, this._store.ws.activeUser()];
    const editors = this._explicit();
    this._state.editors = editors.filter(
      (x) => keep.some((k) => sameEmail(k, x)) || !emails.some((e) => sameEmail(e, x)),
    );
    return gas(this);
  }

  addEditor(emailAddress: unknown): Protection {
    return this._add([emailOf(emailAddress)]);
  }

  addEditors(emailAddresses: unknown): Protection {
    return this._add(emailListOf(emailAddresses));
  }

  removeEditor(emailAddress: unknown): Protection {
    return this._remove([emailOf(emailAddress)]);
  }

  removeEditors(emailAddresses: unknown): Protection {
    return this._remove(emailListOf(emailAddresses));
  }

  getEditors(): GoogleAppsScript.Base.User[] {
    return this._store.protectionEditors(this._book, this._state).map((e) => this._store.userFacade(e));
  }

  canEdit(): boolean {
    return this._store.protectionAllows(this._book, this._state, this._store.ws.activeUser());
  }

  setDomainEdit(editable: unknown): Protection {
    if (typeof editable !== 'boolean') invalidArgument('editable');
    this._explicit();
    this._state.domainEdit = editable;
    return gas(this);
  }

  canDomainEdit(): boolean {
    return this._state.domainEdit;
  }

  setDescription(description: unknown): Protection {
    if (typeof description !== 'string') invalidArgument('description');
    this._state.description = description;
    return gas(this);
  }

  getDescription(): string {
    return this._state.description;
  }

  setWarningOnly(warningOnly: unknown): Protection {
    if (typeof warningOnly !== 'boolean') invalidArgument('warningOnly');
    this._state.warningOnly = warningOnly;
    return gas(this);
  }

  isWarningOnly(): boolean {
    return this._state.warningOnly;
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return enumValue(this._state.type);
  }

  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const sheet = this._store.sheetOf(this._book, this._state.sheetId);
    const rect: Rect = this._state.rect ?? {
      row: 1,
      col: 1,
      numRows: sheet.maxRows,
      numCols: sheet.maxColumns,
    };
    return this._store.rangeFacade(this._book, sheet, rect);
  }

  setRange(range: unknown): Protection {
    if (this._state.type !== 'RANGE') invalidArgument('range');
    const ref = this._store.readRange(range, 'range');
    this._state.sheetId = ref.sheet.sheetId;
    this._state.rect = ref.rect;
    return gas(this);
  }

  getRangeName(): string | null {
    return null;
  }

  setUnprotectedRanges(ranges: unknown): Protection {
    if (!Array.isArray(ranges)) invalidArgument('ranges');
    // Only a protected sheet has unprotected regions; Apps Script ignores this on a protected range.
    if (this._state.type === 'SHEET') {
      this._state.unprotected = ranges.map((r) => this._store.readRange(r, 'ranges').rect);
    }
    return gas(this);
  }

  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    const sheet = this._store.sheetOf(this._book, this._state.sheetId);
    return this._state.unprotected.map((rect) => this._store.rangeFacade(this._book, sheet, rect));
  }

  remove(): void {
    const i = this._book.protections.indexOf(this._state);
    if (i >= 0) this._book.protections.splice(i, 1);
  }
}
