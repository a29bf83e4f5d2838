/**
 * RangeList: "A collection of one or more Range instances in the same sheet. You can use this class to
 * apply operations on collections of non-adjacent ranges or cells"
 * (https://developers.google.com/apps-script/reference/spreadsheet/range-list). Made by
 * Sheet.getRangeList(a1Notations), "the ranges in the same sheet specified by a non-empty list of A1
 * notations or R1C1 notations" (Sheet reference; R1C1 is not emulated and fails as a bad range).
 *
 * Why: one call formats many scattered ranges (the Summary's title and header rows) where a Range per
 * block would be a call each. Only the setters below are emulated; the rest throw `not emulated`. Each one
 * sets the same value on every range, with the same checks Range's own setter makes (protections first,
 * for every range, before anything is written).
 */
import { Emulated, invalidArgument } from '../core';
import { type Rect } from './a1';
import { gas, normaliseColour } from './common';
import { DEFAULT_NUMBER_FORMAT } from './format';
import type { FormatLayer, SheetState, SpreadsheetState } from './model';
import type { SpreadsheetStore } from './store';

type RangeList = GoogleAppsScript.Spreadsheet.RangeList;

type RangeListMethod = 'getRanges' | 'setBackground' | 'setFontWeight' | 'setNumberFormat';

export class RangeListFacade extends Emulated implements Pick<RangeList, RangeListMethod> {
  constructor(
    private readonly _store: SpreadsheetStore,
    readonly _book: SpreadsheetState,
    readonly _sheet: SheetState,
    readonly _rects: readonly Rect[],
  ) {
    super(_store.ws, 'RangeList');
  }

  private _fill(layer: FormatLayer, value: string | undefined): RangeList {
    for (const rect of this._rects) this._store.assertCanWrite(this._book, this._sheet, rect);
    for (const { row, col, numRows, numCols } of this._rects) {
      this._sheet.formats[layer].fill(row - 1, col - 1, numRows, numCols, value);
    }
    return gas(this);
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._rects.map((rect) => this._store.rangeFacade(this._book, this._sheet, { ...rect }));
  }

  /** "Sets the background color for each Range in the range list"; null resets it. */
  setBackground(color: unknown): RangeList {
    return this._fill('background', color === null ? undefined : normaliseColour(color));
  }

  /** "Sets the font weight for each Range in the range list": 'bold', 'normal', or null to reset. */
  setFontWeight(fontWeight: unknown): RangeList {
    if (fontWeight !== null && fontWeight !== 'bold' && fontWeight !== 'normal')
      invalidArgument('fontWeight');
    return this._fill('fontWeight', fontWeight === null ? undefined : fontWeight);
  }

  /** "Sets the number or date format for each Range in the range list". */
  setNumberFormat(format: unknown): RangeList {
    if (typeof format !== 'string') invalidArgument('format');
    return this._fill('numberFormat', format === DEFAULT_NUMBER_FORMAT ? undefined : format);
  }
}
