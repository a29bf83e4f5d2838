/**
 * A made-up but plausible school term of online-safety reports at a secondary school (Years 7–11), and the
 * DSL's work on them: triage, referrals, closing with an outcome and a rationale. Seeded, so the same seed
 * gives the same term. Every name here is invented.
 *
 * What it contains, so that each part of the system has something to do: ordinary reports across the
 * categories and platforms; child-protection cases (by category and by the reporter's answer); a concern
 * about a member of staff and one about the Headteacher; a parent involved; a week with a spike in one
 * category; a few pupils named again and again; text that starts with + or @, emoji and right-to-left text;
 * a half-term week with almost nothing; and some form-submit triggers that fire twice.
 */
import { DEFAULT_CATEGORIES } from '../../src/domain/settings';
import {
  ADULT_CONCERN_CHOICES,
  ADULT_ROLE_CHOICES,
  LOCATIONS,
  type AdultPart,
} from '../../src/domain/schema';
import type { RegisterKey } from '../../src/domain/register';
import type { Answers } from '../../test/support/deployment';
import { Random } from './random';
import { formDateTime, wallClock, zonedInstant } from './time';

export type ReportKind =
  | 'ordinary'
  | 'flagged'
  | 'staff-allegation'
  | 'headteacher-allegation'
  | 'parent'
  | 'deputy-concern'
  | 'volunteer'
  | 'staff-victim'
  | 'low-level';

export interface PlannedReport {
  /** 1-based, in submission order. */
  number: number;
  at: number;
  email: string;
  answers: Answers;
  kind: ReportKind;
  /** Fire the form-submit trigger again this long after the submission (Apps Script sometimes does). */
  refireAfterMs: number | null;
}

/** A value the DSL types into a register cell: text, or a date picked in the cell. */
export type TypedValue = string | Date;

export interface PlannedEdit {
  at: number;
  /** The report whose register row is edited. */
  report: number;
  /** What the DSL is doing, for progress lines. */
  purpose: 'triage' | 'refer' | 'close';
  cells: Array<[RegisterKey, TypedValue]>;
}

export interface Term {
  reports: PlannedReport[];
  edits: PlannedEdit[];
  /** Monday 00:00 (school time) of each week, and of the week after the term. */
  weekStarts: number[];
  /** The Monday after the term at 08:00, so the last week's weekly email has gone: the clock runs to here. */
  end: number;
  halfTermWeek: number | null;
  spikeWeek: number | null;
}

