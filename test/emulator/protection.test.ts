/**
 * Protections as the Apps Script reference describes them, resolved against the Drive sharing model
 * (groups, link sharing). Why: the register's system columns and the Audit sheet rely on protections,
 * so the emulator must not let anyone edit more than Sheets would.
 * Quotes are from https://developers.google.com/apps-script/reference/spreadsheet/protection unless noted.
 */
import {
  NOT_A_PROTECTION_EDITOR,
  NOT_A_WORKSPACE_SPREADSHEET,
  removesOwnGroup,
} from '../../emulator/sheets/protection';
import { PROTECTED_CELL } from '../../emulator/sheets/store';
import { runAs, spreadsheetWorkspace } from './support';

const OWNER = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const TEACHER = 'teacher@school.example';
const GROUP = 'safeguarding@school.example';

function setup(options: Parameters<typeof spreadsheetWorkspace>[0] = {}) {
  const made = spreadsheetWorkspace(options);
  made.sheet.setName('Register');
  return made;
}

const emails = (users: GoogleAppsScript.Base.User[]): string[] => users.map((u) => u.getEmail());

describe('a new protection mirrors the spreadsheet', () => {
  test('until its editors are changed, everyone who can edit the file can edit, by group or link too', () => {
    // Range.protect(): "Until the script actually changes the list of editors for the range … the
    // permissions mirror those of the spreadsheet itself, which effectively means that the range
    // remains unprotected." https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
    const { ws, sheet } = setup();
    ws.drive.addGroup(GROUP, [DEPUTY]);
    ws.drive.share(ws.containerId, GROUP, 'editor');
    ws.drive.setLinkSharing(ws.containerId, 'domain', 'editor');
    sheet.getRange('A1:C1').protect();
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 1, 1)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 1, 1)).toBe(true);
    // A file editor added later is let through as well: the protection still mirrors.
    ws.drive.share(ws.containerId, 'late@school.example', 'editor');
    expect(ws.spreadsheets._canUserEdit('late@school.example', 'Register', 1, 2)).toBe(true);
  });

  test('removeEditors([]) changes nothing: the protection keeps mirroring (unconfirmed, the stricter reading)', () => {
    const { ws, sheet } = setup();
    const p = sheet.getRange('A1:A1000').protect();
    p.removeEditors(p.getEditors().filter((u) => u.getEmail() !== OWNER)); // only the owner: an empty list
    ws.drive.share(ws.containerId, DEPUTY, 'editor');
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 5, 1)).toBe(true);
    // Google's idiom — add yourself, then remove everyone — does lock later editors out.
    p.addEditor(OWNER);
    p.removeEditors(p.getEditors());
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 5, 1)).toBe(false);
  });

  test('a new protection on a file the whole domain may edit reports canDomainEdit true, and keeps it when editors are removed', () => {
    // canDomainEdit: "Determines whether all users in the domain that owns the spreadsheet have
    // permission to edit the protected range or sheet." (Mirroring: value derived, unconfirmed.)
    const { ws, sheet } = setup();
    ws.drive.setLinkSharing(ws.containerId, 'domain', 'editor');
    const p = sheet.protect();
    expect(p.canDomainEdit()).toBe(true);
    p.addEditor(OWNER);
    p.removeEditors(p.getEditors());
    expect(p.canDomainEdit()).toBe(true); // which is why Google's sample then calls setDomainEdit(false)
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 3, 3)).toBe(true);
    p.setDomainEdit(false);
    expect(p.canDomainEdit()).toBe(false);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 3, 3)).toBe(false);
    const q = sheet.getRange('Z1').protect();
    ws.drive.setLinkSharing(ws.containerId, 'domain', 'viewer');
    expect(q.canDomainEdit()).toBe(false);
  });
});

