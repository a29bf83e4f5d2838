/**
 * One runner, through the built bundle with the school's people emulated: the system runs as one account
 * (the DSL who first ran Set up); nobody else's click changes or sends anything, nobody else's trigger
 * works, and the DSL can hand the system over to a new DSL when they leave.
 */
import type { Workspace } from '../../emulator/workspace';
import type { UiLogEntry } from '../../emulator/sheets/ui';
import { loadBundle } from '../../emulator/load-bundle';
import { columnLetter } from '../../src/workspace/register-sheet';
import { setUpUsualSchool } from '../../scripts/lib/scenario';
import {
  deploymentIds,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  SCHOOL,
  scriptProperties,
  sheetValues,
  submit,
} from '../support/deployment';
import { flaggedReport, staffConcern } from './alerts-support';

const MENU = 'Online Safety';
const NEW_DSL = 'new.dsl@school.example';
/** The school business manager, who owns the spreadsheet in the school where the DSL left without a word. */
const OFFICE = 'office@school.example';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The usual school: the DSL runs Set up, fills in Settings, runs it again, shares with the deputy. */
function usualSchool(owner: string = SCHOOL.dsl): Workspace {
  const ws = newSchool({ owner });
  if (owner !== SCHOOL.dsl) ws.drive.share(ws.containerId, SCHOOL.dsl, 'editor');
  setUpUsualSchool(ws, (_name, action) => {
    action();
    return true;
  });
  return ws;
}

interface Click {
  status: string;
  shown: UiLogEntry[];
}

/** `user` opens the spreadsheet and clicks a menu item, typing `answer` if it asks for something. */
function click(ws: Workspace, user: string, caption: string, answer?: string): Click {
  const before = ws.spreadsheets.ui.shown(user).length;
  ws.openSpreadsheet(user);
  if (answer !== undefined) ws.spreadsheets.ui.queueResponse(user, { button: 'OK', text: answer });
  const run = ws.spreadsheets.ui.clickMenu(user, MENU, caption);
  return { status: run.status, shown: ws.spreadsheets.ui.shown(user).slice(before) };
}

function said(c: Click): string {
  return c.shown.map((s) => `${s.title}\n${s.message}`).join('\n');
}

function triggersOf(ws: Workspace, owner: string): string[] {
  return ws.script
    .list()
    .filter((t) => t.owner.toLowerCase() === owner.toLowerCase())
    .map((t) => t.handler)
    .sort();
}

/** The jobs installed by hand as a second set (as an older Set up installed them). */
const SECOND_SET = [
  'onFormSubmit',
  'onRegisterEdit',
  'rebuildSummary',
  'reconcileMissedReports',
  'retryPendingAlerts',
  'sendOverdueReminders',
  'sendWeeklyDigest',
].sort();

/**
 * The old runner's triggers still installed: none but on-edit triggers of a file nobody has edited since
 * (they remove themselves at the first edit, as every other did when it fired).
 */
function expectOldTriggersGone(ws: Workspace, owner: string, notEdited: string[]): void {
  const left = ws.script.list().filter((t) => t.owner.toLowerCase() === owner.toLowerCase());
  for (const t of left) {
    expect({
      handler: t.handler,
      onEditOf: t.eventType === 'ON_EDIT' && notEdited.includes(t.sourceId),
    }).toEqual({
      handler: t.handler,
      onEditOf: true,
    });
  }
}

/** `user` types `value` into the Status column of row 2 of a record file's Register sheet. */
function triage(ws: Workspace, user: string, fileId: string, value = 'Triaged'): void {
  const header = sheetValues(ws, fileId, 'Register')[0] ?? [];
  const column = columnLetter(header.indexOf('Status') + 1);
  ws.spreadsheets._userEdit(user, fileId, 'Register', `${column}2`, value);
}

/**
 * What an older Set up by a second person left (or anyone can do in Extensions › Apps Script): the same
 * jobs, installed as `user`, so they run as `user`.
 */
