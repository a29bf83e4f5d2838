/**
 * The incident schema: one declarative list of questions that drives the form, the register's columns, the
 * response parser and the summary. Adding a question is one entry in QUESTION_LIST (plus its field in
 * IncidentReport, which the compiler asks for).
 *
 * The words are written for a busy member of staff reading on a phone: what to do, what never to do.
 */

import type { AdultConcern, IncidentReport, RiskAnswer, Settings } from './types';
import { schoolDisplayName } from './settings';

/** Answers the form collects; the reporter's identity and the submission time come from Forms itself. */
export type QuestionKey = Exclude<keyof IncidentReport, 'responseId' | 'submittedAt' | 'reporterEmail'>;

/** The Google Forms item a question becomes. */
export type ItemKind = 'text' | 'paragraph' | 'checkbox' | 'multipleChoice' | 'list' | 'dateTime' | 'date';

/** Forms can only branch on these (a choice's "go to section"). */
export const BRANCHING_KINDS: readonly ItemKind[] = ['multipleChoice', 'list'];

export type SectionId = 'incident' | 'adult' | 'risk';
/** Where a choice or the end of a section leads. */
export type Destination = SectionId | 'submit';

/** A choice list the DSL edits in the Settings sheet. */
export type SettingsList = 'categories' | 'platforms' | 'yearGroups';

/** How an answer becomes a value of the report. */
export type AnswerKind = 'text' | 'lines' | 'choices' | 'dateTime' | 'adultConcern' | 'risk';

interface AnswerValue {
  text: string;
  /** One entry per line (or comma): pupils' names. */
  lines: string[];
  /** The ticked choices, as shown (including an "Other" typed in). */
  choices: string[];
  dateTime: Date | null;
  adultConcern: AdultConcern;
  risk: RiskAnswer | '';
}

/** The answer kinds whose value type is exactly the report field's type. */
type AnswerKindFor<K extends QuestionKey> = {
  [A in AnswerKind]: [AnswerValue[A]] extends [IncidentReport[K]]
    ? [IncidentReport[K]] extends [AnswerValue[A]]
      ? A
      : never
    : never;
}[AnswerKind];

export interface Choice {
  label: string;
  /** Section to go to when this choice is picked (multiple-choice and list items only). */
  goTo?: Destination;
}

/** How a question's answers look in the register. */
export interface ColumnSpec {
  header: string;
  /** Pixels. */
  width: number;
  wrap: boolean;
}

interface QuestionOf<K extends QuestionKey> {
  key: K;
  section: SectionId;
  /** What staff read. */
  title: string;
  help: string;
  kind: ItemKind;
  answer: AnswerKindFor<K>;
  required: boolean;
  choices?: readonly Choice[] | SettingsList;
  /** Checkbox items: most boxes that may be ticked. */
  maxSelections?: number;
  /** Adds Forms' own "Other:" box with free text. */
  otherOption?: boolean;
  column: ColumnSpec;
  /** May name or identify a person: never in leadership email, logs or the summary. */
  personal: boolean;
  /** The summary counts incidents by this answer, under this label. */
  summaryLabel?: string;
}

export type Question = { [K in QuestionKey]: QuestionOf<K> }[QuestionKey];

export interface Section {
  id: SectionId;
  title: string;
  help: string;
  /** Where to go after the section's last item when no choice has decided. */
  next: Destination;
}

// ---- Words ---------------------------------------------------------------------------------------------

export const NUDES_RULE =
  'Never view, copy, screenshot, print, forward or save an image that may be a nude or semi-nude of a child — ' +
  'even as evidence: that can be a criminal offence. Do not delete it and do not ask the child to delete it. ' +
  'If you have taken the device, do not look through it: lock it away and give it to the DSL at once. ' +
  'The DSL decides what happens next.';

/**
 * Said before any detail is typed (the form's description) and again where the adult is chosen: the platform
 * cannot keep a report from the DSL who runs this system (they own every file), so a concern about them, or
 * about a deputy DSL, is better told in person.
 */
