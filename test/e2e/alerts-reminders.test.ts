/**
 * The daily overdue reminder end to end through the built bundle: the daily trigger fires at simulated
 * times; the DSL is emailed the IDs — nothing typed, no names — of incidents still New after the next school
 * day and of open incidents with no update for the Settings' number of days, across the Register and the
 * restricted files; an incident about the Headteacher is never listed to anyone who could be the Headteacher.
 */
import { describe, expect, it } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import type { SentEmail } from '../../emulator/mail';
import { registerHeaders } from '../../src/domain/register';
import { columnLetter } from '../../src/workspace/register-sheet';
import { ordinaryReport, SCHOOL, sheetValues, submit } from '../support/deployment';
import {
  expectNoneInLogs,
  expectRunsSucceeded,
  flaggedReport,
  headteacherConcern,
  ADULT,
  mailbox,
  recipientsOf,
  runsOf,
  setUpSchool,
  staffConcern,
} from './alerts-support';

/** Everything typed in the reports below that a reminder must never carry. */
const TYPED = [
  'Amira Khan',
  'Jordan Blake',
  'Group chat messages calling a pupil names.',
  'Spoke to both pupils.',
  'Dobson',
  'phone number',
  'WhatsApp',
];

/** 08:00 in London (BST in September) on a day of September 2026: after the 07:00 daily run. */
const morningOf = (day: number): string => `2026-09-${String(day).padStart(2, '0')}T07:00:00Z`;

/** The reminders sent since `from`, by recipient mailbox. */
function remindersSince(ws: Workspace, from: number): Map<string, SentEmail[]> {
  const byPerson = new Map<string, SentEmail[]>();
  for (const message of ws.mail.sent.slice(from)) {
    if (!/overdue for follow-up|agency reviews? due/.test(message.subject)) continue;
    for (const to of recipientsOf(message))
      byPerson.set(mailbox(to), [...(byPerson.get(mailbox(to)) ?? []), message]);
  }
  return byPerson;
}

/** The incident IDs a reminder lists, checking every line is an ID, a status, an age and a link — nothing else. */
function listedIds(message: SentEmail): string[] {
  const lines = message.body.split('\n').filter((line) => line.startsWith('- '));
  for (const line of lines) {
    expect(line).toMatch(
      /^- (OSI|SA|DL|HA)-2026-\d{4} \| (New|Triaged|In progress|Awaiting external agency) \| (open \d+ days?|review due \d+ \w{3} \d{4}) \| record: https:\/\/docs\.google\.com\/spreadsheets\/d\/\S+#gid=\d+&range=A\d+$/,
    );
  }
  return lines.map((line) => line.slice(2).split(' | ')[0] ?? '').sort();
}

function expectNothingTyped(message: SentEmail): void {
  for (const text of TYPED) {
    expect(message.subject).not.toContain(text);
    expect(message.body).not.toContain(text);
    expect(message.htmlBody).not.toContain(text);
  }
}

/** The DSL types into one of an incident's cells in the Register, as in the browser. */
function editRegister(ws: Workspace, incidentId: string, header: string, value: string): void {
  const values = sheetValues(ws, ws.containerId, 'Register');
  const row = values.findIndex((r) => r[0] === incidentId) + 1;
  const column = columnLetter(registerHeaders().indexOf(header) + 1);
  ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Register', `${column}${row}`, value);
}

