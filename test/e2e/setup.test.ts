/**
 * Set up / repair, end to end through the built bundle: what the DSL gets after one click, and after a
 * second one — one form (from the schema, published, verified emails, no raw responses sheet), one
 * Register and one Settings sheet, one trigger per handler — and a category added in Settings reaching
 * the live form without breaking a response given before.
 */
import {
  configureSchool,
  deploymentIds,
  editSettings,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  SCHOOL,
  sheetValues,
  submit,
} from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { QUESTIONS, SECTIONS, type ItemKind } from '../../src/domain/schema';
import { DEFAULT_CATEGORIES, DEFAULT_PLATFORMS } from '../../src/domain/settings';

interface FormItemView {
  id: number;
  type: string;
  title: string;
  helpText: string;
  required: boolean | null;
  choices: Array<{ value: string; goTo: string | null }>;
  otherOption: boolean;
  validation: string | null;
  goToPage: string | null;
}

interface FormView {
  id: string;
  title: string;
  description: string;
  published: boolean;
  acceptingResponses: boolean;
  emailCollectionType: string;
  allowResponseEdits: boolean;
  requireLogin: boolean;
  destination: unknown;
  items: FormItemView[];
  responseCount: number;
}

interface BookView {
  id: string;
  name: string;
  sheets: Array<{ name: string; frozenRows: number; dataValidations: Record<string, unknown> }>;
}

interface TriggerView {
  handler: string;
  eventType: string;
  sourceId: string | null;
}

const forms = (ws: Workspace): FormView[] => ws.forms.snapshot() as unknown as FormView[];
const books = (ws: Workspace): BookView[] => ws.spreadsheets.snapshot() as BookView[];
const triggers = (ws: Workspace): TriggerView[] => ws.script.snapshot() as unknown as TriggerView[];
const container = (ws: Workspace): BookView => {
  const book = books(ws).find((b) => b.id === ws.containerId);
  if (!book) throw new Error('no container spreadsheet');
  return book;
};

/** The one form Set up made (fails when there is not exactly one). */
function theForm(ws: Workspace): FormView {
  const all = forms(ws);
  expect(all).toHaveLength(1);
  return all[0]!;
}

const FORMS_TYPE: Record<ItemKind, string> = {
  text: 'TEXT',
  paragraph: 'PARAGRAPH_TEXT',
  checkbox: 'CHECKBOX',
  multipleChoice: 'MULTIPLE_CHOICE',
  list: 'LIST',
  dateTime: 'DATETIME',
  date: 'DATE',
};

/** One trigger per handler: what Set up promises. */
const HANDLERS = [
  'onFormSubmit',
  'onRegisterEdit',
  'reconcileMissedReports',
  'rebuildSummary',
  'sendOverdueReminders',
  'retryPendingAlerts',
  'sendWeeklyDigest',
  // The audit's nightly check, and each restricted file's own edit trigger (handlers/audit).
  'checkAuditTrail',
  // The governors' report at a term's end and the trust export (handlers/oversight).
  'nightlyOversight',
  'onStaffAllegationsEdit',
  'onLeadAllegationsEdit',
  'onHeadteacherAllegationsEdit',
];

/** The last message a person was shown in a dialog. */
function lastMessage(ws: Workspace, user: string = SCHOOL.dsl): string {
  const shown = ws.spreadsheets.ui.shown(user);
  return shown[shown.length - 1]?.message ?? '';
}

