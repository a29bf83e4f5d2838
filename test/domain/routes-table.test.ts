/**
 * The routes table: every kind of adult concern (who, and whether they caused harm, are a low-level
 * concern, or were harmed) → who is emailed, which record file, and what the email says. One row per route,
 * so a change to any route shows here as a changed row, and the closing note's table is this file.
 */
import { describe, expect, it } from '@jest/globals';
import { renderAlertEmail, type AlertIncident } from '../../src/domain/alert-email';
import { adultPartOf, planAlert, type AlertKind, type RecordFile } from '../../src/domain/routing';
import { ADULT_ROLE_CHOICES } from '../../src/domain/schema';
import { adultConcernFromText } from '../../src/domain/parse';
import type { AdultConcern, Settings } from '../../src/domain/types';
import { baseSettings } from '../support/fixtures';

const DSL = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const HEAD = 'head@school.example';
const CHAIR = 'chair@governors.example';

const ALLEGATION = 'Causing harm or behaving inappropriately';
const LOW_LEVEL = ADULT_ROLE_CHOICES.find((c) => c.part === 'low-level')!.label;
const HARMED = ADULT_ROLE_CHOICES.find((c) => c.part === 'harmed')!.label;

function settingsWith(overrides: Partial<Settings> = {}): Settings {
  return baseSettings({
    dslEmail: DSL,
    deputyDslEmails: [DEPUTY],
    headteacherEmail: HEAD,
    chairOfGovernorsEmail: CHAIR,
    leadershipEmails: [HEAD],
    alertDetail: 'full',
    ...overrides,
  });
}

const ADULT_NAME = 'Ms Verity Oakhampton';

function incident(concern: AdultConcern, role: string, flagged: boolean): AlertIncident {
  return {
    responseId: 'r1',
    submittedAt: new Date('2026-03-05T14:05:00Z'),
    reporterEmail: 'teacher@school.example',
    occurredAt: new Date('2026-03-04T19:30:00Z'),
    categories: ['Cyberbullying'],
    platform: 'Instagram',
    location: 'Outside school',
    description: `A fake account is posting about ${ADULT_NAME}.`,
    pupilsHarmed: [],
    pupilsCausedHarm: ['Jordan Blake (9R)'],
    pupilsOther: [],
    yearGroups: ['Year 9'],
    adultConcern: concern,
    adultDetails: `${ADULT_NAME}, volunteer reading helper`,
    adultRole: role,
    childAtRisk: flagged ? 'Yes' : 'No',
    toldDslInPerson: 'No',
    evidenceKept: 'Yes, it is kept safe',
    evidenceWhere: '',
    actionsTaken: '',
    parentsInformed: '',
    incidentId: 'X-2026-0001',
    fourCs: ['Conduct'],
    childProtection: flagged,
    childProtectionReasons: flagged ? ['Reporter: child at risk of harm (Yes)'] : [],
  };
}

interface Row {
  name: string;
  concern: AdultConcern;
  role?: string;
  flagged?: boolean;
  settings?: Partial<Settings>;
  alert: AlertKind;
  recordIn: RecordFile;
  /** Everyone emailed, sorted. */
  told: string[];
  /** Words every email of the route must contain, and must not. */
  says: RegExp[];
  never: RegExp[];
}

const LADO = /LADO|Local Authority Designated Officer/;
const NOT_TELL = /do not tell the member of staff/i;

