import {
  mailboxKey,
  planAlert,
  recordReaders,
  routeProblems,
  sameMailbox,
  type AlertKind,
  type AlertPlan,
  type RecordFile,
  type RecipientRole,
  type RoutableIncident,
} from '../../src/domain/routing';
import type { AdultConcern, Settings } from '../../src/domain/types';
import { baseSettings } from '../support/fixtures';

const DSL = 'dsl@school.example';
const DEPUTY_1 = 'deputy1@school.example';
const DEPUTY_2 = 'deputy2@school.example';
const HEAD = 'head@school.example';
const CHAIR = 'chair@governors.example';

function settingsWith(overrides: Partial<Settings> = {}): Settings {
  return baseSettings({
    dslEmail: DSL,
    deputyDslEmails: [DEPUTY_1, DEPUTY_2],
    headteacherEmail: HEAD,
    chairOfGovernorsEmail: CHAIR,
    // The Headteacher is on the leadership list, as in most schools: that must never route anything.
    leadershipEmails: [HEAD, 'slt@school.example'],
    ...overrides,
  });
}

function incident(adultConcern: AdultConcern, childProtection: boolean): RoutableIncident {
  return {
    adultConcern,
    childProtection,
    childProtectionReasons: childProtection ? ['Reporter: child at risk (Yes)'] : [],
  };
}

/** The plan as "address → roles", which is what a reader of the table cares about. */
function told(plan: AlertPlan): Record<string, RecipientRole[]> {
  return Object.fromEntries(plan.recipients.map((r) => [r.email, [...r.roles].sort()]));
}

interface Row {
  name: string;
  settings?: Partial<Settings>;
  concern: AdultConcern;
  flagged: boolean;
  alert: AlertKind;
  recordIn: RecordFile;
  told: Record<string, RecipientRole[]>;
  /** Each pattern must match one of the plan's problems; no problems at all when omitted. */
  problems?: RegExp[];
}

