/**
 * The `Summary` sheet: written whole from a laid-out grid (see domain/summary-layout) in a fixed number of
 * service calls, however many incidents the register holds — clear, one setValues, one call each for bold
 * and shading, one per number-formatted column, and a fixed handful per chart. Charts are updated in place
 * (found again by title), so a rebuild neither duplicates them nor changes their ids.
 */
import type { PlacedBlock, SummaryChartType, SummaryGrid } from '../domain/summary-layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

export const SUMMARY_SHEET = 'Summary';

const HEADER_BACKGROUND = '#d9e2f3';
const PLAIN_BACKGROUND = '#ffffff';
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

/** Bold titles and headers, shaded headers: one 2-D array each, for one call each. */
function styleGrids(grid: SummaryGrid): {
  weights: GoogleAppsScript.Spreadsheet.FontWeight[][];
  backgrounds: string[][];
} {
  const titles = new Set(grid.titleRows);
  const headers = new Set(grid.headerRows);
  const weights: GoogleAppsScript.Spreadsheet.FontWeight[][] = [];
  const backgrounds: string[][] = [];
  for (let row = 1; row <= grid.rowCount; row += 1) {
    const bold = titles.has(row) || headers.has(row);
    weights.push(
      new Array<GoogleAppsScript.Spreadsheet.FontWeight>(grid.columnCount).fill(bold ? 'bold' : 'normal'),
    );
    backgrounds.push(
      new Array<string>(grid.columnCount).fill(headers.has(row) ? HEADER_BACKGROUND : PLAIN_BACKGROUND),
    );
  }
  return { weights, backgrounds };
}

/**
 * Makes the charts exactly `placements`: a chart already on the sheet with the same title is modified in
 * place (same id), a missing one is inserted, and any other chart on the sheet (a duplicate, or one left by
 * an older version) is removed.
 */
function syncCharts(sheet: Sheet, placements: ChartPlacement[]): void {
  const existingByTitle = new Map<string, EmbeddedChart[]>();
  for (const chart of sheet.getCharts()) {
    const title = String(chart.getOptions().get('title') ?? '');
    const list = existingByTitle.get(title) ?? [];
    list.push(chart);
    existingByTitle.set(title, list);
  }
  for (const placement of placements) {
    const reused = existingByTitle.get(placement.title)?.shift();
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
 * (values and formats of the whole sheet), so a shorter summary leaves no stale rows behind.
 */
export function writeSummarySheet(ss: Spreadsheet, grid: SummaryGrid): Sheet {
  const sheet = summarySheet(ss);
  const placements = chartPlacements(grid);
  const lastChartRow = placements.reduce((last, p) => Math.max(last, p.anchorRow + CHART_ROW_SPAN), 0);
  const lastChartColumn = placements.length > 0 ? grid.columnCount + 1 + CHART_COLUMN_SPAN : 0;
  ensureSize(sheet, Math.max(grid.rowCount, lastChartRow), Math.max(grid.columnCount, lastChartColumn));

  sheet.clear();
  const { weights, backgrounds } = styleGrids(grid);
  sheet
    .getRange(1, 1, grid.rowCount, grid.columnCount)
    .setValues(grid.values)
    .setFontWeights(weights)
    .setBackgrounds(backgrounds);
  for (const { format, a1Ranges } of grid.numberFormats) {
    for (const a1 of a1Ranges) sheet.getRange(a1).setNumberFormat(format);
  }
  sheet.getRange(1, 1).setFontSize(TITLE_FONT_SIZE);
  sheet.setColumnWidth(1, LABEL_COLUMN_WIDTH);
  if (grid.columnCount > 1) sheet.setColumnWidths(2, grid.columnCount - 1, VALUE_COLUMN_WIDTH);
  syncCharts(sheet, placements);
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
