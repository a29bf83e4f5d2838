/**
 * The test side of Google Forms: respondents submitting the live form (FormStore.submit), checked as
 * Forms would check it — publishing, identity, answers, branching between pages, required questions,
 * choices and validations — and the form-submit triggers it fires.
 */
import type { Workspace } from '../../emulator/workspace';
import type { EmulatedForm, EmulatedFormApp } from '../../emulator/forms';
import { asItem, formsWorkspace } from './support';

const STAFF = 'teacher@school.example';

const setup = formsWorkspace;

/**
 * Page 1: Categories (required checkbox, at most 3), "Is a child at risk of harm?" (required, Yes → page 2,
 * No → page 3), Notes. Page 2 "Risk details": Describe the risk (required); reaching page 3 from it
 * submits. Page 3 "Other details": Anything else, When. Page 4 "Follow-up": Told the DSL? (required).
 */
function incidentForm(FormApp: EmulatedFormApp): EmulatedForm {
  const form = FormApp.create('Incident report', true);
  form
    .addCheckboxItem()
    .setTitle('Categories')
    .setChoiceValues(['Bullying', 'Grooming', 'Nudes', 'Scam', 'Other harm'])
    .setRequired(true)
    .setValidation(
      FormApp.createCheckboxValidation().requireSelectAtMost(3).setHelpText('Tick up to three').build(),
    );
  const risk = form.addMultipleChoiceItem().setTitle('Is a child at risk of harm?').setRequired(true);
  form.addParagraphTextItem().setTitle('Notes');
  const riskPage = form.addPageBreakItem().setTitle('Risk details');
  form.addTextItem().setTitle('Describe the risk').setRequired(true);
  const otherPage = form.addPageBreakItem().setTitle('Other details');
  otherPage.setGoToPage(FormApp.PageNavigationType.SUBMIT);
  form.addTextItem().setTitle('Anything else');
  form.addDateItem().setTitle('When');
  form.addPageBreakItem().setTitle('Follow-up');
  form.addMultipleChoiceItem().setTitle('Told the DSL?').setChoiceValues(['Yes', 'No']).setRequired(true);
  risk.setChoices([risk.createChoice('Yes', riskPage), risk.createChoice('No', otherPage)]);
  return form;
}

const YES_PATH = {
  Categories: ['Grooming'],
  'Is a child at risk of harm?': 'Yes',
  'Describe the risk': 'Messages from an adult stranger',
};
const NO_PATH = {
  Categories: ['Scam'],
  'Is a child at risk of harm?': 'No',
  'Told the DSL?': 'No',
};

/** Installs a form-submit trigger on `form` whose handler records each event (and may throw). */
function onSubmitTrigger(
  ws: Workspace,
  form: EmulatedForm,
  handler: (e: GoogleAppsScript.Events.FormsOnFormSubmit) => void = () => undefined,
): { events: GoogleAppsScript.Events.FormsOnFormSubmit[]; uid: string } {
  const events: GoogleAppsScript.Events.FormsOnFormSubmit[] = [];
  ws.installScript({
    onSubmit: (e: unknown) => {
      events.push(e as GoogleAppsScript.Events.FormsOnFormSubmit);
      handler(e as GoogleAppsScript.Events.FormsOnFormSubmit);
    },
  });
  const ScriptApp = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
  const trigger = ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create();
  return { events, uid: trigger.getUniqueId() };
}

describe('the form must be open', () => {
  test('an unpublished form takes no responses', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Draft');
    form.addTextItem().setTitle('Q');
    expect(() => ws.forms.submit(form.getId(), { answers: { Q: 'x' } })).toThrow(
      'form "Draft" is not published: respondents cannot open it',
    );
  });

  test('a published form that stopped accepting responses takes none', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Closed', true).setAcceptingResponses(false);
    expect(() => ws.forms.submit(form.getId(), { answers: {} })).toThrow(
      'form "Closed" is not accepting responses',
    );
    form.setAcceptingResponses(true);
    expect(ws.forms.submit(form.getId(), { answers: {} }).responseId).toEqual(expect.any(String));
  });

  test('an unknown form id is an error', () => {
    const { ws } = setup();
    expect(() => ws.forms.submit('nope', { answers: {} })).toThrow('FormStore: no form with id nope');
  });
});

