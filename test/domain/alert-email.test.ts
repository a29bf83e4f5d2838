import {
  formatDateTime,
  renderAlertEmail,
  renderOverdueReminder,
  type AlertIncident,
} from '../../src/domain/alert-email';
import {
  planAlert,
  recordReaders,
  sameMailbox,
  type AlertKind,
  type AlertPlan,
  type AlertRecipient,
  type RecipientRole,
  type RecordFile,
} from '../../src/domain/routing';
import type { AdultConcern, Settings } from '../../src/domain/types';
import { baseSettings } from '../support/fixtures';

const SETTINGS: Settings = baseSettings({
  schoolName: 'Jericho Primary',
  dslEmail: 'dsl@school.example',
  deputyDslEmails: ['deputy@school.example'],
  headteacherEmail: 'head@school.example',
  chairOfGovernorsEmail: 'chair@governors.example',
  leadershipEmails: ['head@school.example'],
});

const ROW_URL = 'https://docs.google.com/spreadsheets/d/abc123/edit#gid=0&range=A42';
const PUPILS = ['Amelia Quorn', 'Bartholomew Nuttall', 'Cerys Wyndham'];
const DESCRIPTION =
  'Pupil showed me messages from an older "friend" asking to meet.\nShe said: "he knows where I live".';

function makeIncident(overrides: Partial<AlertIncident> = {}): AlertIncident {
  return {
    responseId: 'resp-1',
    submittedAt: new Date('2026-03-05T14:05:00Z'),
    reporterEmail: 'teacher@school.example',
    occurredAt: new Date('2026-03-04T19:30:00Z'),
    categories: ['Grooming', 'Contact with strangers'],
    platform: 'Snapchat',
    location: 'Outside school',
    description: DESCRIPTION,
    pupilsHarmed: [PUPILS[0]!],
    pupilsCausedHarm: [PUPILS[1]!],
    pupilsOther: [PUPILS[2]!],
    yearGroups: ['Year 6'],
    adultConcern: 'none',
    adultDetails: '',
    adultRole: '',
    childAtRisk: 'Yes',
    toldDslInPerson: 'No',
    evidenceKept: 'Yes',
    evidenceWhere: 'Phone handed to the DSL, switched off',
    actionsTaken: 'Reassured the pupil',
    parentsInformed: 'Not yet',
    incidentId: 'OSI-2026-0042',
    fourCs: ['Contact'],
    childProtection: true,
    childProtectionReasons: ['Reporter: child at risk (Yes)', 'Category: Grooming'],
    ...overrides,
  };
}

function recipient(alert: AlertKind, overrides: Partial<AlertRecipient> = {}): AlertRecipient {
  return {
    email: 'dsl@school.example',
    roles: ['dsl'],
    reasons: ['Designated Safeguarding Lead: the report was flagged as a child-protection concern.'],
    detail: 'minimal',
    alert,
    // Where routing keeps each kind's record when the concern is not about a safeguarding lead.
    recordIn:
      alert.startsWith('headteacher-') && alert !== 'headteacher-victim'
        ? 'headteacher-allegations'
        : alert === 'staff-allegation' || alert === 'staff-low-level'
          ? 'staff-allegations'
          : 'register',
    standingInFor: [],
    ...overrides,
  };
}

const ATTACKS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil","x")',
];

/** Every free-text field of a report, filled with one attack string. */
function hostileIncident(attack: string, adultConcern: AdultConcern): AlertIncident {
  return makeIncident({
    reporterEmail: attack,
    categories: [attack, 'Grooming'],
    platform: attack,
    location: attack,
    description: `${attack}\n${attack}`,
    pupilsHarmed: [attack],
    pupilsCausedHarm: [attack],
    pupilsOther: [attack],
    yearGroups: [attack],
    adultConcern,
    adultDetails: attack,
    adultRole: attack,
    toldDslInPerson: attack,
    evidenceKept: attack,
    evidenceWhere: attack,
    actionsTaken: attack,
    parentsInformed: attack,
    childProtectionReasons: [attack],
  });
}

