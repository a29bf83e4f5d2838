/**
 * FormStore: every form in the workspace, the FormApp global, and the test side of Google Forms —
 * respondents submitting (which fires the form's installable form-submit triggers) and snapshots.
 */
import type { ExecutionRecord, Workspace } from '../workspace';
import type { FormsContext } from './context';
import { Form, FormApp, type EmulatedForm } from './form';
import type { FormState, ItemState, Navigation, ResponseState } from './model';
import { editResponseUrl, FormResponse } from './responses';
import { checkSubmission, type Submission } from './submit';
import { describeValidation } from './validation';

export type { Submission } from './submit';

export interface SubmitOptions {
  /** Fire the form's installable form-submit triggers (default true). */
  fireTriggers?: boolean;
}

export interface SubmitResult {
  responseId: string;
  /** The trigger executions the submission caused (empty when none fired). */
  executions: ExecutionRecord[];
}

/** A response as plain data: answers keyed by the item's title (its title when answered, if since deleted). */
export interface ResponseSnapshot {
  id: string;
  timestamp: string;
  email: string;
  answers: Record<string, string | string[]>;
}

/** How ScriptStore fires triggers; optional until ScriptStore provides it. */
type FireTriggers = (
  eventType: string,
  sourceId: string,
  makeEvent: (triggerUid: string) => Record<string, unknown>,
) => ExecutionRecord[];

export class FormStore implements FormsContext {
  private readonly _forms = new Map<string, FormState>();
  private _itemSeq = 1_000_000_000;
  private _responseSeq = 0;
  private _app: FormApp | null = null;

  readonly emailCollectionType: boolean;

  constructor(
    readonly ws: Workspace,
    options: { emailCollectionType?: boolean } = {},
  ) {
    this.emailCollectionType = options.emailCollectionType !== false;
  }

  globals(): Record<string, unknown> {
    this._app ??= new FormApp(this);
    return { FormApp: this._app };
  }

  // --- FormsContext ------------------------------------------------------------------------------

  nextItemId(): number {
    this._itemSeq += 1;
    return this._itemSeq;
  }

  createForm(title: string, owner: string, published: boolean): FormState {
    const file = this.ws.drive.create('form', title, owner);
    const form: FormState = {
      id: file.id,
      publishedId: `1FAIpQLS${file.id.slice(0, 20)}e`,
      title,
      description: '',
      confirmationMessage: '',
      emailCollection: 'DO_NOT_COLLECT',
      requireLogin: false,
      allowResponseEdits: false,
      limitOneResponsePerUser: false,
      showLinkToRespondAgain: true,
      progressBar: false,
      published,
      legacy: false,
      publishedReaders: [],
      accepting: published,
      destination: null,
      items: [],
      responses: [],
    };
    this._forms.set(form.id, form);
    return form;
  }

  formState(id: string): FormState | undefined {
    return this._forms.get(id);
  }

  storeResponse(form: FormState, response: Omit<ResponseState, 'id'>): ResponseState {
    this._responseSeq += 1;
    const stored: ResponseState = {
      id: `2_ABaOnu${this._responseSeq.toString(36).padStart(8, '0')}Qx${form.id.slice(2, 10)}`,
      ...response,
    };
    form.responses.push(stored);
    // Stable sort: responses given an earlier timestamp slot in before later ones.
    form.responses.sort((a, b) => a.timestamp - b.timestamp);
    return stored;
  }

  // --- for other emulator modules --------------------------------------------------------------

  /** A Form facade for a form id (no access check): for trigger events and other stores. */
  openFacade(formId: string): EmulatedForm {
    return new Form(this, this._require(formId)) as unknown as EmulatedForm;
  }

  /** The form id behind a Form facade (e.g. ScriptApp.newTrigger(…).forForm(form)), or undefined. */
  idOf(value: unknown): string | undefined {
    return value instanceof Form ? value._form.id : undefined;
  }

  private _require(formId: string): FormState {
    const form = this._forms.get(formId);
    if (!form) throw new Error(`FormStore: no form with id ${formId}`);
    return form;
  }

  // --- the test side: form history ------------------------------------------------------------

  /**
   * Makes a form a legacy form (one made before Forms' publishing model): it has no publish state, so
   * supportsAdvancedResponderPermissions() is false, setPublished/isPublished and the published-reader
   * methods throw, and it takes responses whenever it accepts them (it counts as published).
   */
  _makeLegacy(formId: string): void {
    const form = this._require(formId);
    form.legacy = true;
    form.published = true;
    form.publishedReaders = [];
  }

  // --- the test side: respondents --------------------------------------------------------------

