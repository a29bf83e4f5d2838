/**
 * Protected ranges and sheets.
 *
 * Apps Script's documentation of Range.protect() and Sheet.protect(): until the script changes the
 * editors (addEditor(s), removeEditor(s), setDomainEdit), the protection mirrors the spreadsheet's own
 * permissions — everyone who can edit the file can still edit the range. Once changed, only the listed
 * editors (the owner always among them) may edit. Removing the file owner or the user running the script
 * leaves them in place (Apps Script's own sample adds the current user first for that reason).
 * Quotes below are from https://developers.google.com/apps-script/reference/spreadsheet/protection.
 */
import { Emulated, invalidArgument } from '../core';
import { domainOf } from '../drive';
import { emailListOf, emailOf, enumValue, gas } from './common';
import type { Rect } from './a1';
import type { ProtectionState, SpreadsheetState } from './model';
import type { SpreadsheetStore } from './store';

type Protection = GoogleAppsScript.Spreadsheet.Protection;

const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * getEditors()/canDomainEdit(): "Throws an exception if the user does not have permission to edit the
 * protected range or sheet." The text is Sheets' message for a protected object (unconfirmed for these
 * methods); changing a protection one may not edit is refused the same way (unconfirmed, stricter).
 */
export const NOT_A_PROTECTION_EDITOR =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/**
 * Google's sample for Range.protect()/Sheet.protect(): "Ensure the current user is an editor before
 * removing others. Otherwise, if the user's edit permission comes from a group, the script throws an
 * exception upon removing the group." The exception's text is not documented (unconfirmed).
 */
export const removesOwnGroup = (group: string): string =>
  `Cannot remove ${group} from the protection's editors: the current user's edit permission comes from that group.`;

/**
 * setDomainEdit(): "Throws an exception if the spreadsheet does not belong to a Google Workspace domain
 * (that is, if it is owned by a gmail.com account)." The text is unconfirmed.
 */
export const NOT_A_WORKSPACE_SPREADSHEET =
  'Domain edit cannot be set: the spreadsheet does not belong to a Google Workspace domain.';

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

  /**
   * The editor list, made explicit the first time the script changes it. Until then "the permissions
   * mirror those of the spreadsheet itself" (Range.protect(), Sheet.protect()): the list starts as the
   * file's owner and editors, and domain edit as whether the whole domain can edit the file.
   */
  private _explicit(): string[] {
    if (this._state.editors === null) {
      this._state.domainEdit = this._store.protectionDomainEdit(this._book, this._state);
      this._state.editors = this._store.protectionEditors(this._book, this._state);
    }
    return this._state.editors;
  }

  /** Only someone who may edit the protected area may read its editors or change it. */
  private _assertCanManage(): void {
    if (!this._store.protectionAllows(this._book, this._state, this._store.ws.activeUser())) {
      throw new Error(NOT_A_PROTECTION_EDITOR);
    }
  }

  private _add(emails: string[]): Protection {
    this._assertCanManage();
    const editors = this._explicit();
    for (const e of emails) if (!editors.some((x) => sameEmail(x, e))) editors.push(e);
    return gas(this);
  }

  /**
   * "Neither the owner of the spreadsheet nor the current user can be removed." An empty list changes
   * nothing: the protection keeps mirroring the file (the reference does not say whether an empty
   * removeEditors([]) counts as changing the list; unconfirmed, the stricter reading for a script that
   * means to lock others out; the self-test's emptyEditorRemoval check looks on the tenant). Removing a group the current user edits through throws (Google's sample).
   */
  private _remove(emails: string[]): Protection {
    this._assertCanManage();
    // The flipped platform (emulator/platform.ts): an empty removal makes the list explicit all the same.
    if (emails.length === 0 && !this._store.ws.platform.emptyRemovalKeepsMirroring) {
      const me = this._store.ws.activeUser();
      this._state.editors = sameEmail(me, this._owner) ? [this._owner] : [this._owner, me];
      return gas(this);
    }
    if (emails.length === 0) return gas(this);
    const drive = this._store.ws.drive;
    const me = this._store.ws.activeUser();
    const keep = [this._owner, me];
    const editors = this._explicit();
    const viaGroupOnly = !sameEmail(me, this._owner) && !editors.some((x) => sameEmail(x, me));
    for (const e of emails) {
      const listed = editors.some((x) => sameEmail(x, e));
      if (viaGroupOnly && listed && drive.isGroup(e) && drive.isMember(me, e))
        throw new Error(removesOwnGroup(e));
    }
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
    this._assertCanManage();
    return this._store.protectionEditors(this._book, this._state).map((e) => this._store.userFacade(e));
  }

  canEdit(): boolean {
    return this._store.protectionAllows(this._book, this._state, this._store.ws.activeUser());
  }

  setDomainEdit(editable: unknown): Protection {
    if (typeof editable !== 'boolean') invalidArgument('editable');
    this._assertCanManage();
    if (['gmail.com', 'googlemail.com'].includes(domainOf(this._owner))) {
      throw new Error(NOT_A_WORKSPACE_SPREADSHEET);
    }
    this._explicit();
    this._state.domainEdit = editable;
    return gas(this);
  }

  canDomainEdit(): boolean {
    this._assertCanManage();
    return this._store.protectionDomainEdit(this._book, this._state);
  }

  setDescription(description: unknown): Protection {
    if (typeof description !== 'string') invalidArgument('description');
    this._assertCanManage();
    this._state.description = description;
    return gas(this);
  }

  getDescription(): string {
    return this._state.description;
  }

  setWarningOnly(warningOnly: unknown): Protection {
    if (typeof warningOnly !== 'boolean') invalidArgument('warningOnly');
    this._assertCanManage();
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
    // Reference (Protection.setUnprotectedRanges): "Throws an exception if the Protection object corresponds
    // to a protected range." The text of that exception is not published (unconfirmed).
    if (this._state.type !== 'SHEET')
      throw new Error('setUnprotectedRanges applies only to a protected sheet, not a protected range.');
    this._state.unprotected = ranges.map((r) => this._store.readRange(r, 'ranges').rect);
    return gas(this);
  }

  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    const sheet = this._store.sheetOf(this._book, this._state.sheetId);
    return this._state.unprotected.map((rect) => this._store.rangeFacade(this._book, sheet, rect));
  }

  remove(): void {
    this._assertCanManage();
    const i = this._book.protections.indexOf(this._state);
    if (i >= 0) this._book.protections.splice(i, 1);
  }
}