describe('who is responding', () => {
  test('a form collecting verified email needs the respondent’s email, and records it', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true).setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED);
    expect(() => ws.forms.submit(form.getId(), { answers: {} })).toThrow(
      'form "Report" collects verified email addresses: the submission needs the respondent\'s email',
    );
    ws.forms.submit(form.getId(), { email: STAFF, answers: {} });
    expect(form.getResponses()[0]?.getRespondentEmail()).toBe(STAFF);
  });

  test('a form asking for a typed email needs one too', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true).setCollectEmail(true);
    expect(() => ws.forms.submit(form.getId(), { answers: {} })).toThrow(
      'asks respondents for their email address',
    );
    expect(() => ws.forms.submit(form.getId(), { email: 'not an email', answers: {} })).toThrow(
      '"not an email" is not an email address',
    );
  });

  test('a form not collecting email records none, even when the respondent is known', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Anonymous', true);
    ws.forms.submit(form.getId(), { email: STAFF, answers: {} });
    expect(form.getResponses()[0]?.getRespondentEmail()).toBe('');
  });

  test('a form requiring sign-in takes only accounts of the owner’s domain', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Staff only', true).setRequireLogin(true);
    expect(() => ws.forms.submit(form.getId(), { answers: {} })).toThrow('needs respondents signed in');
    expect(() => ws.forms.submit(form.getId(), { email: 'parent@gmail.example', answers: {} })).toThrow(
      'only accepts respondents signed in to school.example: parent@gmail.example cannot respond',
    );
    expect(() => ws.forms.submit(form.getId(), { email: STAFF, answers: {} })).not.toThrow();
  });

  test('one response per person refuses a second one from the same account', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Once', true).setLimitOneResponsePerUser(true);
    ws.forms.submit(form.getId(), { email: STAFF, answers: {} });
    expect(() => ws.forms.submit(form.getId(), { email: 'TEACHER@school.example', answers: {} })).toThrow(
      `takes one response per person and TEACHER@school.example has already responded`,
    );
    expect(() => ws.forms.submit(form.getId(), { email: 'other@school.example', answers: {} })).not.toThrow();
  });
});

describe('answer keys', () => {
  test('an answer may be keyed by the item’s title or its id', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    const platform = form.addTextItem().setTitle('Platform');
    const where = form.addTextItem().setTitle('Where');
    ws.forms.submit(form.getId(), { answers: { Platform: 'Roblox', [String(where.getId())]: 'Home' } });
    const [response] = form.getResponses();
    expect(response?.getResponseForItem(asItem(platform)).getResponse()).toBe('Roblox');
    expect(response?.getResponseForItem(asItem(where)).getResponse()).toBe('Home');
  });

  test('a key naming no item is an error', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form.addTextItem().setTitle('Platform');
    expect(() => ws.forms.submit(form.getId(), { answers: { Platfrom: 'x' } })).toThrow(
      'form "Report" has no item titled or numbered "Platfrom"',
    );
    expect(() => ws.forms.submit(form.getId(), { answers: { '123': 'x' } })).toThrow(
      'no item titled or numbered "123"',
    );
  });

  test('a title shared by two items must be keyed by id', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form.addTextItem().setTitle('Name');
    const second = form.addTextItem().setTitle('Name');
    expect(() => ws.forms.submit(form.getId(), { answers: { Name: 'x' } })).toThrow(
      'has 2 items titled "Name"',
    );
    ws.forms.submit(form.getId(), { answers: { [String(second.getId())]: 'x' } });
    expect(form.getResponses()[0]?.getItemResponses()[0]?.getItem().getId()).toBe(second.getId());
  });

  test('two keys for one item, or an answer to a layout item, are errors', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    const platform = form.addTextItem().setTitle('Platform');
    form.addSectionHeaderItem().setTitle('About you');
    expect(() =>
      ws.forms.submit(form.getId(), { answers: { Platform: 'a', [String(platform.getId())]: 'b' } }),
    ).toThrow(`answers "${platform.getId()}" and "Platform" both name "Platform"`);
    expect(() => ws.forms.submit(form.getId(), { answers: { 'About you': 'x' } })).toThrow(
      'is a SECTION_HEADER item, which takes no answer',
    );
  });
});