function installSecondSet(ws: Workspace, user: string): void {
  const ScriptApp = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
  const { formId } = deploymentIds(ws);
  const install = (): void => {
    ScriptApp.newTrigger('onFormSubmit').forForm(formId).onFormSubmit().create();
    ScriptApp.newTrigger('onRegisterEdit').forSpreadsheet(ws.containerId).onEdit().create();
    ScriptApp.newTrigger('reconcileMissedReports').timeBased().everyDays(1).atHour(2).create();
    ScriptApp.newTrigger('rebuildSummary').timeBased().everyDays(1).atHour(3).create();
    ScriptApp.newTrigger('sendOverdueReminders').timeBased().everyDays(1).atHour(7).create();
    ScriptApp.newTrigger('retryPendingAlerts').timeBased().everyHours(1).create();
    ScriptApp.newTrigger('sendWeeklyDigest')
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.MONDAY)
      .atHour(7)
      .create();
  };
  // One execution of `user` (the script editor's Run button), beside the bundle's own functions.
  const { functions } = loadBundle(ws);
  ws.installScript({ ...functions, __installSecondSet: install });
  ws.run('__installSecondSet', [], { user, kind: 'editor' });
  ws.installScript(functions);
}

function sentFrom(ws: Workspace, from: string, since = 0): number {
  return ws.mail.sent.slice(since).filter((m) => m.from.toLowerCase() === from.toLowerCase()).length;
}

/** Every form response is a row in exactly one record file, once. */
function expectEveryResponseOnce(ws: Workspace): void {
  const { formId, staffAllegationsId, headteacherAllegationsId } = deploymentIds(ws);
  const files = [ws.containerId, staffAllegationsId, headteacherAllegationsId].filter((id) => id !== '');
  const ids = files.flatMap((id) => registerRows(ws, id).map((r) => String(r['Response ID'] ?? '')));
  const responses = ws.forms.responses(formId).map((r) => r.id);
  expect(ids.sort()).toEqual([...responses].sort());
  const incidentIds = files.flatMap((id) => registerRows(ws, id).map((r) => String(r['Incident ID'])));
  expect(new Set(incidentIds).size).toBe(incidentIds.length);
}

function setting(ws: Workspace, label: string): string {
  const row = sheetValues(ws, ws.containerId, 'Settings').find((r) => r[0] === label);
  return String(row?.[1] ?? '');
}

describe('the first Set up names the runner', () => {
  test('the DSL who ran it runs the system: recorded, shown in Settings, and the only one who can change Settings', () => {
    const ws = usualSchool();
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
    expect(setting(ws, 'Runs the system')).toBe(SCHOOL.dsl);
    const handlers = triggersOf(ws, SCHOOL.dsl);
    expect(handlers).toEqual(expect.arrayContaining(SECOND_SET));
    expect(new Set(handlers).size).toBe(handlers.length);

    // The deputy, an editor of the spreadsheet, cannot type in Settings.
    expect(() =>
      ws.spreadsheets._userEdit(SCHOOL.deputy, ws.containerId, 'Settings', 'B5', 'deputy.home@gmail.example'),
    ).toThrow(/protected/);
    expect(setting(ws, 'Headteacher email')).toBe(SCHOOL.headteacher);
    // The DSL can.
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', 'B2', 'Hillside Academy');
    expect(setting(ws, 'School name')).toBe('Hillside Academy');
  });

  test('typing in the "Runs the system" row changes nothing: Set up puts it back', () => {
    const ws = usualSchool();
    const row = sheetValues(ws, ws.containerId, 'Settings').findIndex((r) => r[0] === 'Runs the system');
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', `B${row + 1}`, SCHOOL.deputy);
    runSetUp(ws);
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
    expect(setting(ws, 'Runs the system')).toBe(SCHOOL.dsl);
  });
});

