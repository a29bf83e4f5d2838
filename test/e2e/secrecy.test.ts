/**
 * Allegation secrecy that is checked, and sharing that fails safely (issue 12, items 3 and 4), end to end
 * through the built bundle with the school's people emulated: who can open each file is checked by Set up
 * and named in plain words; incident numbers give nothing away; a share the admin's policy refuses leaves
 * no orphan file, no missing trigger, and a clear problem that the next Set up finishes.
 */
import type { Workspace } from '../../emulator/workspace';
import { SpreadsheetFacade } from '../../emulator/sheets/book';
import { registerHeaders } from '../../src/domain/register';
import { columnLetter } from '../../src/workspace/register-sheet';
import {
  configureSchool,
  deploymentIds,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  SCHOOL,
  scriptProperties,
  submit,
} from '../support/deployment';
import { flaggedReport, headteacherConcern, staffConcern } from './alerts-support';

/** The usual school: Set up, Settings filled in, Set up again. */
function school(ws: Workspace = newSchool()): Workspace {
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  return ws;
}

/** The last message Set up showed the DSL. */
function lastMessage(ws: Workspace, user: string = SCHOOL.dsl): string {
  const shown = ws.spreadsheets.ui.shown(user).filter((e) => e.kind === 'alert');
  return shown[shown.length - 1]?.message ?? '';
}

/** The DSL runs Set up / repair; it must complete whatever it finds. */
function repair(ws: Workspace, user: string = SCHOOL.dsl): string {
  const run = ws.runRecorded('setUp', [], { user, kind: 'menu' });
  expect(run.error ?? '').toBe('');
  expect(run.status).toBe('completed');
  return lastMessage(ws, user);
}

/** The "Please fix" bullet that names `who`, or ''. */
function problemNaming(message: string, who: string): string {
  return (
    message
      .split('\n')
      .filter((line) => line.startsWith('• '))
      .find((line) => line.includes(who)) ?? ''
  );
}

