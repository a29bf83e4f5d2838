/**
 * Patterns in the register: the tables behind the Summary sheet and the weekly leadership email.
 *
 * Conventions (also stated in the output where a reader needs them):
 * - An incident is dated by when it was submitted (`submittedAt`), cut into days, weeks (Monday–Sunday) and
 *   months in the school's time zone (settings.timeZone). Incidents with no valid submission time are
 *   counted in the status pipeline and open count only.
 * - "The period" is the last 12 local months, the current month included. The category, 4Cs, year group,
 *   platform and location tables, the medians and the pupil lists cover incidents submitted in it.
 *   The status pipeline, open count and overdue list cover every incident (open work is open whatever its age).
 * - "This week" is the local Monday–Sunday week containing `now` (or `options.weekOf`); "the baseline" is
 *   the settings.spikeBaselineWeeks weeks before it.
 * - An incident with several categories (or year groups, or 4Cs groups) counts once in each.
 * - Category, platform and year group names are matched to the Settings lists ignoring case and extra spaces
 *   and shown with the Settings spelling; other names are kept as typed (`known: false`) after the Settings
 *   ones, so the restricted Summary can show them and the leadership email can leave them out.
 *
 * One pass over the incidents does the counting; the only sorting is of median samples and of each pupil's
 * own incidents, so the work grows as n log n at worst.
 */
import type { Incident, Settings, Status } from './types';
import { FOUR_CS, STATUSES } from './types';
import {
  dayNumberOf,
  formatLocalDate,
  formatMonthKey,
  formatMonthLabel,
  localDateOfDayNumber,
  localDayNumber,
  mondayOfDayNumber,
  startOfDayNumber,
} from './time';
import { nextSchoolDayIn } from './school-calendar';
import { pupilDisplayName, pupilKey } from './pupil-names';

export const NOT_STATED = 'Not stated';

export interface CountRow {
  label: string;
  count: number;
  /** False when the label is not in the Settings list it belongs to (typed by staff or since renamed). */
  known: boolean;
}

export interface MonthColumn {
  /** 'YYYY-MM' */
  key: string;
  /** 'Jul 2026' */
  label: string;
  /** First instant of the month in the school's time zone. */
  start: Date;
}

export interface CategoryMonthRow {
  category: string;
  known: boolean;
  /** One count per month of the period, oldest first. */
  counts: number[];
  total: number;
}

export interface MedianDays {
  /** Median in days (fractional), null when no incident could be measured. */
  medianDays: number | null;
  /** How many incidents the median is taken over. */
  incidents: number;
  /** How the time is measured, in words for the reader. */
  method: string;
}

export interface OverdueIncident {
  incidentId: string;
  status: Status;
  submittedAt: Date | null;
  lastUpdated: Date | null;
  /** True when still New after the next school day following submission. */
  untriaged: boolean;
  /** Whole local days since the last update (or since submission when never updated), null when undated. */
  daysSinceUpdate: number | null;
  /** Plain words, e.g. "Still New after Mon 2 Mar 2026; no update for 9 days". */
  reasons: string[];
}

export interface RepeatPupil {
  /** The name as last typed, in "First Surname" order with spaces tidied. */
  pupil: string;
  count: number;
  incidentIds: string[];
  /** Local dates 'YYYY-MM-DD' of the first and last of those incidents. */
  firstDate: string;
  lastDate: string;
}

export interface WeekColumn {
  /** Monday's local date 'YYYY-MM-DD'. */
  key: string;
  /** First instant of the week in the school's time zone. */
  start: Date;
}

export interface CategoryWeekRow {
  category: string;
  known: boolean;
  /** One count per week, oldest first; the last is this week. */
  weekly: number[];
  thisWeek: number;
  /** Average weekly count over the baseline weeks. */
  baselineAverage: number;
  /** This week above its baseline average. */
  rising: boolean;
  /** Meets the spike rule (see Summary.weekly.spikeRule). */
  spike: boolean;
}

export interface RecentRow {
  label: string;
  known: boolean;
  thisWeek: number;
  /** This week and the baseline weeks together. */
  recent: number;
}

