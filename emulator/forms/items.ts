/**
 * Form items as the script sees them: the generic Item (with its as…Item casts), one facade per item type
 * the emulator models, Choice, and ItemResponse.
 */
import { Emulated, invalidArgument, isDate, notEmulated } from '../core';
import { enumName } from '../enums';
import { wallClockAt } from '../zone';
import type { FormsContext } from './context';
import {
  ITEM_TYPE,
  PAGE_NAVIGATION_TYPE,
  canNavigate,
  cloneItemState,
  cloneValidation,
  type AnswerValue,
  type ChoiceState,
  type FormState,
  type ItemState,
  type ItemTypeName,
  type Navigation,
  type ValidationState,
} from './model';
import { validationStateOf } from './validation';

type ItemTypeValue = GoogleAppsScript.Forms.ItemType;
type NavigationTypeValue = GoogleAppsScript.Forms.PageNavigationType;

/** Apps Script's message when the arguments fit none of a method's signatures. */
export function signatureMismatch(method: string, args: unknown[]): never {
  const names = args.map((a) => {
    if (a === null) return 'null';
    if (a instanceof Emulated) return `FormApp.${a._className}`;
    if (enumName(ITEM_TYPE, a)) return 'FormApp.ItemType';
    if (enumName(PAGE_NAVIGATION_TYPE, a)) return 'FormApp.PageNavigationType';
    if (isDate(a)) return 'Date';
    if (Array.isArray(a)) return 'Object[]';
    if (typeof a === 'string') return 'String';
    if (typeof a === 'boolean') return 'Boolean';
    return typeof a === 'object' ? 'Object' : typeof a;
  });
  throw new Error(
    `The parameters (${names.join(',')}) don't match the method signature for FormApp.${method}.`,
  );
}

/** Base of every item facade: what Apps Script's Item offers. `G` is the Apps Script type it returns for chaining. */
abstract class ItemFacade<G> extends Emulated {
  constructor(
    readonly _fc: FormsContext,
    readonly _form: FormState,
    readonly _item: ItemState,
    className: string,
  ) {
    super(_fc.ws, className);
  }

  /** The item's position; a deleted item fails loudly rather than answering for a ghost. */
  protected _position(): number {
    const index = this._form.items.indexOf(this._item);
    if (index < 0) throw new Error(`This item (id ${this._item.id}) has been deleted from the form.`);
    return index;
  }

  getId(): number {
    this._position();
    return this._item.id;
  }

  getIndex(): number {
    return this._position();
  }

  getTitle(): string {
    this._position();
    return this._item.title;
  }

  setTitle(title: string): G {
    this._position();
    this._item.title = title === null || title === undefined ? '' : String(title);
    return this as unknown as G;
  }

  getHelpText(): string {
    this._position();
    return this._item.helpText;
  }

  setHelpText(text: string): G {
    this._position();
    this._item.helpText = text === null || text === undefined ? '' : String(text);
    return this as unknown as G;
  }

  getType(): ItemTypeValue {
    this._position();
    return ITEM_TYPE[this._item.type] as unknown as ItemTypeValue;
  }

  /** Apps Script: "Creates a copy of this item and appends it to the end of the form." */
  duplicate(): G {
    this._position();
    const copy = cloneItemState(this._item, this._fc.nextItemId());
    this._form.items.push(copy);
    return typedItemFacade(this._fc, this._form, copy) as unknown as G;
  }
}