const ROWS: Row[] = [
  {
    name: 'member of staff, allegation → Headteacher, staff file, LADO wording',
    concern: 'staff',
    role: ALLEGATION,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: [HEAD],
    says: [LADO, NOT_TELL],
    never: [/low-level/i],
  },
  {
    name: 'volunteer / supply / contractor, allegation → routed as staff: Headteacher, staff file',
    concern: 'other-adult',
    role: ALLEGATION,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: [HEAD],
    says: [LADO],
    never: [],
  },
  {
    name: 'volunteer, allegation, child at risk, "full" detail → Headteacher and leads, still minimal',
    concern: 'other-adult',
    role: 'Not sure',
    flagged: true,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: [DEPUTY, DSL, HEAD],
    says: [],
    never: [/Oakhampton/, /fake account/],
  },
  {
    name: 'the DSL, allegation → Headteacher only, DSL-and-deputy file, never the DSL',
    concern: 'dsl',
    role: ALLEGATION,
    alert: 'staff-allegation',
    recordIn: 'lead-allegations',
    told: [HEAD],
    says: [/about the DSL/, LADO],
    never: [],
  },
  {
    name: 'the DSL, child at risk → Headteacher and the deputy, DSL-and-deputy file, never the DSL',
    concern: 'dsl',
    role: ALLEGATION,
    flagged: true,
    alert: 'staff-allegation',
    recordIn: 'lead-allegations',
    told: [DEPUTY, HEAD],
    says: [],
    never: [],
  },
  {
    name: 'a deputy DSL, child at risk → Headteacher and the DSL, DSL-and-deputy file, never a deputy',
    concern: 'deputy-dsl',
    role: ALLEGATION,
    flagged: true,
    alert: 'staff-allegation',
    recordIn: 'lead-allegations',
    told: [DSL, HEAD],
    says: [/about a deputy DSL/],
    never: [],
  },
  {
    name: 'a deputy DSL, low-level concern → Headteacher, DSL-and-deputy file, no LADO',
    concern: 'deputy-dsl',
    role: LOW_LEVEL,
    alert: 'staff-low-level',
    recordIn: 'lead-allegations',
    told: [HEAD],
    says: [/low-level concern about a deputy DSL/i, /DSL and deputy allegations/],
    never: [LADO],
  },
  {
    name: 'the DSL who is also the Headteacher → the Chair, Headteacher file, never the Headteacher',
    concern: 'dsl',
    role: ALLEGATION,
    settings: { dslEmail: HEAD },
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: [CHAIR],
    says: [/The Headteacher has not been told/, LADO],
    never: [],
  },
  {
    name: 'a deputy DSL when a deputy is the Headteacher → the Chair, Headteacher file',
    concern: 'deputy-dsl',
    role: ALLEGATION,
    settings: { deputyDslEmails: [DEPUTY, HEAD] },
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: [CHAIR],
    says: [],
    never: [],
  },
  {
    name: 'the Headteacher, allegation → the Chair, Headteacher file',
    concern: 'headteacher',
    role: ALLEGATION,
    alert: 'headteacher-allegation',
    recordIn: 'headteacher-allegations',
    told: [CHAIR],
    says: [LADO],
    never: [],
  },
  {
    name: 'member of staff, low-level concern → Headteacher, staff file, low-level wording, no LADO',
    concern: 'staff',
    role: LOW_LEVEL,
    alert: 'staff-low-level',
    recordIn: 'staff-allegations',
    told: [HEAD],
    says: [
      /Low-level concern about a member of staff/,
      /does not meet the harm threshold/,
      /not an allegation/,
    ],
    never: [LADO, NOT_TELL],
  },
  {
    name: 'volunteer, low-level concern → Headteacher as a low-level concern record',
    concern: 'other-adult',
    role: LOW_LEVEL,
    alert: 'staff-low-level',
    recordIn: 'staff-allegations',
    told: [HEAD],
    says: [/low-level concern/i],
    never: [LADO],
  },
  {
    name: 'low-level concern with a child at risk → handled as an allegation',
    concern: 'staff',
    role: LOW_LEVEL,
    flagged: true,
    alert: 'staff-allegation',
    recordIn: 'staff-allegations',
    told: [DEPUTY, DSL, HEAD],
    says: [],
    never: [],
  },
  {
    name: 'the Headteacher, low-level concern → the Chair, Headteacher file, no LADO',
    concern: 'headteacher',
    role: LOW_LEVEL,
    alert: 'headteacher-low-level',
    recordIn: 'headteacher-allegations',
    told: [CHAIR],
    says: [/Low-level concern about the Headteacher/, /The Headteacher has not been told/],
    never: [LADO],
  },
  {
    name: 'teacher targeted by a pupil (fake account) → Headteacher, register, victim wording, no LADO',
    concern: 'staff',
    role: HARMED,
    alert: 'staff-victim',
    recordIn: 'register',
    told: [HEAD],
    says: [
      /not a concern about the member of staff/,
      /Support them/,
      /report-abuse/,
      /removed/,
      /union/,
      /HR/,
      /pupil who caused harm is recorded in the register/,
    ],
    never: [LADO, NOT_TELL, /Oakhampton/, /fake account is posting/, /Open the record/],
  },
  {
    name: 'teacher targeted, child at risk → Headteacher and the leads (who deal with the pupil)',
    concern: 'staff',
    role: HARMED,
    flagged: true,
    alert: 'staff-victim',
    recordIn: 'register',
    told: [DEPUTY, DSL, HEAD],
    says: [/behaviour policy/],
    never: [LADO, NOT_TELL, /Oakhampton/],
  },
  {
    name: 'the DSL targeted → Headteacher (the DSL is not the subject, so not kept out when a child is at risk)',
    concern: 'dsl',
    role: HARMED,
    flagged: true,
    alert: 'staff-victim',
    recordIn: 'register',
    told: [DEPUTY, DSL, HEAD],
    says: [],
    never: [LADO],
  },
  {
    name: 'the Headteacher targeted → the Chair as single point of contact, register, no LADO',
    concern: 'headteacher',
    role: HARMED,
    alert: 'headteacher-victim',
    recordIn: 'register',
    told: [CHAIR],
    says: [/single point of contact/, /not a concern about the Headteacher/, /union/],
    never: [LADO, /has not been told/],
  },
  {
    name: 'a parent → the DSL and deputy, register (unchanged)',
    concern: 'parent',
    role: '',
    alert: 'adult-concern',
    recordIn: 'register',
    told: [DEPUTY, DSL],
    says: [],
    never: [LADO],
  },
];

