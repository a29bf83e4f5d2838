/**
 * `Sheets.Spreadsheets.batchUpdate(resource, spreadsheetId)` (and `.get`): the Sheets API's spreadsheets.batchUpdate over
 * the emulator's in-memory spreadsheets, so SpreadsheetApp reads back exactly what a request wrote.
 * Reference: https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate and
 * …/spreadsheets/request (the request kinds), …/spreadsheets/other#GridRange, …/spreadsheets/cells#CellFormat.
 *
 * Why: Set up formats, validates, colours and protects four register-shaped files and their logs; one
 * request list per file replaces hundreds of SpreadsheetApp calls.
 *
 * Modelled, and nothing else (any other request kind, field, field-mask path or option THROWS):
 *  - updateDimensionProperties (COLUMNS, pixelSize), updateSheetProperties (gridProperties.frozenRowCount /
 *    frozenColumnCount), repeatCell (userEnteredFormat: numberFormat, wrapStrategy, verticalAlignment,
 *    backgroundColor, textFormat.bold, textFormat.foregroundColor), setDataValidation (ONE_OF_LIST),
 *    addConditionalFormatRule / deleteConditionalFormatRule (CUSTOM_FORMULA boolean rules),
 *    addProtectedRange (bounded range, explicit editors), deleteProtectedRange.
 *  - And spreadsheets.get with a `fields` mask over sheet properties, protected ranges and conditional formats
 *    (`getSpreadsheet`, at the end of this file), so a caller can find what to replace in one read.
 *  - Atomic: "Each request is validated before being applied. If any request is not valid then the entire
 *    request will fail and nothing will be applied" (batchUpdate reference); here every request is applied to
 *    the live state in order and, if one fails, everything it changed is put back before the error is thrown.
 *  - Replies "mirror the requests": one entry per request, `{}` where a kind has no reply (same page).
 *  - Only an editor of the file may send it; a cell or sheet under a protection the caller may not edit
 *    refuses the whole request (Sheets' own rule for protected ranges; the API's wording is **unconfirmed**).
 *  - The write cache: refused while the execution has SpreadsheetApp writes not yet flushed (write-cache.ts).
 * Error texts after "API call to sheets.spreadsheets.batchUpdate failed with error: " are **unconfirmed**.
 */
import { NotEmulatedError } from './core';
import { openForSheetsApi, sheetsApiError } from './sheets-api-access';
import type { Workspace } from './workspace';
import type { Rect } from './sheets/a1';
import type {
  ConditionalFormatState,
  FormatLayer,
  ProtectionState,
  SheetState,
  SpreadsheetState,
  ValidationRule,
} from './sheets/model';
import { FORMAT_LAYERS } from './sheets/model';
import type { SparseGrid } from './sheets/grid';

type Json = Record<string, unknown>;

const fail = (message: string): never => {
  throw sheetsApiError('batchUpdate', message);
};
const notEmulated = (what: string): never => {
  throw new NotEmulatedError(`Sheets.Spreadsheets.batchUpdate: ${what}`);
};

// ---- the write cache --------------------------------------------------------------------------------

// ---- small readers ----------------------------------------------------------------------------------

function obj(value: unknown, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(`Invalid value at '${where}'`);
  return value as Json;
}

/** Refuses any key the emulator does not model (an option silently ignored would be a lie). */
function onlyKeys(value: Json, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) notEmulated(`${where}.${key}`);
  }
}

function int(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(`Invalid value at '${where}'`);
  return value as number;
}

function optionalInt(value: unknown, where: string): number | undefined {
  return value === undefined ? undefined : int(value, where);
}

function bool(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') fail(`Invalid value at '${where}'`);
  return value as boolean;
}

