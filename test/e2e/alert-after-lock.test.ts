/**
 * A flagged report's alert is sent after the submit run has released the script lock (issue 15): the row
 * is written and committed under the lock, the alert is claimed in the same property write, and the mail
 * goes out with the lock free. Emulated here with the mail service "busy": while the submit run's first alert
 * is being sent, other executions and people act (the emulator runs them inside the send).
 */
import { describe, expect, it } from '@jest/globals';
import { ordinaryReport, registerRows, SCHOOL, scriptProperties, submit } from '../support/deployment';
import { expectRunsSucceeded, flaggedReport, mailFor, runsOf, setUpSchool } from './alerts-support';

const HOUR = 60 * 60 * 1000;

function retryTriggerUid(ws: ReturnType<typeof setUpSchool>['ws']): string {
  const trigger = ws.script.list().find((t) => t.handler === 'retryPendingAlerts');
  if (!trigger) throw new Error('no hourly retry trigger');
  return trigger.uid;
}

describe('a flagged report is alerted with the script lock released', () => {
  it('lets another report be recorded while the alert is being sent, and the hourly retry sends nothing twice', () => {
    const { ws } = setUpSchool();
    ws.mail.whileNextSend(() => {
      // A teacher submits an ordinary report, and the hourly retry fires, while the first alert is sent.
      submit(ws, ordinaryReport({ description: 'Second report, made meanwhile.' }));
      ws.script.fireTrigger(retryTriggerUid(ws));
    });
    submit(ws, flaggedReport());
    expectRunsSucceeded(ws, 'onFormSubmit', 'retryPendingAlerts');
    expect(ws.locks.stats().timedOut).toBe(0);
    const rows = registerRows(ws);
    expect(rows.map((r) => r['Incident ID'])).toEqual(['OSI-2026-0001', 'OSI-2026-0002']);
    // The retry found the first row still "Pending" and left it to the run sending it.
    for (const person of [SCHOOL.dsl, SCHOOL.deputy]) {
      expect(mailFor(ws, person).filter((m) => m.subject.includes('OSI-2026-0001'))).toHaveLength(1);
    }
    expect(String(rows[0]?.['Alert status'])).toMatch(/^Sent/);
    expect(String(rows[1]?.['Alert status'])).toBe('Not needed');
    // Hours later the retry still sends nothing: the row says who was told.
    ws.advanceTo(ws.clock.now() + 2 * HOUR);
    expect(runsOf(ws, 'retryPendingAlerts').length).toBeGreaterThan(1);
    expect(mailFor(ws, SCHOOL.dsl).filter((m) => m.subject.includes('OSI-2026-0001'))).toHaveLength(1);
  });

  it('writes the alert cells on the row that holds the report, after rows above it were deleted meanwhile', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport({ description: 'Earlier report one.' }));
    submit(ws, ordinaryReport({ description: 'Earlier report two.' }));
    ws.mail.whileNextSend(() => {
      // The DSL deletes the first row, so the flagged report moves up one row; then a new report lands at
      // the end, on the row number the flagged report was written to.
      ws.spreadsheets._userDeleteRows(SCHOOL.dsl, ws.containerId, 'Register', 2);
      submit(ws, ordinaryReport({ description: 'Report made meanwhile.' }));
    });
    submit(ws, flaggedReport());
    expectRunsSucceeded(ws, 'onFormSubmit');
    const byId = new Map(registerRows(ws).map((r) => [String(r['Incident ID']), r]));
    expect([...byId.keys()]).toEqual(['OSI-2026-0002', 'OSI-2026-0003', 'OSI-2026-0004']);
    expect(String(byId.get('OSI-2026-0003')?.['Alert status'])).toMatch(/^Sent/);
    expect(String(byId.get('OSI-2026-0003')?.['Alert log'])).toContain(SCHOOL.dsl);
    // The report made meanwhile keeps its own status and an alert log with nothing sent.
    expect(String(byId.get('OSI-2026-0004')?.['Alert status'])).toBe('Not needed');
    expect(String(byId.get('OSI-2026-0004')?.['Alert log'])).not.toContain(SCHOOL.dsl);
  });

  it('leaves an alert the run could not send to the hourly retry once the claim has lapsed, and sends it once', () => {
    const { ws } = setUpSchool();
    ws.mail.failNextSend('Service invoked too many times for one day: email.');
    submit(ws, flaggedReport());
    const pending = String(registerRows(ws)[0]?.['Alert status']);
    expect(pending).toMatch(/^Pending/);
    ws.advanceTo(ws.clock.now() + HOUR + 60_000);
    expectRunsSucceeded(ws, 'retryPendingAlerts', 'onFormSubmit');
    const owed = pending.includes(SCHOOL.dsl) ? SCHOOL.dsl : SCHOOL.deputy;
    expect(mailFor(ws, owed).filter((m) => m.subject.includes('OSI-2026-0001'))).toHaveLength(1);
    expect(String(registerRows(ws)[0]?.['Alert status'])).toMatch(/^Sent/);
  });

  it('does not let a claim planted in the script properties with a future time hold an alert back', () => {
    const { ws } = setUpSchool();
    ws.mail.failNextSend('Mail service unavailable.');
    const { responseId } = submit(ws, flaggedReport());
    // A deputy the DSL made an editor of the register spreadsheet opens the script project and re-dates the
    // claim a year ahead.
    ws.drive.share(ws.containerId, SCHOOL.deputy, 'editor');
    const key = `recorded:${responseId}`;
    expect(scriptProperties(ws)[key] ?? '').toMatch(/^OSI-2026-0001\|\d+\|alerting$/);
    ws.project.setScriptPropertiesAs(SCHOOL.deputy, {
      [key]: `OSI-2026-0001|${ws.clock.now() + 365 * 24 * HOUR}|alerting`,
    });
    ws.advanceTo(ws.clock.now() + HOUR + 60_000);
    expect(String(registerRows(ws)[0]?.['Alert status'])).toMatch(/^Sent/);
  });
});
