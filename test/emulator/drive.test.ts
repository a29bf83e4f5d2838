/**
 * The emulated Drive's sharing model: roles, Google Groups, link sharing, the admin's outside-sharing
 * policy and the trash. Why: who may open which file is the product's hardest promise, so each rule
 * here fails if the emulator ever grants more than Drive would.
 */
import { NO_WORKSPACE_DOMAIN, outsideSharingBlocked } from '../../emulator/drive';
import { formsWorkspace, runAs, spreadsheetWorkspace } from './support';

const OWNER = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const HEAD = 'head@school.example';
const TEACHER = 'teacher@school.example';
const GROUP = 'safeguarding@school.example';
const OUTSIDER = 'parent@gmail.com';

const setup = spreadsheetWorkspace;

describe('Drive roles', () => {
  test('the owner owns; a share gives exactly its role; a commenter can view but not edit', () => {
    const { ws } = setup();
    const id = ws.containerId;
    expect(ws.drive.domain).toBe('school.example');
    expect(ws.drive.roleOf(OWNER, id)).toBe('owner');
    expect(ws.drive.roleOf(DEPUTY, id)).toBeNull();
    ws.drive.share(id, DEPUTY, 'editor');
    ws.drive.share(id, HEAD, 'commenter');
    ws.drive.share(id, TEACHER, 'viewer');
    expect([DEPUTY, HEAD, TEACHER].map((e) => ws.drive.roleOf(e, id))).toEqual([
      'editor',
      'commenter',
      'viewer',
    ]);
    expect(ws.drive.canView(HEAD, id)).toBe(true);
    expect(ws.drive.canEdit(HEAD, id)).toBe(false);
    expect(ws.drive.canEdit(TEACHER, id)).toBe(false);
    // Sharing again sets the role (the Drive UI's role menu), down as well as up.
    ws.drive.share(id, DEPUTY, 'viewer');
    expect(ws.drive.roleOf(DEPUTY, id)).toBe('viewer');
    ws.drive.unshare(id, DEPUTY);
    expect(ws.drive.roleOf(DEPUTY, id)).toBeNull();
  });

  test('emails compare case-insensitively everywhere', () => {
    const { ws } = setup();
    ws.drive.share(ws.containerId, 'Deputy@School.Example', 'editor');
    expect(ws.drive.roleOf('DEPUTY@school.example', ws.containerId)).toBe('editor');
    expect(ws.drive.roleOf('DSL@SCHOOL.EXAMPLE', ws.containerId)).toBe('owner');
    ws.drive.addGroup('Team@School.Example', ['Teacher@School.Example']);
    ws.drive.share(ws.containerId, 'team@school.example', 'viewer');
    expect(ws.drive.canView('teacher@school.example', ws.containerId)).toBe(true);
    ws.drive.unshare(ws.containerId, 'deputy@SCHOOL.example');
    expect(ws.drive.canView(DEPUTY, ws.containerId)).toBe(false);
  });

  test('a group share reaches its members (also through nested groups) and stops when they leave', () => {
    const { ws } = setup();
    const id = ws.containerId;
    ws.drive.addGroup(GROUP, [DEPUTY]);
    ws.drive.addGroup('staff@school.example', [GROUP, TEACHER]);
    ws.drive.share(id, 'staff@school.example', 'viewer');
    ws.drive.share(id, GROUP, 'editor');
    expect(ws.drive.roleOf(DEPUTY, id)).toBe('editor'); // the best of the two groups
    expect(ws.drive.roleOf(TEACHER, id)).toBe('viewer');
    ws.drive.addGroupMember(GROUP, HEAD);
    expect(ws.drive.canEdit(HEAD, id)).toBe(true);
    ws.drive.removeGroupMember(GROUP, HEAD);
    expect(ws.drive.canView(HEAD, id)).toBe(false);
    // A person gets the best role among the direct share, groups and link.
    ws.drive.share(id, TEACHER, 'commenter');
    expect(ws.drive.roleOf(TEACHER, id)).toBe('commenter');
    expect(ws.drive.openableBy(DEPUTY).map((f) => f.id)).toEqual([id]);
  });

  test('link sharing: the school domain or anyone, view or edit; none takes it away', () => {
    const { ws } = setup();
    const id = ws.containerId;
    ws.drive.setLinkSharing(id, 'domain');
    expect(ws.drive.roleOf(TEACHER, id)).toBe('viewer');
    expect(ws.drive.roleOf(OUTSIDER, id)).toBeNull();
    ws.drive.setLinkSharing(id, 'domain', 'editor');
    expect(ws.drive.canEdit(TEACHER, id)).toBe(true);
    ws.drive.share(id, HEAD, 'commenter');
    expect(ws.drive.roleOf(HEAD, id)).toBe('editor'); // the link gives more than the direct share
    ws.drive.setLinkSharing(id, 'anyone', 'viewer');
    expect(ws.drive.roleOf(OUTSIDER, id)).toBe('viewer');
    expect(ws.drive.roleOf(TEACHER, id)).toBe('viewer');
    ws.drive.setLinkSharing(id, 'none');
    expect(ws.drive.canView(TEACHER, id)).toBe(false);
    expect(ws.drive.openableBy(OUTSIDER)).toEqual([]);
  });

  test('domain link sharing needs a Workspace domain', () => {
    // Drive reference, Access.DOMAIN_WITH_LINK: "This setting is available only for users of a Google
    // Workspace domain." https://developers.google.com/apps-script/reference/drive/access
    const { ws } = setup({ owner: 'someone@gmail.com' });
    expect(() => ws.drive.setLinkSharing(ws.containerId, 'domain')).toThrow(NO_WORKSPACE_DOMAIN);
  });

  test('a trashed file cannot be opened, viewed or edited by anyone, its owner included', () => {
    const { ws, app } = setup();
    const other = ws.spreadsheets.createSpreadsheet('Old allegations', OWNER).id;
    ws.drive.share(other, DEPUTY, 'editor');
    ws.drive.setLinkSharing(other, 'anyone', 'editor');
    ws.drive.trash(other);
    expect(ws.drive.get(other)?.trashed).toBe(true);
    for (const who of [OWNER, DEPUTY, OUTSIDER]) {
      expect(ws.drive.roleOf(who, other)).toBeNull();
      expect(ws.drive.canEdit(who, other)).toBe(false);
    }
    expect(() => app.openById(other)).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(ws.drive.openableBy(OWNER).map((f) => f.id)).toEqual([ws.containerId]);
  });
});

