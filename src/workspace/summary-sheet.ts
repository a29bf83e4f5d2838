/**
 * The `Summary` sheet: written whole from a laid-out grid (see domain/summary-layout) in a fixed number of
 * service calls, however many incidents the register holds — clear, one setValues, one range list each for
 * bold, shading and each number format, and per chart only what changed. Charts already showing the right
 * table at the right place are left alone; others are updated in place (found again by title), so a
 * rebuild neither duplicates them nor changes their ids. The sheet's size is asked only when it is too small.
 */
import {
  columnLetter,
  type PlacedBlock,
  type SummaryChartType,
  type SummaryGrid,
} from '../domain/summary-layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

export const SUMMARY_SHEET = 'Summary';

const HEADER_BACKGROUND = '#d9e2f3';
const TITLE_FONT_SIZE = 14;
const LABEL_COLUMN_WIDTH = 280;
const VALUE_COLUMN_WIDTH = 110;
const CHART_WIDTH = 640;
const CHART_HEIGHT = 320;
/** Rows a chart covers at the default row height (21 px), plus a gap, so stacked charts never overlap. */
const CHART_ROW_SPAN = Math.ceil(CHART_HEIGHT / 21) + 2;
/** Columns a chart covers at the default column width (100 px), so the sheet is wide enough to hold it. */
const CHART_COLUMN_SPAN = Math.ceil(CHART_WIDTH / 100) + 1;
/** How long a rebuild waits for another one (nightly and menu at once) before leaving the work to it. */
const REBUILD_LOCK_WAIT_MS = 10_000;

export interface ChartPlacement {
  block: PlacedBlock;
  type: SummaryChartType;
  title: string;
  anchorRow: number;
  anchorColumn: number;
}

/**
 * Where each charted block's chart goes: in a column to the right of the widest table, level with its own
 * table where it can be, and always below the chart before it.
 */
export function chartPlacements(grid: SummaryGrid): ChartPlacement[] {
  const anchorColumn = grid.columnCount + 2;
  const placements: ChartPlacement[] = [];
  let nextFreeRow = 1;
  for (const block of grid.blocks) {
    if (!block.chart) continue;
    const anchorRow = Math.max(block.titleRow, nextFreeRow);
    placements.push({ block, type: block.chart.type, title: block.chart.title, anchorRow, anchorColumn });
    nextFreeRow = anchorRow + CHART_ROW_SPAN;
  }
  return placements;
}

function chartType(type: SummaryChartType): GoogleAppsScript.Charts.ChartType {
  switch (type) {
    case 'LINE':
      return Charts.ChartType.LINE;
    case 'COLUMN':
      return Charts.ChartType.COLUMN;
    case 'BAR':
      return Charts.ChartType.BAR;
    case 'PIE':
      return Charts.ChartType.PIE;
  }
}

/** Grows the sheet (never shrinks it: clear() empties what is left) to hold the grid and the charts. */
function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * Makes sure the sheet holds `rows` × `columns` without asking its size (two extent calls) when it already
 * does: a range past the sheet's edge throws ("The coordinates of the range are outside the dimensions of
 * the sheet", Range reference), and only then is the sheet measured and grown. That Apps Script checks the
 * bounds from the Sheet it already holds, without a round trip, is **unconfirmed**: the cost model charges
 * getRange as a handle.
 */
function fitSize(sheet: Sheet, rows: number, columns: number): void {
  try {
    sheet.getRange(1, 1, rows, columns);
  } catch {
    ensureSize(sheet, rows, columns);
  }
}

const rowA1 = (row: number, columns: number): string => `A${row}:${columnLetter(columns)}${row}`;

/**
 * Bold titles and headers, shaded headers, number formats: one range list each, over a sheet clear()
 * has just reset to plain (no bold, no fill), so only the cells that differ are named.
 */
function styleSheet(sheet: Sheet, grid: SummaryGrid): void {
  const bold = [...new Set([...grid.titleRows, ...grid.headerRows])].sort((a, b) => a - b);
  if (bold.length > 0) {
    sheet.getRangeList(bold.map((row) => rowA1(row, grid.columnCount))).setFontWeight('bold');
  }
  if (grid.headerRows.length > 0) {
    sheet
      .getRangeList(grid.headerRows.map((row) => rowA1(row, grid.columnCount)))
      .setBackground(HEADER_BACKGROUND);
  }
  for (const { format, a1Ranges } of grid.numberFormats) {
    if (a1Ranges.length > 0) sheet.getRangeList([...a1Ranges]).setNumberFormat(format);
  }
  sheet.getRange(1, 1).setFontSize(TITLE_FONT_SIZE);
  sheet.setColumnWidth(1, LABEL_COLUMN_WIDTH);
  if (grid.columnCount > 1) sheet.setColumnWidths(2, grid.columnCount - 1, VALUE_COLUMN_WIDTH);
}