export interface TermOptions {
  seed: number;
  weeks: number;
  /** The first Monday of term (any time that day). */
  start: number;
  /** Nothing happens before this (when Set up has run). */
  notBefore: number;
  timeZone: string;
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

// ---- The school's people --------------------------------------------------------------------------------

interface Pupil {
  name: string;
  year: number;
  /** How much more often than others this pupil turns up (a few pupils are named again and again). */
  weight: number;
}

const PUPILS: readonly Pupil[] = [
  ['Amira Khan', 7],
  ['Oliver Bennett', 7],
  ['Zara Ahmed', 7],
  ['Leo Turner', 7],
  ['Maya Kowalski', 7],
  ['Ethan Clarke', 7],
  ['Isla Murphy', 7],
  ['Jordan Blake', 8, 4],
  ['Grace Adeyemi', 8],
  ['Noah Fitzgerald', 8],
  ['Ruby Chen', 8],
  ['Harvey Wilson', 8],
  ['Aisha Begum', 8],
  ["Finn O'Connor", 8],
  ['Layla Hassan', 9, 4],
  ['Tyler Robinson', 9, 3],
  ['Chloe Evans', 9],
  ['Kacper Nowak', 9],
  ['Evie Thompson', 9],
  ['Samuel Osei', 9],
  ['Priya Sharma', 10],
  ['Jake Morris', 10],
  ['Sophie Walsh', 10],
  ['Daniel Okafor', 10],
  ['Ella Hughes', 10],
  ['Mohammed Ali', 10],
  ['Lily Patel', 11],
  ['Callum Reid', 11],
  ['Hannah Price', 11],
  ['Josh Campbell', 11],
  ['Freya Lewis', 11],
  ['Reece Jackson', 11],
].map(([name, year, weight]) => ({
  name: name as string,
  year: year as number,
  weight: (weight as number) ?? 1,
}));

const FORMS = ['H', 'W', 'S'];

function pupilLine(pupil: Pupil): string {
  const form = FORMS[pupil.name.length % FORMS.length] ?? 'H';
  return `${pupil.name} (${pupil.year}${form})`;
}

const STAFF = [
  'teacher@school.example',
  'ta@school.example',
  'r.patel@school.example',
  'j.okafor@school.example',
  'm.evans@school.example',
  'head.of.year9@school.example',
  'it.support@school.example',
  's.wright@school.example',
];

const DSL_NAME = 'Ms A. Morgan (DSL)';
const DEPUTY_NAME = 'Mr D. Reid (Deputy DSL)';

// ---- What happens, by category --------------------------------------------------------------------------

interface Profile {
  category: string;
  weight: number;
  platforms: ReadonlyArray<readonly [string, number]>;
  locations: ReadonlyArray<readonly [string, number]>;
  /** Sentences with {harmed}, {caused} and {platform}; the child's own words in quotation marks. */
  templates: readonly string[];
  /** Pupils who caused harm: how many, at most. */
  causers: number;
  /** How often the reporter answers "a child is at risk": Yes / Not sure / No. */
  risk: readonly [number, number, number];
  referral: string;
}

const IN_SCHOOL_DEVICE = LOCATIONS[0] ?? 'In school, on a school device or network';
const IN_SCHOOL_PERSONAL = LOCATIONS[1] ?? 'In school, on a personal device';
const OUTSIDE = LOCATIONS[2] ?? 'Outside school';
const NOT_KNOWN = LOCATIONS[3] ?? 'Not known';

const mostlyOutside = [
  [OUTSIDE, 7],
  [IN_SCHOOL_PERSONAL, 2],
  [NOT_KNOWN, 1],
] as const;

const PROFILES: readonly Profile[] = [
  {
    category: 'Cyberbullying, hate or harassment',
    weight: 9,
    platforms: [
      ['WhatsApp', 4],
      ['Snapchat', 4],
      ['Instagram', 2],
      ['TikTok', 2],
    ],
    locations: mostlyOutside,
    templates: [
      '{harmed} showed me messages in a {platform} group chat calling them names. {caused} added others to the group to join in. They said: "everyone hates you, just leave 😂😂".',
      '{harmed} was removed from a class {platform} group and a photo of them was shared with mocking comments. They told me: "I don\'t want to come to school tomorrow".',
      '@hillside.confessions, an anonymous {platform} account, posted a rumour about {harmed}. Pupils think {caused} runs it. {harmed} was crying in the toilets at lunch.',
      '{harmed} told me {caused} keeps sending voice notes on {platform} late at night with threats. Their words: "he said he\'ll get me after school".',
    ],
    causers: 2,
    risk: [1, 3, 10],
    referral: 'None',
  },
  {
    category: 'Grooming or contact by an adult',
    weight: 3,
    platforms: [
      ['Roblox', 3],
      ['Snapchat', 3],
      ['Discord', 2],
      ['Fortnite', 1],
      ['Instagram', 1],
    ],
    locations: mostlyOutside,
    templates: [
      '{harmed} said someone they met on {platform} who says he is 15 has been asking for photos and to move the chat somewhere private. {harmed} said: "he told me not to tell my mum because she wouldn\'t understand".',
      '{harmed} has been sent gift cards by an adult they play with on {platform}, who now wants to meet at the shopping centre on Saturday.',
    ],
    causers: 0,
    risk: [8, 2, 0],
    referral: 'CEOP',
  },
  {
    category: 'Nudes or semi-nudes',
    weight: 3,
    platforms: [
      ['Snapchat', 5],
      ['WhatsApp', 2],
      ['Instagram', 1],
    ],
    locations: mostlyOutside,
    templates: [
      '{harmed} told me an image of them was being passed round on {platform}; they believe {caused} shared it. I have not seen the image and did not ask to. {harmed} said: "I only sent it to him".',
      'A pupil reported that {caused} is offering to share "pics" of {harmed} on {platform}. I did not look at any phone.',
    ],
    causers: 1,
    risk: [9, 1, 0],
    referral: "Children's social care",
  },
  {
    category: 'Self-harm or suicide content',
    weight: 2,
    platforms: [
      ['TikTok', 4],
      ['Instagram', 2],
      ['YouTube', 1],
    ],
    locations: mostlyOutside,
    templates: [
      '{harmed} told a friend they have been watching {platform} videos about self-harm every night and "it\'s the only thing that helps". The friend came to me.',
      '{harmed} has written in their planner about wanting to disappear, and mentioned an account on {platform} that posts about it.',
    ],
    causers: 0,
    risk: [7, 3, 0],
    referral: "Children's social care",
  },
  {
    category: 'Illegal content (e.g. child sexual abuse material, terrorism)',
    weight: 1,
    platforms: [
      ['School device or network', 1],
      ['Discord', 1],
    ],
    locations: [
      [IN_SCHOOL_DEVICE, 2],
      [OUTSIDE, 1],
    ],
    templates: [
      'The filtering system flagged an attempt to open a blocked link that {caused} was given on {platform}. The link name suggests illegal content. I did not open it.',
    ],
    causers: 1,
    risk: [6, 4, 0],
    referral: 'IWF',
  },
  {
    category: 'Radicalisation or extremism',
    weight: 1,
    platforms: [
      ['TikTok', 2],
      ['YouTube', 1],
      ['Discord', 2],
    ],
    locations: mostlyOutside,
    templates: [
      '{caused} has been repeating views from a {platform} channel in class, saying a group of people "should all be sent back", and sharing clips with {harmed} and others.',
    ],
    causers: 1,
    risk: [4, 5, 1],
    referral: "Children's social care",
  },
  {
    category: 'Inappropriate content (violent, pornographic)',
    weight: 4,
    platforms: [
      ['YouTube', 3],
      ['TikTok', 2],
      ['School device or network', 2],
      ['X (Twitter)', 1],
    ],
    locations: [
      [IN_SCHOOL_DEVICE, 3],
      [IN_SCHOOL_PERSONAL, 3],
      [OUTSIDE, 3],
    ],
    templates: [
      '{caused} showed a violent fight video from {platform} to younger pupils, including {harmed}, at break. {harmed} was upset afterwards.',
      'During a lesson {harmed} found a pornographic pop-up on {platform}. The screen was closed straight away and I told the IT technician.',
    ],
    causers: 1,
    risk: [1, 2, 7],
    referral: 'None',
  },
  {
    category: 'Misinformation or harmful challenges',
    weight: 2,
    platforms: [
      ['TikTok', 5],
      ['YouTube', 1],
      ['Snapchat', 1],
    ],
    locations: mostlyOutside,
    templates: [
      '{harmed} and friends were talking about a {platform} "challenge" where you hold your breath until you pass out. {harmed} said they had tried it at home.',
      '{harmed} was scared by a {platform} video claiming the school would be "attacked on Friday"; it is being shared widely.',
    ],
    causers: 0,
    risk: [2, 4, 4],
    referral: 'Platform report',
  },
  {
    category: 'Scams, gambling or commercial exploitation',
    weight: 3,
    platforms: [
      ['Roblox', 3],
      ['Fortnite', 2],
      ['Online casino site', 1],
    ],
    locations: mostlyOutside,
    templates: [
      '+44 7700 900123 sent {harmed} a message saying they had won free Robux and asked for their {platform} login. {harmed} gave it and the account was emptied.',
      '{harmed} has spent over £200 of a parent\'s money on loot boxes in {platform} this month and is being asked by older players to "lend" more.',
    ],
    causers: 0,
    risk: [0, 2, 8],
    referral: 'Platform report',
  },
  {
    category: 'Privacy or sharing personal information',
    weight: 3,
    platforms: [
      ['Instagram', 2],
      ['Snapchat', 3],
      ['TikTok', 1],
    ],
    locations: mostlyOutside,
    templates: [
      "{caused} posted {harmed}'s home address and a photo of their house on {platform} after an argument.",
      '{harmed} has location sharing switched on in {platform} (Snap Map) and people they do not know have commented on where they live.',
      'Her mum\'s message to {harmed}, in Arabic, said "لا تخبري أحدا" (don\'t tell anyone); {harmed} is worried her {platform} account was read by a relative.',
    ],
    causers: 1,
    risk: [1, 2, 7],
    referral: 'None',
  },
  {
    category: 'Filtering or monitoring breach',
    weight: 2,
    platforms: [['School device or network', 1]],
    locations: [[IN_SCHOOL_DEVICE, 1]],
    templates: [
      '{caused} used a VPN website on a school laptop in the library to get round the filter; the monitoring report picked it up.',
      'A gaming site that should be blocked loaded on the Year {year} ICT suite computers. {harmed} reported it.',
    ],
    causers: 1,
    risk: [0, 1, 9],
    referral: 'None',
  },
  {
    category: 'Excessive use or wellbeing',
    weight: 2,
    platforms: [
      ['Minecraft', 1],
      ['Fortnite', 2],
      ['TikTok', 2],
      ['Roblox', 1],
    ],
    locations: [[OUTSIDE, 1]],
    templates: [
      '{harmed} is falling asleep in lessons and says they are on {platform} "till 3 or 4" most nights.',
      "{harmed}'s parent phoned worried about how much time they spend on {platform}; they have stopped going to football.",
    ],
    causers: 0,
    risk: [0, 2, 8],
    referral: 'None',
  },
];

// Keeps the term in step with the product's defaults: a renamed category fails here, not in a submission.
for (const profile of PROFILES) {
  if (!DEFAULT_CATEGORIES.some((c) => c.name === profile.category)) {
    throw new Error(`The demo's category "${profile.category}" is not among the default categories any more`);
  }
}
const ALWAYS_CP = new Set(DEFAULT_CATEGORIES.filter((c) => c.alwaysChildProtection).map((c) => c.name));

const ADULT_NONE = ADULT_CONCERN_CHOICES.find((c) => c.value === 'none')?.label ?? '';
const ADULT_STAFF = ADULT_CONCERN_CHOICES.find((c) => c.value === 'staff')?.label ?? '';
const ADULT_HEAD = ADULT_CONCERN_CHOICES.find((c) => c.value === 'headteacher')?.label ?? '';
const ADULT_PARENT = ADULT_CONCERN_CHOICES.find((c) => c.value === 'parent')?.label ?? '';
const ADULT_DEPUTY = ADULT_CONCERN_CHOICES.find((c) => c.value === 'deputy-dsl')?.label ?? '';
const ADULT_OTHER = ADULT_CONCERN_CHOICES.find((c) => c.value === 'other-adult')?.label ?? '';
const roleLabel = (part: AdultPart): string => ADULT_ROLE_CHOICES.find((c) => c.part === part)?.label ?? '';

const ACTIONS_TAKEN = [
  'Reassured the pupil and told them I would pass it on.',
  'Listened, wrote down what was said, told the DSL.',
  'Asked the pupil to keep the messages; reported the account on the app.',
  'Moved the pupil to a quiet space and stayed with them until the DSL came.',
  'Spoke to the pupils involved separately; confiscated nothing.',
];

const EVIDENCE_WHERE = [
  'Screenshots in the DSL shared drive folder',
  "On the pupil's phone: they have agreed not to delete anything",
  'Printed monitoring report in the DSL office',
  'Screenshots with the Head of Year',
];

// ---- Building the term ------------------------------------------------------------------------------------

class TermBuilder {
  readonly reports: PlannedReport[] = [];
  readonly edits: PlannedEdit[] = [];

