/**
 * Escalation end to end through the built bundle: a concern about staff reaches the Headteacher and is kept
 * in the restricted staff-allegations file; a concern about the Headteacher reaches the Chair of Governors,
 * never the Headteacher's mailbox, and lands in no spreadsheet the Headteacher can open — also when the
 * Headteacher is the DSL. Settings that leave a route without a usable address send the alert to whoever can
 * still be told correctly, say so on the row, and are reported by Set up in plain words.
 */
import { describe, expect, it } from '@jest/globals';
import {
  deploymentIds,
  editSettings,
  registerRows,
  runSetUp,
  SCHOOL,
  scriptProperties,
  submit,
} from '../support/deployment';
import {
  ADULT,
  ADULT_PART,
  deliveryCounts,
  expectNoneInLogs,
  expectRunsSucceeded,
  flaggedReport,
  headteacherConcern,
  mailFor,
  onlyAlertTo,
  recipientsOf,
  setUpSchool,
  staffConcern,
  textPersonCanOpen,
} from './alerts-support';
import type { Workspace } from '../../emulator/workspace';

const HOUR = 60 * 60 * 1000;
const STAFF_DETAILS = 'Mr Dobson sent a pupil a private message on Instagram at night.';
const HEAD_DETAILS = 'The Head asked a pupil for her personal phone number and messaged her.';
const PRIVATE_TEXTS = ['Amira Khan', 'Jordan Blake', 'Group chat messages calling a pupil names.'];

/** Who may open a file: its owner and editors and viewers, lower-cased and sorted. */
function people(ws: Workspace, fileId: string): string[] {
  const file = ws.drive.get(fileId);
  if (!file) throw new Error(`no file ${fileId}`);
  return [file.owner, ...file.editors, ...file.viewers].map((e) => e.toLowerCase()).sort();
}

/** The message Set up showed the person who ran it (the last dialog). */
function setUpMessage(ws: Workspace, user: string = SCHOOL.dsl): string {
  const shown = ws.spreadsheets.ui.shown(user).filter((e) => e.kind === 'alert');
  return shown[shown.length - 1]?.message ?? '';
}

/** A response id recorded nowhere the Headteacher can open, with its ID and details. */
function expectHiddenFrom(ws: Workspace, person: string, secrets: readonly string[]): void {
  const visible = textPersonCanOpen(ws, person);
  for (const secret of secrets) expect(visible).not.toContain(secret);
}

/** Mail other than the weekly audit anchor, which the nightly check sends to the DSL and the Chair. */
function notAnchors<M extends { subject: string }>(mails: readonly M[]): M[] {
  return mails.filter((m) => !m.subject.includes('audit anchor'));
}
describe('a concern about a member of staff', () => {
  it('goes to the Headteacher alone, and its record to the restricted staff file, not the Register', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    submit(ws, staffConcern());
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.headteacher]: 1 });
    const message = onlyAlertTo(ws, SCHOOL.headteacher, 'SA-2026-0001');
    expect(message.subject).toBe('[Online safety] Allegation about a member of staff SA-2026-0001');
    for (const part of [message.body, message.htmlBody ?? '']) {
      expect(part).not.toContain('Dobson');
      expect(part).toContain('LADO');
    }

    const { staffAllegationsId } = deploymentIds(ws);
    expect(registerRows(ws)).toEqual([]);
    const [row] = registerRows(ws, staffAllegationsId);
    expect(row?.['Incident ID']).toBe('SA-2026-0001');
    expect(row?.['Adult: who and what']).toBe(STAFF_DETAILS);
    expect(row?.['Alert status']).toBe('Sent');
    expect(String(row?.['Alert log'])).toContain(`sent to ${SCHOOL.headteacher} (headteacher)`);
    // Shared with the Headteacher and the safeguarding leads only: not the reporter, not the Chair.
    expect(people(ws, staffAllegationsId)).toEqual([SCHOOL.deputy, SCHOOL.dsl, SCHOOL.headteacher].sort());
    expectHiddenFrom(ws, SCHOOL.teacher, ['Dobson', 'SA-2026-0001']);
    expectNoneInLogs(ws, ['Dobson', ...PRIVATE_TEXTS]);
  });

  it('also goes to the DSL and deputy when a child may be at risk, still without details even on "full"', () => {
    const { ws } = setUpSchool({ 'Alert detail': 'full' });
    const before = ws.mail.sent.length;
    submit(ws, staffConcern({ childAtRisk: 'Yes' }));
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({
      [SCHOOL.headteacher]: 1,
      [SCHOOL.dsl]: 1,
      [SCHOOL.deputy]: 1,
    });
    for (const message of ws.mail.sent.slice(before)) {
      for (const secret of ['Dobson', ...PRIVATE_TEXTS]) {
        expect(message.body).not.toContain(secret);
        expect(message.htmlBody).not.toContain(secret);
      }
    }
  });
});