describe('who can open each file, checked by Set up / repair', () => {
  test.each(['viewer', 'editor'] as const)(
    'the Headteacher as %s of the register is named, with what to do, and Set up is not called complete',
    (role) => {
      const ws = school();
      ws.drive.share(ws.containerId, SCHOOL.headteacher, role);
      const message = repair(ws);
      const problem = problemNaming(message, SCHOOL.headteacher);
      expect(problem).toMatch(/the Headteacher/);
      expect(problem).toMatch(/register/);
      expect(problem).toMatch(/Remove head@school\.example in File › Share/);
      expect(message).toMatch(/Please fix:/);
      expect(message).not.toMatch(/Everything is in place/);
      // Set up reports: it does not change the register's sharing, which is the DSL's to decide.
      expect(ws.drive.canView(SCHOOL.headteacher, ws.containerId)).toBe(true);
    },
  );

  test.each(['viewer', 'editor'] as const)(
    'the Headteacher shared as %s into the Headteacher-allegations file is taken off it, and the DSL is told they may have read it',
    (role) => {
      const ws = school();
      const file = deploymentIds(ws).headteacherAllegationsId;
      ws.drive.share(file, SCHOOL.headteacher, role);
      expect(ws.drive.canView(SCHOOL.headteacher, file)).toBe(true);
      const message = repair(ws);
      expect(ws.drive.canView(SCHOOL.headteacher, file)).toBe(false);
      const problem = problemNaming(message, SCHOOL.headteacher);
      expect(problem).toMatch(/Headteacher allegations file/);
      expect(problem).toMatch(/Set up has removed them/);
      expect(problem).toMatch(/may already have read it/);
      expect(message).not.toMatch(/Everything is in place/);
    },
  );

  test('link sharing cannot be seen without a Drive scope: the message says so and what to check, even when all else is in place', () => {
    const ws = school();
    // The Headteacher can open the Headteacher-allegations file through its link (domain link sharing).
    ws.drive.setLinkSharing(deploymentIds(ws).headteacherAllegationsId, 'domain', 'viewer');
    expect(ws.drive.canView(SCHOOL.headteacher, deploymentIds(ws).headteacherAllegationsId)).toBe(true);
    const message = repair(ws);
    expect(message).toMatch(/Everything is in place/);
    expect(message).toMatch(/Not checked: Set up cannot see link sharing \("General access"/);
    expect(message).toMatch(/check that General access says "Restricted"/);
  });

  test('someone Settings do not name, shared into the staff-allegations file, is named and removed', () => {
    const ws = school();
    const file = deploymentIds(ws).staffAllegationsId;
    ws.drive.share(file, SCHOOL.teacher, 'viewer');
    const message = repair(ws);
    expect(ws.drive.canView(SCHOOL.teacher, file)).toBe(false);
    const problem = problemNaming(message, SCHOOL.teacher);
    expect(problem).toMatch(/Staff allegations file as a viewer or commenter without Settings naming them/);
    expect(problem).toMatch(/Set up has removed them/);
  });

  test('a Google Group on an allegation file is named: its members cannot be seen', () => {
    const ws = school();
    ws.drive.addGroup('staffroom@school.example', [SCHOOL.headteacher, SCHOOL.teacher]);
    const file = deploymentIds(ws).headteacherAllegationsId;
    ws.drive.share(file, 'staffroom@school.example', 'editor');
    expect(ws.drive.canView(SCHOOL.headteacher, file)).toBe(true);
    const message = repair(ws);
    expect(ws.drive.canView(SCHOOL.headteacher, file)).toBe(false);
    const problem = problemNaming(message, 'staffroom@school.example');
    expect(problem).toMatch(/Headteacher allegations file/);
    expect(problem).toMatch(/Google Group, so may everyone in it/);
  });

  test('a Google Group on the register is named as a problem: Set up cannot tell whether the Headteacher is in it', () => {
    const ws = school();
    ws.drive.addGroup('all-staff@school.example', [SCHOOL.headteacher, SCHOOL.teacher, SCHOOL.deputy]);
    ws.drive.share(ws.containerId, 'all-staff@school.example', 'viewer');
    const problem = problemNaming(repair(ws), 'all-staff@school.example');
    expect(problem).toMatch(/is not the DSL or a deputy DSL in Settings/);
    expect(problem).toMatch(/Apps Script cannot list its members \(that needs the Admin SDK\)/);
  });

  test('an editor of the form Settings do not name is named: form editors read every report', () => {
    const ws = school();
    ws.drive.share(deploymentIds(ws).formId, SCHOOL.teacher, 'editor');
    const problem = problemNaming(repair(ws), SCHOOL.teacher);
    expect(problem).toMatch(/editor of the report form, so they can read every report/);
  });
});

describe('incident numbers give nothing away', () => {
  test('the register numbers its own reports without gaps; each allegation file numbers its own', () => {
    const ws = school();
    submit(ws, ordinaryReport());
    submit(ws, staffConcern());
    submit(ws, flaggedReport());
    submit(ws, headteacherConcern());
    submit(ws, staffConcern());
    submit(ws, ordinaryReport());
    const ids = deploymentIds(ws);
    expect(registerRows(ws).map((r) => r['Incident ID'])).toEqual([
      'OSI-2026-0001',
      'OSI-2026-0002',
      'OSI-2026-0003',
    ]);
    expect(registerRows(ws, ids.staffAllegationsId).map((r) => r['Incident ID'])).toEqual([
      'SA-2026-0001',
      'SA-2026-0002',
    ]);
    expect(registerRows(ws, ids.headteacherAllegationsId).map((r) => r['Incident ID'])).toEqual([
      'HA-2026-0001',
    ]);
    // One sequence per record file in the script properties.
    expect(scriptProperties(ws)).toMatchObject({
      'incidentSeq:2026': '3',
      'incidentSeq:staff-allegations:2026': '2',
      'incidentSeq:headteacher-allegations:2026': '1',
    });
    // The Headteacher's mail never carries an HA number.
    const toHead = ws.mail.sent.filter((m) => [...m.to, ...m.cc, ...m.bcc].includes(SCHOOL.headteacher));
    expect(toHead.map((m) => m.subject).join('\n')).not.toMatch(/HA-2026/);
  });
});

describe('sharing that fails safely: the admin blocks sharing outside the school, the Chair is at another domain', () => {
  /** Every spreadsheet the DSL owns that the script properties do not name. */
  function orphans(ws: Workspace): string[] {
    const ids = deploymentIds(ws);
    const known = new Set([
      ws.containerId,
      ids.staffAllegationsId,
      ids.leadAllegationsId,
      ids.headteacherAllegationsId,
    ]);
    return ws.drive
      .openableBy(SCHOOL.dsl)
      .filter((f) => f.kind === 'spreadsheet' && f.owner === SCHOOL.dsl && !f.trashed && !known.has(f.id))
      .map((f) => f.id);
  }

  test('Set up makes the file, keeps its id, installs the triggers, names the problem; the next Set up finishes the share with no new file', () => {
    const ws = school();
    ws.drive.setOutsideSharingPolicy('blocked');
    const oldFile = deploymentIds(ws).headteacherAllegationsId;
    ws.drive.trash(oldFile); // the file must be made again, and shared, in this one run

    const message = repair(ws);
    const file = deploymentIds(ws).headteacherAllegationsId;
    expect(file).not.toBe('');
    expect(file).not.toBe(oldFile);
    expect(orphans(ws)).toEqual([]);
    expect(ws.drive.roleOf(SCHOOL.chair, file)).toBeNull();
    expect(ws.script.list().map((t) => t.handler)).toEqual(
      expect.arrayContaining([
        'onFormSubmit',
        'onRegisterEdit',
        'reconcileMissedReports',
        'retryPendingAlerts',
      ]),
    );
    const problem = problemNaming(message, SCHOOL.chair);
    expect(problem).toMatch(/could not be shared with chair@governors\.example \(the Chair of Governors\)/);
    expect(problem).toMatch(/ask the admin to allow sharing with governors\.example/);
    expect(problem).toMatch(/an address at school\.example/);
    expect(problem).toMatch(/without making new files/);
    // Said once: not again as "cannot open the file yet".
    expect(message.split('\n').filter((l) => l.includes(SCHOOL.chair))).toHaveLength(1);

    // A report about the Headteacher still reaches the Chair by email and lands in the file.
    submit(ws, headteacherConcern());
    expect(registerRows(ws, file)).toHaveLength(1);

    ws.drive.setOutsideSharingPolicy('allowed');
    const spreadsheetsBefore = ws.drive.openableBy(SCHOOL.dsl).filter((f) => f.kind === 'spreadsheet').length;
    const after = repair(ws);
    expect(deploymentIds(ws).headteacherAllegationsId).toBe(file);
    expect(ws.drive.openableBy(SCHOOL.dsl).filter((f) => f.kind === 'spreadsheet')).toHaveLength(
      spreadsheetsBefore,
    );
    expect(ws.drive.roleOf(SCHOOL.chair, file)).toBe('editor');
    expect(after).toMatch(/Everything is in place/);
  });

  test('a Set up that stops right after making a file has already saved its id: the next one carries on with it', () => {
    const ws = school();
    ws.drive.trash(deploymentIds(ws).staffAllegationsId);
    const insertSheet = jest.spyOn(SpreadsheetFacade.prototype, 'insertSheet').mockImplementationOnce(() => {
      throw new Error('Service Spreadsheets timed out while accessing document');
    });
    const message = repair(ws);
    insertSheet.mockRestore();
    const made = deploymentIds(ws).staffAllegationsId;
    expect(made).not.toBe('');
    expect(message).toMatch(
      /Set up could not finish the Staff allegations file \(Service Spreadsheets timed out/,
    );
    expect(orphans(ws)).toEqual([]);
    expect(ws.script.list().map((t) => t.handler)).toContain('onFormSubmit');

    expect(repair(ws)).toMatch(/Everything is in place/);
    expect(deploymentIds(ws).staffAllegationsId).toBe(made);
    expect(ws.drive.roleOf(SCHOOL.headteacher, made)).toBe('editor');
  });
});

describe('protections that hold, whoever is shared in and however', () => {
  const edit = (ws: Workspace, who: string, sheet: string, a1: string): void => {
    ws.spreadsheets._userEdit(who, ws.containerId, sheet, a1, 'x');
  };
  const derived = `${columnLetter(registerHeaders().indexOf('Child protection') + 1)}2`;

  test('made while the DSL was the only editor, they refuse the deputy shared in afterwards', () => {
    const ws = school();
    submit(ws, ordinaryReport());
    ws.drive.share(ws.containerId, SCHOOL.deputy, 'editor');
    expect(() => edit(ws, SCHOOL.deputy, 'Register', derived)).toThrow(/protected cell/);
    expect(() => edit(ws, SCHOOL.deputy, 'Audit', 'A2')).toThrow(/protected cell/);
  });

  test('Set up by a DSL who edits through a Google Group (the IT admin owns the spreadsheet) completes, and the group is kept out', () => {
    const ws = newSchool({ owner: SCHOOL.itAdmin });
    ws.drive.addGroup('safeguarding-team@school.example', [SCHOOL.dsl, SCHOOL.deputy]);
    ws.drive.share(ws.containerId, 'safeguarding-team@school.example', 'editor');
    // Removing the group from a protection would throw if the DSL were not listed first (Google's sample).
    repair(ws);
    configureSchool(ws);
    repair(ws);
    submit(ws, ordinaryReport());
    expect(() => edit(ws, SCHOOL.deputy, 'Register', derived)).toThrow(/protected cell/);
    expect(() => edit(ws, SCHOOL.deputy, 'Audit', 'A2')).toThrow(/protected cell/);
    expect(
      ws.spreadsheets._canUserEdit(
        SCHOOL.dsl,
        'Register',
        2,
        registerHeaders().indexOf('Child protection') + 1,
      ),
    ).toBe(true);
  });
});
