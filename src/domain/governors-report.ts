/**
 * The governors' termly report: why — the governing body must have oversight of safeguarding (KCSIE Part
 * Two) without seeing any child. This computes its figures from the register for one term, compared with
 * the term before and with the same dates a year earlier, every count through small-number suppression
 * (domain/suppression). Pure: the handler reads the register and the two allegation files' row dates.
 *
 * What it shows and how it is counted (stated in the report too):
 * - An incident belongs to the term it was submitted in (local dates, the school's time zone), first and
 *   last day included. "Last term" is the term before it in Settings; "the same term last year" is the same
 *   dates one year earlier (Settings usually lists only this year's terms).
 * - Categories, 4Cs groups and year-group bands may be several per incident: they do not add up to the
 *   total, and no total is shown for them. Platform, in or out of school and flagged do add up to the
 *   term's total, so each is declared an additive line and suppressed with its complements.
 * - Names shown come only from Settings lists (a platform typed under "Other" is counted as Other).
 * - Allegations about staff and about the Headteacher are counts only, never which person; the count about
 *   the Headteacher is left out entirely (not even its row) from any copy the Headteacher receives.
 */
import { NOT_STATED, computeSummary, inOrOutOfSchool } from './analytics';
import type { SchoolPeriod } from './school-calendar';
import type { Shown } from './suppression';
import { suppressOne, suppressTable } from './suppression';
import type { Incident, Settings } from './types';
import { FOUR_CS, REFERRALS } from './types';
import { REFERRAL_AGENCIES } from './referrals';
import {
  dayNumberOf,
  formatWeekdayDayLabel,
  localDateOfDayNumber,
  localDayNumber,
  mondayOfDayNumber,
  startOfDayNumber,
} from './time';

export const OTHER = 'Other';

/** Year-group bands: small enough groups of years that no band is a class. */
export const YEAR_BANDS = [
  'Early years and Key Stage 1',
  'Key Stage 2',
  'Key Stage 3',
  'Key Stage 4',
  'Sixth form',
] as const;

/** The band of a year group as typed in Settings ("Reception", "Year 7", "Y12", "Nursery"). */
export function yearBand(yearGroup: string): string {
  const text = yearGroup.trim().toLowerCase();
  if (/nursery|reception|early years|\beyfs\b/.test(text)) return YEAR_BANDS[0];
  const year = /(?:year|\by)\s*(\d{1,2})\b/.exec(text);
  const n = year ? Number(year[1]) : NaN;
  if (n >= 1 && n <= 2) return YEAR_BANDS[0];
  if (n >= 3 && n <= 6) return YEAR_BANDS[1];
  if (n >= 7 && n <= 9) return YEAR_BANDS[2];
  if (n >= 10 && n <= 11) return YEAR_BANDS[3];
  if (n >= 12 && n <= 13) return YEAR_BANDS[4];
  return text === '' ? NOT_STATED : OTHER;
}

/** The term a report is due for on `today`: the latest term in Settings that ended before today. */
export function termEndedBefore(terms: readonly SchoolPeriod[], today: number): SchoolPeriod | null {
  let best: SchoolPeriod | null = null;
  for (const term of terms) if (term.last < today && (best === null || term.last > best.last)) best = term;
  return best;
}

/** The term running on `today`, or else the one that ended most recently (for the menu's report). */
export function currentOrLastTerm(terms: readonly SchoolPeriod[], today: number): SchoolPeriod | null {
  return terms.find((term) => term.first <= today && today <= term.last) ?? termEndedBefore(terms, today + 1);
}

function yearEarlier(day: number): number {
  const date = localDateOfDayNumber(day);
  // 29 February a year earlier is 28 February.
  const back = {
    year: date.year - 1,
    month: date.month,
    day: Math.min(date.day, date.month === 2 ? 28 : 31),
  };
  return dayNumberOf(back);
}

export interface Window {
  label: string;
  first: number;
  last: number;
}

/** One row of a comparison table: this term, last term, the same term last year (null: not in Settings). */
export interface ComparisonRow {
  label: string;
  thisTerm: Shown;
  lastTerm: Shown | null;
  lastYear: Shown;
}

export interface ShownRow {
  label: string;
  count: Shown;
}