describe('Set up / repair', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = newSchool();
    runSetUp(ws);
    configureSchool(ws);
    runSetUp(ws);
  });

  test('twice leaves one form, one Register, one Settings, no Sheet1, one trigger per handler', () => {
    theForm(ws);
    const names = container(ws).sheets.map((s) => s.name);
    expect(names.filter((n) => n === 'Register')).toHaveLength(1);
    expect(names.filter((n) => n === 'Settings')).toHaveLength(1);
    expect(names).not.toContain('Sheet1');

    const handlers = triggers(ws).map((t) => t.handler);
    expect([...handlers].sort()).toEqual([...HANDLERS].sort());
    const formTrigger = triggers(ws).find((t) => t.handler === 'onFormSubmit');
    expect(formTrigger).toMatchObject({ eventType: 'ON_FORM_SUBMIT', sourceId: theForm(ws).id });
    expect(triggers(ws).find((t) => t.handler === 'onRegisterEdit')).toMatchObject({
      eventType: 'ON_EDIT',
      sourceId: ws.containerId,
    });

    // A third run changes nothing that matters: same form, same item ids, same sheets and triggers.
    const before = { form: theForm(ws), ids: deploymentIds(ws), sheets: names };
    runSetUp(ws);
    expect(theForm(ws).id).toBe(before.form.id);
    expect(theForm(ws).items.map((i) => i.id)).toEqual(before.form.items.map((i) => i.id));
    expect(deploymentIds(ws).itemIds).toEqual(before.ids.itemIds);
    expect(container(ws).sheets.map((s) => s.name)).toEqual(before.sheets);
    expect(
      triggers(ws)
        .map((t) => t.handler)
        .sort(),
    ).toEqual([...HANDLERS].sort());
  });

  test('the Register has the schema header, a frozen header and dropdowns', () => {
    expect(registerRows(ws)).toEqual([]); // checks the header against the schema's columns
    const register = container(ws).sheets.find((s) => s.name === 'Register')!;
    expect(register.frozenRows).toBe(1);
    const dropdowns = Object.values(register.dataValidations).map((v) => JSON.stringify(v));
    expect(dropdowns.some((v) => v.includes('Awaiting external agency'))).toBe(true);
    expect(dropdowns.some((v) => v.includes('CEOP'))).toBe(true);
  });

  test('the form is published, collects verified emails, allows no edits and writes no responses sheet', () => {
    const form = theForm(ws);
    expect(form.published).toBe(true);
    expect(form.acceptingResponses).toBe(true);
    expect(form.emailCollectionType).toBe('VERIFIED');
    expect(form.allowResponseEdits).toBe(false);
    // Only the school's own accounts may open it.
    expect(form.requireLogin).toBe(true);
    expect(form.destination).toBeNull();
    expect(form.title).toContain('Hillside Primary');
    expect(form.description).toMatch(/never view, copy, screenshot, print, forward/i);
    // Nothing in Drive but the container: no spreadsheet of raw answers anywhere a reader could open.
    const rawSheets = books(ws)
      .flatMap((b) => b.sheets.map((s) => s.name))
      .filter((n) => /response/i.test(n));
    expect(rawSheets).toEqual([]);
  });

  test('every schema question is on the form with its type, required flag and choices', () => {
    const form = theForm(ws);
    const { itemIds } = deploymentIds(ws);
    for (const question of QUESTIONS) {
      const item = form.items.find((i) => i.id === itemIds[question.key]);
      expect({ key: question.key, found: item !== undefined }).toEqual({ key: question.key, found: true });
      expect(item!.type).toBe(FORMS_TYPE[question.kind]);
      expect(item!.title).toBe(question.title);
      expect(item!.required).toBe(question.required);
      expect(item!.otherOption).toBe(question.otherOption ?? false);
    }
    const byKey = (key: string): FormItemView => form.items.find((i) => i.id === itemIds[key])!;
    expect(byKey('categories').choices.map((c) => c.value)).toEqual(DEFAULT_CATEGORIES.map((c) => c.name));
    expect(byKey('categories').validation).toMatch(/select at most 3/);
    expect(byKey('platform').choices.map((c) => c.value)).toEqual([...DEFAULT_PLATFORMS]);
    expect(byKey('yearGroups').choices.map((c) => c.value)).toEqual([
      'Reception',
      ...Array.from({ length: 13 }, (_, i) => `Year ${i + 1}`),
    ]);
    expect(byKey('location').choices.map((c) => c.value)).toContain('Outside school');
    // One question per schema entry and one page break per later section: nothing doubled by the re-run.
    const questions = form.items.filter((i) => i.type !== 'PAGE_BREAK');
    expect(questions).toHaveLength(QUESTIONS.length);
    expect(form.items.filter((i) => i.type === 'PAGE_BREAK').map((i) => i.title)).toEqual(
      SECTIONS.slice(1).map((s) => s.title),
    );
  });

  test('an adult from school leads to its own section; every other answer skips it', () => {
    const form = theForm(ws);
    const { itemIds } = deploymentIds(ws);
    const adult = form.items.find((i) => i.id === itemIds.adultConcern)!;
    const adultSection = SECTIONS.find((s) => s.id === 'adult')!.title;
    const riskSection = SECTIONS.find((s) => s.id === 'risk')!.title;
    const goTo = Object.fromEntries(adult.choices.map((c) => [c.value, c.goTo]));
    expect(goTo).toEqual({
      'No adult from school or home is involved': riskSection,
      'A member of staff (not the Headteacher)': adultSection,
      'The Designated Safeguarding Lead (DSL)': adultSection,
      'A deputy DSL': adultSection,
      'The Headteacher': adultSection,
      'A parent or carer': riskSection,
      'Another adult who works or volunteers at the school': adultSection,
    });
    const adultPage = form.items.find((i) => i.type === 'PAGE_BREAK' && i.title === adultSection)!;
    expect(adultPage.helpText).toMatch(/Headteacher/);

    // As staff meet it: answering the adult questions without choosing an adult cannot be submitted…
    expect(() =>
      submit(ws, ordinaryReport({ adultDetails: 'Mr X', adultRole: 'Not sure' }), { email: SCHOOL.ta }),
    ).toThrow(/never reaches/);
    // …choosing a member of staff requires them, and the report goes to the restricted file, not the register.
    expect(() =>
      submit(ws, ordinaryReport({ adultConcern: 'A member of staff (not the Headteacher)' })),
    ).toThrow(/required question/);
    submit(
      ws,
      ordinaryReport({
        adultConcern: 'A member of staff (not the Headteacher)',
        adultDetails: 'A teaching assistant messaged a pupil on Instagram.',
        adultRole: 'Causing harm or behaving inappropriately',
      }),
    );
    expect(registerRows(ws)).toEqual([]);
    expect(registerRows(ws, deploymentIds(ws).staffAllegationsId)).toHaveLength(1);
  });

  test('more than 3 categories is refused by the form', () => {
    const four = DEFAULT_CATEGORIES.slice(5, 9).map((c) => c.name);
    expect(() => submit(ws, ordinaryReport({ categories: four }))).toThrow(/at most 3/);
    submit(ws, ordinaryReport({ categories: four.slice(0, 3) }));
    expect(registerRows(ws)).toHaveLength(1);
  });

  test('a category added in Settings updates the form in place; a response given before still lands', () => {
    const formBefore = theForm(ws);
    const idsBefore = deploymentIds(ws).itemIds;
    // Given before the change, and not yet in the register (its trigger never ran).
    const early = submit(ws, ordinaryReport({ categories: ['Filtering or monitoring breach'] }), {
      fireTriggers: false,
    });

    // The DSL swaps a category for a new one (12 is the most the form shows).
    const settings = sheetValues(ws, ws.containerId, 'Settings');
    const row = settings.findIndex((r) => r[4] === 'Filtering or monitoring breach') + 1;
    expect(row).toBeGreaterThan(1);
    const last = settings.length + 1;
    for (const col of ['E', 'F', 'G'])
      ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', `${col}${row}`, '');
    ws.spreadsheets._userEdit(
      SCHOOL.dsl,
      ws.containerId,
      'Settings',
      `E${last}`,
      'Sextortion (money demanded)',
    );
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', `F${last}`, 'Contact');
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', `G${last}`, 'Yes');
    runSetUp(ws);

    const formAfter = theForm(ws);
    expect(formAfter.id).toBe(formBefore.id);
    expect(deploymentIds(ws).itemIds).toEqual(idsBefore);
    expect(formAfter.items.map((i) => i.id)).toEqual(formBefore.items.map((i) => i.id));
    const categories = formAfter.items.find((i) => i.id === idsBefore.categories)!;
    expect(categories.choices.map((c) => c.value)).toContain('Sextortion (money demanded)');
    expect(categories.choices.map((c) => c.value)).not.toContain('Filtering or monitoring breach');
    expect(categories.validation).toMatch(/select at most 3/);

    // The new category can be ticked, is flagged as Settings says, and the early response still lands.
    submit(ws, ordinaryReport({ categories: ['Sextortion (money demanded)'] }));
    ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    const rows = registerRows(ws);
    expect(rows).toHaveLength(2);
    const earlyRow = rows.find((r) => r['Response ID'] === early.responseId)!;
    expect(earlyRow).toMatchObject({
      Categories: 'Filtering or monitoring breach',
      'What happened': 'Group chat messages calling a pupil names.',
      'Pupils harmed': 'Amira Khan',
      Where: 'Outside school',
    });
    const newRow = rows.find((r) => r['Response ID'] !== early.responseId)!;
    expect(newRow).toMatchObject({ Categories: 'Sextortion (money demanded)', '4Cs group': 'Contact' });
    expect(newRow['Child protection']).toBe('Yes');
  });
});