/** A Color (red, green, blue in 0–1; a missing component is 0) as the emulator's '#rrggbb'. */
function colourOf(value: unknown, where: string): string {
  const c = obj(value, where);
  onlyKeys(c, ['red', 'green', 'blue', 'alpha'], where);
  if (c.alpha !== undefined && c.alpha !== 1) notEmulated(`${where}.alpha other than 1`);
  const hex = (v: unknown, part: string): string => {
    const n = v === undefined ? 0 : v;
    if (typeof n !== 'number' || n < 0 || n > 1) return fail(`Invalid value at '${where}.${part}'`);
    return Math.round(n * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${hex(c.red, 'red')}${hex(c.green, 'green')}${hex(c.blue, 'blue')}`;
}

function colourToApi(hex: string): Json {
  const part = (i: number): number => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { red: part(1), green: part(3), blue: part(5) };
}

// ---- ranges -----------------------------------------------------------------------------------------

interface Target {
  sheet: SheetState;
  rect: Rect;
}

/**
 * A GridRange: zero-based, "half open, i.e. the start index is inclusive and the end index is exclusive";
 * "Missing indexes indicate the range is unbounded on that side" (reference, GridRange). Bounds past the
 * sheet's grid, or a start after its end, are invalid.
 */
function gridRange(book: SpreadsheetState, value: unknown, where: string): Target {
  const g = obj(value, where);
  onlyKeys(g, ['sheetId', 'startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'], where);
  const sheet = sheetOf(book, g.sheetId, `${where}.sheetId`);
  const startRow = optionalInt(g.startRowIndex, `${where}.startRowIndex`) ?? 0;
  const endRow = optionalInt(g.endRowIndex, `${where}.endRowIndex`) ?? sheet.maxRows;
  const startCol = optionalInt(g.startColumnIndex, `${where}.startColumnIndex`) ?? 0;
  const endCol = optionalInt(g.endColumnIndex, `${where}.endColumnIndex`) ?? sheet.maxColumns;
  if (startRow > endRow || startCol > endCol) fail(`Invalid ${where}: start index after end index`);
  if (endRow > sheet.maxRows || endCol > sheet.maxColumns)
    fail(`Invalid ${where}: range (${sheet.name}) exceeds grid limits`);
  return {
    sheet,
    rect: { row: startRow + 1, col: startCol + 1, numRows: endRow - startRow, numCols: endCol - startCol },
  };
}

function sheetOf(book: SpreadsheetState, id: unknown, where: string): SheetState {
  if (typeof id !== 'number') return fail(`Invalid value at '${where}'`);
  return book.sheetById(id) ?? fail(`Invalid ${where}: No grid with id: ${id}`);
}

function rangeToApi(sheetId: number, rect: Rect): Json {
  return {
    sheetId,
    startRowIndex: rect.row - 1,
    endRowIndex: rect.row - 1 + rect.numRows,
    startColumnIndex: rect.col - 1,
    endColumnIndex: rect.col - 1 + rect.numCols,
  };
}

// ---- the batch: state put back on failure ------------------------------------------------------------

/** Everything a modelled request can change, copied before the batch so a failure leaves nothing applied. */
interface Saved {
  sheets: Array<{
    sheet: SheetState;
    formats: Record<FormatLayer, SparseGrid<string>['rows']>;
    validations: SparseGrid<ValidationRule>['rows'];
    widths: Map<number, number>;
    frozenRows: number;
    frozenColumns: number;
    conditionalFormats: ConditionalFormatState[];
  }>;
  protections: ProtectionState[];
}

const copyRows = <T>(
  rows: Array<Array<T | undefined> | undefined>,
): Array<Array<T | undefined> | undefined> => rows.map((row) => (row === undefined ? undefined : [...row]));

function save(book: SpreadsheetState): Saved {
  return {
    sheets: book.sheets.map((sheet) => ({
      sheet,
      formats: Object.fromEntries(FORMAT_LAYERS.map((l) => [l, copyRows(sheet.formats[l].rows)])) as Record<
        FormatLayer,
        SparseGrid<string>['rows']
      >,
      validations: copyRows(sheet.validations.rows),
      widths: new Map(sheet.columnWidths),
      frozenRows: sheet.frozenRows,
      frozenColumns: sheet.frozenColumns,
      conditionalFormats: [...sheet.conditionalFormats],
    })),
    protections: [...book.protections],
  };
}

function restore(book: SpreadsheetState, saved: Saved): void {
  for (const s of saved.sheets) {
    for (const layer of FORMAT_LAYERS) s.sheet.formats[layer].rows = s.formats[layer];
    s.sheet.validations.rows = s.validations;
    s.sheet.columnWidths.clear();
    for (const [c, w] of s.widths) s.sheet.columnWidths.set(c, w);
    s.sheet.frozenRows = s.frozenRows;
    s.sheet.frozenColumns = s.frozenColumns;
    s.sheet.conditionalFormats = s.conditionalFormats;
  }
  book.protections.splice(0, book.protections.length, ...saved.protections);
}

/** Protected-range ids handed out by addProtectedRange (the model keeps none of its own). */
const protectedRangeIds = new WeakMap<ProtectionState, number>();
let protectedRangeSeq = 0;

/** A protection's protectedRangeId: given when first asked for (SpreadsheetApp's protections have one too). */
function idOf(state: ProtectionState): number {
  let id = protectedRangeIds.get(state);
  if (id === undefined) {
    protectedRangeSeq += 1;
    id = 900_000_000 + protectedRangeSeq * 7_919;
    protectedRangeIds.set(state, id);
  }
  return id;
}

class Batch {
  readonly user: string;

  constructor(
    readonly ws: Workspace,
    readonly book: SpreadsheetState,
  ) {
    this.user = ws.activeUser();
  }

  /** The caller must be allowed to change these cells (null: the sheet's structure). */
  assertCanChange(target: { sheet: SheetState; rect: Rect | null }, where: string): void {
    if (!this.ws.spreadsheets.canEditRect(this.user, this.book, target.sheet, target.rect)) {
      fail(`Invalid ${where}: You are trying to edit a protected cell or object.`);
    }
  }

  apply(request: unknown, index: number): Json {
    const r = obj(request, `requests[${index}]`);
    const kinds = Object.keys(r);
    if (kinds.length !== 1) fail(`Invalid requests[${index}]: exactly one kind of request expected`);
    const kind = kinds[0]!;
    const where = `requests[${index}].${kind}`;
    const body = obj(r[kind], where);
    switch (kind) {
      case 'updateDimensionProperties':
        return this.updateDimensionProperties(body, where);
      case 'updateSheetProperties':
        return this.updateSheetProperties(body, where);
      case 'repeatCell':
        return this.repeatCell(body, where);
      case 'setDataValidation':
        return this.setDataValidation(body, where);
      case 'addConditionalFormatRule':
        return this.addConditionalFormatRule(body, where);
      case 'deleteConditionalFormatRule':
        return this.deleteConditionalFormatRule(body, where);
      case 'addProtectedRange':
        return this.addProtectedRange(body, where);
      case 'deleteProtectedRange':
        return this.deleteProtectedRange(body, where);
      default:
        return notEmulated(`request kind ${kind}`);
    }
  }

  /** UpdateDimensionPropertiesRequest: column widths (`properties.pixelSize`, fields "pixelSize"). */
  private updateDimensionProperties(body: Json, where: string): Json {
    onlyKeys(body, ['range', 'properties', 'fields'], where);
    if (body.fields !== 'pixelSize') notEmulated(`${where}.fields other than "pixelSize"`);
    const range = obj(body.range, `${where}.range`);
    onlyKeys(range, ['sheetId', 'dimension', 'startIndex', 'endIndex'], `${where}.range`);
    if (range.dimension !== 'COLUMNS') notEmulated(`${where}.range.dimension other than COLUMNS`);
    const sheet = sheetOf(this.book, range.sheetId, `${where}.range.sheetId`);
    const start = optionalInt(range.startIndex, `${where}.range.startIndex`) ?? 0;
    const end = optionalInt(range.endIndex, `${where}.range.endIndex`) ?? sheet.maxColumns;
    if (start >= end || end > sheet.maxColumns) fail(`Invalid ${where}.range: outside the grid`);
    const props = obj(body.properties, `${where}.properties`);
    onlyKeys(props, ['pixelSize'], `${where}.properties`);
    const width = int(props.pixelSize, `${where}.properties.pixelSize`);
    this.assertCanChange({ sheet, rect: null }, where);
    for (let c = start + 1; c <= end; c += 1) sheet.columnWidths.set(c, width);
    return {};
  }

  /** UpdateSheetPropertiesRequest: frozen rows and columns only. */
  private updateSheetProperties(body: Json, where: string): Json {
    onlyKeys(body, ['properties', 'fields'], where);
    const props = obj(body.properties, `${where}.properties`);
    onlyKeys(props, ['sheetId', 'gridProperties'], `${where}.properties`);
    const sheet = sheetOf(this.book, props.sheetId, `${where}.properties.sheetId`);
    const grid = obj(props.gridProperties, `${where}.properties.gridProperties`);
    onlyKeys(grid, ['frozenRowCount', 'frozenColumnCount'], `${where}.properties.gridProperties`);
    const fields = parseFields(body.fields, where);
    this.assertCanChange({ sheet, rect: null }, where);
    for (const field of fields) {
      if (field === 'gridProperties.frozenRowCount') {
        const n = optionalInt(grid.frozenRowCount, `${where}.properties.gridProperties.frozenRowCount`) ?? 0;
        // Freezing every row is refused, as by Sheet.setFrozenRows.
        if (n >= sheet.maxRows) fail(`Invalid ${where}: You can't freeze all visible rows on the sheet.`);
        sheet.frozenRows = n;
      } else if (field === 'gridProperties.frozenColumnCount') {
        const n =
          optionalInt(grid.frozenColumnCount, `${where}.properties.gridProperties.frozenColumnCount`) ?? 0;
        if (n >= sheet.maxColumns)
          fail(`Invalid ${where}: You can't freeze all visible columns on the sheet.`);
        sheet.frozenColumns = n;
      } else notEmulated(`${where}.fields path ${field}`);
    }
    return {};
  }

  /**
   * RepeatCellRequest: "Updates all cells in the range to the values in the given Cell object. Only the fields
   * listed in the fields field are updated; others are unchanged." A listed field absent from the cell is
   * cleared (FieldMask semantics: the field is set to what the request holds, nothing).
   */
  private repeatCell(body: Json, where: string): Json {
    onlyKeys(body, ['range', 'cell', 'fields'], where);
    const target = gridRange(this.book, body.range, `${where}.range`);
    const cell = obj(body.cell, `${where}.cell`);
    onlyKeys(cell, ['userEnteredFormat'], `${where}.cell`);
    const format =
      cell.userEnteredFormat === undefined ? {} : obj(cell.userEnteredFormat, `${where}.cell.uef`);
    onlyKeys(
      format,
      ['numberFormat', 'wrapStrategy', 'verticalAlignment', 'backgroundColor', 'textFormat'],
      `${where}.cell.userEnteredFormat`,
    );
    const text = format.textFormat === undefined ? {} : obj(format.textFormat, `${where}.textFormat`);
    onlyKeys(text, ['bold', 'foregroundColor'], `${where}.cell.userEnteredFormat.textFormat`);
    const fields = parseFields(body.fields, where);
    if (fields.length === 0) fail(`Invalid ${where}: At least one field must be specified.`);
    const writes: Array<[FormatLayer, string | undefined]> = fields.map((field) => {
      switch (field) {
        case 'userEnteredFormat.numberFormat':
          return ['numberFormat', numberFormatOf(format.numberFormat, `${where}.numberFormat`)];
        case 'userEnteredFormat.wrapStrategy':
          return ['wrapStrategy', wrapOf(format.wrapStrategy, `${where}.wrapStrategy`)];
        case 'userEnteredFormat.verticalAlignment':
          return ['verticalAlignment', verticalOf(format.verticalAlignment, `${where}.verticalAlignment`)];
        case 'userEnteredFormat.backgroundColor':
          return [
            'background',
            format.backgroundColor === undefined
              ? undefined
              : colourOf(format.backgroundColor, `${where}.backgroundColor`),
          ];
        case 'userEnteredFormat.textFormat.bold':
          return [
            'fontWeight',
            text.bold === undefined ? undefined : bool(text.bold, `${where}.bold`) ? 'bold' : 'normal',
          ];
        case 'userEnteredFormat.textFormat.foregroundColor':
          return [
            'fontColor',
            text.foregroundColor === undefined
              ? undefined
              : colourOf(text.foregroundColor, `${where}.foregroundColor`),
          ];
        default:
          return notEmulated(`${where}.fields path ${field}`);
      }
    });
    this.assertCanChange(target, where);
    const { row, col, numRows, numCols } = target.rect;
    for (const [layer, value] of writes)
      target.sheet.formats[layer].fill(row - 1, col - 1, numRows, numCols, value);
    return {};
  }

  /**
   * SetDataValidationRequest: "Sets a data validation rule to every cell in the range. To clear validation in
   * a range, call this with no rule specified." Only ONE_OF_LIST ("The condition's value must be in the list
   * of values"); `strict` "True if invalid data should be rejected"; `showCustomUi` shows the dropdown;
   * `inputMessage` "A message to show the user when adding data to the cell" — read back by SpreadsheetApp as
   * the rule's help text (the same field; **unconfirmed** that the two are one).
   */
  private setDataValidation(body: Json, where: string): Json {
    onlyKeys(body, ['range', 'rule'], where);
    const target = gridRange(this.book, body.range, `${where}.range`);
    let rule: ValidationRule | undefined;
    if (body.rule !== undefined) {
      const r = obj(body.rule, `${where}.rule`);
      onlyKeys(r, ['condition', 'inputMessage', 'strict', 'showCustomUi'], `${where}.rule`);
      const { type, values } = conditionOf(r.condition, `${where}.rule.condition`);
      if (type !== 'ONE_OF_LIST') notEmulated(`${where}.rule.condition.type ${type}`);
      if (values.length === 0) fail(`Invalid ${where}: ONE_OF_LIST needs at least one value`);
      if (r.inputMessage !== undefined && typeof r.inputMessage !== 'string')
        fail(`Invalid value at '${where}.rule.inputMessage'`);
      rule = {
        criteria: 'VALUE_IN_LIST',
        values: [
          values,
          r.showCustomUi === undefined ? false : bool(r.showCustomUi, `${where}.showCustomUi`),
        ],
        allowInvalid: r.strict === undefined ? true : !bool(r.strict, `${where}.rule.strict`),
        helpText: (r.inputMessage as string | undefined) ?? '',
      };
    }
    this.assertCanChange(target, where);
    const { row, col, numRows, numCols } = target.rect;
    target.sheet.validations.fill(row - 1, col - 1, numRows, numCols, rule);
    return {};
  }

  /**
   * AddConditionalFormatRuleRequest: "Adds a new conditional format rule at the given index. All subsequent
   * rules' indexes are incremented." Every range of a rule must be on one sheet (the rule belongs to it).
   * Only a CUSTOM_FORMULA boolean rule with background, text colour and bold.
   */
  private addConditionalFormatRule(body: Json, where: string): Json {
    onlyKeys(body, ['rule', 'index'], where);
    const index = int(body.index, `${where}.index`);
    const r = obj(body.rule, `${where}.rule`);
    onlyKeys(r, ['ranges', 'booleanRule'], `${where}.rule`);
    if (!Array.isArray(r.ranges) || r.ranges.length === 0)
      return fail(`Invalid ${where}: rule without ranges`);
    const targets = (r.ranges as unknown[]).map((g, i) =>
      gridRange(this.book, g, `${where}.rule.ranges[${i}]`),
    );
    const sheet = targets[0]!.sheet;
    if (targets.some((t) => t.sheet !== sheet))
      fail(`Invalid ${where}: All ranges must be on the same sheet.`);
    const boolean = obj(r.booleanRule, `${where}.rule.booleanRule`);
    onlyKeys(boolean, ['condition', 'format'], `${where}.rule.booleanRule`);
    const { type, values } = conditionOf(boolean.condition, `${where}.rule.booleanRule.condition`);
    if (type !== 'CUSTOM_FORMULA') notEmulated(`${where} condition type ${type}`);
    if (values.length !== 1 || !values[0]!.startsWith('='))
      fail(`Invalid ${where}: CUSTOM_FORMULA takes one formula starting with =`);
    const format = obj(boolean.format, `${where}.rule.booleanRule.format`);
    onlyKeys(format, ['backgroundColor', 'textFormat'], `${where}.rule.booleanRule.format`);
    const text = format.textFormat === undefined ? {} : obj(format.textFormat, `${where}.textFormat`);
    onlyKeys(text, ['bold', 'foregroundColor'], `${where}.rule.booleanRule.format.textFormat`);
    if (index > sheet.conditionalFormats.length) fail(`Invalid ${where}: index ${index} past the rules`);
    this.assertCanChange({ sheet, rect: null }, where);
    const state: ConditionalFormatState = {
      ranges: targets.map((t) => ({ sheetId: sheet.sheetId, rect: t.rect, bookId: this.book.id })),
      criteria: 'CUSTOM_FORMULA',
      values: [values[0]],
      background:
        format.backgroundColor === undefined
          ? null
          : colourOf(format.backgroundColor, `${where}.backgroundColor`),
      fontColor:
        text.foregroundColor === undefined
          ? null
          : colourOf(text.foregroundColor, `${where}.foregroundColor`),
      bold: text.bold === undefined ? null : bool(text.bold, `${where}.bold`),
      italic: null,
      strikethrough: null,
      underline: null,
    };
    sheet.conditionalFormats = [
      ...sheet.conditionalFormats.slice(0, index),
      state,
      ...sheet.conditionalFormats.slice(index),
    ];
    return {};
  }

  /** DeleteConditionalFormatRuleRequest: "Deletes a conditional format rule at the given index"; the reply carries the rule. */
  private deleteConditionalFormatRule(body: Json, where: string): Json {
    onlyKeys(body, ['sheetId', 'index'], where);
    const sheet = sheetOf(this.book, body.sheetId, `${where}.sheetId`);
    const index = int(body.index, `${where}.index`);
    const rule = sheet.conditionalFormats[index];
    if (!rule)
      return fail(`Invalid ${where}: No conditional format on sheet ${sheet.sheetId} at index ${index}`);
    this.assertCanChange({ sheet, rect: null }, where);
    sheet.conditionalFormats = sheet.conditionalFormats.filter((_, i) => i !== index);
    return { deleteConditionalFormatRule: { rule: ruleToApi(rule) } };
  }

  /**
   * AddProtectedRangeRequest: "Adds a new protected range"; the reply holds it with its new
   * protectedRangeId. Only a bounded range with an explicit editor list (Editors.users, groups,
   * domainUsersCanEdit: "True if anyone in the document's domain has edit access to the protected range").
   * The file's owner can always edit (Protection.canEdit in Apps Script: "The spreadsheet owner is always able
   * to edit protected ranges and sheets"), so the editors kept are the owner and the users listed.
   */
  private addProtectedRange(body: Json, where: string): Json {
    onlyKeys(body, ['protectedRange'], where);
    const p = obj(body.protectedRange, `${where}.protectedRange`);
    onlyKeys(p, ['range', 'description', 'warningOnly', 'editors'], `${where}.protectedRange`);
    const g = obj(p.range, `${where}.protectedRange.range`);
    for (const k of ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'])
      if (g[k] === undefined) notEmulated(`${where}: a protected range unbounded on a side (${k} missing)`);
    const target = gridRange(this.book, g, `${where}.protectedRange.range`);
    if (target.rect.numRows === 0 || target.rect.numCols === 0) fail(`Invalid ${where}: empty range`);
    if (p.description !== undefined && typeof p.description !== 'string')
      fail(`Invalid value at '${where}.protectedRange.description'`);
    if (p.warningOnly !== undefined && p.warningOnly !== false)
      notEmulated(`${where}.protectedRange.warningOnly`);
    if (p.editors === undefined) return notEmulated(`${where}: a protected range without an editor list`);
    const editors = obj(p.editors, `${where}.protectedRange.editors`);
    onlyKeys(editors, ['users', 'groups', 'domainUsersCanEdit'], `${where}.protectedRange.editors`);
    const emails = (list: unknown, part: string): string[] => {
      if (list === undefined) return [];
      if (!Array.isArray(list) || list.some((e) => typeof e !== 'string' || !e.includes('@')))
        return fail(`Invalid value at '${where}.protectedRange.editors.${part}'`);
      return list as string[];
    };
    const owner = this.ws.spreadsheets.file(this.book).owner;
    const listed = [owner];
    for (const e of [...emails(editors.users, 'users'), ...emails(editors.groups, 'groups')])
      if (!listed.some((x) => x.toLowerCase() === e.toLowerCase())) listed.push(e);
    const domainEdit =
      editors.domainUsersCanEdit === undefined ? false : bool(editors.domainUsersCanEdit, `${where}.domain`);
    const state: ProtectionState = {
      type: 'RANGE',
      sheetId: target.sheet.sheetId,
      rect: target.rect,
      description: (p.description as string | undefined) ?? '',
      warningOnly: false,
      editors: listed,
      domainEdit,
      unprotected: [],
    };
    this.book.protections.push(state);
    const id = idOf(state);
    return {
      addProtectedRange: {
        protectedRange: {
          protectedRangeId: id,
          range: rangeToApi(state.sheetId, state.rect!),
          description: state.description,
          warningOnly: false,
          requestingUserCanEdit: this.ws.spreadsheets.protectionAllows(this.book, state, this.user),
          editors: { users: [...listed], domainUsersCanEdit: domainEdit },
        },
      },
    };
  }

  /**
   * DeleteProtectedRangeRequest: "Deletes the protected range with the given ID." Only someone who may edit
   * what it protects may remove it (as Protection.remove in Apps Script, which throws for anyone else).
   */
  private deleteProtectedRange(body: Json, where: string): Json {
    onlyKeys(body, ['protectedRangeId'], where);
    const id = body.protectedRangeId;
    const state = this.book.protections.find((p) => idOf(p) === id);
    if (!state) return fail(`Invalid ${where}: No protected range with id: ${String(id)}`);
    if (!this.ws.spreadsheets.protectionAllows(this.book, state, this.user))
      fail(`Invalid ${where}: You are trying to edit a protected cell or object.`);
    this.book.protections.splice(this.book.protections.indexOf(state), 1);
    return {};
  }
}

