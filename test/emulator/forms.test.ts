/** FormApp and Form: creating and opening forms, settings, publishing, sharing, destination, call counts. */
import type { EmulatedForm } from '../../emulator/forms';
import { formsWorkspace, runAs } from './support';

const NO_ITEM = 'No item with the given ID could be found, or you do not have permission to access it.';
const UNPUBLISHED = 'Operation not supported on unpublished form';

const setup = formsWorkspace;

describe('FormApp.create', () => {
  test('registers the form in Drive, owned by the active user, with the title as file name', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Online safety report');
    const file = ws.drive.get(form.getId());
    expect(file).toMatchObject({ kind: 'form', name: 'Online safety report', owner: ws.owner });
    expect(form.getTitle()).toBe('Online safety report');
    expect(form.getDescription()).toBe('');
  });

  test('inside an execution the running user owns the new form', () => {
    const { ws, FormApp } = setup();
    const id = runAs(ws, 'deputy@school.example', () => FormApp.create('Deputy form').getId());
    expect(ws.drive.get(id)?.owner).toBe('deputy@school.example');
  });

  test('a new form is unpublished and closed unless created published', () => {
    const { FormApp } = setup();
    const draft = FormApp.create('Draft');
    expect(draft.isPublished()).toBe(false);
    expect(draft.isAcceptingResponses()).toBe(false);
    const live = FormApp.create('Live', true);
    expect(live.isPublished()).toBe(true);
    expect(live.isAcceptingResponses()).toBe(true);
  });

  test('an empty or missing title is refused', () => {
    const { FormApp } = setup();
    expect(() => FormApp.create('')).toThrow('Invalid argument: title');
    expect(() => FormApp.create(undefined as unknown as string)).toThrow('Invalid argument: title');
  });

  test('each form gets its own id', () => {
    const { FormApp } = setup();
    expect(FormApp.create('A').getId()).not.toBe(FormApp.create('B').getId());
  });
});

describe('FormApp.openById / openByUrl / getActiveForm', () => {
  test('the owner reopens the same form, with its items', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report');
    form.addTextItem().setTitle('What happened?');
    const again = FormApp.openById(form.getId());
    expect(again.getItems().map((i) => i.getTitle())).toEqual(['What happened?']);
  });

  test('someone without edit access gets Apps Script’s error; an editor can open it', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report');
    const id = form.getId();
    expect(() => runAs(ws, 'stranger@school.example', () => FormApp.openById(id))).toThrow(NO_ITEM);
    form.addEditor('deputy@school.example');
    expect(runAs(ws, 'deputy@school.example', () => FormApp.openById(id).getTitle())).toBe('Report');
  });

  test('an unknown id, or the id of a spreadsheet, is not a form', () => {
    const { ws, FormApp } = setup();
    expect(() => FormApp.openById('nope')).toThrow(NO_ITEM);
    expect(() => FormApp.openById(ws.containerId)).toThrow(NO_ITEM);
  });

  test('openByUrl takes the edit URL and refuses anything else', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report', true);
    expect(FormApp.openByUrl(form.getEditUrl()).getId()).toBe(form.getId());
    expect(FormApp.openByUrl(`https://docs.google.com/forms/d/${form.getId()}`).getId()).toBe(form.getId());
    expect(() => FormApp.openByUrl(form.getPublishedUrl())).toThrow('Invalid argument: url');
    expect(() => FormApp.openByUrl('https://example.com/forms/d/x/edit')).toThrow('Invalid argument: url');
    expect(() => FormApp.openByUrl('https://docs.google.com/forms/d/missing/edit')).toThrow(NO_ITEM);
  });

  test('getActiveForm is null: the script is bound to the spreadsheet', () => {
    const { FormApp } = setup();
    expect(FormApp.getActiveForm()).toBeNull();
  });
});

describe('enums', () => {
  test('enum values are objects that name themselves, as on Apps Script', () => {
    const { FormApp } = setup();
    const t = FormApp.ItemType.CHECKBOX as unknown as { name(): string; toString(): string };
    expect(t.name()).toBe('CHECKBOX');
    expect(String(t)).toBe('CHECKBOX');
    expect(JSON.stringify({ t })).toBe('{"t":"CHECKBOX"}');
    expect(FormApp.ItemType.CHECKBOX).not.toBe('CHECKBOX');
    expect(String(FormApp.PageNavigationType.SUBMIT)).toBe('SUBMIT');
    expect(String(FormApp.DestinationType.SPREADSHEET)).toBe('SPREADSHEET');
    expect(Object.keys(FormApp.EmailCollectionType)).toEqual([
      'DO_NOT_COLLECT',
      'VERIFIED',
      'RESPONDER_INPUT',
    ]);
  });
});

