/**
 * Consent and scopes: the manifest's oauthScopes are all the script can ever have, each person may have
 * granted only some of them, and an installable trigger runs with its installer's grants. An emulator that
 * let a call through here would hide a product that fails in a school's real Workspace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadBundle } from '../../emulator/load-bundle';
import { SCOPES } from '../../emulator/auth';
import { Workspace } from '../../emulator/workspace';

const DSL = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';

/** A bundle whose functions each make one call, built into a directory with its own appsscript.json. */
const CODE = `
function readSheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').getValue(); }
function openOther(id) { return SpreadsheetApp.openById(id).getName(); }
function sendMail() { MailApp.sendEmail('head@school.example', 'Subject', 'Body'); }
function whoAmI() { return Session.getActiveUser().getEmail(); }
function installHourly() { ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create(); }
function hourly() { MailApp.sendEmail('head@school.example', 'Hourly', 'Body'); }
function status(scopes) {
  var info = scopes ? ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, scopes)
                    : ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  return { status: String(info.getAuthorizationStatus()),
           required: info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED,
           url: info.getAuthorizationUrl(), scopes: info.getAuthorizedScopes() };
}
function needMail() { ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['${SCOPES.sendMail}']); return 'went on'; }
function needAll() { ScriptApp.requireAllScopes(ScriptApp.AuthMode.FULL); return 'went on'; }
`;

function bundle(oauthScopes: string[] | undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'consent-'));
  writeFileSync(path.join(dir, 'Code.js'), CODE);
  const manifest = { timeZone: 'Europe/London', ...(oauthScopes ? { oauthScopes } : {}) };
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return path.join(dir, 'Code.js');
}

const PROJECT_SCOPES = [SCOPES.spreadsheets, SCOPES.scriptApp, SCOPES.userinfoEmail, SCOPES.sendMail];

function loaded(oauthScopes: string[] | undefined = PROJECT_SCOPES): Workspace {
  const ws = new Workspace();
  ws.drive.share(ws.containerId, DEPUTY, 'editor');
  loadBundle(ws, bundle(oauthScopes));
  return ws;
}

const notSufficient = (call: string, scopes: string): string =>
  `Specified permissions are not sufficient to call ${call}. Required permissions: ${scopes}`;

describe('the manifest', () => {
  test('loadBundle reads oauthScopes from the appsscript.json built next to Code.js', () => {
    // "The oauthScopes manifest field is an array of all the scopes used by the project"
    // (https://developers.google.com/apps-script/concepts/scopes#set-explicit).
    expect(loaded().auth.manifestScopes()).toEqual(PROJECT_SCOPES);
  });

  test('a call whose scope the manifest lacks throws Apps Script’s text, and is kept as a violation', () => {
    // Apps Script's text, as public projects report it verbatim: "Specified permissions are not sufficient to
    // call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email".
    const ws = loaded([SCOPES.spreadsheets]);
    expect(() => ws.run('sendMail')).toThrow(
      notSufficient('MailApp.sendEmail', 'https://www.googleapis.com/auth/script.send_mail'),
    );
    expect(() => ws.run('whoAmI')).toThrow(
      notSufficient('Session.getActiveUser', 'https://www.googleapis.com/auth/userinfo.email'),
    );
    expect(ws.mail.snapshot()).toEqual(new Workspace().mail.snapshot());
    expect(ws.auth.violations.map((v) => v.call)).toEqual(['MailApp.sendEmail', 'Session.getActiveUser']);
  });

  test('spreadsheets.currentonly reaches the container but not another spreadsheet', () => {
    // spreadsheets.currentonly covers only the document the script is bound to; openById's reference lists
    // only …/auth/spreadsheets.
    const ws = loaded([SCOPES.spreadsheetsCurrentOnly]);
    const other = ws.spreadsheets.createSpreadsheet('Other', DSL).id;
    expect(ws.run('readSheet')).toBe('');
    expect(() => ws.run('openOther', [other])).toThrow(
      notSufficient('SpreadsheetApp.openById', 'https://www.googleapis.com/auth/spreadsheets'),
    );
  });

  test('no oauthScopes in the manifest: Apps Script detects scopes from the code, so every known scope is possible', () => {
    const ws = loaded(undefined);
    expect(ws.auth.manifestScopes()).toEqual(expect.arrayContaining(PROJECT_SCOPES));
    expect(() => ws.run('sendMail', [], { user: DSL })).not.toThrow();
  });
});

