/**
 * SpreadsheetApp emulator: files, sheets, ranges, values and their parsing, display values, limits and
 * call counting. Every test drives the emulator as the script does, through `ws.globals()`.
 */
import * as vm from 'node:vm';
import { CELL_TOO_LONG, TOO_MANY_CELLS } from '../../emulator/spreadsheet';
import { runAs, spreadsheetWorkspace } from './support';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const OWNER = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const STRANGER = 'someone@elsewhere.example';

const setup = spreadsheetWorkspace;

describe('SpreadsheetApp: files', () => {
  test('getActiveSpreadsheet and getActive are the container, with its Drive name and URL', () => {
    const { ws, app } = setup({ containerName: 'Incident Log' });
    const ss = app.getActiveSpreadsheet();
    expect(ss.getId()).toBe(ws.containerId);
    expect(app.getActive().getId()).toBe(ws.containerId);
    expect(ss.getName()).toBe('Incident Log');
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ws.containerId}/edit`);
    ss.rename('Renamed');
    expect(ws.drive.get(ws.containerId)?.name).toBe('Renamed');
  });

  test('create makes a Drive file owned by the active user with one 1000 × 26 sheet "Sheet1"', () => {
    const { ws, app } = setup();
    ws.drive.get(ws.containerId)?.editors.add(DEPUTY);
    const created = runAs(ws, DEPUTY, () => app.create('Summary copy'));
    const file = ws.drive.get(created.getId());
    expect(file).toMatchObject({ kind: 'spreadsheet', name: 'Summary copy', owner: DEPUTY });
    const sheets = created.getSheets();
    expect(sheets.map((s) => [s.getName(), s.getMaxRows(), s.getMaxColumns()])).toEqual([
      ['Sheet1', 1000, 26],
    ]);
    expect(created.getOwner()?.getEmail()).toBe(DEPUTY);
  });

  test('openById and openByUrl check the active user can open the file, with Apps Script errors', () => {
    const { ws, app } = setup();
    const other = ws.spreadsheets.createSpreadsheet('Private', STRANGER).id;
    expect(() => app.openById(other)).toThrow('You do not have permission to access the requested document.');
    ws.drive.get(other)?.viewers.add(OWNER);
    expect(app.openById(other).getName()).toBe('Private');
    const url = `https://docs.google.com/spreadsheets/d/${other}/edit#gid=0`;
    expect(app.openByUrl(url).getId()).toBe(other);
    expect(() => app.openById('no-such-file')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(() => app.openByUrl('https://example.com/not-a-sheet')).toThrow('Invalid argument: url');
    // The check is against whoever runs the script, not the container's owner.
    expect(() => runAs(ws, DEPUTY, () => app.openById(other))).toThrow(
      'You do not have permission to access the requested document.',
    );
  });

  test('the spreadsheet time zone defaults to the script time zone and can be changed', () => {
    const { app } = setup({ timeZone: 'Pacific/Auckland' });
    const ss = app.getActiveSpreadsheet();
    expect(ss.getSpreadsheetTimeZone()).toBe('Pacific/Auckland');
    ss.setSpreadsheetTimeZone('Europe/London');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/London');
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow('Invalid argument: timezone');
    expect(ss.getSpreadsheetLocale()).toBe('en_GB');
  });

  test('sharing goes through Drive: editors, viewers, owner', () => {
    const { ws, app } = setup();
    const ss = app.getActiveSpreadsheet();
    ss.addEditor(DEPUTY).addViewers(['gov@school.example', 'head@school.example']);
    ss.addViewer(DEPUTY); // an editor stays an editor
    expect(ss.getEditors().map((u) => u.getEmail())).toEqual([OWNER, DEPUTY]);
    expect(ss.getViewers().map((u) => u.getEmail())).toEqual(['gov@school.example', 'head@school.example']);
    expect(ws.drive.canEdit(DEPUTY, ws.containerId)).toBe(true);
    ss.addEditors(['head@school.example']);
    expect(ss.getViewers().map((u) => u.getEmail())).toEqual(['gov@school.example']);
    ss.removeEditor(DEPUTY).removeViewer('gov@school.example');
    expect(ws.drive.canView(DEPUTY, ws.containerId)).toBe(false);
    expect(ws.drive.canView('gov@school.example', ws.containerId)).toBe(false);
    expect(ss.getOwner()?.getEmail()).toBe(OWNER);
    expect(() => ss.addEditor('not an email')).toThrow('Invalid argument: emailAddress');
  });
});