  constructor(
    private readonly random: Random,
    private readonly options: TermOptions,
    private readonly weekStarts: number[],
    private readonly end: number,
  ) {}

  private local(ms: number, hour: number, minute: number): number {
    const w = wallClock(ms, this.options.timeZone);
    return zonedInstant(w.year, w.month, w.day, hour, minute, this.options.timeZone);
  }

  /** A time in the school day on a weekday of week `week` (0-based), from 08:15 to 17:15. */
  schoolTime(week: number, weekday?: number): number {
    const day = weekday ?? this.random.int(0, 4);
    const date = (this.weekStarts[week] ?? this.options.start) + day * DAY + 12 * HOUR;
    const at = this.local(date, this.random.int(8, 16), this.random.pick([15, 20, 35, 40, 50, 5]));
    // The form does not exist before Set up: the first morning's reports come in after it.
    return at > this.options.notBefore ? at : this.options.notBefore + this.random.int(30, 300) * MINUTE;
  }

  private pupils(count: number, exclude: Pupil[]): Pupil[] {
    const out: Pupil[] = [];
    while (out.length < count) {
      const candidate = this.random.weighted(PUPILS.map((p) => [p, p.weight] as const));
      if (!out.includes(candidate) && !exclude.includes(candidate)) out.push(candidate);
    }
    return out;
  }