export interface MedianShown {
  /** Days, or null when not shown (too few incidents measured, or none). */
  days: number | null;
  measured: Shown;
}

export interface GovernorsReport {
  schoolName: string;
  term: Window;
  lastTerm: Window | null;
  lastYear: Window;
  threshold: number;
  totals: ComparisonRow;
  byCategory: ComparisonRow[];
  byFourC: ComparisonRow[];
  byYearBand: ShownRow[];
  byPlatform: ShownRow[];
  inOrOutOfSchool: ShownRow[];
  flagged: Shown;
  /** Whole percent of the term's incidents flagged, or null when a count it rests on is hidden. */
  flaggedPercent: number | null;
  referrals: ShownRow[];
  timeToTriage: MedianShown;
  timeToClose: MedianShown;
  /** As of the report, every open incident whatever its term. */
  open: Shown;
  overdue: Shown;
  /** Categories that spiked in a week of the term, with the weeks' Mondays ('Mon 26 Oct 2026'). */
  spikes: Array<{ category: string; weeks: string[] }>;
  /** Null when the file could not be read. */
  allegationsAboutStaff: Shown | null;
  /** Null in the Headteacher's copy, and when the file could not be read. */
  allegationsAboutHeadteacher: Shown | null;
  /** The Headteacher's copy: the renderer leaves the Headteacher row out altogether. */
  headteacherCopy: boolean;
  /** The local day the report was made; before the term's last day it covers the term so far. */
  asOfDay: number;
}

/** The submission dates of the allegation files' rows (null: the file could not be read). */
export interface AllegationDates {
  staff: Date[] | null;
  headteacher: Date[] | null;
}

interface Tally {
  total: number;
  categories: Map<string, number>;
  fourCs: Map<string, number>;
  bands: Map<string, number>;
  platforms: Map<string, number>;
  places: Map<string, number>;
  flagged: number;
  referrals: Map<string, number>;
  triageDays: number[];
  closeDays: number[];
}