describe('the admin policy for sharing outside the domain', () => {
  test('blocked: Spreadsheet.addEditor(s)/addViewer(s) of an outside address throw, and share nothing', () => {
    const { ws, app } = setup();
    ws.drive.setOutsideSharingPolicy('blocked');
    const ss = app.getActiveSpreadsheet();
    const refusal = outsideSharingBlocked(OUTSIDER, 'school.example');
    expect(() => ss.addEditor(OUTSIDER)).toThrow(refusal);
    expect(() => ss.addViewer(OUTSIDER)).toThrow(refusal);
    expect(() => ss.addEditors([DEPUTY, OUTSIDER])).toThrow(refusal);
    expect(() => ss.addViewers([HEAD, OUTSIDER])).toThrow(refusal);
    expect(ws.drive.canView(DEPUTY, ws.containerId)).toBe(false); // nothing of the refused call applied
    expect(ws.drive.canView(HEAD, ws.containerId)).toBe(false);
    ss.addEditor(DEPUTY); // inside the domain is fine
    expect(ws.drive.canEdit(DEPUTY, ws.containerId)).toBe(true);
  });

  test('blocked: Form.addEditor(s) and a person sharing in Drive are refused the same way', () => {
    const { ws, FormApp } = formsWorkspace();
    ws.drive.setOutsideSharingPolicy('blocked');
    const form = FormApp.create('Report an incident');
    const refusal = outsideSharingBlocked(OUTSIDER, 'school.example');
    expect(() => form.addEditor(OUTSIDER)).toThrow(refusal);
    expect(() => form.addEditors([DEPUTY, OUTSIDER])).toThrow(refusal);
    expect(form.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    expect(() => ws.drive.share(form.getId(), OUTSIDER, 'viewer')).toThrow(refusal);
    // Drive reference, Access.ANYONE_WITH_LINK: "Domain administrators can prohibit this setting".
    expect(() => ws.drive.setLinkSharing(form.getId(), 'anyone')).toThrow();
  });

  test('blocked: outside accounts keep nothing shared before, directly, through a group or by link', () => {
    // A Workspace admin's report (https://codenote.net/en/posts/2693): files shared with @gmail.com
    // showed "Permission required" once outside sharing was off, and a group did not help (unconfirmed).
    const { ws } = setup();
    const id = ws.containerId;
    ws.drive.share(id, OUTSIDER, 'editor');
    ws.drive.addGroup(GROUP, ['governor@gmail.com']);
    ws.drive.share(id, GROUP, 'viewer');
    ws.drive.setLinkSharing(id, 'anyone', 'viewer');
    expect(ws.drive.canEdit(OUTSIDER, id)).toBe(true);
    ws.drive.setOutsideSharingPolicy('blocked');
    expect(ws.drive.roleOf(OUTSIDER, id)).toBeNull();
    expect(ws.drive.roleOf('governor@gmail.com', id)).toBeNull();
    expect(ws.drive.roleOf(OWNER, id)).toBe('owner');
  });

  test('warned behaves as allowed for a script (the warning is a sharing dialog, which scripts have not)', () => {
    // Admin help, "Set sharing permissions": "warnings display in Docs editor or Drive sharing dialogs
    // when users share files outside your organization".
    const { ws, app } = setup();
    ws.drive.setOutsideSharingPolicy('warned');
    app.getActiveSpreadsheet().addEditor(OUTSIDER);
    expect(ws.drive.canEdit(OUTSIDER, ws.containerId)).toBe(true);
    ws.drive.share(ws.containerId, 'parent2@gmail.com', 'viewer');
    expect(ws.drive.roleOf('parent2@gmail.com', ws.containerId)).toBe('viewer');
  });

  test('a group address is shared with like a person, under the same policy', () => {
    const { ws, app } = setup();
    ws.drive.addGroup(GROUP, [DEPUTY, HEAD]);
    app.getActiveSpreadsheet().addEditor(GROUP);
    expect(ws.drive.canEdit(HEAD, ws.containerId)).toBe(true);
    ws.drive.setOutsideSharingPolicy('blocked');
    ws.drive.addGroup('friends@gmail.com', [DEPUTY]);
    expect(() => app.getActiveSpreadsheet().addViewer('friends@gmail.com')).toThrow(
      outsideSharingBlocked('friends@gmail.com', 'school.example'),
    );
  });
});

describe('Spreadsheet sharing methods through the model', () => {
  test('getViewers lists viewers and commenters; getEditors the owner and direct editors', () => {
    // "Gets the list of viewers and commenters for this Spreadsheet."
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getViewers()
    const { ws, app } = setup();
    const ss = app.getActiveSpreadsheet();
    ws.drive.share(ws.containerId, HEAD, 'commenter');
    ss.addViewer(TEACHER).addEditor(GROUP);
    expect(ss.getViewers().map((u) => u.getEmail())).toEqual([HEAD, TEACHER]);
    expect(ss.getEditors().map((u) => u.getEmail())).toEqual([OWNER, GROUP]);
    ss.addViewer(HEAD); // a commenter is not lowered to viewer
    expect(ws.drive.roleOf(HEAD, ws.containerId)).toBe('commenter');
  });

  test('removeViewer removes a viewer or commenter and leaves an editor; neither removal beats a group or the link', () => {
    // removeViewer: "This method has no effect if the user is an editor, not a viewer or commenter. This
    // method also doesn't block users from accessing the Spreadsheet if they belong to a class of users
    // who have general access—for example, if the Spreadsheet is shared with the user's entire domain".
    const { ws, app } = setup();
    const ss = app.getActiveSpreadsheet();
    ws.drive.share(ws.containerId, HEAD, 'commenter');
    ss.addEditor(DEPUTY);
    ss.removeViewer(HEAD).removeViewer(DEPUTY);
    expect(ws.drive.roleOf(HEAD, ws.containerId)).toBeNull();
    expect(ws.drive.roleOf(DEPUTY, ws.containerId)).toBe('editor');
    ws.drive.addGroup(GROUP, [DEPUTY]);
    ss.addEditor(GROUP);
    ss.removeEditor(DEPUTY);
    expect(ws.drive.canEdit(DEPUTY, ws.containerId)).toBe(true); // still through the group
    ss.removeEditor(GROUP);
    ws.drive.setLinkSharing(ws.containerId, 'domain', 'viewer');
    expect(ws.drive.roleOf(DEPUTY, ws.containerId)).toBe('viewer'); // still through the link
  });

  test('getEditors/getViewers throw for a user without edit access (older reference text)', () => {
    const { ws, app } = setup();
    ws.drive.share(ws.containerId, TEACHER, 'viewer');
    const ss = app.getActiveSpreadsheet();
    expect(() => runAs(ws, TEACHER, () => ss.getEditors())).toThrow(
      'You do not have permission to perform that action.',
    );
    expect(() => runAs(ws, TEACHER, () => ss.getViewers())).toThrow(
      'You do not have permission to perform that action.',
    );
  });

  test('openById follows groups and link sharing; a person typing is refused without edit access', () => {
    const { ws, app } = setup();
    const other = ws.spreadsheets.createSpreadsheet('Staff allegations', HEAD).id;
    ws.drive.addGroup(GROUP, [OWNER]);
    expect(() => app.openById(other)).toThrow('You do not have permission to access the requested document.');
    ws.drive.share(other, GROUP, 'commenter');
    expect(app.openById(other).getName()).toBe('Staff allegations');
    expect(() => ws.spreadsheets._userEdit(OWNER, other, 'Sheet1', 'A1', 'x')).toThrow(
      `${OWNER} cannot edit this spreadsheet (view only)`,
    );
    ws.drive.setLinkSharing(other, 'domain', 'editor');
    ws.spreadsheets._userEdit(TEACHER, other, 'Sheet1', 'A1', 'typed');
    expect(ws.spreadsheets._sheetValues('Sheet1', other)).toEqual([['typed']]);
  });

  test('the snapshot shows commenters, groups, link sharing and the policy', () => {
    const { ws } = setup();
    ws.drive.addGroup(GROUP, [DEPUTY]);
    ws.drive.share(ws.containerId, GROUP, 'editor');
    ws.drive.share(ws.containerId, HEAD, 'commenter');
    ws.drive.setLinkSharing(ws.containerId, 'domain', 'viewer');
    ws.drive.setOutsideSharingPolicy('warned');
    const snap = ws.snapshot() as {
      drive: { domain: string; outsideSharingPolicy: string; groups: Record<string, string[]> };
      spreadsheets: Array<{ commenters: string[]; editors: string[]; linkSharing: unknown }>;
    };
    expect(snap.drive).toMatchObject({
      domain: 'school.example',
      outsideSharingPolicy: 'warned',
      groups: { [GROUP]: [DEPUTY] },
    });
    expect(snap.spreadsheets[0]).toMatchObject({
      editors: [GROUP],
      commenters: [HEAD],
      linkSharing: { audience: 'domain', role: 'viewer' },
    });
  });
});
