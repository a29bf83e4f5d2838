/**
 * The DSL's two reports end to end through the built bundle: a pupil's chronology (asked for by name, built
 * on the Chronology sheet from the register and from each restricted file that everyone who can open the
 * register may read) and the retention review (closed incidents past the period in Settings, listed,
 * nothing deleted).
 */
import {
  deploymentIds,
  editSettings,
  ordinaryReport,
  registerRows,
  SCHOOL,
  sheetValues,
  submit,
} from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { ADULT_CONCERN_CHOICES } from '../../src/domain/schema';
import {
  clickAsDsl,
  HOUR,
  lastAlert,
  pasteInto,
  report,
  rowOf,
  typeInto,
  workflowSchool,
} from './workflow-support';

const MENU_CHRONOLOGY = 'Pupil chronology…';
const MENU_RETENTION = 'Retention review';
const TABLE_START = 4; // header row of both report sheets

/** The DSL asks for a pupil's chronology, typing `name` into the prompt. */
function chronologyFor(ws: Workspace, name: string): Array<Array<string | number | boolean>> {
  ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'OK', text: name });
  clickAsDsl(ws, MENU_CHRONOLOGY);
  return sheetValues(ws, ws.containerId, 'Chronology') as Array<Array<string | number | boolean>>;
}

