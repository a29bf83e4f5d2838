/**
 * The FormApp emulator: Google Forms as the script sees it (FormApp, Form, items, responses) and as the
 * tests drive it (FormStore.submit, refire, responses, snapshot). The code lives in ./forms/.
 */
export { FormStore } from './forms/store';
export type { ResponseSnapshot, Submission, SubmitOptions, SubmitResult } from './forms/store';
export { Form, FormApp, NO_DESTINATION, NO_ITEM_WITH_ID, User } from './forms/form';
export type { EmulatedForm, EmulatedFormApp, FormAppNewerMembers, FormNewerMethods } from './forms/form';
export {
  CheckboxItem,
  Choice,
  DateItem,
  DateTimeItem,
  Item,
  ItemResponse,
  ListItem,
  MultipleChoiceItem,
  PageBreakItem,
  ParagraphTextItem,
  SectionHeaderItem,
  TextItem,
  TimeItem,
} from './forms/items';
export { FormResponse, UNPUBLISHED_FORM_ERROR } from './forms/responses';
export {
  CheckboxValidationBuilder,
  ParagraphTextValidationBuilder,
  TextValidationBuilder,
} from './forms/validation';