export interface WeeklySummary {
  /** The baseline weeks then this week, oldest first. */
  weeks: WeekColumn[];
  baselineWeeks: number;
  /** Incidents per week (each incident once), aligned with `weeks`. */
  totals: number[];
  thisWeek: number;
  baselineAverage: number;
  /** Incidents this week with the child-protection flag. */
  flaggedThisWeek: number;
  categories: CategoryWeekRow[];
  /** Names of the categories that spike this week, biggest first. */
  spikes: string[];
  /** Names of the categories above their average this week, biggest first. */
  rising: string[];
  /** The spike rule in words, with this school's numbers. */
  spikeRule: string;
  /** Counts this week and over the recent weeks, biggest first; each list holds every label seen. */
  platforms: RecentRow[];
  yearGroups: RecentRow[];
}

export interface Summary {
  asOf: Date;
  timeZone: string;
  months: MonthColumn[];
  /** Incidents submitted in the period. */
  periodTotal: number;
  /** Incidents with no valid submission time (in the pipeline and open count only). */
  undated: number;
  categoryByMonth: {
    rows: CategoryMonthRow[];
    /** Incidents per month, each once however many categories it has. */
    allReports: number[];
  };
  /** Category totals over the period, biggest first (the category mix). */
  byCategory: CountRow[];
  byFourC: CountRow[];
  byYearGroup: CountRow[];
  byPlatform: CountRow[];
  byLocation: CountRow[];
  /** 'In school', 'Outside school', 'Not stated'. */
  inOrOutOfSchool: CountRow[];
  /** Every incident's current status, in workflow order. */
  statusPipeline: CountRow[];
  timeToTriage: MedianDays;
  timeToClose: MedianDays;
  openCount: number;
  overdue: OverdueIncident[];
  overdueCount: number;
  repeatPupils: RepeatPupil[];
  /** States the repeat-pupil rule with this school's numbers. */
  repeatPupilRule: string;
  repeatInstigators: RepeatPupil[];
  weekly: WeeklySummary;
}

const MONTHS_IN_PERIOD = 12;

// ---- Names ----

function tidySpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Matches names to a Settings list ignoring case and spacing; unknown names are kept as typed. */
class Vocabulary {
  private readonly byKey = new Map<string, string>();
  /** Raw answers repeat a great deal across a register, so each distinct one is resolved once. */
  private readonly resolved = new Map<string, { label: string; known: boolean }>();

  constructor(names: readonly string[]) {
    for (const name of names) {
      const tidy = tidySpaces(name);
      if (tidy !== '') this.byKey.set(tidy.toLowerCase(), tidy);
    }
  }

  /** Settings names first, in Settings order. */
  get names(): string[] {
    return [...this.byKey.values()];
  }

  resolve(raw: string): { label: string; known: boolean } {
    let result = this.resolved.get(raw);
    if (result === undefined) {
      const tidy = tidySpaces(raw);
      const known = this.byKey.get(tidy.toLowerCase());
      if (tidy === '') result = { label: NOT_STATED, known: false };
      else result = known === undefined ? { label: tidy, known: false } : { label: known, known: true };
      this.resolved.set(raw, result);
    }
    return result;
  }
}

/** The one pupil-name rule (pupil-names.ts): re-exported for the callers that import it from here. */
export { pupilDisplayName, pupilKey };

/** Memoised display name and key per raw spelling (names repeat across incidents). */
class PupilNames {
  private readonly byRaw = new Map<string, { key: string; display: string }>();

  get(raw: string): { key: string; display: string } {
    let name = this.byRaw.get(raw);
    if (name === undefined) {
      name = { key: pupilKey(raw), display: pupilDisplayName(raw) };
      this.byRaw.set(raw, name);
    }
    return name;
  }
}

/** Where an incident happened, as one of three groups, from the form's location answer. */
export function inOrOutOfSchool(location: string): 'In school' | 'Outside school' | typeof NOT_STATED {
  const text = location.toLowerCase();
  // The form's options say "outside school", "in school on a school device", "in school on a personal device".
  if (/\boutside\b|\bat home\b|\baway from school\b/.test(text)) return 'Outside school';
  if (/\bschool\b/.test(text)) return 'In school';
  return NOT_STATED;
}

// ---- Counting helpers ----

class Counter {
  readonly counts = new Map<string, { count: number; known: boolean }>();

  add(label: string, known: boolean, by = 1): void {
    const row = this.counts.get(label);
    if (row === undefined) this.counts.set(label, { count: by, known });
    else row.count += by;
  }

  get(label: string): number {
    return this.counts.get(label)?.count ?? 0;
  }
}

