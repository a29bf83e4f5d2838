/**
 * The trust-wide rollup's rows: why — a multi-academy trust's safeguarding lead wants patterns across its
 * schools, and may see counts only, suppressed where small. Pure: the nightly job (handlers/oversight)
 * reads the register, this makes the rows, a store (workspace/trust-store) writes them.
 *
 * One row per (school code, ISO week, dimension, value) with its count. Long rather than one row per
 * combination of category × 4Cs × band × platform × location × flagged: a school's week has a handful of
 * incidents, so almost every combination would hold 1 or 2 and be suppressed; each dimension on its own
 * keeps most counts usable. Dimensions: 'All incidents', 'Category', '4Cs', 'Year-group band',
 * 'Platform group', 'Location', 'Flagged'. Values come only from Settings lists and fixed groups (a name
 * typed under "Other" is "Other"). Platform group, location and flagged each add up to the week's total,
 * so each is one additive line for suppression; categories, 4Cs and bands may be several per incident.
 *
 * Idempotence is the stores' (keyed by school, week, dimension and value, rewritten whole), not this
 * module's: the same register gives the same rows.
 */
import { NOT_STATED, inOrOutOfSchool } from './analytics';
import { OTHER, yearBand } from './governors-report';
import type { Shown } from './suppression';
import { suppressOne, suppressTable } from './suppression';
import type { Incident, Settings } from './types';
import { formatLocalDate, localDateOfDayNumber, localDayNumber, mondayOfDayNumber } from './time';