const ROWS: Row[] = [
  {
    name: 'no flag and no adult concern: nobody is alerted now',
    concern: 'none',
    flagged: false,
    alert: 'none',
    recordIn: 'register',
    told: {},
  },
  {
    name: 'child-protection flag: the DSL and both deputies',
    concern: 'none',
    flagged: true,
    alert: 'child-protection',
    recordIn: 'register',
    told: { [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
  },
  {
    name: 'concern about staff: the Headteacher only, in the staff allegations file',
    concern: 'staff',
    flagged: false,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: { [HEAD]: ['headteacher'] },
  },
  {
    name: 'concern about staff with a child at risk: the Headteacher and the safeguarding leads',
    concern: 'staff',
    flagged: true,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: { [HEAD]: ['headteacher'], [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
  },
  {
    name: 'concern about staff where the Headteacher is the DSL: one email with both roles',
    settings: { dslEmail: ' Head@School.Example ' },
    concern: 'staff',
    flagged: true,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: { [HEAD]: ['dsl', 'headteacher'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
  },
  {
    name: 'concern about staff and no Headteacher set: the safeguarding leads stand in',
    settings: { headteacherEmail: '' },
    concern: 'staff',
    flagged: false,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: { [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
    problems: [/No Headteacher address is set.*could not go to the Headteacher/],
  },
  {
    name: 'concern about staff, no Headteacher and no safeguarding leads: the Chair',
    settings: { headteacherEmail: '', dslEmail: '', deputyDslEmails: [] },
    concern: 'staff',
    flagged: false,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: { [CHAIR]: ['chair'] },
    problems: [/went to the Chair of Governors instead/],
  },
  {
    name: 'concern about the Headteacher: the Chair only, in the Headteacher allegations file',
    concern: 'headteacher',
    flagged: false,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [CHAIR]: ['chair'] },
  },
  {
    name: 'concern about the Headteacher with a child at risk: the Chair and the safeguarding leads',
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [CHAIR]: ['chair'], [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
  },
  {
    name: 'concern about the Headteacher who is the DSL (mixed case, spaces): never the DSL address',
    settings: { dslEmail: '  HEAD@school.EXAMPLE ' },
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [CHAIR]: ['chair'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
  },
  {
    name: 'concern about the Headteacher who is a deputy: never that deputy',
    settings: { deputyDslEmails: [DEPUTY_1, 'Head@School.example'] },
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [CHAIR]: ['chair'], [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'] },
  },
  {
    name: 'concern about the Headteacher listed under a +tag alias: still never that mailbox',
    settings: { deputyDslEmails: ['head+safeguarding@school.example'] },
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [CHAIR]: ['chair'], [DSL]: ['dsl'] },
  },
  {
    name: 'concern about the Headteacher, no Chair: the safeguarding leads who are not the Headteacher',
    settings: { chairOfGovernorsEmail: '', dslEmail: HEAD },
    concern: 'headteacher',
    flagged: false,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
    problems: [/No Chair of Governors address is set.*safeguarding leads who are not the Headteacher/],
  },
  {
    name: 'concern about the Headteacher, malformed Chair: treated as no Chair, the typed value quoted',
    settings: { chairOfGovernorsEmail: 'chair at governors' },
    concern: 'headteacher',
    flagged: false,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
    problems: [/\("chair at governors"\) is not a valid email address/],
  },
  {
    name: 'concern about the Headteacher, no Chair and every lead is the Headteacher: nobody',
    settings: { chairOfGovernorsEmail: '', dslEmail: HEAD, deputyDslEmails: ['HEAD@school.example'] },
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: {},
    problems: [/nobody could be emailed without telling the Headteacher/],
  },
  {
    name: "concern about the Headteacher where the Chair's address is the Headteacher's: not used",
    settings: { chairOfGovernorsEmail: 'Head@school.example' },
    concern: 'headteacher',
    flagged: false,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
    problems: [/Chair of Governors address in Settings is the Headteacher's own address/],
  },
  {
    name: 'concern about the Headteacher, Headteacher address unknown: only the Chair, even at risk',
    settings: { headteacherEmail: '' },
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [CHAIR]: ['chair'] },
    problems: [/cannot tell whether a safeguarding lead is the Headteacher/],
  },
  {
    name: 'concern about the Headteacher, malformed Headteacher address: only the Chair',
    settings: { headteacherEmail: 'head@school' },
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: { [CHAIR]: ['chair'] },
    problems: [/\("head@school"\) is not a valid email address/],
  },
  {
    name: 'concern about the Headteacher, nothing usable at all: nobody, never the Headteacher',
    settings: { headteacherEmail: '', chairOfGovernorsEmail: '' },
    concern: 'headteacher',
    flagged: true,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: {},
    problems: [/nobody could be emailed without telling the Headteacher/],
  },
  {
    name: 'child-protection flag, no DSL: the deputies, with a problem',
    settings: { dslEmail: '' },
    concern: 'none',
    flagged: true,
    alert: 'child-protection',
    recordIn: 'register',
    told: { [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
    problems: [/No Designated Safeguarding Lead address is set/],
  },
  {
    name: 'child-protection flag, no DSL and no deputies: the Headteacher stands in',
    settings: { dslEmail: '', deputyDslEmails: [] },
    concern: 'none',
    flagged: true,
    alert: 'child-protection',
    recordIn: 'register',
    told: { [HEAD]: ['headteacher'] },
    problems: [/went to the Headteacher instead/],
  },
  {
    name: 'child-protection flag, only the Chair is usable: the Chair',
    settings: { dslEmail: 'not an address', deputyDslEmails: [], headteacherEmail: '' },
    concern: 'none',
    flagged: true,
    alert: 'child-protection',
    recordIn: 'register',
    told: { [CHAIR]: ['chair'] },
    problems: [/went to the Chair of Governors instead/],
  },
  {
    name: 'child-protection flag, no usable address at all: nobody, and says so',
    settings: { dslEmail: '', deputyDslEmails: [], headteacherEmail: '', chairOfGovernorsEmail: '' },
    concern: 'none',
    flagged: true,
    alert: 'child-protection',
    recordIn: 'register',
    told: {},
    problems: [/Nobody was emailed/],
  },
  {
    name: 'duplicates and mixed case: one email per mailbox with every role',
    settings: {
      dslEmail: 'DSL@School.example ',
      deputyDslEmails: [' dsl@school.example', DEPUTY_1, 'Deputy1@SCHOOL.example'],
    },
    concern: 'none',
    flagged: true,
    alert: 'child-protection',
    recordIn: 'register',
    told: { [DSL]: ['deputy-dsl', 'dsl'], [DEPUTY_1]: ['deputy-dsl'] },
  },
  {
    name: 'a malformed deputy is skipped, the others are told, and the row says so',
    settings: { deputyDslEmails: ['Mrs Deputy', DEPUTY_2] },
    concern: 'none',
    flagged: true,
    alert: 'child-protection',
    recordIn: 'register',
    told: { [DSL]: ['dsl'], [DEPUTY_2]: ['deputy-dsl'] },
    problems: [/\("Mrs Deputy"\) is not a valid email address/],
  },
  {
    name: 'concern about a parent: the safeguarding leads, in the main register',
    concern: 'parent',
    flagged: false,
    alert: 'adult-concern',
    recordIn: 'register',
    told: { [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
  },
  {
    name: 'concern about another adult who works or volunteers in school, child at risk: routed as staff',
    concern: 'other-adult',
    flagged: true,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: { [HEAD]: ['headteacher'], [DSL]: ['dsl'], [DEPUTY_1]: ['deputy-dsl'], [DEPUTY_2]: ['deputy-dsl'] },
  },
];

describe('planAlert routing table', () => {
  it.each(ROWS)('$name', (row) => {
    const plan = planAlert(incident(row.concern, row.flagged), settingsWith(row.settings));
    expect(plan.alert).toBe(row.alert);
    expect(plan.recordIn).toBe(row.recordIn);
    expect(told(plan)).toEqual(row.told);
    const expected = row.problems ?? [];
    if (expected.length === 0) expect(plan.problems).toEqual([]);
    for (const pattern of expected) {
      expect(plan.problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    }
    // Whatever the row, a concern about the Headteacher never reaches the Headteacher's mailbox.
    if (row.concern === 'headteacher') {
      const head = settingsWith(row.settings).headteacherEmail;
      expect(plan.recipients.filter((r) => sameMailbox(r.email, head))).toEqual([]);
    }
  });
});

describe('planAlert details', () => {
  it('gives the union of reasons in plain words to an address with two roles', () => {
    const plan = planAlert(incident('staff', true), settingsWith({ dslEmail: HEAD }));
    const head = plan.recipients.find((r) => r.email === HEAD);
    expect(head?.reasons).toEqual([
      'Headteacher: the report raises a concern or allegation about a member of staff.',
      'Designated Safeguarding Lead: the report was flagged as a child-protection concern (Reporter: child at risk (Yes)).',
    ]);
  });

  it('marks who is standing in for a role that has no usable address', () => {
    const noChair = planAlert(incident('headteacher', false), settingsWith({ chairOfGovernorsEmail: '' }));
    expect(noChair.recipients.every((r) => r.standingInFor.includes('chair'))).toBe(true);
    const noHead = planAlert(incident('staff', false), settingsWith({ headteacherEmail: '' }));
    expect(noHead.recipients.every((r) => r.standingInFor.includes('headteacher'))).toBe(true);
    const normal = planAlert(incident('none', true), settingsWith());
    expect(normal.recipients.every((r) => r.standingInFor.length === 0)).toBe(true);
  });

  it('uses the full detail setting for register routes only; allegations stay minimal', () => {
    const full = settingsWith({ alertDetail: 'full' });
    const detailOf = (concern: AdultConcern, flagged: boolean) => [
      ...new Set(planAlert(incident(concern, flagged), full).recipients.map((r) => r.detail)),
    ];
    expect(detailOf('none', true)).toEqual(['full']);
    expect(detailOf('parent', false)).toEqual(['full']);
    expect(detailOf('other-adult', true)).toEqual(['minimal']);
    expect(detailOf('staff', true)).toEqual(['minimal']);
    expect(detailOf('headteacher', true)).toEqual(['minimal']);
    const minimalByDefault = planAlert(incident('none', true), settingsWith());
    expect(minimalByDefault.recipients.map((r) => r.detail)).toEqual(['minimal', 'minimal', 'minimal']);
  });

  it('never alerts the leadership list as such', () => {
    const plan = planAlert(
      incident('none', true),
      settingsWith({ leadershipEmails: ['slt@school.example'] }),
    );
    expect(plan.recipients.map((r) => r.email)).not.toContain('slt@school.example');
  });

  it('sends to the trimmed, lower-cased form of the address first written in Settings', () => {
    const plan = planAlert(
      incident('none', true),
      settingsWith({ dslEmail: '  Jo.Bloggs@School.Example\t' }),
    );
    expect(plan.recipients[0]?.email).toBe('jo.bloggs@school.example');
  });
});

describe('mailbox comparison', () => {
  it.each([
    ['Head@School.example', ' head@school.example ', true],
    ['head+alerts@school.example', 'head@school.example', true],
    ['j.smith@gmail.com', 'JSmith@googlemail.com', true],
    ['j.smith@school.example', 'jsmith@school.example', false],
    ['head@school.example', 'head@other.example', false],
    ['', '', false],
  ])('%s and %s are the same mailbox: %s', (a, b, same) => {
    expect(sameMailbox(a, b)).toBe(same);
    if (same) expect(mailboxKey(a)).toBe(mailboxKey(b));
  });
});

describe('routeProblems (what Set up reports)', () => {
  it('reports nothing for complete, distinct settings', () => {
    expect(routeProblems(settingsWith())).toEqual([]);
  });

  it.each<[string, Partial<Settings>, RegExp]>([
    [
      'no DSL',
      { dslEmail: '' },
      /No Designated Safeguarding Lead address is set in Settings: .*deputy DSLs only/,
    ],
    [
      'no DSL and no deputies',
      { dslEmail: '', deputyDslEmails: [] },
      /No Designated Safeguarding Lead address is set in Settings: child-protection alerts go to the Headteacher instead/,
    ],
    ['a malformed DSL', { dslEmail: 'dsl@' }, /\("dsl@"\) is not a valid email address/],
    [
      'a malformed deputy',
      { deputyDslEmails: ['a@b.example, c@d.example'] },
      /\("a@b.example, c@d.example"\)/,
    ],
    [
      'no Chair',
      { chairOfGovernorsEmail: '' },
      /No Chair of Governors address is set in Settings: concerns about the Headteacher go to the safeguarding leads who are not the Headteacher/,
    ],
    [
      'no Chair and the Headteacher is the only lead',
      { chairOfGovernorsEmail: '', dslEmail: HEAD, deputyDslEmails: [] },
      /cannot be emailed to anyone \(it is never sent to the Headteacher\)/,
    ],
    ['a Chair who is the Headteacher', { chairOfGovernorsEmail: HEAD }, /is the Headteacher's own address/],
    [
      'no Headteacher',
      { headteacherEmail: '' },
      /No Headteacher address is set in Settings: concerns about staff go to the DSL/,
    ],
    [
      'the Headteacher as DSL',
      { dslEmail: 'HEAD@school.example' },
      /The Headteacher is also the DSL: .*never an alert about a concern raised about the Headteacher/,
    ],
    ['the Headteacher as a deputy', { deputyDslEmails: [HEAD] }, /The Headteacher is also a deputy DSL/],
    [
      'nobody at all',
      { dslEmail: '', deputyDslEmails: [], headteacherEmail: '', chairOfGovernorsEmail: '' },
      /No alert can be emailed to anyone/,
    ],
  ])('explains %s', (_name, overrides, pattern) => {
    const problems = routeProblems(settingsWith(overrides));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });
});

describe('recordReaders', () => {
  it('keeps the Headteacher out of the Headteacher allegations file even when they are the DSL', () => {
    const access = recordReaders(
      'headteacher-allegations',
      settingsWith({ dslEmail: ' Head@School.example' }),
    );
    expect(access.readers).toEqual([CHAIR, DEPUTY_1, DEPUTY_2]);
    expect(access.forbidden).toEqual([HEAD]);
  });

  it('lets only the Chair open the Headteacher allegations file while the Headteacher is unknown', () => {
    expect(recordReaders('headteacher-allegations', settingsWith({ headteacherEmail: '' })).readers).toEqual([
      CHAIR,
    ]);
  });

  it('lets only the Headteacher open the DSL and deputy allegations file, and keeps every lead out', () => {
    expect(recordReaders('lead-allegations', settingsWith())).toEqual({
      readers: [HEAD],
      forbidden: [DSL, DEPUTY_1, DEPUTY_2],
    });
  });

  it('gives the DSL and deputy allegations file to the Chair while the Headteacher is unknown', () => {
    expect(recordReaders('lead-allegations', settingsWith({ headteacherEmail: '' }))).toEqual({
      readers: [CHAIR],
      forbidden: [DSL, DEPUTY_1, DEPUTY_2],
    });
  });

  it('lets a Headteacher who is also a deputy read the DSL and deputy allegations file', () => {
    // Concerns about "a deputy DSL" then go to the Headteacher file; concerns about the DSL come here.
    expect(recordReaders('lead-allegations', settingsWith({ deputyDslEmails: [HEAD, DEPUTY_2] }))).toEqual({
      readers: [HEAD],
      forbidden: [DSL, DEPUTY_2],
    });
  });

  it('tells the Chair, who may open the record, of a concern about the DSL when no Headteacher is set', () => {
    const plan = planAlert(
      {
        adultConcern: 'dsl',
        adultRole: 'Causing harm or behaving inappropriately',
        childProtection: false,
        childProtectionReasons: [],
      },
      settingsWith({ headteacherEmail: '' }),
    );
    expect(plan.recordIn).toBe('lead-allegations');
    expect(plan.recipients.map((r) => r.email)).toEqual([CHAIR]);
  });

  it('lets the Headteacher and the safeguarding leads open the staff allegations file', () => {
    expect(recordReaders('staff-allegations', settingsWith()).readers).toEqual([
      HEAD,
      DSL,
      DEPUTY_1,
      DEPUTY_2,
    ]);
  });
});