describe('a concern about the Headteacher', () => {
  it('reaches the Chair alone and is kept where the Headteacher cannot look', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    const { responseId } = submit(ws, headteacherConcern());
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.chair]: 1 });
    const message = onlyAlertTo(ws, SCHOOL.chair, 'HA-2026-0001');
    expect(message.subject).toBe('[Online safety] Concern about the Headteacher HA-2026-0001');
    expect(message.body).toContain('The Headteacher has not been told by this system.');
    expect(message.body).not.toContain('phone number');

    const { headteacherAllegationsId } = deploymentIds(ws);
    const [row] = registerRows(ws, headteacherAllegationsId);
    expect(row?.['Adult: who and what']).toBe(HEAD_DETAILS);
    expect(row?.['Alert status']).toBe('Sent');
    expect(people(ws, headteacherAllegationsId)).toEqual([SCHOOL.chair, SCHOOL.deputy, SCHOOL.dsl].sort());
    expect(mailFor(ws, SCHOOL.headteacher)).toEqual([]);
    expectHiddenFrom(ws, SCHOOL.headteacher, [HEAD_DETAILS, 'HA-2026-0001', responseId]);
    expect(JSON.stringify(scriptProperties(ws))).not.toContain('phone number');
  });

  it('also reaches the DSL and deputy when a child may be at risk, and still never the Headteacher', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    submit(ws, headteacherConcern({ childAtRisk: 'Yes', categories: ['Grooming or contact by an adult'] }));
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({
      [SCHOOL.chair]: 1,
      [SCHOOL.dsl]: 1,
      [SCHOOL.deputy]: 1,
    });
    // Repeated runs of every job send nothing more (but the weekly audit anchor after the first night's
    // check, to the DSL and the Chair), and nothing to the Headteacher.
    ws.advanceTo(ws.clock.now() + 26 * HOUR);
    expect(notAnchors(ws.mail.sent.slice(before))).toHaveLength(3);
    expect(mailFor(ws, SCHOOL.headteacher)).toEqual([]);
    expectHiddenFrom(ws, SCHOOL.headteacher, [HEAD_DETAILS, 'HA-2026-0001']);
  });

  it('when the Headteacher is the DSL and set it all up: Chair told, Headteacher not, and Set up says why', () => {
    // The Headteacher's account owns the spreadsheet, runs Set up, and so owns the form and the triggers.
    const head = SCHOOL.headteacher;
    const { ws, setup } = setUpSchool({ 'DSL email': head, 'Headteacher email': head }, { setUpBy: head });
    expect(setup.problems.join('\n')).toMatch(/The Headteacher is also the DSL/);
    expect(setup.problems.join('\n')).toMatch(/Set up was run by the Headteacher's own account/);
    expect(setup.problems.join('\n')).toMatch(/owns the report form/);
    expect(setUpMessage(ws, head)).toContain("Set up was run by the Headteacher's own account");
    expect(deploymentIds(ws).headteacherAllegationsId).toBe('');

    const before = ws.mail.sent.length;
    const { responseId } = submit(ws, headteacherConcern({ childAtRisk: 'Yes' }));
    // The deputy DSL is a safeguarding lead who is not the Headteacher: told as well, a child being at risk.
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.chair]: 1, [SCHOOL.deputy]: 1 });
    const message = onlyAlertTo(ws, SCHOOL.chair, 'HA-2026-0001');
    // As Set up warned: it goes out from the account the triggers run as.
    expect(message.from).toBe(head);
    // No file to link to: the Chair is told so, and is not sent to a register they cannot open.
    expect(message.body).toContain(
      'There is no record to open yet: the restricted Headteacher allegations spreadsheet, where this report belongs, has not been made.',
    );
    expect(message.body).not.toMatch(/open the Register|Set up \/ repair/);
    expect(message.htmlBody).not.toMatch(/href=/);

    // The hourly and daily jobs run on: nothing reaches the Headteacher, nothing is written where they look.
    ws.advanceTo(ws.clock.now() + 26 * HOUR);
    expectRunsSucceeded(
      ws,
      'onFormSubmit',
      'retryPendingAlerts',
      'reconcileMissedReports',
      'sendOverdueReminders',
    );
    expect(notAnchors(ws.mail.sent.slice(before))).toHaveLength(2);
    expect(mailFor(ws, head)).toEqual([]);
    expectHiddenFrom(ws, head, [HEAD_DETAILS, 'HA-2026-0001', responseId]);
    expect(JSON.stringify(scriptProperties(ws))).not.toContain('phone number');
  });

  it('when the Headteacher is the DSL and a deputy set it up: the record is kept, out of their reach', () => {
    const head = SCHOOL.headteacher;
    const { ws, setup } = setUpSchool(
      { 'DSL email': head, 'Headteacher email': head },
      { setUpBy: SCHOOL.deputy },
    );
    // The Headteacher works in the Register as DSL: the deputy shares the spreadsheet with them.
    ws.drive.get(ws.containerId)?.editors.add(head);
    expect(setup.problems.join('\n')).toMatch(/The Headteacher is also the DSL/);
    expect(setup.problems.join('\n')).not.toMatch(/Set up was run by the Headteacher/);
    const { headteacherAllegationsId, formId } = deploymentIds(ws);
    expect(people(ws, headteacherAllegationsId)).toEqual([SCHOOL.chair, SCHOOL.deputy].sort());
    expect(ws.drive.canView(head, formId)).toBe(false);

    const before = ws.mail.sent.length;
    const { responseId } = submit(ws, headteacherConcern({ childAtRisk: 'Yes' }));
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.chair]: 1, [SCHOOL.deputy]: 1 });
    expect(registerRows(ws, headteacherAllegationsId)[0]?.['Alert status']).toBe('Sent');
    expect(registerRows(ws)).toEqual([]);
    expectHiddenFrom(ws, head, [HEAD_DETAILS, 'HA-2026-0001', responseId]);

    // As DSL they are still told about a child-protection concern at once. The register numbers its own
    // reports, so the allegation above left no gap in its IDs.
    submit(ws, flaggedReport());
    expect(onlyAlertTo(ws, head, 'OSI-2026-0001').subject).toContain('Child-protection concern');
    ws.advanceTo(ws.clock.now() + 26 * HOUR);
    expect(mailFor(ws, head).filter((m) => m.subject.includes('HA-2026-0001'))).toEqual([]);
  });

  it.each([
    ['is the Chair, typed differently', { 'Chair of Governors email': 'HEAD@School.Example' }],
    ['is the DSL', { 'DSL email': SCHOOL.headteacher }],
    ['is a deputy DSL', { 'Deputy DSL emails': `${SCHOOL.deputy}\n${SCHOOL.headteacher}` }],
    ['uses a +tag as DSL', { 'DSL email': 'head+safeguarding@school.example' }],
    ['uses a +tag as Chair', { 'Chair of Governors email': 'head+governors@school.example' }],
    [
      'is on consumer Gmail with dots, as deputy',
      { 'Headteacher email': 'pat.head@gmail.com', 'Deputy DSL emails': 'patHead@googlemail.com' },
    ],
  ])('never reaches the Headteacher when their address %s', (_how, settings) => {
    const { ws } = setUpSchool(settings);
    const head = String((settings as Record<string, string>)['Headteacher email'] ?? SCHOOL.headteacher);
    const before = ws.mail.sent.length;
    submit(ws, headteacherConcern({ childAtRisk: 'Yes' }));
    submit(ws, headteacherConcern({ childAtRisk: 'No' }));
    ws.advanceTo(ws.clock.now() + 26 * HOUR);
    const sent = ws.mail.sent.slice(before);
    expect(mailFor(ws, head)).toEqual([]);
    // Somebody who is not the Headteacher was told about each, or the row says nobody could be.
    const { headteacherAllegationsId } = deploymentIds(ws);
    for (const [i, row] of registerRows(ws, headteacherAllegationsId).entries()) {
      const id = `HA-2026-000${i + 1}`;
      const told = sent.filter((m) => m.subject.endsWith(id)).flatMap(recipientsOf);
      if (row['Alert status'] === 'Sent') expect(told.length).toBeGreaterThan(0);
      else expect(row['Alert status']).toBe('Not sent: nobody can be told correctly');
    }
    expectHiddenFrom(ws, head, [HEAD_DETAILS]);
  });
});

