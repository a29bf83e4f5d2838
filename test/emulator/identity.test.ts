/**
 * Who each execution is: the emulator must give the script the identity Apps Script gives it — the clicking
 * person for a menu, the installer for an installable trigger, nobody (blank, no authorization) for a simple
 * trigger — because the product's "who may see what" promises rest on it. Each test fails if a rule is broken.
 */
import { Workspace } from '../../emulator/workspace';
import type { ScriptApp as ScriptAppFacade } from '../../emulator/script';

const DSL = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const OUTSIDER = 'chair@governors.example';
const CONSUMER = 'parent.helper@gmail.com';

type Fn = (...args: unknown[]) => unknown;

interface Seen {
  active: string;
  effective: string;
  eventUser?: string;
}

interface Globals {
  Session: GoogleAppsScript.Base.Session;
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  FormApp: GoogleAppsScript.Forms.FormApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  ScriptApp: ScriptAppFacade;
}

/** A workspace whose container every named person can edit, and its script globals. */
function setUp(editors: string[] = [DEPUTY, OUTSIDER, CONSUMER]): { ws: Workspace; g: Globals } {
  const ws = new Workspace();
  for (const e of editors) ws.drive.share(ws.containerId, e, 'editor');
  return { ws, g: ws.globals() as unknown as Globals };
}

/** Records who Session says is running, and the event's user if there is one. */
function recorder(g: Globals, seen: Seen[]): Fn {
  return (...args: unknown[]) => {
    const e = args[0] as { user?: GoogleAppsScript.Base.User } | undefined;
    seen.push({
      active: g.Session.getActiveUser().getEmail(),
      effective: g.Session.getEffectiveUser().getEmail(),
      ...(e?.user ? { eventUser: e.user.getEmail() } : {}),
    });
  };
}

describe('menu clicks and editor runs', () => {
  test('a menu item runs as the person who clicked it: active and effective user are both them', () => {
    // Session reference (https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()):
    // the effective user is, "in most other scenarios, … the same account as getActiveUser()".
    const { ws, g } = setUp();
    const seen: Seen[] = [];
    ws.installScript({
      onOpen: () => g.SpreadsheetApp.getUi().createMenu('Test').addItem('Who', 'who').addToUi(),
      who: recorder(g, seen),
    });
    ws.openSpreadsheet(DEPUTY);
    const run = ws.spreadsheets.ui.clickMenu(DEPUTY, 'Test', 'Who');
    expect(run).toMatchObject({ kind: 'menu', user: DEPUTY, status: 'completed' });
    ws.run('who', [], { user: DSL, kind: 'editor' });
    expect(seen).toEqual([
      { active: DEPUTY, effective: DEPUTY },
      { active: DSL, effective: DSL },
    ]);
  });

  test("another domain's or a consumer account's email is blank in getActiveUser; the effective user is still them", () => {
    // "If security policies do not allow access to the user's identity, User.getEmail() returns a blank
    // string … these restrictions generally do not apply if the developer runs the script themselves or
    // belongs to the same Google Workspace domain as the user." (Session#getActiveUser)
    const { ws, g } = setUp();
    const seen: Seen[] = [];
    ws.installScript({ who: recorder(g, seen) });
    ws.run('who', [], { user: OUTSIDER, kind: 'menu' });
    ws.run('who', [], { user: CONSUMER, kind: 'menu' });
    expect(seen).toEqual([
      { active: '', effective: OUTSIDER },
      { active: '', effective: CONSUMER },
    ]);
  });
});

describe('installable triggers', () => {
  test('an edit trigger installed by the DSL runs as the DSL when the deputy edits; e.user is the deputy (same domain)', () => {
    // "Installable triggers always run under the account of the person who created them"
    // (https://developers.google.com/apps-script/guides/triggers/installable#restrictions); getEffectiveUser:
    // "If the script is running under an installable trigger, this returns the account of the user who
    // created the trigger."
    const { ws, g } = setUp();
    const seen: Seen[] = [];
    ws.installScript({
      install: () => g.ScriptApp.newTrigger('onEdited').forSpreadsheet(ws.containerId).onEdit().create(),
      onEdited: recorder(g, seen),
    });
    ws.run('install', [], { user: DSL });
    const result = ws.spreadsheets._userEdit(DEPUTY, ws.containerId, 'Sheet1', 'A1', 'x');
    expect(result.installable[0]).toMatchObject({ user: DSL, activeUser: DEPUTY, kind: 'trigger' });
    expect(seen).toEqual([{ active: DEPUTY, effective: DSL, eventUser: DEPUTY }]);
  });

  test("an edit by someone outside the owner's Workspace domain reaches the trigger with a blank user", () => {
    // A public test of installable on-edit triggers found: another user's edit gives e.user email "" and
    // getActiveUser() "", while getEffectiveUser() is the owner
    // (https://tanaikech.github.io/2022/01/04/detecting-operations-to-google-spreadsheet-by-owner-specific-users-and-anonymous-users-using-google-apps-script).
    const { ws, g } = setUp();
    const seen: Seen[] = [];
    ws.installScript({
      install: () => g.ScriptApp.newTrigger('onEdited').forSpreadsheet(ws.containerId).onEdit().create(),
      onEdited: recorder(g, seen),
    });
    ws.run('install', [], { user: DSL });
    ws.spreadsheets._userEdit(OUTSIDER, ws.containerId, 'Sheet1', 'A1', 'x');
    ws.spreadsheets._userEdit(CONSUMER, ws.containerId, 'Sheet1', 'A2', 'y');
    expect(seen).toEqual([
      { active: '', effective: DSL, eventUser: '' },
      { active: '', effective: DSL, eventUser: '' },
    ]);
  });

  test('a clock trigger runs as its installer, with no one else at the keyboard', () => {
    const { ws, g } = setUp();
    const seen: Seen[] = [];
    ws.installScript({
      install: () => g.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(),
      tick: recorder(g, seen),
    });
    ws.run('install', [], { user: DEPUTY });
    const runs = ws.advanceTo(ws.clock.now() + 3_600_000);
    expect(runs[0]).toMatchObject({ user: DEPUTY, kind: 'trigger' });
    expect(runs[0]?.activeUser).toBeUndefined();
    expect(seen).toEqual([{ active: DEPUTY, effective: DEPUTY }]);
  });
});