/** Settings names in Settings order (zeros included), then other names seen, alphabetically. */
function orderedLabels(settingsNames: readonly string[], seen: Iterable<string>): string[] {
  const known = new Set(settingsNames);
  const others = [...seen].filter((label) => !known.has(label)).sort((a, b) => a.localeCompare(b));
  return [...settingsNames, ...others];
}

function rowsInSettingsOrder(counter: Counter, settingsNames: readonly string[]): CountRow[] {
  return orderedLabels(settingsNames, counter.counts.keys()).map((label) => ({
    label,
    count: counter.get(label),
    known: counter.counts.get(label)?.known ?? true,
  }));
}

function byCountThenLabel<T extends { label: string; count: number }>(a: T, b: T): number {
  return b.count - a.count || a.label.localeCompare(b.label);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

function validTime(date: Date | null | undefined): number | null {
  if (date === null || date === undefined) return null;
  const ms = date.getTime();
  return Number.isFinite(ms) ? ms : null;
}

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

interface PupilMention {
  dayNumber: number;
  time: number;
  incidentId: string;
  display: string;
}

/**
 * The densest run of a pupil's incidents within `windowDays` consecutive local days (two pointers over the
 * incidents sorted by time). Ties go to the most recent run.
 */
function densestWindow(mentions: PupilMention[], windowDays: number): PupilMention[] {
  mentions.sort((a, b) => a.time - b.time);
  let bestStart = 0;
  let bestEnd = 0; // exclusive
  let start = 0;
  for (let end = 0; end < mentions.length; end += 1) {
    const endDay = mentions[end]?.dayNumber ?? 0;
    while ((mentions[start]?.dayNumber ?? endDay) <= endDay - windowDays) start += 1;
    if (end + 1 - start >= bestEnd - bestStart) {
      bestStart = start;
      bestEnd = end + 1;
    }
  }
  return mentions.slice(bestStart, bestEnd);
}

function repeatPupilOf(mentions: PupilMention[]): RepeatPupil {
  const first = mentions[0];
  const last = mentions[mentions.length - 1];
  return {
    pupil: last?.display ?? '',
    count: mentions.length,
    incidentIds: mentions.map((mention) => mention.incidentId),
    firstDate: first === undefined ? '' : formatLocalDate(localDateOfDayNumber(first.dayNumber)),
    lastDate: last === undefined ? '' : formatLocalDate(localDateOfDayNumber(last.dayNumber)),
  };
}

/** Code-unit order: IDs and ISO dates sort correctly, and it is far cheaper than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCountThenRecent(a: RepeatPupil, b: RepeatPupil): number {
  return b.count - a.count || compareText(b.lastDate, a.lastDate) || compareText(a.pupil, b.pupil);
}

export function spikeRuleText(settings: Settings): string {
  const baselineWeeks = Math.max(0, Math.floor(settings.spikeBaselineWeeks));
  return (
    `A category spikes when its count in a week (Monday–Sunday, ${settings.timeZone}) is at least ` +
    `${formatNumber(settings.spikeMinCount)} and at least ${formatNumber(settings.spikeRatio)} × its average ` +
    `weekly count over the previous ${baselineWeeks} weeks; a category with no reports in those weeks spikes ` +
    `once it reaches ${formatNumber(settings.spikeMinCount)}.`
  );
}

export interface SummaryOptions {
  /**
   * An instant in the week the weekly section reports as "this week" (default: `now`). The weekly email
   * sent on a Monday morning passes a time in the week just ended; everything else stays as of `now`.
   */
  weekOf?: Date;
}

// ---- computeSummary, in named steps: the period and weeks, one pass of counting, then the tables ----

type Resolved = { label: string; known: boolean };
type RecentTable = Map<string, { known: boolean; thisWeek: number; recent: number }>;

/** The period: 12 local months ending with the current one, and which month a day falls in. */
interface Period {
  months: MonthColumn[];
  /** First day of the period, and the first day after it (day numbers). */
  start: number;
  end: number;
  monthIndexOf(dayNumber: number): number;
}

