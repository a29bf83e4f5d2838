/**
 * The offline demo end to end: it runs the built bundle through a term of school life and writes what a
 * school would see. These tests read the files back the way a person's tools would (JSON, exceljs for the
 * workbook, the .eml as MIME text, the form preview as HTML).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { loadBundle } from '../../emulator/load-bundle';
import { runDemo, type DemoResult } from '../../scripts/demo';
import { registerHeaders } from '../../src/domain/register';
import { QUESTIONS } from '../../src/domain/schema';
import { STATUSES } from '../../src/domain/types';
import { escapeHtml } from '../../src/domain/html';
import { SCHOOL } from '../support/deployment';

interface Snapshot {
  spreadsheets: Array<{
    id: string;
    name: string;
    owner: string;
    editors: string[];
    viewers: string[];
    sheets: Array<{ name: string; values: unknown[][] }>;
  }>;
  forms: Array<{ id: string; items: Array<{ title: string; type: string }>; responseCount: number }>;
  mail: Array<{
    to: string[];
    cc: string[];
    bcc: string[];
    subject: string;
    body: string;
    htmlBody: string | null;
  }>;
  triggers: Array<{ handler: string }>;
  properties: { script: Record<string, string> };
}

function dataRows(book: Snapshot['spreadsheets'][number] | undefined, sheet = 'Register'): unknown[][] {
  const values = book?.sheets.find((s) => s.name === sheet)?.values ?? [];
  return values.slice(1).filter((r) => r.some((v) => v !== ''));
}

/** Decodes a quoted-printable body (RFC 2045) to text. */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const ch = joined[i] as string;
    if (ch === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

const silent = (): void => undefined;

describe('npm run demo (a made-up term)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'osi-demo-'));
  let result: DemoResult;
  let snapshot: Snapshot;

  const logged: string[] = [];

  beforeAll(async () => {
    result = await runDemo({ out, seed: 7, weeks: 6, build: false, log: (l) => void logged.push(l) });
    snapshot = JSON.parse(readFileSync(path.join(out, 'workspace.json'), 'utf8')) as Snapshot;
  }, 120_000);

  test('the term shows the routes for adults, an incident with two referrals, and reminders once a school day at most', () => {
    const mailFor = (subject: RegExp): Snapshot['mail'] =>
      snapshot.mail.filter((m) => subject.test(m.subject));
    const to = (m: Snapshot['mail'][number]): string[] => [...m.to, ...m.cc, ...m.bcc];
    const staffFile = snapshot.spreadsheets.find((s) => /Staff allegations/.test(s.name));
    const staffRows = dataRows(staffFile).map((r) => r.join(' '));
    const leadFile = snapshot.spreadsheets.find((s) => /DSL and deputy allegations/.test(s.name));
    // One about a volunteer is recorded as a concern about staff; one about a deputy DSL in the file no
    // deputy can open…
    expect(staffRows.filter((r) => /reading volunteer/.test(r))).toHaveLength(1);
    expect(staffRows.filter((r) => /deputy DSL had added her/.test(r))).toHaveLength(0);
    expect([leadFile?.owner, ...(leadFile?.editors ?? []), ...(leadFile?.viewers ?? [])]).not.toContain(
      SCHOOL.deputy,
    );
    // …and no allegation email ever reaches a deputy while one is about a deputy.
    const deputyRow = dataRows(leadFile).find((r) => r.join(' ').includes('deputy DSL had added her'));
    const deputyId = String(deputyRow?.[0]);
    const aboutDeputy = snapshot.mail.filter((m) => m.subject.includes(deputyId));
    expect(aboutDeputy.length).toBeGreaterThan(0);
    expect(aboutDeputy.flatMap(to)).toContain(SCHOOL.headteacher);
    expect(aboutDeputy.flatMap(to)).not.toContain(SCHOOL.deputy);
    // A teacher targeted by a pupil's fake account: support, not an allegation, told to the Headteacher.
    const victim = mailFor(/member of staff harmed or targeted/);
    expect(victim.flatMap(to)).toContain(SCHOOL.headteacher);
    for (const m of victim) expect(m.body).not.toMatch(/LADO/);
    // A low-level concern: worded as one, with no LADO step.
    const lowLevel = mailFor(/Low-level concern/);
    expect(lowLevel.length).toBeGreaterThan(0);
    for (const m of lowLevel) expect(m.body).not.toMatch(/contact the LADO/i);
    // Two referrals at a glance in the register.
    const header = snapshot.spreadsheets[0]?.sheets.find((x) => x.name === 'Register')?.values[0] ?? [];
    const referrals = header.indexOf('Referrals');
    const both = dataRows(snapshot.spreadsheets[0]).find((r) =>
      /Police.*\n.*Children's social care/s.test(String(r[referrals])),
    );
    expect(both).toBeDefined();
    // Reminders: at most one a day to each person, never on a Saturday or Sunday.
    const reminders = mailFor(/overdue for follow-up|reviews? due/);
    expect(reminders.length).toBeGreaterThan(0);
    const perDay = new Map<string, number>();
    for (const m of reminders as Array<Snapshot['mail'][number] & { at: string }>) {
      const day = new Date(m.at);
      expect([0, 6]).not.toContain(day.getUTCDay());
      for (const r of to(m)) {
        const key = `${r} ${m.at.slice(0, 10)}`;
        perDay.set(key, (perDay.get(key) ?? 0) + 1);
      }
    }
    expect(Math.max(...perDay.values())).toBe(1);
  });

  test('after the term, the people of the school: the deputy is refused, the health check names the Head on the register', () => {
    const steps = result.transcript?.steps ?? [];
    // Only the deputy's edit of Settings is refused to the person; the click runs and refuses itself.
    expect(steps.map((st) => st.outcome)).toEqual(['done', 'refused', ...Array<string>(7).fill('done')]);
    // The deputy's click ran, was refused by the product before anything, and sent nothing.
    expect(steps[2]?.emails).toEqual([]);
    expect(steps[2]?.shown[0]?.message).toMatch(
      /^Only dsl@school\.example can run "Send pending alerts now"/,
    );
    // Set up says why the new Chair has no access; the health check is printed, naming the Headteacher.
    expect(steps[5]?.shown[0]?.message).toMatch(/could not be shared with new\.chair@governors\.example/);
    const printed = logged.join('\n');
    expect(printed).toMatch(/The health check said \(Health sheet\):/);
    expect(printed).toMatch(
      /Problem +Who can open the files — head@school\.example \(the Headteacher\) can open the register/,
    );
    expect(readFileSync(path.join(out, 'scenario.txt'), 'utf8')).toMatch(/Step 7\. .*Health check/);
    // Once the admin allows the governors' domain, Set up finishes the share with no new file.
    expect(steps[8]?.shown[0]?.message).not.toMatch(/could not be shared/);
    expect(snapshot.spreadsheets).toHaveLength(4);
    expect(result.exitCode).toBe(0);
  });

  test('the governors report, weekly emails and the trust export hold no name, nothing typed and no count below 3, over the whole demo data set', () => {
    // Everything typed or naming someone, in every record file of the demo (three files, every row).
    const TYPED = [
      'Incident ID',
      'Reported by',
      'What happened',
      'Pupils harmed',
      'Pupils who caused harm',
      'Other pupils / witnesses',
      'Adult: who and what',
      'Evidence where',
      'Actions already taken',
      'Assigned to',
      'Actions and decisions',
      'Parents/carers contacted',
      'Outcome',
      'Rationale (including decisions not to refer)',
      'Lessons learnt',
      'Support offered to the child',
      'Sanctions (behaviour policy)',
      "LADO's advice",
    ];
    const forbidden = new Set<string>();
    for (const book of snapshot.spreadsheets) {
      const values = book.sheets.find((x) => x.name === 'Register')?.values ?? [];
      const header = (values[0] ?? []).map(String);
      for (const row of values.slice(1)) {
        for (const name of TYPED) {
          for (const part of String(row[header.indexOf(name)] ?? '').split('\n')) {
            if (part.trim().length > 3) forbidden.add(part.trim());
          }
        }
      }
    }
    expect(forbidden.size).toBeGreaterThan(100);
    const governors = readFileSync(path.join(out, 'governors-report.html'), 'utf8');
    const weekly = snapshot.mail.filter((m) =>
      /^Online safety( weekly summary|: termly report)/.test(m.subject),
    );
    const trust = readdirSync(path.join(out, 'trust'))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => readFileSync(path.join(out, 'trust', f), 'utf8'));
    const outputs = [governors, ...weekly.flatMap((m) => [m.subject, m.body]), ...trust];
    expect(weekly.length).toBeGreaterThan(5);
    for (const text of outputs) {
      for (const value of forbidden) if (text.includes(value)) throw new Error(`"${value}" left the team`);
      // The trust schools' own pupils and descriptions (scripts/lib/trust-demo.ts).
      expect(text).not.toMatch(/Ottoline|Barnaby|Persephone|Ignatius|Clementine|Quenby/);
    }
    // No count of 1 or 2: not in the report's table cells, not in the trust views' exact counts.
    const cells = [...governors.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.filter((c) => c === '1' || c === '2')).toEqual([]);
    const schoolWeeks = trust.find((t) => t.startsWith('school,week')) ?? '';
    const counts = schoolWeeks
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[3]);
    expect(counts.length).toBeGreaterThan(20);
    expect(counts.filter((c) => c === '1' || c === '2')).toEqual([]);
    // The trust summary is the product's (the trust lead's nightly job): its incident counts — the
    // schools' weekly columns, the trust's sums — are never 1 or 2 either.
    const summary = readFileSync(path.join(out, 'trust', 'trust-summary.csv'), 'utf8').split('\n');
    expect(summary[0]).toMatch(/^Trust summary,Built 1 Dec 2026 06:00 from 3 school sheet\(s\)\./);
    const summaryWeeks = summary.slice(summary.findIndex((l) => l.startsWith('Incidents per week')) + 1);
    const weekRows = summaryWeeks.slice(
      0,
      summaryWeeks.findIndex((l) => !/^\d{4}-W\d\d,/.test(l)),
    );
    expect(weekRows.length).toBeGreaterThan(10);
    const shownCounts = weekRows.flatMap((l) => l.split(',').slice(1, 5));
    expect(shownCounts.filter((c) => c === '1' || c === '2')).toEqual([]);
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes workspace.json, register.xlsx, mail/, form.html', () => {
    const names = readdirSync(out).sort();
    expect(names).toEqual(expect.arrayContaining(['form.html', 'mail', 'register.xlsx', 'workspace.json']));
    for (const w of result.written) expect(w.bytes).toBeGreaterThan(0);
  });

  it('runs every step and execution without a failure, and exits with status 0', () => {
    const failedSteps = result.steps.filter((s) => s.status === 'failed');
    const failedRuns = result.executions.filter((e) => e.failed > 0);
    expect(failedSteps).toEqual([]);
    expect(failedRuns).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('records every report exactly once, though some form-submit triggers fired twice', () => {
    expect(result.refires).toBeGreaterThan(0);
    const header = snapshot.spreadsheets[0]?.sheets.find((s) => s.name === 'Register')?.values[0];
    // The register's columns, then a gap and the colour key (not columns).
    expect(header?.slice(0, registerHeaders().length)).toEqual(registerHeaders());
    expect(header?.[registerHeaders().length]).toBe('');
    expect(header?.slice(registerHeaders().length + 1).map((h) => String(h).slice(0, 5))).toEqual(
      Array(5).fill('Key: '),
    );
    const responseColumn = registerHeaders().indexOf('Response ID');
    const everyRow = snapshot.spreadsheets.flatMap((book) => dataRows(book));
    const ids = everyRow.map((r) => r[responseColumn]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(result.reportsSubmitted);
    expect(snapshot.forms[0]?.responseCount).toBe(result.reportsSubmitted);
  });

  it('keeps the Headteacher allegation where the Headteacher cannot open it, and tells the Chair', () => {
    const headFile = snapshot.spreadsheets.find((s) => /Headteacher allegations/.test(s.name));
    expect(dataRows(headFile)).toHaveLength(1);
    const openers = [headFile?.owner, ...(headFile?.editors ?? []), ...(headFile?.viewers ?? [])];
    expect(openers).not.toContain(SCHOOL.headteacher);
    // The Chair of the end of the demo: after the term a new Chair at another domain is given the file.
    expect(openers).toContain('new.chair@governors.example');
    expect(openers).not.toContain(SCHOOL.chair);
    const register = snapshot.spreadsheets[0];
    expect(register?.editors).toContain(SCHOOL.deputy);
    expect([register?.owner, ...(register?.editors ?? [])]).not.toContain(SCHOOL.headteacher);
    // …though the people scenario's mistake — the Head as a viewer — is there, named by the health check.
    expect(register?.viewers).toContain(SCHOOL.headteacher);
    const staffFile = snapshot.spreadsheets.find((s) => /Staff allegations/.test(s.name));
    // The allegation about a teacher, and the term's concerns about a volunteer and a low-level one (the one
    // about a deputy is in the DSL and deputy allegations file).
    expect(dataRows(staffFile)).toHaveLength(3);
    expect(snapshot.mail.some((m) => m.to.includes(SCHOOL.chair))).toBe(true);
  });

  it('shows the DSL’s work in the register: triaged and closed incidents with a rationale', () => {
    const rows = dataRows(snapshot.spreadsheets[0]);
    const h = registerHeaders();
    const status = h.indexOf('Status');
    const rationale = h.indexOf('Rationale (including decisions not to refer)');
    const closed = rows.filter((r) => r[status] === 'Closed');
    expect(closed.length).toBeGreaterThan(0);
    for (const row of closed) expect(String(row[rationale])).not.toBe('');
    expect(rows.some((r) => r[status] === 'Triaged' || r[status] === 'In progress')).toBe(true);
    expect(result.dslEdits).toBeGreaterThan(0);
  });

  it('puts every email sent into workspace.json and mail/ as .html and .eml', () => {
    expect(snapshot.mail.length).toBe(result.emails);
    expect(snapshot.mail.length).toBeGreaterThan(0);
    const files = readdirSync(path.join(out, 'mail'));
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(snapshot.mail.length);
    expect(files.filter((f) => f.endsWith('.html') && f !== 'index.html')).toHaveLength(snapshot.mail.length);
    expect(files).toContain('index.html');
    expect(snapshot.triggers.map((t) => t.handler)).toContain('sendWeeklyDigest');
  });

  it('writes each .eml as MIME with a plain-text and an HTML part that decode to the email sent', () => {
    const files = readdirSync(path.join(out, 'mail'))
      .filter((f) => f.endsWith('.eml'))
      .sort();
    const withHtml = snapshot.mail.findIndex((m) => m.htmlBody !== null);
    expect(withHtml).toBeGreaterThanOrEqual(0);
    const mail = snapshot.mail[withHtml] as Snapshot['mail'][number];
    const eml = readFileSync(path.join(out, 'mail', files[withHtml] as string), 'utf8');
    const [head, ...rest] = eml.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^To: ${mail.to[0]?.replace(/\./g, '\\.')}`, 'm'));
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    const boundary = /boundary="([^"]+)"/.exec(head ?? '')?.[1] as string;
    expect(boundary).toBeDefined();
    const body = rest.join('\r\n\r\n');
    const parts = body.split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(2);
    const [textPart, htmlPart] = parts.map((p) => p.replace(/^\r\n/, '').split('\r\n\r\n'));
    expect(textPart?.[0]).toMatch(/text\/plain; charset=UTF-8/);
    expect(htmlPart?.[0]).toMatch(/text\/html; charset=UTF-8/);
    expect(decodeQuotedPrintable((textPart?.slice(1).join('\r\n\r\n') ?? '').replace(/\r\n$/, ''))).toBe(
      mail.body.replace(/\r\n/g, '\n'),
    );
    expect(decodeQuotedPrintable((htmlPart?.slice(1).join('\r\n\r\n') ?? '').replace(/\r\n$/, ''))).toBe(
      (mail.htmlBody ?? '').replace(/\r\n/g, '\n'),
    );
    for (const line of eml.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });

  it('writes register.xlsx that reads back with the register, its dropdowns and its formatting', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'register.xlsx'));
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Files');
    expect(names).toEqual(
      expect.arrayContaining([
        'Log - Settings',
        'Log - Register',
        'Staff allegations - Register',
        'Head allegations - Register',
      ]),
    );
    const register = workbook.getWorksheet('Log - Register') as ExcelJS.Worksheet;
    const header = (register.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, registerHeaders().length)).toEqual(registerHeaders());
    expect(header.slice(registerHeaders().length + 1)).toContain('Key: closed');
    const rows = dataRows(snapshot.spreadsheets[0]);
    expect(register.actualRowCount).toBe(rows.length + 1);
    expect(register.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(register.getRow(1).getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    const statusCell = register.getRow(2).getCell(registerHeaders().indexOf('Status') + 1);
    expect(statusCell.dataValidation).toMatchObject({ type: 'list', formulae: [`"${STATUSES.join(',')}"`] });
    const submitted = register.getRow(2).getCell(registerHeaders().indexOf('Submitted at') + 1);
    expect(submitted.value).toBeInstanceOf(Date);
    const settings = workbook.getWorksheet('Log - Settings') as ExcelJS.Worksheet;
    expect(settings.getCell('A1').value).toBe('Setting');
  });

  it('previews the form with its sections, every question, and where the branching choices lead', () => {
    const html = readFileSync(path.join(out, 'form.html'), 'utf8');
    for (const q of QUESTIONS) expect(html).toContain(escapeHtml(q.title));
    expect(html).toContain('Go to Section 2: Concern about an adult');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('npm run demo -- --responses FILE', () => {
  const example = path.resolve(__dirname, '../../examples/two-reports.json');
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'osi-responses-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('submits the two-report example through the form and gives two register rows', async () => {
    const out = tempDir();
    const result = await runDemo({ out, seed: 1, responses: example, build: false, log: silent });
    const snapshot = JSON.parse(readFileSync(path.join(out, 'workspace.json'), 'utf8')) as Snapshot;
    const rows = dataRows(snapshot.spreadsheets[0]);
    expect(rows).toHaveLength(2);
    const described = registerHeaders().indexOf('What happened');
    expect(String(rows[0]?.[described])).toMatch(/^Amira showed me messages/);
    expect(String(rows[1]?.[described])).toMatch(/^Leo said someone/);
    expect(result.reportsSubmitted).toBe(2);
    expect(result.exitCode).toBe(0);
  }, 60_000);
});

describe('npm run demo when a handler throws', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'osi-demo-failing-'));
  const lines: string[] = [];
  let result: DemoResult;

  beforeAll(async () => {
    result = await runDemo({
      out,
      seed: 7,
      weeks: 2,
      build: false,
      log: (line) => lines.push(line),
      // The real bundle, with one scheduled handler and one menu handler swapped for ones that throw. The
      // old placeholder text is used on purpose: no message excuses a failure.
      onWorkspace: (ws) => {
        const { functions } = loadBundle(ws);
        ws.installScript({
          ...functions,
          rebuildSummary: () => {
            throw new Error('not built yet: rebuildSummary (issue 5)');
          },
          showPupilChronology: () => {
            throw new Error('Cannot read properties of undefined (reading "name")');
          },
        });
      },
    });
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('counts every run of the throwing scheduled handler as failed, and none as completed', () => {
    const rebuild = result.executions.find((e) => e.functionName === 'rebuildSummary');
    expect(rebuild?.failed).toBeGreaterThan(0);
    expect(rebuild?.completed).toBe(0);
    expect(rebuild?.errors).toEqual([
      { message: 'not built yet: rebuildSummary (issue 5)', count: rebuild?.failed },
    ]);
  });

  it('records the menu click whose handler threw as a failed step', () => {
    const chronology = result.steps.filter((s) => /chronology/i.test(s.step));
    expect(chronology).toEqual([
      {
        step: expect.stringMatching(/^menu: /),
        status: 'failed',
        detail: 'Cannot read properties of undefined (reading "name")',
      },
    ]);
  });

  it('lists both failures, still writes its files, and exits with status 1', () => {
    expect(result.exitCode).toBe(1);
    const printed = lines.join('\n');
    expect(printed).toMatch(/^FAILED:$/m);
    expect(printed).toMatch(/^ {2}rebuildSummary failed \d+×: not built yet: rebuildSummary \(issue 5\)$/m);
    expect(printed).toMatch(/^ {2}step "menu: [^"]*": Cannot read properties of undefined/m);
    expect(printed).not.toContain('No failures.');
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['workspace.json', 'register.xlsx', 'mail']));
  });
});
