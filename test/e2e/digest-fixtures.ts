/**
 * Half a term of reports at Hillside Primary, submitted through the live form by staff, for the weekly
 * email's tests and for rendering it (scripts/render-digest.ts). Every pupil name and every answer typed
 * by a person is distinctive, so a test can search the email for each of them.
 *
 * Weeks are Monday–Sunday in Europe/London. The email is sent on Monday 2 Nov 2026 at 07:00 (GMT), so
 * it reports the week of Mon 26 Oct – Sun 1 Nov and compares it with the four weeks before.
 */
import type { Workspace } from '../../emulator/workspace';
import { columnLetter } from '../../src/domain/summary-layout';
import {
  SCHOOL,
  configureSchool,
  newSchool,
  ordinaryReport,
  runSetUp,
  submit,
  type Answers,
} from '../support/deployment';

/** Sunday evening before the email goes out: every report below is already in. */
export const TERM_START_CLOCK = '2026-11-01T20:00:00Z';
/** Monday 2 Nov 2026, 07:00 in London (GMT): the default day and hour of the weekly email. */
export const DIGEST_TIME = '2026-11-02T07:00:00Z';

const FIRST = ['Xanthe', 'Quillon', 'Ysolde', 'Bartholomew', 'Cosima', 'Florian', 'Imogen', 'Lysander'];
const LAST = ['Ashcombe', 'Blackthorn', 'Cardew', 'Dunmore', 'Etherington', 'Fairweather', 'Greystoke'];

export interface TermReport {
  /** When the member of staff pressed Submit. */
  timestamp: string;
  answers: Answers;
  reporter: string;
  /** Where routing puts it: the main register, or a restricted allegations file. */
  file: 'register' | 'restricted';
}

export interface TypedByDsl {
  /** The register row (1-based, header is row 1) and column header the DSL typed into. */
  row: number;
  header: string;
  text: string;
}

interface WeekPlan {
  monday: string;
  reports: Array<{ categories: string[]; platform: string; year: string; location: string; risk?: 'Yes' }>;
}

const CYBER = 'Cyberbullying, hate or harassment';
const NUDES = 'Nudes or semi-nudes';
const CONTENT = 'Inappropriate content (violent, pornographic)';
const SCAMS = 'Scams, gambling or commercial exploitation';
const PRIVACY = 'Privacy or sharing personal information';
const OUT = 'Outside school';
const IN = 'In school, on a school device or network';