describe('simple triggers run in AuthMode.LIMITED', () => {
  test('onOpen sees blank active and effective users and a blank e.user, whoever opens', () => {
    // Session#getActiveUser: "the user's email address is not available in any context that allows a script
    // to run without that user's authorization, like a simple onOpen(e) or onEdit(e) trigger". (The
    // "generally do not apply" same-domain exception is not relied on: unconfirmed, the stricter choice.)
    const { ws, g } = setUp();
    const seen: Seen[] = [];
    ws.installScript({ onOpen: recorder(g, seen) });
    ws.openSpreadsheet(DSL);
    ws.openSpreadsheet(DEPUTY);
    expect(seen).toEqual([
      { active: '', effective: '', eventUser: '' },
      { active: '', effective: '', eventUser: '' },
    ]);
  });

  test('a simple trigger may build menus, use its own spreadsheet and properties, but not mail, other files or triggers', () => {
    // Triggers guide (https://developers.google.com/apps-script/guides/triggers#restrictions): simple
    // triggers "can't access services that require authorization. For example, a simple trigger can't send
    // an email …" and "can modify the file they are bound to, but can't access other files because that
    // would require authorization."
    const { ws, g } = setUp();
    const other = ws.spreadsheets.createSpreadsheet('Other', DSL).id;
    const outcomes: Record<string, string> = {};
    const attempt = (name: string, body: () => unknown): void => {
      try {
        body();
        outcomes[name] = 'ok';
      } catch (err) {
        outcomes[name] = (err as Error).message;
      }
    };
    ws.installScript({
      onOpen: () => {
        attempt('menu', () => g.SpreadsheetApp.getUi().createMenu('M').addItem('a', 'b').addToUi());
        attempt('own sheet', () =>
          g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]?.getRange('A1').setValue(1),
        );
        attempt('properties', () => g.PropertiesService.getDocumentProperties().setProperty('k', 'v'));
        attempt('mail', () => g.MailApp.sendEmail('x@school.example', 's', 'b'));
        attempt('other file', () => g.SpreadsheetApp.openById(other));
        attempt('form', () => g.FormApp.openById('nope'));
        attempt('trigger', () => g.ScriptApp.newTrigger('f').timeBased().everyHours(1).create());
        attempt('alert', () => g.SpreadsheetApp.getUi().alert('hello'));
      },
    });
    const run = ws.openSpreadsheet(DEPUTY);
    expect(run?.status).toBe('completed');
    expect(outcomes).toEqual({
      menu: 'ok',
      'own sheet': 'ok',
      properties: 'ok',
      mail: 'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
      'other file':
        'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
      form: 'You do not have permission to call FormApp.openById. Required permissions: https://www.googleapis.com/auth/forms',
      trigger:
        'You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
      alert:
        'You do not have permission to call Ui.alert. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    });
    expect(ws.spreadsheets.ui.menus(DEPUTY)).toHaveLength(1);
  });

  test("a simple onEdit gets a blank e.user even for the owner's own edit", () => {
    const { ws, g } = setUp();
    const seen: Seen[] = [];
    ws.installScript({ onEdit: recorder(g, seen) });
    ws.spreadsheets._userEdit(DSL, ws.containerId, 'Sheet1', 'A1', 'x');
    expect(seen).toEqual([{ active: '', effective: '', eventUser: '' }]);
  });
});

describe("each user's triggers", () => {
  test('getProjectTriggers lists only the current user’s triggers', () => {
    // https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers(): "Gets all
    // installable triggers associated with the current project and current user."
    const { ws, g } = setUp();
    ws.installScript({
      install: () => g.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(),
      count: () => g.ScriptApp.getProjectTriggers().length,
      tick: () => undefined,
    });
    ws.run('install', [], { user: DSL });
    ws.run('install', [], { user: DSL });
    ws.run('install', [], { user: DEPUTY });
    expect(ws.run('count', [], { user: DSL })).toBe(2);
    expect(ws.run('count', [], { user: DEPUTY })).toBe(1);
    expect(ws.run('count', [], { user: OUTSIDER })).toBe(0);
  });

  test("deleteTrigger refuses another user's trigger (unconfirmed: the stricter choice) and deletes one's own", () => {
    const { ws, g } = setUp();
    let dslTrigger: GoogleAppsScript.Script.Trigger | undefined;
    ws.installScript({
      install: () => (dslTrigger = g.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create()),
      remove: () => g.ScriptApp.deleteTrigger(dslTrigger as GoogleAppsScript.Script.Trigger),
      tick: () => undefined,
    });
    ws.run('install', [], { user: DSL });
    expect(() => ws.run('remove', [], { user: DEPUTY })).toThrow(/belongs to another user/);
    expect(ws.script.list()).toHaveLength(1);
    ws.run('remove', [], { user: DSL });
    expect(ws.script.list()).toHaveLength(0);
  });
});
