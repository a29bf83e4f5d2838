/** FormResponse: a submitted response, or one a script is building with Form.createResponse(). */
import { Emulated, invalidArgument } from '../core';
import type { FormsContext } from './context';
import { ItemResponse, itemStateOf, signatureMismatch } from './items';
import type { AnswerValue, FormState, ItemState, ResponseState } from './model';

/** Apps Script's error for operations an unpublished form does not support (seen on scripts since 2025). */
export const UNPUBLISHED_FORM_ERROR = 'Operation not supported on unpublished form';

/** Apps Script's text when a file id is wrong or the user may not open it. */
export const NO_ITEM_WITH_ID =
  'No item with the given ID could be found, or you do not have permission to access it.';

export function editResponseUrl(form: FormState, response: ResponseState): string {
  return `https://docs.google.com/forms/d/e/${form.publishedId}/viewform?edit2=${response.id}`;
}

export class FormResponse
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Forms.FormResponse,
      | 'getEditResponseUrl'
      | 'getId'
      | 'getItemResponses'
      | 'getRespondentEmail'
      | 'getResponseForItem'
      | 'getTimestamp'
      | 'submit'
      | 'withItemResponse'
    >
{
  /** Answers set with withItemResponse() and not yet submitted, by item id. */
  private _pending: Map<number, { item: ItemState; value: AnswerValue }> | null = null;

  constructor(
    readonly _fc: FormsContext,
    readonly _form: FormState,
    private _stored: ResponseState | null,
  ) {
    super(_fc.ws, 'FormResponse');
  }

  /** The answers this facade shows: the pending edit if any, else the stored ones; in form order. */
  private _answers(): { item: ItemState; value: AnswerValue }[] {
    const byId = new Map<number, AnswerValue>();
    if (this._pending) {
      for (const [id, a] of this._pending) byId.set(id, a.value);
    } else if (this._stored) {
      for (const a of this._stored.answers) byId.set(a.itemId, a.value);
    }
    const out: { item: ItemState; value: AnswerValue }[] = [];
    for (const item of this._form.items) {
      const value = byId.get(item.id);
      if (value !== undefined) out.push({ item, value });
    }
    return out;
  }

  /** The response id, or null before the response is submitted. */
  getId(): string {
    return (this._stored?.id ?? null) as string;
  }

  /** When it was submitted (a Date in the script's realm), or null before it is submitted. */
  getTimestamp(): GoogleAppsScript.Base.Date {
    return (this._stored ? this._fc.ws.newDate(this._stored.timestamp) : null) as GoogleAppsScript.Base.Date;
  }

  /** The respondent's email if the form collected it, else ''. */
  getRespondentEmail(): string {
    return this._stored?.email ?? '';
  }

  getEditResponseUrl(): string {
    return (this._stored ? editResponseUrl(this._form, this._stored) : null) as string;
  }

  /** The answered questions only, in the order they appear in the form. */
  getItemResponses(): GoogleAppsScript.Forms.ItemResponse[] {
    return this._answers().map(
      (a) =>
        new ItemResponse(
          this._fc,
          this._form,
          a.item,
          a.value,
        ) as unknown as GoogleAppsScript.Forms.ItemResponse,
    );
  }

  /** The answer to `item`, or null when the respondent did not answer it. */
  getResponseForItem(item: GoogleAppsScript.Forms.Item): GoogleAppsScript.Forms.ItemResponse {
    const state = itemStateOf(item, this._form);
    if (!state) invalidArgument('item');
    const answer = this._answers().find((a) => a.item === state);
    return (answer
      ? new ItemResponse(this._fc, this._form, answer.item, answer.value)
      : null) as unknown as GoogleAppsScript.Forms.ItemResponse;
  }

  /** Adds (or replaces) the answer to one question; takes effect on submit(). */
  withItemResponse(response: GoogleAppsScript.Forms.ItemResponse): GoogleAppsScript.Forms.FormResponse {
    const value: unknown = response;
    if (!(value instanceof ItemResponse)) signatureMismatch('FormResponse.withItemResponse', [value]);
    if (value._form !== this._form) invalidArgument('response');
    if (!this._pending) {
      const current = this._answers();
      this._pending = new Map(current.map((a) => [a.item.id, { ...a }]));
    }
    const answer = value._value;
    this._pending.set(value._item.id, {
      item: value._item,
      value: Array.isArray(answer) ? [...answer] : answer,
    });
    return this as unknown as GoogleAppsScript.Forms.FormResponse;
  }

  /**
   * Stores the response (or the edit of a submitted one). A script's own submission fires no form-submit
   * trigger, as on Apps Script, and records no respondent email (the self-test's scriptSubmission check
   * looks on the tenant, in its follow-up run).
   */
  submit(): GoogleAppsScript.Forms.FormResponse {
    // A form moved to the trash since the script opened it is gone for the script too (unconfirmed text:
    // the one Apps Script gives for a file that cannot be opened).
    if (this._fc.ws.drive.get(this._form.id)?.trashed) throw new Error(NO_ITEM_WITH_ID);
    if (!this._form.published) throw new Error(UNPUBLISHED_FORM_ERROR);
    const answers = this._answers().map((a) => ({
      itemId: a.item.id,
      title: a.item.title,
      value: Array.isArray(a.value) ? [...a.value] : a.value,
    }));
    const now = this._fc.ws.clock.now();
    if (this._stored && this._form.responses.includes(this._stored)) {
      this._stored.answers = answers;
      this._stored.timestamp = now;
      this._form.responses.sort((a, b) => a.timestamp - b.timestamp);
    } else {
      this._stored = this._fc.storeResponse(this._form, {
        timestamp: now,
        email: '',
        respondent: '',
        answers,
        byScript: true,
      });
      this._fc.scriptSubmitted(this._form, this._stored);
    }
    this._pending = null;
    return this as unknown as GoogleAppsScript.Forms.FormResponse;
  }
}
