/** FormApp and Form as the script sees them. */
import { Emulated, invalidArgument, isDate } from '../core';
import { enumName, type EnumValue } from '../enums';
import type { FormsContext } from './context';
import { Item, itemStateOf, signatureMismatch, typedItemFacade } from './items';
import type {
  CheckboxItem,
  DateItem,
  DateTimeItem,
  ListItem,
  MultipleChoiceItem,
  PageBreakItem,
  ParagraphTextItem,
  SectionHeaderItem,
  TextItem,
  TimeItem,
} from './items';
import {
  DESTINATION_TYPE,
  EMAIL_COLLECTION_TYPE,
  ITEM_TYPE,
  PAGE_NAVIGATION_TYPE,
  newItemState,
  type EmailCollectionName,
  type FormState,
  type ItemTypeName,
} from './model';
import { FormResponse, NO_ITEM_WITH_ID, UNPUBLISHED_FORM_ERROR } from './responses';
import {
  CheckboxValidationBuilder,
  ParagraphTextValidationBuilder,
  TextValidationBuilder,
} from './validation';

/**
 * Members Apps Script added after @types/google-apps-script was written: publishing (2025) and the
 * email collection type. The facades implement them; scripts and tests type them with these interfaces.
 */
export interface FormNewerMethods {
  isPublished(): boolean;
  setPublished(enabled: boolean): GoogleAppsScript.Forms.Form & FormNewerMethods;
  supportsAdvancedResponderPermissions(): boolean;
  addPublishedReader(
    emailAddress: string | GoogleAppsScript.Base.User,
  ): GoogleAppsScript.Forms.Form & FormNewerMethods;
  addPublishedReaders(emailAddresses: string[]): GoogleAppsScript.Forms.Form & FormNewerMethods;
  removePublishedReader(
    emailAddress: string | GoogleAppsScript.Base.User,
  ): GoogleAppsScript.Forms.Form & FormNewerMethods;
  getPublishedReaders(): GoogleAppsScript.Base.User[];
  getEmailCollectionType(): EnumValue;
  setEmailCollectionType(type: EnumValue): GoogleAppsScript.Forms.Form & FormNewerMethods;
}

export interface FormAppNewerMembers {
  /** DO_NOT_COLLECT, VERIFIED, RESPONDER_INPUT. */
  EmailCollectionType: Readonly<Record<EmailCollectionName, EnumValue>>;
  create(title: string, isPublished?: boolean): GoogleAppsScript.Forms.Form & FormNewerMethods;
}

/** A form as the emulator offers it: Apps Script's Form plus the newer members. */
export type EmulatedForm = GoogleAppsScript.Forms.Form & FormNewerMethods;
/** FormApp as the emulator offers it. */
export type EmulatedFormApp = Omit<GoogleAppsScript.Forms.FormApp, 'create'> & FormAppNewerMembers;

export { NO_ITEM_WITH_ID };

/**
 * What a legacy form (one without publish settings) answers to setPublished/isPublished and the
 * published-reader methods. The reference says supportsAdvancedResponderPermissions() "is used to
 * determine whether the setPublished(enabled) and isPublished() methods, and responder permissions are
 * enabled" (https://developers.google.com/workspace/forms/api/guides/publish-form, "Check if a form is
 * a legacy form"); the Forms API says "Legacy forms aren't supported because they don't have the
 * publishSettings field" (https://developers.google.com/workspace/forms/api/reference/rest/v1/forms/setPublishSettings).
 * That they throw, and this text, are (unconfirmed).
 */
export const LEGACY_FORM_PUBLISHING = 'This form does not support publishing (it is a legacy form).';
/**
 * The refusal of verified email collection on an account the feature has not reached (platform.ts
 * verifiedEmailCollection false). The text is the emulator's (unconfirmed: no Google text found).
 */