describe('settings that leave a route without a usable address', () => {
  it('no Chair: a concern about the Headteacher goes to the DSL and deputy, and the row and Set up say so', () => {
    const { ws, setup } = setUpSchool({ 'Chair of Governors email': '' });
    expect(setup.problems).toContain(
      'No Chair of Governors address is set in Settings: concerns about the Headteacher go to the safeguarding leads who are not the Headteacher instead.',
    );
    expect(setUpMessage(ws)).toContain('No Chair of Governors address is set in Settings');
    const before = ws.mail.sent.length;
    submit(ws, headteacherConcern());
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    const row = registerRows(ws, deploymentIds(ws).headteacherAllegationsId)[0];
    expect(row?.['Alert status']).toBe('Sent');
    expect(String(row?.['Alert log'])).toContain('Problem: No Chair of Governors address is set in Settings');
    expect(mailFor(ws, SCHOOL.headteacher)).toEqual([]);
  });

  it('a malformed Chair address: the same, and the row shows what was typed', () => {
    const { ws, setup } = setUpSchool({ 'Chair of Governors email': 'chair at governors' });
    expect(setup.problems.join('\n')).toContain(
      "'chair at governors' is not a valid email address (Chair of Governors email)",
    );
    submit(ws, headteacherConcern());
    const log = String(registerRows(ws, deploymentIds(ws).headteacherAllegationsId)[0]?.['Alert log']);
    expect(log).toContain("'chair at governors' is not a valid email address");
    expect(mailFor(ws, SCHOOL.chair)).toEqual([]);
    expect(mailFor(ws, SCHOOL.headteacher)).toEqual([]);
    expect(mailFor(ws, SCHOOL.dsl)).toHaveLength(1);
  });

  it('a malformed deputy address: the DSL is told, and the row shows the deputy was not', () => {
    const { ws, setup } = setUpSchool({ 'Deputy DSL emails': 'deputy at school' });
    expect(setup.problems.join('\n')).toContain("'deputy at school' is not a valid email address");
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport());
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1 });
    const row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe('Sent');
    expect(String(row?.['Alert log'])).toContain("'deputy at school' is not a valid email address");
  });

  it('no Headteacher: a concern about staff goes to the safeguarding leads instead, and says why', () => {
    const { ws, setup } = setUpSchool({ 'Headteacher email': '' });
    expect(setup.problems.join('\n')).toContain('No Headteacher address is set in Settings');
    const before = ws.mail.sent.length;
    submit(ws, staffConcern());
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    const message = onlyAlertTo(ws, SCHOOL.dsl, 'SA-2026-0001');
    expect(message.body).toContain('No Headteacher could be emailed');
    const row = registerRows(ws, deploymentIds(ws).staffAllegationsId)[0];
    expect(String(row?.['Alert log'])).toContain('could not go to the Headteacher');
  });

  it('no Chair and no Headteacher: a concern about the Headteacher waits, and goes once a Chair is set', () => {
    const { ws } = setUpSchool({ 'Chair of Governors email': '', 'Headteacher email': '' });
    const before = ws.mail.sent.length;
    submit(ws, headteacherConcern());
    // Nobody can be told without risking the Headteacher (who might be any of the leads): nobody is.
    expect(ws.mail.sent.length).toBe(before);
    const { headteacherAllegationsId } = deploymentIds(ws);
    expect(registerRows(ws, headteacherAllegationsId)[0]?.['Alert status']).toBe(
      'Not sent: nobody can be told correctly',
    );
    editSettings(ws, { 'Chair of Governors email': SCHOOL.chair });
    runSetUp(ws);
    ws.advanceTo(ws.clock.now() + 2 * HOUR);
    // Setting the Chair is a routing change: the DSL and the new Chair get its content-free notice (issue 12).
    const sent = ws.mail.sent.slice(before);
    const notice = (m: { subject: string }): boolean =>
      m.subject.includes('Settings changed: who receives reports');
    expect(deliveryCounts(sent.filter(notice))).toEqual({ [SCHOOL.chair]: 1, [SCHOOL.dsl]: 1 });
    expect(deliveryCounts(sent.filter((m) => !notice(m)))).toEqual({ [SCHOOL.chair]: 1 });
    expect(registerRows(ws, headteacherAllegationsId)[0]?.['Alert status']).toBe('Sent');
  });

  it('every other adult concern stays with the safeguarding leads, in the Register', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport({ adultConcern: ADULT.parent }));
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    expect(registerRows(ws)).toHaveLength(1);
  });
});