describe('Form settings', () => {
  test('title, description and confirmation message round-trip and chain', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Old');
    const chained = form
      .setTitle('New')
      .setDescription('Report what you saw')
      .setConfirmationMessage('Thank you');
    expect(chained.getTitle()).toBe('New');
    expect(form.getDescription()).toBe('Report what you saw');
    expect(form.getConfirmationMessage()).toBe('Thank you');
  });

  test('email collection: setCollectEmail and the collection type work together', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report');
    const type = (): string => String(form.getEmailCollectionType());
    expect(form.collectsEmail()).toBe(false);
    expect(type()).toBe('DO_NOT_COLLECT');

    form.setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED);
    expect(form.collectsEmail()).toBe(true);
    expect(form.getEmailCollectionType()).toBe(FormApp.EmailCollectionType.VERIFIED);
    // Turning collection "on" again keeps the verified setting.
    form.setCollectEmail(true);
    expect(type()).toBe('VERIFIED');

    form.setCollectEmail(false);
    expect(type()).toBe('DO_NOT_COLLECT');
    form.setCollectEmail(true);
    expect(type()).toBe('RESPONDER_INPUT');
  });

  test('an email collection type must be one of the enum values', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report');
    expect(() => form.setEmailCollectionType('VERIFIED' as never)).toThrow(
      "The parameters (String) don't match the method signature for FormApp.Form.setEmailCollectionType.",
    );
  });

  test('login, edits, one response per user, respond-again link and progress bar', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report');
    expect([form.requiresLogin(), form.canEditResponse(), form.hasLimitOneResponsePerUser()]).toEqual([
      false,
      false,
      false,
    ]);
    form
      .setRequireLogin(true)
      .setAllowResponseEdits(true)
      .setLimitOneResponsePerUser(true)
      .setShowLinkToRespondAgain(false)
      .setProgressBar(true);
    expect(form.requiresLogin()).toBe(true);
    expect(form.canEditResponse()).toBe(true);
    expect(form.hasLimitOneResponsePerUser()).toBe(true);
    expect(form.hasRespondAgainLink()).toBe(false);
    expect(form.hasProgressBar()).toBe(true);
  });
});

describe('publishing', () => {
  test('an unpublished form has no published URL and cannot be opened to responses', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report');
    expect(() => form.getPublishedUrl()).toThrow(UNPUBLISHED);
    expect(() => form.setAcceptingResponses(true)).toThrow(UNPUBLISHED);
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
  });

  test('publishing opens the form; closing keeps it published; unpublishing closes it', () => {
    const { FormApp } = setup();
    const form: EmulatedForm = FormApp.create('Report');
    form.setPublished(true);
    expect(form.isAcceptingResponses()).toBe(true);
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/[\w-]+\/viewform$/);
    expect(form.getPublishedUrl()).not.toContain(form.getId());

    form.setAcceptingResponses(false);
    expect(form.isPublished()).toBe(true);
    expect(form.isAcceptingResponses()).toBe(false);
    form.setAcceptingResponses(true);
    expect(form.isAcceptingResponses()).toBe(true);

    form.setPublished(false);
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => form.getPublishedUrl()).toThrow(UNPUBLISHED);
  });
});