describe('Spreadsheet: sheets', () => {
  test('insertSheet by name and 0-based index; the new sheet is active; names are unique regardless of case', () => {
    const { app } = setup();
    const ss = app.getActiveSpreadsheet();
    const register = ss.insertSheet('Register');
    expect(ss.getActiveSheet().getName()).toBe('Register');
    ss.insertSheet('Settings', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Settings', 'Sheet1', 'Register']);
    expect(register.getIndex()).toBe(3);
    expect(() => ss.insertSheet('register')).toThrow(
      'A sheet with the name "register" already exists. Please enter another name.',
    );
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    expect(register.getMaxRows()).toBe(1000);
    expect(register.getParent().getId()).toBe(ss.getId());
  });

  test('getSheetByName returns null when missing; getSheetById finds by id', () => {
    const { app } = setup();
    const ss = app.getActiveSpreadsheet();
    const summary = ss.insertSheet('Summary');
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.getSheetByName('Summary')?.getSheetId()).toBe(summary.getSheetId());
    expect(ss.getSheetById(summary.getSheetId())?.getName()).toBe('Summary');
    expect(ss.getSheetById(123)).toBeNull();
    expect(ss.getSheets()[0]?.getSheetId()).toBe(0);
  });

  test('setName refuses a name another sheet has', () => {
    const { app, sheet } = setup();
    app.getActiveSpreadsheet().insertSheet('Register');
    expect(() => sheet.setName('REGISTER')).toThrow(
      'A sheet with the name "REGISTER" already exists. Please enter another name.',
    );
    sheet.setName('Intro');
    expect(sheet.getName()).toBe('Intro');
  });

  test('deleteSheet removes a sheet but never the only one', () => {
    const { app, sheet } = setup();
    const ss = app.getActiveSpreadsheet();
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets in a document.");
    const extra = ss.insertSheet('Extra');
    ss.deleteSheet(extra);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
  });

  test('setActiveSheet and Sheet.activate change the active sheet', () => {
    const { app, sheet } = setup();
    const ss = app.getActiveSpreadsheet();
    ss.insertSheet('B');
    ss.setActiveSheet(sheet);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    expect(app.getActiveSheet().getName()).toBe('Sheet1');
    ss.getSheetByName('B')?.activate();
    expect(ss.getActiveSheet().getName()).toBe('B');
  });

  test('hideSheet refuses to hide the last visible sheet', () => {
    const { app, sheet } = setup();
    expect(() => sheet.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    app.getActiveSpreadsheet().insertSheet('Other');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
  });
});

describe('A1 notation and range geometry', () => {
  test('Spreadsheet.getRange reads a sheet-qualified reference, quoted names included', () => {
    const { app } = setup();
    const ss = app.getActiveSpreadsheet();
    ss.insertSheet("Pupils' notes");
    const r = ss.getRange("'Pupils'' notes'!B2:D5");
    expect(r.getSheet().getName()).toBe("Pupils' notes");
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 2, 4, 3]);
    expect([r.getLastRow(), r.getLastColumn()]).toEqual([5, 4]);
    expect(r.getA1Notation()).toBe('B2:D5');
    // Without a sheet name: the active sheet.
    expect(ss.getRange('A1').getSheet().getName()).toBe("Pupils' notes");
    expect(() => ss.getRange('Nowhere!A1')).toThrow('Range not found');
  });

  test('whole columns, whole rows, open-ended and absolute references', () => {
    const { sheet } = setup();
    const cols = sheet.getRange('A:C');
    expect([cols.getRow(), cols.getNumRows(), cols.getNumColumns(), cols.getA1Notation()]).toEqual([
      1,
      1000,
      3,
      'A:C',
    ]);
    const rows = sheet.getRange('2:3');
    expect([rows.getRow(), rows.getNumRows(), rows.getNumColumns(), rows.getA1Notation()]).toEqual([
      2,
      2,
      26,
      '2:3',
    ]);
    const open = sheet.getRange('B5:C');
    expect([open.getRow(), open.getLastRow(), open.getColumn(), open.getLastColumn()]).toEqual([
      5, 1000, 2, 3,
    ]);
    expect(sheet.getRange('$B$2').getA1Notation()).toBe('B2');
    expect(sheet.getRange('C3:A1').getA1Notation()).toBe('A1:C3');
    sheet.insertColumnsAfter(26, 2);
    expect([sheet.getRange('AA1').getColumn(), sheet.getRange('AB3').getA1Notation()]).toEqual([27, 'AB3']);
  });

  test('bad references and coordinates fail with Apps Script messages', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => sheet.getRange('A0')).toThrow('Range not found');
    expect(() => sheet.getRange('A1001')).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(999, 1, 3, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, -2, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
    expect(() => sheet.getRange(1.5, 1)).toThrow('Cannot convert 1.5 to int.');
    const loose = sheet as unknown as { getRange: (...a: unknown[]) => unknown };
    expect(() => loose.getRange('1', 2)).toThrow(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  test('getCell and offset are relative to the range', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:D4');
    expect(r.getCell(2, 3).getA1Notation()).toBe('D3');
    expect(() => r.getCell(4, 1)).toThrow('Cell reference out of range');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:E5');
    expect(r.offset(-1, 0, 1, 1).getA1Notation()).toBe('B1');
    expect(() => r.offset(-2, 0)).toThrow('The starting row of the range is too small.');
  });
});

