/**
 * `--responses FILE`: form responses written by hand, as JSON, checked against the live form before any is
 * submitted. Every problem in the file is reported at once, naming the response, the question and the
 * answer, and nothing is submitted unless all of them would be accepted.
 *
 * The file is an array of `{ "timestamp"?: ISO-8601, "email"?: string, "answers": { "<question title>":
 * string | string[] } }`; a checkbox question takes an array (or one string for one box).
 */
import { readFileSync } from 'node:fs';
import { checkSubmission } from '../../emulator/forms/submit';
import { isQuestion, type FormState, type ItemState } from '../../emulator/forms/model';

export interface ResponseEntry {
  timestamp?: string;
  email?: string;
  answers: Record<string, string | string[]>;
}

/** One response, ready for FormStore.submit: answers keyed by item id. */
export interface PreparedResponse {
  /** 1-based position in the file. */
  number: number;
  /** Milliseconds, when the file gives a time. */
  timestamp?: number;
  email: string;
  answers: Record<string, string | string[]>;
}

/** A responses file that cannot be submitted: the message says everything that is wrong with it. */
export class ResponsesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: nothing was submitted, because:\n${problems.map((p) => `  • ${p}`).join('\n')}`);
    this.name = 'ResponsesFileError';
  }
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function readResponsesFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ResponsesFileError(file, [`the file cannot be read (${(err as Error).message})`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ResponsesFileError(file, [`the file is not JSON: ${(err as Error).message}`]);
  }
}

/** Checks the file's shape; collects every problem. */
export function parseResponses(data: unknown, file: string): ResponseEntry[] {
  if (!Array.isArray(data)) {
    throw new ResponsesFileError(file, [
      'the file must hold a JSON array of responses: [ { "answers": { … } }, … ]',
    ]);
  }
  const problems: string[] = [];
  const entries: ResponseEntry[] = [];
  data.forEach((raw: unknown, i) => {
    const where = `response ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${where} is not an object with "answers"`);
      return;
    }
    const record = raw as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!['timestamp', 'email', 'answers'].includes(key)) {
        problems.push(`${where} has "${key}", which is not one of "timestamp", "email", "answers"`);
      }
    }
    const entry: ResponseEntry = { answers: {} };
    if (record.timestamp !== undefined) {
      if (
        typeof record.timestamp !== 'string' ||
        !ISO_8601.test(record.timestamp) ||
        Number.isNaN(Date.parse(record.timestamp))
      ) {
        problems.push(
          `${where}: "timestamp" must be an ISO-8601 time such as "2026-09-14T10:30:00+01:00", not ${JSON.stringify(record.timestamp)}`,
        );
      } else entry.timestamp = record.timestamp;
    }
    if (record.email !== undefined) {
      if (typeof record.email !== 'string') problems.push(`${where}: "email" must be a string`);
      else entry.email = record.email;
    }
    const answers = record.answers;
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
      problems.push(`${where} has no "answers" object`);
    } else {
      for (const [title, value] of Object.entries(answers as Record<string, unknown>)) {
        const ok =
          typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
        if (!ok) problems.push(`${where}, "${title}": an answer must be a string or an array of strings`);
        else entry.answers[title] = value as string | string[];
      }
    }
    entries.push(entry);
  });
  if (problems.length > 0) throw new ResponsesFileError(file, problems);
  return entries;
}

/**
 * How titles and choices are matched: exactly, or else ignoring case, runs of spaces and the kind of
 * apostrophe, quotation mark or dash (the form uses typographic ones that a keyboard does not type).
 */
function loose(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function findLoosely<T>(items: readonly T[], text: string, key: (item: T) => string): T | undefined {
  return items.find((i) => key(i) === text) ?? items.find((i) => loose(key(i)) === loose(text));
}

/** Edit distance, for "did you mean" on a mistyped title. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

function closest(title: string, candidates: string[]): string | undefined {
  let best: { title: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(title.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { title: c, d };
  }
  return best && best.d <= Math.max(3, Math.floor(title.length / 4)) ? best.title : undefined;
}

const quoteList = (values: string[]): string => values.map((v) => JSON.stringify(v)).join(', ');

/**
 * Checks one answer against its question's type and choices. Returns the answer as the form spells its
 * choices, or what is wrong with it.
 */
function checkAnswer(
  item: ItemState,
  value: string | string[],
): { answer: string | string[] } | { problem: string } {
  const choices = item.choices.map((c) => c.value);
  const canonical = (v: string): string | undefined => findLoosely(choices, v, (c) => c);
  if (item.type === 'CHECKBOX') {
    const ticked = Array.isArray(value) ? value : [value];
    const unknown = ticked.filter((v) => canonical(v) === undefined);
    // A checkbox item with an "Other" box takes one answer of the respondent's own.
    const bad = item.otherOption ? unknown.slice(1) : unknown;
    if (bad.length > 0) {
      return {
        problem: `${quoteList(bad)} ${bad.length === 1 ? 'is not one of its choices' : 'are not among its choices'}: ${quoteList(choices)}`,
      };
    }
    return { answer: ticked.map((v) => canonical(v) ?? v) };
  }
  const choiceItem = item.type === 'MULTIPLE_CHOICE' || item.type === 'LIST';
  if (Array.isArray(value)) {
    return {
      problem: `it takes one answer (a string), not a list; ${choiceItem ? `choose one of ${quoteList(choices)}` : 'write it as one string'}`,
    };
  }
  if (!choiceItem || value === '') return { answer: value };
  const known = canonical(value);
  if (known !== undefined) return { answer: known };
  if (item.type === 'MULTIPLE_CHOICE' && item.otherOption) return { answer: value };
  return { problem: `${JSON.stringify(value)} is not one of its choices: ${quoteList(choices)}` };
}

/**
 * Resolves titles to items and checks every answer, then checks each whole response as Google Forms would
 * (required questions, branching, date formats, sign-in) without storing it. Throws ResponsesFileError
 * with every problem found; returns the submissions only when all are acceptable.
 */
export function prepareResponses(
  entries: ResponseEntry[],
  form: FormState,
  owner: string,
  now: number,
  defaultEmail: string,
  file: string,
): PreparedResponse[] {
  const questions = form.items.filter(isQuestion);
  const titles = questions.map((q) => q.title);
  const problems: string[] = [];
  const prepared: PreparedResponse[] = [];
  entries.forEach((entry, i) => {
    const where = `response ${i + 1}`;
    const answers: Record<string, string | string[]> = {};
    let ok = true;
    for (const [title, value] of Object.entries(entry.answers)) {
      const exact = form.items.filter((item) => item.title === title);
      const matches =
        exact.length > 0 ? exact : form.items.filter((item) => loose(item.title) === loose(title));
      const question = matches.find(isQuestion);
      if (!question) {
        ok = false;
        if (matches.length > 0) {
          problems.push(`${where}: "${title}" is the title of a section of the form, not a question`);
        } else {
          const hint = closest(title, titles);
          problems.push(
            `${where}: the form has no question titled ${JSON.stringify(title)}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
          );
        }
        continue;
      }
      const checked = checkAnswer(question, value);
      if ('problem' in checked) {
        ok = false;
        problems.push(`${where}, ${JSON.stringify(title)}: ${checked.problem}`);
        continue;
      }
      if (answers[String(question.id)] !== undefined) {
        ok = false;
        problems.push(`${where} answers ${JSON.stringify(question.title)} twice`);
        continue;
      }
      answers[String(question.id)] = checked.answer;
    }
    if (!ok) return;
    const email = entry.email ?? defaultEmail;
    const timestamp = entry.timestamp === undefined ? undefined : Date.parse(entry.timestamp);
    try {
      checkSubmission(
        form,
        owner,
        { email, answers, ...(timestamp === undefined ? {} : { timestamp: new Date(timestamp) }) },
        now,
      );
    } catch (err) {
      problems.push(`${where}: ${(err as Error).message}`);
      return;
    }
    prepared.push({ number: i + 1, email, answers, ...(timestamp === undefined ? {} : { timestamp }) });
  });
  if (entries.length === 0) problems.push('the file holds no responses');
  if (problems.length > 0) throw new ResponsesFileError(file, problems);
  return prepared;
}

/** The earliest timestamp in the file, if any (the demo starts its clock before it). */
export function earliestTimestamp(entries: ResponseEntry[]): number | undefined {
  const times = entries
    .map((e) => (e.timestamp ? Date.parse(e.timestamp) : NaN))
    .filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.min(...times) : undefined;
}
