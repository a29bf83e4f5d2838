/**
 * Why: Google Forms changed under scripts in 2025–2026 (a publish state, named responders, legacy forms
 * without either, EmailCollectionType reaching tenants at different times). A product tested against the
 * Forms of 2024 would pass here and fail at a school; these tests pin the late-2026 behaviour the
 * emulator follows, each with the reference it rests on (or "unconfirmed" where none was found, in
 * which case the emulator takes the stricter reading).
 */
import { Workspace } from '../../emulator/workspace';
import type { EmulatedForm, EmulatedFormApp } from '../../emulator/forms';
import { formsWorkspace, runAs } from './support';

const NO_ITEM = 'No item with the given ID could be found, or you do not have permission to access it.';
const UNPUBLISHED = 'Operation not supported on unpublished form';
const LEGACY = 'This form does not support publishing';

function setup(): { ws: Workspace; FormApp: EmulatedFormApp } {
  return formsWorkspace();
}

/** A published form with one short-answer question. */
function liveForm(FormApp: EmulatedFormApp, title = 'Report'): EmulatedForm {
  const form = FormApp.create(title, true);
  form.addTextItem().setTitle('Q');
  return form;
}

/** Installs an onFormSubmit trigger on `form` and returns the events its handler receives. */
function recordSubmits(ws: Workspace, form: EmulatedForm): unknown[] {
  const events: unknown[] = [];
  ws.installScript({ onSubmit: (e: unknown) => void events.push(e) });
  const ScriptApp = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
  ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create();
  return events;
}

describe('publishing exists only on forms that support advanced responder permissions', () => {
  // "All newly created forms now support publishing." — https://developers.google.com/workspace/forms/api/guides/publish-form
  test('a form made by FormApp.create in late 2026 supports it', () => {
    const { FormApp } = setup();
    const form = FormApp.create('New');
    expect(form.supportsAdvancedResponderPermissions()).toBe(true);
    expect(form.isPublished()).toBe(false);
    form.setPublished(true);
    expect(form.isPublished()).toBe(true);
  });

  // supportsAdvancedResponderPermissions() "is used to determine whether the setPublished(enabled) and
  // isPublished() methods, and responder permissions are enabled" (same guide, "Check if a form is a
  // legacy form"). That they throw, and the text, are unconfirmed: the stricter reading.
  test('on a legacy form setPublished, isPublished and the responder methods throw', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Old');
    ws.forms._makeLegacy(form.getId());
    expect(form.supportsAdvancedResponderPermissions()).toBe(false);
    expect(() => form.isPublished()).toThrow(LEGACY);
    expect(() => form.setPublished(true)).toThrow(LEGACY);
    expect(() => form.addPublishedReader('pupil@school.example')).toThrow(LEGACY);
    expect(() => form.addPublishedReaders(['pupil@school.example'])).toThrow(LEGACY);
    expect(() => form.removePublishedReader('pupil@school.example')).toThrow(LEGACY);
    expect(() => form.getPublishedReaders()).toThrow(LEGACY);
  });

  test('a legacy form takes responses whenever it accepts them (it has no publish state)', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Old');
    form.addTextItem().setTitle('Q');
    ws.forms._makeLegacy(form.getId());
    form.setAcceptingResponses(true);
    expect(form.isAcceptingResponses()).toBe(true);
    expect(ws.forms.submit(form.getId(), { answers: { Q: 'x' } }).responseId).toEqual(expect.any(String));
    form.setAcceptingResponses(false);
    expect(() => ws.forms.submit(form.getId(), { answers: { Q: 'y' } })).toThrow('not accepting responses');
  });

  // "Unpublishing a form makes it unavailable and automatically stops it from accepting responses."
  // (same guide, "Close a form")
  test('unpublishing stops responses', () => {
    const { FormApp } = setup();
    const form = liveForm(FormApp);
    form.setPublished(false);
    expect(form.isAcceptingResponses()).toBe(false);
  });
});

