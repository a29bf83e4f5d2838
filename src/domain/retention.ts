/**
 * The retention review: incidents closed longer ago than the school's retention period (Settings), listed
 * for the DSL to decide on under the school's policy. Nothing is ever deleted by the system.
 */
import type { CellValue, RegisterEntry } from './register';
import { QUOTE_PREFIX } from './cells';
import { instantOfLocal, localDateOf, localDayNumber } from './time';

export interface RetentionItem {
  row: number;
  incidentId: string;
  occurredAt: Date | null;
  categories: string[];
  /** The date the period is counted from. */
  closedOn: Date;
  /** True when the register has no Closed on date and Last updated stood in for it. */
  closedOnEstimated: boolean;
  /** The first day the incident is past the retention period. */
  reviewFrom: Date;
}

export interface RetentionReview {
  due: RetentionItem[];
  /** Closed incidents with neither a Closed on nor a Last updated date: the period cannot be counted. */
  undated: Array<{ row: number; incidentId: string }>;
}

/** The same calendar day `years` later (29 February becomes 28 February in a common year). */
function sameDayYearsLater(date: Date, years: number, timeZone: string): Date {
  const local = localDateOf(date, timeZone);
  const year = local.year + years;
  const lastDay = new Date(Date.UTC(year, local.month, 0)).getUTCDate();
  return instantOfLocal({ year, month: local.month, day: Math.min(local.day, lastDay) }, timeZone);
}

/**
 * Closed incidents whose retention period has run out by `now` (the period ends on the same calendar day
 * `retentionYears` after closing), oldest closing first. Open incidents are never listed.
 */
export function retentionReview(
  incidents: ReadonlyArray<{ row: number; incident: RegisterEntry }>,
  retentionYears: number,
  now: Date,
  timeZone: string,
): RetentionReview {
  const today = localDayNumber(now, timeZone);
  const due: RetentionItem[] = [];
  const undated: RetentionReview['undated'] = [];
  for (const { row, incident } of incidents) {
    if (incident.status !== 'Closed') continue;
    const closedOn = incident.closedOn ?? incident.lastUpdated;
    if (!closedOn) {
      undated.push({ row, incidentId: incident.incidentId });
      continue;
    }
    const reviewFrom = sameDayYearsLater(closedOn, retentionYears, timeZone);
    if (localDayNumber(reviewFrom, timeZone) > today) continue;
    due.push({
      row,
      incidentId: incident.incidentId,
      occurredAt: incident.occurredAt,
      categories: incident.categories,
      closedOn,
      closedOnEstimated: incident.closedOn === null,
      reviewFrom,
    });
  }
  due.sort((a, b) => a.closedOn.getTime() - b.closedOn.getTime() || a.row - b.row);
  return { due, undated };
}

export const RETENTION_HEADERS = [
  'Incident ID',
  'When it happened',
  'Categories',
  'Closed on',
  'Past retention since',
  'Register row',
  'Note',
] as const;

export const RETENTION_HEADER_ROW = 4;

function text(value: string): string {
  return value === '' ? '' : QUOTE_PREFIX + value;
}

/** The Retention review sheet's rows: what it is, then the table (no pupil names: IDs and dates only). */
export function retentionSheetRows(
  review: RetentionReview,
  retentionYears: number,
  builtAt: string,
): CellValue[][] {
  const rows: CellValue[][] = [
    [text(`Retention review: incidents closed more than ${retentionYears} year(s) ago`)],
    [
      text(
        `Built ${builtAt}. Nothing has been deleted: review each incident under the school's retention policy and ` +
          'delete or archive it by hand if the policy says so. The period is "Retention review (years)" in Settings.',
      ),
    ],
    [''],
    [...RETENTION_HEADERS],
  ];
  for (const item of review.due) {
    rows.push([
      text(item.incidentId),
      item.occurredAt ?? '',
      text(item.categories.join('\n')),
      item.closedOn,
      item.reviewFrom,
      item.row,
      item.closedOnEstimated ? text('No Closed on date: counted from Last updated.') : '',
    ]);
  }
  for (const item of review.undated) {
    rows.push([
      text(item.incidentId),
      '',
      '',
      '',
      '',
      item.row,
      text('Closed, but with no date to count the period from: check it.'),
    ]);
  }
  if (review.due.length === 0 && review.undated.length === 0) {
    rows.push([text('No closed incident is past the retention period.')]);
  }
  return rows;
}
