/**
 * Turning one form response into an IncidentReport (time-zone arithmetic is time.ts's).
 *
 * Answers are matched to questions by Forms item id (the adapter keeps the schema key → item id map), never
 * by column position or title, so renaming a question or reordering the form does not shift answers.
 */

import type { AdultConcern, IncidentReport, RiskAnswer } from './types';
import type { Question, QuestionKey } from './schema';
import { ADULT_CONCERN_CHOICES, QUESTIONS, RISK_ANSWERS } from './schema';
import { instantOfLocal, localParts } from './time';
import { hasSpace, tidyPupilText } from './pupil-names';

/**
 * A Forms date-time answer ("YYYY-MM-DD HH:MM", school time) or date answer ("YYYY-MM-DD") as an instant;
 * null for anything else (an empty or unreadable answer). An item made without the year answers "MM-DD…":
 * the year is then the latest one that does not put the date after `submittedAt` (incidents are in the past).
 */
export function parseFormDateTime(text: string, timeZone: string, submittedAt?: Date): Date | null {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  if (m[1] === undefined) {
    if (!submittedAt) return null;
    const year = localParts(submittedAt, timeZone).year;
    const sameYear = parseFormDateTime(`${year}-${text.trim()}`, timeZone);
    if (sameYear && sameYear.getTime() > submittedAt.getTime()) {
      return parseFormDateTime(`${year - 1}-${text.trim()}`, timeZone);
    }
    return sameYear;
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  // A time that happens twice (clocks going back) is the first; one that never happens moves forward.
  return instantOfLocal({ year, month, day }, timeZone, hour, minute);
}

// ---- Answers -------------------------------------------------------------------------------------------

/** What Apps Script's ItemResponse.getResponse() returns: text, ticked boxes, or grid rows. */
export type FormAnswer = string | string[] | string[][];

export interface ResponseInput {
  responseId: string;
  timestamp: Date;
  respondentEmail: string;
  answers: Array<{ itemId: number; response: FormAnswer }>;
}

/**
 * One pupil per line (or per semicolon). A comma separates pupils only when every part is a name of its
 * own ("Amira Khan, Jordan Blake"); "Khan, Amira" is one pupil written surname first. Trimmed, blanks
 * dropped, order and spelling kept.
 */
export function splitPupilList(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split(/\r\n|\r|\n|;/)) {
    // Blank and one-word are judged by the pupil-name rule: an invisible or non-breaking space is no word break.
    const parts = line
      .split(',')
      .map((s) => s.trim())
      .filter((s) => tidyPupilText(s) !== '');
    const surnameFirst = parts.length === 2 && parts.some((p) => !hasSpace(p));
    if (surnameFirst) entries.push(parts.join(', '));
    else entries.push(...parts);
  }
  return entries;
}

function answerText(answer: FormAnswer | undefined): string {
  if (answer === undefined) return '';
  if (typeof answer === 'string') return answer;
  return answer
    .flat()
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join('\n');
}

function answerList(answer: FormAnswer | undefined): string[] {
  if (answer === undefined) return [];
  // A checkbox answer is a list; text (for example an old short-answer item) is one entry per line.
  const entries = typeof answer === 'string' ? answer.split(/\r\n|\r|\n/) : answer.flat();
  return entries.map((s) => s.trim()).filter((s) => s !== '');
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The adult-involvement choice as routing needs it. Exact labels first; then the words, so a reworded
 * choice still routes. Anything unrecognised that is not empty goes to the Headteacher route
 * ('other-adult'): a concern about an adult must never be dropped.
 */
export function adultConcernFromText(text: string): AdultConcern {
  const typed = normalise(text);
  if (typed === '') return 'none';
  const exact = ADULT_CONCERN_CHOICES.find((c) => normalise(c.label) === typed);
  if (exact) return exact.value;
  if (/^no\b/.test(typed) || typed === 'none') return 'none';
  if (/not the head/.test(typed)) return 'staff';
  if (/\bdeputy\b/.test(typed)) return 'deputy-dsl';
  if (/\bdsl\b|designated safeguarding/.test(typed)) return 'dsl';
  if (/head ?teacher|\bhead\b|principal/.test(typed)) return 'headteacher';
  if (/\bstaff\b|teacher|assistant|colleague/.test(typed)) return 'staff';
  if (/parent|carer|guardian/.test(typed)) return 'parent';
  return 'other-adult';
}

export function riskAnswerFromText(text: string): RiskAnswer | '' {
  const typed = normalise(text);
  return RISK_ANSWERS.find((r) => normalise(r) === typed) ?? '';
}

function decode(
  question: Question,
  answer: FormAnswer | undefined,
  timeZone: string,
  submittedAt: Date,
): unknown {
  switch (question.answer) {
    case 'text':
      return answerText(answer).trim() === '' ? '' : answerText(answer);
    case 'lines':
      return splitPupilList(answerText(answer));
    case 'choices':
      return answerList(answer);
    case 'dateTime':
      return parseFormDateTime(answerText(answer), timeZone, submittedAt);
    case 'adultConcern':
      return adultConcernFromText(answerText(answer));
    case 'risk':
      return riskAnswerFromText(answerText(answer));
  }
}

/**
 * One form response as an IncidentReport. `itemKeys` maps each schema key to the Forms item id that asks
 * it; a question with no item (or no answer) is empty. Choices are kept as typed, so a response given
 * before a category was renamed keeps its old name.
 */
export function parseResponse(
  input: ResponseInput,
  itemKeys: Partial<Record<QuestionKey, number>> | Record<string, number>,
  timeZone: string,
): IncidentReport {
  const byItemId = new Map<number, FormAnswer>();
  for (const { itemId, response } of input.answers) byItemId.set(itemId, response);

  // Each decoded value has its field's type (the schema's AnswerKindFor check), and every field has a
  // question (the schema's compile-time completeness check); TypeScript cannot follow that through a
  // loop, hence the record built here and viewed as the answers type below.
  const fields: Record<string, unknown> = {};
  const keys = itemKeys as Record<string, number | undefined>;
  for (const question of QUESTIONS) {
    const itemId = keys[question.key];
    const answer = itemId === undefined ? undefined : byItemId.get(itemId);
    fields[question.key] = decode(question, answer, timeZone, input.timestamp);
  }
  const answers = fields as Pick<IncidentReport, QuestionKey>;
  return {
    responseId: input.responseId,
    submittedAt: input.timestamp,
    reporterEmail: input.respondentEmail.trim(),
    ...answers,
  };
}