/** A field mask: "a,b.c" or "a(b,c)" → ['a', 'b.c'] / ['a.b', 'a.c']. */
export function parseFields(value: unknown, where: string): string[] {
  if (typeof value !== 'string' || value.trim() === '') return fail(`Invalid ${where}: fields is required`);
  if (value.includes('*')) notEmulated(`${where}.fields "*"`);
  const out: string[] = [];
  const walk = (text: string, prefix: string): void => {
    let depth = 0;
    let start = 0;
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += 1) {
      const ch = text.charAt(i);
      if (ch === '(') depth += 1;
      else if (ch === ')') depth -= 1;
      else if (ch === ',' && depth === 0) {
        parts.push(text.slice(start, i));
        start = i + 1;
      }
      if (depth < 0) fail(`Invalid ${where}: unbalanced fields`);
    }
    if (depth !== 0) fail(`Invalid ${where}: unbalanced fields`);
    parts.push(text.slice(start));
    for (const raw of parts) {
      const part = raw.trim();
      if (part === '') fail(`Invalid ${where}: empty field path`);
      const open = part.indexOf('(');
      if (open < 0) out.push(prefix + part);
      else {
        if (!part.endsWith(')')) fail(`Invalid ${where}: bad field path ${part}`);
        walk(part.slice(open + 1, -1), `${prefix}${part.slice(0, open)}.`);
      }
    }
  };
  walk(value, '');
  return out;
}