function periodEndingOn(today: number, timeZone: string): Period {
  const todayDate = localDateOfDayNumber(today);
  // monthStarts has 13 entries (the last is the start of next month) so a day's month is a short search.
  const monthStarts: number[] = [];
  const months: MonthColumn[] = [];
  for (let index = 0; index <= MONTHS_IN_PERIOD; index += 1) {
    const monthsBack = MONTHS_IN_PERIOD - 1 - index;
    const absolute = todayDate.year * 12 + (todayDate.month - 1) - monthsBack;
    const monthDate = { year: Math.floor(absolute / 12), month: (absolute % 12) + 1, day: 1 };
    const startDay = dayNumberOf(monthDate);
    monthStarts.push(startDay);
    if (index < MONTHS_IN_PERIOD) {
      months.push({
        key: formatMonthKey(monthDate),
        label: formatMonthLabel(monthDate),
        start: startOfDayNumber(startDay, timeZone),
      });
    }
  }
  return {
    months,
    start: monthStarts[0] ?? today,
    end: monthStarts[MONTHS_IN_PERIOD] ?? today + 1,
    monthIndexOf: (dayNumber) => {
      let index = MONTHS_IN_PERIOD - 1;
      while (index > 0 && (monthStarts[index] ?? 0) > dayNumber) index -= 1;
      return index;
    },
  };
}

/** The weeks the weekly section compares: the baseline weeks, then this week. */
interface WeekWindow {
  weeks: WeekColumn[];
  baselineWeeks: number;
  thisMonday: number;
  weekCount: number;
}

function weekWindow(settings: Settings, today: number, weekOf: Date | undefined): WeekWindow {
  const timeZone = settings.timeZone;
  const baselineWeeks = Math.max(0, Math.floor(settings.spikeBaselineWeeks));
  const thisMonday = mondayOfDayNumber(weekOf === undefined ? today : localDayNumber(weekOf, timeZone));
  const weeks: WeekColumn[] = [];
  for (let back = baselineWeeks; back >= 0; back -= 1) {
    const monday = thisMonday - back * 7;
    weeks.push({
      key: formatLocalDate(localDateOfDayNumber(monday)),
      start: startOfDayNumber(monday, timeZone),
    });
  }
  return { weeks, baselineWeeks, thisMonday, weekCount: baselineWeeks + 1 };
}

/** Everything the one pass over the incidents counts. */
interface Tally {
  categories: Vocabulary;
  platforms: Vocabulary;
  yearGroups: Vocabulary;
  categoryMonthly: Map<string, { known: boolean; counts: number[] }>;
  allReports: number[];
  fourC: Counter;
  yearGroup: Counter;
  platform: Counter;
  location: Counter;
  inOut: Counter;
  status: Counter;
  triageDays: number[];
  closeDays: number[];
  overdue: OverdueIncident[];
  pupilMentions: Map<string, PupilMention[]>;
  instigatorMentions: Map<string, PupilMention[]>;
  pupilNames: PupilNames;
  /** Reasons repeat (many incidents share a deadline or an age), so each text is built once. */
  untriagedReasons: Map<number, string>;
  staleReasons: Map<number, string>;
  /** The next school day after each submission day (the school's calendar decides it). */
  nextSchoolDays: Map<number, number>;
  locations: Map<string, { label: string; known: boolean; group: string }>;
  weeklyTotals: number[];
  categoryWeekly: Map<string, { known: boolean; weekly: number[] }>;
  platformWeekly: RecentTable;
  yearGroupWeekly: RecentTable;
  /** Pupil keys already counted for the incident in hand (reused: a handful per incident). */
  seenKeys: string[];
  flaggedThisWeek: number;
  openCount: number;
  periodTotal: number;
  undated: number;
}

function newTally(settings: Settings, weekCount: number): Tally {
  return {
    categories: new Vocabulary(settings.categories.map((category) => category.name)),
    platforms: new Vocabulary(settings.platforms),
    yearGroups: new Vocabulary(settings.yearGroups),
    categoryMonthly: new Map(),
    allReports: new Array<number>(MONTHS_IN_PERIOD).fill(0),
    fourC: new Counter(),
    yearGroup: new Counter(),
    platform: new Counter(),
    location: new Counter(),
    inOut: new Counter(),
    status: new Counter(),
    triageDays: [],
    closeDays: [],
    overdue: [],
    pupilMentions: new Map(),
    instigatorMentions: new Map(),
    pupilNames: new PupilNames(),
    untriagedReasons: new Map(),
    staleReasons: new Map(),
    nextSchoolDays: new Map(),
    locations: new Map(),
    weeklyTotals: new Array<number>(weekCount).fill(0),
    categoryWeekly: new Map(),
    platformWeekly: new Map(),
    yearGroupWeekly: new Map(),
    seenKeys: [],
    flaggedThisWeek: 0,
    openCount: 0,
    periodTotal: 0,
    undated: 0,
  };
}