describe('each menu item that writes or sends refuses anyone but the runner, saying who can run it', () => {
  const guarded = [
    'Set up / repair',
    'Check for missed reports',
    'Rebuild the summary now',
    'Send me a preview of the weekly email',
    'Send pending alerts now',
    'Hand over to a new DSL…',
    'Retention review',
    'Delete a record…',
  ];

  test.each(guarded)('%s, clicked by the deputy', (caption) => {
    const ws = usualSchool();
    ws.mail.setRemainingQuota(0);
    submit(ws, flaggedReport());
    ws.mail.setRemainingQuota(100);
    const before = {
      mail: ws.mail.sent.length,
      props: JSON.stringify(scriptProperties(ws)),
      triggers: ws.script.list().length,
      sheets: JSON.stringify(ws.spreadsheets.snapshot()),
      forms: ws.forms.snapshot().length,
    };
    const c = click(ws, SCHOOL.deputy, caption, NEW_DSL);
    expect(c.status).toBe('completed');
    expect(said(c)).toContain(`Only ${SCHOOL.dsl} can run "${caption}"`);
    expect(said(c)).toContain('nothing was done');
    // Nothing sent, nothing written, nothing installed, no second form.
    expect(ws.mail.sent.length).toBe(before.mail);
    expect(JSON.stringify(scriptProperties(ws))).toBe(before.props);
    expect(ws.script.list()).toHaveLength(before.triggers);
    expect(JSON.stringify(ws.spreadsheets.snapshot())).toBe(before.sheets);
    expect(ws.forms.snapshot()).toHaveLength(before.forms);
  });

  test('the items that only read stay open to the deputy', () => {
    const ws = usualSchool();
    submit(ws, ordinaryReport());
    for (const caption of ['Verify audit trail']) {
      const c = click(ws, SCHOOL.deputy, caption);
      expect(c.status).toBe('completed');
      expect(said(c)).not.toMatch(/^Only /m);
    }
    const chronology = click(ws, SCHOOL.deputy, 'Pupil chronology…', 'Amira Khan');
    expect(chronology.status).toBe('completed');
    expect(said(chronology)).toMatch(/1 incident\(s\) name/);
  });

  test('the runner is not refused anything', () => {
    const ws = usualSchool();
    for (const caption of guarded.slice(0, 5)) {
      const c = click(ws, SCHOOL.dsl, caption);
      expect(c.status).toBe('completed');
      expect(said(c)).not.toMatch(/Only .* can run/);
    }
  });
});

describe('a second set of triggers, installed by someone who does not run the system', () => {
  test('does nothing when it fires, and deletes itself; the runner’s set does the work, once', () => {
    const ws = usualSchool();
    const runnersOwn = triggersOf(ws, SCHOOL.dsl);
    installSecondSet(ws, SCHOOL.deputy);
    expect(triggersOf(ws, SCHOOL.deputy)).toEqual(SECOND_SET);

    // A report: both onFormSubmit triggers fire; only the DSL's records it and alerts, once each.
    const mailBefore = ws.mail.sent.length;
    const { executions } = submit(ws, flaggedReport());
    expect(executions.map((e) => e.status)).toEqual(['completed', 'completed']);
    expect(registerRows(ws)).toHaveLength(1);
    const alerts = ws.mail.sent.slice(mailBefore);
    expect(alerts.map((m) => m.from)).toEqual([SCHOOL.dsl, SCHOOL.dsl]);
    expect(alerts.flatMap((m) => m.to).sort()).toEqual([SCHOOL.deputy, SCHOOL.dsl].sort());
    expect(triggersOf(ws, SCHOOL.deputy)).not.toContain('onFormSubmit');

    // A workflow edit: recorded once in the audit trail (by the DSL's trigger); the deputy's goes.
    const auditRows = (): number => {
      try {
        return sheetValues(ws, ws.containerId, 'Audit').length;
      } catch {
        return 0;
      }
    };
    const auditBefore = auditRows();
    triage(ws, SCHOOL.dsl, ws.containerId);
    expect(registerRows(ws)[0]?.['Status']).toBe('Triaged');
    expect(auditRows() - Math.max(auditBefore, 1)).toBe(1);
    expect(triggersOf(ws, SCHOOL.deputy)).not.toContain('onRegisterEdit');

    // A week of scheduled jobs: each of the deputy's runs once, does nothing, and removes itself.
    ws.advanceTo(ws.clock.now() + 8 * DAY);
    expect(triggersOf(ws, SCHOOL.deputy)).toEqual([]);
    expect(triggersOf(ws, SCHOOL.dsl)).toEqual(runnersOwn);
    const deputyRuns = ws.executions.filter((e) => e.kind === 'trigger' && e.user === SCHOOL.deputy);
    expect(deputyRuns.map((e) => e.functionName).sort()).toEqual(SECOND_SET);
    expect(deputyRuns.every((e) => e.status === 'completed')).toBe(true);
    expect(sentFrom(ws, SCHOOL.deputy)).toBe(0);
    expect(
      ws.logs
        .snapshot()
        .map((l) => JSON.stringify(l))
        .join('\n'),
    ).not.toContain(SCHOOL.deputy);
    expectEveryResponseOnce(ws);
  });
});

