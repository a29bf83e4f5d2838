/** The demo's parts on their own: its command line, the made-up term, and the email encodings. */
import { DemoUsageError, parseArgs } from '../../scripts/demo';
import { encodeHeaderText, quotedPrintable, rfc5322Date, toEml } from '../../scripts/lib/eml';
import { syntheticTerm } from '../../scripts/lib/term';
import type { SentEmail } from '../../emulator/mail';
import type { ExecutionRecord } from '../../emulator/workspace';
import { formatExecutionTable, summariseExecutions, verdict } from '../../scripts/lib/outcomes';

const START = Date.parse('2026-09-07T08:00:00Z');
const term = (seed: number, weeks = 12) =>
  syntheticTerm({ seed, weeks, start: START, notBefore: START, timeZone: 'Europe/London' });

describe('command line', () => {
  const quiet = (): void => undefined;

  it('reads --out, --responses, --seed, --weeks and --no-build, in either spelling', () => {
    const options = parseArgs(
      ['--out=demo-out', '--responses', 'r.json', '--seed', '42', '--weeks=3', '--no-build'],
      quiet,
    );
    expect(options).toMatchObject({ out: 'demo-out', responses: 'r.json', seed: 42, weeks: 3, build: false });
  });

  it('defaults to out/, seed 1, building first', () => {
    expect(parseArgs([], quiet)).toMatchObject({ out: 'out', seed: 1, build: true });
  });

  it.each([
    [['--weeks', '0'], /--weeks must be a whole number from 1 to 52, not "0"/],
    [['--seed', 'abc'], /--seed must be a whole number/],
    [['--out'], /--out needs a value/],
    [['--colour'], /Unknown option "--colour"/],
  ])('refuses %j with a clear message and the usage', (args, message) => {
    expect(() => parseArgs(args, quiet)).toThrow(DemoUsageError);
    expect(() => parseArgs(args, quiet)).toThrow(message);
    expect(() => parseArgs(args, quiet)).toThrow(/Usage: npm run demo/);
  });
});

describe('the made-up term', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(term(3)).toEqual(term(3));
    expect(term(4).reports.map((r) => r.answers.description)).not.toEqual(
      term(3).reports.map((r) => r.answers.description),
    );
  });

  it('has about 60 reports in 12 weeks, with both allegations, flagged cases and double-fires', () => {
    for (const seed of [1, 2, 3]) {
      const t = term(seed);
      expect(t.reports.length).toBeGreaterThanOrEqual(50);
      // About 60 made-up reports, plus the four adults the routes tell apart (a deputy, a volunteer, a
      // teacher targeted by a pupil, a low-level concern).
      expect(t.reports.length).toBeLessThanOrEqual(75);
      expect(t.reports.filter((r) => r.kind === 'staff-allegation')).toHaveLength(1);
      expect(t.reports.filter((r) => r.kind === 'headteacher-allegation')).toHaveLength(1);
      expect(t.reports.filter((r) => r.kind === 'flagged').length).toBeGreaterThan(5);
      expect(t.reports.some((r) => r.refireAfterMs !== null)).toBe(true);
    }
  });

  it('happens in order, in term time, with every DSL edit after its report and before the end', () => {
    const t = term(5);
    t.reports.forEach((r, i) => {
      expect(r.number).toBe(i + 1);
      if (i > 0) expect(r.at).toBeGreaterThan(t.reports[i - 1]?.at ?? 0);
      expect(r.at).toBeGreaterThanOrEqual(START);
      expect(r.at).toBeLessThan(t.end);
    });
    for (const e of t.edits) {
      expect(e.at).toBeGreaterThan(t.reports[e.report - 1]?.at ?? Infinity);
      expect(e.at).toBeLessThan(t.end);
    }
    expect(t.weekStarts).toHaveLength(13);
  });

  it('fits a short term too: one week still has the allegations', () => {
    const t = term(1, 1);
    expect(t.reports.some((r) => r.kind === 'headteacher-allegation')).toBe(true);
    expect(t.reports.every((r) => r.at < t.end)).toBe(true);
  });
});