function conditionOf(value: unknown, where: string): { type: string; values: string[] } {
  const c = obj(value, where);
  onlyKeys(c, ['type', 'values'], where);
  if (typeof c.type !== 'string') return fail(`Invalid value at '${where}.type'`);
  const values = (c.values ?? []) as unknown;
  if (!Array.isArray(values)) return fail(`Invalid value at '${where}.values'`);
  return {
    type: c.type,
    values: values.map((v, i) => {
      const cv = obj(v, `${where}.values[${i}]`);
      onlyKeys(cv, ['userEnteredValue'], `${where}.values[${i}]`);
      if (typeof cv.userEnteredValue !== 'string') return fail(`Invalid value at '${where}.values[${i}]'`);
      return cv.userEnteredValue;
    }),
  };
}

/** NumberFormat {type, pattern}: the pattern is what SpreadsheetApp reads back (getNumberFormat). */
function numberFormatOf(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  const f = obj(value, where);
  onlyKeys(f, ['type', 'pattern'], where);
  const types = ['TEXT', 'NUMBER', 'PERCENT', 'CURRENCY', 'DATE', 'TIME', 'DATE_TIME', 'SCIENTIFIC'];
  if (typeof f.type !== 'string' || !types.includes(f.type)) return fail(`Invalid value at '${where}.type'`);
  if (typeof f.pattern !== 'string' || f.pattern === '')
    return notEmulated(`${where}: a number format without a pattern (the locale's default)`);
  return f.pattern;
}