  /** When it happened: before it was reported, in the evening for things that happen at home. */
  private occurredAt(at: number, location: string): string {
    const daysBefore = this.random.weighted([
      [0, 5],
      [1, 3],
      [2, 1],
    ] as const);
    const day = at - daysBefore * DAY;
    const when =
      location === OUTSIDE && daysBefore > 0
        ? this.local(day, this.random.int(17, 22), this.random.pick([0, 15, 30, 45]))
        : Math.min(
            at - 20 * MINUTE,
            this.local(day, this.random.int(8, 15), this.random.pick([0, 10, 30, 45])),
          );
    return formDateTime(when, this.options.timeZone);
  }

  add(at: number, email: string, answers: Answers, kind: ReportKind): PlannedReport {
    const refire = this.random.chance(0.08) ? this.random.pick([0, 0, 3 * MINUTE]) : null;
    const report: PlannedReport = { number: 0, at, email, answers, kind, refireAfterMs: refire };
    this.reports.push(report);
    return report;
  }

  /** An ordinary report (one profile, sometimes a second category), flagged or not by its answers. */
  ordinary(
    at: number,
    profile: Profile = this.random.weighted(PROFILES.map((p) => [p, p.weight] as const)),
  ): void {
    const r = this.random;
    const harmed = this.pupils(r.chance(0.2) ? 2 : 1, []);
    const causers =
      profile.causers > 0 && r.chance(0.8) ? this.pupils(r.int(1, profile.causers), harmed) : [];
    const others = r.chance(0.3) ? this.pupils(r.int(1, 2), [...harmed, ...causers]) : [];
    const platform = r.weighted(profile.platforms);
    const location = r.weighted(profile.locations);
    const risk = r.weighted([
      ['Yes', profile.risk[0]],
      ['Not sure', profile.risk[1]],
      ['No', profile.risk[2]],
    ] as const);
    const categories = [profile.category];
    if (profile.category === 'Cyberbullying, hate or harassment' && r.chance(0.2)) {
      categories.push('Privacy or sharing personal information');
    }
    const names = (list: Pupil[]): string => list.map((p) => p.name).join(' and ');
    const description = r
      .pick(profile.templates)
      .replaceAll('{harmed}', names(harmed))
      .replaceAll('{caused}', causers.length > 0 ? names(causers) : 'another pupil')
      .replaceAll('{platform}', platform)
      .replaceAll('{year}', String(harmed[0]?.year ?? 7));
    const nudes = profile.category === 'Nudes or semi-nudes';
    const evidence = nudes
      ? 'It may be a nude or semi-nude image: I have not kept a copy'
      : r.weighted([
          ['Yes, it is kept safe', 4],
          ['Yes, but it still needs securing', 2],
          ['No evidence', 3],
        ] as const);
    const atRisk = risk !== 'No' || ALWAYS_CP.has(profile.category);
    const years = [...new Set([...harmed, ...causers, ...others].map((p) => p.year))].sort((a, b) => a - b);
    const answers: Answers = {
      occurredAt: this.occurredAt(at, location),
      categories,
      // A platform the form does not list (an online casino site) is typed in its "Other" box.
      platform,
      location,
      description,
      pupilsHarmed: harmed.map(pupilLine).join('\n'),
      pupilsCausedHarm: causers.map(pupilLine).join('\n'),
      pupilsOther: others.map(pupilLine).join('\n'),
      yearGroups: years.map((y) => `Year ${y}`),
      adultConcern: ADULT_NONE,
      childAtRisk: risk,
      toldDslInPerson: atRisk
        ? r.weighted([
            ['Yes', 8],
            ['I tried but could not reach them', 2],
          ] as const)
        : 'No',
      evidenceKept: evidence,
      evidenceWhere: nudes
        ? "Pupil's phone switched off and locked in the DSL's office"
        : evidence === 'No evidence'
          ? ''
          : r.pick(EVIDENCE_WHERE),
      actionsTaken: r.pick(ACTIONS_TAKEN),
      parentsInformed: atRisk
        ? 'Left to the DSL'
        : r.weighted([
            ['No', 3],
            ['Yes', 1],
            ['Left to the DSL', 2],
          ] as const),
    };
    const report = this.add(at, r.pick(STAFF), answers, atRisk ? 'flagged' : 'ordinary');
    this.planWorkflow(report, profile);
  }