export const LEAD_CONCERN_WARNING =
  '• A concern about the DSL or a deputy DSL? Do not type details here: the DSL who runs this system can read every report. ' +
  'Tell the Headteacher in person (the Chair of Governors, if the DSL is the Headteacher) or call the NSPCC Whistleblowing line, 0800 028 0285.';

const FORM_DESCRIPTION = [
  'Use this for any worry about a child online, however small. It takes about 3 minutes.',
  '',
  'If a child is in immediate danger, call 999 first. If a child may be at risk of harm, tell the DSL (or a deputy) in person now, then fill this in.',
  '',
  '• ' + NUDES_RULE,
  "• Write down the child's own words, exactly as they said them.",
  '• Do not promise to keep it secret: explain that you have to pass it on to help keep them safe.',
  '• Do not investigate or question the pupils involved: the DSL will do that.',
  '',
  'Your school email address is recorded with your report.',
  '',
  LEAD_CONCERN_WARNING,
].join('\n');

const CONFIRMATION_MESSAGE = [
  'Thank you. Your report has gone to the safeguarding team.',
  'If a child may be at risk and you have not yet told the DSL in person, do it now.',
  'Please do not discuss this report with others.',
].join('\n');

export const SECTIONS: readonly Section[] = [
  {
    id: 'incident',
    title: 'The incident',
    help: 'What happened, who was involved. Facts only; your best guess is fine where you are not sure.',
    next: 'risk',
  },
  {
    id: 'adult',
    title: 'Concern about an adult',
    help: [
      'A concern about a member of staff, supply staff, a volunteer, a contractor, the DSL or a deputy DSL goes to the Headteacher — or, if it is about the Headteacher (also when the Headteacher is the DSL), to the Chair of Governors. It does not go into the main register.',
      'If the adult was the one harmed (for example a pupil’s fake account targeting a teacher), it is not a concern about them: it is recorded in the register with the pupil who caused harm, and the Headteacher (for the Headteacher, the Chair of Governors) is told so that they are supported.',
      LEAD_CONCERN_WARNING,
      '• Do not investigate and do not tell the adult concerned.',
      '• Do not discuss it with other staff.',
      '• If you feel unable to raise it in school, you can call the NSPCC Whistleblowing Advice Line on 0800 028 0285.',
      '• Who can always read it: the DSL who runs this system, the people who can edit its spreadsheet, and the school’s Google administrators. If your concern is about one of them, use the line above or tell the Chair of Governors directly.',
    ].join('\n'),
    next: 'risk',
  },
  {
    id: 'risk',
    title: 'Risk and next steps',
    help: 'What you have done so far, and what still needs doing.',
    next: 'submit',
  },
];

/** The adult-involvement choices: their words, what they mean, and where each leads. */
export const ADULT_CONCERN_CHOICES: ReadonlyArray<{ label: string; value: AdultConcern; goTo: Destination }> =
  [
    { label: 'No adult from school or home is involved', value: 'none', goTo: 'risk' },
    { label: 'A member of staff (not the Headteacher)', value: 'staff', goTo: 'adult' },
    { label: 'The Designated Safeguarding Lead (DSL)', value: 'dsl', goTo: 'adult' },
    { label: 'A deputy DSL', value: 'deputy-dsl', goTo: 'adult' },
    { label: 'The Headteacher', value: 'headteacher', goTo: 'adult' },
    { label: 'A parent or carer', value: 'parent', goTo: 'risk' },
    { label: 'Another adult who works or volunteers at the school', value: 'other-adult', goTo: 'adult' },
  ];

/**
 * The adult's part: KCSIE Part Four's allegation (meets the harm threshold), its low-level concern (does
 * not), and the adult as the one harmed (the LGfL/Kent flowchart for staff as victims). "Not sure" is
 * routed as an allegation, the safer side.
 */