describe('hand over to a new DSL', () => {
  test('end to end: pending, take over, the new DSL’s jobs run, the old ones remove themselves, nothing lost or sent twice', () => {
    const ws = usualSchool();
    const runnersOwn = triggersOf(ws, SCHOOL.dsl);
    submit(ws, ordinaryReport({ description: 'Before the hand-over.' }));

    // The DSL names the new DSL.
    const handOver = click(ws, SCHOOL.dsl, 'Hand over to a new DSL…', NEW_DSL);
    expect(handOver.status).toBe('completed');
    expect(said(handOver)).toContain(`${NEW_DSL} can now take the system over from you`);
    expect(said(handOver)).toContain('Take over as DSL');
    expect(said(handOver)).toMatch(/stay owned by your account/);
    expect(scriptProperties(ws).pendingRunner).toBe(NEW_DSL);
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
    const ids = deploymentIds(ws);
    for (const id of [ws.containerId, ids.formId, ids.staffAllegationsId, ids.headteacherAllegationsId]) {
      expect(ws.drive.canEdit(NEW_DSL, id)).toBe(true);
    }

    // Until the new DSL takes over, everything still runs as the DSL.
    const pendingRun = submit(ws, staffConcern({ description: 'While the hand-over waits.' }));
    expect(pendingRun.executions).toHaveLength(1);
    expect(ws.executions.at(-1)?.user).toBe(SCHOOL.dsl);

    // The new DSL takes over.
    const takeOver = click(ws, NEW_DSL, 'Take over as DSL');
    expect(takeOver.status).toBe('completed');
    const told = said(takeOver);
    expect(told).toContain(`You now run this system: its scheduled jobs and alerts run as you (${NEW_DSL})`);
    expect(told).toContain(`Settings › DSL email is now you (it was ${SCHOOL.dsl})`);
    expect(told).toMatch(/no Drive permission/);
    expect(told).toMatch(/removes itself/);
    expect(scriptProperties(ws).runner).toBe(NEW_DSL);
    expect(scriptProperties(ws).pendingRunner).toBeUndefined();
    expect(setting(ws, 'Runs the system')).toBe(NEW_DSL);
    expect(setting(ws, 'DSL email')).toBe(NEW_DSL);
    expect(triggersOf(ws, NEW_DSL)).toEqual(runnersOwn);
    // Nobody but the DSL can delete the DSL's triggers: they are still there.
    expect(triggersOf(ws, SCHOOL.dsl)).toEqual(runnersOwn);
    // One form still, the same restricted files.
    expect(ws.forms.snapshot()).toHaveLength(1);
    expect(deploymentIds(ws)).toEqual(ids);
    // Only the new DSL can change Settings now (the deputy cannot, as before).
    ws.spreadsheets._userEdit(NEW_DSL, ws.containerId, 'Settings', 'B2', 'Hillside Academy');
    expect(() =>
      ws.spreadsheets._userEdit(SCHOOL.deputy, ws.containerId, 'Settings', 'B2', 'Somewhere else'),
    ).toThrow(/protected/);

    // A flagged report and an allegation about staff after the take-over: recorded and alerted by the
    // new DSL's triggers, once; the old DSL's onFormSubmit does nothing and removes itself.
    const mailBefore = ws.mail.sent.length;
    const flagged = submit(ws, flaggedReport({ description: 'After the take-over.' }));
    expect(flagged.executions.map((e) => e.status)).toEqual(['completed', 'completed']);
    submit(ws, staffConcern({ description: 'An allegation after the take-over.' }));
    const after = ws.mail.sent.slice(mailBefore);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((m) => m.from === NEW_DSL)).toBe(true);
    const flaggedId = String(
      registerRows(ws).find((r) => r['What happened'] === 'After the take-over.')?.['Incident ID'],
    );
    const flaggedAlerts = after.filter((m) => m.subject.endsWith(flaggedId));
    expect(flaggedAlerts.flatMap((m) => m.to).sort()).toEqual([NEW_DSL, SCHOOL.deputy].sort());
    expect(triggersOf(ws, SCHOOL.dsl)).not.toContain('onFormSubmit');

    // A week of work: the new DSL triages in the register and the staff-allegations file, the jobs run.
    // Every old trigger that fired removed itself without sending anything; the new DSL's run on.
    const weekStart = ws.mail.sent.length;
    triage(ws, NEW_DSL, ws.containerId);
    triage(ws, NEW_DSL, ids.staffAllegationsId);
    ws.advanceTo(ws.clock.now() + 8 * DAY);
    expectOldTriggersGone(ws, SCHOOL.dsl, [ids.headteacherAllegationsId, ids.leadAllegationsId]);
    expect(triggersOf(ws, NEW_DSL)).toEqual(runnersOwn);
    expect(sentFrom(ws, SCHOOL.dsl, mailBefore)).toBe(0);
    expect(ws.mail.sent.slice(weekStart).some((m) => m.from === NEW_DSL)).toBe(true);
    const failed = ws.executions.filter((e) => e.status === 'failed');
    expect(failed).toEqual([]);
    expectEveryResponseOnce(ws);
    expect(registerRows(ws, ids.staffAllegationsId)).toHaveLength(2);
    expect(registerRows(ws)).toHaveLength(2);
  });

  test('the Headteacher cannot be handed the system', () => {
    const ws = usualSchool();
    const c = click(ws, SCHOOL.dsl, 'Hand over to a new DSL…', SCHOOL.headteacher);
    expect(said(c)).toMatch(/Headteacher's address in Settings/);
    expect(scriptProperties(ws).pendingRunner).toBeUndefined();
    expect(ws.drive.canView(SCHOOL.headteacher, ws.containerId)).toBe(false);
  });

  test('an empty answer cancels a waiting hand-over', () => {
    const ws = usualSchool();
    click(ws, SCHOOL.dsl, 'Hand over to a new DSL…', NEW_DSL);
    const c = click(ws, SCHOOL.dsl, 'Hand over to a new DSL…', '');
    expect(said(c)).toContain(`The hand-over to ${NEW_DSL} is cancelled`);
    expect(scriptProperties(ws).pendingRunner).toBeUndefined();
    const refused = click(ws, NEW_DSL, 'Take over as DSL');
    expect(said(refused)).toMatch(/Nothing was done/);
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
  });
});