/** The generic Item that Form.getItems(), getItemById() and ItemResponse.getItem() return. */
export class Item
  extends ItemFacade<GoogleAppsScript.Forms.Item>
  implements
    Pick<
      GoogleAppsScript.Forms.Item,
      | 'asCheckboxItem'
      | 'asDateItem'
      | 'asDateTimeItem'
      | 'asListItem'
      | 'asMultipleChoiceItem'
      | 'asPageBreakItem'
      | 'asParagraphTextItem'
      | 'asSectionHeaderItem'
      | 'asTextItem'
      | 'asTimeItem'
      | 'duplicate'
      | 'getHelpText'
      | 'getId'
      | 'getIndex'
      | 'getTitle'
      | 'getType'
      | 'setHelpText'
      | 'setTitle'
    >
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'Item');
  }

  /** The text Apps Script gives when an item is cast to a type it is not. */
  private _cast<T>(type: ItemTypeName): T {
    this._position();
    if (this._item.type !== type) throw new Error(`Invalid conversion for item type: ${this._item.type}`);
    return typedItemFacade(this._fc, this._form, this._item) as unknown as T;
  }

  override duplicate(): GoogleAppsScript.Forms.Item {
    const typed = super.duplicate() as unknown as ItemFacade<unknown>;
    return new Item(this._fc, this._form, typed._item) as unknown as GoogleAppsScript.Forms.Item;
  }

  asCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this._cast('CHECKBOX');
  }
  asDateItem(): GoogleAppsScript.Forms.DateItem {
    return this._cast('DATE');
  }
  asDateTimeItem(): GoogleAppsScript.Forms.DateTimeItem {
    return this._cast('DATETIME');
  }
  asListItem(): GoogleAppsScript.Forms.ListItem {
    return this._cast('LIST');
  }
  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this._cast('MULTIPLE_CHOICE');
  }
  asPageBreakItem(): GoogleAppsScript.Forms.PageBreakItem {
    return this._cast('PAGE_BREAK');
  }
  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this._cast('PARAGRAPH_TEXT');
  }
  asSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem {
    return this._cast('SECTION_HEADER');
  }
  asTextItem(): GoogleAppsScript.Forms.TextItem {
    return this._cast('TEXT');
  }
  asTimeItem(): GoogleAppsScript.Forms.TimeItem {
    return this._cast('TIME');
  }
}

/** Items a respondent answers: they can be required and can build an ItemResponse. */
abstract class QuestionFacade<G> extends ItemFacade<G> {
  isRequired(): boolean {
    this._position();
    return this._item.required;
  }

  setRequired(enabled: boolean): G {
    this._position();
    this._item.required = enabled === true;
    return this as unknown as G;
  }

  protected _response(value: AnswerValue): GoogleAppsScript.Forms.ItemResponse {
    return new ItemResponse(
      this._fc,
      this._form,
      this._item,
      value,
    ) as unknown as GoogleAppsScript.Forms.ItemResponse;
  }

  /** setValidation on the item types that have it: a built validation of `kind`, or Invalid argument. */
  protected _setValidation(validation: unknown, kind: ValidationState['kind']): G {
    this._position();
    this._item.validation = cloneValidation(validationStateOf(validation, kind));
    return this as unknown as G;
  }

  /** clearValidation on the item types that have it. */
  protected _clearValidation(): G {
    this._position();
    this._item.validation = null;
    return this as unknown as G;
  }
}

abstract class ChoiceQuestionFacade<G> extends QuestionFacade<G> {
  getChoices(): GoogleAppsScript.Forms.Choice[] {
    this._position();
    return this._item.choices.map(
      (c) => new Choice(this._fc, this._form, { ...c }) as unknown as GoogleAppsScript.Forms.Choice,
    );
  }

  setChoiceValues(values: string[]): G {
    this._position();
    if (!Array.isArray(values) || values.length === 0) invalidArgument('values');
    this._item.choices = values.map((v) => ({ value: choiceValue(v, 'values'), navigation: null }));
    return this as unknown as G;
  }

  setChoices(choices: GoogleAppsScript.Forms.Choice[]): G {
    this._position();
    if (!Array.isArray(choices) || choices.length === 0) invalidArgument('choices');
    const states: ChoiceState[] = choices.map((c: unknown) => {
      if (!(c instanceof Choice)) invalidArgument('choices');
      if (c._choice.navigation && !canNavigate(this._item)) invalidArgument('choices');
      if (c._choice.navigation?.type === 'GO_TO_PAGE' && c._form !== this._form) invalidArgument('choices');
      return {
        value: c._choice.value,
        navigation: c._choice.navigation ? { ...c._choice.navigation } : null,
      };
    });
    this._item.choices = states;
    return this as unknown as G;
  }

