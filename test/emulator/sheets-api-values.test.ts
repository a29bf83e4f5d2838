/**
 * Why: the Summary rebuild reads the register with one `Sheets.Spreadsheets.Values.batchGet`. An emulator
 * that answered it more kindly than the API (dates as Dates, trailing blanks kept, no permission check,
 * writes it could not yet see) would let the product pass here and misread on a real register. Each rule of
 * emulator/sheets-api-values.ts is pinned below, with the cases it refuses; so is Sheet.getRangeList, which the
 * rebuild styles the Summary with.
 */
import { sheetsFacade } from '../../emulator/sheets-api';
import type { BatchGetValuesResponse } from '../../emulator/sheets-api-values';
import { runAs, spreadsheetWorkspace } from './support';

const DAY = 86_400_000;
const serialOf = (y: number, mo: number, d: number, h = 0, mi = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi) / DAY + 25569;
const STRANGER = 'stranger@elsewhere.example';

type BatchGet = (id: string, options?: unknown) => BatchGetValuesResponse;

function setup() {
  const env = spreadsheetWorkspace({ timeZone: 'Europe/London' });
  const ss = env.app.getActiveSpreadsheet();
  const Sheets = sheetsFacade(env.ws) as { Spreadsheets: { Values: { batchGet: BatchGet } } };
  const batchGet = Sheets.Spreadsheets.Values.batchGet.bind(Sheets.Spreadsheets.Values);
  return { ...env, ss, id: ss.getId(), batchGet };
}

describe('Sheets.Spreadsheets.Values.batchGet', () => {
  test('reads quoted sheet names and open-ended ranges; the reply names the range bounded to the grid', () => {
    const { ss, id, batchGet } = setup();
    const sheet = ss.insertSheet('My sheet');
    sheet.getRange('A1:C3').setValues([
      ['ID', 'Status', 'Notes'],
      ['OSI-1', 'Open', ''],
      ['OSI-2', '', ''],
    ]);
    const reply = batchGet(id, { ranges: ["'My sheet'!A2:C", "'My sheet'!B:B", "'My sheet'!1:1"] });
    expect(reply.spreadsheetId).toBe(id);
    expect(reply.valueRanges.map((r) => r.range)).toEqual([
      "'My sheet'!A2:C1000",
      "'My sheet'!B1:B1000",
      "'My sheet'!A1:Z1",
    ]);
    // Trailing empty rows and trailing empty cells of a row are left out; the order is the request's.
    expect(reply.valueRanges[0]?.values).toEqual([['OSI-1', 'Open'], ['OSI-2']]);
    expect(reply.valueRanges[1]?.values).toEqual([['Status'], ['Open']]);
    expect(reply.valueRanges[2]?.values).toEqual([['ID', 'Status', 'Notes']]);
    expect(reply.valueRanges.every((r) => r.majorDimension === 'ROWS')).toBe(true);
  });

  test('a range with no values has no values key; a range without a sheet reads the first sheet', () => {
    const { ss, sheet, id, batchGet } = setup();
    sheet.getRange('B2').setValue('x');
    const reply = batchGet(id, { ranges: ['D1:E9', 'A1:B2'] });
    expect(reply.valueRanges[0]).toEqual({ range: 'Sheet1!D1:E9', majorDimension: 'ROWS' });
    expect('values' in (reply.valueRanges[0] ?? {})).toBe(false);
    // A leading empty cell stays, as "" (the row is not shifted).
    expect(reply.valueRanges[1]?.values).toEqual([[], ['', 'x']]);
    // A sheet named like a cell: unquoted it is the cell of the first sheet, quoted it is that sheet.
    ss.insertSheet('B2').getRange('A1').setValue('on B2');
    const named = batchGet(id, { ranges: ['B2', "'B2'"] });
    expect(named.valueRanges.map((r) => [r.range, r.values])).toEqual([
      ['Sheet1!B2', [['x']]],
      ["'B2'!A1:Z1000", [['on B2']]],
    ]);
  });

  test('FORMATTED_VALUE is the default: text as the sheet shows it; a format it cannot render throws', () => {
    const { sheet, id, batchGet } = setup();
    sheet.getRange('A1:D1').setValues([[1234.5, true, new Date(Date.UTC(2026, 9, 1, 8, 0)), 0.25]]);
    sheet.getRange('A1').setNumberFormat('#,##0.00');
    sheet.getRange('D1').setNumberFormat('0%');
    expect(batchGet(id, { ranges: ['A1:D1'] }).valueRanges[0]?.values).toEqual([
      ['1,234.50', 'TRUE', '01/10/2026 09:00:00', '25%'],
    ]);
    sheet.getRange('A1').setNumberFormat('[$£-809]#,##0.00');
    expect(() => batchGet(id, { ranges: ['A1'] })).toThrow(/not emulated/);
  });

  test('UNFORMATTED_VALUE + SERIAL_NUMBER: typed numbers and booleans, dates as serials on the file’s zone', () => {
    const { ss, sheet, id, batchGet } = setup();
    // 2026-03-29 00:30 UTC is 00:30 GMT (before London's spring change); 2026-10-25 00:30 UTC is 01:30 BST.
    sheet
      .getRange('A1:D1')
      .setValues([
        [new Date(Date.UTC(2026, 2, 29, 0, 30)), new Date(Date.UTC(2026, 9, 25, 0, 30)), 7, false],
      ]);
    const read = () =>
      batchGet(id, {
        ranges: ['A1:D1'],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      }).valueRanges[0]?.values;
    expect(read()).toEqual([[serialOf(2026, 3, 29, 0, 30), serialOf(2026, 10, 25, 1, 30), 7, false]]);
    // The serial is the wall clock the file shows: a zone change moves no serial.
    ss.setSpreadsheetTimeZone('America/New_York');
    expect(read()).toEqual([[serialOf(2026, 3, 29, 0, 30), serialOf(2026, 10, 25, 1, 30), 7, false]]);
    // SERIAL_NUMBER is the default; FORMATTED_STRING gives dates as displayed, other values typed.
    expect(
      batchGet(id, { ranges: ['C1'], valueRenderOption: 'UNFORMATTED_VALUE' }).valueRanges[0]?.values,
    ).toEqual([[7]]);
    expect(
      batchGet(id, {
        ranges: ['A1:C1'],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'FORMATTED_STRING',
      }).valueRanges[0]?.values,
    ).toEqual([['29/03/2026 00:30:00', '25/10/2026 01:30:00', 7]]);
  });

  test('majorDimension COLUMNS: one array per column, trailing empty cells and columns left out', () => {
    const { sheet, id, batchGet } = setup();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, ''],
    ]);
    const reply = batchGet(id, {
      ranges: ['A1:C5'],
      majorDimension: 'COLUMNS',
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(reply.valueRanges[0]).toEqual({
      range: 'Sheet1!A1:C5',
      majorDimension: 'COLUMNS',
      values: [[1, 3], [2]],
    });
  });

  test('a person who cannot open the file gets the API’s permission error; a missing file is not found', () => {
    const { ws, id, batchGet } = setup();
    expect(() => runAs(ws, STRANGER, () => batchGet(id, { ranges: ['A1'] }))).toThrow(
      'API call to sheets.spreadsheets.values.batchGet failed with error: The caller does not have permission',
    );
    expect(() => batchGet('no-such-file', { ranges: ['A1'] })).toThrow(/Requested entity was not found/);
  });

  test('unflushed SpreadsheetApp writes in the same execution: refused; after flush(), read', () => {
    const { ws, app, sheet, id, batchGet } = setup();
    const owner = ws.owner;
    expect(() =>
      runAs(ws, owner, () => {
        sheet.getRange('A1').setValue('new');
        return batchGet(id, { ranges: ['A1'] });
      }),
    ).toThrow(/Range\.setValue with no SpreadsheetApp\.flush\(\) since/);
    const after = runAs(ws, owner, () => {
      sheet.getRange('A1').setValue('newer');
      app.flush();
      return batchGet(id, { ranges: ['A1'] });
    });
    expect(after.valueRanges[0]?.values).toEqual([['newer']]);
    // A later execution reads what an earlier one wrote (its end committed the writes).
    expect(runAs(ws, owner, () => batchGet(id, { ranges: ['A1'] })).valueRanges[0]?.values).toEqual([
      ['newer'],
    ]);
  });

  test('unknown options, option values, FORMULA, formulas, R1C1 and unknown sheets throw', () => {
    const { sheet, id, batchGet } = setup();
    expect(() => batchGet(id, { ranges: ['A1'], fields: 'valueRanges' })).toThrow(/not emulated.*fields/);
    expect(() => batchGet(id, { ranges: ['A1'], majorDimension: 'DIAGONAL' })).toThrow(/Invalid value/);
    expect(() => batchGet(id, { ranges: ['A1'], valueRenderOption: 'FORMULA' })).toThrow(/not emulated/);
    expect(() => batchGet(id, {})).toThrow(/not emulated/);
    expect(() => batchGet(id, { ranges: ['R1C1:R2C2'] })).toThrow(/not emulated/);
    expect(() => batchGet(id, { ranges: ['Nowhere!A1'] })).toThrow('Unable to parse range: Nowhere!A1');
    sheet.getRange('A1').setFormula('=1+1');
    expect(() => batchGet(id, { ranges: ['A1'], valueRenderOption: 'UNFORMATTED_VALUE' })).toThrow(/formula/);
  });
});