describe('answers must fit their items', () => {
  test('choice answers must be offered, unless the item has "Other"', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    const mc = form.addMultipleChoiceItem().setTitle('Where').setChoiceValues(['School', 'Home']);
    form.addListItem().setTitle('Year').setChoiceValues(['Y7', 'Y8']);
    const cb = form.addCheckboxItem().setTitle('Apps').setChoiceValues(['TikTok', 'Snapchat']);
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { Where: 'Park' } })).toThrow('offers no choice "Park"');
    expect(() => ws.forms.submit(id, { answers: { Year: 'Y9' } })).toThrow('offers no choice "Y9"');
    expect(() => ws.forms.submit(id, { answers: { Apps: ['TikTok', 'Kik'] } })).toThrow(
      'offers no choice "Kik"',
    );
    mc.showOtherOption(true);
    cb.showOtherOption(true);
    ws.forms.submit(id, { answers: { Where: 'Park', Apps: ['TikTok', 'Kik'] } });
    expect(() => ws.forms.submit(id, { answers: { Apps: ['Kik', 'Discord'] } })).toThrow(
      'has one "Other" box',
    );
    expect(ws.forms.responses(id)[0]?.answers).toEqual({ Where: 'Park', Apps: ['TikTok', 'Kik'] });
  });

  test('a checkbox answer is an array; other answers are strings; a box ticked twice is an error', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form.addCheckboxItem().setTitle('Apps').setChoiceValues(['TikTok']);
    form.addTextItem().setTitle('Platform');
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { Apps: 'TikTok' } })).toThrow(
      'is a checkbox item: its answer must be an array of strings',
    );
    expect(() => ws.forms.submit(id, { answers: { Platform: ['x'] } })).toThrow(
      'its answer must be a string',
    );
    expect(() => ws.forms.submit(id, { answers: { Apps: ['TikTok', 'TikTok'] } })).toThrow(
      'a box is ticked twice',
    );
  });

  test('dates, date-times and times use Apps Script’s answer formats', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form.addDateItem().setTitle('Date');
    form.addDateTimeItem().setTitle('At');
    form.addTimeItem().setTitle('Time');
    form.addDateItem().setTitle('Birthday').setIncludesYear(false);
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { Date: '07/09/2026' } })).toThrow(
      'needs a date as YYYY-MM-DD',
    );
    expect(() => ws.forms.submit(id, { answers: { Date: '2026-02-30' } })).toThrow(
      'needs a date as YYYY-MM-DD',
    );
    expect(() => ws.forms.submit(id, { answers: { At: '2026-09-07T10:00' } })).toThrow(
      'needs a date and time as YYYY-MM-DD HH:MM',
    );
    expect(() => ws.forms.submit(id, { answers: { Time: '9:5' } })).toThrow('needs a time as HH:MM');
    expect(() => ws.forms.submit(id, { answers: { Birthday: '2026-02-29' } })).toThrow(
      'needs a date as MM-DD',
    );
    ws.forms.submit(id, {
      answers: { Date: '2026-09-07', At: '2026-09-07 10:05', Time: '23:59', Birthday: '02-29' },
    });
    expect(ws.forms.responses(id)[0]?.answers).toEqual({
      Date: '2026-09-07',
      At: '2026-09-07 10:05',
      Time: '23:59',
      Birthday: '02-29',
    });
  });

  test('text validations apply, with the item’s help text in the message', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form
      .addTextItem()
      .setTitle('Year group')
      .setValidation(
        FormApp.createTextValidation()
          .requireTextMatchesPattern('Y([1-9]|1[0-3])')
          .setHelpText('e.g. Y7')
          .build(),
      );
    form
      .addParagraphTextItem()
      .setTitle('Summary')
      .setValidation(FormApp.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(10).build());
    form
      .addTextItem()
      .setTitle('Pupils')
      .setValidation(FormApp.createTextValidation().requireWholeNumber().build());
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { 'Year group': 'Y14' } })).toThrow('"Year group" (item');
    expect(() => ws.forms.submit(id, { answers: { 'Year group': 'Y14' } })).toThrow(
      'the answer must be matches /Y([1-9]|1[0-3])/ ("e.g. Y7")',
    );
    expect(() => ws.forms.submit(id, { answers: { Summary: 'far too long here' } })).toThrow('length <= 10');
    expect(() => ws.forms.submit(id, { answers: { Pupils: '2.5' } })).toThrow('a whole number');
    ws.forms.submit(id, { answers: { 'Year group': 'Y13', Summary: '🙂 short', Pupils: '2' } });
    expect(ws.forms.responses(id)).toHaveLength(1);
  });

  test('answers are stored as typed: empty, huge, emoji, right-to-left and formula-like text', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form.addParagraphTextItem().setTitle('What happened');
    form.addTextItem().setTitle('Platform');
    const id = form.getId();
    const huge = 'x'.repeat(100_000);
    ws.forms.submit(id, { answers: { 'What happened': huge, Platform: '=HYPERLINK("x")' } });
    ws.forms.submit(id, { answers: { 'What happened': 'مرحبا 👋', Platform: '' } });
    const [first, second] = ws.forms.responses(id);
    expect(first?.answers).toEqual({ 'What happened': huge, Platform: '=HYPERLINK("x")' });
    // An empty answer is no answer, as on a live form.
    expect(second?.answers).toEqual({ 'What happened': 'مرحبا 👋' });
  });
});