describe('editors of a protection', () => {
  test('the owner can always edit and can never be removed', () => {
    // canEdit: "The spreadsheet owner is always able to edit protected ranges and sheets."
    // removeEditors: "Neither the owner of the spreadsheet nor the current user can be removed."
    const { ws, app, sheet } = setup();
    app.getActiveSpreadsheet().addEditor(DEPUTY);
    const p = sheet.getRange('B1:B9').protect();
    runAs(ws, DEPUTY, () => p.removeEditors([OWNER, DEPUTY]));
    expect(emails(p.getEditors())).toEqual([OWNER, DEPUTY]);
    p.removeEditor(DEPUTY);
    expect(emails(p.getEditors())).toEqual([OWNER]);
    expect(ws.spreadsheets._canUserEdit(OWNER, 'Register', 2, 2)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 2, 2)).toBe(false);
  });

  test('a protection editor who is a group lets its members edit; removing a member by name does not stop them', () => {
    // removeEditor: "if the user is a member of a Google Group that has edit permission … the user [is]
    // still able to edit the protected area."
    const { ws, app, sheet } = setup();
    ws.drive.addGroup(GROUP, [DEPUTY]);
    app.getActiveSpreadsheet().addEditors([GROUP, TEACHER]);
    const p = sheet.getRange('C1:C9').protect();
    p.removeEditors([TEACHER]);
    expect(emails(p.getEditors())).toEqual([OWNER, GROUP]);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 3, 3)).toBe(true);
    p.removeEditor(DEPUTY);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 3, 3)).toBe(true);
    ws.drive.removeGroupMember(GROUP, DEPUTY);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 3, 3)).toBe(false);
  });

  test('removing the group the current user edits through throws, unless they were added first', () => {
    // Google's sample: "Ensure the current user is an editor before removing others. Otherwise, if the
    // user's edit permission comes from a group, the script throws an exception upon removing the group."
    const { ws, app, sheet } = setup();
    ws.drive.addGroup(GROUP, [DEPUTY]);
    app.getActiveSpreadsheet().addEditor(GROUP);
    const p = sheet.getRange('D1').protect();
    expect(() => runAs(ws, DEPUTY, () => p.removeEditors(p.getEditors()))).toThrow(removesOwnGroup(GROUP));
    runAs(ws, DEPUTY, () => {
      p.addEditor(DEPUTY);
      p.removeEditors(p.getEditors());
    });
    expect(emails(p.getEditors())).toEqual([OWNER, DEPUTY]);
  });

  test('getEditors and canDomainEdit throw for someone who may not edit the protected area', () => {
    // getEditors / canDomainEdit: "Throws an exception if the user does not have permission to edit the
    // protected range or sheet." (Message unconfirmed; changing the protection is refused alike.)
    const { ws, app, sheet } = setup();
    app.getActiveSpreadsheet().addEditor(TEACHER);
    const p = sheet.getRange('E1').protect().removeEditors([TEACHER]);
    expect(runAs(ws, TEACHER, () => p.canEdit())).toBe(false);
    expect(() => runAs(ws, TEACHER, () => p.getEditors())).toThrow(NOT_A_PROTECTION_EDITOR);
    expect(() => runAs(ws, TEACHER, () => p.canDomainEdit())).toThrow(NOT_A_PROTECTION_EDITOR);
    expect(() => runAs(ws, TEACHER, () => p.remove())).toThrow(NOT_A_PROTECTION_EDITOR);
    expect(() => runAs(ws, TEACHER, () => p.addEditor(TEACHER))).toThrow(NOT_A_PROTECTION_EDITOR);
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
  });

  test('setDomainEdit lets everyone in the owner domain with file edit access through, and only them', () => {
    const { ws, app, sheet } = setup();
    app.getActiveSpreadsheet().addEditors([TEACHER, 'contractor@elsewhere.example']);
    // setDomainEdit is a change: the list becomes explicit, starting from the file's editors.
    const p = sheet.getRange('F1').protect();
    p.removeEditors([TEACHER, 'contractor@elsewhere.example']).setDomainEdit(true);
    expect(p.canDomainEdit()).toBe(true);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 1, 6)).toBe(true);
    expect(ws.spreadsheets._canUserEdit('contractor@elsewhere.example', 'Register', 1, 6)).toBe(false);
    // A protection never gives edit access to the file itself (addEditor: "This method does not
    // automatically give the user permission to edit the spreadsheet itself").
    p.addEditor('viewer@school.example');
    ws.drive.share(ws.containerId, 'viewer@school.example', 'viewer');
    expect(ws.spreadsheets._canUserEdit('viewer@school.example', 'Register', 1, 6)).toBe(false);
  });

  test('setDomainEdit throws on a spreadsheet owned by a gmail.com account', () => {
    // setDomainEdit: "Throws an exception if the spreadsheet does not belong to a Google Workspace domain
    // (that is, if it is owned by a gmail.com account)."
    const { sheet } = setup({ owner: 'dsl.school@gmail.com' });
    expect(() => sheet.protect().setDomainEdit(false)).toThrow(NOT_A_WORKSPACE_SPREADSHEET);
  });
});