describe('Sheet.getRangeList (the Summary styles its scattered rows in one call each)', () => {
  test('sets one format on every range of the list, and nothing else', () => {
    const { sheet } = setup();
    sheet.getRangeList(['A1:C1', 'A4:C4']).setFontWeight('bold').setBackground('#d9e2f3');
    expect(
      sheet
        .getRange('A1:C4')
        .getFontWeights()
        .map((row) => row[0]),
    ).toEqual(['bold', 'normal', 'normal', 'bold']);
    expect(sheet.getRange('B4').getBackground()).toBe('#d9e2f3');
    expect(sheet.getRange('B2').getBackground()).toBe('#ffffff');
    sheet.getRangeList(['B2', 'B3']).setNumberFormat('0.0');
    expect(sheet.getRange('B2:B3').getNumberFormats()).toEqual([['0.0'], ['0.0']]);
  });

  test('refuses an empty list, another sheet’s range, a bad weight; unmodelled methods throw', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('Other');
    expect(() => sheet.getRangeList([])).toThrow(/Invalid argument/);
    expect(() => sheet.getRangeList(['Other!A1'])).toThrow(/Invalid argument/);
    expect(() =>
      sheet.getRangeList(['A1']).setFontWeight('heavy' as GoogleAppsScript.Spreadsheet.FontWeight),
    ).toThrow(/Invalid argument/);
    expect(() => sheet.getRangeList(['A1']).clearContent()).toThrow(/not emulated: RangeList.clearContent/);
  });
});
