/**
 * The weekly email from the nightly snapshot, through the built bundle: the nightly Summary rebuild keeps
 * the email's counts in the runner's user properties, and the weekly trigger sends them without reading
 * the register — the same figures, saying as of when. A snapshot that is stale, for another week, made
 * with other Settings, or not as the rebuild wrote it is not used: the email reads the register and says
 * so, and nothing in a planted snapshot reaches the email or changes who gets it.
 */
import type { SentEmail } from '../../emulator/mail';
import type { Workspace } from '../../emulator/workspace';
import { SCHOOL, editSettings, registerRows } from '../support/deployment';
import { DIGEST_TIME, pupilNames, schoolWithTerm, type TermReport } from './digest-fixtures';

const KEY = 'onlineSafety.weeklySnapshot.v1';
const SUBJECT = 'Online safety weekly summary';
const FROM_SNAPSHOT = 'Counts as of 03:00 on Mon 2 Nov 2026, when the Summary was last rebuilt';

function digestsSince(ws: Workspace, before: number): SentEmail[] {
  return ws.mail.sent.slice(before).filter((mail) => mail.subject.startsWith(SUBJECT));
}

/** Fires the weekly trigger now (as its owner, the runner) and returns the leadership emails it sent. */
function sendWeeklyNow(ws: Workspace): SentEmail[] {
  const before = ws.mail.sent.length;
  const trigger = ws.script.list().find((t) => t.handler === 'sendWeeklyDigest');
  if (!trigger) throw new Error('no weekly trigger');
  const run = ws.script.fireTrigger(trigger.uid);
  expect(run.status).toBe('completed');
  return digestsSince(ws, before);
}

/** The parts of a stored snapshot the tampering below changes. */
interface Planted {
  takenAt: number;
  digest: {
    schoolName: string;
    thisWeek: number;
    openCount: number | string;
    categories: Array<{ name: string }>;
    topPlatforms: Array<{ label: string }>;
    recipients?: string[];
  };
}

function runnerStore(ws: Workspace): Map<string, string> {
  return ws.properties.userStore(SCHOOL.dsl);
}

/** The body without the lines that say when and from where (the only lines the two paths differ in). */
function figures(mail: SentEmail | undefined): string[] {
  return (mail?.body ?? '').split('\n').filter((line) => !/^(As of|Counts )/.test(line));
}

