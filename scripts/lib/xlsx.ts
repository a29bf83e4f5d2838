/**
 * register.xlsx: every spreadsheet in the emulated Drive as one workbook that opens in Excel and LibreOffice.
 * Each sheet becomes a worksheet named "<file> - <sheet>" (the container is "Log"), after a "Files" sheet
 * that says which spreadsheet each came from and who could open it.
 *
 * Carried over, as far as the xlsx format holds them: values (dates shown in the school's time zone), number
 * formats, header fills, fonts, wrap and alignment, column widths, frozen rows and columns, hidden sheets,
 * notes, dropdowns (data validation) and conditional formatting. Not carried over: charts, and who may edit
 * a protected range (xlsx has no per-person protection); the Files sheet lists them.
 */
import ExcelJS from 'exceljs';
import { isDate } from '../../emulator/core';
import type { Workspace } from '../../emulator/workspace';
import { Formula, SerialDate } from '../../emulator/sheets/cells';
import {
  DEFAULT_COLUMN_WIDTH,
  FORMAT_DEFAULTS,
  type FormatLayer,
  type SheetState,
} from '../../emulator/sheets/model';
import { columnLetter } from '../../src/workspace/register-sheet';
import { wallClockAsUtc } from './time';

/** The parts of SpreadsheetStore.snapshot() this export reads. */
interface BookSnapshot {
  id: string;
  name: string;
  owner: string;
  editors: string[];
  viewers: string[];
  timeZone: string;
  sheets: SheetSnapshot[];
}

interface SheetSnapshot {
  name: string;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  dataValidations: Record<string, { criteria: string; values: unknown[]; allowInvalid: boolean }>;
  conditionalFormats: Array<{
    ranges: string[];
    criteria: string;
    values: unknown[];
    background: string | null;
    fontColor: string | null;
    bold: boolean | null;
  }>;
  protections: Array<{
    type: string;
    range: string | null;
    description: string;
    editors: string[];
    /** False while the protection still mirrors the spreadsheet's sharing (its editor list never changed). */
    restricted: boolean;
  }>;
  charts: Array<{ type: string }>;
}

export interface ExportedSheet {
  /** The worksheet's name in the workbook. */
  title: string;
  spreadsheet: string;
  sheet: string;
  rows: number;
  columns: number;
  validations: number;
  conditionalFormats: number;
}

export interface WorkbookSummary {
  sheets: ExportedSheet[];
  /** What could not be carried over, in plain words. */
  notCarried: string[];
}

/** Excel's limit on characters in a cell. */
const EXCEL_CELL_LIMIT = 32767;
/** Excel's inline list limit (characters, separators included); longer lists go on the hidden Lists sheet. */
const INLINE_LIST_LIMIT = 255;
const LISTS_SHEET = 'Lists';

function argb(colour: string | null | undefined): string | undefined {
  if (!colour) return undefined;
  let hex = colour.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  return /^[0-9a-f]{6}$/i.test(hex) ? `FF${hex.toUpperCase()}` : undefined;
}

/** A worksheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function worksheetName(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[:\\/?*[\]]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = clean.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** A short label for a spreadsheet, to put before its sheets' names. */
function fileLabel(book: BookSnapshot, isContainer: boolean, index: number): string {
  if (isContainer) return 'Log';
  if (/headteacher allegations/i.test(book.name)) return 'Head allegations';
  if (/staff allegations/i.test(book.name)) return 'Staff allegations';
  const tail = book.name.split(' — ').pop() ?? book.name;
  return (
    tail
      .replace(/\(.*?\)/g, '')
      .trim()
      .slice(0, 14) || `File ${index + 1}`
  );
}

function formatAt(sheet: SheetState, layer: FormatLayer, r: number, c: number): string | undefined {
  const value = sheet.formats[layer].get(r, c);
  return value === undefined || value === FORMAT_DEFAULTS[layer] ? undefined : value;
}

