/** The self-test's judgement: what is adapted to, what stays a problem, and the recorded facts read back safely. */
import {
  CHECK_IDS,
  factsFrom,
  parsePlatformFacts,
  selfTestEmail,
  selfTestHealthLine,
  selfTestRows,
  type CheckId,
  type CheckOutcome,
} from '../../src/domain/selftest';

function run(differ: CheckId[]): CheckOutcome[] {
  return CHECK_IDS.map((id) => ({ id, status: differ.includes(id) ? 'Differs' : 'OK', seen: 'x' }));
}

describe('factsFrom', () => {
  it('keeps the quote prefix when it works', () => {
    expect(factsFrom(run([]), 5)).toEqual({
      checkedAt: 5,
      textCells: 'quote',
      emailCollection: 'verified',
      unresolved: [],
      adapted: [],
    });
  });
  it('moves to plain-text cells when only the quote prefix differs, still a problem for the other sheets', () => {
    expect(factsFrom(run(['quotePrefix']), 1)).toMatchObject({
      textCells: 'format',
      adapted: ['quotePrefix'],
      unresolved: ['quotePrefix'],
    });
  });
  it('has no safe way to write text when both differ', () => {
    expect(factsFrom(run(['quotePrefix', 'plainTextFormat']), 1)).toMatchObject({
      textCells: 'none',
      adapted: [],
      unresolved: ['quotePrefix', 'plainTextFormat'],
    });
  });
  it('falls back from verified email collection without a problem', () => {
    expect(factsFrom(run(['emailCollection']), 1)).toMatchObject({
      emailCollection: 'legacy',
      adapted: ['emailCollection'],
      unresolved: [],
    });
  });
  it('"Not checked" is neither adapted nor a problem', () => {
    const outcomes = run([]).map((o) =>
      o.id === 'newProtection' ? { ...o, status: 'Not checked' as const } : o,
    );
    expect(factsFrom(outcomes, 1)).toMatchObject({ unresolved: [], adapted: [] });
  });
});

describe('parsePlatformFacts', () => {
  it.each([undefined, '', 'not json', '{"textCells":"evil","unresolved":["nope",3,"sha256"]}'])(
    'reads %p safely',
    (text) => {
      const facts = parsePlatformFacts(text);
      expect(['quote', 'format', 'none']).toContain(facts.textCells);
      expect(facts.unresolved.every((id) => CHECK_IDS.includes(id))).toBe(true);
    },
  );
});

describe('what people see', () => {
  it('the sheet has a row per check, waiting ones marked', () => {
    const rows = selfTestRows(run([]).filter((o) => o.id !== 'scriptSubmission'));
    expect(rows).toHaveLength(CHECK_IDS.length + 1);
    expect(rows.at(-1)?.[3]).toBe('Waiting');
  });
  it('the email escapes what it quotes and says what differs', () => {
    const outcomes = run(['sha256']).map((o) => (o.id === 'sha256' ? { ...o, seen: '<b>odd</b>' } : o));
    const email = selfTestEmail('A & B School', outcomes, 'https://example.com/s');
    expect(email.subject).toBe('A & B School: platform self-test — 1 difference(s) found');
    expect(email.html).toContain('&lt;b&gt;odd&lt;/b&gt;');
    expect(email.html).not.toContain('<b>odd');
  });
  it('the health line names what differs', () => {
    expect(selfTestHealthLine(factsFrom(run(['sha256', 'activeUser']), 1))).toMatchObject({
      status: 'Problem',
      found: expect.stringContaining('SHA-256 digests; Who is running (active user)'),
    });
  });
});