describe('sharing through Drive', () => {
  test('addEditor, addEditors and removeEditor change the Drive file; getEditors lists owner then editors', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report');
    form.addEditor('deputy@school.example').addEditors(['head@school.example', 'it@school.example']);
    expect([...(ws.drive.get(form.getId())?.editors ?? [])].sort()).toEqual([
      'deputy@school.example',
      'head@school.example',
      'it@school.example',
    ]);
    form.removeEditor('HEAD@school.example');
    expect(form.getEditors().map((u) => u.getEmail())).toEqual([
      ws.owner,
      'deputy@school.example',
      'it@school.example',
    ]);
  });

  test('a User works where an email does; a bad email is refused', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report');
    form.addEditor('deputy@school.example');
    const deputy = form.getEditors()[1] as GoogleAppsScript.Base.User;
    form.removeEditor(deputy);
    expect(form.getEditors()).toHaveLength(1);
    expect(() => form.addEditor('not-an-email')).toThrow('Invalid email: not-an-email');
  });

  test('the owner stays the owner: adding or removing them changes nothing', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report');
    form.addEditor(ws.owner).removeEditor(ws.owner);
    expect(form.getEditors().map((u) => u.getEmail())).toEqual([ws.owner]);
    expect(ws.drive.get(form.getId())?.owner).toBe(ws.owner);
  });
});

describe('response destination', () => {
  test('without a destination both getters throw Apps Script’s error', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report');
    expect(() => form.getDestinationId()).toThrow('The form currently has no response destination.');
    expect(() => form.getDestinationType()).toThrow('The form currently has no response destination.');
  });

  test('a spreadsheet the user can edit becomes the destination, until removed', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report');
    const sheet = ws.drive.create('spreadsheet', 'Incident log', ws.owner);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, sheet.id);
    expect(form.getDestinationId()).toBe(sheet.id);
    expect(form.getDestinationType()).toBe(FormApp.DestinationType.SPREADSHEET);
    form.removeDestination();
    expect(() => form.getDestinationId()).toThrow('no response destination');
  });

  test('a missing file, a form, or a spreadsheet the user cannot edit is refused', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report');
    const other = FormApp.create('Other');
    const private_ = ws.drive.create('spreadsheet', 'Private', 'someone@else.example');
    const S = FormApp.DestinationType.SPREADSHEET;
    expect(() => form.setDestination(S, 'missing')).toThrow(NO_ITEM);
    expect(() => form.setDestination(S, other.getId())).toThrow(NO_ITEM);
    expect(() => form.setDestination(S, private_.id)).toThrow(NO_ITEM);
    expect(() => form.setDestination('SPREADSHEET' as never, private_.id)).toThrow(
      "don't match the method signature",
    );
  });
});

describe('call counting and unknown members', () => {
  test('each public call counts once, under its Apps Script class', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report');
    form.addCheckboxItem();
    form.addCheckboxItem().setTitle('Categories');
    expect(ws.calls.get('FormApp.create')).toBe(1);
    expect(ws.calls.get('Form.addCheckboxItem')).toBe(2);
    expect(ws.calls.get('CheckboxItem.setTitle')).toBe(1);
    expect(ws.calls.byService().FormApp).toBe(4);
  });

  test('calls a facade makes internally are not counted', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report');
    const { calls } = ws.calls.measure(() => form.addEditors(['a@school.example', 'b@school.example']));
    expect(calls).toEqual({ 'Form.addEditors': 1 });
  });

  test('a member the emulator does not model throws "not emulated"', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Report') as unknown as Record<string, () => unknown>;
    expect(() => form.fooBar?.()).toThrow('not emulated: Form.fooBar');
    expect(() => (FormApp as unknown as Record<string, () => unknown>).getUi?.()).toThrow(
      'not emulated: FormApp.getUi',
    );
    expect(() => form.addGridItem?.()).toThrow('not emulated: Form.addGridItem');
  });
});

describe('snapshot', () => {
  test('describes each form’s settings as plain data', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Report', true);
    form.setDescription('d').setConfirmationMessage('thanks').setAllowResponseEdits(true);
    form.setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED);
    form.addEditor('deputy@school.example');
    const snap = ws.forms.snapshot() as Record<string, unknown>[];
    expect(snap).toHaveLength(1);
    expect(snap[0]).toMatchObject({
      id: form.getId(),
      title: 'Report',
      description: 'd',
      owner: ws.owner,
      editors: ['deputy@school.example'],
      published: true,
      acceptingResponses: true,
      collectEmail: true,
      emailCollectionType: 'VERIFIED',
      allowResponseEdits: true,
      publishedUrl: form.getPublishedUrl(),
      destination: null,
      confirmationMessage: 'thanks',
      items: [],
      responseCount: 0,
      responses: [],
    });
    expect(JSON.parse(JSON.stringify(ws.forms.snapshot()))).toEqual(ws.forms.snapshot());
  });
});
