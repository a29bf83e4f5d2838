/**
 * Realistic register rows for the benchmark, written straight into the emulator's Register sheet from the
 * test side (outside any measurement), so a submission, a rebuild or a digest can be measured against a
 * register that already holds 1,000 or 50,000 incidents without submitting them one by one.
 *
 * Rows are made by the product's own domain code (deriveIncident, newIncident, incidentToRow), so they have
 * exactly the layout, flags and cell types the handlers read back. Content is varied the way a real register
 * is: repeat pupils, a few common categories and platforms, most old incidents closed, recent ones open.
 */
import type { Workspace } from '../../emulator/workspace';
import { deriveIncident } from '../../src/domain/flags';
import { formatIncidentId, incidentYear } from '../../src/domain/ids';
import { incidentToRow, newIncident, type CellValue, type RegisterEntry } from '../../src/domain/register';
import { LOCATIONS, RISK_ANSWERS } from '../../src/domain/schema';
import { defaultSettings } from '../../src/domain/settings';
import type { AdultConcern, IncidentReport, Referral, Severity, Status } from '../../src/domain/types';

export const REGISTER_SHEET = 'Register';
const DAY_MS = 24 * 60 * 60 * 1000;
const SPARE_ROWS = 100;

/** A small deterministic PRNG (mulberry32): the same register for the same seed, run after run. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// prettier-ignore
const FIRST_NAMES = [
  'Amira', 'Jordan', 'Oliver', 'Maya', 'Leo', 'Isla', 'Noah', 'Zara', 'Ethan', 'Freya',
  'Yusuf', 'Chloe', 'Kai', 'Priya', 'Harvey', 'Sofia', 'Reuben', 'Ava', 'Tomasz', 'Grace',
];
// prettier-ignore
const LAST_NAMES = [
  'Khan', 'Blake', 'Smith', 'Nowak', 'Patel', 'Jones', "O'Neill", 'Adeyemi', 'Taylor', 'Evans',
  'Murphy', 'Hughes', 'Ali', 'Brown', 'Wilson', 'Clarke', 'Lewis', 'Walker', 'Wright', 'Green',
];
const STAFF = Array.from({ length: 40 }, (_, i) => `staff${String(i + 1).padStart(2, '0')}@school.example`);
const DESCRIPTIONS = [
  'Group chat messages calling a pupil names and telling others to leave them out.',
  'A pupil was sent messages by an account they did not know asking to meet up.',
  'Pupils shared a video of a fight on the field; it was passed around several chats.',
  'A pupil said: "they keep adding me to the group just to say horrible things".',
  'The filtering log flagged searches for self-harm content on a school laptop.',
  'A pupil lost money to an in-game trading scam and was upset in registration.',
  'A viral challenge was being copied at break; two pupils were hurt slightly.',
  'A fake profile using a pupil photo was posting unkind comments about others.',
  'A pupil was shown violent content on another pupil phone at lunch.',
  'A pupil shared their address and school in a public livestream chat.',
];
const ACTIONS = [
  'Spoke to both pupils and told the DSL.',
  'Reassured the pupil and kept the device in the office.',
  'Reported the account on the app and told the Head of Year.',
  'Informed the DSL in person at the end of the lesson.',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Skewed pick: the first entries come up far more often (a few categories and apps dominate). */
function pickSkewed<T>(rand: () => number, list: readonly T[]): T {
  const r = rand();
  return pick(() => r * r, list);
}

function pupils(rand: () => number, pool: readonly string[], max: number): string[] {
  const n = Math.floor(rand() * (max + 1));
  return Array.from({ length: n }, () => pick(rand, pool));
}

export interface PrefillOptions {
  /** Simulated now: incidents are spread over the days before it, the newest within the last week. */
  now: number;
  timeZone?: string;
  seed?: number;
}