describe('values', () => {
  test('getValues returns fresh copies: empty cells are "", numbers and booleans keep their type', () => {
    const { sheet } = setup();
    const input: unknown[][] = [
      [1, 'a', true],
      [2.5, '', false],
    ];
    sheet.getRange('A1:C2').setValues(input);
    (input[0] as unknown[])[0] = 'changed after writing';
    const read = sheet.getRange('A1:D2').getValues();
    expect(read).toEqual([
      [1, 'a', true, ''],
      [2.5, '', false, ''],
    ]);
    (read[0] as unknown[])[1] = 'changed after reading';
    expect(sheet.getRange('A1:D2').getValues()).toEqual([
      [1, 'a', true, ''],
      [2.5, '', false, ''],
    ]);
    expect(sheet.getRange('B1').getValue()).toBe('a');
  });

  test('setValue on several cells sets each of them', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  test('setValues checks the data shape with Apps Script messages', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:C2');
    expect(() => r.setValues([[1, 2, 3]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() =>
      r.setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(() =>
      r.setValues([
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    const loose = r as unknown as { setValues: (v: unknown) => unknown };
    expect(() => loose.setValues([1, 2, 3])).toThrow(
      "don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('a write that fails on one value leaves every cell as it was', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['keep', 'me']]);
    expect(() => sheet.getRange('A1:B1').setValues([['new', '2026-09-01']])).toThrow(
      'not emulated: date parsing of text input',
    );
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['keep', 'me']]);
  });

  test('Dates come back as Dates of the script realm, with the same instant', () => {
    const { ws, sheet } = setup();
    const ScriptDate = vm.runInNewContext('Date') as DateConstructor;
    ws.installScript({}, { Date: ScriptDate });
    const when = new ScriptDate(Date.UTC(2026, 8, 7, 8, 30));
    sheet.getRange('A1').setValue(when);
    const back = sheet.getRange('A1').getValue() as Date;
    expect(back instanceof ScriptDate).toBe(true);
    expect(back instanceof Date).toBe(false);
    expect(back.getTime()).toBe(when.getTime());
    expect(back).not.toBe(when);
    // Writing a Date gives an unformatted cell Sheets' date-time format (en_GB).
    expect(sheet.getRange('A1').getNumberFormat()).toBe('dd/MM/yyyy HH:mm:ss');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('07/09/2026 09:30:00');
  });
});

describe('text input is parsed as Sheets parses typed text', () => {
  test('= starts a formula: kept in getFormulas, its value cannot be read', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['=SUM(C1:C9)', 'plain']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=SUM(C1:C9)', '']]);
    expect(sheet.getRange('A1').getFormula()).toBe('=SUM(C1:C9)');
    expect(() => sheet.getRange('A1:B1').getValues()).toThrow('not emulated: formula evaluation');
    expect(() => sheet.getRange('A1').getDisplayValues()).toThrow('not emulated: formula evaluation');
    expect(sheet.getRange('B1').getValue()).toBe('plain');
    expect(sheet.getLastRow()).toBe(1);
  });

  test('a leading + or - before text also starts a formula; signed numbers stay numbers', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['- called parents', '+44 20 7946 0000', '-5']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['=- called parents', '=+44 20 7946 0000', '']]);
    expect(sheet.getRange('C1').getValue()).toBe(-5);
  });

  test('a leading apostrophe stores the rest as text and hides the apostrophe', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['\'=HYPERLINK("x")', "'007", "'TRUE", "'2026-09-01"]]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['=HYPERLINK("x")', '007', 'TRUE', '2026-09-01']]);
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([
      ['=HYPERLINK("x")', '007', 'TRUE', '2026-09-01'],
    ]);
    expect(sheet.getRange('A1:D1').getFormulas()).toEqual([['', '', '', '']]);
  });

  test('numeric text becomes a number and TRUE/FALSE booleans', () => {
    const { sheet } = setup();
    sheet.getRange('A1:F1').setValues([['007', '1,234.5', '50%', ' 42 ', 'true', 'FALSE']]);
    expect(sheet.getRange('A1:F1').getValues()).toEqual([[7, 1234.5, 0.5, 42, true, false]]);
    sheet.appendRow(['12']);
    expect(sheet.getRange('A2').getValue()).toBe(12);
  });

  test("plain-text cells ('@') keep text exactly as written", () => {
    const { sheet } = setup();
    sheet.getRange('A1:E1').setNumberFormat('@');
    sheet.getRange('A1:E1').setValues([['007', 'TRUE', '=1+1', '2026-09-01', '- dash']]);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['007', 'TRUE', '=1+1', '2026-09-01', '- dash']]);
    expect(sheet.getRange('A1:E1').getFormulas()).toEqual([['', '', '', '', '']]);
    expect(sheet.getRange('A1:E1').getDisplayValues()).toEqual([
      ['007', 'TRUE', '=1+1', '2026-09-01', '- dash'],
    ]);
    expect(() => sheet.getRange('A1').setValue("'quoted")).toThrow(
      "not emulated: quote prefix (') in a plain-text ('@') cell",
    );
  });

  test.each([
    '2026-09-01',
    '1/9/2026',
    '01-09-26',
    '10:30',
    '9:05 pm',
    '1 Sep 2026',
    'September 1, 2026',
    '25/12',
  ])('date-like text %s is refused unless protected', (text) => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue(text)).toThrow('not emulated: date parsing of text input');
    sheet.getRange('A1').setValue(`'${text}`);
    expect(sheet.getRange('A1').getValue()).toBe(text);
  });

  test('text that only looks a little like a date or number stays text', () => {
    const { sheet } = setup();
    const texts = ['Year 9', 'OSI-2026-0042', '07700 900123', 'May', 'in school', '1.2.3', '@handle'];
    sheet.getRange(1, 1, 1, texts.length).setValues([texts]);
    expect(sheet.getRange(1, 1, 1, texts.length).getValues()).toEqual([texts]);
  });

  test('currency text is refused (its number format is not emulated)', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue('£5')).toThrow('not emulated: currency parsing of text input');
  });

  test('values that cannot be cells are refused', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue({ a: 1 })).toThrow(
      'not emulated: writing a value of type object',
    );
    expect(() => sheet.getRange('A1').setValue(NaN)).toThrow('not emulated: writing NaN to a cell');
    sheet.getRange('A1').setValue(null);
    expect(sheet.getRange('A1').getValue()).toBe('');
  });
});

