/**
 * TextFinder over a range or a whole sheet. It scans the row arrays directly, row by row and left to
 * right as Sheets does, so finding an ID among 50,000 rows costs one call and no per-cell objects.
 * Cells are matched on their displayed text; formula cells would need evaluation, so meeting one
 * without matchFormulaText(true) throws `not emulated`.
 */
import { Emulated, NotEmulatedError, invalidArgument } from '../core';
import { Formula, SerialDate } from './cells';
import { gas } from './common';
import { DEFAULT_DATE_TIME_FORMAT, displayCell } from './format';
import type { Rect } from './a1';
import type { SheetState, SpreadsheetState } from './model';
import type { SpreadsheetStore } from './store';

type TextFinder = GoogleAppsScript.Spreadsheet.TextFinder;

interface Position {
  row: number;
  col: number;
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

export class TextFinderFacade
  extends Emulated
  implements
    Pick<
      TextFinder,
      | 'findAll'
      | 'findNext'
      | 'findPrevious'
      | 'getCurrentMatch'
      | 'ignoreDiacritics'
      | 'matchCase'
      | 'matchEntireCell'
      | 'matchFormulaText'
      | 'startFrom'
      | 'useRegularExpression'
    >
{
  private _matchCase = false;
  private _entireCell = false;
  private _regex = false;
  private _formulaText = false;
  private _noDiacritics = false;
  private _current: Position | null = null;
  private _start: Position | null = null;

  constructor(
    private readonly _store: SpreadsheetStore,
    private readonly _book: SpreadsheetState,
    private readonly _sheet: SheetState,
    private readonly _rect: Rect,
    private readonly _text: string,
  ) {
    super(_store.ws, 'TextFinder');
  }

  private _flag(value: unknown, parameter: string): boolean {
    if (typeof value !== 'boolean') invalidArgument(parameter);
    return value;
  }

  matchCase(matchCase: unknown): TextFinder {
    this._matchCase = this._flag(matchCase, 'matchCase');
    return gas(this);
  }

  matchEntireCell(matchEntireCell: unknown): TextFinder {
    this._entireCell = this._flag(matchEntireCell, 'matchEntireCell');
    return gas(this);
  }

  matchFormulaText(matchFormulaText: unknown): TextFinder {
    this._formulaText = this._flag(matchFormulaText, 'matchFormulaText');
    return gas(this);
  }

  useRegularExpression(useRegEx: unknown): TextFinder {
    this._regex = this._flag(useRegEx, 'useRegEx');
    return gas(this);
  }

  ignoreDiacritics(ignoreDiacritics: unknown): TextFinder {
    this._noDiacritics = this._flag(ignoreDiacritics, 'ignoreDiacritics');
    return gas(this);
  }

  startFrom(startRange: unknown): TextFinder {
    const ref = this._store.readRange(startRange, 'startRange');
    this._start = { row: ref.rect.row, col: ref.rect.col };
    this._current = null;
    return gas(this);
  }

  private _matcher(): (text: string) => boolean {
    const fold = (s: string): string => {
      const t = this._noDiacritics ? stripDiacritics(s) : s;
      return this._matchCase ? t : t.toLowerCase();
    };
    if (this._regex) {
      let re: RegExp;
      try {
        const source = this._entireCell ? `^(?:${this._text})$` : this._text;
        re = new RegExp(source, this._matchCase ? 'u' : 'iu');
      } catch {
        return invalidArgument('findText');
      }
      return (text) => re.test(this._noDiacritics ? stripDiacritics(text) : text);
    }
    if (this._noDiacritics) {
      const needle = fold(this._text);
      return this._entireCell ? (text) => fold(text) === needle : (text) => fold(text).includes(needle);
    }
    if (this._matchCase) {
      const needle = this._text;
      return this._entireCell ? (text) => text === needle : (text) => text.includes(needle);
    }
    // One case-insensitive pattern, compiled once: no lower-cased copy of every cell.
    const escaped = this._text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(this._entireCell ? `^${escaped}$` : escaped, 'i');
    return (text) => re.test(text);
  }

  /** Scans forward (or backward) from a position, exclusive, within the range; null when none. */
  private _scan(
    from: Position | null,
    forward: boolean,
    matches: (text: string) => boolean,
  ): Position | null {
    const r0 = this._rect.row;
    const c0 = this._rect.col;
    // Nothing past the last row/column with content can match.
    const lastRow = Math.min(r0 + this._rect.numRows - 1, this._sheet.lastRow());
    const lastCol = Math.min(c0 + this._rect.numCols - 1, this._sheet.lastColumn());
    const tz = this._book.timeZone;
    const rows = this._sheet.values.rows;
    const formats = this._sheet.formats.numberFormat;
    // A plain search for text with characters a number (or a default-format date) never shows
    // cannot match one: skip rendering those cells.
    const plain = !this._regex;
    const skipNumbers = plain && /[^0-9.,%eE+\- ]/.test(this._text);
    const skipDefaultDates = plain && /[^0-9/: ]/.test(this._text);
    const test = (r: number, c: number): boolean => {
      const cell = rows[r - 1]?.[c - 1];
      if (cell === undefined) return false;
      if (typeof cell === 'string') return matches(cell);
      if (typeof cell === 'number' && skipNumbers) return false;
      if (cell instanceof Formula) {
        if (this._formulaText) return matches(cell.text);
        throw new NotEmulatedError('TextFinder over formula cells (their values need formula evaluation)');
      }
      const format = formats.get(r - 1, c - 1);
      if (
        cell instanceof SerialDate &&
        skipDefaultDates &&
        (format === undefined || format === DEFAULT_DATE_TIME_FORMAT)
      ) {
        return false;
      }
      return matches(displayCell(cell, format, tz));
    };
    if (forward) {
      for (let r = from ? from.row : r0; r <= lastRow; r += 1) {
        if (rows[r - 1] === undefined) continue;
        const startCol = from && r === from.row ? from.col + 1 : c0;
        for (let c = startCol; c <= lastCol; c += 1) if (test(r, c)) return { row: r, col: c };
      }
      return null;
    }
    for (let r = from ? from.row : lastRow; r >= r0; r -= 1) {
      if (rows[r - 1] === undefined) continue;
      const startCol = from && r === from.row ? from.col - 1 : lastCol;
      for (let c = startCol; c >= c0; c -= 1) if (test(r, c)) return { row: r, col: c };
    }
    return null;
  }

  private _rangeAt(p: Position): GoogleAppsScript.Spreadsheet.Range {
    return this._store.rangeFacade(this._book, this._sheet, {
      row: p.row,
      col: p.col,
      numRows: 1,
      numCols: 1,
    });
  }

  findNext(): GoogleAppsScript.Spreadsheet.Range | null {
    const found = this._scan(this._current ?? this._start, true, this._matcher());
    if (!found) return null;
    this._current = found;
    return this._rangeAt(found);
  }

  findPrevious(): GoogleAppsScript.Spreadsheet.Range | null {
    const found = this._scan(this._current ?? this._start, false, this._matcher());
    if (!found) return null;
    this._current = found;
    return this._rangeAt(found);
  }

  findAll(): GoogleAppsScript.Spreadsheet.Range[] {
    const matches = this._matcher();
    const out: GoogleAppsScript.Spreadsheet.Range[] = [];
    let at = this._scan(null, true, matches);
    while (at) {
      out.push(this._rangeAt(at));
      at = this._scan(at, true, matches);
    }
    return out;
  }

  getCurrentMatch(): GoogleAppsScript.Spreadsheet.Range | null {
    return this._current ? this._rangeAt(this._current) : null;
  }
}
