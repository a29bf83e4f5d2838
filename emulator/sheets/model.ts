/**
 * The state behind the facades: spreadsheets, their sheets and everything attached to cells. Facades are
 * thin views over these; a Range is only (sheet, rectangle), so reading a Range after rows were inserted
 * reads the cells now at its coordinates, as in Sheets.
 */
import { SparseGrid } from './grid';
import { hasContent, type Cell } from './cells';
import { shiftForDelete, shiftForInsert, type Rect } from './a1';
import type { DeveloperMetadataState } from './metadata';

export type FormatLayer =
  | 'numberFormat'
  | 'background'
  | 'fontColor'
  | 'fontWeight'
  | 'fontStyle'
  | 'fontSize'
  | 'wrapStrategy'
  | 'horizontalAlignment'
  | 'verticalAlignment';

export const FORMAT_LAYERS: readonly FormatLayer[] = [
  'numberFormat',
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontSize',
  'wrapStrategy',
  'horizontalAlignment',
  'verticalAlignment',
];

/** What a getter reports for a cell nobody formatted. */
export const FORMAT_DEFAULTS: Record<FormatLayer, string> = {
  numberFormat: '0.###############',
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: '10',
  wrapStrategy: 'OVERFLOW',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
};

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;
/** Sheets' limit on cells in one spreadsheet, and its message. */
export const MAX_CELLS = 10_000_000;
export const TOO_MANY_CELLS =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

/** A data validation rule as built; shared by every cell it was set on. Values are host-realm. */
export interface ValidationRule {
  readonly criteria: string;
  readonly values: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string;
}

/** A rectangle on a given sheet (conditional formats and charts can point at any sheet). */
export interface RangeRef {
  sheetId: number;
  rect: Rect;
  /** The spreadsheet, when it may differ from the one holding the reference. */
  bookId?: string;
}

export interface ConditionalFormatState {
  ranges: RangeRef[];
  criteria: string;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
}

export interface ProtectionState {
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  /** The protected rectangle; null for a whole-sheet protection. */
  rect: Rect | null;
  description: string;
  warningOnly: boolean;
  /**
   * Who may edit. null = not yet changed by the script: the protection mirrors the spreadsheet's own
   * permissions (Apps Script's documentation of Range.protect and Sheet.protect).
   */
  editors: string[] | null;
  domainEdit: boolean;
  /** Regions of a protected sheet left editable. */
  unprotected: Rect[];
}

export interface ChartPosition {
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
}

export interface ChartState {
  chartId: number | null;
  chartType: string;
  ranges: RangeRef[];
  position: ChartPosition | null;
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

/** Renumbers 1-based indexes after `count` were inserted (count > 0) or deleted (count < 0) at `at`. */
function renumber(index: number, at: number, count: number): number | null {
  if (index < at) return index;
  if (count < 0 && index < at - count) return null;
  return index + count;
}

function renumberSet(set: Set<number>, at: number, count: number): void {
  const moved = [...set].map((i) => renumber(i, at, count)).filter((i): i is number => i !== null);
  set.clear();
  for (const i of moved) set.add(i);
}

function renumberMap<V>(map: Map<number, V>, at: number, count: number): void {
  const moved = [...map].flatMap(([i, v]): Array<[number, V]> => {
    const j = renumber(i, at, count);
    return j === null ? [] : [[j, v]];
  });
  map.clear();
  for (const [i, v] of moved) map.set(i, v);
}

export class SheetState {
  readonly values = new SparseGrid<Cell>();
  readonly formats = Object.fromEntries(FORMAT_LAYERS.map((l) => [l, new SparseGrid<string>()])) as Record<
    FormatLayer,
    SparseGrid<string>
  >;
  readonly notes = new SparseGrid<string>();
  readonly validations = new SparseGrid<ValidationRule>();
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly hiddenRows = new Set<number>();
  tabColor: string | null = null;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  conditionalFormats: ConditionalFormatState[] = [];
  charts: ChartState[] = [];
  /** 1-based last row/column with content; null = unknown, recomputed on demand. */
  private lastRowCache: number | null = 0;
  private lastColCache: number | null = 0;

  constructor(
    readonly sheetId: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number,
  ) {}

  /** Last row with content (1-based; 0 when the sheet is empty). */
  lastRow(): number {
    if (this.lastRowCache === null) this.lastRowCache = this.values.lastRow(hasContent) + 1;
    return this.lastRowCache;
  }

  lastColumn(): number {
    if (this.lastColCache === null) this.lastColCache = this.values.lastCol(hasContent) + 1;
    return this.lastColCache;
  }

  /** Keeps the last row/column cache right after a write to a rectangle (1-based). */
  noteWrite(rect: Rect, wroteOnlyContent: boolean): void {
    if (wroteOnlyContent) {
      if (this.lastRowCache !== null)
        this.lastRowCache = Math.max(this.lastRowCache, rect.row + rect.numRows - 1);
      if (this.lastColCache !== null)
        this.lastColCache = Math.max(this.lastColCache, rect.col + rect.numCols - 1);
    } else {
      this.lastRowCache = null;
      this.lastColCache = null;
    }
  }