describe('limits', () => {
  test('a cell holds at most 50,000 characters', () => {
    const { sheet } = setup();
    const max = 'x'.repeat(50000);
    sheet.getRange('A1').setValue(max);
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50000);
    expect(() => sheet.getRange('A2').setValue(`${max}y`)).toThrow(CELL_TOO_LONG);
    expect(() => sheet.appendRow([`${max}y`])).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });

  test('a spreadsheet holds at most 10,000,000 cells', () => {
    const { app, sheet } = setup();
    // 26,000 cells now; 384,000 more rows of 26 columns would make 10,010,000.
    expect(() => sheet.insertRowsAfter(1000, 384000)).toThrow(TOO_MANY_CELLS);
    expect(sheet.getMaxRows()).toBe(1000);
    sheet.insertRowsAfter(1000, 383000); // 9,984,000 cells: allowed
    expect(sheet.getMaxRows()).toBe(384000);
    expect(() => app.getActiveSpreadsheet().insertSheet('More')).toThrow(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    expect(() => sheet.insertColumnsAfter(26, 1)).toThrow(TOO_MANY_CELLS);
  });
});

describe('display values', () => {
  test('numbers by simple number formats, booleans as TRUE/FALSE', () => {
    const { sheet } = setup();
    sheet.getRange('A1:G1').setValues([[3.14159, 3.14159, 3.14159, 1234567.891, 0.256, 0.1 + 0.2, true]]);
    sheet.getRange('A1').setNumberFormat('0');
    sheet.getRange('B1').setNumberFormat('0.0');
    sheet.getRange('C1').setNumberFormat('0.00');
    sheet.getRange('D1').setNumberFormat('#,##0.00');
    sheet.getRange('E1').setNumberFormat('0.0%');
    expect(sheet.getRange('A1:G1').getDisplayValues()).toEqual([
      ['3', '3.1', '3.14', '1,234,567.89', '25.6%', '0.3', 'TRUE'],
    ]);
    sheet.getRange('A2').setValue(42);
    sheet.getRange('A2').setNumberFormat('@');
    expect(sheet.getRange('A2').getDisplayValue()).toBe('42');
    sheet.getRange('A3').setValue(5).setNumberFormat('$#,##0');
    expect(() => sheet.getRange('A3').getDisplayValue()).toThrow('not emulated: number format $#,##0');
  });

  test('dates by Sheets date formats in the spreadsheet time zone', () => {
    const { app, sheet } = setup();
    // 2026-03-05 14:07:09 UTC is a Thursday; London is on GMT then.
    const when = new Date(Date.UTC(2026, 2, 5, 14, 7, 9));
    const formats = [
      'yyyy-mm-dd',
      'dd/mm/yy',
      'd mmm yyyy',
      'dddd d mmmm yyyy',
      'ddd',
      'hh:mm:ss',
      'h:mm am/pm',
      'H:mm',
      'm/d/yyyy h:mm',
      '"Week of" d mmm',
    ];
    sheet.getRange(1, 1, 1, formats.length).setValues([formats.map(() => when)]);
    sheet.getRange(1, 1, 1, formats.length).setNumberFormats([formats]);
    expect(sheet.getRange(1, 1, 1, formats.length).getDisplayValues()).toEqual([
      [
        '2026-03-05',
        '05/03/26',
        '5 Mar 2026',
        'Thursday 5 March 2026',
        'Thu',
        '14:07:09',
        '2:07 pm',
        '14:07',
        '3/5/2026 14:07',
        'Week of 5 Mar',
      ],
    ]);
    // A cell holds a serial on the wall clock: a new zone keeps the display (see date-cells.test.ts).
    app.getActiveSpreadsheet().setSpreadsheetTimeZone('Pacific/Auckland'); // UTC+13 in March
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2026-03-05');
    expect(sheet.getRange('F1').getDisplayValue()).toBe('14:07:09');
  });

  test('display follows daylight saving time changes in the spreadsheet time zone', () => {
    const { sheet } = setup();
    // Clocks in London go forward at 01:00 UTC on 29 March 2026.
    sheet
      .getRange('A1:A2')
      .setValues([[new Date(Date.UTC(2026, 2, 29, 0, 59, 59))], [new Date(Date.UTC(2026, 2, 29, 1))]]);
    expect(sheet.getRange('A1:A2').getDisplayValues()).toEqual([
      ['29/03/2026 00:59:59'],
      ['29/03/2026 02:00:00'],
    ]);
  });

  test('the default date display is dd/MM/yyyy HH:mm:ss', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(new Date(Date.UTC(2026, 11, 24, 23, 59, 58)));
    expect(sheet.getRange('A1').getDisplayValue()).toBe('24/12/2026 23:59:58');
  });

  test('formats outside the emulated subset say so', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(new Date(0)).setNumberFormat('yyyy [h]');
    expect(() => sheet.getRange('A1').getDisplayValue()).toThrow('not emulated: date format yyyy [h]');
    sheet.getRange('A2').setValue(new Date(0)).setNumberFormat('0.00');
    expect(() => sheet.getRange('A2').getDisplayValue()).toThrow('not emulated: display of a date');
  });
});