export const VERIFIED_NOT_AVAILABLE = 'Verified email collection is not available for this account yet.';
/** Apps Script's text from getDestinationId()/getDestinationType() on a form with no destination. */
export const NO_DESTINATION = 'The form currently has no response destination.';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A Google account (Base.User), as getEditors() returns it. */
export class User extends Emulated implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    fc: FormsContext,
    readonly _email: string,
  ) {
    super(fc.ws, 'User');
  }

  getEmail(): string {
    return this._email;
  }
}

/** An email from a string or a User (ours, or any object with getEmail(), e.g. Session's). */
function emailOf(value: unknown, method: string): string {
  if (value instanceof User) return value._email;
  if (
    value &&
    typeof value === 'object' &&
    typeof (value as { getEmail?: unknown }).getEmail === 'function'
  ) {
    return emailOf((value as { getEmail(): unknown }).getEmail(), method);
  }
  if (typeof value !== 'string') signatureMismatch(method, [value]);
  if (!EMAIL.test(value)) throw new Error(`Invalid email: ${value}`);
  return value;
}

type FormMethods =
  | 'addCheckboxItem'
  | 'addDateItem'
  | 'addDateTimeItem'
  | 'addEditor'
  | 'addEditors'
  | 'addListItem'
  | 'addMultipleChoiceItem'
  | 'addPageBreakItem'
  | 'addParagraphTextItem'
  | 'addSectionHeaderItem'
  | 'addTextItem'
  | 'addTimeItem'
  | 'canEditResponse'
  | 'collectsEmail'
  | 'createResponse'
  | 'deleteAllResponses'
  | 'deleteItem'
  | 'deleteResponse'
  | 'getConfirmationMessage'
  | 'getDescription'
  | 'getDestinationId'
  | 'getDestinationType'
  | 'getEditUrl'
  | 'getEditors'
  | 'getId'
  | 'getItemById'
  | 'getItems'
  | 'getPublishedUrl'
  | 'getResponse'
  | 'getResponses'
  | 'getTitle'
  | 'hasLimitOneResponsePerUser'
  | 'hasProgressBar'
  | 'hasRespondAgainLink'
  | 'isAcceptingResponses'
  | 'moveItem'
  | 'removeDestination'
  | 'removeEditor'
  | 'requiresLogin'
  | 'setAcceptingResponses'
  | 'setAllowResponseEdits'
  | 'setCollectEmail'
  | 'setConfirmationMessage'
  | 'setDescription'
  | 'setDestination'
  | 'setLimitOneResponsePerUser'
  | 'setProgressBar'
  | 'setRequireLogin'
  | 'setShowLinkToRespondAgain'
  | 'setTitle';

type G = EmulatedForm;