export type AdultPart = 'allegation' | 'low-level' | 'harmed';
export const ADULT_ROLE_CHOICES: ReadonlyArray<{ label: string; part: AdultPart }> = [
  { label: 'Causing harm or behaving inappropriately', part: 'allegation' },
  {
    label:
      'A low-level concern: not in line with the staff code of conduct, but no child harmed or put at risk',
    part: 'low-level',
  },
  { label: 'Harmed or targeted (for example by a pupil’s fake account or abuse online)', part: 'harmed' },
  { label: 'Not sure', part: 'allegation' },
];

export const RISK_ANSWERS: readonly RiskAnswer[] = ['Yes', 'No', 'Not sure'];

export const LOCATIONS: readonly string[] = [
  'In school, on a school device or network',
  'In school, on a personal device',
  'Outside school',
  'Not known',
];

const choices = (...labels: string[]): Choice[] => labels.map((label) => ({ label }));

const QUESTION_LIST = [
  {
    key: 'occurredAt',
    section: 'incident',
    title: 'When did it happen?',
    help: 'If you do not know, give when you were told. Your best guess is fine.',
    kind: 'dateTime',
    answer: 'dateTime',
    required: true,
    column: { header: 'When it happened', width: 130, wrap: false },
    personal: false,
  },
  {
    key: 'categories',
    section: 'incident',
    title: 'What kind of concern is it?',
    help: 'Tick up to 3 that fit best.',
    kind: 'checkbox',
    answer: 'choices',
    required: true,
    choices: 'categories',
    maxSelections: 3,
    column: { header: 'Categories', width: 220, wrap: true },
    personal: false,
    summaryLabel: 'Category',
  },
  {
    key: 'platform',
    section: 'incident',
    title: 'Which app, game or website?',
    help: 'Choose Other to type its name. Leave empty if none was involved.',
    kind: 'multipleChoice',
    answer: 'text',
    required: false,
    choices: 'platforms',
    otherOption: true,
    column: { header: 'Platform / app', width: 130, wrap: true },
    personal: false,
    summaryLabel: 'Platform',
  },
  {
    key: 'location',
    section: 'incident',
    title: 'Where was the child when it happened?',
    help: '',
    kind: 'multipleChoice',
    answer: 'text',
    required: true,
    choices: choices(...LOCATIONS),
    column: { header: 'Where', width: 170, wrap: true },
    personal: false,
    summaryLabel: 'Where',
  },
  {
    key: 'description',
    section: 'incident',
    title: 'What happened?',
    help:
      "Facts only: what you saw or were told, when, and who was there. Put the child's own words in quotation marks, exactly as they said them. " +
      'Do not ask leading questions or investigate. Do not upload or paste images here.',
    kind: 'paragraph',
    answer: 'text',
    required: true,
    column: { header: 'What happened', width: 360, wrap: true },
    personal: true,
  },
  {
    key: 'pupilsHarmed',
    section: 'incident',
    title: 'Pupils harmed or at risk',
    help: 'One pupil per line: full name and class or tutor group.',
    kind: 'paragraph',
    answer: 'lines',
    required: false,
    column: { header: 'Pupils harmed', width: 170, wrap: true },
    personal: true,
  },
  {
    key: 'pupilsCausedHarm',
    section: 'incident',
    title: 'Pupils who caused harm',
    help: 'One pupil per line: full name and class or tutor group. Leave empty if not known.',
    kind: 'paragraph',
    answer: 'lines',
    required: false,
    column: { header: 'Pupils who caused harm', width: 170, wrap: true },
    personal: true,
  },
  {
    key: 'pupilsOther',
    section: 'incident',
    title: 'Other pupils involved or who saw it',
    help: 'One pupil per line.',
    kind: 'paragraph',
    answer: 'lines',
    required: false,
    column: { header: 'Other pupils / witnesses', width: 170, wrap: true },
    personal: true,
  },
  {
    key: 'yearGroups',
    section: 'incident',
    title: 'Year groups of the pupils involved',
    help: 'Tick all that apply.',
    kind: 'checkbox',
    answer: 'choices',
    required: false,
    choices: 'yearGroups',
    column: { header: 'Year groups', width: 110, wrap: true },
    personal: false,
    summaryLabel: 'Year group',
  },
  {
    key: 'adultConcern',
    section: 'incident',
    title:
      'Is an adult from the school or a pupil’s home involved — as the one causing harm or the one harmed?',
    help:
      'A stranger online (for example someone grooming a child) is not one of these: choose "No adult…" and tick the grooming category above. ' +
      'Supply staff, volunteers and contractors: choose "Another adult who works or volunteers at the school" (it goes to the Headteacher, as for staff). ' +
      'If a parent or carer is involved, say what they did in "What happened". ' +
      'About the DSL or a deputy: the DSL who runs this system can read every report, so tell the Headteacher in person.',
    kind: 'multipleChoice',
    answer: 'adultConcern',
    required: true,
    choices: ADULT_CONCERN_CHOICES.map(({ label, goTo }) => ({ label, goTo })),
    column: { header: 'Adult involved', width: 170, wrap: true },
    personal: false,
  },
  {
    key: 'adultDetails',
    section: 'adult',
    title: 'Who is the adult, and what happened?',
    help: 'Their name and role, and the facts: what was said or done, when, and who saw it.',
    kind: 'paragraph',
    answer: 'text',
    required: true,
    column: { header: 'Adult: who and what', width: 260, wrap: true },
    personal: true,
  },
  {
    key: 'adultRole',
    section: 'adult',
    title: 'Was the adult the one causing harm, or the one harmed?',
    help:
      'Causing harm: they have or may have harmed a child, or may pose a risk to children or be unsuitable to work with them. ' +
      'Low-level concern: anything not in line with the staff code of conduct that does not meet that threshold, ' +
      'for example being over-friendly with pupils or taking their photos on a personal phone. ' +
      'Harmed or targeted: they are the victim. Not sure is treated as causing harm.',
    kind: 'multipleChoice',
    answer: 'text',
    required: true,
    choices: ADULT_ROLE_CHOICES.map(({ label }) => ({ label })),
    column: { header: 'Adult: causing harm or harmed', width: 170, wrap: true },
    personal: false,
  },
  {
    key: 'childAtRisk',
    section: 'risk',
    title: 'Do you believe a child is at risk of harm?',
    help: 'If yes or not sure, tell the DSL in person as well — the form is not enough on its own.',
    kind: 'multipleChoice',
    answer: 'risk',
    required: true,
    choices: choices(...RISK_ANSWERS),
    column: { header: 'Child at risk (reporter)', width: 110, wrap: false },
    personal: false,
  },
  {
    key: 'toldDslInPerson',
    section: 'risk',
    title: 'Have you already told the DSL or a deputy in person?',
    help: '',
    kind: 'multipleChoice',
    answer: 'text',
    required: true,
    choices: choices('Yes', 'No', 'I tried but could not reach them'),
    column: { header: 'Told DSL in person', width: 120, wrap: true },
    personal: false,
  },
  {
    key: 'evidenceKept',
    section: 'risk',
    title: 'Is there evidence, and is it kept safe?',
    help:
      NUDES_RULE +
      ' For anything else (for example bullying messages), a screenshot showing the date, time and username helps.',
    kind: 'multipleChoice',
    answer: 'text',
    required: true,
    choices: choices(
      'Yes, it is kept safe',
      'Yes, but it still needs securing',
      'It may be a nude or semi-nude image: I have not kept a copy',
      'No evidence',
    ),
    column: { header: 'Evidence kept', width: 170, wrap: true },
    personal: false,
  },
  {
    key: 'evidenceWhere',
    section: 'risk',
    title: 'Where is the evidence now?',
    help: 'For example "phone locked in the DSL’s office" or "screenshots with the Head of Year". Do not upload it here.',
    kind: 'paragraph',
    answer: 'text',
    required: false,
    column: { header: 'Evidence where', width: 200, wrap: true },
    personal: true,
  },
  {
    key: 'actionsTaken',
    section: 'risk',
    title: 'What have you done so far?',
    help: 'For example: reassured the child, told the DSL, reported the account on the app.',
    kind: 'paragraph',
    answer: 'text',
    required: false,
    column: { header: 'Actions already taken', width: 240, wrap: true },
    personal: true,
  },
  {
    key: 'parentsInformed',
    section: 'risk',
    title: 'Have parents or carers been told?',
    help: 'Leave this to the DSL when a child may be at risk: telling a parent or carer can sometimes put a child at more risk.',
    kind: 'multipleChoice',
    answer: 'text',
    required: false,
    choices: choices('Yes', 'No', 'Left to the DSL'),
    column: { header: 'Parents informed (reporter)', width: 130, wrap: true },
    personal: false,
  },
] as const satisfies readonly Question[];

