/**
 * What emails and logs must never carry, end to end through the built bundle: markup and formulas typed
 * into every free-text question come out inert in every email (alerts with minimal and full detail,
 * allegation alerts, overdue reminders); no subject carries a pupil's name; and after a whole run of
 * alerts, failures, retries and reminders, no log line holds a pupil's name or anything a reporter wrote.
 */
import { describe, expect, it } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import type { SentEmail } from '../../emulator/mail';
import {
  deploymentIds,
  ordinaryReport,
  registerRows,
  SCHOOL,
  submit,
  type Answers,
} from '../support/deployment';
import {
  deliveryCounts,
  expectNoneInLogs,
  expectRunsSucceeded,
  headteacherConcern,
  mailFor,
  runsOf,
  setUpSchool,
  staffConcern,
} from './alerts-support';

const ATTACKS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil","x")',
];

/** Tags the product's email templates use; anything else in an htmlBody came from somewhere it should not. */
const OWN_TAGS = new Set(
  'html head meta title body table tr td th caption h1 h2 p a ul li div br'
    .split(' ')
    .map((t) => t.toLowerCase()),
);

const OWN_ATTRIBUTES = new Set(
  'style lang charset name content role width cellpadding cellspacing border align valign scope href'.split(
    ' ',
  ),
);

/** Every free-text question answered with the attack, next to a pupil's name where a name belongs. */
function attackEverywhere(attack: string, pupil: string, base: Answers): Answers {
  return {
    ...base,
    description: `${attack}\nSaid: ${attack}`,
    pupilsHarmed: `${pupil}\n${attack}`,
    pupilsCausedHarm: attack,
    pupilsOther: attack,
    platform: attack, // typed into the form's "Other" box
    evidenceKept: 'Yes, it is kept safe',
    evidenceWhere: attack,
    actionsTaken: attack,
  };
}

/**
 * No markup or formula from a person survives in the HTML: every "<" starts one of the template's own tags,
 * well formed (double-quoted attribute values), with the template's own attributes, and links go only to
 * the spreadsheet.
 */