describe('who may take over', () => {
  test('a deputy cannot take over, with or without a hand-over waiting for someone else', () => {
    const ws = usualSchool();
    const alone = click(ws, SCHOOL.deputy, 'Take over as DSL');
    expect(alone.status).toBe('completed');
    expect(said(alone)).toMatch(
      /Only the person dsl@school\.example hands the system over to can take it over/,
    );
    expect(said(alone)).toContain('Nothing was done');

    click(ws, SCHOOL.dsl, 'Hand over to a new DSL…', NEW_DSL);
    const pending = click(ws, SCHOOL.deputy, 'Take over as DSL');
    expect(said(pending)).toContain(
      `Only ${NEW_DSL}, whom ${SCHOOL.dsl} handed the system over to, can take it over`,
    );
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
    expect(triggersOf(ws, SCHOOL.deputy)).toEqual([]);
  });

  test('the owner can, when the DSL has left without handing over, once the DSL’s files are theirs', () => {
    // The school business manager owns the spreadsheet; the DSL ran Set up, so the form and the
    // restricted files are the DSL's.
    const ws = usualSchool(OFFICE);
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
    submit(ws, ordinaryReport({ description: 'Before the DSL left.' }));

    // The DSL leaves. The owner cannot open the DSL's form and files yet: told what to do, nothing changes.
    const early = click(ws, OFFICE, 'Take over as DSL');
    expect(said(early)).toMatch(/You cannot open the report form/);
    expect(said(early)).toMatch(/Workspace admin to transfer their Drive files to you/);
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
    expect(triggersOf(ws, OFFICE)).toEqual([]);

    // The Workspace admin transfers the departed DSL's Drive files to the owner (Admin console).
    const ids = deploymentIds(ws);
    for (const id of [
      ids.formId,
      ids.staffAllegationsId,
      ids.leadAllegationsId,
      ids.headteacherAllegationsId,
    ]) {
      const file = ws.drive.get(id);
      if (!file) throw new Error(`no file ${id}`);
      file.owner = OFFICE;
      file.editors.delete(OFFICE);
    }

    const c = click(ws, OFFICE, 'Take over as DSL');
    expect(c.status).toBe('completed');
    expect(said(c)).toContain(
      `You now run this system: its scheduled jobs and alerts run as you (${OFFICE})`,
    );
    expect(scriptProperties(ws).runner).toBe(OFFICE);
    expect(triggersOf(ws, OFFICE)).toEqual(triggersOf(ws, SCHOOL.dsl));
    expect(ws.forms.snapshot()).toHaveLength(1);
    expect(deploymentIds(ws)).toEqual(ids);

    // The next report is recorded and alerted by the owner's trigger; the DSL's jobs stand down and go.
    const mailBefore = ws.mail.sent.length;
    submit(ws, flaggedReport({ description: 'After the DSL left.' }));
    triage(ws, OFFICE, ws.containerId);
    ws.advanceTo(ws.clock.now() + 8 * DAY);
    expectOldTriggersGone(ws, SCHOOL.dsl, [
      ids.staffAllegationsId,
      ids.leadAllegationsId,
      ids.headteacherAllegationsId,
    ]);
    expect(sentFrom(ws, SCHOOL.dsl, mailBefore)).toBe(0);
    expect(sentFrom(ws, OFFICE, mailBefore)).toBeGreaterThan(0);
    expectEveryResponseOnce(ws);
  });

  test('the Headteacher cannot take over, even as the owner', () => {
    const ws = usualSchool(SCHOOL.headteacher);
    const c = click(ws, SCHOOL.headteacher, 'Take over as DSL');
    expect(said(c)).toMatch(/The system must not run as the Headteacher/);
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
  });
});

