/**
 * What the `Summary` sheet shows, as an ordered list of blocks (title, header, rows, optional chart), and
 * where each block lands when they are stacked down the sheet, so an adapter can write the whole sheet with
 * one setValues, one number-format call per format, and one chart per charted block.
 *
 * Layout: blocks stacked vertically in column A, each as a title row, an optional note row, a header row,
 * its data rows, then one blank row. Stacking (rather than side by side) keeps every block's columns
 * independent, reads top to bottom on a laptop, and makes every chart's range a plain rectangle.
 *
 * The Summary sheet lives in the restricted register, but pupil names still appear in one block only
 * ("Pupils named in several incidents"), so that the rest can be shown on screen or copied safely.
 */
import type { RepeatPupil, Summary } from './analytics';
import { textCell } from './cells';
import type { Settings } from './types';
import { formatWeekdayDayLabel, localDateOf, startOfDayNumber, dayNumberOf } from './time';

export type SummaryCell = string | number | Date;
export type SummaryChartType = 'LINE' | 'COLUMN' | 'BAR' | 'PIE';

export interface SummaryBlock {
  title: string;
  /** A line of explanation under the title (how something is measured), when needed. */
  note?: string;
  header: string[];
  /** Every row is as wide as the header. */
  rows: SummaryCell[][];
  /** A chart over the header and data rows: first column the labels, the others the series. */
  chart?: { type: SummaryChartType; title: string };
  /** Sheets number format per column for the data rows ('' leaves the column as it is). */
  columnFormats?: string[];
}

export const SUMMARY_DATE_TIME_FORMAT = 'd mmm yyyy hh:mm';
export const SUMMARY_DATE_FORMAT = 'd mmm yyyy';
export const SUMMARY_MONTH_FORMAT = 'mmm yyyy';
export const SUMMARY_DECIMAL_FORMAT = '0.0';

/** The block whose rows hold pupil names (the only one). */
export const PUPILS_BLOCK_TITLE = 'Pupils named in several incidents';

/**
 * The most rows the two lists (overdue follow-ups, pupils named in several incidents) show. The Summary is
 * for reading: a school with more than this has the whole list in the Register (overdue rows are
 * highlighted) and in Pupil chronology, and the sheet says how many are not shown.
 */
export const SUMMARY_LIST_LIMIT = 500;
/** The most incident IDs listed in one pupil's row (the latest ones); the rest are counted. */
export const INCIDENT_IDS_LISTED = 20;

/**
 * Text typed by people (pupil names, places, free-typed platforms, Settings names) is written as text
 * whatever it looks like: with Sheets' quote prefix, "=…" is never a formula, "007" never the number 7 and
 * "1/2" never a date (the apostrophe is not shown or returned by getValues). Cut to fit a cell.
 */
export function asTextCell(text: string): string {
  return textCell(text);
}

function padRow(row: SummaryCell[], width: number): SummaryCell[] {
  return row.length >= width ? row : [...row, ...new Array<SummaryCell>(width - row.length).fill('')];
}

function noneRow(text: string, width: number): SummaryCell[][] {
  return [padRow([text], width)];
}

function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

function listOrNone(names: string[]): string {
  return names.length === 0 ? 'None' : asTextCell(names.join(', '));
}

