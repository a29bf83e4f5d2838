/** The Range facade: a rectangle of one sheet. Reads return fresh arrays; writes go through ops.ts. */
import { Emulated, invalidArgument } from '../core';
import { rectA1, type Rect, type Unbounded } from './a1';
import { Formula } from './cells';
import { WrapStrategy, enumName, enumValue, gas, normaliseColour } from './common';
import { DEFAULT_NUMBER_FORMAT, displayCell } from './format';
import { FORMAT_DEFAULTS, type FormatLayer, type SheetState, type SpreadsheetState } from './model';
import {
  checkRect,
  checkShape,
  filled,
  readDisplayValues,
  readFormulas,
  readValues,
  signatureError,
  toInt,
  writeFormulas,
  writeValues,
} from './ops';
import { DataValidationFacade, ruleOf } from './validation';
import type { SpreadsheetStore } from './store';

type Range = GoogleAppsScript.Spreadsheet.Range;

const H_ALIGNMENTS = ['left', 'center', 'right', 'normal', 'general'];
const V_ALIGNMENTS = ['top', 'middle', 'bottom'];
const FONT_WEIGHTS = ['bold', 'normal'];
const FONT_STYLES = ['italic', 'normal'];

export type RangeMethod =
  | 'activate'
  | 'canEdit'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'createTextFinder'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontColor'
  | 'getFontSize'
  | 'getFontStyle'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getGridId'
  | 'getHorizontalAlignment'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getVerticalAlignment'
  | 'getWrap'
  | 'getWrapStrategy'
  | 'insertCheckboxes'
  | 'isBlank'
  | 'offset'
  | 'protect'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontSize'
  | 'setFontStyle'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setVerticalAlignment'
  | 'setWrap'
  | 'setWrapStrategy';

export class RangeFacade extends Emulated implements Pick<Range, RangeMethod> {
  constructor(
    private readonly _store: SpreadsheetStore,
    readonly _book: SpreadsheetState,
    readonly _sheet: SheetState,
    readonly _rect: Rect,
    private readonly _unbounded: Unbounded = undefined,
  ) {
    super(_store.ws, 'Range');
  }

  private _self(): Range {
    return gas(this);
  }

  private _write(): void {
    this._store.assertCanWrite(this._book, this._sheet, this._rect);
  }

  // --- geometry -----------------------------------------------------------------------------------

  getRow(): number {
    return this._rect.row;
  }

