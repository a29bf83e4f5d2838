/**
 * The FormApp emulator's state: forms, their items and responses as plain data. Facades (the objects
 * the script sees) hold references into this state; the store owns it.
 */
import { makeEnum } from '../enums';

/** The item types the emulator models (a subset of FormApp.ItemType). */
export type ItemTypeName =
  | 'CHECKBOX'
  | 'DATE'
  | 'DATETIME'
  | 'LIST'
  | 'MULTIPLE_CHOICE'
  | 'PAGE_BREAK'
  | 'PARAGRAPH_TEXT'
  | 'SECTION_HEADER'
  | 'TEXT'
  | 'TIME';

/** FormApp.ItemType: every value Apps Script defines, so comparisons against unmodelled types still work. */
export const ITEM_TYPE = makeEnum([
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
  'RATING',
]);

export const PAGE_NAVIGATION_TYPE = makeEnum(['CONTINUE', 'GO_TO_PAGE', 'RESTART', 'SUBMIT']);

export const DESTINATION_TYPE = makeEnum(['SPREADSHEET']);

/**
 * FormApp.EmailCollectionType. The values are those of the Forms API's `FormSettings.emailCollectionType`
 * (DO_NOT_COLLECT, VERIFIED, RESPONDER_INPUT), which scripts use as `FormApp.EmailCollectionType.VERIFIED`
 * with `form.setEmailCollectionType(...)`.
 */
export type EmailCollectionName = 'DO_NOT_COLLECT' | 'VERIFIED' | 'RESPONDER_INPUT';

export const EMAIL_COLLECTION_TYPE = makeEnum<EmailCollectionName>([
  'DO_NOT_COLLECT',
  'VERIFIED',
  'RESPONDER_INPUT',
]);

/** Where a choice (or the end of a page) sends the respondent. */
export type Navigation = { type: 'CONTINUE' | 'RESTART' | 'SUBMIT' } | { type: 'GO_TO_PAGE'; pageId: number };

export interface ChoiceState {
  value: string;
  /** null: the choice carries no navigation (only multiple-choice and list items can carry one). */
  navigation: Navigation | null;
}

export type CheckboxRule = { rule: 'AT_LEAST' | 'AT_MOST' | 'EXACTLY'; count: number };

export type TextRule =
  | { rule: 'NUMBER' | 'WHOLE_NUMBER' | 'EMAIL' | 'URL' }
  | {
      rule: 'NUMBER_GT' | 'NUMBER_GTE' | 'NUMBER_LT' | 'NUMBER_LTE' | 'NUMBER_EQ' | 'NUMBER_NEQ';
      value: number;
    }
  | { rule: 'NUMBER_BETWEEN' | 'NUMBER_NOT_BETWEEN'; low: number; high: number }
  | { rule: 'LENGTH_GTE' | 'LENGTH_LTE'; value: number }
  | { rule: 'CONTAINS' | 'NOT_CONTAINS' | 'MATCHES' | 'NOT_MATCHES'; pattern: string };

export type ValidationState =
  | { kind: 'CHECKBOX'; check: CheckboxRule; helpText: string }
  | { kind: 'TEXT' | 'PARAGRAPH_TEXT'; check: TextRule; helpText: string };

export interface ItemState {
  id: number;
  type: ItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: ChoiceState[];
  otherOption: boolean;
  validation: ValidationState | null;
  includesYear: boolean;
  /** Page breaks: where the respondent goes on reaching this break by linear progression. */
  goTo: Navigation;
}

/** A stored answer, in Apps Script's shape: a string, or string[] for a checkbox item. */
export type AnswerValue = string | string[];

export interface AnswerState {
  itemId: number;
  /** The item's title when answered, so a response stays readable after the item is renamed or deleted. */
  title: string;
  value: AnswerValue;
}

export interface ResponseState {
  id: string;
  timestamp: number;
  /** The email recorded with the response ('' when the form does not collect email). */
  email: string;
  /** Who submitted it (a signed-in account), even when the email is not recorded; for one-response limits. */
  respondent: string;
  answers: AnswerState[];
  /** Submitted by the script itself (FormResponse.submit) rather than by a respondent. */
  byScript: boolean;
}

