/**
 * The submit path end to end through the built bundle: every response in the register exactly once —
 * when triggers fire twice, when submissions queue behind the script lock (some waits succeed, some time
 * out and fail their execution), and when a run dies after taking the lock but before writing — with the
 * reconcile job (daily trigger and menu) recording whatever was missed, once.
 */
import { jest } from '@jest/globals';
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
  type Answers,
} from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { SheetFacade } from '../../emulator/sheets/sheet';
import { LOCK_TIMEOUT } from '../../emulator/lock';
import { Properties } from '../../emulator/properties';
import { ADULT_CONCERN_CHOICES, LOCATIONS } from '../../src/domain/schema';
import { DEFAULT_CATEGORIES, DEFAULT_PLATFORMS } from '../../src/domain/settings';

const CATEGORY_NAMES = DEFAULT_CATEGORIES.map((c) => c.name);
const YEAR_GROUPS = ['Reception', ...Array.from({ length: 13 }, (_, i) => `Year ${i + 1}`)];
const RISK = ['Yes', 'No', 'Not sure'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** A school already set up and configured, as the DSL leaves it. */
function setUpSchool(): Workspace {
  const ws = newSchool();
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  return ws;
}

/** Report number `i`: every answer distinct enough to tell which row and column it landed in. */
function reportNumber(i: number): { answers: Answers; occurredUtc: string } {
  const day = 1 + (i % 6);
  const hour = 8 + (i % 10);
  const minute = i % 60;
  const categories = [CATEGORY_NAMES[i % 12]!];
  if (i % 3 === 0) categories.push(CATEGORY_NAMES[(i + 5) % 12]!);
  categories.sort((a, b) => CATEGORY_NAMES.indexOf(a) - CATEGORY_NAMES.indexOf(b));
  const answers: Answers = {
    occurredAt: `2026-09-${pad(day)} ${pad(hour)}:${pad(minute)}`,
    categories,
    platform: i % 11 === 0 ? `Game number ${i}` : DEFAULT_PLATFORMS[i % DEFAULT_PLATFORMS.length]!,
    location: LOCATIONS[i % LOCATIONS.length]!,
    description: `Report ${i}: messages in a group chat.\nSecond line of report ${i}.`,
    pupilsHarmed: `Pupil ${i} A\nPupil ${i} B`,
    pupilsCausedHarm: i % 2 === 0 ? `Pupil ${i} C` : '',
    pupilsOther: '',
    yearGroups: [YEAR_GROUPS[i % YEAR_GROUPS.length]!],
    adultConcern: i % 9 === 0 ? 'A parent or carer' : 'No adult from school or home is involved',
    childAtRisk: RISK[i % 3]!,
    toldDslInPerson: i % 2 === 0 ? 'Yes' : 'No',
    evidenceKept: 'No evidence',
    actionsTaken: `Action taken for report ${i}.`,
    parentsInformed: i % 4 === 0 ? '' : 'No',
  };
  // September in London is UTC+1.
  const occurredUtc = new Date(Date.UTC(2026, 8, day, hour - 1, minute)).toISOString();
  return { answers, occurredUtc };
}

/** What the register row of report `i` must say, column by column. */
function expectedColumns(i: number, email: string): Record<string, string> {
  const { answers, occurredUtc } = reportNumber(i);
  const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join('\n') : (v ?? ''));
  return {
    'Reported by': email,
    'When it happened': occurredUtc,
    Categories: text(answers.categories),
    'Platform / app': text(answers.platform),
    Where: text(answers.location),
    'What happened': text(answers.description),
    'Pupils harmed': text(answers.pupilsHarmed),
    'Pupils who caused harm': text(answers.pupilsCausedHarm),
    'Other pupils / witnesses': '',
    'Year groups': text(answers.yearGroups),
    'Adult involved': text(answers.adultConcern),
    'Adult: who and what': '',
    'Adult: causing harm or harmed': '',
    'Child at risk (reporter)': text(answers.childAtRisk),
    'Told DSL in person': text(answers.toldDslInPerson),
    'Evidence kept': text(answers.evidenceKept),
    'Evidence where': '',
    'Actions already taken': text(answers.actionsTaken),
    'Parents informed (reporter)': text(answers.parentsInformed),
    Status: 'New',
  };
}