/** `count` register entries, oldest first, numbered per calendar year as the product numbers them. */
export function generateEntries(count: number, options: PrefillOptions): RegisterEntry[] {
  const timeZone = options.timeZone ?? 'Europe/London';
  const rand = randomSource(options.seed ?? 42);
  const settings = defaultSettings(timeZone);
  const categories = settings.categories.map((c) => c.name);
  // A pupil population of a large secondary school: the same names recur across incidents.
  const pupilPool = Array.from({ length: 900 }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Pupil';
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Example';
    return i < FIRST_NAMES.length * LAST_NAMES.length ? `${first} ${last}` : `${first} ${last} ${i}`;
  });
  // About 8 a day for big registers, never squeezed into fewer than 60 days nor spread over more than 10 years.
  const spanDays = Math.min(3650, Math.max(60, Math.ceil(count / 8)));
  const times = Array.from(
    { length: count },
    () => options.now - Math.floor(rand() * spanDays * DAY_MS) - 60_000,
  );
  times.sort((a, b) => a - b);

  const sequence = new Map<number, number>();
  return times.map((submittedMs, index) => {
    const submittedAt = new Date(submittedMs);
    const year = incidentYear(submittedAt, timeZone);
    const seq = (sequence.get(year) ?? 0) + 1;
    sequence.set(year, seq);
    const adultConcern: AdultConcern = rand() < 0.04 ? 'parent' : 'none';
    const report: IncidentReport = {
      responseId: `bench-response-${String(index + 1).padStart(6, '0')}`,
      submittedAt,
      reporterEmail: pick(rand, STAFF),
      occurredAt: new Date(submittedMs - Math.floor(rand() * 3 * DAY_MS)),
      categories: [
        ...new Set([pickSkewed(rand, categories), ...(rand() < 0.25 ? [pick(rand, categories)] : [])]),
      ],
      platform: pickSkewed(rand, settings.platforms),
      location: pick(rand, LOCATIONS),
      description: pick(rand, DESCRIPTIONS),
      pupilsHarmed: pupils(rand, pupilPool, 2),
      pupilsCausedHarm: pupils(rand, pupilPool, 2),
      pupilsOther: pupils(rand, pupilPool, 1),
      yearGroups: [pick(rand, settings.yearGroups.slice(4))],
      adultConcern,
      adultDetails: adultConcern === 'parent' ? 'A parent posted about a pupil in a community group.' : '',
      adultRole: adultConcern === 'parent' ? 'Causing harm or behaving inappropriately' : '',
      childAtRisk: rand() < 0.8 ? 'No' : pick(rand, RISK_ANSWERS),
      toldDslInPerson: rand() < 0.5 ? 'Yes' : 'No',
      evidenceKept: rand() < 0.5 ? 'No evidence' : 'Yes, it is kept safe',
      evidenceWhere: '',
      actionsTaken: pick(rand, ACTIONS),
      parentsInformed: pick(rand, ['Yes', 'No', 'Left to the DSL']),
    };
    const incidentId = formatIncidentId(settings.incidentIdPrefix, year, seq);
    const incident = newIncident(report, deriveIncident(report, settings, incidentId));
    const ageDays = (options.now - submittedMs) / DAY_MS;
    // Old incidents are closed; the last few weeks hold the open work.
    const status: Status =
      ageDays > 60 || rand() < 0.3
        ? 'Closed'
        : pick(rand, ['New', 'Triaged', 'In progress', 'Awaiting external agency']);
    const closed = status === 'Closed';
    const updatedMs = Math.min(options.now - 1000, submittedMs + Math.floor(rand() * 14 * DAY_MS));
    const severity: Severity = pick(rand, ['Low', 'Medium', 'Medium', 'High']);
    const referral: Referral = incident.childProtection
      ? pick(rand, ["Children's social care", 'Police', 'CEOP'])
      : 'None';
    return {
      ...incident,
      status,
      severity: status === 'New' ? '' : severity,
      assignedTo: status === 'New' ? '' : 'dsl@school.example',
      actions: status === 'New' ? '' : 'Spoke to the pupils involved; parents contacted.',
      parentsContacted: status === 'New' ? '' : 'Yes, by phone',
      referral: status === 'New' ? '' : referral,
      referralDate: referral !== 'None' && status !== 'New' ? new Date(updatedMs) : null,
      outcome: closed ? 'Resolved; pupils supported.' : '',
      rationale: closed && referral === 'None' ? 'Below the threshold for referral; managed in school.' : '',
      lessonsLearnt: closed && rand() < 0.2 ? 'Cover this app in the next online-safety lesson.' : '',
      closedOn: closed ? new Date(updatedMs) : null,
      lastUpdated: status === 'New' ? submittedAt : new Date(updatedMs),
      alertStatus: incident.childProtection ? 'Sent' : 'Not needed',
      alertLog: incident.childProtection ? 'Sent to the DSL and deputies.' : '',
    };
  });
}

/** Script-realm Dates for every Date cell, as the emulator hands the script its own values. */
function toSheetRow(ws: Workspace, row: CellValue[]): CellValue[] {
  return row.map((v) => (v instanceof Date ? ws.newDate(v.getTime()) : v));
}

/**
 * Writes `count` incidents below the Register's header (Set up must have made the sheet) and sets the
 * incident-number sequence the way the product would have left it. Test side: the calls it makes are
 * outside any measurement. Returns the entries written.
 */
export function prefillRegister(
  ws: Workspace,
  count: number,
  options: Partial<PrefillOptions> = {},
): RegisterEntry[] {
  const now = options.now ?? ws.clock.now();
  const entries = generateEntries(count, {
    now,
    timeZone: options.timeZone ?? ws.timeZone,
    seed: options.seed ?? 42,
  });
  if (entries.length === 0) return entries;
  const sheet = ws.spreadsheets.openFacade(ws.containerId).getSheetByName(REGISTER_SHEET);
  if (!sheet) throw new Error('No Register sheet: run Set up before pre-filling the register');
  const rows = entries.map((e) => toSheetRow(ws, incidentToRow(e)));
  const width = rows[0]?.length ?? 0;
  const first = sheet.getLastRow() + 1;
  // Spare blank rows below the data, as a sheet in use has (a tutorial's getRange(lastRow + 1, c) needs one).
  const needed = first + rows.length - 1 + SPARE_ROWS - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  // In slices, so no single write holds a 50,000-row copy twice.
  const slice = 5000;
  for (let start = 0; start < rows.length; start += slice) {
    const part = rows.slice(start, start + slice);
    sheet.getRange(first + start, 1, part.length, width).setValues(part);
  }
  const script = ws.properties.scriptStore();
  const lastByYear = new Map<number, number>();
  for (const e of entries) {
    const year = incidentYear(e.submittedAt, ws.timeZone);
    lastByYear.set(year, (lastByYear.get(year) ?? 0) + 1);
  }
  for (const [year, seq] of lastByYear) script.set(`incidentSeq:${year}`, String(seq));
  return entries;
}