describe('pages and branching', () => {
  test('"Yes" goes to the risk page and then submits', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp);
    const { responseId } = ws.forms.submit(form.getId(), { answers: YES_PATH });
    expect(ws.forms.responses(form.getId())).toEqual([
      {
        id: responseId,
        timestamp: new Date(ws.clock.now()).toISOString(),
        email: '',
        answers: YES_PATH,
      },
    ]);
  });

  test('on the "Yes" path, pages 3 and 4 are never reached', () => {
    const { ws, FormApp } = setup();
    const id = incidentForm(FormApp).getId();
    expect(() => ws.forms.submit(id, { answers: { ...YES_PATH, 'Anything else': 'x' } })).toThrow(
      /"Anything else" \(item \d+\) is on page 3 \("Other details"\), which a respondent giving these answers never reaches \(pages 1 → 2 → submit\)/,
    );
    expect(() => ws.forms.submit(id, { answers: { ...YES_PATH, 'Told the DSL?': 'Yes' } })).toThrow(
      'is on page 4 ("Follow-up")',
    );
  });

  test('"No" skips the risk page and goes through pages 3 and 4', () => {
    const { ws, FormApp } = setup();
    const id = incidentForm(FormApp).getId();
    expect(() => ws.forms.submit(id, { answers: { ...NO_PATH, 'Describe the risk': 'x' } })).toThrow(
      /is on page 2 \("Risk details"\), which .* never reaches \(pages 1 → 3 → 4 → submit\)/,
    );
    ws.forms.submit(id, {
      answers: { ...NO_PATH, 'Anything else': 'Reported on the app', When: '2026-09-06' },
    });
    expect(ws.forms.responses(id)[0]?.answers).toEqual({
      Categories: ['Scam'],
      'Is a child at risk of harm?': 'No',
      'Anything else': 'Reported on the app',
      When: '2026-09-06',
      'Told the DSL?': 'No',
    });
  });

  test('required questions count only on the pages reached', () => {
    const { ws, FormApp } = setup();
    const id = incidentForm(FormApp).getId();
    const { 'Describe the risk': _omitted, ...yesWithoutRisk } = YES_PATH;
    expect(() => ws.forms.submit(id, { answers: yesWithoutRisk })).toThrow(
      /required question "Describe the risk" \(item \d+\) on page 2 \("Risk details"\) is unanswered/,
    );
    const { 'Told the DSL?': _told, ...noWithoutTold } = NO_PATH;
    expect(() => ws.forms.submit(id, { answers: noWithoutTold })).toThrow(
      'required question "Told the DSL?"',
    );
    const { Categories: _c, ...noCategories } = NO_PATH;
    expect(() => ws.forms.submit(id, { answers: noCategories })).toThrow('required question "Categories"');
    expect(() => ws.forms.submit(id, { answers: { ...NO_PATH, 'Is a child at risk of harm?': '' } })).toThrow(
      'required question "Is a child at risk of harm?"',
    );
  });

  test('a checkbox validation counts the ticks', () => {
    const { ws, FormApp } = setup();
    const id = incidentForm(FormApp).getId();
    expect(() =>
      ws.forms.submit(id, {
        answers: { ...YES_PATH, Categories: ['Bullying', 'Grooming', 'Nudes', 'Scam'] },
      }),
    ).toThrow('"Categories" (item');
    expect(() =>
      ws.forms.submit(id, {
        answers: { ...YES_PATH, Categories: ['Bullying', 'Grooming', 'Nudes', 'Scam'] },
      }),
    ).toThrow('the answer must be select at most 3 ("Tick up to three")');
    ws.forms.submit(id, { answers: { ...YES_PATH, Categories: ['Bullying', 'Grooming', 'Nudes'] } });
    expect(ws.forms.responses(id)).toHaveLength(1);
  });

  test('with the branching question unanswered, the page breaks decide', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Linear', true);
    const route = form.addMultipleChoiceItem().setTitle('Route');
    const p2 = form.addPageBreakItem().setTitle('Two');
    form.addTextItem().setTitle('On two');
    const p3 = form.addPageBreakItem().setTitle('Three');
    form.addTextItem().setTitle('On three');
    const p4 = form.addPageBreakItem().setTitle('Four');
    form.addTextItem().setTitle('On four');
    route.setChoices([
      route.createChoice('To four', p4),
      route.createChoice('Keep going', FormApp.PageNavigationType.CONTINUE),
    ]);
    // Reaching page three's break from page two jumps to page four.
    p3.setGoToPage(p4);
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { 'On three': 'x' } })).toThrow('(pages 1 → 2 → 4 → submit)');
    // A CONTINUE choice goes to the next page; from there the page breaks decide.
    expect(() => ws.forms.submit(id, { answers: { Route: 'Keep going', 'On three': 'x' } })).toThrow(
      '(pages 1 → 2 → 4 → submit)',
    );
    expect(() => ws.forms.submit(id, { answers: { Route: 'To four', 'On two': 'x' } })).toThrow(
      '(pages 1 → 4 → submit)',
    );
    ws.forms.submit(id, { answers: { Route: 'To four', 'On four': 'x' } });
    expect(p2.getIndex()).toBe(1);
  });

  test('of two branching questions on a page, the last one answered decides', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Two routes', true);
    const first = form.addMultipleChoiceItem().setTitle('First');
    const second = form.addListItem().setTitle('Second');
    const p2 = form.addPageBreakItem().setTitle('Two');
    form.addTextItem().setTitle('On two');
    const p3 = form.addPageBreakItem().setTitle('Three');
    form.addTextItem().setTitle('On three');
    first.setChoices([first.createChoice('2', p2), first.createChoice('3', p3)]);
    second.setChoices([second.createChoice('2', p2), second.createChoice('3', p3)]);
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { First: '2', Second: '3', 'On two': 'x' } })).toThrow(
      '(pages 1 → 3 → submit)',
    );
    expect(() => ws.forms.submit(id, { answers: { First: '3', 'On two': 'x' } })).toThrow(
      '(pages 1 → 3 → submit)',
    );
    ws.forms.submit(id, { answers: { First: '3', Second: '2', 'On two': 'x' } });
    expect(ws.forms.responses(id)).toHaveLength(1);
  });

  test('"Other" on a branching question, or a choice with no navigation, continues to the next page', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Other route', true);
    const q = form.addMultipleChoiceItem().setTitle('Where').showOtherOption(true);
    form.addPageBreakItem().setTitle('Two');
    form.addTextItem().setTitle('On two');
    const p3 = form.addPageBreakItem().setTitle('Three');
    form.addTextItem().setTitle('On three');
    q.setChoices([q.createChoice('Skip', p3), q.createChoice('Plain')]);
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { Where: 'Bus stop', 'On three': 'x' } })).not.toThrow();
    expect(() => ws.forms.submit(id, { answers: { Where: 'Plain', 'On three': 'x' } })).not.toThrow();
    expect(() => ws.forms.submit(id, { answers: { Where: 'Skip', 'On two': 'x' } })).toThrow(
      '(pages 1 → 3 → submit)',
    );
  });

  test('a choice that submits ends the form there', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Short', true);
    const q = form.addListItem().setTitle('Anything to report?');
    form.addPageBreakItem().setTitle('Details');
    form.addTextItem().setTitle('What').setRequired(true);
    q.setChoices([q.createChoice('No', FormApp.PageNavigationType.SUBMIT), q.createChoice('Yes')]);
    const id = form.getId();
    ws.forms.submit(id, { answers: { 'Anything to report?': 'No' } });
    expect(() => ws.forms.submit(id, { answers: { 'Anything to report?': 'Yes' } })).toThrow(
      'required question "What"',
    );
    expect(() => ws.forms.submit(id, { answers: { 'Anything to report?': 'No', What: 'x' } })).toThrow(
      '(pages 1 → submit)',
    );
  });

  test('answers that restart the form, or loop back, can never be submitted', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Circular', true);
    const q = form.addMultipleChoiceItem().setTitle('Again?');
    const p2 = form.addPageBreakItem().setTitle('Two');
    const p3 = form.addPageBreakItem().setTitle('Three');
    q.setChoices([q.createChoice('Restart', FormApp.PageNavigationType.RESTART), q.createChoice('On')]);
    p3.setGoToPage(p2);
    const id = form.getId();
    expect(() => ws.forms.submit(id, { answers: { 'Again?': 'Restart' } })).toThrow(
      'the answer "Restart" to "Again?"',
    );
    expect(() => ws.forms.submit(id, { answers: { 'Again?': 'Restart' } })).toThrow(
      'back to the start after page 1',
    );
    expect(() => ws.forms.submit(id, { answers: { 'Again?': 'On' } })).toThrow(
      'these answers loop back to page 2 ("Two") (pages 1 → 2), so the form can never be submitted',
    );
    expect(form.getResponses()).toHaveLength(0);
  });
});