describe('the routes of issue 13, through the built bundle', () => {
  it('a concern about a deputy DSL reaches the Headteacher and never the deputy', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    submit(
      ws,
      staffConcern({
        adultConcern: ADULT.deputy,
        adultDetails: 'The deputy DSL shared a pupil’s disclosure in a staff group chat.',
        childAtRisk: 'Yes',
      }),
    );
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({
      [SCHOOL.headteacher]: 1,
      [SCHOOL.dsl]: 1,
    });
    expect(mailFor(ws, SCHOOL.deputy).filter((m) => m.subject.includes('DL-2026-0001'))).toEqual([]);
    const message = onlyAlertTo(ws, SCHOOL.headteacher, 'DL-2026-0001');
    expect(message.body).toContain('about a deputy DSL');
    expect(registerRows(ws)).toEqual([]);
    // Kept in the file only the Headteacher may open, not the staff file the deputies share.
    const ids = deploymentIds(ws);
    expect(registerRows(ws, ids.staffAllegationsId)).toEqual([]);
    expect(registerRows(ws, ids.leadAllegationsId).map((r) => r['Incident ID'])).toEqual(['DL-2026-0001']);
    expect(ws.drive.canView(SCHOOL.headteacher, ids.leadAllegationsId)).toBe(true);
    expect(ws.drive.canView(SCHOOL.deputy, ids.leadAllegationsId)).toBe(false);
  });

  it('a volunteer is routed as staff: the Headteacher, the staff file, and no name on "full" alerts', () => {
    const { ws } = setUpSchool({ 'Alert detail': 'full' });
    const before = ws.mail.sent.length;
    submit(
      ws,
      staffConcern({
        adultConcern: ADULT.otherAdult,
        adultDetails: 'Mr Quentin Farrow, parent volunteer, followed a pupil on TikTok.',
        childAtRisk: 'Yes',
      }),
    );
    const sent = ws.mail.sent.slice(before);
    expect(deliveryCounts(sent)).toEqual({ [SCHOOL.headteacher]: 1, [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    for (const m of sent) {
      expect(m.body).not.toContain('Farrow');
      expect(m.htmlBody).not.toContain('Farrow');
    }
    expect(registerRows(ws)).toEqual([]);
    expect(registerRows(ws, deploymentIds(ws).staffAllegationsId)).toHaveLength(1);
  });

  it('a teacher targeted by a pupil’s fake account: victim wording, no LADO, the pupil in the register', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    submit(
      ws,
      staffConcern({
        adultDetails: 'Mrs Ilsa Penrose (Year 8 form tutor), targeted by a fake account.',
        adultRole: ADULT_PART.harmed,
        description: 'A fake Instagram account in Mrs Penrose’s name is posting mocking pictures.',
        pupilsCausedHarm: 'Jordan Blake (8P)',
      }),
    );
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.headteacher]: 1 });
    const message = onlyAlertTo(ws, SCHOOL.headteacher, 'OSI-2026-0001');
    expect(message.subject).toBe('[Online safety] A member of staff harmed or targeted online OSI-2026-0001');
    for (const part of [message.body, message.htmlBody ?? '']) {
      expect(part).not.toMatch(/LADO|Local Authority Designated Officer/);
      expect(part).not.toMatch(/do not tell the member of staff/i);
      expect(part).not.toContain('Penrose');
      expect(part).toContain('not a concern about the member of staff');
      expect(part).toContain('union');
    }
    const [row] = registerRows(ws);
    expect(row?.['Pupils who caused harm']).toBe('Jordan Blake (8P)');
  });

  it('a low-level concern is recorded and worded as one', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    submit(
      ws,
      staffConcern({
        adultDetails: 'Mr Dobson took photos of pupils on his own phone on the trip.',
        adultRole: ADULT_PART.lowLevel,
      }),
    );
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.headteacher]: 1 });
    const message = onlyAlertTo(ws, SCHOOL.headteacher, 'SA-2026-0001');
    expect(message.subject).toBe('[Online safety] Low-level concern about a member of staff SA-2026-0001');
    expect(message.body).toContain('does not meet the harm threshold');
    expect(message.body).not.toMatch(/LADO|Local Authority Designated Officer/);
    const [row] = registerRows(ws, deploymentIds(ws).staffAllegationsId);
    expect(row?.['Adult: causing harm or harmed']).toBe(ADULT_PART.lowLevel);
  });
});