describe('the weekly email built from the nightly snapshot', () => {
  let ws: Workspace;
  let reports: TermReport[];
  let monday: SentEmail[];
  let snapshot: string;

  beforeAll(() => {
    ({ ws, reports } = schoolWithTerm());
    ws.advanceTo(DIGEST_TIME);
    monday = digestsSince(ws, 0);
    snapshot = runnerStore(ws).get(KEY) ?? '';
  }, 60_000);

  it('is kept by the 03:00 rebuild in the runner’s own store, never in the script properties', () => {
    expect(snapshot.length).toBeGreaterThan(100);
    expect(snapshot.length).toBeLessThan(8 * 1024);
    const snapshotOwners = Object.entries(ws.properties.snapshot().user)
      .filter(([, store]) => KEY in store)
      .map(([user]) => user);
    expect(snapshotOwners).toEqual([SCHOOL.dsl]);
    expect(Object.keys(ws.properties.snapshot().script)).not.toContain(KEY);
    // No name from the register is in it: counts and Settings names only.
    for (const name of pupilNames(reports)) expect(snapshot).not.toContain(name);
  });

  it('says its counts are as of the 03:00 rebuild, and gives the figures the register gives', () => {
    expect(monday.map((mail) => [mail.to, mail.bcc])).toEqual([[[SCHOOL.dsl], SCHOOL.leadership]]);
    expect(monday[0]?.body).toContain(`${FROM_SNAPSHOT}: reports made since then are not in them.`);
    expect(monday[0]?.htmlBody).toContain(FROM_SNAPSHOT);

    // The same register, now with no snapshot: the email reads the register, says so, and shows the same.
    runnerStore(ws).delete(KEY);
    const fallback = sendWeeklyNow(ws);
    expect(fallback[0]?.body).toContain(
      'Counts read from the register when this email was made, at 07:00 on Mon 2 Nov 2026: ' +
        'there were no figures from a Summary rebuild to take them from.',
    );
    expect(figures(fallback[0])).toEqual(figures(monday[0]));
    expect(figures(monday[0])).toContain(`Open incidents: ${registerRows(ws).length}`);
    expect(figures(monday[0]).join('\n')).toContain('7 reports last week');
  });

  it.each<[string, (s: Planted) => void]>([
    ['a platform renamed to a pupil’s name', (s) => (s.digest.topPlatforms[0]!.label = 'PUPIL')],
    ['a recipient list added', (s) => (s.digest.recipients = ['outsider@elsewhere.example'])],
    ['a category given a typed name', (s) => (s.digest.categories[0]!.name = 'PUPIL')],
    ['the school name changed', (s) => (s.digest.schoolName = 'PUPIL')],
    ['a count made text', (s) => (s.digest.openCount = 'PUPIL')],
    ['a negative count', (s) => (s.digest.thisWeek = -1)],
    ['a time in the future', (s) => (s.takenAt = Date.parse('2026-11-02T09:00:00Z'))],
  ])('a snapshot with %s is not used: the register is read, the email says so', (_what, tamper) => {
    const pupil = pupilNames(reports)[0] ?? 'no pupil';
    const planted = JSON.parse(snapshot) as Planted;
    tamper(planted);
    runnerStore(ws).set(KEY, JSON.stringify(planted).replace(/PUPIL/g, pupil));
    const mails = sendWeeklyNow(ws);
    // Still one message, to the runner, blind-copied to the leadership list and nobody else.
    expect(mails.map((mail) => [mail.to, mail.cc, mail.bcc])).toEqual([
      [[SCHOOL.dsl], [], SCHOOL.leadership],
    ]);
    for (const mail of mails) {
      expect(mail.body).toContain('Counts read from the register when this email was made');
      expect(`${mail.subject}${mail.body}${mail.htmlBody ?? ''}`).not.toContain(pupil);
      expect(figures(mail)).toEqual(figures(monday[0]));
    }
  });

  it('a deputy who plants a snapshot in the script properties changes nothing', () => {
    const planted = JSON.parse(snapshot) as Planted;
    planted.digest.openCount = 999;
    // The deputy edits the register spreadsheet (shared by the DSL), so can open the script project.
    ws.drive.share(ws.containerId, SCHOOL.deputy, 'editor');
    ws.project.setScriptPropertiesAs(SCHOOL.deputy, { [KEY]: JSON.stringify(planted) });
    runnerStore(ws).set(KEY, snapshot);
    const mails = sendWeeklyNow(ws);
    expect(mails[0]?.body).toContain(FROM_SNAPSHOT);
    expect(mails[0]?.body).not.toContain('999');
    expect(figures(mails[0])).toEqual(figures(monday[0]));
  });

  it('one more than 36 hours old is not used (the nightly rebuild stopped): it says so', () => {
    ws.advanceTo('2026-11-03T16:00:00Z'); // Tuesday: 37 hours after Monday's 03:00 rebuild
    runnerStore(ws).set(KEY, snapshot);
    const mails = sendWeeklyNow(ws);
    expect(mails[0]?.body).toContain('the Summary was last rebuilt more than 36 hours ago.');
    // Still last week's email, read from the register.
    expect(mails[0]?.body).toContain('7 reports last week');
  });

  it('one made with other Settings is not used', () => {
    runnerStore(ws).delete(KEY);
    ws.advanceTo('2026-11-04T03:30:00Z'); // Wednesday's rebuild keeps a fresh snapshot
    expect(runnerStore(ws).get(KEY)).toBeDefined();
    editSettings(ws, { 'Overdue after (days)': 30 });
    const mails = sendWeeklyNow(ws);
    expect(mails[0]?.body).toContain('Settings have changed since the Summary was last rebuilt.');
  });
});