/** WrapStrategy: OVERFLOW_CELL is the default (SpreadsheetApp reads OVERFLOW), WRAP and CLIP as named. */
function wrapOf(value: unknown, where: string): string | undefined {
  if (value === undefined || value === 'OVERFLOW_CELL') return undefined;
  if (value === 'WRAP' || value === 'CLIP') return value;
  if (value === 'LEGACY_WRAP') return notEmulated(`${where} LEGACY_WRAP`);
  return fail(`Invalid value at '${where}'`);
}

/** VerticalAlign TOP, MIDDLE, BOTTOM: SpreadsheetApp reads them back as 'top', 'middle', 'bottom'. */
function verticalOf(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'TOP' || value === 'MIDDLE' || value === 'BOTTOM') return value.toLowerCase();
  return fail(`Invalid value at '${where}'`);
}

function ruleToApi(rule: ConditionalFormatState): Json {
  const textFormat: Json = {};
  if (rule.bold !== null) textFormat.bold = rule.bold;
  if (rule.fontColor !== null) textFormat.foregroundColor = colourToApi(rule.fontColor);
  const format: Json = {};
  if (rule.background !== null) format.backgroundColor = colourToApi(rule.background);
  if (Object.keys(textFormat).length > 0) format.textFormat = textFormat;
  return {
    ranges: rule.ranges.map((r) => rangeToApi(r.sheetId, r.rect)),
    booleanRule: {
      condition: { type: rule.criteria, values: rule.values.map((v) => ({ userEnteredValue: String(v) })) },
      format,
    },
  };
}