  staffAllegation(at: number): void {
    this.add(
      at,
      'ta@school.example',
      {
        occurredAt: formDateTime(at - 2 * HOUR, this.options.timeZone),
        categories: ['Grooming or contact by an adult'],
        platform: 'Instagram',
        location: OUTSIDE,
        description:
          'A Year 10 pupil showed me Instagram direct messages from a personal account she says is Mr Hughes (PE). The messages ask her to keep their chats "just between us".',
        pupilsHarmed: 'Sophie Walsh (10S)',
        yearGroups: ['Year 10'],
        adultConcern: ADULT_STAFF,
        adultDetails:
          'Mr T. Hughes, PE teacher. Messages from a personal Instagram account over the last two weeks, in the evenings. The pupil showed me them at break today.',
        adultRole: 'Causing harm or behaving inappropriately',
        childAtRisk: 'Not sure',
        toldDslInPerson: 'Yes',
        evidenceKept: 'Yes, but it still needs securing',
        evidenceWhere: "On the pupil's phone: she has agreed not to delete them",
        actionsTaken: 'Reassured the pupil. Did not speak to Mr Hughes or anyone else.',
        parentsInformed: 'Left to the DSL',
      },
      'staff-allegation',
    );
  }

  /** A concern about a deputy DSL: to the Headteacher, never to the deputies. */
  deputyConcern(at: number): void {
    this.adultReport(at, 'deputy-concern', {
      categories: ['Privacy or sharing personal information'],
      platform: 'WhatsApp',
      description:
        'A Year 11 pupil told me a deputy DSL had added her to a personal WhatsApp group of pupils and sends them messages late at night.',
      pupilsHarmed: 'Chloe Evans (11B)',
      yearGroups: ['Year 11'],
      adultConcern: ADULT_DEPUTY,
      adultDetails: 'The deputy DSL. A personal WhatsApp group of Year 11 pupils, messages after 10pm.',
      adultRole: roleLabel('allegation'),
      childAtRisk: 'Not sure',
    });
  }