/** Four baseline weeks and the week just ended, with a rise in nude-image sharing on Snapchat. */
const WEEKS: WeekPlan[] = [
  {
    monday: '2026-09-28',
    reports: [
      { categories: [CYBER], platform: 'WhatsApp', year: 'Year 6', location: OUT },
      { categories: [CONTENT], platform: 'YouTube', year: 'Year 4', location: IN },
    ],
  },
  {
    monday: '2026-10-05',
    reports: [
      { categories: [CYBER], platform: 'WhatsApp', year: 'Year 5', location: OUT },
      { categories: [SCAMS], platform: 'Roblox', year: 'Year 5', location: OUT },
      { categories: [CYBER, PRIVACY], platform: 'Zorbl Chat', year: 'Year 6', location: OUT },
    ],
  },
  {
    monday: '2026-10-12',
    reports: [{ categories: [CYBER], platform: 'Snapchat', year: 'Year 6', location: OUT }],
  },
  {
    monday: '2026-10-19',
    reports: [
      { categories: [NUDES], platform: 'Snapchat', year: 'Year 6', location: OUT, risk: 'Yes' },
      { categories: [CONTENT], platform: 'TikTok', year: 'Year 5', location: IN },
    ],
  },
  {
    // The week just ended (clocks went back on Sunday 25 Oct: its Monday starts at 00:00 GMT).
    monday: '2026-10-26',
    reports: [
      { categories: [NUDES], platform: 'Snapchat', year: 'Year 6', location: OUT, risk: 'Yes' },
      { categories: [NUDES], platform: 'Snapchat', year: 'Year 6', location: OUT, risk: 'Yes' },
      { categories: [NUDES, CYBER], platform: 'Snapchat', year: 'Year 5', location: OUT, risk: 'Yes' },
      { categories: [CYBER], platform: 'Qix Messenger', year: 'Year 6', location: OUT },
      { categories: [CYBER], platform: 'WhatsApp', year: 'Year 4', location: IN },
      { categories: [CONTENT], platform: 'TikTok', year: 'Year 3', location: IN },
    ],
  },
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every report of the half term, in the order staff submitted them. */
export function termReports(): TermReport[] {
  const reports: TermReport[] = [];
  let n = 0;
  const name = (): string => {
    n += 1;
    return `${FIRST[n % FIRST.length]} ${LAST[(n * 3) % LAST.length]}-${String.fromCharCode(65 + (n % 26))}${n}`;
  };
  WEEKS.forEach((week, w) => {
    week.reports.forEach((plan, i) => {
      const harmed = name();
      const caused = name();
      const witness = name();
      const day = 1 + (i % 5); // Tuesday to Saturday
      const monday = new Date(`${week.monday}T00:00:00Z`);
      const when = new Date(monday.getTime() + day * 86_400_000 + (9 + i) * 3_600_000);
      reports.push({
        timestamp: when.toISOString(),
        reporter: i % 2 === 0 ? SCHOOL.teacher : SCHOOL.ta,
        file: 'register',
        answers: ordinaryReport({
          occurredAt: `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())} 08:15`,
          categories: plan.categories,
          platform: plan.platform,
          location: plan.location,
          description: `Week ${w} report ${i}: ${harmed} said "they screenshotted my story" near the Larchmere gate`,
          pupilsHarmed: `${harmed} (6Q)`,
          pupilsCausedHarm: caused,
          pupilsOther: `${witness}\n${name()}`,
          yearGroups: [plan.year],
          childAtRisk: plan.risk ?? 'No',
          evidenceKept: 'No evidence',
          actionsTaken: `Week ${w} report ${i}: spoke to ${caused} and phoned home at 15:40 (Pennywhistle)`,
        }),
      });
    });
  });
  // Allegations about adults go to restricted files: never counted in the Summary or the email.
  reports.push({
    timestamp: '2026-10-28T13:00:00Z',
    reporter: SCHOOL.teacher,
    file: 'restricted',
    answers: ordinaryReport({
      pupilsHarmed: name(),
      pupilsCausedHarm: '',
      description: 'A teaching assistant messaged a pupil on Instagram late at night (Brackenbury)',
      adultConcern: 'A member of staff (not the Headteacher)',
      adultDetails: 'Mr Quintrell-Vossberg, teaching assistant in 6Q',
      adultRole: 'Causing harm or behaving inappropriately',
    }),
  });
  reports.push({
    timestamp: '2026-10-29T13:00:00Z',
    reporter: SCHOOL.ta,
    file: 'restricted',
    answers: ordinaryReport({
      pupilsHarmed: name(),
      pupilsCausedHarm: '',
      description: 'The Headteacher shared a pupil photo in a parents group chat (Featherstonehaugh)',
      adultConcern: 'The Headteacher',
      adultDetails: 'Headteacher posted it from a personal account, pupil in Year 5',
      adultRole: 'Causing harm or behaving inappropriately',
    }),
  });
  // Sunday evening, the last hours of the week just ended: counted in it.
  reports.push({
    timestamp: '2026-11-01T19:30:00Z',
    reporter: SCHOOL.teacher,
    file: 'register',
    answers: ordinaryReport({
      categories: [SCAMS],
      platform: 'Roblox',
      description: `Sunday evening: ${name()} was offered free Robux for a password (Wolstenholme)`,
      pupilsHarmed: name(),
      pupilsCausedHarm: '',
      yearGroups: ['Year 4'],
      actionsTaken: 'Emailed the family about account security (Wolstenholme)',
    }),
  });
  return reports;
}

/** What the DSL types into the register's workflow columns afterwards (free text too). */
export const DSL_TYPING: TypedByDsl[] = [
  {
    row: 2,
    header: 'Actions and decisions',
    text: 'Met Mrs Vandersloot-Okafor; agreed a safety plan with the family',
  },
  { row: 3, header: 'Outcome', text: 'Restorative meeting held with both pupils in the Juniper room' },
  {
    row: 4,
    header: 'Rationale (including decisions not to refer)',
    text: 'Below threshold for MASH (per Ms Abernethy-Roux)',
  },
  { row: 5, header: 'Lessons learnt', text: 'Assembly on group chats for the Kestrel and Merlin classes' },
  { row: 6, header: 'Parents/carers contacted', text: 'Phoned grandmother (Mrs Tregothnan) at 16:05' },
  { row: 7, header: 'Assigned to', text: 'Mx Pemberton-Zhou' },
];

/**
 * A school set up and configured on Sunday evening with every report of the term submitted through the
 * form, and the DSL's notes typed into the register.
 */
export function schoolWithTerm(manifestPath?: string): { ws: Workspace; reports: TermReport[] } {
  const ws = newSchool({ now: TERM_START_CLOCK }, manifestPath);
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  const reports = termReports();
  for (const report of reports) {
    const result = submit(ws, report.answers, { email: report.reporter, timestamp: report.timestamp });
    if (result.executions.some((run) => run.status !== 'completed')) {
      throw new Error(`A submission failed: ${JSON.stringify(result.executions)}`);
    }
  }
  const headers = ws.spreadsheets._sheetValues('Register')[0] ?? [];
  for (const typed of DSL_TYPING) {
    const column = headers.indexOf(typed.header);
    if (column < 0) throw new Error(`No register column "${typed.header}"`);
    const a1 = `${columnLetter(column + 1)}${typed.row}`;
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Register', a1, typed.text);
  }
  return { ws, reports };
}

/** Every pupil name and every answer a person typed, across the whole data set: none may reach the email. */
export function everythingTyped(reports: TermReport[]): string[] {
  const typedKeys = [
    'description',
    'pupilsHarmed',
    'pupilsCausedHarm',
    'pupilsOther',
    'adultDetails',
    'evidenceWhere',
    'actionsTaken',
  ] as const;
  const values: string[] = [];
  for (const report of reports) {
    for (const key of typedKeys) {
      const answer = report.answers[key];
      if (typeof answer === 'string' && answer.trim() !== '') values.push(answer);
    }
    // Platforms typed under "Other" on the form.
    const platform = report.answers.platform;
    if (typeof platform === 'string' && ['Zorbl Chat', 'Qix Messenger'].includes(platform))
      values.push(platform);
    values.push(report.reporter);
  }
  values.push(...DSL_TYPING.map((typed) => typed.text));
  return values;
}

/** Pupil names one by one (a list answer holds one per line), and each part of each name. */
export function pupilNames(reports: TermReport[]): string[] {
  const names = reports.flatMap((report) =>
    (['pupilsHarmed', 'pupilsCausedHarm', 'pupilsOther'] as const).flatMap((key) => {
      const answer = report.answers[key];
      return typeof answer === 'string'
        ? answer
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
        : [];
    }),
  );
  const parts = names.flatMap((name) => name.split(/[\s()]+/).filter((part) => part.length > 3));
  return [...new Set([...names, ...parts])];
}