describe('sheet extent and structure', () => {
  test('getLastRow/getLastColumn/getDataRange follow content', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('E2').setValue(1);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 5]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:E5');
    sheet.getRange('C5').setValue('');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([2, 5]);
    sheet.getRange('A1').setBackground('#ff0000'); // formats are not content
    sheet.getRange('E2').clearContent();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
  });

  test('appendRow writes after the last row and grows a full grid', () => {
    const { app } = setup();
    const small = app.create('Small', 2, 2).getSheets()[0] as Sheet;
    small.appendRow(['a', 'b']);
    small.appendRow(['c', 'd']);
    expect(small.getMaxRows()).toBe(2);
    small.appendRow(['e', 'f', 'g']);
    expect([small.getMaxRows(), small.getMaxColumns()]).toEqual([3, 3]);
    expect(small.getDataRange().getValues()).toEqual([
      ['a', 'b', ''],
      ['c', 'd', ''],
      ['e', 'f', 'g'],
    ]);
  });

  test('inserting and deleting rows and columns moves the cells', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['one'], ['two'], ['three']]);
    sheet.getRange('A2').setBackground('#00ff00');
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['one'], [''], [''], ['two'], ['three']]);
    sheet.insertRowsBefore(4, 1);
    expect(sheet.getRange('A5').getValue()).toBe('two');
    expect(sheet.getRange('A4').getBackground()).toBe('#00ff00'); // inherits the format of the row it pushed down
    sheet.deleteRows(2, 3);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['one'], ['two'], ['three']]);
    expect(sheet.getMaxRows()).toBe(1000);
    sheet.insertColumnsAfter(1, 1);
    sheet.getRange('B1').setValue('new');
    sheet.deleteColumns(1, 1);
    expect(sheet.getRange('A1').getValue()).toBe('new');
    expect(sheet.getMaxColumns()).toBe(26);
  });

  test('structural errors use Sheets messages', () => {
    const { sheet } = setup();
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowsAfter(0, 1)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteColumns(27, 1)).toThrow('Those columns are out of bounds.');
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
    expect(() => sheet.deleteColumns(1, 26)).toThrow(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
    expect(() => sheet.setFrozenRows(1000)).toThrow("You can't freeze all visible rows on the sheet.");
  });

  test('frozen rows and columns, widths, hidden columns and tab colour', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    expect(sheet.getColumnWidth(3)).toBe(100);
    sheet.setColumnWidth(3, 250);
    sheet.setColumnWidths(4, 2, 60);
    expect([sheet.getColumnWidth(3), sheet.getColumnWidth(4), sheet.getColumnWidth(5)]).toEqual([
      250, 60, 60,
    ]);
    sheet.getRange('F1:F2').setValues([['short'], ['a much longer piece of text in this column']]);
    sheet.autoResizeColumns(6, 1);
    expect(sheet.getColumnWidth(6)).toBeGreaterThan(250);
    sheet.hideColumns(2, 2);
    expect([
      sheet.isColumnHiddenByUser(2),
      sheet.isColumnHiddenByUser(3),
      sheet.isColumnHiddenByUser(4),
    ]).toEqual([true, true, false]);
    sheet.insertColumnsBefore(1, 1); // widths and hidden columns move with their columns
    expect([sheet.getColumnWidth(4), sheet.isColumnHiddenByUser(3), sheet.isColumnHiddenByUser(2)]).toEqual([
      250,
      true,
      false,
    ]);
    sheet.deleteColumns(1, 2);
    expect([sheet.getColumnWidth(2), sheet.isColumnHiddenByUser(1)]).toEqual([250, true]);
    sheet.setTabColor('red');
    expect(sheet.getTabColor()).toBe('#ff0000');
  });

  test('clear, clearContents and clearFormats', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setValues([['a', 'b']])
      .setBackground('#abcdef')
      .setNumberFormat('@');
    sheet.clearFormats();
    expect([r.getValues(), r.getBackground(), r.getNumberFormat()]).toEqual([
      [['a', 'b']],
      '#ffffff',
      '0.###############',
    ]);
    r.setBackground('#abcdef');
    sheet.clearContents();
    expect([r.getValues(), r.getBackground()]).toEqual([[['', '']], '#abcdef']);
    r.setValue('x');
    sheet.clear();
    expect([r.getValues(), r.getBackground()]).toEqual([[['', '']], '#ffffff']);
    r.setValue('y').setBackground('#000000');
    r.clear({ contentsOnly: true });
    expect([r.getValue(), r.getBackground()]).toEqual(['', '#000000']);
  });
});