  /**
   * A respondent submits the live form. Checks it as Forms would (see submit.ts), stores the response,
   * then fires the form's installable form-submit triggers.
   */
  submit(formId: string, submission: Submission, options: SubmitOptions = {}): SubmitResult {
    const form = this._require(formId);
    const file = this.ws.drive.get(formId);
    // A trashed form's link no longer opens (unconfirmed text; stricter: refused like a missing form).
    if (file?.trashed) throw new Error(`form "${form.title}" is in the trash: respondents cannot open it`);
    const owner = file?.owner ?? this.ws.owner;
    const checked = checkSubmission(form, owner, submission, this.ws.clock.now());
    const stored = this.storeResponse(form, {
      timestamp: checked.timestamp,
      email: checked.email,
      respondent: checked.respondent,
      answers: checked.answers,
      byScript: false,
    });
    const executions = options.fireTriggers === false ? [] : this._fire(form, stored);
    return { responseId: stored.id, executions };
  }

  scriptSubmitted(form: FormState, response: ResponseState): void {
    if (!this.ws.platform.scriptSubmissionFiresNoTrigger) this._fire(form, response);
  }

  /** Fires the form-submit triggers again for a stored response, as Apps Script sometimes does. */
  refire(formId: string, responseId: string): ExecutionRecord[] {
    const form = this._require(formId);
    const response = form.responses.find((r) => r.id === responseId);
    if (!response) throw new Error(`FormStore.refire: form ${formId} has no response ${responseId}`);
    return this._fire(form, response);
  }

  /** The form's responses as plain data, in submission order. */
  responses(formId: string): ResponseSnapshot[] {
    const form = this._require(formId);
    return form.responses.map((r) => this._responseSnapshot(form, r));
  }

  /**
   * Fires the form's installable form-submit triggers. A trashed form fires none: (unconfirmed — no
   * Google text found on triggers of a trashed form; the stricter choice, and a trashed form takes no
   * submissions anyway).
   */
  private _fire(form: FormState, response: ResponseState): ExecutionRecord[] {
    if (this.ws.drive.get(form.id)?.trashed) return [];
    const script = this.ws.script as unknown as { fire?: FireTriggers; authModes(): Record<string, unknown> };
    // ScriptStore is written separately: until it can fire triggers, a submission fires none.
    if (typeof script.fire !== 'function') return [];
    return script.fire('ON_FORM_SUBMIT', form.id, (triggerUid) => ({
      authMode: script.authModes().FULL,
      response: new FormResponse(this, form, response),
      source: new Form(this, form),
      triggerUid,
    }));
  }

  // --- snapshot ----------------------------------------------------------------------------------

  private _responseSnapshot(form: FormState, r: ResponseState): ResponseSnapshot {
    const answers: Record<string, string | string[]> = {};
    for (const a of r.answers) {
      const item = form.items.find((i) => i.id === a.itemId);
      answers[item ? item.title : a.title] = Array.isArray(a.value) ? [...a.value] : a.value;
    }
    return { id: r.id, timestamp: new Date(r.timestamp).toISOString(), email: r.email, answers };
  }

  private _navigationName(form: FormState, nav: Navigation | null): string | null {
    if (!nav) return null;
    if (nav.type !== 'GO_TO_PAGE') return nav.type;
    const page = form.items.find((i) => i.id === nav.pageId);
    return page ? page.title : 'CONTINUE';
  }

  private _itemSnapshot(form: FormState, item: ItemState, index: number): Record<string, unknown> {
    return {
      id: item.id,
      index,
      type: item.type,
      title: item.title,
      helpText: item.helpText,
      required: item.type === 'PAGE_BREAK' || item.type === 'SECTION_HEADER' ? null : item.required,
      choices: item.choices.map((c) => ({ value: c.value, goTo: this._navigationName(form, c.navigation) })),
      otherOption: item.otherOption,
      validation: item.validation ? describeValidation(item.validation) : null,
      goToPage: item.type === 'PAGE_BREAK' ? this._navigationName(form, item.goTo) : null,
    };
  }

  snapshot(): Record<string, unknown>[] {
    return [...this._forms.values()].map((form) => {
      const file = this.ws.drive.get(form.id);
      return {
        id: form.id,
        title: form.title,
        description: form.description,
        owner: file?.owner ?? null,
        editors: file ? [...file.editors].sort() : [],
        published: form.published,
        legacy: form.legacy,
        publishedReaders: [...form.publishedReaders],
        acceptingResponses: form.published && form.accepting,
        collectEmail: form.emailCollection !== 'DO_NOT_COLLECT',
        emailCollectionType: form.emailCollection,
        requireLogin: form.requireLogin,
        limitOneResponsePerUser: form.limitOneResponsePerUser,
        allowResponseEdits: form.allowResponseEdits,
        publishedUrl: form.published
          ? `https://docs.google.com/forms/d/e/${form.publishedId}/viewform`
          : null,
        editUrl: `https://docs.google.com/forms/d/${form.id}/edit`,
        destination: form.destination ? { ...form.destination } : null,
        confirmationMessage: form.confirmationMessage,
        items: form.items.map((item, index) => this._itemSnapshot(form, item, index)),
        responseCount: form.responses.length,
        responses: form.responses.map((r) => ({
          ...this._responseSnapshot(form, r),
          editUrl: editResponseUrl(form, r),
        })),
      };
    });
  }
}