  /** A volunteer: routed as staff (KCSIE Part Four covers volunteers). */
  volunteerConcern(at: number): void {
    this.adultReport(at, 'volunteer', {
      categories: ['Privacy or sharing personal information'],
      platform: 'Instagram',
      description:
        'A parent volunteer on the reading scheme followed three Year 5 pupils on Instagram and messaged one of them.',
      pupilsHarmed: 'Isla Murphy (5M)',
      yearGroups: ['Year 5'],
      adultConcern: ADULT_OTHER,
      adultDetails:
        'A reading volunteer (Tuesdays). Followed pupils from a personal account and sent one a message.',
      adultRole: roleLabel('allegation'),
      childAtRisk: 'No',
    });
  }

  /** A teacher targeted by a pupil's fake account: support the teacher; the pupil is in the register. */
  staffVictim(at: number): void {
    this.adultReport(at, 'staff-victim', {
      categories: ['Cyberbullying, hate or harassment'],
      platform: 'TikTok',
      description:
        'A TikTok account using Ms Carter’s name and photo posts mocking videos of her; pupils say a Year 9 pupil runs it.',
      pupilsCausedHarm: 'Tyler Robinson (9K)',
      yearGroups: ['Year 9'],
      adultConcern: ADULT_STAFF,
      adultDetails: 'Ms Carter (English) is the target. The account appeared this week.',
      adultRole: roleLabel('harmed'),
      childAtRisk: 'No',
    });
  }

  /** A low-level concern: below the harm threshold, recorded for the Headteacher; no LADO. */
  lowLevelConcern(at: number): void {
    this.adultReport(at, 'low-level', {
      categories: ['Privacy or sharing personal information'],
      platform: 'School device or network',
      description: 'A teaching assistant emailed a pupil from a personal address about homework.',
      yearGroups: ['Year 8'],
      adultConcern: ADULT_STAFF,
      adultDetails: 'A teaching assistant used a personal email address to contact a pupil once.',
      adultRole: roleLabel('low-level'),
      childAtRisk: 'No',
    });
  }

  private adultReport(at: number, kind: ReportKind, answers: Answers): void {
    this.add(
      at,
      'teacher@school.example',
      {
        occurredAt: formDateTime(at - 5 * HOUR, this.options.timeZone),
        location: OUTSIDE,
        toldDslInPerson: 'No',
        evidenceKept: 'No evidence',
        actionsTaken: 'Listened and wrote down what was said. Told nobody else.',
        parentsInformed: 'No',
        ...answers,
      },
      kind,
    );
  }

  headteacherAllegation(at: number): void {
    this.add(
      at,
      'r.patel@school.example',
      {
        occurredAt: formDateTime(at - 3 * DAY, this.options.timeZone),
        categories: ['Privacy or sharing personal information'],
        platform: 'TikTok',
        location: OUTSIDE,
        description:
          "A parent showed me a video on a personal TikTok account that appears to be the Headteacher's. It shows Year 7 pupils in a lesson with their faces and first names visible.",
        pupilsHarmed: ['Amira Khan (7H)', 'Leo Turner (7W)', 'Isla Murphy (7H)'].join('\n'),
        yearGroups: ['Year 7'],
        adultConcern: ADULT_HEAD,
        adultDetails:
          'The Headteacher. The video was posted last weekend; the parent says several families have seen it and are upset.',
        adultRole: 'Causing harm or behaving inappropriately',
        childAtRisk: 'No',
        toldDslInPerson: 'No',
        evidenceKept: 'Yes, it is kept safe',
        evidenceWhere: 'Screen recording kept by the parent; the link is noted',
        actionsTaken: 'Thanked the parent and said it would be passed on today.',
        parentsInformed: 'Yes',
      },
      'headteacher-allegation',
    );
  }