describe('formats and notes', () => {
  test('backgrounds, fonts, wrap and alignment with Sheets defaults', () => {
    const { app, sheet } = setup();
    const r = sheet.getRange('A1:B2');
    expect([
      r.getBackground(),
      r.getFontWeight(),
      r.getFontColor(),
      r.getWrap(),
      r.getNumberFormat(),
    ]).toEqual(['#ffffff', 'normal', '#000000', false, '0.###############']);
    r.setBackground('#FFF').setFontWeight('bold').setFontColor('Blue').setWrap(true).setFontSize(12);
    r.setHorizontalAlignment('center').setVerticalAlignment('top');
    expect([r.getBackground(), r.getFontWeight(), r.getFontColor(), r.getWrap(), r.getFontSize()]).toEqual([
      '#ffffff',
      'bold',
      '#0000ff',
      true,
      12,
    ]);
    expect([r.getHorizontalAlignment(), r.getVerticalAlignment()]).toEqual(['center', 'top']);
    r.setWrapStrategy(app.WrapStrategy.CLIP);
    expect(r.getWrapStrategy()).toBe(app.WrapStrategy.CLIP);
    r.setBackgrounds([
      ['#ff0000', null],
      [null, '#00ff00'],
    ]);
    expect(r.getBackgrounds()).toEqual([
      ['#ff0000', '#ffffff'],
      ['#ffffff', '#00ff00'],
    ]);
    r.setFontWeights([
      ['bold', 'normal'],
      ['normal', 'bold'],
    ]);
    expect(r.getFontWeights()).toEqual([
      ['bold', 'normal'],
      ['normal', 'bold'],
    ]);
    expect(() => r.setFontWeight('heavy' as 'bold')).toThrow('Invalid argument: fontWeight');
    expect(() => r.setBackground('not-a-colour')).toThrow('Invalid argument: color');
    expect(() => r.setNumberFormats([['@']])).toThrow('The number of rows in the data does not match');
  });

  test('notes are per cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setNote('check with DSL');
    expect(sheet.getRange('B1').getNote()).toBe('check with DSL');
    sheet.getRange('B1').setNote(null);
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['check with DSL', '']]);
  });
});

