/**
 * A respondent submitting the live form, checked as Google Forms would check it: the form must be open,
 * the respondent identified when the form needs it, every answer must name a question the respondent
 * actually reaches (pages are walked with the form's branching), required questions must be answered and
 * answers must satisfy the items' choices and validations. Any failure is an Error naming the problem.
 */
import {
  canNavigate,
  isDateAnswer,
  isDateTimeAnswer,
  isQuestion,
  isTimeAnswer,
  pagesOf,
  type AnswerState,
  type AnswerValue,
  type FormState,
  type ItemState,
  type Navigation,
  type Page,
} from './model';
import { validationFailure } from './validation';

export interface Submission {
  /** The respondent's Google account (or typed email): needed when the form collects email or needs sign-in. */
  email?: string;
  /** When it is submitted (default: the workspace clock's now). */
  timestamp?: Date | string;
  /** Answers keyed by item title or item id: a string, or string[] for a checkbox item. */
  answers: Record<string, string | string[]>;
}

export interface CheckedSubmission {
  timestamp: number;
  email: string;
  respondent: string;
  answers: AnswerState[];
  /** The pages walked, for messages and tests: 1-based page numbers, then 'submit'. */
  path: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function pageName(page: Page): string {
  return page.breakItem ? `page ${page.index + 1} ("${page.breakItem.title}")` : `page 1`;
}

function describeItem(item: ItemState): string {
  return `"${item.title}" (item ${item.id})`;
}

/** Finds the item an answer key names: an item id, else a title (which must then be unique). */
function resolveKey(form: FormState, key: string): ItemState {
  if (/^\d+$/.test(key)) {
    const byId = form.items.find((i) => i.id === Number(key));
    if (byId) return byId;
  }
  const byTitle = form.items.filter((i) => i.title === key);
  if (byTitle.length === 0) throw new Error(`form "${form.title}" has no item titled or numbered "${key}"`);
  if (byTitle.length > 1) {
    throw new Error(
      `form "${form.title}" has ${byTitle.length} items titled "${key}" (ids ${byTitle.map((i) => i.id).join(', ')}): key the answer by item id`,
    );
  }
  return byTitle[0] as ItemState;
}

/** Checks an answer's shape against its item; returns the stored value, or null for "left blank". */
function checkAnswer(item: ItemState, raw: unknown): AnswerValue | null {
  const where = describeItem(item);
  if (!isQuestion(item)) throw new Error(`${where} is a ${item.type} item, which takes no answer`);
  if (item.type === 'CHECKBOX') {
    if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) {
      throw new Error(`${where} is a checkbox item: its answer must be an array of strings`);
    }
    const values = raw as string[];
    if (values.length === 0) return null;
    if (new Set(values).size !== values.length) throw new Error(`${where}: a box is ticked twice`);
    const others = values.filter((v) => !item.choices.some((c) => c.value === v));
    if (others.length > 0 && !item.otherOption) {
      throw new Error(`${where} offers no choice ${others.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    if (others.length > 1) {
      throw new Error(`${where} has one "Other" box, but ${others.length} answers are not among its choices`);
    }
    if (others.some((v) => v.trim() === '')) throw new Error(`${where}: the "Other" answer is empty`);
    return [...values];
  }
  if (typeof raw !== 'string')
    throw new Error(`${where} is a ${item.type} item: its answer must be a string`);
  if (raw === '') return null;
  switch (item.type) {
    case 'MULTIPLE_CHOICE':
    case 'LIST': {
      const offered = item.choices.some((c) => c.value === raw);
      const other = item.type === 'MULTIPLE_CHOICE' && item.otherOption;
      if (!offered && !other) throw new Error(`${where} offers no choice ${JSON.stringify(raw)}`);
      return raw;
    }
    case 'DATE': {
      const form = item.includesYear ? 'YYYY-MM-DD' : 'MM-DD';
      if (!isDateAnswer(raw, item.includesYear))
        throw new Error(`${where} needs a date as ${form}, not ${JSON.stringify(raw)}`);
      return raw;
    }
    case 'DATETIME': {
      const form = item.includesYear ? 'YYYY-MM-DD HH:MM' : 'MM-DD HH:MM';
      if (!isDateTimeAnswer(raw, item.includesYear)) {
        throw new Error(`${where} needs a date and time as ${form}, not ${JSON.stringify(raw)}`);
      }
      return raw;
    }
    case 'TIME':
      if (!isTimeAnswer(raw)) throw new Error(`${where} needs a time as HH:MM, not ${JSON.stringify(raw)}`);
      return raw;
    default:
      return raw;
  }
}

/** Where a page sends the respondent, and why (for messages). */
function navigationAfter(
  pages: Page[],
  page: Page,
  answers: Map<number, AnswerValue>,
): { nav: Navigation; because: string } {
  let chosen: { nav: Navigation; because: string } | null = null;
  for (const item of page.items) {
    if (!canNavigate(item) || !item.choices.some((c) => c.navigation)) continue;
    const value = answers.get(item.id);
    if (value === undefined) continue;
    const choice = item.choices.find((c) => c.value === value);
    chosen = {
      nav: choice?.navigation ?? { type: 'CONTINUE' },
      because: `the answer ${JSON.stringify(value)} to ${describeItem(item)}`,
    };
  }
  if (chosen) return chosen;
  const next = pages[page.index + 1];
  if (!next?.breakItem) return { nav: { type: 'SUBMIT' }, because: `${pageName(page)} is the last page` };
  return { nav: next.breakItem.goTo, because: `the page break ${describeItem(next.breakItem)}` };
}

/** The pages a respondent with these answers goes through, in order. */
export function walkPages(
  form: FormState,
  answers: Map<number, AnswerValue>,
): { reached: Page[]; path: string[] } {
  const pages = pagesOf(form);
  const indexOfBreak = new Map<number, number>();
  for (const p of pages) if (p.breakItem) indexOfBreak.set(p.breakItem.id, p.index);
  const reached: Page[] = [];
  const path: string[] = [];
  let current: Page | undefined = pages[0];
  while (current) {
    if (reached.includes(current)) {
      throw new Error(
        `form "${form.title}": these answers loop back to ${pageName(current)} (pages ${path.join(' → ')}), so the form can never be submitted`,
      );
    }
    reached.push(current);
    path.push(String(current.index + 1));
    const { nav, because } = navigationAfter(pages, current, answers);
    let next: Page | undefined;
    switch (nav.type) {
      case 'SUBMIT':
        next = undefined;
        break;
      case 'RESTART':
        throw new Error(
          `form "${form.title}": ${because} sends the respondent back to the start after ${pageName(current)}, so the form cannot be submitted with these answers`,
        );
      case 'GO_TO_PAGE': {
        const index = indexOfBreak.get(nav.pageId);
        next = index === undefined ? pages[current.index + 1] : pages[index];
        break;
      }
      case 'CONTINUE':
        next = pages[current.index + 1];
        break;
    }
    current = next;
  }
  path.push('submit');
  return { reached, path };
}

/** Checks a submission against the live form; returns what to store. */
export function checkSubmission(
  form: FormState,
  owner: string,
  submission: Submission,
  now: number,
): CheckedSubmission {
  const name = `form "${form.title}"`;
  if (!form.published) throw new Error(`${name} is not published: respondents cannot open it`);
  if (!form.accepting) throw new Error(`${name} is not accepting responses`);

  const email = submission.email?.trim() ?? '';
  const collects = form.emailCollection !== 'DO_NOT_COLLECT';
  if (!email) {
    if (form.emailCollection === 'VERIFIED') {
      throw new Error(
        `${name} collects verified email addresses: the submission needs the respondent's email`,
      );
    }
    if (form.emailCollection === 'RESPONDER_INPUT') {
      throw new Error(`${name} asks respondents for their email address: the submission needs an email`);
    }
    if (form.requireLogin || form.limitOneResponsePerUser || form.publishedReaders.length > 0) {
      throw new Error(`${name} needs respondents signed in: the submission needs an email`);
    }
  }
  if (email && !EMAIL.test(email))
    throw new Error(`${name}: ${JSON.stringify(email)} is not an email address`);
  // Who may respond. Responders are the form's published readers ("users who have responder access (the
  // PUBLISHED_READER role)", Form.getPublishedReaders, https://developers.google.com/workspace/forms/api/guides/publish-form)
  // and, with setRequireLogin(true), accounts of the owner's domain. With neither, the link is open to
  // anyone (unconfirmed: the default responder audience of a form published by a script is not documented;
  // the self-test's formPublishing check reads a new form's publishing and named responders on the tenant).
  // Being an editor gives no exemption (unconfirmed; the stricter reading).
  const readers = form.publishedReaders;
  if (form.requireLogin || readers.length > 0) {
    const domain = owner.split('@')[1]?.toLowerCase() ?? '';
    const inDomain = form.requireLogin && email.split('@')[1]?.toLowerCase() === domain;
    const isReader = readers.some((r) => r.toLowerCase() === email.toLowerCase());
    if (!inDomain && !isReader) {
      if (readers.length === 0) {
        throw new Error(`${name} only accepts respondents signed in to ${domain}: ${email} cannot respond`);
      }
      const also = form.requireLogin ? ` or signed in to ${domain}` : '';
      throw new Error(`${name} only accepts its named responders${also}: ${email} cannot respond`);
    }
  }
  if (
    form.limitOneResponsePerUser &&
    form.responses.some((r) => r.respondent.toLowerCase() === email.toLowerCase())
  ) {
    throw new Error(`${name} takes one response per person and ${email} has already responded`);
  }