/** spreadsheets.batchUpdate: see the file's head. */
export function batchUpdate(ws: Workspace, resource: unknown, spreadsheetId: unknown): Json {
  if (typeof spreadsheetId !== 'string') return fail('Invalid spreadsheetId');
  const book = openForSheetsApi(ws, spreadsheetId, 'batchUpdate', 'edit');
  const body = obj(resource, 'resource');
  onlyKeys(body, ['requests', 'includeSpreadsheetInResponse'], 'resource');
  if (body.includeSpreadsheetInResponse !== undefined && body.includeSpreadsheetInResponse !== false)
    notEmulated('includeSpreadsheetInResponse');
  if (!Array.isArray(body.requests)) return fail("Invalid value at 'requests'");
  const requests = body.requests as unknown[];
  const saved = save(book);
  const batch = new Batch(ws, book);
  try {
    const replies = requests.map((r, i) => batch.apply(r, i));
    return { spreadsheetId, replies };
  } catch (err) {
    restore(book, saved);
    throw err;
  }
}

/** The id addProtectedRange gave a protection (for tests). */
export function protectedRangeIdOf(state: ProtectionState): number | undefined {
  return protectedRangeIds.get(state);
}

// ---- spreadsheets.get -------------------------------------------------------------------------------

/**
 * Field paths of the Spreadsheet resource the emulator can answer. A path listed here is answered whole
 * (with everything under it); a path under one is answered as that part; anything else throws.
 */