export class Form
  extends Emulated
  implements Pick<GoogleAppsScript.Forms.Form, FormMethods>, FormNewerMethods
{
  constructor(
    readonly _fc: FormsContext,
    readonly _form: FormState,
  ) {
    super(_fc.ws, 'Form');
    if (!_fc.emailCollectionType) {
      // A tenant without the feature: the methods are not there at all (calling one is a TypeError).
      Object.defineProperty(this, 'getEmailCollectionType', { value: undefined });
      Object.defineProperty(this, 'setEmailCollectionType', { value: undefined });
    }
  }

  /** The form id, for other emulator stores (ScriptApp's forForm reads `_id` without counting a call). */
  get _id(): string {
    return this._form.id;
  }

  private _me(): G {
    return this as unknown as G;
  }

  private _add<T>(type: ItemTypeName): T {
    const item = newItemState(this._fc.nextItemId(), type);
    this._form.items.push(item);
    return typedItemFacade(this._fc, this._form, item) as unknown as T;
  }

  private _file() {
    const file = this._fc.ws.drive.get(this._form.id);
    if (!file) throw new Error(NO_ITEM_WITH_ID);
    return file;
  }

  // --- identity and settings -------------------------------------------------------------------

  getId(): string {
    return this._form.id;
  }

  getTitle(): string {
    return this._form.title;
  }

  setTitle(title: string): G {
    this._form.title = title === null || title === undefined ? '' : String(title);
    return this._me();
  }

  getDescription(): string {
    return this._form.description;
  }

  setDescription(description: string): G {
    this._form.description = description === null || description === undefined ? '' : String(description);
    return this._me();
  }

  getConfirmationMessage(): string {
    return this._form.confirmationMessage;
  }

  setConfirmationMessage(message: string): G {
    this._form.confirmationMessage = message === null || message === undefined ? '' : String(message);
    return this._me();
  }

  collectsEmail(): boolean {
    return this._form.emailCollection !== 'DO_NOT_COLLECT';
  }

  /**
   * Turning collection on asks respondents to type their email (RESPONDER_INPUT) unless the form already
   * collects it (a VERIFIED setting is kept); turning it off stops collecting.
   */
  setCollectEmail(collect: boolean): G {
    if (collect !== true) this._form.emailCollection = 'DO_NOT_COLLECT';
    else if (this._form.emailCollection === 'DO_NOT_COLLECT') this._form.emailCollection = 'RESPONDER_INPUT';
    return this._me();
  }

  getEmailCollectionType(): EnumValue {
    return EMAIL_COLLECTION_TYPE[this._form.emailCollection];
  }

  setEmailCollectionType(type: EnumValue): G {
    const name = enumName(EMAIL_COLLECTION_TYPE, type);
    if (!name) signatureMismatch('Form.setEmailCollectionType', [type]);
    // The flipped platform (emulator/platform.ts): the enum exists but verified collection is refused.
    if (name === 'VERIFIED' && !this._fc.ws.platform.verifiedEmailCollection) {
      throw new Error(VERIFIED_NOT_AVAILABLE);
    }
    this._form.emailCollection = name;
    return this._me();
  }

  requiresLogin(): boolean {
    return this._form.requireLogin;
  }

  setRequireLogin(requireLogin: boolean): G {
    this._form.requireLogin = requireLogin === true;
    return this._me();
  }

  canEditResponse(): boolean {
    return this._form.allowResponseEdits;
  }

  setAllowResponseEdits(enabled: boolean): G {
    this._form.allowResponseEdits = enabled === true;
    return this._me();
  }

  hasLimitOneResponsePerUser(): boolean {
    return this._form.limitOneResponsePerUser;
  }

  setLimitOneResponsePerUser(enabled: boolean): G {
    this._form.limitOneResponsePerUser = enabled === true;
    return this._me();
  }

  hasRespondAgainLink(): boolean {
    return this._form.showLinkToRespondAgain;
  }

  setShowLinkToRespondAgain(enabled: boolean): G {
    this._form.showLinkToRespondAgain = enabled === true;
    return this._me();
  }

  hasProgressBar(): boolean {
    return this._form.progressBar;
  }

  setProgressBar(enabled: boolean): G {
    this._form.progressBar = enabled === true;
    return this._me();
  }

  // --- publishing ------------------------------------------------------------------------------

  /**
   * Whether the form has the publishing model: "All newly created forms now support publishing"
   * (https://developers.google.com/workspace/forms/api/guides/publish-form); legacy forms do not.
   */
  supportsAdvancedResponderPermissions(): boolean {
    return !this._form.legacy;
  }

  private _requirePublishing(): void {
    if (this._form.legacy) throw new Error(LEGACY_FORM_PUBLISHING);
  }

  isPublished(): boolean {
    this._requirePublishing();
    return this._form.published;
  }

  /**
   * Publishing opens the form to responses; unpublishing closes it: "Unpublishing a form makes it
   * unavailable and automatically stops it from accepting responses"
   * (https://developers.google.com/workspace/forms/api/guides/publish-form, "Close a form").
   */
  setPublished(enabled: boolean): G {
    this._requirePublishing();
    this._form.published = enabled === true;
    this._form.accepting = this._form.published;
    return this._me();
  }

  /** A form accepts responses only while published. */
  isAcceptingResponses(): boolean {
    return this._form.published && this._form.accepting;
  }

  /** The Forms API refuses "accepting but unpublished"; Apps Script reports it with its unpublished-form error. */
  setAcceptingResponses(enabled: boolean): G {
    if (enabled === true && !this._form.published) throw new Error(UNPUBLISHED_FORM_ERROR);
    this._form.accepting = enabled === true;
    return this._me();
  }

  /** The responder URL; an unpublished form has none to give. */
  getPublishedUrl(): string {
    if (!this._form.published) throw new Error(UNPUBLISHED_FORM_ERROR);
    return `https://docs.google.com/forms/d/e/${this._form.publishedId}/viewform`;
  }

  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this._form.id}/edit`;
  }

  // --- items -----------------------------------------------------------------------------------

  addCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this._add<CheckboxItem>('CHECKBOX') as unknown as GoogleAppsScript.Forms.CheckboxItem;
  }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this._add<MultipleChoiceItem>(
      'MULTIPLE_CHOICE',
    ) as unknown as GoogleAppsScript.Forms.MultipleChoiceItem;
  }
  addListItem(): GoogleAppsScript.Forms.ListItem {
    return this._add<ListItem>('LIST') as unknown as GoogleAppsScript.Forms.ListItem;
  }
  addTextItem(): GoogleAppsScript.Forms.TextItem {
    return this._add<TextItem>('TEXT') as unknown as GoogleAppsScript.Forms.TextItem;
  }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this._add<ParagraphTextItem>(
      'PARAGRAPH_TEXT',
    ) as unknown as GoogleAppsScript.Forms.ParagraphTextItem;
  }
  addDateItem(): GoogleAppsScript.Forms.DateItem {
    return this._add<DateItem>('DATE') as unknown as GoogleAppsScript.Forms.DateItem;
  }
  addDateTimeItem(): GoogleAppsScript.Forms.DateTimeItem {
    return this._add<DateTimeItem>('DATETIME') as unknown as GoogleAppsScript.Forms.DateTimeItem;
  }
  addTimeItem(): GoogleAppsScript.Forms.TimeItem {
    return this._add<TimeItem>('TIME') as unknown as GoogleAppsScript.Forms.TimeItem;
  }
  addPageBreakItem(): GoogleAppsScript.Forms.PageBreakItem {
    return this._add<PageBreakItem>('PAGE_BREAK') as unknown as GoogleAppsScript.Forms.PageBreakItem;
  }
  addSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem {
    return this._add<SectionHeaderItem>(
      'SECTION_HEADER',
    ) as unknown as GoogleAppsScript.Forms.SectionHeaderItem;
  }

  /** Every item (or every item of one type), as generic Items, in form order. */
  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GoogleAppsScript.Forms.Item[] {
    const wanted = itemType === undefined ? undefined : enumName(ITEM_TYPE, itemType);
    if (itemType !== undefined && !wanted) signatureMismatch('Form.getItems', [itemType]);
    return this._form.items
      .filter((i) => wanted === undefined || i.type === wanted)
      .map((i) => new Item(this._fc, this._form, i) as unknown as GoogleAppsScript.Forms.Item);
  }

  /** The item with this id, or null when the form has none. */
  getItemById(id: number): GoogleAppsScript.Forms.Item {
    const wanted: unknown = id;
    const n = typeof wanted === 'string' && /^\d+$/.test(wanted) ? Number(wanted) : wanted;
    if (typeof n !== 'number' || !Number.isInteger(n)) invalidArgument('id');
    const item = this._form.items.find((i) => i.id === n);
    return (item ? new Item(this._fc, this._form, item) : null) as unknown as GoogleAppsScript.Forms.Item;
  }

  private _indexOf(target: unknown, name: string): number {
    const items = this._form.items;
    if (typeof target === 'number') {
      if (!Number.isInteger(target) || target < 0 || target >= items.length) invalidArgument(name);
      return target;
    }
    const state = itemStateOf(target, this._form);
    const index = state ? items.indexOf(state) : -1;
    if (index < 0) invalidArgument('item');
    return index;
  }

  /** deleteItem(index) or deleteItem(item). Navigation to a deleted page falls back to CONTINUE. */
  deleteItem(target: number | GoogleAppsScript.Forms.Item): void {
    const index = this._indexOf(target, 'index');
    const [removed] = this._form.items.splice(index, 1);
    if (removed?.type !== 'PAGE_BREAK') return;
    for (const item of this._form.items) {
      if (item.goTo.type === 'GO_TO_PAGE' && item.goTo.pageId === removed.id)
        item.goTo = { type: 'CONTINUE' };
      for (const c of item.choices) {
        if (c.navigation?.type === 'GO_TO_PAGE' && c.navigation.pageId === removed.id) {
          c.navigation = { type: 'CONTINUE' };
        }
      }
    }
  }

  /** moveItem(from, to) or moveItem(item, toIndex): returns the moved item. */
  moveItem(from: number | GoogleAppsScript.Forms.Item, to: number): GoogleAppsScript.Forms.Item {
    const fromIndex = this._indexOf(from, 'from');
    const items = this._form.items;
    if (typeof to !== 'number' || !Number.isInteger(to) || to < 0 || to >= items.length)
      invalidArgument('to');
    const [moved] = items.splice(fromIndex, 1);
    if (!moved) invalidArgument('from');
    items.splice(to, 0, moved);
    return new Item(this._fc, this._form, moved) as unknown as GoogleAppsScript.Forms.Item;
  }

  // --- responses -------------------------------------------------------------------------------

  /** A new, unsubmitted response for the script to fill with withItemResponse() and submit(). */
  createResponse(): GoogleAppsScript.Forms.FormResponse {
    return new FormResponse(this._fc, this._form, null) as unknown as GoogleAppsScript.Forms.FormResponse;
  }

  /** All responses in submission order, or those submitted at or after `timestamp`. */
  getResponses(timestamp?: GoogleAppsScript.Base.Date): GoogleAppsScript.Forms.FormResponse[] {
    const since: unknown = timestamp;
    if (since !== undefined && !isDate(since)) signatureMismatch('Form.getResponses', [since]);
    const from = since === undefined ? Number.NEGATIVE_INFINITY : since.getTime();
    return this._form.responses
      .filter((r) => r.timestamp >= from)
      .map(
        (r) => new FormResponse(this._fc, this._form, r) as unknown as GoogleAppsScript.Forms.FormResponse,
      );
  }

  getResponse(responseId: string): GoogleAppsScript.Forms.FormResponse {
    const response = this._form.responses.find((r) => r.id === responseId);
    if (!response) invalidArgument('responseId');
    return new FormResponse(this._fc, this._form, response) as unknown as GoogleAppsScript.Forms.FormResponse;
  }

  deleteResponse(responseId: string): G {
    const index = this._form.responses.findIndex((r) => r.id === responseId);
    if (index < 0) invalidArgument('responseId');
    this._form.responses.splice(index, 1);
    return this._me();
  }

  deleteAllResponses(): G {
    this._form.responses.length = 0;
    return this._me();
  }

  // --- destination -----------------------------------------------------------------------------

  getDestinationId(): string {
    if (!this._form.destination) throw new Error(NO_DESTINATION);
    return this._form.destination.id;
  }

  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    if (!this._form.destination) throw new Error(NO_DESTINATION);
    return DESTINATION_TYPE[this._form.destination.type] as unknown as GoogleAppsScript.Forms.DestinationType;
  }

  /** Links a spreadsheet the running user can edit (the emulator records the link; it writes no rows). */
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): G {
    if (enumName(DESTINATION_TYPE, type) !== 'SPREADSHEET')
      signatureMismatch('Form.setDestination', [type, id]);
    const drive = this._fc.ws.drive;
    const file = typeof id === 'string' ? drive.get(id) : undefined;
    if (!file || file.kind !== 'spreadsheet' || !drive.canEdit(this._fc.ws.activeUser(), id)) {
      throw new Error(NO_ITEM_WITH_ID);
    }
    this._form.destination = { type: 'SPREADSHEET', id };
    return this._me();
  }

  removeDestination(): G {
    this._form.destination = null;
    return this._me();
  }

  // --- responders (published readers) -----------------------------------------------------------

  /**
   * Responders: "users who have responder access (the PUBLISHED_READER role)"; "Removing a responder
   * revokes their ability to view and submit the form" (https://developers.google.com/workspace/forms/api/guides/publish-form).
   * Not on a legacy form (responder permissions are what supportsAdvancedResponderPermissions() reports).
   */
  addPublishedReader(emailAddress: string | GoogleAppsScript.Base.User): G {
    this._requirePublishing();
    const email = emailOf(emailAddress, 'Form.addPublishedReader');
    if (!this._form.publishedReaders.some((r) => r.toLowerCase() === email.toLowerCase())) {
      this._form.publishedReaders.push(email);
    }
    return this._me();
  }

  addPublishedReaders(emailAddresses: string[]): G {
    this._requirePublishing();
    if (!Array.isArray(emailAddresses)) signatureMismatch('Form.addPublishedReaders', [emailAddresses]);
    const emails = emailAddresses.map((e) => emailOf(e, 'Form.addPublishedReaders'));
    for (const email of emails) {
      if (!this._form.publishedReaders.some((r) => r.toLowerCase() === email.toLowerCase())) {
        this._form.publishedReaders.push(email);
      }
    }
    return this._me();
  }

  removePublishedReader(emailAddress: string | GoogleAppsScript.Base.User): G {
    this._requirePublishing();
    const email = emailOf(emailAddress, 'Form.removePublishedReader').toLowerCase();
    this._form.publishedReaders = this._form.publishedReaders.filter((r) => r.toLowerCase() !== email);
    return this._me();
  }

  getPublishedReaders(): GoogleAppsScript.Base.User[] {
    this._requirePublishing();
    return this._form.publishedReaders.map(
      (email) => new User(this._fc, email) as unknown as GoogleAppsScript.Base.User,
    );
  }

  // --- sharing (through Drive) -------------------------------------------------------------------

  /** Shares through the Drive model: an address the admin's outside-sharing policy blocks is refused. */
  addEditor(emailAddress: string | GoogleAppsScript.Base.User): G {
    const email = emailOf(emailAddress, 'Form.addEditor');
    const file = this._file();
    // The flipped platform (emulator/platform.ts): a refused share returns quietly and adds nobody.
    if (!this._fc.ws.platform.refusedShareThrows && this._fc.ws.drive.refuses(email)) return this._me();
    this._fc.ws.drive.assertMayShareWith(email);
    this._fc.ws.drive.setDirect(file.id, email, 'editor');
    return this._me();
  }

  /** Every address is checked before any is added. */
  addEditors(emailAddresses: string[]): G {
    if (!Array.isArray(emailAddresses)) signatureMismatch('Form.addEditors', [emailAddresses]);
    const emails = emailAddresses.map((e) => emailOf(e, 'Form.addEditors'));
    for (const email of emails) this._fc.ws.drive.assertMayShareWith(email);
    for (const email of emails) this.addEditor(email);
    return this._me();
  }

  /** Removing the owner changes nothing: an owner is not an editor to remove. */
  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): G {
    const email = emailOf(emailAddress, 'Form.removeEditor');
    this._fc.ws.drive.removeDirect(this._file().id, email, 'editor');
    return this._me();
  }

  /** The owner, then the editors. */
  getEditors(): GoogleAppsScript.Base.User[] {
    const file = this._file();
    return [file.owner, ...[...file.editors].sort()].map(
      (email) => new User(this._fc, email) as unknown as GoogleAppsScript.Base.User,
    );
  }
}

type FormAppMembers =
  | 'ItemType'
  | 'PageNavigationType'
  | 'DestinationType'
  | 'createCheckboxValidation'
  | 'createParagraphTextValidation'
  | 'createTextValidation'
  | 'getActiveForm'
  | 'openById'
  | 'openByUrl';

export class FormApp
  extends Emulated
  implements Pick<GoogleAppsScript.Forms.FormApp, FormAppMembers>, FormAppNewerMembers
{
  readonly ItemType = ITEM_TYPE as unknown as typeof GoogleAppsScript.Forms.ItemType;
  readonly PageNavigationType =
    PAGE_NAVIGATION_TYPE as unknown as typeof GoogleAppsScript.Forms.PageNavigationType;
  readonly DestinationType = DESTINATION_TYPE as unknown as typeof GoogleAppsScript.Forms.DestinationType;
  /**
   * Undefined on a tenant the feature has not reached (WorkspaceOptions.formsEmailCollectionType false):
   * public scripts guard it as `if (FormApp.EmailCollectionType && …)` or fall back to setCollectEmail in
   * a catch, "accounts are still being migrated" (unconfirmed: no Google text on the rollout found; the
   * self-test's emailCollection check looks on the tenant).
   */
  readonly EmailCollectionType: Readonly<Record<EmailCollectionName, EnumValue>>;

  constructor(readonly _fc: FormsContext) {
    super(_fc.ws, 'FormApp');
    this.EmailCollectionType = (_fc.emailCollectionType ? EMAIL_COLLECTION_TYPE : undefined) as Readonly<
      Record<EmailCollectionName, EnumValue>
    >;
  }

  /**
   * create(title) / create(title, isPublished). Forms created through the API since 2026 start
   * unpublished (Google's "API changes to Google Forms"), so create(title) makes an unpublished form.
   */
  create(title: string, isPublished?: boolean): EmulatedForm {
    if (typeof title !== 'string' || title === '') invalidArgument('title');
    if (isPublished !== undefined && typeof isPublished !== 'boolean') {
      signatureMismatch('FormApp.create', [title, isPublished]);
    }
    // The flipped platform (emulator/platform.ts): create(title) makes a published form.
    const published = isPublished ?? !this._fc.ws.platform.formsStartUnpublished;
    const state = this._fc.createForm(title, this._fc.ws.activeUser(), published);
    this._fc.ws.noteFileAccess(state.id, 'FormApp.create');
    return new Form(this._fc, state) as unknown as EmulatedForm;
  }

  /** Opens a form the running user can edit; otherwise Apps Script's "No item with the given ID…". */
  openById(id: string): EmulatedForm {
    if (typeof id !== 'string') signatureMismatch('FormApp.openById', [id]);
    this._fc.ws.noteFileAccess(id, 'FormApp.openById');
    const state = this._fc.formState(id);
    if (!state || !this._fc.ws.drive.canEdit(this._fc.ws.activeUser(), id)) throw new Error(NO_ITEM_WITH_ID);
    return new Form(this._fc, state) as unknown as EmulatedForm;
  }

  /** Opens a form by its edit URL (…/forms/d/<id>/…). */
  openByUrl(url: string): EmulatedForm {
    if (typeof url !== 'string') signatureMismatch('FormApp.openByUrl', [url]);
    const match = /^https:\/\/docs\.google\.com\/forms\/d\/([A-Za-z0-9_-]+)(\/|$|\?|#)/.exec(url);
    if (!match?.[1] || match[1] === 'e') invalidArgument('url');
    return this.openById(match[1]);
  }

  /** The script is bound to a spreadsheet, not to a form. */
  getActiveForm(): EmulatedForm {
    return null as unknown as EmulatedForm;
  }

  createCheckboxValidation(): GoogleAppsScript.Forms.CheckboxValidationBuilder {
    return new CheckboxValidationBuilder(
      this._fc.ws,
    ) as unknown as GoogleAppsScript.Forms.CheckboxValidationBuilder;
  }

  createTextValidation(): GoogleAppsScript.Forms.TextValidationBuilder {
    return new TextValidationBuilder(this._fc.ws) as unknown as GoogleAppsScript.Forms.TextValidationBuilder;
  }

  createParagraphTextValidation(): GoogleAppsScript.Forms.ParagraphTextValidationBuilder {
    return new ParagraphTextValidationBuilder(
      this._fc.ws,
    ) as unknown as GoogleAppsScript.Forms.ParagraphTextValidationBuilder;
  }
}