  let timestamp = now;
  if (submission.timestamp !== undefined) {
    timestamp = new Date(submission.timestamp).getTime();
    if (Number.isNaN(timestamp))
      throw new Error(`submission timestamp is not a time: ${String(submission.timestamp)}`);
  }

  if (!submission.answers || typeof submission.answers !== 'object')
    throw new Error('submission.answers is required');
  const answers = new Map<number, AnswerValue>();
  const keyOf = new Map<number, string>();
  for (const [key, raw] of Object.entries(submission.answers)) {
    const item = resolveKey(form, key);
    const earlier = keyOf.get(item.id);
    if (earlier !== undefined)
      throw new Error(`answers "${earlier}" and "${key}" both name ${describeItem(item)}`);
    keyOf.set(item.id, key);
    const value = checkAnswer(item, raw);
    if (value !== null) answers.set(item.id, value);
  }

  // A respondent cannot leave a page with a required question blank or an answer failing its validation,
  // so those are checked page by page along the path; answers to pages off the path come last.
  const { reached, path } = walkPages(form, answers);
  for (const page of reached) {
    for (const item of page.items) {
      const value = answers.get(item.id);
      if (value === undefined) {
        if (isQuestion(item) && item.required) {
          throw new Error(`required question ${describeItem(item)} on ${pageName(page)} is unanswered`);
        }
        continue;
      }
      const failure = item.validation ? validationFailure(item.validation, value) : null;
      if (failure) throw new Error(`${describeItem(item)}: ${failure}`);
    }
  }
  const reachedItems = new Set(reached.flatMap((p) => p.items.map((i) => i.id)));
  for (const page of pagesOf(form)) {
    for (const item of page.items) {
      if (!answers.has(item.id) || reachedItems.has(item.id)) continue;
      throw new Error(
        `${describeItem(item)} is on ${pageName(page)}, which a respondent giving these answers never reaches (pages ${path.join(' → ')})`,
      );
    }
  }

  return {
    timestamp,
    email: collects ? email : '',
    respondent: email,
    answers: form.items
      .filter((i) => answers.has(i.id))
      .map((i) => ({ itemId: i.id, title: i.title, value: answers.get(i.id) as AnswerValue })),
    path,
  };
}