/**
 * The elements and attributes a mail client would build from the HTML. Every "<" followed by a letter must
 * be a well-formed tag whose attribute values are all double-quoted; anything else fails the parse.
 */
function markupIn(html: string): { tags: string[]; attributes: string[]; malformed: string[] } {
  const tags: string[] = [];
  const attributes: string[] = [];
  const malformed: string[] = [];
  for (const open of html.matchAll(/<\/?[a-zA-Z][^>]*>?/g)) {
    const tag = /^<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>$/.exec(open[0]);
    if (!tag) {
      malformed.push(open[0]);
      continue;
    }
    tags.push(tag[1]!.toLowerCase());
    for (const attribute of tag[2]!.matchAll(/([a-zA-Z-]+)(?:="[^"]*")?/g))
      attributes.push(attribute[1]!.toLowerCase());
  }
  return { tags, attributes, malformed };
}

function expectOnlySafeMarkup(html: string): void {
  const { tags, attributes, malformed } = markupIn(html);
  expect(malformed).toEqual([]);
  expect(tags.filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
  expect(attributes.filter((a) => !ALLOWED_ATTRIBUTES.has(a))).toEqual([]);
}

const ALLOWED_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'body',
  'table',
  'caption',
  'tr',
  'th',
  'td',
  'h1',
  'h2',
  'p',
  'ul',
  'li',
  'a',
  'br',
  'div',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'name',
  'content',
  'style',
  'role',
  'width',
  'cellpadding',
  'cellspacing',
  'border',
  'align',
  'valign',
  'scope',
  'href',
]);

const KINDS: Array<{ alert: AlertKind; concern: AdultConcern }> = [
  { alert: 'child-protection', concern: 'none' },
  { alert: 'adult-concern', concern: 'parent' },
  { alert: 'adult-concern', concern: 'other-adult' },
  { alert: 'staff-allegation', concern: 'staff' },
  { alert: 'headteacher-allegation', concern: 'headteacher' },
  { alert: 'none', concern: 'none' },
];

describe('renderAlertEmail: hostile input comes out inert', () => {
  const cases = ATTACKS.flatMap((attack) =>
    KINDS.flatMap(({ alert, concern }) =>
      (['minimal', 'full'] as const).map((detail) => ({ attack, alert, concern, detail })),
    ),
  );

  it.each(cases)('$attack in every field, $alert, $detail', ({ attack, alert, concern, detail }) => {
    const schoolSettings = { ...SETTINGS, schoolName: attack };
    const email = renderAlertEmail(
      hostileIncident(attack, concern),
      recipient(alert, { detail, reasons: [attack] }),
      schoolSettings,
      { registerRowUrl: ROW_URL },
    );
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toMatch(/<img/i);
    expect(email.html).not.toMatch(/onerror\s*=/i);
    expect(email.html).not.toContain('=HYPERLINK(');
    expectOnlySafeMarkup(email.html);
    // Shown, not dropped: the reporter's address is in every alert, escaped.
    expect(email.html).toContain(
      attack
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/=/g, '&#61;'),
    );
    expect(email.subject).not.toContain(attack);
  });
});