/** The first instant of a local 'YYYY-MM-DD' date, so Sheets holds a date (not text it would re-parse). */
function localDateCell(isoDate: string, timeZone: string): SummaryCell {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return '';
  const day = dayNumberOf({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
  return startOfDayNumber(day, timeZone);
}

/** The latest INCIDENT_IDS_LISTED IDs, oldest first, and how many earlier ones are not listed. */
function incidentIdsCell(ids: string[]): string {
  const listed = ids.slice(-INCIDENT_IDS_LISTED).join(', ');
  const earlier = ids.length - INCIDENT_IDS_LISTED;
  return asTextCell(earlier > 0 ? `${listed} (and ${earlier} earlier)` : listed);
}

/** At most SUMMARY_LIST_LIMIT rows, then one row saying how many more there are and where to find them. */
function limitedRows(rows: SummaryCell[][], width: number, whereTheRestAre: string): SummaryCell[][] {
  if (rows.length <= SUMMARY_LIST_LIMIT) return rows;
  const more = rows.length - SUMMARY_LIST_LIMIT;
  return [
    ...rows.slice(0, SUMMARY_LIST_LIMIT),
    padRow([`… and ${more} more not shown here: ${whereTheRestAre}`], width),
  ];
}

/** The Summary sheet's blocks, top to bottom. */
export function summarySheetBlocks(summary: Summary, settings: Settings, asOf: Date): SummaryBlock[] {
  const timeZone = settings.timeZone;
  const weekly = summary.weekly;
  const firstMonth = summary.months[0];
  const lastMonth = summary.months[summary.months.length - 1];
  const period = firstMonth && lastMonth ? `${firstMonth.label} – ${lastMonth.label}` : '';
  const thisWeekStart = weekly.weeks[weekly.weeks.length - 1];
  const thisWeekLabel = thisWeekStart
    ? formatWeekdayDayLabel(localDateOf(thisWeekStart.start, timeZone))
    : '';
  const blocks: SummaryBlock[] = [];

  blocks.push({
    title: asTextCell(`Online safety summary — ${settings.schoolName}`),
    note: 'Rebuilt automatically; edits here are overwritten. Dates are in the school time zone.',
    header: ['As of', 'Time zone', 'Period', 'Incidents in period'],
    rows: [[asOf, timeZone, period, summary.periodTotal]],
    columnFormats: [SUMMARY_DATE_TIME_FORMAT, '', '', ''],
  });

  blocks.push({
    title: `This week (from ${thisWeekLabel})`,
    header: ['Measure', 'Value'],
    rows: [
      ['Reports this week', weekly.thisWeek],
      [`Weekly average, previous ${weekly.baselineWeeks} weeks`, oneDecimal(weekly.baselineAverage)],
      ['Flagged as child protection this week', weekly.flaggedThisWeek],
      ['Open incidents', summary.openCount],
      ['Overdue incidents', summary.overdueCount],
      ['Spiking categories', listOrNone(weekly.spikes)],
      ['Rising categories', listOrNone(weekly.rising)],
    ],
  });

  blocks.push({
    title: 'Reports per week',
    header: ['Week beginning', 'Reports'],
    rows: weekly.weeks.map((week, index) => [week.start, weekly.totals[index] ?? 0]),
    chart: { type: 'COLUMN', title: 'Reports per week' },
    columnFormats: [SUMMARY_DATE_FORMAT, ''],
  });

  const categoryRows = summary.categoryByMonth.rows;
  blocks.push({
    title: 'Reports by category by month',
    note: 'An incident with several categories counts once in each; "All reports" counts it once.',
    header: ['Month', ...categoryRows.map((row) => asTextCell(row.category)), 'All reports'],
    rows: summary.months.map((month, index) => [
      month.start,
      ...categoryRows.map((row) => row.counts[index] ?? 0),
      summary.categoryByMonth.allReports[index] ?? 0,
    ]),
    chart: { type: 'LINE', title: 'Reports by category by month' },
    columnFormats: [SUMMARY_MONTH_FORMAT, ...categoryRows.map(() => ''), ''],
  });

  blocks.push({
    title: 'Category mix, last 12 months',
    header: ['Category', 'Reports'],
    rows: summary.byCategory.map((row) => [asTextCell(row.label), row.count]),
    chart: { type: 'PIE', title: 'Category mix, last 12 months' },
  });

  blocks.push({
    title: 'This week by category',
    note: weekly.spikeRule,
    header: [
      'Category',
      'This week',
      `Weekly average, previous ${weekly.baselineWeeks} weeks`,
      'Rising',
      'Spike',
    ],
    rows: weekly.categories.map((row) => [
      asTextCell(row.category),
      row.thisWeek,
      oneDecimal(row.baselineAverage),
      row.rising ? 'Yes' : '',
      row.spike ? 'SPIKE' : '',
    ]),
    columnFormats: ['', '', SUMMARY_DECIMAL_FORMAT, '', ''],
  });

  const countBlock = (
    title: string,
    labelHeader: string,
    rows: { label: string; count: number }[],
    countHeader = 'Reports',
  ): SummaryBlock => ({
    title,
    header: [labelHeader, countHeader],
    rows: rows.length === 0 ? noneRow('None', 2) : rows.map((row) => [asTextCell(row.label), row.count]),
  });
  blocks.push(countBlock('4Cs group, last 12 months', '4Cs group', summary.byFourC));
  blocks.push(countBlock('Year groups, last 12 months', 'Year group', summary.byYearGroup));
  blocks.push(countBlock('Platforms and apps, last 12 months', 'Platform', summary.byPlatform));
  blocks.push(countBlock('Where, last 12 months', 'Location', summary.byLocation));
  blocks.push(countBlock('In or outside school, last 12 months', 'Where', summary.inOrOutOfSchool));
  blocks.push(countBlock('Status of every incident', 'Status', summary.statusPipeline, 'Incidents'));

  blocks.push({
    title: 'Time to triage and to close, last 12 months',
    header: ['Measure', 'Median days', 'Incidents measured', 'How it is measured'],
    rows: [
      [
        'Time to triage',
        summary.timeToTriage.medianDays ?? 'n/a',
        summary.timeToTriage.incidents,
        summary.timeToTriage.method,
      ],
      [
        'Time to close',
        summary.timeToClose.medianDays ?? 'n/a',
        summary.timeToClose.incidents,
        summary.timeToClose.method,
      ],
    ],
    columnFormats: ['', SUMMARY_DECIMAL_FORMAT, '', ''],
  });

  const overdueHeader = [
    'Incident ID',
    'Status',
    'Submitted',
    'Last updated',
    'Days since update',
    'Why overdue',
  ];
  blocks.push({
    title: `Overdue follow-ups (${summary.overdueCount})`,
    note:
      `Overdue: still New after the next school day (Monday–Friday in term, as the Settings' term dates ` +
      `and holidays say) following submission, or open with no update for ${settings.overdueDays} days. ` +
      `Incidents Awaiting external agency are never overdue: the daily reminder lists them for review.`,
    header: overdueHeader,
    rows:
      summary.overdue.length === 0
        ? noneRow('None overdue', overdueHeader.length)
        : limitedRows(
            summary.overdue.map((row) => [
              asTextCell(row.incidentId),
              row.status,
              row.submittedAt ?? '',
              row.lastUpdated ?? '',
              row.daysSinceUpdate ?? '',
              row.reasons.join('; '),
            ]),
            overdueHeader.length,
            'the Register highlights every overdue row.',
          ),
    columnFormats: ['', '', SUMMARY_DATE_TIME_FORMAT, SUMMARY_DATE_TIME_FORMAT, '', ''],
  });

  const pupilHeader = ['Pupil', 'Why listed', 'Incidents', 'First', 'Last', 'Incident IDs'];
  const pupilRow = (row: RepeatPupil, why: string): SummaryCell[] => [
    asTextCell(row.pupil),
    why,
    row.count,
    localDateCell(row.firstDate, timeZone),
    localDateCell(row.lastDate, timeZone),
    incidentIdsCell(row.incidentIds),
  ];
  const pupilRows: SummaryCell[][] = [
    ...summary.repeatPupils.map((row) =>
      pupilRow(row, `Named in ${row.count} incidents within ${settings.repeatPupilWindowDays} days`),
    ),
    ...summary.repeatInstigators.map((row) =>
      pupilRow(row, `Named as causing harm in ${row.count} incidents`),
    ),
  ];
  blocks.push({
    title: PUPILS_BLOCK_TITLE,
    note: `${summary.repeatPupilRule} Also pupils named as causing harm in 2 or more incidents in the last 12 months.`,
    header: pupilHeader,
    rows:
      pupilRows.length === 0
        ? noneRow('None', pupilHeader.length)
        : limitedRows(pupilRows, pupilHeader.length, 'use Online Safety › Pupil chronology for any pupil.'),
    columnFormats: ['', '', '', SUMMARY_DATE_FORMAT, SUMMARY_DATE_FORMAT, ''],
  });

  if (summary.undated > 0) {
    blocks.push({
      title: 'Data to check',
      header: ['Issue', 'Incidents'],
      rows: [['Incidents with no valid submission time (in the status counts only)', summary.undated]],
    });
  }

  return blocks.map((block) => ({
    ...block,
    rows: block.rows.map((row) => padRow(row, block.header.length)),
  }));
}

// ---- Placing blocks on the sheet ----

export interface PlacedBlock {
  title: string;
  /** 1-based sheet rows. */
  titleRow: number;
  headerRow: number;
  firstDataRow: number;
  dataRowCount: number;
  columnCount: number;
  /** The header and data rows, A1 notation — the chart's range when the block has one. */
  tableA1: string;
  chart?: SummaryBlock['chart'];
}

export interface SummaryGrid {
  /** Rectangular values for one setValues at A1. */
  values: SummaryCell[][];
  rowCount: number;
  columnCount: number;
  blocks: PlacedBlock[];
  /** Rows holding titles (to bold them), 1-based. */
  titleRows: number[];
  headerRows: number[];
  /** Number formats, grouped so one call per format (e.g. Sheet.getRangeList(a1).setNumberFormat) does. */
  numberFormats: { format: string; a1Ranges: string[] }[];
}

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  let remaining = column;
  while (remaining > 0) {
    const digit = (remaining - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    remaining = Math.floor((remaining - 1) / 26);
  }
  return letters;
}

function a1(row: number, column: number, lastRow: number, lastColumn: number): string {
  return `${columnLetter(column)}${row}:${columnLetter(lastColumn)}${lastRow}`;
}

/** Stacks the blocks down the sheet from A1 with a blank row between them. */
export function layoutSummaryGrid(blocks: readonly SummaryBlock[]): SummaryGrid {
  const columnCount = Math.max(1, ...blocks.map((block) => block.header.length));
  const values: SummaryCell[][] = [];
  const placed: PlacedBlock[] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const formats = new Map<string, string[]>();

  for (const block of blocks) {
    const titleRow = values.length + 1;
    values.push(padRow([block.title], columnCount));
    titleRows.push(titleRow);
    if (block.note !== undefined) values.push(padRow([block.note], columnCount));
    const headerRow = values.length + 1;
    values.push(padRow(block.header, columnCount));
    headerRows.push(headerRow);
    const firstDataRow = values.length + 1;
    for (const row of block.rows) values.push(padRow(row, columnCount));
    const lastDataRow = firstDataRow + block.rows.length - 1;
    const columns = block.header.length;
    (block.columnFormats ?? []).forEach((format, index) => {
      if (format === '' || block.rows.length === 0) return;
      const ranges = formats.get(format) ?? [];
      ranges.push(a1(firstDataRow, index + 1, lastDataRow, index + 1));
      formats.set(format, ranges);
    });
    placed.push({
      title: block.title,
      titleRow,
      headerRow,
      firstDataRow,
      dataRowCount: block.rows.length,
      columnCount: columns,
      tableA1: a1(headerRow, 1, Math.max(headerRow, lastDataRow), columns),
      ...(block.chart ? { chart: block.chart } : {}),
    });
    values.push(padRow([], columnCount));
  }

  return {
    values,
    rowCount: values.length,
    columnCount,
    blocks: placed,
    titleRows,
    headerRows,
    numberFormats: [...formats.entries()].map(([format, a1Ranges]) => ({ format, a1Ranges })),
  };
}