/** The cell's Sheets formatting as an exceljs style, or null when it has none. */
function styleAt(sheet: SheetState, r: number, c: number): Partial<ExcelJS.Style> | null {
  const style: Partial<ExcelJS.Style> = {};
  const numFmt = formatAt(sheet, 'numberFormat', r, c);
  if (numFmt) style.numFmt = numFmt;
  const background = argb(formatAt(sheet, 'background', r, c));
  if (background) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: background } };
  const font: Partial<ExcelJS.Font> = {};
  const colour = argb(formatAt(sheet, 'fontColor', r, c));
  if (colour) font.color = { argb: colour };
  if (formatAt(sheet, 'fontWeight', r, c) === 'bold') font.bold = true;
  if (formatAt(sheet, 'fontStyle', r, c) === 'italic') font.italic = true;
  const size = Number(formatAt(sheet, 'fontSize', r, c));
  if (size > 0) font.size = size;
  if (Object.keys(font).length > 0) style.font = { name: 'Arial', size: 10, ...font };
  const alignment: Partial<ExcelJS.Alignment> = {};
  const wrap = formatAt(sheet, 'wrapStrategy', r, c);
  if (wrap === 'WRAP') alignment.wrapText = true;
  const horizontal = formatAt(sheet, 'horizontalAlignment', r, c);
  if (horizontal === 'left' || horizontal === 'center' || horizontal === 'right')
    alignment.horizontal = horizontal;
  const vertical = formatAt(sheet, 'verticalAlignment', r, c);
  if (vertical === 'top' || vertical === 'middle' || vertical === 'bottom') alignment.vertical = vertical;
  if (Object.keys(alignment).length > 0) style.alignment = alignment;
  return Object.keys(style).length > 0 ? style : null;
}

/**
 * A cell's value for exceljs: dates as the wall-clock time the school saw (a cell's date is a serial on
 * the spreadsheet's wall clock already), formulas as formulas.
 */
function cellValue(cell: unknown, timeZone: string): ExcelJS.CellValue {
  if (cell === undefined || cell === null || cell === '') return null;
  if (cell instanceof Formula) return { formula: cell.text.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
  if (cell instanceof SerialDate) return new Date(cell.wallMs);
  if (isDate(cell)) return wallClockAsUtc(cell.getTime(), timeZone);
  if (typeof cell === 'string') {
    return cell.length > EXCEL_CELL_LIMIT ? `${cell.slice(0, EXCEL_CELL_LIMIT - 1)}…` : cell;
  }
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  return String(cell);
}

/**
 * exceljs keeps a sheet's data validations keyed by address, and writes a key like "C2:C1000" as one range
 * (one rule, not one per cell); its type declarations leave the collection out.
 */
function rangeValidations(sheet: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (
    sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }
  ).dataValidations;
}

/** About how many lines a wrapped text takes in a column this wide (Arial: about half an em a character). */
function wrappedLines(text: string, widthPx: number, fontSizePt: number): number {
  const charPx = (fontSizePt * 96) / 72 / 2;
  const perLine = Math.max(1, Math.floor((widthPx - 8) / charPx));
  // Words do not break mid-way, so a line holds a little less than its width in characters.
  return text
    .split(/\r\n|\r|\n/)
    .reduce((sum, line) => sum + Math.max(1, Math.ceil((line.length * 1.1) / perLine)), 0);
}

const quoteText = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** Splits "Sheet!A2:B9" / "'My sheet'!A2:B9" into its sheet name and range. */
function splitQualified(ref: string): { sheet: string | null; range: string } {
  const at = ref.lastIndexOf('!');
  if (at < 0) return { sheet: null, range: ref };
  let sheet = ref.slice(0, at);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: ref.slice(at + 1) };
}

/** A conditional format's test as an Excel formula relative to `cell` (the range's top-left). */
function conditionFormula(criteria: string, values: unknown[], cell: string): string | null {
  const [a, b] = values;
  const num = (v: unknown): string => String(Number(v));
  const text = (v: unknown): string => quoteText(String(v ?? ''));
  switch (criteria) {
    case 'CUSTOM_FORMULA':
      return typeof a === 'string' ? a.replace(/^=/, '') : null;
    case 'CELL_EMPTY':
      return `LEN(${cell})=0`;
    case 'CELL_NOT_EMPTY':
      return `LEN(${cell})>0`;
    case 'TEXT_CONTAINS':
      return `ISNUMBER(SEARCH(${text(a)},${cell}))`;
    case 'TEXT_DOES_NOT_CONTAIN':
      return `ISERROR(SEARCH(${text(a)},${cell}))`;
    case 'TEXT_STARTS_WITH':
      return `LEFT(${cell},LEN(${text(a)}))=${text(a)}`;
    case 'TEXT_ENDS_WITH':
      return `RIGHT(${cell},LEN(${text(a)}))=${text(a)}`;
    case 'TEXT_EQUAL_TO':
      return `${cell}=${text(a)}`;
    case 'NUMBER_EQUAL_TO':
      return `AND(ISNUMBER(${cell}),${cell}=${num(a)})`;
    case 'NUMBER_GREATER_THAN':
      return `AND(ISNUMBER(${cell}),${cell}>${num(a)})`;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return `AND(ISNUMBER(${cell}),${cell}>=${num(a)})`;
    case 'NUMBER_LESS_THAN':
      return `AND(ISNUMBER(${cell}),${cell}<${num(a)})`;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return `AND(ISNUMBER(${cell}),${cell}<=${num(a)})`;
    case 'NUMBER_BETWEEN':
      return `AND(ISNUMBER(${cell}),${cell}>=${num(a)},${cell}<=${num(b)})`;
    default:
      return null;
  }
}