/** What the counting steps share about "now". */
interface Clock {
  today: number;
  timeZone: string;
  settings: Settings;
  period: Period;
  window: WeekWindow;
}

/**
 * Overdue: still New after the next school day following submission; or open with no change for
 * overdueDays local days (counted from submission when the DSL has never changed it). An incident Awaiting
 * external agency waits on others, not on the DSL: it is never overdue (reminders list it under its review
 * date instead).
 */
function countOverdue(
  t: Tally,
  c: Clock,
  incident: Incident,
  status: Status,
  submitted: number | null,
  lastUpdated: number | null,
): void {
  if (status === 'Closed' || status === 'Awaiting external agency') return;
  const reasons: string[] = [];
  let untriaged = false;
  if (status === 'New' && submitted !== null) {
    const submittedDay = localDayNumber(submitted, c.timeZone);
    let deadline = t.nextSchoolDays.get(submittedDay);
    if (deadline === undefined) {
      const calendar = { terms: c.settings.termDates, holidays: c.settings.holidays };
      deadline = nextSchoolDayIn(calendar, submittedDay);
      t.nextSchoolDays.set(submittedDay, deadline);
    }
    if (c.today > deadline) {
      untriaged = true;
      let reason = t.untriagedReasons.get(deadline);
      if (reason === undefined) {
        reason = `Still New after ${formatLocalDate(localDateOfDayNumber(deadline))}`;
        t.untriagedReasons.set(deadline, reason);
      }
      reasons.push(reason);
    }
  }
  const since = lastUpdated ?? submitted;
  const daysSinceUpdate = since === null ? null : c.today - localDayNumber(since, c.timeZone);
  if (daysSinceUpdate !== null && daysSinceUpdate >= c.settings.overdueDays) {
    let reason = t.staleReasons.get(daysSinceUpdate);
    if (reason === undefined) {
      reason = `No update for ${daysSinceUpdate} days`;
      t.staleReasons.set(daysSinceUpdate, reason);
    }
    reasons.push(reason);
  }
  if (reasons.length === 0) return;
  t.overdue.push({
    incidentId: incident.incidentId,
    status,
    submittedAt: submitted === null ? null : incident.submittedAt,
    lastUpdated: lastUpdated === null ? null : incident.lastUpdated,
    untriaged,
    daysSinceUpdate,
    reasons,
  });
}

function addRecent(table: RecentTable, resolved: Resolved, isThisWeek: boolean): void {
  let row = table.get(resolved.label);
  if (row === undefined) {
    row = { known: resolved.known, thisWeek: 0, recent: 0 };
    table.set(resolved.label, row);
  }
  row.recent += 1;
  if (isThisWeek) row.thisWeek += 1;
}

/** This week and the baseline weeks: totals, categories, platforms, year groups. */
function countWeek(
  t: Tally,
  w: WeekWindow,
  incident: Incident,
  dayNumber: number,
  resolved: { categories: Resolved[]; yearGroups: Resolved[]; platform: Resolved },
): void {
  const weeksBack = (w.thisMonday - mondayOfDayNumber(dayNumber)) / 7;
  if (weeksBack < 0 || weeksBack > w.baselineWeeks) return;
  const weekIndex = w.baselineWeeks - weeksBack;
  const isThisWeek = weeksBack === 0;
  t.weeklyTotals[weekIndex] = (t.weeklyTotals[weekIndex] ?? 0) + 1;
  if (isThisWeek && incident.childProtection) t.flaggedThisWeek += 1;
  for (const category of resolved.categories) {
    let row = t.categoryWeekly.get(category.label);
    if (row === undefined) {
      row = { known: category.known, weekly: new Array<number>(w.weekCount).fill(0) };
      t.categoryWeekly.set(category.label, row);
    }
    row.weekly[weekIndex] = (row.weekly[weekIndex] ?? 0) + 1;
  }
  addRecent(t.platformWeekly, resolved.platform, isThisWeek);
  for (const yearGroup of resolved.yearGroups) addRecent(t.yearGroupWeekly, yearGroup, isThisWeek);
}