describe('Set up before any runner is recorded', () => {
  test('a deployment from before runners were recorded: its Set up person is recognised by their triggers', () => {
    const ws = usualSchool();
    // As an older version left it: no runner in the script properties.
    ws.project.setScriptPropertiesAs(SCHOOL.dsl, { runner: null });
    const deputy = click(ws, SCHOOL.deputy, 'Set up / repair');
    expect(said(deputy)).toMatch(/Set up was run before by another account/);
    expect(scriptProperties(ws).runner).toBeUndefined();
    runSetUp(ws);
    expect(scriptProperties(ws).runner).toBe(SCHOOL.dsl);
  });

  test('the very first Set up makes whoever runs it the runner, and tells them how to hand over', () => {
    const ws = newSchool();
    ws.drive.share(ws.containerId, SCHOOL.itAdmin, 'editor');
    const first = click(ws, SCHOOL.itAdmin, 'Set up / repair');
    expect(said(first)).toContain(`This system now runs as your account (${SCHOOL.itAdmin})`);
    expect(said(first)).toContain('Hand over to a new DSL…');
    expect(scriptProperties(ws).runner).toBe(SCHOOL.itAdmin);
    // Run again, it says so no more.
    const again = click(ws, SCHOOL.itAdmin, 'Set up / repair');
    expect(said(again)).not.toContain('now runs as your account');
  });
});