  /**
   * createChoice(value), and on multiple-choice and list items createChoice(value, PageBreakItem) or
   * createChoice(value, PageNavigationType). The quiz form createChoice(value, isCorrect) is not emulated.
   */
  createChoice(value: string, navigation?: unknown): GoogleAppsScript.Forms.Choice {
    this._position();
    const method = `${this._className}.createChoice`;
    if (navigation === undefined) {
      return new Choice(this._fc, this._form, {
        value: choiceValue(value, 'value'),
        navigation: null,
      }) as unknown as GoogleAppsScript.Forms.Choice;
    }
    if (typeof navigation === 'boolean') notEmulated(this._className, 'createChoice(value, isCorrect)');
    if (!canNavigate(this._item)) signatureMismatch(method, [value, navigation]);
    let nav: Navigation;
    if (navigation instanceof PageBreakItem) {
      if (navigation._form !== this._form) invalidArgument('navigationItem');
      navigation._alive();
      nav = { type: 'GO_TO_PAGE', pageId: navigation._item.id };
    } else if (enumName(PAGE_NAVIGATION_TYPE, navigation)) {
      const name = enumName(PAGE_NAVIGATION_TYPE, navigation);
      // GO_TO_PAGE names no page: the PageBreakItem overload is the way to go to a page.
      if (name === 'GO_TO_PAGE' || !name) invalidArgument('navigationType');
      nav = { type: name };
    } else {
      signatureMismatch(method, [value, navigation]);
    }
    return new Choice(this._fc, this._form, {
      value: choiceValue(value, 'value'),
      navigation: nav,
    }) as unknown as GoogleAppsScript.Forms.Choice;
  }

  protected _isOffered(value: string): boolean {
    return this._item.choices.some((c) => c.value === value);
  }
}

/** Checkbox and multiple-choice items: choice items that can offer an "Other" answer (list items cannot). */
abstract class OtherOptionChoiceFacade<G> extends ChoiceQuestionFacade<G> {
  hasOtherOption(): boolean {
    this._position();
    return this._item.otherOption;
  }

  showOtherOption(enabled: boolean): G {
    this._position();
    this._item.otherOption = enabled === true;
    return this as unknown as G;
  }
}

function choiceValue(value: unknown, name: string): string {
  if (value === null || value === undefined) invalidArgument(name);
  const text = String(value);
  // Forms has no empty options; Apps Script refuses to save one.
  if (text === '') throw new Error('Invalid data updating form.');
  return text;
}

type CheckboxMethods =
  | 'clearValidation'
  | 'createChoice'
  | 'createResponse'
  | 'duplicate'
  | 'getChoices'
  | 'getHelpText'
  | 'getId'
  | 'getIndex'
  | 'getTitle'
  | 'getType'
  | 'hasOtherOption'
  | 'isRequired'
  | 'setChoiceValues'
  | 'setChoices'
  | 'setHelpText'
  | 'setRequired'
  | 'setTitle'
  | 'setValidation'
  | 'showOtherOption';

export class CheckboxItem
  extends OtherOptionChoiceFacade<GoogleAppsScript.Forms.CheckboxItem>
  implements Pick<GoogleAppsScript.Forms.CheckboxItem, CheckboxMethods>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'CheckboxItem');
  }

  setValidation(validation: GoogleAppsScript.Forms.CheckboxValidation): GoogleAppsScript.Forms.CheckboxItem {
    return this._setValidation(validation, 'CHECKBOX');
  }

  clearValidation(): GoogleAppsScript.Forms.CheckboxItem {
    return this._clearValidation();
  }

  createResponse(responses: string[]): GoogleAppsScript.Forms.ItemResponse {
    this._position();
    if (!Array.isArray(responses)) signatureMismatch('CheckboxItem.createResponse', [responses]);
    const values = responses.map(String);
    const others = values.filter((v) => !this._isOffered(v));
    if (others.length > (this._item.otherOption ? 1 : 0)) invalidArgument('responses');
    return this._response(values);
  }
}