  private layers(): Array<SparseGrid<unknown>> {
    return [this.values, this.notes, this.validations, ...Object.values(this.formats)];
  }

  /** Inserts rows before 1-based `at`; formats and validation come from row `copyFrom` (1-based), if any. */
  insertRows(at: number, count: number, copyFrom?: number): void {
    this.values.insertRows(at - 1, count);
    this.notes.insertRows(at - 1, count);
    const from = copyFrom === undefined ? undefined : copyFrom - 1;
    this.validations.insertRows(at - 1, count, from);
    for (const layer of Object.values(this.formats)) layer.insertRows(at - 1, count, from);
    renumberSet(this.hiddenRows, at, count);
    this.maxRows += count;
    this.noteWrite({ row: 1, col: 1, numRows: 1, numCols: 1 }, false);
  }

  deleteRows(at: number, count: number): void {
    for (const layer of this.layers()) layer.deleteRows(at - 1, count);
    renumberSet(this.hiddenRows, at, -count);
    this.maxRows -= count;
    if (this.frozenRows > this.maxRows) this.frozenRows = this.maxRows;
    this.noteWrite({ row: 1, col: 1, numRows: 1, numCols: 1 }, false);
  }

  insertColumns(at: number, count: number, copyFrom?: number): void {
    this.values.insertCols(at - 1, count);
    this.notes.insertCols(at - 1, count);
    const from = copyFrom === undefined ? undefined : copyFrom - 1;
    this.validations.insertCols(at - 1, count, from);
    for (const layer of Object.values(this.formats)) layer.insertCols(at - 1, count, from);
    renumberMap(this.columnWidths, at, count);
    renumberSet(this.hiddenColumns, at, count);
    this.maxColumns += count;
    this.noteWrite({ row: 1, col: 1, numRows: 1, numCols: 1 }, false);
  }

  deleteColumns(at: number, count: number): void {
    for (const layer of this.layers()) layer.deleteCols(at - 1, count);
    renumberMap(this.columnWidths, at, -count);
    renumberSet(this.hiddenColumns, at, -count);
    this.maxColumns -= count;
    this.noteWrite({ row: 1, col: 1, numRows: 1, numCols: 1 }, false);
  }
}

export class SpreadsheetState {
  readonly sheets: SheetState[] = [];
  readonly protections: ProtectionState[] = [];
  /** Developer metadata on the spreadsheet and its sheets (see metadata.ts). */
  readonly metadata: DeveloperMetadataState[] = [];
  activeSheetId = 0;
  readonly locale = 'en_GB';
  private sheetSeq = 0;
  private chartSeq = 0;
  private metadataSeq = 0;

  constructor(
    readonly id: string,
    public timeZone: string,
  ) {}

  /** Sheet ids: the first sheet is 0 (gid=0), later ones are large arbitrary numbers, as in Sheets. */
  newSheetId(): number {
    const id = this.sheetSeq === 0 ? 0 : (this.sheetSeq * 1_103_515_245 + 12_345) % 2_000_000_000;
    this.sheetSeq += 1;
    return id;
  }

  /** Metadata ids: positive, unique in the spreadsheet (the Sheets API's rule), arbitrary-looking. */
  newMetadataId(): number {
    this.metadataSeq += 1;
    return 100_000 + this.metadataSeq * 7_907;
  }

  newChartId(): number {
    this.chartSeq += 1;
    return 1_000_000 + this.chartSeq * 7919;
  }

  sheetById(id: number): SheetState | undefined {
    return this.sheets.find((s) => s.sheetId === id);
  }

  sheetByName(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  totalCells(): number {
    let total = 0;
    for (const s of this.sheets) total += s.maxRows * s.maxColumns;
    return total;
  }

  /** Moves every rectangle that points into `sheet` after rows or columns were inserted or deleted there. */
  shiftRefs(sheetId: number, dimension: 'rows' | 'cols', at: number, count: number, inserted: boolean): void {
    const move = (rect: Rect): Rect | null =>
      inserted ? shiftForInsert(rect, dimension, at, count) : shiftForDelete(rect, dimension, at, count);
    const moveRefs = (refs: RangeRef[]): RangeRef[] =>
      refs.flatMap((ref) => {
        if (ref.sheetId !== sheetId || (ref.bookId !== undefined && ref.bookId !== this.id)) return [ref];
        const rect = move(ref.rect);
        return rect ? [{ ...ref, rect }] : [];
      });
    for (const sheet of this.sheets) {
      sheet.conditionalFormats = sheet.conditionalFormats
        .map((rule) => ({ ...rule, ranges: moveRefs(rule.ranges) }))
        .filter((rule) => rule.ranges.length > 0);
      for (const chart of sheet.charts) chart.ranges = moveRefs(chart.ranges);
    }
    for (let i = this.protections.length - 1; i >= 0; i -= 1) {
      const p = this.protections[i];
      if (!p || p.sheetId !== sheetId) continue;
      p.unprotected = p.unprotected.map(move).filter((r): r is Rect => r !== null);
      if (p.rect) {
        const rect = move(p.rect);
        if (rect) p.rect = rect;
        else this.protections.splice(i, 1);
      }
    }
  }
}
