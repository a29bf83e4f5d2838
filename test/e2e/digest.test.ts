/**
 * The weekly leadership email, through the built bundle: sent by its trigger at the day and hour in
 * Settings to each leadership address, reporting the week just ended, with counts only — asserted against
 * every pupil name and every typed answer in the data set — and a preview that goes only to the clicker.
 */
import type { SentEmail } from '../../emulator/mail';
import type { Workspace } from '../../emulator/workspace';
import {
  SCHOOL,
  configureSchool,
  editSettings,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  submit,
} from '../support/deployment';
import { DIGEST_TIME, everythingTyped, pupilNames, schoolWithTerm, type TermReport } from './digest-fixtures';

const SUBJECT = 'Online safety weekly summary';
/** The runner's cached Settings (src/workspace/submit-snapshot.ts). */
const SNAPSHOT_KEY = 'onlineSafety.submitSnapshot.v1';

function digests(ws: Workspace): SentEmail[] {
  return ws.mail.sent.filter((mail) => mail.subject.startsWith(SUBJECT));
}

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** The HTML's visible text, tags removed and entities decoded. */
function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}

describe('the weekly leadership email on Monday morning', () => {
  let ws: Workspace;
  let reports: TermReport[];
  let mondayReport: string;

  beforeAll(() => {
    ({ ws, reports } = schoolWithTerm());
    // A report comes in at 06:30 on Monday, before the email: it belongs to the new week.
    ws.advanceTo('2026-11-02T06:30:00Z');
    mondayReport = 'Monday 06:30: Wendeline Marchbanks saw a scam advert (Ollerenshaw)';
    submit(ws, ordinaryReport({ description: mondayReport, pupilsHarmed: 'Wendeline Marchbanks' }));
    ws.advanceTo(DIGEST_TIME);
  }, 60_000);

  it('is sent by its trigger at 07:00 on Monday: one message, every leadership address blind-copied', () => {
    const runs = ws.executions.filter((run) => run.functionName === 'sendWeeklyDigest');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.kind).toBe('trigger');
    expect(runs[0]?.status).toBe('completed');
    expect(new Date(runs[0]?.startedAt ?? 0).toISOString()).toBe('2026-11-02T07:00:00.000Z');

    const sent = digests(ws);
    // Addressed to the DSL whose account sends it; nobody on the list sees who else is on it.
    expect(sent.map((mail) => [mail.from, mail.to, mail.cc, mail.bcc])).toEqual([
      [SCHOOL.dsl, [SCHOOL.dsl], [], SCHOOL.leadership],
    ]);
    // Nothing else rides on the weekly trigger any more (the audit anchor goes with the nightly check).
    const at7 = ws.mail.sent.filter((mail) => mail.at === '2026-11-02T07:00:00.000Z');
    expect(at7.filter((mail) => mail.subject.includes('audit anchor'))).toEqual([]);
    for (const mail of sent) {
      expect(mail.htmlBody).toContain('<table');
      expect(mail.body.length).toBeGreaterThan(200);
      expect(mail.name).toBe('Hillside Primary online safety');
    }
  });

  it('reports the week just ended (Mon 26 Oct – Sun 1 Nov) against the four weeks before it', () => {
    const [mail] = digests(ws);
    // Counted from the data set: main-register reports submitted in that week (GMT since 25 Oct).
    const inWeek = (report: TermReport, from: string, to: string): boolean =>
      report.file === 'register' && report.timestamp >= from && report.timestamp < to;
    const lastWeek = reports.filter((r) => inWeek(r, '2026-10-26T00:00:00Z', '2026-11-02T00:00:00Z')).length;
    const baseline = reports.filter((r) => inWeek(r, '2026-09-27T23:00:00Z', '2026-10-26T00:00:00Z')).length;
    expect([lastWeek, baseline / 4]).toEqual([7, 2]);

    expect(mail?.subject).toBe(`${SUBJECT}: week of Mon 26 Oct 2026 — Hillside Primary`);
    const lines = mail?.body.split('\n') ?? [];
    expect(lines).toContain(
      '7 reports last week (Mon 26 Oct 2026 – Sun 1 Nov 2026), against an average of 2 a week over the ' +
        'previous 4 weeks: up 250% on the weekly average.',
    );
    expect(lines).toContain('Spikes: Nudes or semi-nudes, Cyberbullying, hate or harassment.');
    expect(lines).toContain('Flagged as child protection last week: 3');
    // Every report of the term is still open (nobody has closed one). The counts are the nightly summary's
    // of 03:00, which the email names: the 06:30 report came after it.
    expect(lines).toContain(`Open incidents: ${registerRows(ws).length - 1}`);
    expect(lines).toContain(
      'Counts as of 03:00 on Mon 2 Nov 2026, when the Summary was last rebuilt: reports made since then are not in them.',
    );
    // Platforms typed under "Other" are pooled, never named; with only 2 reports the pool is not listed at
    // all (fewer than the default "Hide counts below" of 3).
    expect(lines.some((line) => /^ {2}Other\b/.test(line))).toBe(false);
    expect(lines).toContain('  Snapchat  ####################  5');
    const html = visibleText(mail?.htmlBody ?? '');
    expect(html).toContain('7 reports last week (Mon 26 Oct 2026 – Sun 1 Nov 2026)');
    expect(html).toContain('Spikes: Nudes or semi-nudes, Cyberbullying, hate or harassment.');
  });

  it('shows counts below 3 as "fewer than 3", with no bar and no sum that gives them away', () => {
    const [mail] = digests(ws);
    const lines = mail?.body.split('\n') ?? [];
    // The baseline weeks held 2, 3, 1 and 2 reports (8 in all, the "average of 2"): the three small ones
    // are hidden, and 8 − 3 = 5 over three weeks of 1 or 2 each leaves every one of them open.
    const weekLines = lines.filter((line) => line.startsWith('  w/c '));
    expect(weekLines.map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([
      'w/c 28 Sep 2026 fewer than 3',
      'w/c 5 Oct 2026 ######### 3',
      'w/c 12 Oct 2026 fewer than 3',
      'w/c 19 Oct 2026 fewer than 3',
      'w/c 26 Oct 2026 #################### 7',
    ]);
    // A category with 1 report last week is "fewer than 3", and never marked rising.
    expect(
      lines.some((line) => /Scams, gambling or commercial exploitation\s+fewer than 3 \(/.test(line)),
    ).toBe(true);
    const html = visibleText(mail?.htmlBody ?? '');
    expect(html).toContain('w/c 12 Oct 2026 fewer than 3');
    expect(html).toContain('Counts from 1 to 2 show as "fewer than 3"');
  });

  it('holds no pupil name and nothing a person typed, checked against the whole data set', () => {
    const forbidden = [
      ...everythingTyped(reports),
      ...pupilNames(reports),
      mondayReport,
      'Wendeline',
      'Marchbanks',
      // Incident IDs identify incidents: not in the leadership email either.
      ...registerRows(ws).map((row) => String(row['Incident ID'])),
    ];
    expect(forbidden.length).toBeGreaterThan(150);
    const sent = digests(ws);
    expect(sent.length).toBeGreaterThan(0);
    for (const mail of sent) {
      const parts = [mail.subject, mail.body, mail.htmlBody ?? '', decodeEntities(mail.htmlBody ?? '')];
      for (const value of forbidden) {
        for (const part of parts) {
          if (part.includes(value)) throw new Error(`The weekly email contains "${value}"`);
        }
      }
    }
    // The names are in the data (so the check above means something): the Summary names repeat pupils.
    expect(JSON.stringify(ws.spreadsheets._sheetValues('Register'))).toContain(pupilNames(reports)[0]);
  });

  it('counts neither allegation about an adult (they are in restricted files)', () => {
    const [mail] = digests(ws);
    const allegations = reports.filter((report) => report.file === 'restricted');
    expect(allegations).toHaveLength(2);
    expect(registerRows(ws).some((row) => String(row['What happened']).includes('Headteacher shared'))).toBe(
      false,
    );
    // 9 reports were made in the week, 2 of them allegations: the email counts 7.
    expect(mail?.body).toContain('7 reports last week');
  });
});

describe('when the weekly email is sent', () => {
  function quietSchool(now: string): Workspace {
    const ws = newSchool({ now });
    runSetUp(ws);
    configureSchool(ws);
    runSetUp(ws);
    return ws;
  }

  function digestRunTimes(ws: Workspace): string[] {
    return ws.executions
      .filter((run) => run.functionName === 'sendWeeklyDigest' && run.status === 'completed')
      .map((run) => new Date(run.startedAt).toISOString());
  }

  it('goes at 07:00 school time on Mondays, before and after the clocks go back', () => {
    const ws = quietSchool('2026-10-14T09:00:00Z');
    ws.advanceTo('2026-10-27T00:00:00Z');
    // 07:00 BST is 06:00 UTC; after 25 Oct, 07:00 GMT is 07:00 UTC.
    expect(digestRunTimes(ws)).toEqual(['2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z']);
    expect(digests(ws)).toHaveLength(2);
    // A week with nothing reported still gets its email, saying so.
    expect(digests(ws)[0]?.body).toContain('0 reports last week');
  });

  it('takes Settings from the copy the 03:00 rebuild keeps, and an edit made after the rebuild is obeyed', () => {
    const ws = quietSchool('2026-10-29T09:00:00Z');
    ws.advanceTo('2026-11-02T05:00:00Z');
    // The rebuild kept Settings in the runner's own cache, until after the email's hour; nobody else's.
    const kept = (): Record<string, { expiresAt: string }> => ws.cache.snapshot()[`user:${SCHOOL.dsl}`] ?? {};
    expect(kept()[SNAPSHOT_KEY]?.expiresAt).toBe('2026-11-02T09:00:00.000Z');
    expect(Object.entries(ws.cache.snapshot()).filter(([, store]) => SNAPSHOT_KEY in store)).toHaveLength(1);
    // The DSL changes the list after the rebuild: the edit drops the copy, so the email reads the sheet.
    editSettings(ws, { 'Leadership emails': 'new.head@school.example' });
    expect(kept()[SNAPSHOT_KEY]).toBeUndefined();
    ws.advanceTo('2026-11-02T08:00:00Z');
    expect(digests(ws).map((mail) => mail.bcc)).toEqual([['new.head@school.example']]);
  });

  it('moves to the day and hour set in Settings once Set up is run again', () => {
    const ws = quietSchool('2026-10-29T09:00:00Z'); // a Thursday
    editSettings(ws, { 'Weekly email day': 'Wednesday', 'Weekly email hour': 16 });
    runSetUp(ws);
    ws.advanceTo('2026-11-03T00:00:00Z');
    expect(digestRunTimes(ws)).toEqual([]); // not on Monday any more
    ws.advanceTo('2026-11-05T00:00:00Z');
    expect(digestRunTimes(ws)).toEqual(['2026-11-04T16:00:00.000Z']);
    const triggers = ws.script.snapshot() as Array<{ handler: string }>;
    expect(triggers.filter((trigger) => trigger.handler === 'sendWeeklyDigest')).toHaveLength(1);
  });

  it('fails loudly (the trigger owner is emailed by Apps Script) when Settings has no leadership list', () => {
    const ws = quietSchool('2026-10-28T09:00:00Z');
    editSettings(ws, { 'Leadership emails': '' });
    ws.advanceTo('2026-11-02T08:00:00Z');
    const run = ws.executions.find((candidate) => candidate.functionName === 'sendWeeklyDigest');
    expect(run?.status).toBe('failed');
    expect(run?.error).toContain('"Leadership emails" in the Settings sheet is empty');
    expect(digests(ws)).toEqual([]);
  });
});

describe('a weekly email that cannot reach everyone', () => {
  function mondaySchool(): Workspace {
    const ws = newSchool({ now: '2026-10-29T09:00:00Z' });
    runSetUp(ws);
    configureSchool(ws);
    runSetUp(ws);
    return ws;
  }

  it('one address the mail service refuses: the others still get it, each in a copy of their own', () => {
    const ws = mondaySchool();
    // Settings take it (one @, a dot in the domain); MailApp refuses it, and with it the whole message.
    const refused = 'gov[1]@governors.example';
    editSettings(ws, { 'Leadership emails': [...SCHOOL.leadership, refused].join('\n') });
    ws.advanceTo('2026-11-02T08:00:00Z');
    const run = ws.executions.find((candidate) => candidate.functionName === 'sendWeeklyDigest');
    expect(run?.status).toBe('failed');
    expect(run?.error).toBe(
      'The weekly email reached 2 of 3 leadership addresses (Invalid email: [address]).',
    );
    expect(digests(ws).map((mail) => [mail.to, mail.bcc])).toEqual(
      SCHOOL.leadership.map((address) => [[address], []]),
    );
  });

  it('a message refused once (the service failed): a copy each, and the run completes', () => {
    const ws = mondaySchool();
    ws.advanceTo('2026-11-02T06:59:00Z');
    ws.mail.failNextSend('Service unavailable: mail');
    ws.advanceTo('2026-11-02T08:00:00Z');
    const run = ws.executions.find((candidate) => candidate.functionName === 'sendWeeklyDigest');
    expect(run?.status).toBe('completed');
    expect(digests(ws).map((mail) => mail.to)).toEqual(SCHOOL.leadership.map((address) => [address]));
  });

  it('sends what it can and fails the run, naming no address', () => {
    const ws = newSchool({ now: '2026-10-29T09:00:00Z' });
    runSetUp(ws);
    configureSchool(ws);
    runSetUp(ws);
    ws.advanceTo('2026-11-02T06:00:00Z');
    ws.mail.setRemainingQuota(1);
    ws.advanceTo('2026-11-02T08:00:00Z');
    const run = ws.executions.find((candidate) => candidate.functionName === 'sendWeeklyDigest');
    expect(run?.status).toBe('failed');
    expect(run?.error).toBe(
      'The weekly email reached 1 of 2 leadership addresses (daily mail quota used up).',
    );
    expect(digests(ws).map((mail) => mail.to)).toEqual([[SCHOOL.leadership[0]]]);
  });
});

describe('the preview from the menu', () => {
  it('goes only to the person who clicks it, marked as a preview', () => {
    const { ws } = schoolWithTerm();
    // The DSL, who runs the system (the menu item is theirs alone: it sends from the clicker's mailbox).
    const before = ws.mail.sent.length;
    ws.openSpreadsheet(SCHOOL.dsl);
    const run = ws.spreadsheets.ui.clickMenu(
      SCHOOL.dsl,
      'Online Safety',
      'Send me a preview of the weekly email',
    );
    expect(run.status).toBe('completed');

    const sent = ws.mail.sent.slice(before);
    expect(sent.map((mail) => mail.to)).toEqual([[SCHOOL.dsl]]);
    expect(sent[0]?.subject).toBe(`[Preview] ${SUBJECT}: week of Mon 19 Oct 2026 — Hillside Primary`);
    expect(sent[0]?.htmlBody).toContain('<table');
    expect(JSON.stringify(ws.spreadsheets.ui.shown(SCHOOL.dsl))).toContain(
      `sent to ${SCHOOL.dsl} (only to you)`,
    );
    expect(digests(ws).some((mail) => SCHOOL.leadership.some((address) => mail.to.includes(address)))).toBe(
      false,
    );
  });
});