/** The period's tables: by month and category, 4Cs, year group, platform, location. */
function countPeriodTables(
  t: Tally,
  incident: Incident,
  monthIndex: number,
  resolved: { categories: Resolved[]; yearGroups: Resolved[]; platform: Resolved },
): void {
  t.periodTotal += 1;
  t.allReports[monthIndex] = (t.allReports[monthIndex] ?? 0) + 1;
  for (const category of resolved.categories) {
    let row = t.categoryMonthly.get(category.label);
    if (row === undefined) {
      row = { known: category.known, counts: new Array<number>(MONTHS_IN_PERIOD).fill(0) };
      t.categoryMonthly.set(category.label, row);
    }
    row.counts[monthIndex] = (row.counts[monthIndex] ?? 0) + 1;
  }
  incident.fourCs.forEach((group, index) => {
    if (incident.fourCs.indexOf(group) === index) t.fourC.add(group, true);
  });
  for (const yearGroup of resolved.yearGroups) t.yearGroup.add(yearGroup.label, yearGroup.known);
  t.platform.add(resolved.platform.label, resolved.platform.known);
  let location = t.locations.get(incident.location);
  if (location === undefined) {
    const tidy = tidySpaces(incident.location);
    location = { label: tidy === '' ? NOT_STATED : tidy, known: tidy !== '', group: inOrOutOfSchool(tidy) };
    t.locations.set(incident.location, location);
  }
  t.location.add(location.label, location.known);
  t.inOut.add(location.group, true);
}

/**
 * Time to triage and to close. The register keeps only the latest change (lastUpdated) and the closing
 * date, not a history, so the first move beyond New is taken as the earlier of those — the real time is
 * no later.
 */
function countDurations(
  t: Tally,
  status: Status,
  submitted: number,
  lastUpdated: number | null,
  closedOn: number | null,
): void {
  if (status !== 'New') {
    const firstChange =
      lastUpdated === null ? closedOn : closedOn === null ? lastUpdated : Math.min(lastUpdated, closedOn);
    if (firstChange !== null && firstChange >= submitted)
      t.triageDays.push((firstChange - submitted) / 86_400_000);
  }
  if (status === 'Closed') {
    const end = closedOn ?? lastUpdated;
    if (end !== null && end >= submitted) t.closeDays.push((end - submitted) / 86_400_000);
  }
}

/**
 * Pupils, each once per incident whatever roles they are named in (a handful of names per incident, so a
 * short list beats a Set).
 */
function countPupils(t: Tally, incident: Incident, dayNumber: number, submitted: number): void {
  t.seenKeys.length = 0;
  for (const raw of incident.pupilsCausedHarm) {
    mentionPupil(
      t.instigatorMentions,
      t.pupilNames.get(raw),
      t.seenKeys,
      dayNumber,
      submitted,
      incident.incidentId,
    );
  }
  t.seenKeys.length = 0;
  for (const list of [incident.pupilsHarmed, incident.pupilsCausedHarm, incident.pupilsOther]) {
    for (const raw of list) {
      mentionPupil(
        t.pupilMentions,
        t.pupilNames.get(raw),
        t.seenKeys,
        dayNumber,
        submitted,
        incident.incidentId,
      );
    }
  }
}

/** One incident through every count it belongs in. */
function countIncident(t: Tally, c: Clock, incident: Incident): void {
  // A blank or unknown status (a paste past the dropdown) counts as New, so it is chased, not hidden.
  const status: Status = isStatus(incident.status) ? incident.status : 'New';
  t.status.add(status, true);
  if (status !== 'Closed') t.openCount += 1;
  const submitted = validTime(incident.submittedAt);
  const lastUpdated = validTime(incident.lastUpdated);
  const closedOn = validTime(incident.closedOn);
  countOverdue(t, c, incident, status, submitted, lastUpdated);
  if (submitted === null) {
    t.undated += 1;
    return;
  }
  const dayNumber = localDayNumber(submitted, c.timeZone);
  const resolved = {
    categories: uniqueResolved(incident.categories, t.categories),
    yearGroups: uniqueResolved(incident.yearGroups, t.yearGroups),
    platform: t.platforms.resolve(incident.platform),
  };
  countWeek(t, c.window, incident, dayNumber, resolved);
  if (dayNumber < c.period.start || dayNumber >= c.period.end) return;
  countPeriodTables(t, incident, c.period.monthIndexOf(dayNumber), resolved);
  countDurations(t, status, submitted, lastUpdated, closedOn);
  countPupils(t, incident, dayNumber, submitted);
}

