/** The one-runner rules, without the platform: who may click, which trigger works, who may take over. */
import {
  decideHandOver,
  decideMenu,
  decideSetUp,
  decideTakeOver,
  decideTrigger,
  sameAccount,
} from '../../src/domain/runner';

const DSL = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const HEAD = 'head@school.example';
const OWNER = 'office@school.example';

describe('a menu item only the runner may run', () => {
  test('the runner may, whatever the capitals', () => {
    expect(decideMenu('retryPendingAlerts', 'DSL@School.example', DSL, OWNER)).toEqual({ allowed: true });
  });

  test('anyone else is told who can, what happens instead, and who can take over', () => {
    const d = decideMenu('retryPendingAlerts', DEPUTY, DSL, OWNER);
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.message).toContain(`Only ${DSL} can run "Send pending alerts now"`);
    expect(d.message).toContain(`You are ${DEPUTY}: nothing was done.`);
    expect(d.message).toMatch(/hourly job/);
    expect(d.message).toContain(`${OWNER}, who owns this spreadsheet`);
  });

  test('a person Google does not name is refused too', () => {
    expect(decideMenu('rebuildSummary', '', DSL, OWNER).allowed).toBe(false);
  });

  test('before any Set up, nobody may', () => {
    const d = decideMenu('checkForMissedReports', DSL, '', DSL);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.message).toMatch(/Nobody runs this system yet/);
  });
});

describe('a trigger', () => {
  test.each([
    [DSL, DSL, 'run'],
    [DEPUTY, DSL, 'stand down and remove'],
    ['', DSL, 'stand down'],
    [DEPUTY, '', 'run'],
  ] as const)('running as %p with runner %p: %s', (me, runner, expected) => {
    expect(decideTrigger(me, runner)).toBe(expected);
  });
});

describe('Set up / repair', () => {
  const base = { me: DSL, runner: '', owner: DSL, deployed: false, hasOwnTriggers: false, headteacher: '' };

  test('the first person becomes the runner; then only they may run it', () => {
    expect(decideSetUp(base).kind).toBe('claim');
    expect(decideSetUp({ ...base, runner: DSL }).kind).toBe('run');
    const deputy = decideSetUp({ ...base, me: DEPUTY, runner: DSL });
    expect(deputy.kind).toBe('refuse');
  });

  test('the Headteacher named in Settings never becomes the runner', () => {
    const d = decideSetUp({ ...base, me: HEAD, owner: HEAD, headteacher: HEAD });
    expect(d.kind).toBe('refuse');
  });

  test('a deployment from before runners were recorded: the one with the triggers, or the owner, claims it', () => {
    expect(decideSetUp({ ...base, deployed: true, hasOwnTriggers: true, owner: OWNER }).kind).toBe('claim');
    expect(decideSetUp({ ...base, me: OWNER, deployed: true, owner: OWNER }).kind).toBe('claim');
    expect(decideSetUp({ ...base, me: DEPUTY, deployed: true, owner: OWNER }).kind).toBe('refuse');
  });
});

describe('hand over and take over', () => {
  test('the runner hands over to a valid address that is not theirs nor the Headteacher’s', () => {
    expect(decideHandOver(' new@school.example ', DSL, '', HEAD)).toEqual({
      kind: 'hand over',
      to: 'new@school.example',
    });
    expect(decideHandOver('not an address', DSL, '', HEAD).kind).toBe('refuse');
    expect(decideHandOver(DSL, DSL, '', HEAD).kind).toBe('refuse');
    expect(decideHandOver('Head+x@school.example', DSL, '', HEAD).kind).toBe('refuse');
    expect(decideHandOver('', DSL, 'new@school.example', HEAD).kind).toBe('cancel');
    expect(decideHandOver('', DSL, '', HEAD).kind).toBe('refuse');
  });

  const facts = { me: DEPUTY, runner: DSL, pending: '', owner: OWNER, headteacher: HEAD };

  test('the person handed over to, or the owner, may take over; nobody else', () => {
    expect(decideTakeOver({ ...facts, pending: DEPUTY })).toEqual({ kind: 'take over', as: 'pending' });
    expect(decideTakeOver({ ...facts, me: OWNER })).toEqual({ kind: 'take over', as: 'owner' });
    expect(decideTakeOver(facts).kind).toBe('refuse');
    expect(decideTakeOver({ ...facts, pending: 'new@school.example' }).kind).toBe('refuse');
  });

  test('never the Headteacher, even as owner or as the one handed over to; the runner has nothing to take', () => {
    expect(decideTakeOver({ ...facts, me: HEAD, owner: HEAD }).kind).toBe('refuse');
    expect(decideTakeOver({ ...facts, me: HEAD, pending: HEAD }).kind).toBe('refuse');
    expect(decideTakeOver({ ...facts, me: DSL }).kind).toBe('refuse');
  });

  test('accounts compare without case or spaces, and an empty one is nobody', () => {
    expect(sameAccount(' DSL@school.example', DSL)).toBe(true);
    expect(sameAccount('', '')).toBe(false);
  });
});