const GET_PATHS = [
  'spreadsheetId',
  'sheets.properties.sheetId',
  'sheets.properties.title',
  'sheets.properties.index',
  'sheets.properties.gridProperties.rowCount',
  'sheets.properties.gridProperties.columnCount',
  'sheets.properties.gridProperties.frozenRowCount',
  'sheets.properties.gridProperties.frozenColumnCount',
  'sheets.protectedRanges',
  'sheets.conditionalFormats',
];

function protectedRangeToApi(ws: Workspace, book: SpreadsheetState, p: ProtectionState, user: string): Json {
  const store = ws.spreadsheets;
  const canEdit = store.protectionAllows(book, p, user);
  const out: Json = {
    protectedRangeId: idOf(p),
    range: p.rect ? rangeToApi(p.sheetId, p.rect) : { sheetId: p.sheetId },
  };
  if (p.description !== '') out.description = p.description;
  if (p.warningOnly) out.warningOnly = true;
  out.requestingUserCanEdit = canEdit;
  if (p.unprotected.length > 0) out.unprotectedRanges = p.unprotected.map((r) => rangeToApi(p.sheetId, r));
  // Editors: "This field is only visible to users with edit access to the protected range and the document."
  if (canEdit && !p.warningOnly) {
    const domainUsersCanEdit = store.protectionDomainEdit(book, p);
    out.editors = {
      users: store.protectionEditors(book, p),
      ...(domainUsersCanEdit ? { domainUsersCanEdit } : {}),
    };
  }
  return out;
}