/** Pupils named in enough incidents close together, and pupils named as causing harm more than once. */
function repeatLists(
  t: Tally,
  settings: Settings,
): { repeatPupils: RepeatPupil[]; repeatInstigators: RepeatPupil[]; windowDays: number } {
  const repeatPupils: RepeatPupil[] = [];
  const windowDays = Math.max(1, Math.floor(settings.repeatPupilWindowDays));
  for (const mentions of t.pupilMentions.values()) {
    if (mentions.length < settings.repeatPupilMinIncidents) continue;
    const densest = densestWindow(mentions, windowDays);
    if (densest.length >= settings.repeatPupilMinIncidents) repeatPupils.push(repeatPupilOf(densest));
  }
  repeatPupils.sort(byCountThenRecent);
  const repeatInstigators: RepeatPupil[] = [];
  for (const mentions of t.instigatorMentions.values()) {
    if (mentions.length < 2) continue;
    mentions.sort((a, b) => a.time - b.time);
    repeatInstigators.push(repeatPupilOf(mentions));
  }
  repeatInstigators.sort(byCountThenRecent);
  return { repeatPupils, repeatInstigators, windowDays };
}

/** The weekly section: this week against the baseline, per category and overall. */
function weeklySection(t: Tally, w: WeekWindow, settings: Settings): WeeklySummary {
  const { baselineWeeks, weekCount } = w;
  const baselineSum = (values: number[]): number => values.slice(0, baselineWeeks).reduce((a, b) => a + b, 0);
  const categoryRows: CategoryWeekRow[] = orderedLabels(t.categories.names, t.categoryWeekly.keys()).map(
    (label) => {
      const row = t.categoryWeekly.get(label);
      const weekly = row?.weekly ?? new Array<number>(weekCount).fill(0);
      const count = weekly[baselineWeeks] ?? 0;
      const sum = baselineSum(weekly);
      const average = baselineWeeks === 0 ? 0 : sum / baselineWeeks;
      // Spike rule (see spikeRuleText): count ≥ spikeMinCount and count ≥ spikeRatio × baseline average.
      // Compared as count × weeks ≥ ratio × sum to keep the average's rounding out of the decision; with a
      // zero baseline the second half always holds, so reaching spikeMinCount is enough.
      const spike =
        count >= settings.spikeMinCount && count * Math.max(1, baselineWeeks) >= settings.spikeRatio * sum;
      const rising = baselineWeeks === 0 ? count > 0 : count * baselineWeeks > sum;
      return {
        category: label,
        known: row?.known ?? true,
        weekly,
        thisWeek: count,
        baselineAverage: average,
        rising,
        spike,
      };
    },
  );
  const biggestFirst = (rows: CategoryWeekRow[]): string[] =>
    [...rows]
      .sort(
        (a, b) =>
          b.thisWeek - a.thisWeek || b.thisWeek - b.baselineAverage - (a.thisWeek - a.baselineAverage),
      )
      .map((row) => row.category);
  const recentRows = (table: RecentTable): RecentRow[] =>
    [...table.entries()]
      .map(([label, row]) => ({ label, ...row }))
      .sort((a, b) => b.recent - a.recent || b.thisWeek - a.thisWeek || a.label.localeCompare(b.label));
  return {
    weeks: w.weeks,
    baselineWeeks,
    totals: t.weeklyTotals,
    thisWeek: t.weeklyTotals[baselineWeeks] ?? 0,
    baselineAverage: baselineWeeks === 0 ? 0 : baselineSum(t.weeklyTotals) / baselineWeeks,
    flaggedThisWeek: t.flaggedThisWeek,
    categories: categoryRows,
    spikes: biggestFirst(categoryRows.filter((row) => row.spike)),
    rising: biggestFirst(categoryRows.filter((row) => row.rising)),
    spikeRule: spikeRuleText(settings),
    platforms: recentRows(t.platformWeekly),
    yearGroups: recentRows(t.yearGroupWeekly),
  };
}