describe('renderAlertEmail: subjects', () => {
  it.each<[AlertKind, AdultConcern, string]>([
    ['child-protection', 'none', '[Online safety] Child-protection concern OSI-2026-0042'],
    ['staff-allegation', 'staff', '[Online safety] Allegation about a member of staff OSI-2026-0042'],
    ['headteacher-allegation', 'headteacher', '[Online safety] Concern about the Headteacher OSI-2026-0042'],
    ['adult-concern', 'parent', '[Online safety] Concern about a parent or carer OSI-2026-0042'],
    ['adult-concern', 'other-adult', '[Online safety] Concern about an adult OSI-2026-0042'],
  ])('%s (%s): %s', (alert, concern, subject) => {
    for (const detail of ['minimal', 'full'] as const) {
      const email = renderAlertEmail(
        makeIncident({ adultConcern: concern }),
        recipient(alert, { detail }),
        SETTINGS,
        {
          registerRowUrl: ROW_URL,
        },
      );
      expect(email.subject).toBe(subject);
      for (const pupil of PUPILS) expect(email.subject).not.toContain(pupil);
    }
  });

  it('keeps the subject on one line whatever the incident ID holds', () => {
    const email = renderAlertEmail(
      makeIncident({ incidentId: 'OSI-1\r\nBcc: someone@evil.example' }),
      recipient('child-protection'),
      SETTINGS,
      { registerRowUrl: ROW_URL },
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe('renderAlertEmail: how much it says', () => {
  it('a minimal alert has the ID, categories, time, reporter and link, and no facts or pupil names', () => {
    const email = renderAlertEmail(makeIncident(), recipient('child-protection'), SETTINGS, {
      registerRowUrl: ROW_URL,
    });
    for (const part of [email.subject, email.text, email.html]) {
      for (const pupil of PUPILS) expect(part).not.toContain(pupil);
      expect(part).not.toContain('older');
      expect(part).not.toContain('knows where I live');
      expect(part).not.toContain('Snapchat');
    }
    for (const part of [email.text, email.html]) {
      expect(part).toContain('OSI-2026-0042');
      expect(part).toContain('Grooming, Contact with strangers');
      expect(part).toContain('5 Mar 2026, 14:05');
      expect(part).toContain('teacher@school.example');
    }
    expect(email.text).toContain(ROW_URL);
    expect(email.html).toContain(
      'href="https://docs.google.com/spreadsheets/d/abc123/edit#gid&#61;0&amp;range&#61;A42"',
    );
  });

  it('a full alert adds the facts and the pupils, escaped, with line breaks kept', () => {
    const email = renderAlertEmail(
      makeIncident(),
      recipient('child-protection', { detail: 'full' }),
      SETTINGS,
      { registerRowUrl: ROW_URL },
    );
    for (const pupil of PUPILS) {
      expect(email.html).toContain(pupil);
      expect(email.text).toContain(pupil);
    }
    expect(email.html).toContain('older &quot;friend&quot; asking to meet.<br>She said');
    expect(email.text).toContain('older "friend" asking to meet.');
    expect(email.html).toContain('Snapchat');
    for (const pupil of PUPILS) expect(email.subject).not.toContain(pupil);
  });

  it('an allegation stays minimal even if a recipient entry asks for full detail', () => {
    for (const [alert, adultConcern] of [
      ['staff-allegation', 'staff'],
      ['headteacher-allegation', 'headteacher'],
    ] as const) {
      const email = renderAlertEmail(
        makeIncident({ adultConcern, adultDetails: 'Mr Example Teacher sent messages' }),
        recipient(alert, { detail: 'full' }),
        SETTINGS,
        { registerRowUrl: ROW_URL },
      );
      for (const part of [email.text, email.html]) {
        expect(part).not.toContain('Mr Example Teacher');
        expect(part).not.toContain('knows where I live');
        for (const pupil of PUPILS) expect(part).not.toContain(pupil);
      }
    }
  });

  it('a full alert about a parent shows what the adult is said to have done', () => {
    const email = renderAlertEmail(
      makeIncident({
        adultConcern: 'parent',
        adultDetails: 'Parent posted threats',
        adultRole: 'Instigator',
      }),
      recipient('adult-concern', { detail: 'full' }),
      SETTINGS,
      { registerRowUrl: ROW_URL },
    );
    expect(email.text).toContain('Adult involved: Parent posted threats');
    expect(email.text).toContain('Instigator or target: Instigator');
  });

  it('shows plain values in the text version, as typed', () => {
    const attack = ATTACKS[0]!;
    const email = renderAlertEmail(
      hostileIncident(attack, 'none'),
      recipient('child-protection', { detail: 'full' }),
      SETTINGS,
      { registerRowUrl: ROW_URL },
    );
    expect(email.text).toContain(`What happened:\n  ${attack}\n  ${attack}`);
  });
});

describe('renderAlertEmail: what to do next', () => {
  it('tells the Chair that the Headteacher has not been told and to contact the LADO', () => {
    const plan = planAlert(makeIncident({ adultConcern: 'headteacher' }), SETTINGS);
    const chair = plan.recipients.find((r) => r.roles.includes('chair'));
    expect(chair).toBeDefined();
    const email = renderAlertEmail(makeIncident({ adultConcern: 'headteacher' }), chair!, SETTINGS, {
      registerRowUrl: ROW_URL,
    });
    expect(email.text).toContain('The Headteacher has not been told');
    expect(email.text).toMatch(/Local Authority Designated Officer \(LADO\) within one working day/);
    expect(email.text).toContain('Headteacher allegations record');
  });

  it('tells a deputy standing in for a missing Chair to reach the Chair in person', () => {
    const settings = { ...SETTINGS, chairOfGovernorsEmail: '' };
    const plan = planAlert(makeIncident({ adultConcern: 'headteacher' }), settings);
    const deputy = plan.recipients.find((r) => r.email === 'deputy@school.example');
    expect(deputy).toBeDefined();
    const email = renderAlertEmail(makeIncident({ adultConcern: 'headteacher' }), deputy!, settings, {
      registerRowUrl: ROW_URL,
    });
    expect(email.text).toContain('tell the Chair of Governors in person');
    expect(email.text).toContain('The Headteacher has not been told');
  });

  it('tells the Headteacher not to investigate a staff allegation alone and to call the LADO', () => {
    const plan = planAlert(makeIncident({ adultConcern: 'staff' }), SETTINGS);
    const head = plan.recipients.find((r) => r.roles.includes('headteacher'));
    const email = renderAlertEmail(makeIncident({ adultConcern: 'staff' }), head!, SETTINGS, {
      registerRowUrl: ROW_URL,
    });
    expect(email.text).toContain('Do not investigate yourself');
    expect(email.text).toContain('LADO');
  });

  it('reminds the DSL never to view or forward possible nudes in a child-protection alert', () => {
    const email = renderAlertEmail(makeIncident(), recipient('child-protection'), SETTINGS, {
      registerRowUrl: ROW_URL,
    });
    expect(email.text).toMatch(/Never view, copy, screenshot, print or forward an image/);
    expect(email.text).toContain('Why you are receiving this');
  });

  it('does not make a link of an address that is not a web address', () => {
    const email = renderAlertEmail(makeIncident(), recipient('child-protection'), SETTINGS, {
      registerRowUrl: 'javascript:alert(1)',
    });
    expect(email.html).not.toContain('href="javascript');
    expect(email.html).not.toContain('href=');
    expect(email.text).toContain('There is no link to the record in this email');
  });
});

describe('renderAlertEmail: an alert with no link says where the record is, for its reader', () => {
  /** The recipient of `plan` holding `role` (fails when there is none). */
  function recipientWith(plan: AlertPlan, role: RecipientRole): AlertRecipient {
    const found = plan.recipients.find((r) => r.roles.includes(role));
    if (!found) throw new Error(`no ${role} in the plan`);
    return found;
  }
  /** The text version's line about the record (the one after the facts). */
  function recordLine(email: { text: string }): string {
    return email.text.split('\n').find((line) => /record|link/i.test(line) && !line.startsWith('- ')) ?? '';
  }
  const noLink = { registerRowUrl: '' };
  const noFile = { registerRowUrl: '', recordMissing: true };
  const headConcern = makeIncident({ adultConcern: 'headteacher' });
  const staffConcern = makeIncident({ adultConcern: 'staff' });

  it('tells the DSL to open the Register and find the incident', () => {
    const email = renderAlertEmail(makeIncident(), recipient('child-protection'), SETTINGS, noLink);
    expect(recordLine(email)).toBe(
      "There is no link to the record in this email: open the Register sheet in the school's Online Safety Incident Log spreadsheet and find incident OSI-2026-0042.",
    );
    expect(email.html).toContain('open the Register sheet in the school');
    expect(email.html).not.toContain('href=');
  });

  it('never tells the Chair to open the register: their record is the restricted Headteacher file', () => {
    const chair = recipientWith(planAlert(headConcern, SETTINGS), 'chair');
    const email = renderAlertEmail(headConcern, chair, SETTINGS, noLink);
    expect(recordLine(email)).toBe(
      'There is no link to the record in this email: open the restricted Headteacher allegations spreadsheet (it is shared with you) and find incident OSI-2026-0042.',
    );
    expect(email.text).not.toMatch(/register/i);
    expect(email.html).not.toMatch(/register/i);
  });

  it('points the Headteacher at the restricted Staff allegations file for a concern about staff', () => {
    const head = recipientWith(planAlert(staffConcern, SETTINGS), 'headteacher');
    const email = renderAlertEmail(staffConcern, head, SETTINGS, noLink);
    expect(recordLine(email)).toContain(
      'open the restricted Staff allegations spreadsheet (it is shared with you)',
    );
    expect(email.text).not.toMatch(/register/i);
  });

  it('tells the Chair standing in for the DSL that the register is not theirs to open, and what to do', () => {
    const noLeads = { ...SETTINGS, dslEmail: '', deputyDslEmails: [], headteacherEmail: '' };
    const chair = recipientWith(planAlert(makeIncident(), noLeads), 'chair');
    expect(chair.standingInFor).toEqual(['dsl']);
    const line = recordLine(renderAlertEmail(makeIncident(), chair, noLeads, noLink));
    expect(line).toBe(
      "There is no link to the record in this email, and it is kept in the Register sheet in the school's Online Safety Incident Log spreadsheet, which only the DSL and deputy DSLs can open: ask the member of staff who reported it, named above, for the details.",
    );
  });

  it('when the file does not exist yet: the DSL is told how to make it, the Chair only what to do now', () => {
    const plan = planAlert(makeIncident({ adultConcern: 'headteacher', childProtection: true }), SETTINGS);
    const dsl = recordLine(renderAlertEmail(headConcern, recipientWith(plan, 'dsl'), SETTINGS, noFile));
    expect(dsl).toMatch(
      /^There is no record to open yet: the restricted Headteacher allegations spreadsheet/,
    );
    expect(dsl).toContain('Run Online Safety › Set up / repair in the register');
    expect(dsl).toContain('OSI-2026-0042');

    const chairEmail = renderAlertEmail(headConcern, recipientWith(plan, 'chair'), SETTINGS, noFile);
    const chair = recordLine(chairEmail);
    expect(chair).toMatch(
      /^There is no record to open yet: the restricted Headteacher allegations spreadsheet/,
    );
    expect(chair).toContain('ask the member of staff who reported it, named above, for the details');
    expect(chair).not.toMatch(/Set up/);
    expect(chairEmail.text).not.toMatch(/register/i);
    expect(chairEmail.html).not.toContain('href=');
  });

  it('a link, when there is one, is used whatever the recipient', () => {
    const chair = recipientWith(planAlert(headConcern, SETTINGS), 'chair');
    const email = renderAlertEmail(headConcern, chair, SETTINGS, { registerRowUrl: ROW_URL });
    expect(recordLine(email)).toBe(`Open the record for OSI-2026-0042: ${ROW_URL}`);
  });

  /** Settings that send each kind of alert to someone standing in, or to the usual people. */
  const VARIANTS: Array<[string, Settings]> = [
    ['everyone set', SETTINGS],
    ['no DSL or deputies', { ...SETTINGS, dslEmail: '', deputyDslEmails: [] }],
    [
      'no DSL, deputies or Headteacher',
      { ...SETTINGS, dslEmail: '', deputyDslEmails: [], headteacherEmail: '' },
    ],
    ['no Headteacher', { ...SETTINGS, headteacherEmail: '' }],
    ['no Chair', { ...SETTINGS, chairOfGovernorsEmail: '' }],
    ['the Headteacher is the DSL', { ...SETTINGS, dslEmail: 'head@school.example' }],
  ];
  const FILE_OF: Record<AlertKind, RecordFile> = {
    'child-protection': 'register',
    'adult-concern': 'register',
    none: 'register',
    'staff-allegation': 'staff-allegations',
    'headteacher-allegation': 'headteacher-allegations',
    'staff-low-level': 'staff-allegations',
    'headteacher-low-level': 'headteacher-allegations',
    'staff-victim': 'register',
    'headteacher-victim': 'register',
  };

  it.each(VARIANTS)(
    'tells a recipient to open the record only if it is shared with them (%s)',
    (_name, settings) => {
      for (const { concern } of KINDS) {
        const incident = makeIncident({ adultConcern: concern });
        const plan = planAlert(incident, settings);
        const { readers } = recordReaders(plan.recordIn, settings);
        expect(FILE_OF[plan.alert]).toBe(plan.recordIn);
        for (const who of plan.recipients) {
          const line = recordLine(renderAlertEmail(incident, who, settings, noLink));
          const mayOpen = readers.some((r) => sameMailbox(r, who.email));
          expect({ who: who.email, concern, tellsToOpen: /: open /.test(line) }).toEqual({
            who: who.email,
            concern,
            tellsToOpen: mayOpen,
          });
          if (!mayOpen) expect(line).toContain('ask the member of staff who reported it');
        }
      }
    },
  );
});

describe('formatDateTime', () => {
  it('shows the time in the school time zone', () => {
    const when = new Date('2026-03-05T14:05:00Z');
    expect(formatDateTime(when, 'Europe/London')).toBe('5 Mar 2026, 14:05');
    expect(formatDateTime(when, 'Pacific/Auckland')).toBe('6 Mar 2026, 03:05');
  });

  it('falls back to UTC, and says so, for an unknown zone; says when there is no time', () => {
    expect(formatDateTime(new Date('2026-03-05T14:05:00Z'), 'Nowhere/Atlantis')).toBe(
      '5 Mar 2026, 14:05 UTC',
    );
    expect(formatDateTime(null, 'Europe/London')).toBe('not given');
    expect(formatDateTime(new Date(NaN), 'Europe/London')).toBe('not given');
  });
});

describe('renderOverdueReminder', () => {
  const items = [
    { incidentId: 'OSI-2026-0007', status: 'Triaged', daysOpen: 12, registerRowUrl: `${ROW_URL}7` },
    { incidentId: 'OSI-2026-0011', status: 'In progress', daysOpen: 8.6, registerRowUrl: `${ROW_URL}11` },
  ];

  it('lists IDs, status, age and links, with a count in the subject', () => {
    const email = renderOverdueReminder(items, SETTINGS);
    expect(email.subject).toBe('[Online safety] 2 incidents overdue for follow-up');
    expect(email.text).toContain('OSI-2026-0007 | Triaged | open 12 days');
    expect(email.text).toContain('OSI-2026-0011 | In progress | open 8 days');
    expect(email.text).toContain('no change for 7 days or more');
    expect(email.html).toContain('OSI-2026-0007');
    expect(email.html).toContain(
      'href="https://docs.google.com/spreadsheets/d/abc123/edit#gid&#61;0&amp;range&#61;A4211"',
    );
  });

  it('says so when nothing is overdue', () => {
    const email = renderOverdueReminder([], SETTINGS);
    expect(email.subject).toBe('[Online safety] No incidents overdue for follow-up');
    expect(email.text).toContain('No open incident is overdue');
  });

  it.each(ATTACKS)('keeps %s inert wherever it appears', (attack) => {
    const email = renderOverdueReminder(
      [{ incidentId: attack, status: attack, daysOpen: 9, registerRowUrl: ROW_URL }],
      { ...SETTINGS, schoolName: attack },
    );
    expect(email.html).not.toMatch(/<script|<img|onerror\s*=/i);
    expect(email.html).not.toContain('=HYPERLINK(');
    expectOnlySafeMarkup(email.html);
    expect(email.subject).not.toContain(attack);
  });
});
