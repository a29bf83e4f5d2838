/**
 * Alert delivery end to end through the built bundle: a flagged report tells the DSL and deputy at once,
 * each exactly once, in a content-light HTML and text email; the row records when and to whom; a send that
 * cannot happen (quota used up, a mail failure) leaves the row pending and the hourly retry sends it once,
 * never to anyone already told.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATEGORIES } from '../../src/domain/settings';
import { registerRows, SCHOOL, sheetValues, submit, editSettings } from '../support/deployment';
import {
  deliveryCounts,
  expectNoneInLogs,
  expectRunsSucceeded,
  flaggedReport,
  mailFor,
  onlyAlertTo,
  runsOf,
  setUpSchool,
} from './alerts-support';
import { ordinaryReport } from '../support/deployment';

const HOUR = 60 * 60 * 1000;
/** The pupil names and free text the default reports carry: none may appear where it must not. */
const PUPIL_NAMES = ['Amira Khan', 'Jordan Blake'];
const DESCRIPTION = 'Group chat messages calling a pupil names.';
const ACTIONS = 'Spoke to both pupils.';

const ALWAYS_FLAGGED = DEFAULT_CATEGORIES.filter((c) => c.alwaysChildProtection).map((c) => c.name);

describe('a flagged report', () => {
  const cases: Array<[string, Record<string, string | string[]>]> = [
    ['the reporter believes a child is at risk', { childAtRisk: 'Yes' }],
    ['the reporter is not sure a child is safe', { childAtRisk: 'Not sure' }],
    ...ALWAYS_FLAGGED.map((category): [string, Record<string, string | string[]>] => [
      `the category "${category}" always counts`,
      { categories: [category], childAtRisk: 'No' },
    ]),
  ];

  it.each(cases)('alerts the DSL and the deputy once each, at once, when %s', (_why, answers) => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    const { executions } = submit(ws, ordinaryReport(answers));

    // Sent inside the submit trigger's own run, at the moment of submission.
    expect(executions.map((e) => e.status)).toEqual(['completed']);
    const sent = ws.mail.sent.slice(before);
    expect(deliveryCounts(sent)).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    for (const message of sent) {
      expect(message.to).toHaveLength(1);
      expect(message.cc).toEqual([]);
      expect(message.bcc).toEqual([]);
      expect(message.at).toBe(new Date(ws.clock.now()).toISOString());
    }

    const [row] = registerRows(ws);
    expect(row?.['Child protection']).toBe('Yes');
    expect(row?.['Alert status']).toBe('Sent');
    const log = String(row?.['Alert log']);
    expect(log).toContain('7 Sept 2026, 09:00');
    expect(log).toContain(`sent to ${SCHOOL.dsl}`);
    expect(log).toContain(SCHOOL.deputy);
    expectNoneInLogs(ws, [...PUPIL_NAMES, DESCRIPTION, ACTIONS]);
  });

  it('says little: the ID, categories, time, reporter and a link to the row, in HTML and text', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport()); // unflagged: row 2, no alert
    submit(ws, flaggedReport({ categories: ['Nudes or semi-nudes', 'Cyberbullying, hate or harassment'] }), {
      email: SCHOOL.ta,
    });
    const message = onlyAlertTo(ws, SCHOOL.dsl, 'OSI-2026-0002');
    const { subject, body: text, htmlBody } = message;
    const html = htmlBody ?? '';

    expect(subject).toBe('[Online safety] Child-protection concern OSI-2026-0002');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const part of [text, html]) {
      expect(part).toContain('OSI-2026-0002');
      expect(part).toContain('Nudes or semi-nudes');
      expect(part).toContain('Cyberbullying, hate or harassment');
      expect(part).toContain('7 Sept 2026, 09:00');
      expect(part).toContain(SCHOOL.ta);
      for (const secret of [...PUPIL_NAMES, DESCRIPTION, ACTIONS, 'WhatsApp'])
        expect(part).not.toContain(secret);
    }

    // The link opens the Register at this incident's row.
    const book = (
      ws.spreadsheets.snapshot() as Array<{
        id: string;
        url: string;
        sheets: Array<{ name: string; sheetId: number }>;
      }>
    ).find((b) => b.id === ws.containerId);
    const registerSheetId = book?.sheets.find((s) => s.name === 'Register')?.sheetId;
    const href = /href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&').replace(/&#61;/g, '=') ?? '';
    expect(href.startsWith(book?.url ?? 'no url')).toBe(true);
    expect(href).toContain(`gid=${registerSheetId}`);
    const row = Number(/range=A(\d+)$/.exec(href)?.[1]);
    expect(sheetValues(ws, ws.containerId, 'Register')[row - 1]?.[0]).toBe('OSI-2026-0002');
    expect(text).toContain(href);
  });

  it('sends nothing for a report with no flag and no adult concern, and says so on the row', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    submit(ws, ordinaryReport());
    expect(ws.mail.sent.length).toBe(before);
    expect(registerRows(ws)[0]?.['Alert status']).toBe('Not needed');
  });

  it('includes the details only when Settings ask for full alerts, and never in the subject', () => {
    const { ws } = setUpSchool({ 'Alert detail': 'full' });
    submit(ws, flaggedReport({ pupilsOther: 'Zara Ahmed' }));
    const message = onlyAlertTo(ws, SCHOOL.dsl, 'OSI-2026-0001');
    expect(message.body).toContain(DESCRIPTION);
    expect(message.htmlBody).toContain('Amira Khan');
    expect(message.htmlBody).toContain('Zara Ahmed');
    for (const name of [...PUPIL_NAMES, 'Zara Ahmed']) expect(message.subject).not.toContain(name);
    expectNoneInLogs(ws, [...PUPIL_NAMES, 'Zara Ahmed', DESCRIPTION]);
  });
});