  parentInvolved(at: number): void {
    const report = this.add(
      at,
      'head.of.year9@school.example',
      {
        occurredAt: formDateTime(at - DAY, this.options.timeZone),
        categories: ['Cyberbullying, hate or harassment'],
        platform: 'Facebook',
        location: OUTSIDE,
        description:
          'A parent posted in the Year 9 parents\' Facebook group naming Tyler Robinson as "a thug who should be expelled", with his photo. Other parents have added comments.',
        pupilsHarmed: 'Tyler Robinson (9W)',
        yearGroups: ['Year 9'],
        adultConcern: ADULT_PARENT,
        childAtRisk: 'Not sure',
        toldDslInPerson: 'Yes',
        evidenceKept: 'Yes, it is kept safe',
        evidenceWhere: 'Screenshots in the DSL shared drive folder',
        actionsTaken: 'Told the DSL at once; did not contact the parent.',
        parentsInformed: 'Left to the DSL',
      },
      'parent',
    );
    this.planWorkflow(report, PROFILES[0] as Profile);
  }

  /** The DSL's work on a register row: triage soon, refer when needed, close some with a rationale. */
  private planWorkflow(report: PlannedReport, profile: Profile): void {
    const r = this.random;
    const flagged = report.kind === 'flagged' || report.kind === 'parent';
    // A few rows are left untouched, so that reminders and the summary have overdue work to show.
    if (!flagged && r.chance(0.15)) return;
    const triageAt = report.at + (flagged ? r.int(20, 90) * MINUTE : r.int(2, 40) * HOUR);
    const who = r.chance(0.7) ? DSL_NAME : DEPUTY_NAME;
    const severity = flagged ? r.pick(['High', 'High', 'Critical']) : r.pick(['Low', 'Low', 'Medium']);
    this.edit(triageAt, report, 'triage', [
      ['severity', severity],
      ['assignedTo', who],
      [
        'actions',
        flagged
          ? 'Spoke to the pupil with the reporter present. Evidence secured. Parents to be contacted after advice.'
          : 'Read the report; Head of Year asked to speak to the pupils involved.',
      ],
      ['status', 'Triaged'],
    ]);
    if (!flagged && r.chance(0.2)) return; // triaged, then left: it goes overdue
    let last = triageAt;
    if (flagged) {
      const referAt = triageAt + r.int(3, 30) * HOUR;
      const referral = profile.referral === 'None' ? 'Platform report' : profile.referral;
      this.edit(referAt, report, 'refer', [
        ['referral', referral],
        ['referralDate', new Date(referAt)],
        ['parentsContacted', `Parent phoned by ${who.split(' (')[0] ?? who} after advice from ${referral}.`],
        ['status', referral === 'Platform report' ? 'In progress' : 'Awaiting external agency'],
      ]);
      last = referAt;
    }
    if (!r.chance(flagged ? 0.4 : 0.7)) return;
    const closeAt = last + r.int(2, 12) * DAY + r.int(1, 6) * HOUR;
    const outcome = flagged
      ? r.pick([
          'Referral accepted; safety plan agreed with the pupil and parents. Pupil has a named adult in school.',
          'Agency advised no further action for them; school support plan in place and reviewed after 2 weeks.',
        ])
      : r.pick([
          'Restorative conversation held; messages deleted; both families informed. No repeat since.',
          'Pupil given advice on privacy settings and blocking; parent informed.',
          'Sanction given under the behaviour policy; pupils apologised.',
        ]);
    const rationale = flagged
      ? 'Threshold for referral met under the safeguarding policy; decision recorded with the agency reference.'
      : 'No referral: no indication of risk of significant harm; managed in school under the behaviour and anti-bullying policies.';
    const cells: Array<[RegisterKey, TypedValue]> = [
      ['outcome', outcome],
      ['rationale', rationale],
    ];
    if (r.chance(0.4)) {
      cells.push([
        'lessonsLearnt',
        'Add this platform to the next online-safety assembly and the parents newsletter.',
      ]);
    }
    cells.push(['closedOn', new Date(closeAt)], ['status', 'Closed']);
    this.edit(closeAt, report, 'close', cells);
  }