// Every report field has a question: adding a field to IncidentReport without one fails to compile here.
type Unasked = Exclude<QuestionKey, (typeof QUESTION_LIST)[number]['key']>;
const everyFieldAsked: [Unasked] extends [never] ? true : Unasked = true;
void everyFieldAsked;

export const QUESTIONS: readonly Question[] = QUESTION_LIST;

export function questionByKey(key: QuestionKey): Question {
  const found = QUESTIONS.find((q) => q.key === key);
  if (!found) throw new Error(`No question ${key} in the schema`);
  return found;
}

/** The labels a question offers, with settings lists filled in. */
export function questionChoices(question: Question, settings: Settings): Choice[] {
  const source = question.choices;
  if (source === undefined) return [];
  if (source === 'categories') return settings.categories.map((c) => ({ label: c.name }));
  if (source === 'platforms' || source === 'yearGroups') {
    // Forms adds its own "Other:" box, so a settings entry called Other would show twice.
    const entries = settings[source].filter((e) => !(question.otherOption && /^other$/i.test(e.trim())));
    return entries.map((label) => ({ label }));
  }
  return source.map((c) => ({ ...c }));
}

// ---- The form plan -------------------------------------------------------------------------------------

export interface ItemPlan {
  /** The schema key: the adapter keeps a key → item id map to find the item again. */
  key: QuestionKey;
  kind: ItemKind;
  title: string;
  help: string;
  required: boolean;
  choices: Choice[];
  maxSelections?: number;
  otherOption: boolean;
}

