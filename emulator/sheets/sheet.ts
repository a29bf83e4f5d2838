/** The Sheet facade: one tab of a spreadsheet (its grid, structure, protections, rules and charts). */
import { Emulated, invalidArgument } from '../core';
import { type Rect } from './a1';
import { Formula } from './cells';
import { ProtectionType, enumName, gas, normaliseColour } from './common';
import { ConditionalFormatRuleFacade, conditionalRuleOf, copyRule } from './conditional';
import { EmbeddedChartBuilderFacade, EmbeddedChartFacade, chartOf, copyChart } from './charts';
import { displayCell } from './format';
import { DEFAULT_COLUMN_WIDTH, type SheetState, type SpreadsheetState } from './model';
import { checkRect, signatureError, toInt, writeValues } from './ops';
import { RangeListFacade } from './range-list';
import type { SpreadsheetStore } from './store';
import { DeveloperMetadataFinderFacade, addMetadata, metadataAt } from './metadata';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Sheets' messages for structural changes (as reported verbatim in public issue threads). */
const ROWS_OUT_OF_BOUNDS = 'Those rows are out of bounds.';
const COLUMNS_OUT_OF_BOUNDS = 'Those columns are out of bounds.';
const DELETE_ALL_ROWS = 'Sorry, it is not possible to delete all non-frozen rows.';
const DELETE_ALL_COLUMNS = 'Sorry, it is not possible to delete all non-frozen columns.';
const FREEZE_ALL_ROWS = "You can't freeze all visible rows on the sheet.";
const FREEZE_ALL_COLUMNS = "You can't freeze all visible columns on the sheet.";
const HIDE_ALL_SHEETS = "You can't hide all the sheets in a document.";

export type SheetMethod =
  | 'activate'
  | 'addDeveloperMetadata'
  | 'createDeveloperMetadataFinder'
  | 'getDeveloperMetadata'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearConditionalFormatRules'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'createTextFinder'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getCharts'
  | 'getColumnWidth'
  | 'getConditionalFormatRules'
  | 'getDataRange'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getProtections'
  | 'getRange'
  | 'getRangeList'
  | 'getSheetId'
  | 'getSheetName'
  | 'getTabColor'
  | 'hideColumns'
  | 'hideRows'
  | 'hideSheet'
  | 'insertChart'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isColumnHiddenByUser'
  | 'isRowHiddenByUser'
  | 'isSheetHidden'
  | 'newChart'
  | 'protect'
  | 'removeChart'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setConditionalFormatRules'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setTabColor'
  | 'showColumns'
  | 'showRows'
  | 'showSheet'
  | 'updateChart';

export class SheetFacade extends Emulated implements Pick<Sheet, SheetMethod> {
  constructor(
    private readonly _store: SpreadsheetStore,
    readonly _book: SpreadsheetState,
    readonly _sheet: SheetState,
  ) {
    super(_store.ws, 'Sheet');
  }

  private _self(): Sheet {
    return gas(this);
  }

  private _int(value: unknown, method: string, args: readonly unknown[]): number {
    return toInt(value, `SpreadsheetApp.Sheet.${method}`, args);
  }

  /** Structural edits need the right to edit the whole sheet (a protected sheet blocks them). */
  private _structural(rect: Rect | null = null): void {
    this._store.assertCanWrite(this._book, this._sheet, rect);
  }

  // --- identity ------------------------------------------------------------------------------------

  getName(): string {
    return this._sheet.name;
  }

  getSheetName(): string {
    return this._sheet.name;
  }

  setName(name: unknown): Sheet {
    if (typeof name !== 'string' || name.trim() === '') invalidArgument('name');
    this._store.checkSheetName(this._book, name, this._sheet);
    this._sheet.name = name;
    return this._self();
  }

  getSheetId(): number {
    return this._sheet.sheetId;
  }