type SingleChoiceMethods = Exclude<CheckboxMethods, 'clearValidation' | 'setValidation'>;

export class MultipleChoiceItem
  extends OtherOptionChoiceFacade<GoogleAppsScript.Forms.MultipleChoiceItem>
  implements Pick<GoogleAppsScript.Forms.MultipleChoiceItem, SingleChoiceMethods>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'MultipleChoiceItem');
  }

  createResponse(response: string): GoogleAppsScript.Forms.ItemResponse {
    this._position();
    if (typeof response !== 'string') signatureMismatch('MultipleChoiceItem.createResponse', [response]);
    if (!this._isOffered(response) && !this._item.otherOption) invalidArgument('response');
    return this._response(response);
  }
}

export class ListItem
  extends ChoiceQuestionFacade<GoogleAppsScript.Forms.ListItem>
  implements
    Pick<GoogleAppsScript.Forms.ListItem, Exclude<SingleChoiceMethods, 'hasOtherOption' | 'showOtherOption'>>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'ListItem');
  }

  createResponse(response: string): GoogleAppsScript.Forms.ItemResponse {
    this._position();
    if (typeof response !== 'string') signatureMismatch('ListItem.createResponse', [response]);
    if (!this._isOffered(response)) invalidArgument('response');
    return this._response(response);
  }
}

type TextMethods =
  | 'clearValidation'
  | 'createResponse'
  | 'duplicate'
  | 'getHelpText'
  | 'getId'
  | 'getIndex'
  | 'getTitle'
  | 'getType'
  | 'isRequired'
  | 'setHelpText'
  | 'setRequired'
  | 'setTitle'
  | 'setValidation';

/** Text and paragraph-text items: a free-text answer, optionally validated. */
abstract class TextQuestionFacade<G> extends QuestionFacade<G> {
  clearValidation(): G {
    return this._clearValidation();
  }

  createResponse(response: string): GoogleAppsScript.Forms.ItemResponse {
    this._position();
    if (typeof response !== 'string') signatureMismatch(`${this._className}.createResponse`, [response]);
    return this._response(response);
  }
}

export class TextItem
  extends TextQuestionFacade<GoogleAppsScript.Forms.TextItem>
  implements Pick<GoogleAppsScript.Forms.TextItem, TextMethods>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'TextItem');
  }

  setValidation(validation: GoogleAppsScript.Forms.TextValidation): GoogleAppsScript.Forms.TextItem {
    return this._setValidation(validation, 'TEXT');
  }
}

export class ParagraphTextItem
  extends TextQuestionFacade<GoogleAppsScript.Forms.ParagraphTextItem>
  implements Pick<GoogleAppsScript.Forms.ParagraphTextItem, TextMethods>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'ParagraphTextItem');
  }

  setValidation(
    validation: GoogleAppsScript.Forms.ParagraphTextValidation,
  ): GoogleAppsScript.Forms.ParagraphTextItem {
    return this._setValidation(validation, 'PARAGRAPH_TEXT');
  }
}

type DateMethods =
  | 'createResponse'
  | 'duplicate'
  | 'getHelpText'
  | 'getId'
  | 'getIndex'
  | 'getTitle'
  | 'getType'
  | 'includesYear'
  | 'isRequired'
  | 'setHelpText'
  | 'setIncludesYear'
  | 'setRequired'
  | 'setTitle';

/**
 * Date answers are strings in the script's time zone: "YYYY-MM-DD" ("MM-DD" without the year), and for a
 * date-time item "YYYY-MM-DD HH:MM"; the seconds of the Date are ignored, as the reference says.
 */