describe('pupil chronology', () => {
  function schoolWithAmira(): {
    ws: Workspace;
    harmed: string;
    causedHarm: string;
    involved: string;
    aboutStaff: string;
  } {
    const ws = workflowSchool();
    const involved = report(
      ws,
      ordinaryReport({
        occurredAt: '2026-09-03 12:00',
        pupilsHarmed: 'Leo Grant',
        pupilsCausedHarm: '',
        pupilsOther: 'amira KHAN (6B)',
      }),
    );
    const harmed = report(
      ws,
      ordinaryReport({
        occurredAt: '2026-06-15 16:00',
        pupilsHarmed: 'Khan, Amira',
        pupilsCausedHarm: 'Jordan Blake',
      }),
    );
    report(
      ws,
      ordinaryReport({ occurredAt: '2026-07-01 09:00', pupilsHarmed: 'Amira Khanum', pupilsCausedHarm: '' }),
    );
    const causedHarm = report(
      ws,
      ordinaryReport({
        occurredAt: '2026-08-20 10:00',
        categories: ['Cyberbullying, hate or harassment', 'Privacy or sharing personal information'],
        pupilsHarmed: 'Sam Ortiz',
        pupilsCausedHarm: 'Leo Grant\n  Amira   Khan ',
      }),
    );
    report(
      ws,
      ordinaryReport({ occurredAt: '2026-05-01 09:00', pupilsHarmed: 'Jordan Blake', pupilsCausedHarm: '' }),
    );
    // A concern about a member of staff naming her is kept in the restricted file, not the register.
    const staff = ADULT_CONCERN_CHOICES.find((c) => c.value === 'staff')!.label;
    submit(
      ws,
      ordinaryReport({
        occurredAt: '2026-04-01 09:00',
        pupilsHarmed: 'Amira Khan',
        pupilsCausedHarm: '',
        adultConcern: staff,
        adultDetails: 'A member of staff messaged her.',
        adultRole: 'Causing harm or behaving inappropriately',
      }),
    );
    typeInto(ws, SCHOOL.dsl, harmed, 'Actions and decisions', 'Spoke to both families');
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, harmed), 'Outcome', [
      ['Apology; monitored', 'Low risk, no referral'],
    ]);
    typeInto(ws, SCHOOL.dsl, harmed, 'Status', 'Closed');
    const aboutStaff = String(registerRows(ws, deploymentIds(ws).staffAllegationsId).at(-1)!['Incident ID']);
    return { ws, harmed, causedHarm, involved, aboutStaff };
  }

  it('lists exactly the incidents naming the pupil, oldest first, with her role in each and where each is kept', () => {
    const { ws, harmed, causedHarm, involved, aboutStaff } = schoolWithAmira();
    // She is also named in the restricted staff-allegations file, which everyone who can open the register
    // (the DSL and the deputy) may read: it is drawn on too.
    const restricted = registerRows(ws, deploymentIds(ws).staffAllegationsId);
    expect(restricted.map((r) => r['Pupils harmed'])).toEqual(['Amira Khan']);

    const values = chronologyFor(ws, '  khan,   AMIRA ');

    expect(values[0]![0]).toBe('Pupil chronology: AMIRA khan');
    expect(String(values[1]![0])).toMatch(
      /from the Register, the Staff allegations file and the Headteacher allegations file \(the DSL and deputy allegations file is left out/,
    );
    expect(values[TABLE_START - 1]!.slice(0, 9)).toEqual([
      'Date',
      'Incident ID',
      "Pupil's role",
      'Categories',
      'Status',
      'Actions and decisions',
      'Outcome',
      'Recorded in',
      'Row',
    ]);
    const table = values.slice(TABLE_START).map((r) => [...r.slice(1, 7), r[8]]);
    expect(values.slice(TABLE_START).map((r) => r[7])).toEqual([
      'Staff allegations',
      'Register',
      'Register',
      'Register',
    ]);
    expect(table).toEqual([
      [aboutStaff, 'harmed', 'Cyberbullying, hate or harassment', 'New', '', '', 2],
      [
        harmed,
        'harmed',
        'Cyberbullying, hate or harassment',
        'Closed',
        'Spoke to both families',
        'Apology; monitored',
        rowOf(ws, harmed),
      ],
      [
        causedHarm,
        'caused harm',
        'Cyberbullying, hate or harassment\nPrivacy or sharing personal information',
        'New',
        '',
        '',
        rowOf(ws, causedHarm),
      ],
      [involved, 'involved', 'Cyberbullying, hate or harassment', 'New', '', '', rowOf(ws, involved)],
    ]);
    // Dates are the days it happened (London time), oldest first.
    expect(values.slice(TABLE_START).map((r) => r[0])).toEqual([
      '2026-04-01T08:00:00.000Z',
      '2026-06-15T15:00:00.000Z',
      '2026-08-20T09:00:00.000Z',
      '2026-09-03T11:00:00.000Z',
    ]);
    expect(lastAlert(ws)).toBe(
      '4 incident(s) name AMIRA khan: they are on the Chronology sheet, oldest first.',
    );
  });

  it('is refreshed for the next pupil, with nothing left over from the last one', () => {
    const { ws } = schoolWithAmira();
    chronologyFor(ws, 'Amira Khan');
    const values = chronologyFor(ws, 'Jordan Blake');
    expect(values[0]![0]).toBe('Pupil chronology: Jordan Blake');
    expect(values.slice(TABLE_START).map((r) => r[2])).toEqual(['harmed', 'caused harm']);
    expect(values).toHaveLength(TABLE_START + 2);

    const none = chronologyFor(ws, 'Nobody Known');
    expect(none.slice(TABLE_START).map((r) => r[0])).toEqual([
      'No incident in these files names Nobody Known.',
    ]);
  });

  it('does nothing when the DSL cancels', () => {
    const { ws } = schoolWithAmira();
    ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'CANCEL' });
    clickAsDsl(ws, MENU_CHRONOLOGY);
    const book = (ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>).find(
      (s) => s.id === ws.containerId,
    )!;
    expect(book.sheets.some((s) => s.name === 'Chronology')).toBe(false);
  });
});

