import type { Workspace } from '../workspace';
import type { FormState, ResponseState } from './model';

/** What the FormApp facades need from the store (implemented by FormStore; a type, to keep imports one-way). */
export interface FormsContext {
  readonly ws: Workspace;
  /**
   * Whether this tenant's FormApp has EmailCollectionType / Form.setEmailCollectionType (rolled out to
   * accounts gradually; WorkspaceOptions.formsEmailCollectionType, default true).
   */
  readonly emailCollectionType: boolean;
  /** A new item id, unique across the workspace and never reused. */
  nextItemId(): number;
  /** Stores a response in the form (kept in timestamp order) and returns it. */
  storeResponse(form: FormState, response: Omit<ResponseState, 'id'>): ResponseState;
  /** Creates a form owned by `owner`, registered in Drive. */
  createForm(title: string, owner: string, published: boolean): FormState;
  /**
   * A script's own FormResponse.submit() stored `response`: fires the form-submit triggers only on the
   * flipped platform (emulator/platform.ts scriptSubmissionFiresNoTrigger false).
   */
  scriptSubmitted(form: FormState, response: ResponseState): void;
  /** The form with this file id, if any (no access check). */
  formState(id: string): FormState | undefined;
}
