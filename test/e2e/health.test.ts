/**
 * The health check (issue 12, item 6) through the built bundle with people emulated: a line per check on a
 * protected Health sheet, what it names when a job is deleted, consent is partial or the time zones differ,
 * a legacy form and a re-pointed file id — and the DSL emailed only when a check turns bad.
 */
import { SCOPES } from '../../emulator/auth';
import { deploymentIds, SCHOOL } from '../support/deployment';
import { anHourPasses, clickHealthCheck, healthEmails, healthSheet, usualSchool } from './health-support';

describe('the health check', () => {
  test('a healthy school: every line OK, written to a Health sheet only the runner can change', () => {
    const ws = usualSchool();
    clickHealthCheck(ws);
    const lines = healthSheet(ws);
    expect([...lines.keys()]).toEqual(
      expect.arrayContaining(['Report form', 'Register', 'Scheduled jobs', 'Permissions', 'Time zones']),
    );
    const notOk = [...lines].filter(([, l]) => l.status !== 'OK');
    expect(notOk).toEqual([]);
    expect(() => ws.spreadsheets._userEdit(SCHOOL.deputy, ws.containerId, 'Health', 'B2', 'OK')).toThrow(
      /protected cell/,
    );
    expect(healthEmails(ws)).toHaveLength(0);
  });

  test('a deleted scheduled job is named', () => {
    const ws = usualSchool();
    const job = ws.script.list().find((t) => t.handler === 'sendOverdueReminders')!;
    ws.script._delete(job.uid);
    clickHealthCheck(ws);
    const jobs = healthSheet(ws).get('Scheduled jobs')!;
    expect(jobs.status).toBe('Problem');
    expect(jobs.found).toContain('sendOverdueReminders');
    expect(jobs.todo).toMatch(/Set up \/ repair/);
  });

  test('every job Set up installs is watched: the audit jobs and each allegation file’s edit job too', () => {
    const ws = usualSchool();
    clickHealthCheck(ws);
    // A healthy school counts all of them: nine for the register and the school, one per allegation file.
    expect(healthSheet(ws).get('Scheduled jobs')!.found).toBe('All 12 are installed.');
    for (const handler of ['checkAuditTrail', 'onHeadteacherAllegationsEdit']) {
      const job = ws.script.list().find((t) => t.handler === handler)!;
      ws.script._delete(job.uid);
    }
    clickHealthCheck(ws);
    const jobs = healthSheet(ws).get('Scheduled jobs')!;
    expect(jobs.status).toBe('Problem');
    expect(jobs.found).toContain('checkAuditTrail');
    expect(jobs.found).toContain('onHeadteacherAllegationsEdit');
  });

  test('partial consent: Set up says so in plain words; the health check names it', () => {
    const ws = usualSchool();
    ws.auth.grant(
      SCHOOL.dsl,
      ws.auth.manifestScopes().filter((s) => s !== SCOPES.sendMail),
    );
    ws.openSpreadsheet(SCHOOL.dsl);
    // Google's own prompt ends the run (the emulator: with Apps Script's "not sufficient" error)…
    expect(() => ws.spreadsheets.ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Set up / repair')).toThrow(
      /not sufficient/,
    );
    // …after the plain words.
    const shown = ws.spreadsheets.ui.shown(SCHOOL.dsl).map((d) => d.message);
    expect(shown.join('\n')).toMatch(/allowed only some of the permissions.*tick every box/s);
    clickHealthCheck(ws);
    expect(healthSheet(ws).get('Permissions')).toMatchObject({ status: 'Problem' });
  });

  test('different time zones are named', () => {
    const ws = usualSchool();
    ws.spreadsheets._setTimeZone(SCHOOL.dsl, ws.containerId, 'America/New_York');
    clickHealthCheck(ws);
    const line = healthSheet(ws).get('Time zones')!;
    expect(line.status).toBe('Problem');
    expect(line.found).toContain('America/New_York');
    expect(line.found).toContain('Europe/London');
  });

  test('a legacy form: Set up / repair works, and the check says it is open by its own settings', () => {
    const ws = usualSchool();
    ws.forms._makeLegacy(deploymentIds(ws).formId);
    ws.openSpreadsheet(SCHOOL.dsl);
    expect(ws.spreadsheets.ui.clickMenu(SCHOOL.dsl, 'Online Safety', 'Set up / repair').status).toBe(
      'completed',
    );
    clickHealthCheck(ws);
    const line = healthSheet(ws).get('Form published and taking reports')!;
    expect(line.status).toBe('OK');
    expect(line.found).toMatch(/legacy form/);
  });

  test('a file id re-pointed at the register in the script properties is reported as a mismatch', () => {
    const ws = usualSchool();
    ws.project.setScriptPropertiesAs(SCHOOL.deputy, { staffAllegationsId: ws.containerId });
    clickHealthCheck(ws);
    const line = healthSheet(ws).get('Staff allegations file')!;
    expect(line.status).toBe('Problem');
    expect(line.found).toMatch(/marked as "register"/);
  });

  test('the DSL is emailed when a check turns bad — not every hour while it stays bad; again when it comes back', () => {
    const ws = usualSchool();
    const formId = deploymentIds(ws).formId;
    ws.drive.trash(formId);
    anHourPasses(ws);
    expect(healthEmails(ws)).toHaveLength(1);
    anHourPasses(ws);
    anHourPasses(ws);
    expect(healthEmails(ws)).toHaveLength(1);
    ws.drive.get(formId)!.trashed = false;
    anHourPasses(ws);
    expect(healthSheet(ws).get('Report form')!.status).toBe('OK');
    expect(healthEmails(ws)).toHaveLength(1);
    ws.drive.trash(formId);
    anHourPasses(ws);
    expect(healthEmails(ws)).toHaveLength(2);
  });
});