describe('pupil chronology across the restricted files', () => {
  function concernNamingAmira(ws: Workspace, about: 'headteacher' | 'dsl'): void {
    submit(
      ws,
      ordinaryReport({
        occurredAt: '2026-03-01 09:00',
        pupilsHarmed: 'Amira Khan',
        pupilsCausedHarm: '',
        adultConcern: ADULT_CONCERN_CHOICES.find((c) => c.value === about)!.label,
        adultDetails: 'An adult messaged her privately.',
        adultRole: 'Causing harm or behaving inappropriately',
      }),
    );
  }

  it('draws on the Headteacher-allegations file only while the Headteacher cannot open the register', () => {
    const ws = workflowSchool();
    concernNamingAmira(ws, 'headteacher');
    const headFile = registerRows(ws, deploymentIds(ws).headteacherAllegationsId);
    expect(headFile.map((r) => r['Pupils harmed'])).toEqual(['Amira Khan']);

    const before = chronologyFor(ws, 'Amira Khan');
    expect(before.slice(TABLE_START).map((r) => r[7])).toEqual(['Headteacher allegations']);
    expect(String(before[1]![0])).toMatch(
      /from the Register, the Staff allegations file and the Headteacher allegations file \(/,
    );

    // The Headteacher is given the register spreadsheet (even only to view): the Chronology sheet would show
    // them a concern about themselves, so that file is left out, and the sheet says so.
    ws.drive.share(ws.containerId, SCHOOL.headteacher, 'viewer');
    const after = chronologyFor(ws, 'Amira Khan');
    expect(after.slice(TABLE_START).map((r) => r[0])).toEqual([
      'No incident in these files names Amira Khan.',
    ]);
    expect(String(after[1]![0])).toMatch(
      /the Headteacher allegations file is left out: someone who can open this spreadsheet may not read that file/,
    );
    expect(JSON.stringify(sheetValues(ws, ws.containerId, 'Chronology'))).not.toContain('HA-');
  });

  it('never draws on the file of concerns about the DSL and deputies, for the DSL or the deputy', () => {
    const ws = workflowSchool();
    concernNamingAmira(ws, 'dsl');
    const leadFile = registerRows(ws, deploymentIds(ws).leadAllegationsId);
    expect(leadFile.map((r) => r['Pupils harmed'])).toEqual(['Amira Khan']);
    for (const user of [SCHOOL.dsl, SCHOOL.deputy]) {
      ws.spreadsheets.ui.queueResponse(user, { button: 'OK', text: 'Amira Khan' });
      clickAsDsl(ws, MENU_CHRONOLOGY, user);
      const values = sheetValues(ws, ws.containerId, 'Chronology');
      expect(values.slice(TABLE_START).map((r) => r[0])).toEqual([
        'No incident in these files names Amira Khan.',
      ]);
      expect(String(values[1]![0])).toMatch(/the DSL and deputy allegations file is left out/);
      expect(JSON.stringify(values)).not.toContain('DL-');
    }
  });
});

describe('retention review', () => {
  it('lists records past their retention date (other records: the Settings period after closing), and deletes nothing', () => {
    const ws = workflowSchool();
    const ids = [0, 1, 2].map((i) => report(ws, ordinaryReport({ pupilsHarmed: `Pupil ${i}` })));
    // The first two are closed now; the third stays open.
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, ids[0]!), 'Outcome', [
      ['Resolved', 'Low risk'],
      ['Resolved', 'Low risk'],
    ]);
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, ids[0]!), 'Status', [['Closed'], ['Closed']]);
    const registerBefore = registerRows(ws);

    ws.clock.advance(2 * 365 * 24 * HOUR);
    clickAsDsl(ws, MENU_RETENTION);
    expect(lastAlert(ws)).toMatch(/^Register: 0 record\(s\) past their retention date/);

    editSettings(ws, { 'Retention review (years)': 1 });
    clickAsDsl(ws, MENU_RETENTION);
    const values = sheetValues(ws, ws.containerId, 'Retention review');
    expect(values.slice(TABLE_START).map((r) => [r[0], r[1], r[3], r[7]])).toEqual([
      [ids[0], 'Other', '2026-09-06T23:00:00.000Z', 2],
      [ids[1], 'Other', '2026-09-06T23:00:00.000Z', 3],
    ]);
    expect(lastAlert(ws)).toMatch(/^Register: 2 record\(s\) past their retention date/);
    expect(lastAlert(ws)).toMatch(/Nothing has been deleted/);
    // No pupil's name on the review sheet.
    expect(JSON.stringify(values)).not.toMatch(/Pupil \d/);
    expect(registerRows(ws)).toEqual(registerBefore);
  });
});