describe('stored responses', () => {
  test('the timestamp is the clock’s now unless given; responses stay in time order', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form.addTextItem().setTitle('Q');
    const id = form.getId();
    ws.clock.set('2026-09-08T12:00:00Z');
    ws.forms.submit(id, { answers: { Q: 'noon' } });
    ws.forms.submit(id, { timestamp: '2026-09-08T09:00:00Z', answers: { Q: 'nine' } });
    ws.forms.submit(id, { timestamp: new Date('2026-09-08T10:00:00Z'), answers: { Q: 'ten' } });
    expect(ws.forms.responses(id).map((r) => [r.timestamp, r.answers.Q])).toEqual([
      ['2026-09-08T09:00:00.000Z', 'nine'],
      ['2026-09-08T10:00:00.000Z', 'ten'],
      ['2026-09-08T12:00:00.000Z', 'noon'],
    ]);
    expect(form.getResponses().map((r) => r.getItemResponses()[0]?.getResponse())).toEqual([
      'nine',
      'ten',
      'noon',
    ]);
    expect(() => ws.forms.submit(id, { timestamp: 'soon', answers: {} })).toThrow(
      'submission timestamp is not a time',
    );
  });

  test('response ids are distinct opaque strings', () => {
    const { ws, FormApp } = setup();
    const id = FormApp.create('Report', true).getId();
    const a = ws.forms.submit(id, { answers: {} }).responseId;
    const b = ws.forms.submit(id, { answers: {} }).responseId;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[\w-]{10,}$/);
  });

  test('a rejected submission stores nothing', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp);
    expect(() => ws.forms.submit(form.getId(), { answers: { ...YES_PATH, Categories: ['Nope'] } })).toThrow();
    expect(form.getResponses()).toHaveLength(0);
    expect(ws.forms.responses(form.getId())).toEqual([]);
  });

  test('the snapshot lists responses with answers by title', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp).setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED);
    const { responseId } = ws.forms.submit(form.getId(), { email: STAFF, answers: YES_PATH });
    const snap = (ws.forms.snapshot() as Record<string, unknown>[])[0];
    expect(snap?.responseCount).toBe(1);
    expect(snap?.responses).toEqual([
      {
        id: responseId,
        timestamp: new Date(ws.clock.now()).toISOString(),
        email: STAFF,
        answers: YES_PATH,
        editUrl: expect.stringContaining(responseId),
      },
    ]);
  });
});