function dateAnswer(ms: number, timeZone: string, includesYear: boolean, withTime: boolean): string {
  const p = wallClockAt(ms, timeZone);
  const date = includesYear ? `${p.year}-${pad2(p.month)}-${pad2(p.day)}` : `${pad2(p.month)}-${pad2(p.day)}`;
  return withTime ? `${date} ${pad2(p.hour)}:${pad2(p.minute)}` : date;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Date and date-time items: answered with a Date, read in the script's time zone. */
abstract class DateQuestionFacade<G> extends QuestionFacade<G> {
  includesYear(): boolean {
    this._position();
    return this._item.includesYear;
  }

  setIncludesYear(enableYear: boolean): G {
    this._position();
    this._item.includesYear = enableYear === true;
    return this as unknown as G;
  }

  createResponse(response: GoogleAppsScript.Base.Date): GoogleAppsScript.Forms.ItemResponse {
    this._position();
    if (!isDate(response)) signatureMismatch(`${this._className}.createResponse`, [response]);
    const withTime = this._item.type === 'DATETIME';
    return this._response(
      dateAnswer(response.getTime(), this._fc.ws.timeZone, this._item.includesYear, withTime),
    );
  }
}

export class DateItem
  extends DateQuestionFacade<GoogleAppsScript.Forms.DateItem>
  implements Pick<GoogleAppsScript.Forms.DateItem, DateMethods>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'DateItem');
  }
}

export class DateTimeItem
  extends DateQuestionFacade<GoogleAppsScript.Forms.DateTimeItem>
  implements Pick<GoogleAppsScript.Forms.DateTimeItem, DateMethods>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'DateTimeItem');
  }
}

export class TimeItem
  extends QuestionFacade<GoogleAppsScript.Forms.TimeItem>
  implements Pick<GoogleAppsScript.Forms.TimeItem, Exclude<DateMethods, 'includesYear' | 'setIncludesYear'>>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'TimeItem');
  }

  /** A time of day: "HH:MM". */
  createResponse(hour: number, minute: number): GoogleAppsScript.Forms.ItemResponse {
    this._position();
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) invalidArgument('hour');
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) invalidArgument('minute');
    return this._response(`${pad2(hour)}:${pad2(minute)}`);
  }
}

type LayoutMethods =
  'duplicate' | 'getHelpText' | 'getId' | 'getIndex' | 'getTitle' | 'getType' | 'setHelpText' | 'setTitle';

export class PageBreakItem
  extends ItemFacade<GoogleAppsScript.Forms.PageBreakItem>
  implements
    Pick<
      GoogleAppsScript.Forms.PageBreakItem,
      LayoutMethods | 'getGoToPage' | 'setGoToPage' | 'getPageNavigationType'
    >
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'PageBreakItem');
  }

  /** For other facades: fails if this page break was deleted. */
  _alive(): void {
    this._position();
  }

  /** The page reached (by linear progression) at this page break: null unless it navigates to a page. */
  getGoToPage(): GoogleAppsScript.Forms.PageBreakItem {
    this._position();
    return pageFacade(
      this._fc,
      this._form,
      this._item.goTo,
    ) as unknown as GoogleAppsScript.Forms.PageBreakItem;
  }

  getPageNavigationType(): NavigationTypeValue {
    this._position();
    return PAGE_NAVIGATION_TYPE[this._item.goTo.type] as unknown as NavigationTypeValue;
  }

  /** setGoToPage(PageBreakItem) or setGoToPage(PageNavigationType). */
  setGoToPage(
    target: GoogleAppsScript.Forms.PageBreakItem | NavigationTypeValue,
  ): GoogleAppsScript.Forms.PageBreakItem {
    this._position();
    const value: unknown = target;
    if (value instanceof PageBreakItem) {
      if (value._form !== this._form) invalidArgument('goToPageItem');
      value._alive();
      this._item.goTo = { type: 'GO_TO_PAGE', pageId: value._item.id };
    } else if (enumName(PAGE_NAVIGATION_TYPE, value)) {
      const name = enumName(PAGE_NAVIGATION_TYPE, value);
      if (name === 'GO_TO_PAGE' || !name) invalidArgument('navigationType');
      this._item.goTo = { type: name };
    } else {
      signatureMismatch('PageBreakItem.setGoToPage', [value]);
    }
    return this as unknown as GoogleAppsScript.Forms.PageBreakItem;
  }
}