describe("Set up's message", () => {
  test('on a fresh spreadsheet it says what was made and what the DSL must fill in, in plain words', () => {
    const ws = newSchool();
    runSetUp(ws);
    const message = lastMessage(ws);
    expect(message).toMatch(/form has been created and published/);
    expect(message).toMatch(/https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform/);
    expect(message).toMatch(/Settings sheet has been added/);
    expect(message).toMatch(/Chair of Governors/);
    expect(message).not.toMatch(/undefined|null|\[object|Error|Exception|at \w+ \(/);
  });

  test('with the Chair missing, it says so and what that means; with everyone set, all is in place', () => {
    const ws = newSchool();
    runSetUp(ws);
    configureSchool(ws, { 'Chair of Governors email': '' });
    runSetUp(ws);
    const missingChair = lastMessage(ws);
    expect(missingChair).toMatch(/Please fix:/);
    expect(missingChair).toMatch(/Chair of Governors/);
    expect(missingChair).toMatch(/Headteacher/);
    expect(missingChair).not.toMatch(/undefined|null|\[object|Error|Exception/);
    expect(missingChair).not.toMatch(/Everything is in place/);

    editSettings(ws, { 'Chair of Governors email': SCHOOL.chair });
    runSetUp(ws);
    expect(lastMessage(ws)).toMatch(/Everything is in place/);
    expect(lastMessage(ws)).toMatch(/checked and repaired/);
  });

  test('a typo in an address is named, and Set up still finishes', () => {
    const ws = newSchool();
    runSetUp(ws);
    configureSchool(ws, { 'Deputy DSL emails': 'deputy@school' });
    const record = ws.runRecorded('setUp', [], { user: SCHOOL.dsl, kind: 'menu' });
    expect(record.status).toBe('completed');
    expect(lastMessage(ws)).toMatch(/deputy@school'? is not a valid email address/);
  });
});

describe('repairing what was broken by hand', () => {
  test('a deleted trigger and a duplicated one come back as one per handler', () => {
    const ws = newSchool();
    runSetUp(ws);
    configureSchool(ws);
    const ScriptApp = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
    const all = ScriptApp.getProjectTriggers();
    ScriptApp.deleteTrigger(all.find((t) => t.getHandlerFunction() === 'onFormSubmit')!);
    ScriptApp.newTrigger('retryPendingAlerts').timeBased().everyHours(1).create();
    runSetUp(ws);
    expect(
      triggers(ws)
        .map((t) => t.handler)
        .sort(),
    ).toEqual([...HANDLERS].sort());
    submit(ws, ordinaryReport());
    expect(registerRows(ws)).toHaveLength(1);
  });

  test('a form someone linked to a responses spreadsheet is unlinked and the DSL is told', () => {
    const ws = newSchool();
    runSetUp(ws);
    configureSchool(ws);
    const FormApp = ws.globals().FormApp as GoogleAppsScript.Forms.FormApp;
    FormApp.openById(deploymentIds(ws).formId).setDestination(
      FormApp.DestinationType.SPREADSHEET,
      ws.containerId,
    );
    expect(theForm(ws).destination).not.toBeNull();
    runSetUp(ws);
    expect(theForm(ws).destination).toBeNull();
    expect(lastMessage(ws)).toMatch(
      /responses were also being sent to the spreadsheet "Online Safety Incident Log".*unlinked/s,
    );
  });

  test('a deleted form is made again and the new form feeds the register', () => {
    const ws = newSchool();
    runSetUp(ws);
    configureSchool(ws);
    const oldForm = deploymentIds(ws).formId;
    ws.drive.get(oldForm)!.trashed = true;
    runSetUp(ws);
    const { formId } = deploymentIds(ws);
    expect(formId).not.toBe(oldForm);
    expect(triggers(ws).filter((t) => t.handler === 'onFormSubmit')).toEqual([
      expect.objectContaining({ sourceId: formId }),
    ]);
    submit(ws, ordinaryReport());
    expect(registerRows(ws)).toHaveLength(1);
  });
});