describe('form-submit triggers', () => {
  test('a respondent’s submission runs the form’s trigger with the response and the form', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp).setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED);
    const seen: unknown[] = [];
    const { events, uid } = onSubmitTrigger(ws, form, (e) => {
      seen.push(
        e.response.getRespondentEmail(),
        e.response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()]),
        e.source.getId(),
      );
    });
    const { responseId, executions } = ws.forms.submit(form.getId(), { email: STAFF, answers: YES_PATH });
    expect(executions).toHaveLength(1);
    expect(executions[0]).toMatchObject({
      functionName: 'onSubmit',
      kind: 'trigger',
      status: 'completed',
      triggerUid: uid,
    });
    expect(events[0]?.triggerUid).toBe(uid);
    expect(String(events[0]?.authMode)).toBe('FULL');
    expect(events[0]?.response.getId()).toBe(responseId);
    expect(seen).toEqual([
      STAFF,
      [
        ['Categories', ['Grooming']],
        ['Is a child at risk of harm?', 'Yes'],
        ['Describe the risk', 'Messages from an adult stranger'],
      ],
      form.getId(),
    ]);
  });

  test('fireTriggers: false stores the response without running anything', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp);
    const { events } = onSubmitTrigger(ws, form);
    const { executions } = ws.forms.submit(form.getId(), { answers: YES_PATH }, { fireTriggers: false });
    expect(executions).toEqual([]);
    expect(events).toHaveLength(0);
    expect(form.getResponses()).toHaveLength(1);
  });

  test('refire runs the trigger again for the same response', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp);
    const { events } = onSubmitTrigger(ws, form);
    const { responseId } = ws.forms.submit(form.getId(), { answers: NO_PATH });
    const again = ws.forms.refire(form.getId(), responseId);
    expect(again).toHaveLength(1);
    expect(events.map((e) => e.response.getId())).toEqual([responseId, responseId]);
    expect(form.getResponses()).toHaveLength(1);
    expect(() => ws.forms.refire(form.getId(), 'nope')).toThrow('has no response nope');
  });

  test('another form’s trigger does not run', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp);
    const other = FormApp.create('Other', true);
    const { events } = onSubmitTrigger(ws, other);
    expect(ws.forms.submit(form.getId(), { answers: YES_PATH }).executions).toEqual([]);
    expect(events).toHaveLength(0);
  });

  test('a failing handler is recorded; the response is kept', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp);
    onSubmitTrigger(ws, form, () => {
      throw new Error('sheet is locked');
    });
    const { executions } = ws.forms.submit(form.getId(), { answers: YES_PATH });
    expect(executions[0]).toMatchObject({ status: 'failed', error: 'sheet is locked' });
    expect(form.getResponses()).toHaveLength(1);
  });

  test('what the handler calls is counted', () => {
    const { ws, FormApp } = setup();
    const form = incidentForm(FormApp);
    onSubmitTrigger(ws, form, (e) => {
      e.response.getItemResponses().forEach((r) => r.getResponse());
    });
    const id = form.getId();
    const { calls } = ws.calls.measure(() => ws.forms.submit(id, { answers: YES_PATH }));
    expect(calls).toEqual({ 'FormResponse.getItemResponses': 1, 'ItemResponse.getResponse': 3 });
  });
});