const expectedIds = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `OSI-2026-${String(i + 1).padStart(4, '0')}`);

describe('200 submissions, duplicates and lock contention', () => {
  test('end with exactly 200 rows, 200 unique IDs, every answer in its column', () => {
    const ws = setUpSchool();
    const { formId } = deploymentIds(ws);
    const submitted: Array<{ i: number; responseId: string; email: string }> = [];
    /** Responses some execution finished with (its first firing, or a later one). */
    const handled = new Set<string>();
    let refired = 0;
    let waitedAndRan = 0;
    let timedOut = 0;

    for (let i = 0; i < 200; i++) {
      const email = i % 5 === 0 ? SCHOOL.ta : SCHOOL.teacher;
      // Another run holds the script lock: briefly (this submission waits, then runs) or for longer than
      // the 30 s a submission waits (its execution fails; reconcile must pick the report up).
      if (i % 10 === 3) ws.locks.holdExternally('script', ws.clock.now() + 12_000);
      if (i % 10 === 7) ws.locks.holdExternally('script', ws.clock.now() + 45_000);
      const { responseId, executions } = submit(ws, reportNumber(i).answers, { email });
      expect(executions).toHaveLength(1);
      const run = executions[0]!;
      if (i % 10 === 3) {
        expect(run.status).toBe('completed');
        waitedAndRan += 1;
      }
      if (i % 10 === 7) {
        expect(run).toMatchObject({ status: 'failed', error: LOCK_TIMEOUT });
        timedOut += 1;
      }
      submitted.push({ i, responseId, email });
      if (run.status === 'completed') handled.add(responseId);
      // Apps Script fires a trigger twice now and then: right away, or later, after other submissions.
      if (i % 7 === 0) {
        expect(ws.forms.refire(formId, responseId).map((r) => r.status)).toEqual(['completed']);
        handled.add(responseId);
        refired += 1;
      }
      if (i % 13 === 5 && i >= 20) {
        const earlier = submitted[i - 15]!;
        // A late second firing of a report whose first firing timed out records it then.
        expect(ws.forms.refire(formId, earlier.responseId).map((r) => r.status)).toEqual(['completed']);
        handled.add(earlier.responseId);
        refired += 1;
      }
    }
    expect({ waitedAndRan, timedOut }).toEqual({ waitedAndRan: 20, timedOut: 20 });
    expect(refired).toBeGreaterThan(30);
    expect(ws.locks.stats().timedOut).toBe(20);

    // Before reconcile: exactly the reports some execution finished are there, once each; the rest of
    // the timed-out ones are missing.
    const before = registerRows(ws);
    expect(before.length).toBeLessThan(200);
    expect(before.map((r) => String(r['Response ID'])).sort()).toEqual([...handled].sort());

    // The daily reconcile trigger (02:00) picks up the rest.
    const runs = ws
      .advanceTo('2026-09-08T02:30:00+01:00')
      .filter((r) => r.functionName === 'reconcileMissedReports');
    expect(runs.map((r) => r.status)).toEqual(['completed']);

    const rows = registerRows(ws);
    expect(rows).toHaveLength(200);
    const ids = rows.map((r) => String(r['Incident ID']));
    expect(new Set(ids).size).toBe(200);
    expect([...ids].sort()).toEqual(expectedIds(200));
    const responses = new Map(ws.forms.responses(formId).map((r) => [r.id, r]));
    for (const { i, responseId, email } of submitted) {
      const matching = rows.filter((r) => r['Response ID'] === responseId);
      expect(matching).toHaveLength(1);
      const row = matching[0]!;
      expect({ i, ...row }).toMatchObject({ i, ...expectedColumns(i, email) });
      expect(row['Submitted at']).toBe(responses.get(responseId)!.timestamp);
    }

    // Firing everything again now adds nothing.
    for (const { responseId } of submitted.slice(0, 30)) ws.forms.refire(formId, responseId);
    expect(registerRows(ws)).toHaveLength(200);
    expect(ws.run('reconcileMissedReports', [], { kind: 'trigger' })).toMatchObject({
      added: 0,
      responses: 200,
    });
    expect(registerRows(ws)).toHaveLength(200);
  });
});