/**
 * Printing (and PDF export): A4, landscape when wide, the header rows and frozen columns repeated on every
 * page, and scaled so that a page holds about 1,500 pixels of Sheets columns — readable, where fitting a
 * 40-column register on one page would not be.
 */
function printLayout(
  columnWidthsPx: number[],
  frozenRows: number,
  frozenColumns: number,
): Partial<ExcelJS.PageSetup> {
  const total = columnWidthsPx.reduce((sum, w) => sum + w, 0);
  return {
    paperSize: 9,
    orientation: total > 750 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: Math.max(1, Math.ceil(total / 1500)),
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(frozenRows > 0 ? { printTitlesRow: `1:${frozenRows}` } : {}),
    ...(frozenColumns > 0 ? { printTitlesColumn: `A:${columnLetter(frozenColumns)}` } : {}),
  };
}

class WorkbookWriter {
  readonly workbook = new ExcelJS.Workbook();
  private readonly taken = new Set<string>();
  private lists: ExcelJS.Worksheet | null = null;
  private listColumns = 0;
  private readonly listRefs = new Map<string, string>();
  private hasFormulas = false;
  readonly notCarried: string[] = [];

  constructor(private readonly ws: Workspace) {
    this.workbook.creator = 'Online Safety Incident Log (offline demo)';
    this.workbook.created = new Date(ws.clock.now());
    this.taken.add(LISTS_SHEET.toLowerCase());
  }

  /** A list's formula: inline when Excel allows it, else a range on the hidden Lists sheet. */
  private listFormula(items: string[]): string {
    const inline = items.join(',');
    if (inline.length + 2 <= INLINE_LIST_LIMIT && !items.some((i) => /[,"]/.test(i))) return `"${inline}"`;
    const key = JSON.stringify(items);
    const known = this.listRefs.get(key);
    if (known) return known;
    this.lists ??= this.workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    this.listColumns += 1;
    const column = this.lists.getColumn(this.listColumns);
    const lists = this.lists;
    items.forEach((item, i) => {
      lists.getCell(i + 1, this.listColumns).value = item;
    });
    const letter = column.letter;
    const ref = `${LISTS_SHEET}!$${letter}$1:$${letter}$${Math.max(1, items.length)}`;
    this.listRefs.set(key, ref);
    return ref;
  }

  private validation(rule: {
    criteria: string;
    values: unknown[];
    allowInvalid: boolean;
  }): ExcelJS.DataValidation | null {
    const base = {
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: rule.allowInvalid ? 'warning' : 'stop',
      errorTitle: 'Not in the list',
    } as const;
    const [a, b] = rule.values;
    switch (rule.criteria) {
      case 'VALUE_IN_LIST': {
        const items = Array.isArray(a) ? a.map(String) : [];
        return {
          ...base,
          type: 'list',
          formulae: [this.listFormula(items)],
          error: `Choose one of: ${items.join(', ')}`.slice(0, 255),
        };
      }
      case 'CHECKBOX':
        return { ...base, type: 'list', formulae: ['"TRUE,FALSE"'] };
      case 'NUMBER_BETWEEN':
        return { ...base, type: 'decimal', operator: 'between', formulae: [Number(a), Number(b)] };
      case 'NUMBER_GREATER_THAN':
        return { ...base, type: 'decimal', operator: 'greaterThan', formulae: [Number(a)] };
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return { ...base, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [Number(a)] };
      case 'NUMBER_LESS_THAN':
        return { ...base, type: 'decimal', operator: 'lessThan', formulae: [Number(a)] };
      case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
        return { ...base, type: 'decimal', operator: 'lessThanOrEqual', formulae: [Number(a)] };
      case 'DATE_IS_VALID_DATE':
        return { ...base, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))] };
      case 'CUSTOM_FORMULA':
        return typeof a === 'string' ? { ...base, type: 'custom', formulae: [a.replace(/^=/, '')] } : null;
      default:
        return null;
    }
  }