export class SectionHeaderItem
  extends ItemFacade<GoogleAppsScript.Forms.SectionHeaderItem>
  implements Pick<GoogleAppsScript.Forms.SectionHeaderItem, LayoutMethods>
{
  constructor(fc: FormsContext, form: FormState, item: ItemState) {
    super(fc, form, item, 'SectionHeaderItem');
  }
}

/** A choice of a checkbox, multiple-choice or list item (a value, and for the last two, where it leads). */
export class Choice
  extends Emulated
  implements Pick<GoogleAppsScript.Forms.Choice, 'getValue' | 'getGotoPage' | 'getPageNavigationType'>
{
  constructor(
    readonly _fc: FormsContext,
    readonly _form: FormState,
    readonly _choice: ChoiceState,
  ) {
    super(_fc.ws, 'Choice');
  }

  getValue(): string {
    return this._choice.value;
  }

  /** The page this choice leads to, or null when it does not lead to a page. */
  getGotoPage(): GoogleAppsScript.Forms.PageBreakItem {
    return pageFacade(
      this._fc,
      this._form,
      this._choice.navigation,
    ) as unknown as GoogleAppsScript.Forms.PageBreakItem;
  }

  /** The choice's navigation, or null for a choice that carries none. */
  getPageNavigationType(): NavigationTypeValue {
    const nav = this._choice.navigation;
    return (nav ? PAGE_NAVIGATION_TYPE[nav.type] : null) as unknown as NavigationTypeValue;
  }
}

/** The PageBreakItem a navigation leads to (null when it leads nowhere or the page was deleted). */
function pageFacade(fc: FormsContext, form: FormState, nav: Navigation | null): PageBreakItem | null {
  if (nav?.type !== 'GO_TO_PAGE') return null;
  const page = form.items.find((i) => i.id === nav.pageId && i.type === 'PAGE_BREAK');
  return page ? new PageBreakItem(fc, form, page) : null;
}

/** One answer: to a question of a submitted response, or built by a script with createResponse(). */
export class ItemResponse
  extends Emulated
  implements Pick<GoogleAppsScript.Forms.ItemResponse, 'getItem' | 'getResponse'>
{
  constructor(
    readonly _fc: FormsContext,
    readonly _form: FormState,
    readonly _item: ItemState,
    readonly _value: AnswerValue,
  ) {
    super(_fc.ws, 'ItemResponse');
  }

  /** The question answered, as a generic Item (cast it with as…Item), as on Apps Script. */
  getItem(): GoogleAppsScript.Forms.Item {
    return new Item(this._fc, this._form, this._item) as unknown as GoogleAppsScript.Forms.Item;
  }

  /** A string, or a string[] for a checkbox item (a copy: changing it changes nothing stored). */
  getResponse(): string | string[] {
    return Array.isArray(this._value) ? [...this._value] : this._value;
  }
}

const FACADE_OF_TYPE: Record<
  ItemTypeName,
  new (fc: FormsContext, form: FormState, item: ItemState) => ItemFacade<unknown>
> = {
  CHECKBOX: CheckboxItem,
  DATE: DateItem,
  DATETIME: DateTimeItem,
  LIST: ListItem,
  MULTIPLE_CHOICE: MultipleChoiceItem,
  PAGE_BREAK: PageBreakItem,
  PARAGRAPH_TEXT: ParagraphTextItem,
  SECTION_HEADER: SectionHeaderItem,
  TEXT: TextItem,
  TIME: TimeItem,
};

/** The typed facade for an item (CheckboxItem, PageBreakItem…). */
export function typedItemFacade(fc: FormsContext, form: FormState, item: ItemState): Emulated {
  return new FACADE_OF_TYPE[item.type](fc, form, item);
}

/** The item state behind any item facade (generic or typed) of `form`, or undefined. */
export function itemStateOf(value: unknown, form: FormState): ItemState | undefined {
  if (!(value instanceof ItemFacade)) return undefined;
  return value._form === form ? value._item : undefined;
}