describe('a run that dies half way', () => {
  /** The next appendRow fails as Sheets sometimes does under load, after the lock and before the write. */
  function failNextRowWrite(): void {
    jest.spyOn(SheetFacade.prototype, 'appendRow').mockImplementationOnce(() => {
      throw new Error('Service Spreadsheets timed out while accessing document with id ss0001.');
    });
  }
  afterEach(() => jest.restoreAllMocks());

  test('dies after the lock, before the write: reconcile records it once and alerts once', () => {
    const ws = setUpSchool();
    submit(ws, ordinaryReport({ description: 'First, recorded normally.' }));
    failNextRowWrite();
    const lost = submit(ws, ordinaryReport({ description: 'Lost on the way.', childAtRisk: 'Yes' }));
    expect(lost.executions[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/timed out/) });
    expect(ws.locks.snapshot()).toEqual([]); // the failed run did not keep the lock
    expect(registerRows(ws).map((r) => r['What happened'])).toEqual(['First, recorded normally.']);
    expect(ws.mail.sent).toHaveLength(0);
    submit(ws, ordinaryReport({ description: 'Third, after the failure.' }));

    const first = ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    expect(first).toMatchObject({ responses: 3, added: 1 });
    const rows = registerRows(ws);
    expect(rows.map((r) => r['What happened'])).toEqual([
      'First, recorded normally.',
      'Third, after the failure.',
      'Lost on the way.',
    ]);
    const recovered = rows.find((r) => r['Response ID'] === lost.responseId)!;
    expect(recovered).toMatchObject({ 'Child protection': 'Yes', Status: 'New', 'Alert status': 'Sent' });
    // The number reserved by the run that died is never reused: IDs stay unique.
    expect(new Set(rows.map((r) => r['Incident ID'])).size).toBe(3);
    expect(ws.mail.sent.flatMap((m) => m.to).sort()).toEqual([SCHOOL.deputy, SCHOOL.dsl].sort());

    const second = ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    expect(second).toMatchObject({ responses: 3, added: 0 });
    expect(registerRows(ws)).toHaveLength(3);
    expect(ws.mail.sent).toHaveLength(2);
  });

  test('a trigger that never ran (fireTriggers off): reconcile records it once', () => {
    const ws = setUpSchool();
    const missed = submit(ws, ordinaryReport({ description: 'Trigger never fired.' }), {
      fireTriggers: false,
    });
    expect(registerRows(ws)).toEqual([]);
    expect(ws.run('reconcileMissedReports', [], { kind: 'trigger' })).toMatchObject({ added: 1 });
    expect(ws.run('reconcileMissedReports', [], { kind: 'trigger' })).toMatchObject({ added: 0 });
    const rows = registerRows(ws);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'Response ID': missed.responseId, 'Incident ID': 'OSI-2026-0001' });
    // The trigger firing late, after reconcile, finds it recorded and writes nothing.
    expect(ws.forms.refire(deploymentIds(ws).formId, missed.responseId).map((r) => r.status)).toEqual([
      'completed',
    ]);
    expect(registerRows(ws)).toHaveLength(1);
  });

  test('the IDs keep counting from the script properties, whoever records the report', () => {
    const ws = setUpSchool();
    submit(ws, ordinaryReport(), { fireTriggers: false });
    submit(ws, ordinaryReport());
    ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    submit(ws, ordinaryReport());
    expect(registerRows(ws).map((r) => r['Incident ID'])).toEqual([
      'OSI-2026-0001',
      'OSI-2026-0002',
      'OSI-2026-0003',
    ]);
    expect(scriptProperties(ws)['incidentSeq:2026']).toBe('3');
  });
});

describe('events that are not a new report', () => {
  test('a blank event, or one without a response, is ignored before taking the lock', () => {
    const ws = setUpSchool();
    const { total, calls } = ws.calls.measure(() => {
      ws.run('onFormSubmit', [], { kind: 'trigger' });
      ws.run('onFormSubmit', [{}], { kind: 'trigger' });
      ws.run('onFormSubmit', [{ response: undefined, triggerUid: '1' }], { kind: 'trigger' });
    });
    expect({ total, calls }).toEqual({ total: 0, calls: {} });
    expect(registerRows(ws)).toEqual([]);
    expect(ws.executions.slice(-3).map((e) => e.status)).toEqual(['completed', 'completed', 'completed']);
  });

  test('a concern about a member of staff lands once in the restricted file, never in the register', () => {
    const ws = setUpSchool();
    const staff = ADULT_CONCERN_CHOICES.find((c) => c.value === 'staff')!.label;
    const { responseId } = submit(
      ws,
      ordinaryReport({ adultConcern: staff, adultDetails: 'Mr Example, teacher.', adultRole: 'Not sure' }),
    );
    ws.forms.refire(deploymentIds(ws).formId, responseId);
    ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    expect(registerRows(ws)).toEqual([]);
    const restricted = registerRows(ws, deploymentIds(ws).staffAllegationsId);
    expect(restricted).toHaveLength(1);
    expect(restricted[0]).toMatchObject({
      'Adult: who and what': 'Mr Example, teacher.',
      'Response ID': responseId,
    });
  });
});