function expectInert(message: SentEmail): void {
  const html = message.htmlBody ?? '';
  expect(html).not.toMatch(/<script|<img|onerror\s*=|javascript:/i);
  expect(html).not.toContain('=HYPERLINK(');
  expect(html).not.toContain('"><img');
  const tag = /^<(?:!DOCTYPE html|\/([a-z][a-z0-9]*)|([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*)>/i;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const match = tag.exec(html.slice(at));
    expect(match?.[0] ?? html.slice(at, at + 40)).toMatch(/^<.*>$/s);
    if (!match) continue;
    const name = (match[1] ?? match[2] ?? 'html').toLowerCase();
    expect(OWN_TAGS).toContain(name);
    for (const [, attribute] of (match[3] ?? '').matchAll(/\s+([a-z-]+)="[^"]*"/gi)) {
      expect(OWN_ATTRIBUTES).toContain(attribute!.toLowerCase());
    }
  }
  for (const [, href] of html.matchAll(/href="([^"]*)"/g))
    expect(href).toMatch(/^https:\/\/docs\.google\.com\//);
  for (const attack of ATTACKS) expect(message.subject).not.toContain(attack);
}

function submitAll(ws: Workspace, pupil: (i: number) => string): void {
  ATTACKS.forEach((attack, i) => {
    // A flagged report in the register: the full alert shows what was typed. (An adult who works or
    // volunteers in school is routed as staff, never with full detail: see routing.test.ts.)
    submit(ws, attackEverywhere(attack, pupil(i), ordinaryReport({ childAtRisk: 'Yes' })));
    submit(
      ws,
      attackEverywhere(attack, pupil(i), staffConcern({ adultDetails: attack, childAtRisk: 'Yes' })),
    );
    submit(
      ws,
      attackEverywhere(attack, pupil(i), headteacherConcern({ adultDetails: attack, childAtRisk: 'Yes' })),
    );
  });
}

describe('typed markup and formulas', () => {
  it.each(['minimal', 'full'])('come out inert in every alert with %s detail, and in reminders', (detail) => {
    const { ws } = setUpSchool({ 'Alert detail': detail });
    const pupil = (i: number): string => `Keziah Okafor${i}`;
    const before = ws.mail.sent.length;
    submitAll(ws, pupil);
    ws.advanceTo('2026-09-10T07:00:00Z'); // the Thursday reminder lists all nine
    expectRunsSucceeded(ws, 'onFormSubmit', 'retryPendingAlerts', 'sendOverdueReminders');

    const sent = ws.mail.sent.slice(before);
    const reminders = sent.filter((m) => m.subject.includes('overdue for follow-up'));
    expect(reminders.length).toBeGreaterThan(0);
    // The weekly audit anchor after the nightly check (to the DSL and the Chair) is checked below with the rest.
    const anchors = sent.filter((m) => m.subject.includes('audit anchor'));
    // Three reports of each kind, each to its people: DSL and deputy; Headteacher, DSL and deputy; Chair, DSL
    // and deputy.
    expect(sent.length - reminders.length - anchors.length).toBe(3 * (2 + 3 + 3));
    for (const message of sent) {
      expectInert(message);
      for (let i = 0; i < ATTACKS.length; i++) expect(message.subject).not.toContain(pupil(i));
    }
    for (const reminder of reminders) {
      for (const attack of ATTACKS) expect(reminder.body).not.toContain(attack);
      expect(reminder.htmlBody).not.toContain('Keziah');
    }

    // With full detail the typed text is in the register-file alerts, escaped — proof it was rendered at all.
    const fullAlerts = mailFor(ws, SCHOOL.dsl).filter((m) => m.subject.includes('Child-protection concern'));
    expect(fullAlerts).toHaveLength(3);
    for (const alert of fullAlerts) {
      const shown =
        alert.htmlBody?.includes('&lt;script&gt;alert(1)&lt;/script&gt;') ||
        alert.htmlBody?.includes('&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;') ||
        alert.htmlBody?.includes('&#61;HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)');
      expect(shown).toBe(detail === 'full');
    }
    expectNoneInLogs(ws, [...ATTACKS, 'Keziah']);
  });
});

describe('no pupil data in logs', () => {
  it('after alerts, allegations, quota and mail failures, retries and reminders', () => {
    const names = ['Amira Khan', 'Jordan Blake', 'Tomasz Nowak', 'Keziah Okafor'];
    const texts = [
      'Group chat messages calling a pupil names.',
      'Spoke to both pupils.',
      'Sent a pupil a private message on Instagram at night.',
      'Asked a pupil for her personal phone number.',
      'Screenshots are with the Head of Year.',
    ];
    const evidence = { evidenceKept: 'Yes, it is kept safe', evidenceWhere: texts[4]! };

    // A school where the Headteacher is the DSL and set it all up, and a usual one, side by side.
    const head = SCHOOL.headteacher;
    const schools = [
      setUpSchool({ 'Alert detail': 'full' }).ws,
      setUpSchool({ 'DSL email': head, 'Headteacher email': head }, { setUpBy: head }).ws,
    ];
    for (const ws of schools) {
      submit(ws, ordinaryReport({ pupilsOther: names[2]!, ...evidence }));
      submit(ws, ordinaryReport({ childAtRisk: 'Yes', pupilsOther: names[3]!, ...evidence }));
      ws.mail.setRemainingQuota(0);
      submit(ws, staffConcern({ adultDetails: texts[2]!, childAtRisk: 'Yes', ...evidence }));
      ws.mail.setRemainingQuota(100);
      ws.mail.failNextSend('Service unavailable: Email');
      submit(ws, headteacherConcern({ adultDetails: texts[3]!, childAtRisk: 'Not sure', ...evidence }));
      ws.advanceTo('2026-09-22T07:00:00Z'); // two weeks of hourly retries, daily reconciles and reminders
      expect(runsOf(ws, 'sendOverdueReminders').length).toBeGreaterThan(10);
      expectRunsSucceeded(
        ws,
        'onFormSubmit',
        'retryPendingAlerts',
        'sendOverdueReminders',
        'reconcileMissedReports',
      );
      expectNoneInLogs(ws, [...names, ...texts]);
      // Every alert went in the end, once: nothing is still pending anywhere.
      // The register and each allegation file number their own reports.
      for (const id of ['OSI-2026-0002', 'SA-2026-0001', 'HA-2026-0001']) {
        const counts = deliveryCounts(ws.mail.sent.filter((m) => m.subject.endsWith(id)));
        expect(Object.keys(counts).length).toBeGreaterThan(0);
        expect(Object.values(counts).every((n) => n === 1)).toBe(true);
      }
      expect(mailFor(ws, SCHOOL.chair).filter((m) => m.subject.endsWith('HA-2026-0001'))).toHaveLength(1);
      const { staffAllegationsId, headteacherAllegationsId } = deploymentIds(ws);
      for (const id of [ws.containerId, staffAllegationsId, headteacherAllegationsId].filter(
        (f) => f !== '',
      )) {
        for (const row of registerRows(ws, id)) expect(row['Alert status']).not.toMatch(/^Pending/);
      }
    }
  });
});