describe('who may respond', () => {
  // "You can retrieve a list of all users who have responder access (the PUBLISHED_READER role) using
  // Form.getPublishedReaders()"; "Removing a responder revokes their ability to view and submit the form".
  // (https://developers.google.com/workspace/forms/api/guides/publish-form)
  test('named responders may respond; anyone else is refused', () => {
    const { ws, FormApp } = setup();
    const form = liveForm(FormApp);
    form.addPublishedReader('deputy@school.example').addPublishedReaders(['head@school.example']);
    expect(form.getPublishedReaders().map((u) => u.getEmail())).toEqual([
      'deputy@school.example',
      'head@school.example',
    ]);
    const id = form.getId();
    expect(ws.forms.submit(id, { email: 'deputy@school.example', answers: { Q: 'a' } }).responseId).toEqual(
      expect.any(String),
    );
    expect(() => ws.forms.submit(id, { email: 'pupil@school.example', answers: { Q: 'b' } })).toThrow(
      'only accepts its named responders: pupil@school.example cannot respond',
    );
    expect(() => ws.forms.submit(id, { answers: { Q: 'c' } })).toThrow('needs respondents signed in');
    form.removePublishedReader('head@school.example');
    expect(() => ws.forms.submit(id, { email: 'head@school.example', answers: { Q: 'd' } })).toThrow(
      'cannot respond',
    );
  });

  test('being an editor of the form does not make someone a responder (unconfirmed: stricter)', () => {
    const { ws, FormApp } = setup();
    const form = liveForm(FormApp);
    form.addPublishedReader('deputy@school.example');
    form.addEditor('it@school.example');
    expect(() => ws.forms.submit(form.getId(), { email: 'it@school.example', answers: { Q: 'x' } })).toThrow(
      'cannot respond',
    );
  });

  // setRequireLogin: "Sets whether the form requires respondents to log in to an account in the same
  // domain or a subdomain before responding." (https://developers.google.com/apps-script/reference/forms/form#setrequireloginrequirelogin)
  test('setRequireLogin(true) admits the owner’s domain, and named responders besides', () => {
    const { ws, FormApp } = setup();
    const form = liveForm(FormApp);
    form.setRequireLogin(true);
    const id = form.getId();
    expect(ws.forms.submit(id, { email: 'teacher@school.example', answers: { Q: 'a' } }).responseId).toEqual(
      expect.any(String),
    );
    expect(() => ws.forms.submit(id, { email: 'parent@home.example', answers: { Q: 'b' } })).toThrow(
      'only accepts respondents signed in to school.example',
    );
    form.addPublishedReader('parent@home.example');
    expect(ws.forms.submit(id, { email: 'parent@home.example', answers: { Q: 'c' } }).responseId).toEqual(
      expect.any(String),
    );
    expect(() => ws.forms.submit(id, { email: 'other@home.example', answers: { Q: 'd' } })).toThrow(
      'only accepts its named responders or signed in to school.example',
    );
  });
});

describe('FormApp.EmailCollectionType may not exist on a tenant', () => {
  test('by default it exists and sets verified collection', () => {
    const { FormApp } = setup();
    const form = liveForm(FormApp);
    form.setEmailCollectionType(FormApp.EmailCollectionType.VERIFIED);
    expect(form.getEmailCollectionType()).toBe(FormApp.EmailCollectionType.VERIFIED);
  });

  // (unconfirmed: no Google text on the rollout; public scripts guard it with
  // `if (FormApp.EmailCollectionType && …)` or fall back to setCollectEmail in a catch.)
  test('without it: the enum reads undefined, the Form methods are absent, setCollectEmail remains', () => {
    const ws = new Workspace({ formsEmailCollectionType: false });
    const FormApp = ws.globals().FormApp as unknown as EmulatedFormApp;
    expect(FormApp.EmailCollectionType).toBeUndefined();
    const form = liveForm(FormApp);
    const loose = form as unknown as Record<string, unknown>;
    expect(typeof loose.setEmailCollectionType).toBe('undefined');
    expect(() => form.setEmailCollectionType({} as never)).toThrow(TypeError);
    expect(() => form.setEmailCollectionType({} as never)).toThrow('is not a function');
    expect(() => form.getEmailCollectionType()).toThrow(TypeError);
    form.setCollectEmail(true);
    expect(form.collectsEmail()).toBe(true);
  });
});

describe('an unpublished form refuses submissions', () => {
  test('a respondent opening the link is refused (emulator text)', () => {
    const { ws, FormApp } = setup();
    const form = FormApp.create('Draft');
    form.addTextItem().setTitle('Q');
    expect(() => ws.forms.submit(form.getId(), { answers: { Q: 'x' } })).toThrow(
      'form "Draft" is not published: respondents cannot open it',
    );
  });

  // The error Apps Script scripts meet on unpublished forms (seen on scripts since 2025).
  test('FormResponse.submit() from a script gets Apps Script’s unpublished-form error', () => {
    const { FormApp } = setup();
    const form = FormApp.create('Draft');
    form.addTextItem().setTitle('Q');
    expect(() => form.createResponse().submit()).toThrow(UNPUBLISHED);
  });
});

describe('a trashed form', () => {
  test('FormApp.openById fails with Apps Script’s cannot-open text, even for the owner', () => {
    const { ws, FormApp } = setup();
    const id = liveForm(FormApp).getId();
    ws.drive.trash(id);
    expect(() => FormApp.openById(id)).toThrow(NO_ITEM);
    expect(() => runAs(ws, ws.owner, () => FormApp.openById(id))).toThrow(NO_ITEM);
  });

  test('takes no submissions from respondents or from a script that opened it before (unconfirmed)', () => {
    const { ws, FormApp } = setup();
    const form = liveForm(FormApp);
    ws.drive.trash(form.getId());
    expect(() => ws.forms.submit(form.getId(), { answers: { Q: 'x' } })).toThrow('is in the trash');
    expect(() => form.createResponse().submit()).toThrow(NO_ITEM);
    expect(ws.forms.responses(form.getId())).toEqual([]);
  });

  test('its form-submit triggers no longer fire (unconfirmed: stricter)', () => {
    const { ws, FormApp } = setup();
    const form = liveForm(FormApp);
    const events = recordSubmits(ws, form);
    const { responseId } = ws.forms.submit(form.getId(), { answers: { Q: 'before' } });
    expect(events).toHaveLength(1);
    ws.drive.trash(form.getId());
    expect(ws.forms.refire(form.getId(), responseId)).toEqual([]);
    expect(events).toHaveLength(1);
  });
});