function emptyTally(): Tally {
  return {
    total: 0,
    categories: new Map(),
    fourCs: new Map(),
    bands: new Map(),
    platforms: new Map(),
    places: new Map(),
    flagged: 0,
    referrals: new Map(),
    triageDays: [],
    closeDays: [],
  };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function inWindow(day: number, window: Window | null): boolean {
  return window !== null && day >= window.first && day <= window.last;
}

/** Every agency, in the Referrals sheet's order, then the register's older single-referral choices. */
const REFERRAL_ORDER: readonly string[] = [
  ...REFERRAL_AGENCIES,
  ...REFERRALS.filter((r) => r !== 'None' && !(REFERRAL_AGENCIES as readonly string[]).includes(r)),
];

/**
 * The agencies an incident was referred to, each once: the Referrals sheet's lines (as the register's
 * "Referrals" column shows them, "Police 03/02/2026 ref 1234") and the register's own External referral.
 */
function agenciesOf(incident: Incident & { referralsAtGlance?: string }): Set<string> {
  const agencies = new Set<string>();
  if (incident.referral !== '' && incident.referral !== 'None') agencies.add(incident.referral);
  for (const line of (incident.referralsAtGlance ?? '').split('\n')) {
    const text = line.trim();
    // Longest names first, so "IWF Report Remove" is not read as "IWF".
    const agency = [...REFERRAL_AGENCIES]
      .sort((a, b) => b.length - a.length)
      .find((a) => text === a || text.startsWith(`${a} `));
    if (agency) agencies.add(agency);
  }
  return agencies;
}

function tally(incidents: readonly Incident[], settings: Settings, window: Window | null): Tally {
  const result = emptyTally();
  if (window === null) return result;
  const categoryNames = new Map(settings.categories.map((c) => [c.name.trim().toLowerCase(), c.name]));
  const platformNames = new Map(settings.platforms.map((p) => [p.trim().toLowerCase(), p]));
  for (const incident of incidents) {
    const submitted = incident.submittedAt?.getTime();
    if (submitted === undefined || !Number.isFinite(submitted)) continue;
    if (!inWindow(localDayNumber(submitted, settings.timeZone), window)) continue;
    result.total += 1;
    const categories = new Set(
      incident.categories.map((c) => categoryNames.get(c.trim().toLowerCase()) ?? OTHER),
    );
    for (const category of categories) bump(result.categories, category);
    for (const group of new Set(incident.fourCs)) bump(result.fourCs, group);
    const bands = new Set(incident.yearGroups.map(yearBand));
    for (const band of bands.size === 0 ? [NOT_STATED] : bands) bump(result.bands, band);
    const platform = incident.platform.trim();
    bump(
      result.platforms,
      platform === '' ? NOT_STATED : (platformNames.get(platform.toLowerCase()) ?? OTHER),
    );
    bump(result.places, inOrOutOfSchool(incident.location));
    if (incident.childProtection) result.flagged += 1;
    for (const agency of agenciesOf(incident)) bump(result.referrals, agency);
    // Times as the Summary measures them (analytics.ts): the earlier of Last updated and Closed on stands
    // in for the first move beyond New; Closed on (or Last updated) for closing.
    const updated = incident.lastUpdated?.getTime() ?? null;
    const closed = incident.closedOn?.getTime() ?? null;
    if (incident.status !== 'New') {
      const first = updated === null ? closed : closed === null ? updated : Math.min(updated, closed);
      if (first !== null && first >= submitted) result.triageDays.push((first - submitted) / 86_400_000);
    }
    if (incident.status === 'Closed') {
      const end = closed ?? updated;
      if (end !== null && end >= submitted) result.closeDays.push((end - submitted) / 86_400_000);
    }
  }
  return result;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round((value ?? 0) * 10) / 10;
}

/** A median over fewer incidents than the threshold would describe one or two incidents: not shown. */
function shownMedian(values: number[], threshold: number): MedianShown {
  const measured = suppressOne(values.length, threshold);
  return { days: measured.kind === 'exact' ? median(values) : null, measured };
}

/** An additive breakdown of the term's total, suppressed with its complements. */
function breakdown(
  counts: Map<string, number>,
  order: readonly string[],
  total: number,
  threshold: number,
): ShownRow[] {
  const labels = [
    ...order.filter((label) => counts.has(label)),
    ...[...counts.keys()].filter((l) => !order.includes(l)).sort(),
  ];
  const values = new Map<string, number>([['\u0000total', total]]);
  for (const label of labels) values.set(label, counts.get(label) ?? 0);
  const shown = suppressTable(values, [{ total: '\u0000total', cells: labels }], threshold);
  return labels.map((label) => ({ label, count: shown.get(label) ?? { kind: 'withheld' } }));
}

function comparison(
  label: string,
  read: (t: Tally) => number,
  tallies: { now: Tally; last: Tally | null; year: Tally },
  threshold: number,
): ComparisonRow {
  return {
    label,
    thisTerm: suppressOne(read(tallies.now), threshold),
    lastTerm: tallies.last === null ? null : suppressOne(read(tallies.last), threshold),
    lastYear: suppressOne(read(tallies.year), threshold),
  };
}

function countIn(dates: Date[] | null, window: Window, timeZone: string, threshold: number): Shown | null {
  if (dates === null) return null;
  const n = dates.filter((d) => inWindow(localDayNumber(d, timeZone), window)).length;
  return suppressOne(n, threshold);
}

/** Categories that spiked in a week (Monday–Sunday) of the term, by the Summary's own rule. */
function spikesIn(
  incidents: readonly Incident[],
  settings: Settings,
  term: Window,
): GovernorsReport['spikes'] {
  const known = new Set(settings.categories.map((c) => c.name));
  const byCategory = new Map<string, string[]>();
  const endOfTerm = startOfDayNumber(term.last + 1, settings.timeZone);
  for (let monday = mondayOfDayNumber(term.first); monday <= term.last; monday += 7) {
    const weekOf = startOfDayNumber(Math.max(monday, term.first), settings.timeZone);
    const summary = computeSummary(incidents, settings, endOfTerm, { weekOf });
    for (const category of summary.weekly.spikes) {
      if (!known.has(category)) continue;
      const weeks = byCategory.get(category) ?? [];
      weeks.push(formatWeekdayDayLabel(localDateOfDayNumber(monday)));
      byCategory.set(category, weeks);
    }
  }
  return [...byCategory.entries()].map(([category, weeks]) => ({ category, weeks }));
}

export interface ReportOptions {
  /** The Headteacher's copy: nothing about allegations about the Headteacher, not even the row. */
  forHeadteacher: boolean;
}

/** Every figure of the report for `term`, as of `now` (open and overdue are as of then). */
export function computeGovernorsReport(
  incidents: readonly Incident[],
  allegations: AllegationDates,
  settings: Settings,
  term: SchoolPeriod,
  now: Date,
  options: ReportOptions,
): GovernorsReport {
  const t = settings.suppressionThreshold;
  const ordered = [...settings.termDates].sort((a, b) => a.first - b.first);
  const previous = ordered.filter((p) => p.last < term.first).pop() ?? null;
  const window: Window = { label: term.label || 'This term', first: term.first, last: term.last };
  const lastTerm: Window | null = previous && {
    label: previous.label || 'Last term',
    first: previous.first,
    last: previous.last,
  };
  const lastYear: Window = {
    label: 'Same dates last year',
    first: yearEarlier(term.first),
    last: yearEarlier(term.last),
  };
  const tallies = {
    now: tally(incidents, settings, window),
    last: lastTerm && tally(incidents, settings, lastTerm),
    year: tally(incidents, settings, lastYear),
  };
  const now_ = tallies.now;
  const categoryOrder = [...settings.categories.map((c) => c.name), OTHER];
  const usedCategories = categoryOrder.filter((name) =>
    [tallies.now, tallies.last, tallies.year].some((x) => (x?.categories.get(name) ?? 0) > 0),
  );

  // Flagged and not flagged add up to the term's total: one line.
  const flaggedLine = suppressTable(
    new Map([
      ['total', now_.total],
      ['flagged', now_.flagged],
      ['not', now_.total - now_.flagged],
    ]),
    [{ total: 'total', cells: ['flagged', 'not'] }],
    t,
  );
  const flagged = flaggedLine.get('flagged') ?? { kind: 'withheld' };
  const exactTotal = suppressOne(now_.total, t);
  const summaryNow = computeSummary(incidents, settings, now);

  return {
    schoolName: settings.schoolName,
    term: window,
    lastTerm,
    lastYear,
    threshold: t,
    totals: comparison('All incidents', (x) => x.total, tallies, t),
    byCategory: usedCategories.map((name) =>
      comparison(name, (x) => x.categories.get(name) ?? 0, tallies, t),
    ),
    byFourC: FOUR_CS.map((group) => comparison(group, (x) => x.fourCs.get(group) ?? 0, tallies, t)),
    // Bands: several per incident, so primary suppression only.
    byYearBand: [...YEAR_BANDS, OTHER, NOT_STATED]
      .filter((band) => now_.bands.has(band))
      .map((band) => ({ label: band, count: suppressOne(now_.bands.get(band) ?? 0, t) })),
    byPlatform: breakdown(now_.platforms, [...settings.platforms, OTHER, NOT_STATED], now_.total, t),
    inOrOutOfSchool: breakdown(now_.places, ['In school', 'Outside school', NOT_STATED], now_.total, t),
    flagged,
    flaggedPercent:
      flagged.kind === 'exact' && exactTotal.kind === 'exact' && now_.total > 0
        ? Math.round((now_.flagged / now_.total) * 100)
        : null,
    referrals: REFERRAL_ORDER.filter((r) => now_.referrals.has(r)).map((r) => ({
      label: r,
      count: suppressOne(now_.referrals.get(r) ?? 0, t),
    })),
    timeToTriage: shownMedian(now_.triageDays, t),
    timeToClose: shownMedian(now_.closeDays, t),
    open: suppressOne(summaryNow.openCount, t),
    overdue: suppressOne(summaryNow.overdueCount, t),
    spikes: spikesIn(incidents, settings, window),
    allegationsAboutStaff: countIn(allegations.staff, window, settings.timeZone, t),
    allegationsAboutHeadteacher: options.forHeadteacher
      ? null
      : countIn(allegations.headteacher, window, settings.timeZone, t),
    headteacherCopy: options.forHeadteacher,
    asOfDay: localDayNumber(now, settings.timeZone),
  };
}