describe('granular consent', () => {
  test('by default everyone has granted every manifest scope', () => {
    const ws = loaded();
    expect(ws.auth.granted(DEPUTY)).toEqual(PROJECT_SCOPES);
    expect(ws.run('whoAmI', [], { user: DEPUTY })).toBe(DEPUTY);
  });

  test('a person who granted only some scopes can use those, and the others throw', () => {
    // "users can choose to grant Calendar permission but not Gmail"
    // (https://developers.google.com/apps-script/concepts/scopes#handle-granular).
    const ws = loaded();
    ws.auth.grant(DEPUTY, [SCOPES.spreadsheets]);
    expect(ws.auth.granted(DEPUTY)).toEqual([SCOPES.spreadsheets]);
    expect(ws.run('readSheet', [], { user: DEPUTY })).toBe('');
    expect(() => ws.run('sendMail', [], { user: DEPUTY })).toThrow(
      notSufficient('MailApp.sendEmail', 'https://www.googleapis.com/auth/script.send_mail'),
    );
    // The DSL's own grants are untouched.
    expect(() => ws.run('sendMail', [], { user: DSL })).not.toThrow();
    expect(() => ws.auth.grant(DEPUTY, ['https://www.googleapis.com/auth/drive'])).toThrow(/not one of/);
  });

  test('revoke leaves nothing granted; grant all restores every manifest scope', () => {
    const ws = loaded();
    ws.auth.revoke(DSL);
    expect(ws.auth.granted(DSL)).toEqual([]);
    expect(() => ws.run('readSheet', [], { user: DSL })).toThrow(
      notSufficient(
        'SpreadsheetApp.getActiveSpreadsheet',
        '(https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)',
      ),
    );
    ws.auth.grant(DSL, 'all');
    expect(ws.run('readSheet', [], { user: DSL })).toBe('');
  });

  test("an installable trigger runs with its installer's grants", () => {
    // AuthorizationStatus.REQUIRED: "if the script is published as an add-on that uses installable triggers,
    // the trigger runs the script without prompting for authorization but throws an exception if the script
    // attempts to call the unauthorized service"
    // (https://developers.google.com/apps-script/reference/script/authorization-status).
    const ws = loaded();
    ws.run('installHourly', [], { user: DSL });
    ws.auth.grant(DSL, [SCOPES.spreadsheets, SCOPES.scriptApp]);
    const [run] = ws.advanceTo(ws.clock.now() + 3_600_000);
    expect(run).toMatchObject({ user: DSL, status: 'failed' });
    expect(run?.error).toBe(
      notSufficient('MailApp.sendEmail', 'https://www.googleapis.com/auth/script.send_mail'),
    );
    ws.auth.grant(DSL, 'all');
    expect(ws.advanceTo(ws.clock.now() + 3_600_000)[0]).toMatchObject({ status: 'completed' });
  });
});

describe('ScriptApp.getAuthorizationInfo, requireScopes and requireAllScopes', () => {
  test('getAuthorizationInfo says NOT_REQUIRED with a null URL when everything is granted', () => {
    // AuthorizationInfo (https://developers.google.com/apps-script/reference/script/authorization-info):
    // getAuthorizationUrl "returns null if no authorization is required".
    const ws = loaded();
    expect(ws.run('status', [], { user: DSL })).toEqual({
      status: 'NOT_REQUIRED',
      required: false,
      url: null,
      scopes: PROJECT_SCOPES,
    });
  });

  test('getAuthorizationInfo says REQUIRED with a URL, and lists the authorized scopes of the ones asked about', () => {
    // getAuthorizedScopes: "If authorization information is requested for a specified list of scopes,
    // returns the authorized scopes from the specified list."
    const ws = loaded();
    ws.auth.grant(DEPUTY, [SCOPES.spreadsheets, SCOPES.userinfoEmail]);
    const all = ws.run('status', [], { user: DEPUTY }) as {
      required: boolean;
      url: string;
      scopes: string[];
    };
    expect(all.required).toBe(true);
    expect(all.url).toMatch(/^https:\/\/script\.google\.com\//);
    expect(all.scopes).toEqual([SCOPES.spreadsheets, SCOPES.userinfoEmail]);
    const some = ws.run('status', [[SCOPES.spreadsheets, SCOPES.sendMail]], { user: DEPUTY });
    expect(some).toMatchObject({ status: 'REQUIRED', scopes: [SCOPES.spreadsheets] });
    expect(ws.run('status', [[SCOPES.spreadsheets]], { user: DEPUTY })).toMatchObject({
      status: 'NOT_REQUIRED',
      url: null,
    });
  });

  test('requireScopes and requireAllScopes end the execution when a scope is missing (no prompt in the emulator)', () => {
    // Guide: "Validates that the user has granted permission … If not, the execution ends and prompts the user
    // for authorization." The text thrown is the emulator's choice (unconfirmed).
    const ws = loaded();
    expect(ws.run('needMail', [], { user: DEPUTY })).toBe('went on');
    expect(ws.run('needAll', [], { user: DEPUTY })).toBe('went on');
    ws.auth.grant(DEPUTY, [SCOPES.spreadsheets]);
    expect(() => ws.run('needMail', [], { user: DEPUTY })).toThrow(
      notSufficient('ScriptApp.requireScopes', SCOPES.sendMail),
    );
    expect(() => ws.run('needAll', [], { user: DEPUTY })).toThrow(
      /^Specified permissions are not sufficient/,
    );
    // A scope outside the manifest can never be granted.
    const narrow = loaded([SCOPES.spreadsheets, SCOPES.scriptApp]);
    expect(() => narrow.run('needMail', [], { user: DSL })).toThrow(
      notSufficient('ScriptApp.requireScopes', SCOPES.sendMail),
    );
  });

  test('ScriptApp.AuthorizationStatus has REQUIRED and NOT_REQUIRED', () => {
    const ws = new Workspace();
    const app = ws.globals().ScriptApp as { AuthorizationStatus: Record<string, unknown> };
    expect(Object.keys(app.AuthorizationStatus).sort()).toEqual(['NOT_REQUIRED', 'REQUIRED']);
  });
});