describe('the daily overdue reminder', () => {
  it('lists the IDs of incidents still New after the next school day and of open ones past the overdue days', () => {
    const { ws } = setUpSchool({ 'Overdue after (days)': 5 });
    // Monday 7 September, 09:00.
    submit(ws, ordinaryReport()); // OSI-2026-0001
    submit(ws, flaggedReport()); // OSI-2026-0002
    submit(ws, staffConcern()); // SA-2026-0001: staff-allegations file, numbered on its own
    submit(ws, headteacherConcern()); // HA-2026-0001: Headteacher-allegations file, numbered on its own
    const start = ws.mail.sent.length;

    // Tuesday morning: the next school day is not over yet, so nothing is overdue and nobody is emailed.
    ws.advanceTo(morningOf(8));
    expect(runsOf(ws, 'sendOverdueReminders').length).toBe(1);
    expect(remindersSince(ws, start).size).toBe(0);

    ws.advanceTo('2026-09-08T09:00:00Z');
    editRegister(ws, 'OSI-2026-0001', 'Status', 'Triaged');

    // Wednesday morning: everything still New after Tuesday is listed; the triaged one is not yet.
    let from = ws.mail.sent.length;
    ws.advanceTo(morningOf(9));
    let reminders = remindersSince(ws, from);
    expect([...reminders.keys()].sort()).toEqual([SCHOOL.chair, SCHOOL.dsl].sort());
    const toDsl = reminders.get(SCHOOL.dsl) ?? [];
    expect(toDsl).toHaveLength(1);
    // Counts only in the subject; the child-protection case is counted, and listed first.
    expect(toDsl[0]?.subject).toBe('[Online safety] 3 incidents overdue for follow-up (1 child protection)');
    expect(listedIds(toDsl[0]!)).toEqual(['HA-2026-0001', 'OSI-2026-0002', 'SA-2026-0001']);
    expect(toDsl[0]?.body).toContain('OSI-2026-0002 | New | open 2 days');
    // The Chair, who leads on concerns about the Headteacher, is reminded of that one alone.
    expect(listedIds((reminders.get(SCHOOL.chair) ?? [])[0]!)).toEqual(['HA-2026-0001']);
    for (const message of [...reminders.values()].flat()) expectNothingTyped(message);

    // The links open each incident's own row, in its own file.
    const html = toDsl[0]?.htmlBody ?? '';
    expect(html.match(/<a href=/g)).toHaveLength(3);

    ws.advanceTo('2026-09-09T09:00:00Z');
    // Closed as the register requires: with an outcome and a rationale.
    editRegister(ws, 'OSI-2026-0002', 'Outcome', 'Resolved with the pupils and parents.');
    editRegister(
      ws,
      'OSI-2026-0002',
      'Rationale (including decisions not to refer)',
      'Low risk; no referral.',
    );
    editRegister(ws, 'OSI-2026-0002', 'Status', 'Closed');
    expect(sheetValues(ws, ws.containerId, 'Register')[2]?.[registerHeaders().indexOf('Status')]).toBe(
      'Closed',
    );

    // Monday 14th: the triaged incident has had no update for 5 days or more (since Tuesday); the closed one
    // is gone.
    from = ws.mail.sent.length;
    ws.advanceTo(morningOf(14));
    reminders = remindersSince(ws, from);
    const lastToDsl = (reminders.get(SCHOOL.dsl) ?? []).at(-1);
    expect(listedIds(lastToDsl!)).toEqual(['HA-2026-0001', 'OSI-2026-0001', 'SA-2026-0001']);
    expect(lastToDsl?.body).toContain('OSI-2026-0001 | Triaged | open 7 days');
    expect(mailboxesReminded(ws, start)).not.toContain(SCHOOL.headteacher);
    expectRunsSucceeded(ws, 'sendOverdueReminders', 'retryPendingAlerts');
    expectNoneInLogs(ws, TYPED);
  });

  it('reminds the Headteacher, weekly, of concerns about the DSL or a deputy, and never a lead', () => {
    const { ws } = setUpSchool({ 'Overdue after (days)': 5 });
    submit(ws, staffConcern({ adultConcern: ADULT.deputy })); // DL-2026-0001, Monday 7 September
    submit(ws, staffConcern()); // SA-2026-0001
    const start = ws.mail.sent.length;
    ws.advanceTo(morningOf(9));
    let reminders = remindersSince(ws, start);
    expect(listedIds((reminders.get(SCHOOL.headteacher) ?? [])[0]!)).toEqual(['DL-2026-0001']);
    expect(listedIds((reminders.get(SCHOOL.dsl) ?? [])[0]!)).toEqual(['SA-2026-0001']);
    expect(reminders.has(SCHOOL.deputy)).toBe(false);
    // Weekly: not again until the next week, although it is still overdue.
    const from = ws.mail.sent.length;
    ws.advanceTo(morningOf(15));
    reminders = remindersSince(ws, from);
    expect((reminders.get(SCHOOL.headteacher) ?? []).length).toBe(0);
    expect((reminders.get(SCHOOL.dsl) ?? []).length).toBe(4); // Thu, Fri, Mon, Tue
    ws.advanceTo(morningOf(16));
    expect((remindersSince(ws, from).get(SCHOOL.headteacher) ?? []).length).toBe(1);
    for (const message of [...remindersSince(ws, start).values()].flat()) expectNothingTyped(message);
  });

  it('does not count the weekend: a report made on Friday is overdue only after Monday', () => {
    const { ws } = setUpSchool();
    ws.advanceTo('2026-09-11T15:00:00Z'); // Friday 16:00
    submit(ws, ordinaryReport());
    const from = ws.mail.sent.length;
    ws.advanceTo(morningOf(14)); // Monday morning
    expect(remindersSince(ws, from).size).toBe(0);
    ws.advanceTo(morningOf(15)); // Tuesday morning
    expect(listedIds((remindersSince(ws, from).get(SCHOOL.dsl) ?? [])[0]!)).toEqual(['OSI-2026-0001']);
  });

  it('never lists a concern about the Headteacher to the Headteacher, also when they are the DSL', () => {
    const head = SCHOOL.headteacher;
    const { ws } = setUpSchool({ 'DSL email': head, 'Headteacher email': head }, { setUpBy: SCHOOL.deputy });
    submit(ws, ordinaryReport()); // OSI-2026-0001
    submit(ws, staffConcern()); // SA-2026-0001
    submit(ws, headteacherConcern({ childAtRisk: 'Yes' })); // HA-2026-0001
    const from = ws.mail.sent.length;
    ws.advanceTo(morningOf(9));
    const reminders = remindersSince(ws, from);
    expect([...reminders.keys()].sort()).toEqual([SCHOOL.chair, head].sort());
    expect(listedIds((reminders.get(head) ?? [])[0]!)).toEqual(['OSI-2026-0001', 'SA-2026-0001']);
    expect(listedIds((reminders.get(SCHOOL.chair) ?? [])[0]!)).toEqual(['HA-2026-0001']);
    const everythingTheHeadReceived = ws.mail.sent
      .filter((m) => recipientsOf(m).some((r) => mailbox(r) === head))
      .map((m) => `${m.subject}\n${m.body}\n${m.htmlBody ?? ''}`)
      .join('\n');
    expect(everythingTheHeadReceived).not.toContain('HA-2026-0001');
  });

  it('sends nothing when nothing is overdue, and survives a used-up quota without naming anyone in the log', () => {
    const { ws } = setUpSchool();
    const from = ws.mail.sent.length;
    ws.advanceTo(morningOf(9));
    expect(remindersSince(ws, from).size).toBe(0);

    submit(ws, ordinaryReport());
    ws.advanceTo('2026-09-11T05:00:00Z'); // before the 07:00 (London) run
    ws.mail.setRemainingQuota(0);
    ws.advanceTo(morningOf(11));
    expectRunsSucceeded(ws, 'sendOverdueReminders');
    const warnings = ws.logs.snapshot().filter((e) => e.message.includes('overdue reminder'));
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w.message).not.toMatch(/@|OSI-/);
  });
});

function mailboxesReminded(ws: Workspace, from: number): string[] {
  return [...remindersSince(ws, from).keys()];
}