describe('warning-only protections and people typing', () => {
  test('a warning-only protection lets anyone with edit access edit, and nobody else', () => {
    // isWarningOnly: "Warning-based protection means that every user can edit data in the area, except
    // editing prompts a warning asking the user to confirm the edit."
    const { ws, sheet } = setup();
    ws.drive.share(ws.containerId, TEACHER, 'editor');
    ws.drive.share(ws.containerId, DEPUTY, 'commenter');
    const p = sheet.getRange('G1:G9').protect();
    p.removeEditors([TEACHER]);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 1, 7)).toBe(false);
    p.setWarningOnly(true);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 1, 7)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 1, 7)).toBe(false);
  });

  test('_userEdit/_userPaste refuse a person where the file or a protection does not let them edit', () => {
    const { ws, sheet } = setup();
    ws.drive.addGroup(GROUP, [DEPUTY]);
    ws.drive.share(ws.containerId, GROUP, 'editor');
    ws.drive.share(ws.containerId, TEACHER, 'commenter');
    const p = sheet.getRange('A1:A9').protect();
    p.addEditor(OWNER);
    p.removeEditors(p.getEditors());
    expect(() => ws.spreadsheets._userEdit(DEPUTY, ws.containerId, 'Register', 'A2', 'x')).toThrow(
      PROTECTED_CELL,
    );
    expect(() =>
      ws.spreadsheets._userPaste(DEPUTY, ws.containerId, 'Register', 'A3:B3', [['x', 'y']]),
    ).toThrow(PROTECTED_CELL);
    expect(() => ws.spreadsheets._userEdit(TEACHER, ws.containerId, 'Register', 'B2', 'x')).toThrow(
      `${TEACHER} cannot edit this spreadsheet (view only)`,
    );
    ws.spreadsheets._userEdit(DEPUTY, ws.containerId, 'Register', 'B2', 'through the group');
    expect(sheet.getRange('B2').getValue()).toBe('through the group');
    p.addEditor(GROUP);
    ws.spreadsheets._userEdit(DEPUTY, ws.containerId, 'Register', 'A2', 'now allowed');
    expect(sheet.getRange('A2').getValue()).toBe('now allowed');
  });
});

test('unprotected ranges belong to a protected sheet: on a protected range the call throws', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/protection#setUnprotectedRanges(Range)
  // "Throws an exception if the Protection object corresponds to a protected range."
  const { sheet } = spreadsheetWorkspace();
  const onRange = sheet.getRange('A1:B2').protect();
  expect(() => onRange.setUnprotectedRanges([sheet.getRange('A1')])).toThrow(/protected sheet/);
  const onSheet = sheet.protect();
  expect(onSheet.setUnprotectedRanges([sheet.getRange('C1:C2')]).getUnprotectedRanges()).toHaveLength(1);
});