export interface SectionPlan {
  id: SectionId;
  /** Key of the section's page break (sections after the first), for the same key → id map. */
  key: string;
  title: string;
  help: string;
  items: ItemPlan[];
  /** Where to go after the section when no choice decided. */
  next: Destination;
}

export interface FormPlan {
  title: string;
  description: string;
  confirmationMessage: string;
  /** Reporter identity comes from the verified Workspace email, never a typed name. */
  collectVerifiedEmail: true;
  requireSignIn: true;
  allowResponseEdits: false;
  limitOneResponsePerUser: false;
  progressBar: true;
  sections: SectionPlan[];
}

export function sectionKey(id: SectionId): string {
  return `section:${id}`;
}

/** The whole form as plain data, for an adapter to apply to FormApp (idempotently, item by key). */
export function buildFormPlan(settings: Settings): FormPlan {
  const sections = SECTIONS.map((section): SectionPlan => ({
    id: section.id,
    key: sectionKey(section.id),
    title: section.title,
    help: section.help,
    next: section.next,
    items: QUESTIONS.filter((q) => q.section === section.id).map((q): ItemPlan => ({
      key: q.key,
      kind: q.kind,
      title: q.title,
      help: q.help,
      required: q.required,
      choices: questionChoices(q, settings),
      ...(q.maxSelections !== undefined ? { maxSelections: q.maxSelections } : {}),
      otherOption: q.otherOption ?? false,
    })),
  }));
  return {
    title: `${schoolDisplayName(settings)} — report an online-safety concern`,
    description: FORM_DESCRIPTION,
    confirmationMessage: CONFIRMATION_MESSAGE,
    collectVerifiedEmail: true,
    requireSignIn: true,
    allowResponseEdits: false,
    limitOneResponsePerUser: false,
    progressBar: true,
    sections,
  };
}