export const DIMENSIONS = [
  'All incidents',
  'Category',
  '4Cs',
  'Year-group band',
  'Platform group',
  'Location',
  'Flagged',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface TrustRow {
  school: string;
  /** ISO 8601 week, e.g. '2026-W44'. */
  week: string;
  /** Its Monday, 'YYYY-MM-DD' (BigQuery partitions by it). */
  weekStart: string;
  dimension: Dimension;
  value: string;
  /** The count, or null when suppressed. */
  count: number | null;
  /** 'exact', 'fewer than 3', 'hidden' or 'not shown'. */
  shown: string;
}

/** The header row both stores use, in this order. */
export const TRUST_COLUMNS = ['School', 'Week', 'Dimension', 'Value', 'Count', 'Shown'] as const;

/** Platforms by the kind of service, so a trust can compare schools whose lists differ. */
const PLATFORM_GROUPS: Record<string, string> = {
  snapchat: 'Messaging',
  whatsapp: 'Messaging',
  discord: 'Messaging',
  tiktok: 'Social media and video',
  instagram: 'Social media and video',
  youtube: 'Social media and video',
  facebook: 'Social media and video',
  'x (twitter)': 'Social media and video',
  roblox: 'Gaming',
  fortnite: 'Gaming',
  minecraft: 'Gaming',
  'school device or network': 'School device or network',
};

export function platformGroup(platform: string, settings: Settings): string {
  const key = platform.trim().toLowerCase();
  if (key === '') return NOT_STATED;
  const known = settings.platforms.some((p) => p.trim().toLowerCase() === key);
  return (known ? PLATFORM_GROUPS[key] : undefined) ?? OTHER;
}

/** ISO week of a day number: the year is the one its Thursday falls in. */
export function isoWeekOf(dayNumber: number): string {
  const thursday = mondayOfDayNumber(dayNumber) + 3;
  const year = localDateOfDayNumber(thursday).year;
  const firstThursday = (() => {
    const jan4 = Math.round(Date.UTC(year, 0, 4) / 86_400_000);
    return mondayOfDayNumber(jan4) + 3;
  })();
  const week = 1 + Math.round((thursday - firstThursday) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A school code: 2 to 12 letters, digits or hyphens (it names a sheet and a column value). */
export function isValidSchoolCode(code: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{1,11}$/.test(code);
}

interface WeekTally {
  total: number;
  byDimension: Map<Dimension, Map<string, number>>;
}

function bump(tally: WeekTally, dimension: Dimension, value: string): void {
  let values = tally.byDimension.get(dimension);
  if (values === undefined) {
    values = new Map();
    tally.byDimension.set(dimension, values);
  }
  values.set(value, (values.get(value) ?? 0) + 1);
}

const ADDITIVE: readonly Dimension[] = ['Platform group', 'Location', 'Flagged'];

function shownOf(shown: Shown): { count: number | null; shown: string } {
  if (shown.kind === 'exact') return { count: shown.value, shown: 'exact' };
  if (shown.kind === 'fewer') return { count: null, shown: `fewer than ${shown.threshold}` };
  return { count: null, shown: shown.kind === 'hidden' ? 'hidden' : 'not shown' };
}

/**
 * Every week's rows for the school, from the first week with an incident to the week containing `now`,
 * suppressed with settings.suppressionThreshold. Weeks with no incident are left out (a missing week is
 * zero, and says nothing a zero would not).
 */
export function trustRows(
  incidents: readonly Incident[],
  settings: Settings,
  schoolCode: string,
  now: Date,
): TrustRow[] {
  const t = settings.suppressionThreshold;
  const categoryNames = new Map(settings.categories.map((c) => [c.name.trim().toLowerCase(), c.name]));
  const today = localDayNumber(now, settings.timeZone);
  const weeks = new Map<string, WeekTally>();
  const mondays = new Map<string, string>();
  for (const incident of incidents) {
    const ms = incident.submittedAt?.getTime();
    if (ms === undefined || !Number.isFinite(ms)) continue;
    const day = localDayNumber(ms, settings.timeZone);
    if (day > today) continue;
    const week = isoWeekOf(day);
    mondays.set(week, formatLocalDate(localDateOfDayNumber(mondayOfDayNumber(day))));
    let tally = weeks.get(week);
    if (tally === undefined) {
      tally = { total: 0, byDimension: new Map() };
      weeks.set(week, tally);
    }
    tally.total += 1;
    const categories = new Set(
      incident.categories.map((c) => categoryNames.get(c.trim().toLowerCase()) ?? OTHER),
    );
    for (const category of categories) bump(tally, 'Category', category);
    for (const group of new Set(incident.fourCs)) bump(tally, '4Cs', group);
    const bands = new Set(incident.yearGroups.map(yearBand));
    for (const band of bands.size === 0 ? [NOT_STATED] : bands) bump(tally, 'Year-group band', band);
    bump(tally, 'Platform group', platformGroup(incident.platform, settings));
    bump(tally, 'Location', inOrOutOfSchool(incident.location));
    bump(tally, 'Flagged', incident.childProtection ? 'Yes' : 'No');
  }

  const rows: TrustRow[] = [];
  for (const week of [...weeks.keys()].sort()) {
    const tally = weeks.get(week);
    if (!tally) continue;
    const weekStart = mondays.get(week) ?? '';
    const values = new Map<string, number>([['total', tally.total]]);
    const lines = ADDITIVE.map((dimension) => {
      const cells = [...(tally.byDimension.get(dimension) ?? new Map<string, number>()).entries()];
      for (const [value, count] of cells) values.set(`${dimension}\u0000${value}`, count);
      return { total: 'total', cells: cells.map(([value]) => `${dimension}\u0000${value}`) };
    });
    const additive = suppressTable(values, lines, t);
    const total = additive.get('total') ?? suppressOne(tally.total, t);
    rows.push({
      school: schoolCode,
      week,
      weekStart,
      dimension: 'All incidents',
      value: 'All',
      ...shownOf(total),
    });
    // A small week gets its total only: which rows exist would say where its one or two incidents were.
    if (total.kind !== 'exact') continue;
    for (const dimension of DIMENSIONS.slice(1)) {
      const counts = [...(tally.byDimension.get(dimension) ?? new Map<string, number>()).entries()].sort(
        ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0),
      );
      for (const [value, count] of counts) {
        const shown = ADDITIVE.includes(dimension)
          ? (additive.get(`${dimension}\u0000${value}`) ?? { kind: 'withheld' as const })
          : suppressOne(count, t);
        rows.push({ school: schoolCode, week, weekStart, dimension, value, ...shownOf(shown) });
      }
    }
  }
  return rows;
}

/** A row as the stores write it (TRUST_COLUMNS order); a suppressed count is an empty cell. */
export function trustRowCells(row: TrustRow): Array<string | number> {
  return [row.school, row.week, row.dimension, row.value, row.count ?? '', row.shown];
}