export interface FormState {
  id: string;
  /** The id in the responder URL (…/forms/d/e/<publishedId>/viewform), distinct from the file id. */
  publishedId: string;
  title: string;
  description: string;
  confirmationMessage: string;
  emailCollection: EmailCollectionName;
  requireLogin: boolean;
  allowResponseEdits: boolean;
  limitOneResponsePerUser: boolean;
  showLinkToRespondAgain: boolean;
  progressBar: boolean;
  published: boolean;
  /**
   * A form from before the publishing model (2025): no publish state, no responder permissions
   * (supportsAdvancedResponderPermissions() is false). It is live whenever it accepts responses.
   */
  legacy: boolean;
  /** Responders named on the form (Drive's published-view reader permissions), as given. */
  publishedReaders: string[];
  /** The accepting-responses flag as set; a form accepts responses only while it is also published. */
  accepting: boolean;
  destination: { type: 'SPREADSHEET'; id: string } | null;
  items: ItemState[];
  responses: ResponseState[];
}

export const QUESTION_TYPES: ReadonlySet<ItemTypeName> = new Set<ItemTypeName>([
  'CHECKBOX',
  'DATE',
  'DATETIME',
  'LIST',
  'MULTIPLE_CHOICE',
  'PARAGRAPH_TEXT',
  'TEXT',
  'TIME',
]);

export function isQuestion(item: ItemState): boolean {
  return QUESTION_TYPES.has(item.type);
}

/** Choice items that can send the respondent to a page (Forms allows it on these two only). */
export function canNavigate(item: ItemState): boolean {
  return item.type === 'MULTIPLE_CHOICE' || item.type === 'LIST';
}

export function newItemState(id: number, type: ItemTypeName): ItemState {
  return {
    id,
    type,
    title: '',
    helpText: '',
    required: false,
    choices: [],
    otherOption: false,
    validation: null,
    includesYear: true,
    goTo: { type: 'CONTINUE' },
  };
}

export function cloneItemState(item: ItemState, id: number): ItemState {
  return {
    ...item,
    id,
    choices: item.choices.map((c) => ({
      value: c.value,
      navigation: c.navigation ? { ...c.navigation } : null,
    })),
    validation: item.validation ? cloneValidation(item.validation) : null,
    goTo: { ...item.goTo },
  };
}

export function cloneValidation(v: ValidationState): ValidationState {
  return { ...v, check: { ...v.check } } as ValidationState;
}

/** The form's pages: page 0 is the items before the first page break; page k starts at the k-th break. */
export interface Page {
  index: number;
  /** The page break that starts this page (null for the first page). */
  breakItem: ItemState | null;
  /** The page's items, not counting its page break. */
  items: ItemState[];
}

export function pagesOf(form: FormState): Page[] {
  const pages: Page[] = [{ index: 0, breakItem: null, items: [] }];
  for (const item of form.items) {
    if (item.type === 'PAGE_BREAK') {
      pages.push({ index: pages.length, breakItem: item, items: [] });
    } else {
      const last = pages[pages.length - 1];
      if (last) last.items.push(item);
    }
  }
  return pages;
}

const DATE_WITH_YEAR = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_WITHOUT_YEAR = /^(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Checks a date answer string ("YYYY-MM-DD", or "MM-DD" when the item omits the year). */
export function isDateAnswer(text: string, includesYear: boolean): boolean {
  if (includesYear) {
    const m = DATE_WITH_YEAR.exec(text);
    return !!m && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const m = DATE_WITHOUT_YEAR.exec(text);
  // A leap year, so 02-29 is a date a respondent can pick.
  return !!m && validDay(2024, Number(m[1]), Number(m[2]));
}

export function isTimeAnswer(text: string): boolean {
  const m = TIME_OF_DAY.exec(text);
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

export function isDateTimeAnswer(text: string, includesYear: boolean): boolean {
  const space = text.lastIndexOf(' ');
  if (space < 0) return false;
  return isDateAnswer(text.slice(0, space), includesYear) && isTimeAnswer(text.slice(space + 1));
}