  getIndex(): number {
    return this._book.sheets.indexOf(this._sheet) + 1;
  }

  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this._store.bookFacade(this._book);
  }

  activate(): Sheet {
    this._book.activeSheetId = this._sheet.sheetId;
    this._sheet.hidden = false;
    return this._self();
  }

  setTabColor(color: unknown): Sheet {
    this._sheet.tabColor = color === null ? null : normaliseColour(color);
    return this._self();
  }

  getTabColor(): string | null {
    return this._sheet.tabColor;
  }

  hideSheet(): Sheet {
    const visible = this._book.sheets.filter((s) => !s.hidden && s !== this._sheet);
    if (visible.length === 0) throw new Error(HIDE_ALL_SHEETS);
    this._sheet.hidden = true;
    return this._self();
  }

  showSheet(): Sheet {
    this._sheet.hidden = false;
    return this._self();
  }

  isSheetHidden(): boolean {
    return this._sheet.hidden;
  }

  // --- ranges --------------------------------------------------------------------------------------

  /** Sheet.getRangeList(a1Notations): ranges of this sheet only, a non-empty list (range-list.ts). */
  getRangeList(a1Notations: unknown): GoogleAppsScript.Spreadsheet.RangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) invalidArgument('a1Notations');
    const rects = a1Notations.map((a1: unknown) => {
      if (typeof a1 !== 'string') return invalidArgument('a1Notations');
      const { sheet, rect } = this._store.resolveA1(this._book, a1, this._sheet);
      // "ranges in the same sheet": another sheet's name is refused (**unconfirmed** wording).
      if (sheet !== this._sheet) return invalidArgument('a1Notations');
      return rect;
    });
    return gas(new RangeListFacade(this._store, this._book, this._sheet, rects));
  }

  getRange(a: unknown, b?: unknown, c?: unknown, d?: unknown): GoogleAppsScript.Spreadsheet.Range {
    const args = [a, b, c, d].filter((x) => x !== undefined);
    if (typeof a === 'string') {
      if (args.length !== 1) signatureError('SpreadsheetApp.Sheet.getRange', args);
      return this._store.rangeByA1(this._book, a, this._sheet);
    }
    if (args.length < 2) signatureError('SpreadsheetApp.Sheet.getRange', args);
    const rect: Rect = {
      row: this._int(a, 'getRange', args),
      col: this._int(b, 'getRange', args),
      numRows: c === undefined ? 1 : this._int(c, 'getRange', args),
      numCols: d === undefined ? 1 : this._int(d, 'getRange', args),
    };
    checkRect(this._sheet, rect);
    return this._store.rangeFacade(this._book, this._sheet, rect);
  }

  getDataRange(): GoogleAppsScript.Spreadsheet.Range {
    return this._store.rangeFacade(this._book, this._sheet, {
      row: 1,
      col: 1,
      numRows: Math.max(1, this._sheet.lastRow()),
      numCols: Math.max(1, this._sheet.lastColumn()),
    });
  }

  getLastRow(): number {
    return this._sheet.lastRow();
  }

  getLastColumn(): number {
    return this._sheet.lastColumn();
  }

  getMaxRows(): number {
    return this._sheet.maxRows;
  }

  getMaxColumns(): number {
    return this._sheet.maxColumns;
  }

  createTextFinder(findText: unknown): GoogleAppsScript.Spreadsheet.TextFinder {
    if (typeof findText !== 'string') signatureError('SpreadsheetApp.Sheet.createTextFinder', [findText]);
    const rect = { row: 1, col: 1, numRows: this._sheet.maxRows, numCols: this._sheet.maxColumns };
    return this._store.textFinder(this._book, this._sheet, rect, findText);
  }

  // --- content -------------------------------------------------------------------------------------

  /** Appends after the last row with content; the grid grows by a row (and columns) when full. */
  appendRow(rowContents: unknown): Sheet {
    if (!Array.isArray(rowContents)) signatureError('SpreadsheetApp.Sheet.appendRow', [rowContents]);
    if (rowContents.length === 0) return this._self();
    const row = this._sheet.lastRow() + 1;
    const rect: Rect = { row, col: 1, numRows: 1, numCols: rowContents.length };
    this._store.assertCanWrite(this._book, this._sheet, row <= this._sheet.maxRows ? rect : null);
    const extraRows = Math.max(0, row - this._sheet.maxRows);
    const extraCols = Math.max(0, rowContents.length - this._sheet.maxColumns);
    this._store.ensureCapacity(
      this._book,
      extraRows * (this._sheet.maxColumns + extraCols) + extraCols * this._sheet.maxRows,
    );
    // Parse before growing, so a rejected value leaves the grid as it was.
    writeValues(this._sheet, rect, [rowContents], this._book.timeZone, this._store.ws.platform);
    if (extraRows > 0) this._sheet.maxRows += extraRows;
    if (extraCols > 0) this._sheet.maxColumns += extraCols;
    return this._self();
  }

  clear(options?: unknown): Sheet {
    if (options !== undefined && (typeof options !== 'object' || options === null))
      invalidArgument('options');
    const o = (options ?? {}) as { contentsOnly?: unknown; formatOnly?: unknown };
    const only = o.contentsOnly === true || o.formatOnly === true;
    const rect = this._whole();
    this._structural(rect);
    if (!only || o.contentsOnly === true) this._store.clearContents(this._sheet, rect);
    if (!only || o.formatOnly === true) this._store.clearFormats(this._sheet, rect);
    return this._self();
  }

  clearContents(): Sheet {
    const rect = this._whole();
    this._structural(rect);
    this._store.clearContents(this._sheet, rect);
    return this._self();
  }

  clearFormats(): Sheet {
    const rect = this._whole();
    this._structural(rect);
    this._store.clearFormats(this._sheet, rect);
    return this._self();
  }

  clearNotes(): Sheet {
    const rect = this._whole();
    this._structural(rect);
    this._store.clearNotes(this._sheet, rect);
    return this._self();
  }

  private _whole(): Rect {
    return { row: 1, col: 1, numRows: this._sheet.maxRows, numCols: this._sheet.maxColumns };
  }

  // --- structure -----------------------------------------------------------------------------------

  private _insertRows(at: number, count: number, copyFrom: number): void {
    this._structural();
    this._store.ensureCapacity(this._book, count * this._sheet.maxColumns);
    this._sheet.insertRows(at, count, copyFrom);
    this._book.shiftRefs(this._sheet.sheetId, 'rows', at, count, true);
  }

  private _insertColumns(at: number, count: number, copyFrom: number): void {
    this._structural();
    this._store.ensureCapacity(this._book, count * this._sheet.maxRows);
    this._sheet.insertColumns(at, count, copyFrom);
    this._book.shiftRefs(this._sheet.sheetId, 'cols', at, count, true);
  }

  private _rowsArgs(method: string, position: unknown, howMany: unknown): [number, number] {
    const args = [position, howMany].filter((x) => x !== undefined);
    const p = this._int(position, method, args);
    const n = howMany === undefined ? 1 : this._int(howMany, method, args);
    if (p < 1 || p > this._sheet.maxRows || n < 1) throw new Error(ROWS_OUT_OF_BOUNDS);
    return [p, n];
  }

  private _colsArgs(method: string, position: unknown, howMany: unknown): [number, number] {
    const args = [position, howMany].filter((x) => x !== undefined);
    const p = this._int(position, method, args);
    const n = howMany === undefined ? 1 : this._int(howMany, method, args);
    if (p < 1 || p > this._sheet.maxColumns || n < 1) throw new Error(COLUMNS_OUT_OF_BOUNDS);
    return [p, n];
  }

  insertRowsAfter(afterPosition: unknown, howMany: unknown): Sheet {
    const [p, n] = this._rowsArgs('insertRowsAfter', afterPosition, howMany);
    this._insertRows(p + 1, n, p);
    return this._self();
  }

  insertRowAfter(afterPosition: unknown): Sheet {
    const [p] = this._rowsArgs('insertRowAfter', afterPosition, undefined);
    this._insertRows(p + 1, 1, p);
    return this._self();
  }

  insertRowsBefore(beforePosition: unknown, howMany: unknown): Sheet {
    const [p, n] = this._rowsArgs('insertRowsBefore', beforePosition, howMany);
    this._insertRows(p, n, p);
    return this._self();
  }

  insertRowBefore(beforePosition: unknown): Sheet {
    const [p] = this._rowsArgs('insertRowBefore', beforePosition, undefined);
    this._insertRows(p, 1, p);
    return this._self();
  }

  insertColumnsAfter(afterPosition: unknown, howMany: unknown): Sheet {
    const [p, n] = this._colsArgs('insertColumnsAfter', afterPosition, howMany);
    this._insertColumns(p + 1, n, p);
    return this._self();
  }

  insertColumnAfter(afterPosition: unknown): Sheet {
    const [p] = this._colsArgs('insertColumnAfter', afterPosition, undefined);
    this._insertColumns(p + 1, 1, p);
    return this._self();
  }

  insertColumnsBefore(beforePosition: unknown, howMany: unknown): Sheet {
    const [p, n] = this._colsArgs('insertColumnsBefore', beforePosition, howMany);
    this._insertColumns(p, n, p);
    return this._self();
  }

  insertColumnBefore(beforePosition: unknown): Sheet {
    const [p] = this._colsArgs('insertColumnBefore', beforePosition, undefined);
    this._insertColumns(p, 1, p);
    return this._self();
  }

  deleteRows(rowPosition: unknown, howMany: unknown): void {
    const [p, n] = this._rowsArgs('deleteRows', rowPosition, howMany);
    if (p + n - 1 > this._sheet.maxRows) throw new Error(ROWS_OUT_OF_BOUNDS);
    if (this._sheet.maxRows - n <= this._sheet.frozenRows) throw new Error(DELETE_ALL_ROWS);
    this._structural({ row: p, col: 1, numRows: n, numCols: this._sheet.maxColumns });
    this._sheet.deleteRows(p, n);
    this._book.shiftRefs(this._sheet.sheetId, 'rows', p, n, false);
  }

  deleteRow(rowPosition: unknown): Sheet {
    this.deleteRows(rowPosition, 1);
    return this._self();
  }

  deleteColumns(columnPosition: unknown, howMany: unknown): void {
    const [p, n] = this._colsArgs('deleteColumns', columnPosition, howMany);
    if (p + n - 1 > this._sheet.maxColumns) throw new Error(COLUMNS_OUT_OF_BOUNDS);
    if (this._sheet.maxColumns - n <= this._sheet.frozenColumns) throw new Error(DELETE_ALL_COLUMNS);
    this._structural({ row: 1, col: p, numRows: this._sheet.maxRows, numCols: n });
    this._sheet.deleteColumns(p, n);
    this._book.shiftRefs(this._sheet.sheetId, 'cols', p, n, false);
  }

  deleteColumn(columnPosition: unknown): Sheet {
    this.deleteColumns(columnPosition, 1);
    return this._self();
  }

  setFrozenRows(rows: unknown): void {
    const n = this._int(rows, 'setFrozenRows', [rows]);
    if (n < 0) invalidArgument('rows');
    if (n >= this._sheet.maxRows) throw new Error(FREEZE_ALL_ROWS);
    this._sheet.frozenRows = n;
  }

  getFrozenRows(): number {
    return this._sheet.frozenRows;
  }

  setFrozenColumns(columns: unknown): void {
    const n = this._int(columns, 'setFrozenColumns', [columns]);
    if (n < 0) invalidArgument('columns');
    if (n >= this._sheet.maxColumns) throw new Error(FREEZE_ALL_COLUMNS);
    this._sheet.frozenColumns = n;
  }

  getFrozenColumns(): number {
    return this._sheet.frozenColumns;
  }

  // --- columns and rows: size and visibility -------------------------------------------------------

  private _column(value: unknown, method: string, args: readonly unknown[]): number {
    const c = this._int(value, method, args);
    if (c < 1 || c > this._sheet.maxColumns) throw new Error(COLUMNS_OUT_OF_BOUNDS);
    return c;
  }

  setColumnWidth(columnPosition: unknown, width: unknown): Sheet {
    const args = [columnPosition, width];
    const c = this._column(columnPosition, 'setColumnWidth', args);
    const w = this._int(width, 'setColumnWidth', args);
    if (w < 0) invalidArgument('width');
    this._sheet.columnWidths.set(c, w);
    return this._self();
  }

  setColumnWidths(startColumn: unknown, numColumns: unknown, width: unknown): Sheet {
    const args = [startColumn, numColumns, width];
    const start = this._column(startColumn, 'setColumnWidths', args);
    const n = this._int(numColumns, 'setColumnWidths', args);
    const w = this._int(width, 'setColumnWidths', args);
    if (n < 1 || start + n - 1 > this._sheet.maxColumns) throw new Error(COLUMNS_OUT_OF_BOUNDS);
    if (w < 0) invalidArgument('width');
    for (let c = start; c < start + n; c += 1) this._sheet.columnWidths.set(c, w);
    return this._self();
  }

  getColumnWidth(columnPosition: unknown): number {
    const c = this._column(columnPosition, 'getColumnWidth', [columnPosition]);
    return this._sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
  }

  /**
   * Fits each column to its longest displayed text (about 7 px a character plus padding). Formula
   * cells count by their formula text: their values are not evaluated. Empty columns keep their width.
   */
  autoResizeColumns(startColumn: unknown, numColumns: unknown): Sheet {
    const args = [startColumn, numColumns];
    const start = this._column(startColumn, 'autoResizeColumns', args);
    const n = this._int(numColumns, 'autoResizeColumns', args);
    if (n < 1 || start + n - 1 > this._sheet.maxColumns) throw new Error(COLUMNS_OUT_OF_BOUNDS);
    const longest = new Map<number, number>();
    this._sheet.values.forEach((cell, r, c0) => {
      const c = c0 + 1;
      if (c < start || c >= start + n) return;
      const text =
        cell instanceof Formula
          ? cell.text
          : displayCell(cell, this._sheet.formats.numberFormat.get(r, c0), this._book.timeZone);
      const widest = Math.max(...text.split('\n').map((line) => line.length));
      longest.set(c, Math.max(longest.get(c) ?? 0, widest));
    });
    for (const [c, chars] of longest)
      this._sheet.columnWidths.set(c, Math.max(21, Math.round(chars * 7 + 12)));
    return this._self();
  }

  autoResizeColumn(columnPosition: unknown): Sheet {
    return this.autoResizeColumns(columnPosition, 1);
  }

  hideColumns(columnIndex: unknown, numColumns?: unknown): void {
    const args = [columnIndex, numColumns].filter((x) => x !== undefined);
    const start = this._column(columnIndex, 'hideColumns', args);
    const n = numColumns === undefined ? 1 : this._int(numColumns, 'hideColumns', args);
    if (n < 1 || start + n - 1 > this._sheet.maxColumns) throw new Error(COLUMNS_OUT_OF_BOUNDS);
    for (let c = start; c < start + n; c += 1) this._sheet.hiddenColumns.add(c);
  }

  showColumns(columnIndex: unknown, numColumns?: unknown): void {
    const args = [columnIndex, numColumns].filter((x) => x !== undefined);
    const start = this._column(columnIndex, 'showColumns', args);
    const n = numColumns === undefined ? 1 : this._int(numColumns, 'showColumns', args);
    for (let c = start; c < start + n; c += 1) this._sheet.hiddenColumns.delete(c);
  }

  isColumnHiddenByUser(columnPosition: unknown): boolean {
    return this._sheet.hiddenColumns.has(
      this._column(columnPosition, 'isColumnHiddenByUser', [columnPosition]),
    );
  }

  hideRows(rowIndex: unknown, numRows?: unknown): void {
    const [p, n] = this._rowsArgs('hideRows', rowIndex, numRows);
    if (p + n - 1 > this._sheet.maxRows) throw new Error(ROWS_OUT_OF_BOUNDS);
    for (let r = p; r < p + n; r += 1) this._sheet.hiddenRows.add(r);
  }

  showRows(rowIndex: unknown, numRows?: unknown): void {
    const [p, n] = this._rowsArgs('showRows', rowIndex, numRows);
    for (let r = p; r < p + n; r += 1) this._sheet.hiddenRows.delete(r);
  }

  isRowHiddenByUser(rowPosition: unknown): boolean {
    const [p] = this._rowsArgs('isRowHiddenByUser', rowPosition, undefined);
    return this._sheet.hiddenRows.has(p);
  }

  // --- developer metadata (see metadata.ts) -------------------------------------------------------------

  addDeveloperMetadata(key: unknown, b?: unknown, c?: unknown): Sheet {
    addMetadata(this._store, this._book, this._sheet, key, b, c);
    return this._self();
  }

  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return metadataAt(this._store, this._book, this._sheet.sheetId);
  }

  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return gas(new DeveloperMetadataFinderFacade(this._store, this._book, this._sheet.sheetId));
  }

  // --- protection ----------------------------------------------------------------------------------

  /** Sheet protection; a sheet has at most one, so protecting again returns the existing one. */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return this._store.protect(this._book, this._sheet, null);
  }

  getProtections(type: unknown): GoogleAppsScript.Spreadsheet.Protection[] {
    const name = enumName(type, ProtectionType, 'type');
    return this._book.protections
      .filter((p) => p.sheetId === this._sheet.sheetId && p.type === name)
      .map((p) => this._store.protectionFacade(this._book, p));
  }

  // --- conditional formats -------------------------------------------------------------------------

  setConditionalFormatRules(rules: unknown): void {
    if (!Array.isArray(rules)) signatureError('SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
    const states = rules.map(conditionalRuleOf);
    this._structural();
    this._sheet.conditionalFormats = states;
  }

  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this._sheet.conditionalFormats.map((rule) =>
      gas<GoogleAppsScript.Spreadsheet.ConditionalFormatRule>(
        new ConditionalFormatRuleFacade(
          this._store.ws,
          this._store.rangeMaker(this._book),
          this._store.rangeReader(),
          copyRule(rule),
        ),
      ),
    );
  }

  clearConditionalFormatRules(): void {
    this._structural();
    this._sheet.conditionalFormats = [];
  }

  // --- charts --------------------------------------------------------------------------------------

  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return gas(new EmbeddedChartBuilderFacade(this._store, this._book));
  }

  insertChart(chart: unknown): void {
    const state = chartOf(chart);
    if (
      state.chartId !== null &&
      this._book.sheets.some((s) => s.charts.some((c) => c.chartId === state.chartId))
    ) {
      invalidArgument('chart');
    }
    this._structural();
    state.chartId = this._book.newChartId();
    this._sheet.charts.push(state);
  }

  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return this._sheet.charts.map((c) =>
      gas<GoogleAppsScript.Spreadsheet.EmbeddedChart>(new EmbeddedChartFacade(this._store, this._book, c)),
    );
  }

  removeChart(chart: unknown): void {
    const state = chartOf(chart);
    const at = this._sheet.charts.findIndex((c) => c.chartId !== null && c.chartId === state.chartId);
    if (at < 0) invalidArgument('chart');
    this._structural();
    this._sheet.charts.splice(at, 1);
  }

  updateChart(chart: unknown): void {
    const state = chartOf(chart);
    const at = this._sheet.charts.findIndex((c) => c.chartId !== null && c.chartId === state.chartId);
    if (at < 0) invalidArgument('chart');
    this._structural();
    this._sheet.charts[at] = copyChart(state);
  }
}