/** The period's category-by-month table, Settings' categories first. */
function categoryMonthRows(t: Tally): CategoryMonthRow[] {
  return orderedLabels(t.categories.names, t.categoryMonthly.keys()).map((label) => {
    const row = t.categoryMonthly.get(label);
    const counts = row?.counts ?? new Array<number>(MONTHS_IN_PERIOD).fill(0);
    return { category: label, known: row?.known ?? true, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
}

/** Builds every table of the Summary sheet and the weekly email from the register's incidents. */
export function computeSummary(
  incidents: readonly Incident[],
  settings: Settings,
  now: Date,
  options: SummaryOptions = {},
): Summary {
  const timeZone = settings.timeZone;
  const today = localDayNumber(now, timeZone);
  const period = periodEndingOn(today, timeZone);
  const window = weekWindow(settings, today, options.weekOf);
  const t = newTally(settings, window.weekCount);
  const clock: Clock = { today, timeZone, settings, period, window };
  for (const incident of incidents) countIncident(t, clock, incident);

  const categoryRows = categoryMonthRows(t);
  const { repeatPupils, repeatInstigators, windowDays } = repeatLists(t, settings);
  t.overdue.sort(
    (a, b) =>
      (b.daysSinceUpdate ?? -1) - (a.daysSinceUpdate ?? -1) || compareText(a.incidentId, b.incidentId),
  );
  return {
    asOf: new Date(now.getTime()),
    timeZone,
    months: period.months,
    periodTotal: t.periodTotal,
    undated: t.undated,
    categoryByMonth: { rows: categoryRows, allReports: t.allReports },
    byCategory: categoryRows
      .map((row) => ({ label: row.category, count: row.total, known: row.known }))
      .sort(byCountThenLabel),
    byFourC: FOUR_CS.map((group) => ({ label: group, count: t.fourC.get(group), known: true })),
    byYearGroup: rowsInSettingsOrder(t.yearGroup, t.yearGroups.names),
    byPlatform: rowsInSettingsOrder(t.platform, t.platforms.names).sort(byCountThenLabel),
    byLocation: [...t.location.counts.entries()]
      .map(([label, row]) => ({ label, count: row.count, known: row.known }))
      .sort(byCountThenLabel),
    inOrOutOfSchool: (['In school', 'Outside school', NOT_STATED] as const).map((label) => ({
      label,
      count: t.inOut.get(label),
      known: true,
    })),
    statusPipeline: STATUSES.map((status) => ({ label: status, count: t.status.get(status), known: true })),
    timeToTriage: {
      medianDays: median(t.triageDays),
      incidents: t.triageDays.length,
      method:
        'Submitted to the first change beyond New. The register keeps only the latest change and the ' +
        'closing date, so the earlier of "Last updated" and "Closed on" stands in for it: an upper bound.',
    },
    timeToClose: {
      medianDays: median(t.closeDays),
      incidents: t.closeDays.length,
      method:
        'Submitted to "Closed on" (or "Last updated" when no closing date was entered), closed incidents.',
    },
    openCount: t.openCount,
    overdue: t.overdue,
    overdueCount: t.overdue.length,
    repeatPupils,
    repeatPupilRule:
      `Pupils named (in any role) in at least ${formatNumber(settings.repeatPupilMinIncidents)} incidents ` +
      `submitted within ${windowDays} consecutive days, in the last ${MONTHS_IN_PERIOD} months.`,
    repeatInstigators,
    weekly: weeklySection(t, window, settings),
  };
}

function uniqueResolved(
  names: readonly string[],
  vocabulary: Vocabulary,
): { label: string; known: boolean }[] {
  const unique: { label: string; known: boolean }[] = [];
  for (const name of names) {
    const resolved = vocabulary.resolve(name);
    if (resolved.label === NOT_STATED && !resolved.known) continue; // a blank entry
    if (!unique.some((seen) => seen.label === resolved.label)) unique.push(resolved);
  }
  return unique;
}

/** Records one incident against a pupil, once per incident whatever roles the pupil is named in. */
function mentionPupil(
  table: Map<string, PupilMention[]>,
  name: { key: string; display: string },
  seenKeys: string[],
  dayNumber: number,
  time: number,
  incidentId: string,
): void {
  if (name.display === '' || seenKeys.includes(name.key)) return;
  seenKeys.push(name.key);
  const mention: PupilMention = { dayNumber, time, incidentId, display: name.display };
  const list = table.get(name.key);
  if (list === undefined) table.set(name.key, [mention]);
  else list.push(mention);
}