  /** The first sheet: which spreadsheet each sheet came from, and who could open it (name reserved first). */
  addFilesSheet(name: string, books: BookSnapshot[], titles: Map<string, string[]>): void {
    const sheet = this.workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = [
      { header: 'Sheets in this workbook', width: 34 },
      { header: 'Spreadsheet (Google Sheets file)', width: 48 },
      { header: 'Owner', width: 26 },
      { header: 'Editors', width: 30 },
      { header: 'Viewers', width: 24 },
      { header: 'Protected ranges', width: 34 },
      { header: 'Charts (not in this workbook)', width: 28 },
      { header: 'Spreadsheet ID', width: 48 },
    ];
    for (const book of books) {
      const protections = book.sheets.flatMap((s) => s.protections);
      const restricted = protections.filter((p) => p.restricted).length;
      const mirroring = protections.length - restricted;
      const charts = book.sheets.flatMap((s) => s.charts.map((c) => `${s.name}: ${c.type}`));
      sheet.addRow([
        (titles.get(book.id) ?? []).join('\n'),
        book.name,
        book.owner,
        book.editors.join('\n'),
        book.viewers.join('\n'),
        protections.length === 0
          ? 'none'
          : [
              restricted > 0 ? `${restricted} editable only by their listed editors` : '',
              // A protection whose editor list never changed lets every editor of the file in (Sheet.protect()).
              mirroring > 0 ? `${mirroring} still open to every editor of the file` : '',
            ]
              .filter((x) => x !== '')
              .join('\n'),
        charts.join('\n') || 'none',
        book.id,
      ]);
    }
    sheet.pageSetup = printLayout(
      sheet.columns.map((c) => (c.width ?? 10) * 7),
      1,
      0,
    );
    const header = sheet.getRow(1);
    header.font = { name: 'Arial', size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.font = { name: 'Arial', size: 10 };
      row.alignment = { wrapText: true, vertical: 'top' };
      let lines = 1;
      row.eachCell((cell) => {
        lines = Math.max(lines, String(cell.value ?? '').split('\n').length);
      });
      row.height = lines * 12.75 + 3;
    });
  }

  reserveTitle(wanted: string): string {
    return worksheetName(wanted, this.taken);
  }

  addSheet(title: string, book: BookSnapshot, snap: SheetSnapshot, state: SheetState): ExportedSheet {
    const xs = this.workbook.addWorksheet(title, {
      state: snap.hidden ? 'hidden' : 'visible',
      views:
        snap.frozenRows > 0 || snap.frozenColumns > 0
          ? [{ state: 'frozen', xSplit: snap.frozenColumns, ySplit: snap.frozenRows }]
          : [],
      properties:
        state.tabColor && argb(state.tabColor) ? { tabColor: { argb: argb(state.tabColor) as string } } : {},
    });
    const rows = state.lastRow();
    const columns = state.lastColumn();
    const widthColumns = Math.min(state.maxColumns, Math.max(columns, ...state.columnWidths.keys()));

    // Column defaults come from the first row after the data: what a new row would look like.
    for (let c = 1; c <= widthColumns; c += 1) {
      const column = xs.getColumn(c);
      const px = state.columnWidths.get(c);
      if (px !== undefined) column.width = Math.max(2, Math.round((px / 7) * 10) / 10);
      if (state.hiddenColumns.has(c)) column.hidden = true;
      const style = rows < state.maxRows ? styleAt(state, rows, c - 1) : null;
      if (style?.numFmt) column.numFmt = style.numFmt;
      if (style?.alignment) column.alignment = style.alignment;
      if (style?.font) column.font = style.font;
      if (style?.fill) column.fill = style.fill;
    }

    xs.pageSetup = printLayout(
      Array.from(
        { length: Math.max(1, widthColumns) },
        (_, i) => state.columnWidths.get(i + 1) ?? DEFAULT_COLUMN_WIDTH,
      ),
      snap.frozenRows,
      snap.frozenColumns,
    );

    const rowLines: number[] = [];
    for (let r = 0; r < rows; r += 1) {
      const source = state.values.rows[r];
      const row = xs.getRow(r + 1);
      if (state.hiddenRows.has(r + 1)) row.hidden = true;
      for (let c = 0; c < Math.max(columns, widthColumns); c += 1) {
        const raw = source?.[c];
        const style = styleAt(state, r, c);
        const note = state.notes.get(r, c);
        if (raw === undefined && !style && !note) continue;
        const cell = row.getCell(c + 1);
        if (raw instanceof Formula) this.hasFormulas = true;
        cell.value = cellValue(raw, book.timeZone);
        const full: Partial<ExcelJS.Style> = { ...(style ?? {}) };
        if (raw instanceof SerialDate && !full.numFmt) {
          const wall = new Date(raw.wallMs);
          full.numFmt = wall.getUTCHours() + wall.getUTCMinutes() === 0 ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm';
        }
        if (Object.keys(full).length > 0) cell.style = { ...cell.style, ...full };
        if (note) cell.note = note;
        if (cell.style.alignment?.wrapText && typeof raw === 'string' && raw !== '') {
          const px = state.columnWidths.get(c + 1) ?? DEFAULT_COLUMN_WIDTH;
          const lines = wrappedLines(raw, px, cell.style.font?.size ?? 10);
          rowLines[r] = Math.max(rowLines[r] ?? 1, lines);
        }
      }
    }
    // Neither Excel nor LibreOffice grows rows to fit wrapped text when a file opens: set heights.
    rowLines.forEach((lines, r) => {
      if (lines > 1) xs.getRow(r + 1).height = Math.min(409, Math.ceil(lines * 12.75 + 3));
    });

    let validations = 0;
    for (const [range, rule] of Object.entries(snap.dataValidations)) {
      const dv = this.validation(rule);
      if (!dv) {
        this.notCarried.push(`${title}!${range}: data validation "${rule.criteria}" has no xlsx equivalent`);
        continue;
      }
      rangeValidations(xs).add(range, dv);
      validations += 1;
    }

    let formats = 0;
    snap.conditionalFormats.forEach((cf) => {
      const ranges = cf.ranges.map(splitQualified);
      if (ranges.some((r) => r.sheet !== null && r.sheet !== snap.name) || ranges.length === 0) {
        this.notCarried.push(`${title}: a conditional format on another sheet`);
        return;
      }
      const topLeft = (ranges[0]?.range ?? 'A1').split(':')[0] ?? 'A1';
      const formula = conditionFormula(cf.criteria, cf.values, topLeft.replace(/\$/g, ''));
      if (!formula) {
        this.notCarried.push(`${title}: conditional format "${cf.criteria}" has no xlsx equivalent`);
        return;
      }
      const fill = argb(cf.background);
      const colour = argb(cf.fontColor);
      const style: Partial<ExcelJS.Style> = {};
      if (fill)
        style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill }, bgColor: { argb: fill } };
      if (colour || cf.bold)
        style.font = { ...(colour ? { color: { argb: colour } } : {}), ...(cf.bold ? { bold: true } : {}) };
      formats += 1;
      xs.addConditionalFormatting({
        ref: ranges.map((r) => r.range).join(' '),
        rules: [{ type: 'expression', priority: formats, formulae: [formula], style }],
      });
    });
    for (const chart of snap.charts)
      this.notCarried.push(`${title}: a ${chart.type} chart (xlsx export keeps the data only)`);

    return {
      title,
      spreadsheet: book.name,
      sheet: snap.name,
      rows,
      columns,
      validations,
      conditionalFormats: formats,
    };
  }

  finish(): void {
    // Excel and LibreOffice compute formulas when the file opens (the emulator does not evaluate them).
    if (this.hasFormulas) this.workbook.calcProperties.fullCalcOnLoad = true;
  }
}

