/**
 * Alerts never stuck: a full-detail alert MailApp refuses (its body is over the per-message limit) goes out
 * minimal in the same run, through the built bundle, and the row's alert log says why.
 */
import { describe, expect, it } from '@jest/globals';
import { registerRows, SCHOOL, submit } from '../support/deployment';
import { flaggedReport, mailFor, runsOf, setUpSchool } from './alerts-support';

const HOUR = 60 * 60 * 1000;

describe('a full alert too large to send', () => {
  it('is sent minimal at once, the row says so, and nothing stays Pending', () => {
    const { ws } = setUpSchool({ 'Alert detail': 'full' });
    // Over MailApp's 400 KB body limit for a Workspace account once it is in the email.
    const description = 'She said the messages kept coming all night. '.repeat(10_000);
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport({ description }));

    const row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe('Sent');
    const log = String(row?.['Alert log']);
    for (const person of [SCHOOL.dsl, SCHOOL.deputy]) {
      expect(log).toContain(
        `minimal alert sent to ${person} because the full alert was refused by the mail service (Limit Exceeded: Email Body Size.)`,
      );
      const alerts = mailFor(ws, person).filter((m) => m.subject.includes('OSI-2026-0001'));
      expect(alerts).toHaveLength(1);
      // The minimal alert: which incident and a link, not the account itself.
      expect(alerts[0]!.body).not.toContain('kept coming all night');
      expect(alerts[0]!.body).toContain('OSI-2026-0001');
    }
    expect(ws.mail.sent.length - before).toBe(2);

    // The hourly retry has nothing left to send.
    ws.advanceTo(ws.clock.now() + HOUR + 60_000);
    expect(runsOf(ws, 'retryPendingAlerts').length).toBeGreaterThan(0);
    expect(ws.mail.sent.length - before).toBe(2);
    expect(registerRows(ws)[0]?.['Alert status']).toBe('Sent');
  });

  it('a full alert within the limit is sent full, with no note', () => {
    const { ws } = setUpSchool({ 'Alert detail': 'full' });
    submit(ws, flaggedReport({ description: 'Messages late at night.' }));
    const row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe('Sent');
    expect(String(row?.['Alert log'])).not.toContain('minimal alert');
    const alert = mailFor(ws, SCHOOL.dsl).find((m) => m.subject.includes('OSI-2026-0001'));
    expect(alert?.body).toContain('Messages late at night.');
  });
});
