/**
 * The self-test's scratch objects and its follow-up run, on the platform: the hidden scratch sheet (made
 * for a run and deleted after it, also when a check throws), the one scratch form (made once, marked as
 * such in its title and description, reused, and emptied and unpublished after each run), the two triggers
 * of the follow-up (the scratch form's submit trigger and a one-off clock trigger a minute later), and the
 * script properties that carry a run from the first execution to the follow-up.
 *
 * Why here: nothing of the school's is touched, and without a Drive scope the script cannot trash a file,
 * so the scratch form is kept and reused rather than made and deleted each time.
 */
import { parsePlatformFacts, type CheckOutcome, type PlatformFacts } from '../domain/selftest';
import type { Scratch } from './selftest-checks';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Form = GoogleAppsScript.Forms.Form;

export const SCRATCH_SHEET = 'Self-test scratch';
export const SCRATCH_FORM_TITLE = 'Online Safety self-test — scratch form (safe to delete)';
const SCRATCH_FORM_DESCRIPTION =
  'Made by Online Safety › Run platform self-test to check how Google Forms behaves on this account. ' +
  'It holds no reports and is reused by each self-test; if you delete it, the next self-test makes another.';
const SCRATCH_QUESTION = 'Self-test answer';

/** The trigger handlers the self-test installs (and removes): see src/index.ts. */
export const SUBMIT_HANDLER = 'selfTestFormSubmit';
export const FOLLOW_UP_HANDLER = 'finishPlatformSelfTest';

const FORM_KEY = 'selfTest.formId';
const MADE_UNPUBLISHED_KEY = 'selfTest.formMadeUnpublished';
const RUN_KEY = 'selfTest.run';
const SEEN_KEY = 'selfTest.submitSeen';
export const FACTS_KEY = 'platformFacts';

interface Publishable {
  setPublished(enabled: boolean): Form;
  isPublished(): boolean;
}

/** The hidden scratch sheet, new for this run (a leftover from a run that died is replaced). */
export function makeScratchSheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  deleteScratchSheet(ss);
  const sheet = ss.insertSheet(SCRATCH_SHEET, ss.getNumSheets());
  sheet.hideSheet();
  return sheet;
}

export function deleteScratchSheet(ss: Spreadsheet): void {
  const sheet = ss.getSheetByName(SCRATCH_SHEET);
  if (sheet) ss.deleteSheet(sheet);
}

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getScriptProperties();
}

/** The scratch form, opened by its saved id; made (unpublished is what the check expects) when there is none. */
function openOrMakeScratchForm(): Form {
  const id = props().getProperty(FORM_KEY) ?? '';
  if (id) {
    try {
      return FormApp.openById(id);
    } catch {
      // Deleted or binned by someone: a new one is made below.
    }
  }
  const form = FormApp.create(SCRATCH_FORM_TITLE);
  const unpublished = !(form as unknown as Publishable).isPublished();
  form.setDescription(SCRATCH_FORM_DESCRIPTION);
  form.addTextItem().setTitle(SCRATCH_QUESTION);
  props().setProperties({ [FORM_KEY]: form.getId(), [MADE_UNPUBLISHED_KEY]: unpublished ? 'yes' : 'no' });
  return form;
}

/** The scratch objects for one run: the sheet given, the form opened on first use. */
export function scratchFor(ss: Spreadsheet, sheet: GoogleAppsScript.Spreadsheet.Sheet): Scratch {
  let form: Form | null = null;
  return {
    ss,
    sheet,
    form: () => (form ??= openOrMakeScratchForm()),
    formOpened: () => form !== null,
    formCreatedUnpublished: () => {
      const made = props().getProperty(MADE_UNPUBLISHED_KEY);
      return made === 'yes' ? true : made === 'no' ? false : null;
    },
  };
}

/** Deletes the self-test's own triggers (only this account's can be seen, and only they are ours). */
export function removeSelfTestTriggers(): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    const handler = trigger.getHandlerFunction();
    if (handler === SUBMIT_HANDLER || handler === FOLLOW_UP_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
}

/**
 * Starts the check that needs a trigger to fire: the scratch form's submit trigger, a response the script
 * submits itself, and the follow-up run a minute later that looks at what the trigger saw.
 */
export function startScriptSubmission(delayMs: number): void {
  const form = openOrMakeScratchForm();
  props().deleteProperty(SEEN_KEY);
  (form as unknown as Publishable).setPublished(true);
  form.setAcceptingResponses(true);
  ScriptApp.newTrigger(SUBMIT_HANDLER).forForm(form).onFormSubmit().create();
  const item = form.getItems(FormApp.ItemType.TEXT)[0];
  if (!item) throw new Error('The scratch form has no question to answer.');
  form.createResponse().withItemResponse(item.asTextItem().createResponse('self-test')).submit();
  ScriptApp.newTrigger(FOLLOW_UP_HANDLER).timeBased().after(delayMs).create();
}

/** Recorded by the scratch form's submit trigger when it fires: whether its event carried the response. */
export function recordSubmitSeen(hasResponse: boolean): void {
  props().setProperty(SEEN_KEY, JSON.stringify({ fired: true, hasResponse }));
}

export function submitSeen(): { fired: boolean; hasResponse: boolean } {
  try {
    const raw = JSON.parse(props().getProperty(SEEN_KEY) ?? '{}') as {
      fired?: unknown;
      hasResponse?: unknown;
    };
    return { fired: raw.fired === true, hasResponse: raw.hasResponse === true };
  } catch {
    return { fired: false, hasResponse: false };
  }
}

/** Empties and unpublishes the scratch form, so nobody can answer it between runs. */
export function clearScratchForm(): void {
  const id = props().getProperty(FORM_KEY) ?? '';
  if (!id) return;
  try {
    const form = FormApp.openById(id);
    form.deleteAllResponses();
    form.setAcceptingResponses(false);
    (form as unknown as Publishable).setPublished(false);
  } catch {
    // Gone already: the next run makes another.
  }
}

export interface PendingRun {
  startedAt: number;
  outcomes: CheckOutcome[];
}

export function savePendingRun(run: PendingRun): void {
  props().setProperty(RUN_KEY, JSON.stringify(run));
}

export function readPendingRun(): PendingRun | null {
  const text = props().getProperty(RUN_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as PendingRun;
  } catch {
    return null;
  }
}

export function endRun(facts: PlatformFacts): void {
  const p = props();
  p.deleteProperty(RUN_KEY);
  p.deleteProperty(SEEN_KEY);
  p.setProperty(FACTS_KEY, JSON.stringify(facts));
}

/** The tenant's recorded behaviour, from an already-read property map (the defaults until a run). */
export function platformFactsOf(all: Record<string, string>): PlatformFacts {
  return parsePlatformFacts(all[FACTS_KEY]);
}