describe('routes table', () => {
  it.each(ROWS)('$name', (row) => {
    const settings = settingsWith(row.settings);
    const subject = incident(row.concern, row.role ?? '', row.flagged ?? false);
    const plan = planAlert(subject, settings);
    expect(plan.alert).toBe(row.alert);
    expect(plan.recordIn).toBe(row.recordIn);
    expect(plan.recipients.map((r) => r.email).sort()).toEqual(row.told);
    expect(plan.problems).toEqual([]);
    for (const recipient of plan.recipients) {
      const email = renderAlertEmail(subject, recipient, settings, {
        registerRowUrl: 'https://docs.google.com/spreadsheets/d/x/edit#gid=0&range=A2',
      });
      expect(email.subject).not.toContain('Jordan Blake');
      const both = `${email.text}\n${email.html}`;
      // The words that matter are judged on the point-of-contact email (Headteacher, or Chair).
      const pointOfContact = recipient.roles.includes('headteacher') || recipient.roles.includes('chair');
      if (pointOfContact) for (const pattern of row.says) expect(both).toMatch(pattern);
      for (const pattern of row.never) expect(both).not.toMatch(pattern);
    }
  });
});

describe('a concern about a safeguarding lead never reaches them', () => {
  it.each<[AdultConcern, string[]]>([
    ['dsl', [DSL]],
    ['deputy-dsl', [DEPUTY, 'deputy2@school.example']],
  ])('%s, whatever else Settings say', (concern, kept) => {
    const settings = settingsWith({
      deputyDslEmails: [DEPUTY, 'deputy2@school.example'],
      headteacherEmail: '',
    });
    const plan = planAlert(incident(concern, ALLEGATION, true), settings);
    // No Headteacher: the other leads (or the Chair) stand in; never the person concerned.
    expect(plan.recipients.length).toBeGreaterThan(0);
    for (const email of kept) expect(plan.recipients.map((r) => r.email)).not.toContain(email);
  });
});

describe('reading the answers', () => {
  it.each<[string, ReturnType<typeof adultPartOf>]>([
    [ALLEGATION, 'allegation'],
    ['Not sure', 'allegation'],
    ['', 'allegation'],
    [LOW_LEVEL, 'low-level'],
    ['low level concern', 'low-level'],
    [HARMED, 'harmed'],
    ['Harmed or targeted (for example abused online)', 'harmed'],
  ])('adult part %p → %p', (text, part) => {
    expect(adultPartOf(text)).toBe(part);
  });

  it.each<[string, AdultConcern]>([
    ['The Designated Safeguarding Lead (DSL)', 'dsl'],
    ['A deputy DSL', 'deputy-dsl'],
    ['the DSL', 'dsl'],
    ['Another adult who works or volunteers at the school', 'other-adult'],
  ])('adult concern %p → %p', (text, value) => {
    expect(adultConcernFromText(text)).toBe(value);
  });
});