describe('call counting and unknown members', () => {
  test('each facade method call counts once, calls inside the emulator do not', () => {
    const { ws, sheet } = setup();
    ws.calls.reset();
    const range = sheet.getRange(2, 1, 1, 3);
    range.setValues([['a', 'b', 'c']]);
    range.setValues([['d', 'e', 'f']]);
    sheet.appendRow(['g']);
    expect(ws.calls.get('Sheet.getRange')).toBe(1);
    expect(ws.calls.get('Range.setValues')).toBe(2);
    expect(ws.calls.get('Sheet.appendRow')).toBe(1);
    expect(ws.calls.byMethod()).toEqual({ 'Range.setValues': 2, 'Sheet.appendRow': 1, 'Sheet.getRange': 1 });
    expect(ws.calls.byService()).toEqual({ SpreadsheetApp: 4 });
  });

  test('an Apps Script method the emulator does not model throws "not emulated"', () => {
    const { app, sheet } = setup();
    const range = sheet.getRange('A1') as unknown as Record<string, () => unknown>;
    expect(() => range.fooBar?.()).toThrow('not emulated: Range.fooBar');
    expect(() => (sheet as unknown as Record<string, () => unknown>).sort?.()).toThrow(
      'not emulated: Sheet.sort',
    );
    expect(() => (app as unknown as Record<string, () => unknown>).getSelection?.()).toThrow(
      'not emulated: SpreadsheetApp.getSelection',
    );
    expect(() => app.getActiveSpreadsheet().insertSheet({ template: sheet })).toThrow(
      'not emulated: Spreadsheet.insertSheet with options (templates)',
    );
  });
});