/** Writes every spreadsheet of the workspace into one .xlsx file. */
export async function writeWorkbook(ws: Workspace, file: string): Promise<WorkbookSummary> {
  const books = ws.spreadsheets.snapshot() as BookSnapshot[];
  const ordered = [...books].sort(
    (a, b) => Number(b.id === ws.containerId) - Number(a.id === ws.containerId),
  );
  const writer = new WorkbookWriter(ws);
  const titles = new Map<string, string[]>();
  const plan: Array<{ title: string; book: BookSnapshot; snap: SheetSnapshot }> = [];
  // Files comes first; its name is reserved before the others.
  const filesTitle = writer.reserveTitle('Files');
  ordered.forEach((book, index) => {
    const label = fileLabel(book, book.id === ws.containerId, index);
    for (const snap of book.sheets) {
      const title = writer.reserveTitle(`${label} - ${snap.name}`);
      titles.set(book.id, [...(titles.get(book.id) ?? []), title]);
      plan.push({ title, book, snap });
    }
  });
  writer.addFilesSheet(filesTitle, ordered, titles);
  const sheets: ExportedSheet[] = [];
  for (const { title, book, snap } of plan) {
    const state = ws.spreadsheets.book(book.id).sheetByName(snap.name);
    if (!state) continue;
    sheets.push(writer.addSheet(title, book, snap, state));
  }
  writer.finish();
  await writer.workbook.xlsx.writeFile(file);
  return { sheets, notCarried: writer.notCarried };
}