describe('never silently dropped', () => {
  /** Moves time on by an hour; the hourly retry job must have run (and succeeded) in that hour. */
  function nextHourlyRun(ws: ReturnType<typeof setUpSchool>['ws']): void {
    const runs = runsOf(ws, 'retryPendingAlerts').length;
    ws.advanceTo(ws.clock.now() + HOUR + 60_000);
    expect(runsOf(ws, 'retryPendingAlerts').length).toBeGreaterThan(runs);
    expectRunsSucceeded(ws, 'retryPendingAlerts', 'onFormSubmit');
  }

  it('queues the alert when the quota is used up, and the next run after it is restored sends it once', () => {
    const { ws } = setUpSchool();
    ws.mail.setRemainingQuota(0);
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport());
    expect(ws.mail.sent.length).toBe(before);
    let row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe(`Pending: ${SCHOOL.dsl}, ${SCHOOL.deputy}`);
    expect(String(row?.['Alert log'])).toContain(`not sent to ${SCHOOL.dsl}: daily mail quota used up`);

    // Still used up at the next run: still pending, and the log does not grow a line per hour.
    nextHourlyRun(ws);
    nextHourlyRun(ws);
    expect(ws.mail.sent.length).toBe(before);
    row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe(`Pending: ${SCHOOL.dsl}, ${SCHOOL.deputy}`);
    expect(String(row?.['Alert log']).split(`not sent to ${SCHOOL.dsl}`)).toHaveLength(2);

    ws.mail.setRemainingQuota(100);
    nextHourlyRun(ws);
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe('Sent');
    expect(String(row?.['Alert log'])).toMatch(
      /— sent to dsl@school\.example \(dsl\); deputy@school\.example/,
    );

    // Later runs send nothing more.
    for (let i = 0; i < 3; i++) nextHourlyRun(ws);
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    expectNoneInLogs(ws, [...PUPIL_NAMES, DESCRIPTION]);
  });

  it('sends what the quota allows and the rest later, never again to whoever was told', () => {
    const { ws } = setUpSchool();
    ws.mail.setRemainingQuota(1);
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport());
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1 });
    expect(registerRows(ws)[0]?.['Alert status']).toBe(`Pending: ${SCHOOL.deputy}`);

    ws.mail.setRemainingQuota(100);
    nextHourlyRun(ws);
    nextHourlyRun(ws);
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    expect(registerRows(ws)[0]?.['Alert status']).toBe('Sent');
  });

  it('retries a send that failed in the mail service, once, and only to the address it failed for', () => {
    const { ws } = setUpSchool();
    ws.mail.failNextSend('Service unavailable: Email');
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport());
    // The first send (the DSL's) failed; the deputy's went.
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.deputy]: 1 });
    const row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe(`Pending: ${SCHOOL.dsl}`);
    expect(String(row?.['Alert log'])).toContain(`not sent to ${SCHOOL.dsl}: Service unavailable: Email`);

    nextHourlyRun(ws);
    nextHourlyRun(ws);
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    expect(registerRows(ws)[0]?.['Alert status']).toBe('Sent');
  });

  it('tells whoever holds the role now when Settings change while an alert is pending', () => {
    const { ws } = setUpSchool();
    ws.mail.setRemainingQuota(0);
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport());
    editSettings(ws, { 'Deputy DSL emails': 'new.deputy@school.example' });
    ws.mail.setRemainingQuota(100);
    nextHourlyRun(ws);
    expect(deliveryCounts(ws.mail.sent.slice(before))).toEqual({
      [SCHOOL.dsl]: 1,
      'new.deputy@school.example': 1,
    });
    const row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe('Sent');
    expect(String(row?.['Alert log'])).toContain(`no longer owed to ${SCHOOL.deputy}`);
  });

  it('keeps a report whose alert nobody could receive pending, and sends it once Settings are fixed', () => {
    const { ws } = setUpSchool({
      'DSL email': '',
      'Deputy DSL emails': '',
      'Headteacher email': '',
      'Chair of Governors email': '',
    });
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport());
    expect(ws.mail.sent.length).toBe(before);
    const row = registerRows(ws)[0];
    expect(row?.['Alert status']).toBe('Not sent: nobody can be told correctly');
    expect(String(row?.['Alert log'])).toContain('Nobody was emailed');

    editSettings(ws, { 'DSL email': SCHOOL.dsl });
    nextHourlyRun(ws);
    nextHourlyRun(ws);
    // Setting the DSL is a routing change: its content-free notice goes to the new DSL too (issue 12).
    const notice = (m: { subject: string }): boolean =>
      m.subject.includes('Settings changed: who receives reports');
    expect(deliveryCounts(ws.mail.sent.slice(before).filter(notice))).toEqual({ [SCHOOL.dsl]: 1 });
    expect(deliveryCounts(ws.mail.sent.slice(before).filter((m) => !notice(m)))).toEqual({ [SCHOOL.dsl]: 1 });
    expect(registerRows(ws)[0]?.['Alert status']).toBe('Sent');
  });

  it('tells each person about each incident once, whatever the mix of failures across incidents', () => {
    const { ws } = setUpSchool();
    const before = ws.mail.sent.length;
    ws.mail.setRemainingQuota(3);
    submit(ws, flaggedReport()); // both sent
    submit(ws, flaggedReport()); // DSL sent, deputy pending
    ws.mail.failNextSend('Service unavailable: Email');
    submit(ws, flaggedReport()); // nothing left: both pending
    ws.mail.setRemainingQuota(100);
    nextHourlyRun(ws);
    nextHourlyRun(ws);
    const byIncident = (id: string): Record<string, number> =>
      deliveryCounts(ws.mail.sent.slice(before).filter((m) => m.subject.endsWith(id)));
    for (const id of ['OSI-2026-0001', 'OSI-2026-0002', 'OSI-2026-0003']) {
      expect(byIncident(id)).toEqual({ [SCHOOL.dsl]: 1, [SCHOOL.deputy]: 1 });
    }
    expect(registerRows(ws).map((r) => r['Alert status'])).toEqual(['Sent', 'Sent', 'Sent']);
    expect(mailFor(ws, SCHOOL.headteacher)).toEqual([]);
  });
});