/** A chart's title as the script set it. */
function chartTitle(chart: EmbeddedChart): string {
  return String(chart.getOptions().get('title') ?? '');
}

/** True when the chart already is what `placement` asks for: nothing to send. */
function chartMatches(chart: EmbeddedChart, placement: ChartPlacement, sheet: Sheet): boolean {
  const ranges = chart.getRanges();
  const info = chart.getContainerInfo();
  const options = chart.getOptions();
  return (
    ranges.length === 1 &&
    ranges[0]?.getA1Notation() === sheet.getRange(placement.block.tableA1).getA1Notation() &&
    info.getAnchorRow() === placement.anchorRow &&
    info.getAnchorColumn() === placement.anchorColumn &&
    options.get('width') === CHART_WIDTH &&
    options.get('height') === CHART_HEIGHT &&
    chart.modify().getChartType() === chartType(placement.type)
  );
}

/**
 * Makes the charts exactly `placements`: a chart already on the sheet with the same title is left alone
 * when it already shows that table at that place, modified in place (same id) otherwise; a missing one is
 * inserted; any other chart on the sheet (a duplicate, or one left by an older version) is removed.
 * `existing` is read before the sheet is written, so the read does not commit the writes first.
 */
function syncCharts(sheet: Sheet, existing: EmbeddedChart[], placements: ChartPlacement[]): void {
  const existingByTitle = new Map<string, EmbeddedChart[]>();
  for (const chart of existing) {
    const title = chartTitle(chart);
    const list = existingByTitle.get(title) ?? [];
    list.push(chart);
    existingByTitle.set(title, list);
  }
  for (const placement of placements) {
    const reused = existingByTitle.get(placement.title)?.shift();
    if (reused && chartMatches(reused, placement, sheet)) continue;
    const builder = reused ? reused.modify().clearRanges() : sheet.newChart();
    const chart = builder
      .setChartType(chartType(placement.type))
      .addRange(sheet.getRange(placement.block.tableA1))
      .setNumHeaders(1)
      .setPosition(placement.anchorRow, placement.anchorColumn, 0, 0)
      .setOption('title', placement.title)
      .setOption('width', CHART_WIDTH)
      .setOption('height', CHART_HEIGHT)
      .setOption('legend', { position: placement.type === 'COLUMN' ? 'none' : 'right' })
      .build();
    if (reused) sheet.updateChart(chart);
    else sheet.insertChart(chart);
  }
  for (const leftovers of existingByTitle.values()) {
    for (const chart of leftovers) sheet.removeChart(chart);
  }
}

/** The Summary sheet, made when missing. */
export function summarySheet(ss: Spreadsheet): Sheet {
  return ss.getSheetByName(SUMMARY_SHEET) ?? ss.insertSheet(SUMMARY_SHEET);
}

/**
 * Replaces the Summary sheet's content with `grid`. Everything from an earlier rebuild is cleared first
 * (values and formats of the whole sheet), so a shorter summary leaves no stale rows behind. Reads (the
 * charts there) come before the first write, so the whole rebuild is committed once, at its end.
 */
export function writeSummarySheet(ss: Spreadsheet, grid: SummaryGrid): Sheet {
  const found = ss.getSheetByName(SUMMARY_SHEET);
  const sheet = found ?? ss.insertSheet(SUMMARY_SHEET);
  // A sheet just made has no charts: no need to ask.
  const existingCharts = found ? sheet.getCharts() : [];
  const placements = chartPlacements(grid);
  const lastChartRow = placements.reduce((last, p) => Math.max(last, p.anchorRow + CHART_ROW_SPAN), 0);
  const lastChartColumn = placements.length > 0 ? grid.columnCount + 1 + CHART_COLUMN_SPAN : 0;
  fitSize(sheet, Math.max(grid.rowCount, lastChartRow), Math.max(grid.columnCount, lastChartColumn));

  sheet.clear();
  sheet.getRange(1, 1, grid.rowCount, grid.columnCount).setValues(grid.values);
  styleSheet(sheet, grid);
  syncCharts(sheet, existingCharts, placements);
  return sheet;
}

/**
 * Runs `fn` unless another rebuild holds the document lock for longer than a short wait (the nightly run
 * and a menu click at once); returns null then, as that other rebuild writes the same summary. The script
 * lock is not used: submissions take it, and must not wait for a long read of the register.
 */
export function withRebuildLock<T>(fn: () => T): T | null {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(REBUILD_LOCK_WAIT_MS)) return null;
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