describe('email files', () => {
  /** The inverse of quoted-printable, to check the encoding round-trips. */
  const decode = (qp: string): string => {
    const joined = qp.replace(/=\r\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < joined.length; i += 1) {
      if (joined[i] === '=') {
        bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  };

  it('encodes bodies as quoted-printable lines of at most 76 characters that decode to the original', () => {
    const text = [
      'Plain line',
      `${'A long line with = signs and émoji 😂 '.repeat(8)}`,
      'trailing spaces   ',
      'لا تخبري أحدا',
      '',
    ].join('\n');
    const encoded = quotedPrintable(text);
    for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(encoded).not.toMatch(/[ \t]\r\n/);
    expect(decode(encoded)).toBe(text.replace(/\n/g, '\r\n'));
  });

  it('encodes a non-ASCII subject as RFC 2047 words that decode to it', () => {
    const subject = 'Online safety weekly summary — Hillside Academy 😀';
    const encoded = encodeHeaderText(subject);
    const words = encoded.split('\r\n ').map((w) => /^=\?UTF-8\?B\?(.*)\?=$/.exec(w)?.[1] ?? '');
    expect(words.every((w) => w !== '')).toBe(true);
    expect(words.map((w) => Buffer.from(w, 'base64').toString('utf8')).join('')).toBe(subject);
    expect(encodeHeaderText('Plain subject')).toBe('Plain subject');
  });

  it('writes a plain-text-only email without a multipart body', () => {
    const mail: SentEmail = {
      from: 'dsl@school.example',
      to: ['a@school.example'],
      cc: [],
      bcc: [],
      subject: 'Test',
      body: 'Hello',
      htmlBody: null,
      name: 'Hillside online safety',
      replyTo: null,
      noReply: true,
      at: '2026-09-07T08:00:00.000Z',
    };
    const eml = toEml(mail, 1);
    expect(eml).toContain('From: Hillside online safety <noreply@school.example>\r\n');
    expect(eml).toContain(`Date: ${rfc5322Date(Date.parse(mail.at))}\r\n`);
    expect(rfc5322Date(Date.parse(mail.at))).toBe('Mon, 07 Sep 2026 08:00:00 +0000');
    expect(eml).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(eml).not.toContain('multipart');
  });
});

describe('the run summary', () => {
  const run = (functionName: string, error?: string): ExecutionRecord => ({
    id: 1,
    functionName,
    kind: 'trigger',
    user: 'dsl@school.example',
    startedAt: 0,
    status: error === undefined ? 'completed' : 'failed',
    ...(error === undefined ? {} : { error }),
  });

  it('counts every failed execution as a failure, whatever its message', () => {
    const outcomes = summariseExecutions([
      run('onFormSubmit'),
      run('onFormSubmit'),
      run('rebuildSummary', 'not built yet: rebuildSummary (issue 5)'),
      run('sendWeeklyDigest', 'Service invoked too many times for one day: email.'),
      run('sendWeeklyDigest', 'Service invoked too many times for one day: email.'),
    ]);
    expect(outcomes).toEqual([
      { functionName: 'onFormSubmit', completed: 2, failed: 0, errors: [] },
      {
        functionName: 'rebuildSummary',
        completed: 0,
        failed: 1,
        errors: [{ message: 'not built yet: rebuildSummary (issue 5)', count: 1 }],
      },
      {
        functionName: 'sendWeeklyDigest',
        completed: 0,
        failed: 2,
        errors: [{ message: 'Service invoked too many times for one day: email.', count: 2 }],
      },
    ]);
    const table = formatExecutionTable(outcomes).join('\n');
    expect(table).toMatch(/onFormSubmit\s+2 completed$/m);
    expect(table).toMatch(/rebuildSummary\s+0 completed, 1 FAILED/);
    expect(table).toMatch(/sendWeeklyDigest\s+0 completed, 2 FAILED/);
  });

  it('fails the run (exit status 1) on any failed execution and lists each distinct error', () => {
    const outcomes = summariseExecutions([
      run('onFormSubmit'),
      run('rebuildSummary', 'not built yet: rebuildSummary (issue 5)'),
      run('sendWeeklyDigest', 'Service invoked too many times for one day: email.'),
      run('sendWeeklyDigest', 'Service invoked too many times for one day: email.'),
    ]);
    expect(verdict(outcomes, [{ step: 'Set up', status: 'ok' }])).toEqual({
      exitCode: 1,
      lines: [
        'FAILED:',
        '  rebuildSummary failed 1×: not built yet: rebuildSummary (issue 5)',
        '  sendWeeklyDigest failed 2×: Service invoked too many times for one day: email.',
      ],
    });
  });

  it('fails the run on any failed step, and passes it only when nothing failed', () => {
    const fine = summariseExecutions([run('onFormSubmit'), run('rebuildSummary')]);
    expect(
      verdict(fine, [
        { step: 'Set up', status: 'ok' },
        {
          step: 'Pupil chronology',
          status: 'failed',
          detail: 'not built yet: showPupilChronology (issue 7)',
        },
      ]),
    ).toEqual({
      exitCode: 1,
      lines: ['FAILED:', '  step "Pupil chronology": not built yet: showPupilChronology (issue 7)'],
    });
    expect(verdict(fine, [{ step: 'Set up', status: 'ok' }])).toEqual({
      exitCode: 0,
      lines: ['No failures.'],
    });
    expect(verdict([], [])).toEqual({ exitCode: 0, lines: ['No failures.'] });
  });
});