describe('a report whose restricted file is missing', () => {
  test('is alerted at once, once; its row lands with the same ID after Set up remakes the file', () => {
    const ws = setUpSchool();
    const staff = ADULT_CONCERN_CHOICES.find((c) => c.value === 'staff')!.label;
    const oldFile = deploymentIds(ws).staffAllegationsId;
    ws.drive.get(oldFile)!.trashed = true; // someone deleted it
    const { responseId } = submit(
      ws,
      ordinaryReport({ adultConcern: staff, adultDetails: 'Mr Example, teacher.', adultRole: 'Not sure' }),
    );
    // The Headteacher is told now, although there is no row yet; nothing lands in the register.
    expect(ws.mail.sent.map((m) => m.to)).toEqual([[SCHOOL.headteacher]]);
    const incidentId = /SA-2026-\d{4}/.exec(ws.mail.sent[0]!.subject + ws.mail.sent[0]!.body)?.[0];
    expect(incidentId).toBeDefined();
    expect(registerRows(ws)).toEqual([]);

    // A second firing and the daily reconcile, with the file still missing, tell nobody again.
    ws.forms.refire(deploymentIds(ws).formId, responseId);
    expect(ws.run('reconcileMissedReports', [], { kind: 'trigger' })).toMatchObject({
      added: 0,
      waitingForSetUp: 1,
    });
    expect(ws.mail.sent).toHaveLength(1);
    const other = submit(ws, ordinaryReport({ description: 'Meanwhile, an ordinary report.' }));

    // Set up makes the file again; reconcile writes the row with the ID the Headteacher was given.
    runSetUp(ws);
    const newFile = deploymentIds(ws).staffAllegationsId;
    expect(newFile).not.toBe(oldFile);
    expect(ws.run('reconcileMissedReports', [], { kind: 'trigger' })).toMatchObject({
      added: 1,
      waitingForSetUp: 0,
    });
    const restricted = registerRows(ws, newFile);
    expect(restricted).toHaveLength(1);
    expect(restricted[0]).toMatchObject({
      'Response ID': responseId,
      'Incident ID': incidentId,
      'Alert status': 'Sent',
    });
    expect(ws.mail.sent).toHaveLength(1);
    const ordinary = registerRows(ws).find((r) => r['Response ID'] === other.responseId)!;
    expect(ordinary['Incident ID']).not.toBe(incidentId);
    expect(Object.keys(scriptProperties(ws)).filter((k) => k.startsWith('awaitingFile:'))).toEqual([]);
    expect(ws.run('reconcileMissedReports', [], { kind: 'trigger' })).toMatchObject({
      added: 0,
      waitingForSetUp: 0,
    });
  });

  test('an alert that could not be sent then (mail quota) is sent by the next reconcile, once', () => {
    const ws = setUpSchool();
    const head = ADULT_CONCERN_CHOICES.find((c) => c.value === 'headteacher')!.label;
    ws.drive.get(deploymentIds(ws).headteacherAllegationsId)!.trashed = true;
    ws.mail.setRemainingQuota(0);
    submit(
      ws,
      ordinaryReport({ adultConcern: head, adultDetails: 'The Headteacher.', adultRole: 'Not sure' }),
    );
    expect(ws.mail.sent).toEqual([]);
    ws.mail.setRemainingQuota(100);
    ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    expect(ws.mail.sent.map((m) => m.to)).toEqual([[SCHOOL.chair]]);
    runSetUp(ws);
    ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    expect(registerRows(ws, deploymentIds(ws).headteacherAllegationsId)).toEqual([
      expect.objectContaining({ 'Alert status': 'Sent' }),
    ]);
    expect(ws.mail.sent).toHaveLength(1);
    expect(ws.mail.sent.flatMap((m) => m.to)).not.toContain(SCHOOL.headteacher);
  });
});