/** The Spreadsheet resource's modelled parts; empty and default values left out, as the API leaves them out. */
function spreadsheetToApi(ws: Workspace, book: SpreadsheetState, user: string): Json {
  return {
    spreadsheetId: book.id,
    sheets: book.sheets.map((sheet, index) => {
      const grid: Json = { rowCount: sheet.maxRows, columnCount: sheet.maxColumns };
      if (sheet.frozenRows > 0) grid.frozenRowCount = sheet.frozenRows;
      if (sheet.frozenColumns > 0) grid.frozenColumnCount = sheet.frozenColumns;
      const out: Json = {
        properties: { sheetId: sheet.sheetId, title: sheet.name, index, gridProperties: grid },
      };
      const protections = book.protections.filter((p) => p.sheetId === sheet.sheetId);
      if (protections.length > 0)
        out.protectedRanges = protections.map((p) => protectedRangeToApi(ws, book, p, user));
      if (sheet.conditionalFormats.length > 0)
        out.conditionalFormats = sheet.conditionalFormats.map(ruleToApi);
      return out;
    }),
  };
}

/** Keeps only the fields asked for (arrays element by element); a part not there stays out. */
function pick(value: unknown, paths: string[][]): unknown {
  if (paths.some((p) => p.length === 0)) return value;
  if (Array.isArray(value)) return value.map((v) => pick(v, paths));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  const byKey = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) byKey.set(head!, [...(byKey.get(head!) ?? []), rest]);
  for (const [key, rest] of byKey) {
    const v = (value as Json)[key];
    if (v === undefined) continue;
    const picked = pick(v, rest);
    if (
      picked !== null &&
      typeof picked === 'object' &&
      !Array.isArray(picked) &&
      Object.keys(picked).length === 0
    )
      continue;
    out[key] = picked;
  }
  return out;
}

/**
 * spreadsheets.get with a `fields` mask (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get):
 * only the parts in GET_PATHS; without `fields` the whole resource would be asked for, which the emulator does
 * not model, so it throws. Anyone who can open the file may read it; like batchUpdate, it is refused while
 * SpreadsheetApp writes are unflushed (a REST read does not see them either).
 */
export function getSpreadsheet(ws: Workspace, spreadsheetId: unknown, optionalArgs?: unknown): Json {
  if (typeof spreadsheetId !== 'string') throw sheetsApiError('get', 'Invalid spreadsheetId');
  const args = optionalArgs === undefined ? {} : obj(optionalArgs, 'optionalArgs');
  onlyKeys(args, ['fields'], 'Sheets.Spreadsheets.get optionalArgs');
  if (args.fields === undefined) notEmulated('Sheets.Spreadsheets.get without a fields mask');
  const paths = parseFields(args.fields, 'fields');
  for (const path of paths) {
    if (!GET_PATHS.some((known) => path === known || path.startsWith(`${known}.`)))
      notEmulated(`Sheets.Spreadsheets.get field ${path}`);
  }
  const book = openForSheetsApi(ws, spreadsheetId, 'get', 'view');
  const user = ws.activeUser();
  return pick(
    spreadsheetToApi(ws, book, user),
    paths.map((p) => p.split('.')),
  ) as Json;
}