  getColumn(): number {
    return this._rect.col;
  }

  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }

  getLastColumn(): number {
    return this._rect.col + this._rect.numCols - 1;
  }

  getNumRows(): number {
    return this._rect.numRows;
  }

  getNumColumns(): number {
    return this._rect.numCols;
  }

  getA1Notation(): string {
    return rectA1(this._rect, this._unbounded);
  }

  getGridId(): number {
    return this._sheet.sheetId;
  }

  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this._store.sheetFacade(this._book, this._sheet);
  }

  getCell(row: unknown, column: unknown): Range {
    const args = [row, column];
    const r = toInt(row, 'SpreadsheetApp.Range.getCell', args);
    const c = toInt(column, 'SpreadsheetApp.Range.getCell', args);
    // Apps Script's message for a cell outside the range.
    if (r < 1 || c < 1 || r > this._rect.numRows || c > this._rect.numCols)
      throw new Error('Cell reference out of range');
    return this._store.rangeFacade(this._book, this._sheet, {
      row: this._rect.row + r - 1,
      col: this._rect.col + c - 1,
      numRows: 1,
      numCols: 1,
    });
  }

  offset(rowOffset: unknown, columnOffset: unknown, numRows?: unknown, numColumns?: unknown): Range {
    const args = [rowOffset, columnOffset, numRows, numColumns].filter((a) => a !== undefined);
    const method = 'SpreadsheetApp.Range.offset';
    const rect: Rect = {
      row: this._rect.row + toInt(rowOffset, method, args),
      col: this._rect.col + toInt(columnOffset, method, args),
      numRows: numRows === undefined ? this._rect.numRows : toInt(numRows, method, args),
      numCols: numColumns === undefined ? this._rect.numCols : toInt(numColumns, method, args),
    };
    checkRect(this._sheet, rect);
    return this._store.rangeFacade(this._book, this._sheet, rect);
  }

  activate(): Range {
    this._book.activeSheetId = this._sheet.sheetId;
    return this._self();
  }

  canEdit(): boolean {
    return this._store.canEditRect(this._store.ws.activeUser(), this._book, this._sheet, this._rect);
  }

  // --- values --------------------------------------------------------------------------------------

  getValue(): unknown {
    return readValues(
      this._store.ws,
      this._sheet,
      { ...this._rect, numRows: 1, numCols: 1 },
      this._book.timeZone,
    )[0]?.[0];
  }

  getValues(): unknown[][] {
    return readValues(this._store.ws, this._sheet, this._rect, this._book.timeZone);
  }

  setValue(value: unknown): Range {
    if (Array.isArray(value)) signatureError('SpreadsheetApp.Range.setValue', [value]);
    this._write();
    writeValues(
      this._sheet,
      this._rect,
      filled(this._rect, value),
      this._book.timeZone,
      this._store.ws.platform,
    );
    return this._self();
  }

  setValues(values: unknown): Range {
    checkShape(values, this._rect, 'SpreadsheetApp.Range.setValues');
    this._write();
    writeValues(this._sheet, this._rect, values, this._book.timeZone, this._store.ws.platform);
    return this._self();
  }

  getDisplayValue(): string {
    return (
      readDisplayValues(
        this._sheet,
        { ...this._rect, numRows: 1, numCols: 1 },
        this._book.timeZone,
      )[0]?.[0] ?? ''
    );
  }

  getDisplayValues(): string[][] {
    return readDisplayValues(this._sheet, this._rect, this._book.timeZone);
  }

  getFormula(): string {
    return readFormulas(this._sheet, { ...this._rect, numRows: 1, numCols: 1 })[0]?.[0] ?? '';
  }

  getFormulas(): string[][] {
    return readFormulas(this._sheet, this._rect);
  }

  setFormula(formula: unknown): Range {
    if (typeof formula !== 'string') signatureError('SpreadsheetApp.Range.setFormula', [formula]);
    this._write();
    writeFormulas(this._sheet, this._rect, filled(this._rect, formula));
    return this._self();
  }

  setFormulas(formulas: unknown): Range {
    checkShape(formulas, this._rect, 'SpreadsheetApp.Range.setFormulas');
    this._write();
    writeFormulas(this._sheet, this._rect, formulas);
    return this._self();
  }

  isBlank(): boolean {
    const rows = this._sheet.values.rows;
    for (let r = this._rect.row - 1; r < this._rect.row - 1 + this._rect.numRows; r += 1) {
      const row = rows[r];
      if (!row) continue;
      for (let c = this._rect.col - 1; c < this._rect.col - 1 + this._rect.numCols; c += 1) {
        const cell = row[c];
        if (cell !== undefined && cell !== '') return false;
      }
    }
    return true;
  }

  // --- formats -------------------------------------------------------------------------------------

  private _fill(layer: FormatLayer, value: string | undefined): Range {
    this._write();
    const { row, col, numRows, numCols } = this._rect;
    this._sheet.formats[layer].fill(row - 1, col - 1, numRows, numCols, value);
    return this._self();
  }

  private _fill2D(
    layer: FormatLayer,
    method: string,
    data: unknown,
    convert: (v: unknown) => string | undefined,
  ): Range {
    checkShape(data, this._rect, `SpreadsheetApp.Range.${method}`);
    const converted = data.map((line) => line.map(convert));
    this._write();
    converted.forEach((line, i) =>
      line.forEach((v, j) =>
        this._sheet.formats[layer].set(this._rect.row - 1 + i, this._rect.col - 1 + j, v),
      ),
    );
    return this._self();
  }

  private _first(layer: FormatLayer): string {
    return this._sheet.formats[layer].get(this._rect.row - 1, this._rect.col - 1) ?? FORMAT_DEFAULTS[layer];
  }

  private _all(layer: FormatLayer): string[][] {
    const grid = this._sheet.formats[layer];
    return Array.from({ length: this._rect.numRows }, (_, i) =>
      Array.from(
        { length: this._rect.numCols },
        (_, j) => grid.get(this._rect.row - 1 + i, this._rect.col - 1 + j) ?? FORMAT_DEFAULTS[layer],
      ),
    );
  }

  private static _numberFormat(format: unknown): string | undefined {
    if (typeof format !== 'string') return invalidArgument('numberFormat');
    return format === DEFAULT_NUMBER_FORMAT ? undefined : format;
  }

  setNumberFormat(numberFormat: unknown): Range {
    return this._fill('numberFormat', RangeFacade._numberFormat(numberFormat));
  }

  setNumberFormats(numberFormats: unknown): Range {
    return this._fill2D('numberFormat', 'setNumberFormats', numberFormats, RangeFacade._numberFormat);
  }

  getNumberFormat(): string {
    return this._first('numberFormat');
  }

  getNumberFormats(): string[][] {
    return this._all('numberFormat');
  }

  private static _colour(color: unknown): string | undefined {
    return color === null ? undefined : normaliseColour(color);
  }

  setBackground(color: unknown): Range {
    return this._fill('background', RangeFacade._colour(color));
  }

  setBackgrounds(color: unknown): Range {
    return this._fill2D('background', 'setBackgrounds', color, RangeFacade._colour);
  }

  getBackground(): string {
    return this._first('background');
  }

  getBackgrounds(): string[][] {
    return this._all('background');
  }

  setFontColor(color: unknown): Range {
    return this._fill('fontColor', RangeFacade._colour(color));
  }

  getFontColor(): string {
    return this._first('fontColor');
  }

  private static _oneOf(allowed: string[], parameter: string): (v: unknown) => string | undefined {
    return (v) => {
      if (v === null) return undefined;
      if (typeof v !== 'string' || !allowed.includes(v)) return invalidArgument(parameter);
      return v;
    };
  }

  setFontWeight(fontWeight: unknown): Range {
    return this._fill('fontWeight', RangeFacade._oneOf(FONT_WEIGHTS, 'fontWeight')(fontWeight));
  }

  setFontWeights(fontWeights: unknown): Range {
    return this._fill2D(
      'fontWeight',
      'setFontWeights',
      fontWeights,
      RangeFacade._oneOf(FONT_WEIGHTS, 'fontWeights'),
    );
  }

  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return this._first('fontWeight') as GoogleAppsScript.Spreadsheet.FontWeight;
  }

  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this._all('fontWeight') as GoogleAppsScript.Spreadsheet.FontWeight[][];
  }

  setFontStyle(fontStyle: unknown): Range {
    return this._fill('fontStyle', RangeFacade._oneOf(FONT_STYLES, 'fontStyle')(fontStyle));
  }

  getFontStyle(): GoogleAppsScript.Spreadsheet.FontStyle {
    return this._first('fontStyle') as GoogleAppsScript.Spreadsheet.FontStyle;
  }

  setFontSize(size: unknown): Range {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) invalidArgument('size');
    return this._fill('fontSize', String(size));
  }

  getFontSize(): number {
    return Number(this._first('fontSize'));
  }

  setWrap(isWrapEnabled: unknown): Range {
    if (typeof isWrapEnabled !== 'boolean') invalidArgument('isWrapEnabled');
    return this._fill('wrapStrategy', isWrapEnabled ? 'WRAP' : undefined);
  }

  getWrap(): boolean {
    return this._first('wrapStrategy') === 'WRAP';
  }

  setWrapStrategy(strategy: unknown): Range {
    const name = enumName(strategy, WrapStrategy, 'strategy');
    return this._fill('wrapStrategy', name === 'OVERFLOW' ? undefined : name);
  }

  getWrapStrategy(): GoogleAppsScript.Spreadsheet.WrapStrategy {
    return enumValue(this._first('wrapStrategy'));
  }

  setHorizontalAlignment(alignment: unknown): Range {
    return this._fill('horizontalAlignment', RangeFacade._oneOf(H_ALIGNMENTS, 'alignment')(alignment));
  }

  getHorizontalAlignment(): string {
    return this._first('horizontalAlignment');
  }

  setVerticalAlignment(alignment: unknown): Range {
    return this._fill('verticalAlignment', RangeFacade._oneOf(V_ALIGNMENTS, 'alignment')(alignment));
  }

  getVerticalAlignment(): string {
    return this._first('verticalAlignment');
  }

  // --- notes ---------------------------------------------------------------------------------------

  setNote(note: unknown): Range {
    if (note !== null && typeof note !== 'string') invalidArgument('note');
    this._write();
    const { row, col, numRows, numCols } = this._rect;
    this._sheet.notes.fill(
      row - 1,
      col - 1,
      numRows,
      numCols,
      note === null || note === '' ? undefined : note,
    );
    return this._self();
  }

  setNotes(notes: unknown): Range {
    checkShape(notes, this._rect, 'SpreadsheetApp.Range.setNotes');
    const converted = notes.map((line) =>
      line.map((n) => {
        if (n !== null && typeof n !== 'string') return invalidArgument('notes');
        return n === null || n === '' ? undefined : n;
      }),
    );
    this._write();
    converted.forEach((line, i) =>
      line.forEach((n, j) => this._sheet.notes.set(this._rect.row - 1 + i, this._rect.col - 1 + j, n)),
    );
    return this._self();
  }

  getNote(): string {
    return this._sheet.notes.get(this._rect.row - 1, this._rect.col - 1) ?? '';
  }

  getNotes(): string[][] {
    return Array.from({ length: this._rect.numRows }, (_, i) =>
      Array.from(
        { length: this._rect.numCols },
        (_, j) => this._sheet.notes.get(this._rect.row - 1 + i, this._rect.col - 1 + j) ?? '',
      ),
    );
  }

  clearNote(): Range {
    return this.setNote(null);
  }

  // --- data validation -----------------------------------------------------------------------------

  setDataValidation(rule: unknown): Range {
    const state = ruleOf(rule);
    this._write();
    const { row, col, numRows, numCols } = this._rect;
    this._sheet.validations.fill(row - 1, col - 1, numRows, numCols, state);
    return this._self();
  }

  setDataValidations(rules: unknown): Range {
    checkShape(rules, this._rect, 'SpreadsheetApp.Range.setDataValidations');
    const states = rules.map((line) => line.map((r) => ruleOf(r, 'rules')));
    this._write();
    states.forEach((line, i) =>
      line.forEach((s, j) => this._sheet.validations.set(this._rect.row - 1 + i, this._rect.col - 1 + j, s)),
    );
    return this._self();
  }

  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    const rule = this._sheet.validations.get(this._rect.row - 1, this._rect.col - 1);
    return rule ? gas(new DataValidationFacade(this._store.ws, rule)) : null;
  }

  getDataValidations(): Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>> {
    return Array.from({ length: this._rect.numRows }, (_, i) =>
      Array.from({ length: this._rect.numCols }, (_, j) => {
        const rule = this._sheet.validations.get(this._rect.row - 1 + i, this._rect.col - 1 + j);
        return rule
          ? gas<GoogleAppsScript.Spreadsheet.DataValidation>(new DataValidationFacade(this._store.ws, rule))
          : null;
      }),
    );
  }

  clearDataValidations(): Range {
    this._write();
    const { row, col, numRows, numCols } = this._rect;
    this._sheet.validations.fill(row - 1, col - 1, numRows, numCols, undefined);
    return this._self();
  }

  /** Checkbox validation on every cell, and every cell set to false (Apps Script's documented effect). */
  insertCheckboxes(): Range {
    this._write();
    const { row, col, numRows, numCols } = this._rect;
    this._sheet.validations.fill(row - 1, col - 1, numRows, numCols, {
      criteria: 'CHECKBOX',
      values: [],
      allowInvalid: true,
      helpText: '',
    });
    writeValues(this._sheet, this._rect, filled(this._rect, false), this._book.timeZone);
    return this._self();
  }

  // --- clearing ------------------------------------------------------------------------------------

  clear(options?: unknown): Range {
    const o = (options ?? {}) as {
      contentsOnly?: unknown;
      formatOnly?: unknown;
      validationsOnly?: unknown;
      commentsOnly?: unknown;
    };
    if (options !== undefined && (typeof options !== 'object' || options === null))
      invalidArgument('options');
    const only =
      o.contentsOnly === true ||
      o.formatOnly === true ||
      o.validationsOnly === true ||
      o.commentsOnly === true;
    this._write();
    if (!only || o.contentsOnly === true) this._store.clearContents(this._sheet, this._rect);
    if (!only || o.formatOnly === true) this._store.clearFormats(this._sheet, this._rect);
    if (o.validationsOnly === true) this._store.clearValidations(this._sheet, this._rect);
    if (o.commentsOnly === true) this._store.clearNotes(this._sheet, this._rect);
    return this._self();
  }

  clearContent(): Range {
    this._write();
    this._store.clearContents(this._sheet, this._rect);
    return this._self();
  }

  clearFormat(): Range {
    this._write();
    this._store.clearFormats(this._sheet, this._rect);
    return this._self();
  }

  // --- other services ------------------------------------------------------------------------------

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return this._store.protect(this._book, this._sheet, { ...this._rect });
  }

  createTextFinder(findText: unknown): GoogleAppsScript.Spreadsheet.TextFinder {
    if (typeof findText !== 'string') signatureError('SpreadsheetApp.Range.createTextFinder', [findText]);
    return this._store.textFinder(this._book, this._sheet, this._rect, findText);
  }
}

/** The display text of a cell (for validation checks and edit events). */
export function cellDisplay(sheet: SheetState, row: number, col: number, timeZone: string): string {
  const cell = sheet.values.get(row - 1, col - 1);
  if (cell instanceof Formula) return cell.text;
  return displayCell(cell, sheet.formats.numberFormat.get(row - 1, col - 1), timeZone);
}