describe('a report whose restricted file is missing, and the hourly retry', () => {
  const HOUR = 60 * 60 * 1000;

  /** The ledger entry kept for a response while its file is missing (null once its row is written). */
  function ledgerEntry(
    ws: Workspace,
    responseId: string,
  ): { incidentId: string; alertStatus: string; alertLog: string } | null {
    const raw = scriptProperties(ws)[`awaitingFile:${responseId}`];
    return raw ? (JSON.parse(raw) as { incidentId: string; alertStatus: string; alertLog: string }) : null;
  }

  test('a Chair alert the mail quota stopped is sent by the next hourly run, once, and the ledger says so', () => {
    const ws = setUpSchool();
    const head = ADULT_CONCERN_CHOICES.find((c) => c.value === 'headteacher')!.label;
    ws.drive.get(deploymentIds(ws).headteacherAllegationsId)!.trashed = true;
    ws.mail.setRemainingQuota(0);
    const { responseId } = submit(
      ws,
      ordinaryReport({ adultConcern: head, adultDetails: 'The Headteacher.', adultRole: 'Not sure' }),
    );
    expect(ws.mail.sent).toEqual([]);
    const waiting = ledgerEntry(ws, responseId)!;
    expect(waiting).toMatchObject({ incidentId: 'HA-2026-0001', alertStatus: `Pending: ${SCHOOL.chair}` });
    expect(waiting.alertLog).toContain(`not sent to ${SCHOOL.chair}: daily mail quota used up`);

    // Still used up at the first hourly run: nothing sent, and the ledger does not grow a line.
    const hourly = (): void => {
      const runs = ws
        .advanceTo(ws.clock.now() + HOUR + 60_000)
        .filter((r) => r.functionName === 'retryPendingAlerts');
      expect(runs.map((r) => r.status)).toEqual(['completed']);
    };
    hourly();
    expect(ws.mail.sent).toEqual([]);
    expect(ledgerEntry(ws, responseId)).toEqual(waiting);

    // The quota is back: the next hourly run (not the daily reconcile, hours away) sends it.
    ws.mail.setRemainingQuota(100);
    hourly();
    // The health check's content-free notice to the DSL that the file is missing goes too (issue 12), and so
    // does the weekly audit anchor after a night's check: the alerts are what this test is about.
    const alertsSent = (): typeof ws.mail.sent =>
      ws.mail.sent.filter((m) => !m.subject.includes('health check') && !m.subject.includes('audit anchor'));
    const alerts = alertsSent();
    expect(alerts.map((m) => m.to)).toEqual([[SCHOOL.chair]]);
    expect(alerts[0]!.subject).toBe('[Online safety] Concern about the Headteacher HA-2026-0001');
    expect(alerts[0]!.body).toContain('There is no record to open yet');
    const sent = ledgerEntry(ws, responseId)!;
    expect(sent).toMatchObject({ incidentId: 'HA-2026-0001', alertStatus: 'Sent' });
    expect(sent.alertLog).toContain(`sent to ${SCHOOL.chair} (chair)`);

    // Later hourly runs, a second firing and the daily reconcile (file still missing) send nothing more.
    hourly();
    ws.forms.refire(deploymentIds(ws).formId, responseId);
    ws.advanceTo(ws.clock.now() + 26 * HOUR);
    expect(alertsSent()).toHaveLength(1);
    expect(ledgerEntry(ws, responseId)).toEqual(sent);

    // Set up makes the file; reconcile writes the row with the ID, status and log the Chair's alert had.
    runSetUp(ws);
    ws.run('reconcileMissedReports', [], { kind: 'trigger' });
    expect(registerRows(ws, deploymentIds(ws).headteacherAllegationsId)).toEqual([
      expect.objectContaining({
        'Incident ID': 'HA-2026-0001',
        'Alert status': 'Sent',
        'Alert log': sent.alertLog,
      }),
    ]);
    expect(ledgerEntry(ws, responseId)).toBeNull();
    ws.advanceTo(ws.clock.now() + 3 * HOUR);
    expect(alertsSent()).toHaveLength(1);
    expect(ws.mail.sent.flatMap((m) => m.to)).not.toContain(SCHOOL.headteacher);
  });
});