  private edit(
    at: number,
    report: PlannedReport,
    purpose: PlannedEdit['purpose'],
    cells: PlannedEdit['cells'],
  ): void {
    // The DSL works in school hours: an edit that would fall at night moves to 08:30 the next weekday.
    let when = at;
    const w = wallClock(when, this.options.timeZone);
    if (w.hour >= 18 || w.hour < 8 || w.weekday === 0 || w.weekday === 6) {
      let day = w.hour >= 18 ? when + DAY : when;
      while ([0, 6].includes(wallClock(day, this.options.timeZone).weekday)) day += DAY;
      when = this.local(day, 8, 30);
    }
    if (when >= this.end) return;
    this.edits.push({ at: when, report: this.reports.indexOf(report), purpose, cells });
  }
}

/** A term of reports and the DSL's edits, in time order. */
export function syntheticTerm(options: TermOptions): Term {
  const weeks = Math.max(1, Math.floor(options.weeks));
  const random = new Random(options.seed);
  const first = wallClock(options.start, options.timeZone);
  // Local midnights, so weeks stay Monday to Sunday across the change of the clocks in October.
  const weekStarts = Array.from({ length: weeks + 1 }, (_, k) =>
    zonedInstant(first.year, first.month, first.day + 7 * k, 0, 0, options.timeZone),
  );
  const last = weekStarts[weeks] as number;
  const afterTerm = wallClock(last + 12 * HOUR, options.timeZone);
  const end = zonedInstant(afterTerm.year, afterTerm.month, afterTerm.day, 8, 0, options.timeZone);
  const b = new TermBuilder(random, options, weekStarts, end);
  // An October half-term week in a long enough term; a viral "challenge" spreads one week.
  const halfTermWeek = weeks >= 10 ? 7 : null;
  const spikeWeek = weeks >= 6 ? 5 : null;
  const spikeProfile = PROFILES.find((p) => p.category === 'Misinformation or harmful challenges') as Profile;

  for (let week = 0; week < weeks; week += 1) {
    if (week === halfTermWeek) {
      // Staff are on holiday: one report from a member of staff who saw something online.
      if (random.chance(0.5)) b.ordinary(b.schoolTime(week));
      continue;
    }
    const count = random.int(4, 6);
    for (let i = 0; i < count; i += 1) b.ordinary(b.schoolTime(week));
    if (week === spikeWeek) {
      for (let i = 0; i < 4; i += 1) b.ordinary(b.schoolTime(week, random.int(1, 4)), spikeProfile);
    }
  }
  // The allegations and the parent: in week 4, week 9 and week 3, or as late as a short term allows.
  b.staffAllegation(b.schoolTime(Math.min(3, weeks - 1), 2));
  b.headteacherAllegation(b.schoolTime(Math.min(8, weeks - 1), 3));
  b.parentInvolved(b.schoolTime(Math.min(2, weeks - 1), 1));
  // The adults the routes tell apart (issue 13), in weeks 2, 5, 6 and 10, or as late as a short term allows.
  b.deputyConcern(b.schoolTime(Math.min(1, weeks - 1), 3));
  b.volunteerConcern(b.schoolTime(Math.min(4, weeks - 1), 2));
  b.staffVictim(b.schoolTime(Math.min(5, weeks - 1), 1));
  b.lowLevelConcern(b.schoolTime(Math.min(9, weeks - 1), 2));

  // Number the reports in time order; edits refer to them by that number.
  const order = b.reports
    .map((report, index) => ({ report, index }))
    .sort((x, y) => x.report.at - y.report.at);
  const numberOf = new Map<number, number>();
  order.forEach(({ report, index }, i) => {
    report.number = i + 1;
    numberOf.set(index, i + 1);
  });
  const reports = order.map((o) => o.report);
  // Two reports at the same minute would be submitted in order; keep timestamps distinct for reading ease.
  for (let i = 1; i < reports.length; i += 1) {
    const prev = reports[i - 1] as PlannedReport;
    const cur = reports[i] as PlannedReport;
    if (cur.at <= prev.at) cur.at = prev.at + MINUTE;
  }
  const edits = b.edits
    .map((e) => ({ ...e, report: numberOf.get(e.report) ?? 0 }))
    .filter((e) => {
      const report = reports[e.report - 1];
      return report !== undefined && e.at > report.at;
    })
    .sort((x, y) => x.at - y.at);
  return { reports, edits, weekStarts, end, halfTermWeek, spikeWeek };
}