describe('a ledger entry left behind by a run that died after writing the row', () => {
  afterEach(() => jest.restoreAllMocks());

  test('the hourly retry sends from the row, once, and forgets the entry instead of sending from it too', () => {
    const ws = setUpSchool();
    const head = ADULT_CONCERN_CHOICES.find((c) => c.value === 'headteacher')!.label;
    ws.drive.get(deploymentIds(ws).headteacherAllegationsId)!.trashed = true;
    ws.mail.setRemainingQuota(0);
    const { responseId } = submit(
      ws,
      ordinaryReport({ adultConcern: head, adultDetails: 'The Headteacher.', adultRole: 'Not sure' }),
    );
    const key = `awaitingFile:${responseId}`;
    expect(scriptProperties(ws)[key]).toBeDefined();

    // Set up makes the file; a late second firing writes the row (the Chair still owed), then dies
    // before it can forget the ledger entry.
    runSetUp(ws);
    jest.spyOn(Properties.prototype, 'deleteProperty').mockImplementationOnce(() => {
      throw new Error('Service timed out: Properties');
    });
    const [late] = ws.forms.refire(deploymentIds(ws).formId, responseId);
    expect(late).toMatchObject({ status: 'failed' });
    const file = deploymentIds(ws).headteacherAllegationsId;
    expect(registerRows(ws, file)).toEqual([
      expect.objectContaining({ 'Response ID': responseId, 'Alert status': `Pending: ${SCHOOL.chair}` }),
    ]);
    expect(scriptProperties(ws)[key]).toBeDefined();

    ws.mail.setRemainingQuota(100);
    ws.advanceTo(ws.clock.now() + 3 * 60 * 60 * 1000);
    expect(ws.mail.sent.map((m) => m.to)).toEqual([[SCHOOL.chair]]);
    // Sent from the row, so with the link to it.
    expect(ws.mail.sent[0]!.body).toContain('Open the record for HA-2026-0001: https://');
    expect(registerRows(ws, file)[0]!['Alert status']).toBe('Sent');
    expect(scriptProperties(ws)[key]).toBeUndefined();
  });
});

describe('the Online Safety menu', () => {
  test('onOpen adds the menu with its items', () => {
    const ws = newSchool();
    ws.openSpreadsheet(SCHOOL.dsl);
    const menu = ws.spreadsheets.ui.menus(SCHOOL.dsl).find((m) => m.name === 'Online Safety');
    expect(menu).toBeDefined();
    const captions = menu!.items.flatMap((i) => (i.kind === 'item' ? [i.caption] : []));
    expect(captions).toEqual(
      expect.arrayContaining(['Set up / repair', 'Open the form (its link)', 'Check for missed reports']),
    );
  });

  test('before Set up, the menu items say to run Set up; after, they work', () => {
    const ws = newSchool();
    ws.openSpreadsheet(SCHOOL.dsl);
    const ui = ws.spreadsheets.ui;
    const last = (): string => ui.shown(SCHOOL.dsl).at(-1)?.message ?? '';
    ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Open the form (its link)');
    expect(last()).toMatch(/no form yet.*Set up \/ repair/);
    ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Check for missed reports');
    // Nobody runs the system before the first Set up: the check does not run, and says to run Set up.
    expect(last()).toMatch(/Nobody runs this system yet.*Set up \/ repair first/);

    ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Set up / repair');
    configureSchool(ws);
    ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Set up / repair');
    const form = ws.forms.snapshot()[0] as { publishedUrl: string };
    ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Open the form (its link)');
    expect(last()).toContain(form.publishedUrl);

    submit(ws, ordinaryReport({ description: 'Seen.' }));
    submit(ws, ordinaryReport({ description: 'Missed.' }), { fireTriggers: false });
    const click = ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Check for missed reports');
    expect(click.status).toBe('completed');
    expect(last()).toMatch(
      /^1 missed report\(s\) found and recorded now; all 2 form response\(s\) are recorded\./,
    );
    expect(registerRows(ws).map((r) => r['What happened'])).toEqual(['Seen.', 'Missed.']);
    ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Check for missed reports');
    expect(last()).toMatch(/^Nothing was missing: all 2 form response\(s\) are recorded\./);
    expect(registerRows(ws)).toHaveLength(2);
  });
});
