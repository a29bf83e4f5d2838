/**
 * Why: a date cell in Sheets holds a serial number on the spreadsheet's wall clock, not an instant. An
 * emulator that kept instants would let a product pass tests whose dates silently move on a real
 * spreadsheet once someone changes File › Settings › Time zone. These tests pin the serial model.
 *
 * Reference (https://developers.google.com/sheets/api/guides/formats, "About date and time values"):
 * "Sheets, like most other spreadsheet applications, treats date and time values as decimal values …
 * The whole number portion of the value (left of the decimal) counts the days since December 30, 1899.
 * The fractional portion (right of the decimal) counts the time as a fraction of the day."
 */
import { SerialDate } from '../../emulator/sheets/cells';
import { runAs, spreadsheetWorkspace } from './support';

const DAY = 86_400_000;
/** The serial of a wall-clock time: days since 1899-12-30 (25569 of them before 1970-01-01). */
const serialOf = (y: number, mo: number, d: number, h = 0, mi = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi) / DAY + 25569;

const EDITOR = 'deputy@school.example';
const VIEWER = 'teacher@school.example';

function setup() {
  const env = spreadsheetWorkspace({ timeZone: 'Europe/London' });
  const ss = env.app.getActiveSpreadsheet();
  const book = env.ws.spreadsheets.book(env.ws.containerId);
  const stored = (row: number, col: number) => book.sheets[0]?.values.get(row - 1, col - 1);
  return { ...env, ss, book, stored };
}

describe('a date cell stores a serial on the spreadsheet wall clock', () => {
  test('writing a Date stores its wall clock in the spreadsheet zone at the moment of writing', () => {
    const { sheet, stored } = setup();
    // 2026-10-01 09:00 in London (BST, UTC+1) is 08:00 UTC.
    sheet.getRange('A1').setValue(new Date(Date.UTC(2026, 9, 1, 8, 0)));
    const cell = stored(1, 1);
    expect(cell).toBeInstanceOf(SerialDate);
    expect((cell as SerialDate).serial).toBe(serialOf(2026, 10, 1, 9, 0));
  });

  test('without a zone change, the Date read back is the instant written (to the millisecond)', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2026, 2, 29, 0, 59, 59, 123)); // just before London's spring change
    sheet.getRange('A1').setValues([[when]]);
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(when.getTime());
  });

  test('setSpreadsheetTimeZone keeps the wall clock and moves the instant read back', () => {
    const { ss, sheet } = setup();
    sheet.getRange('A1').setValue(new Date(Date.UTC(2026, 9, 1, 8, 0))); // 09:00 London
    expect(sheet.getRange('A1').getDisplayValue()).toBe('01/10/2026 09:00:00');
    ss.setSpreadsheetTimeZone('America/New_York');
    // Now 09:00 New York (EDT, UTC−4): 13:00 UTC, a different instant.
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-10-01T13:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('01/10/2026 09:00:00');
  });

  test('a Date written after the change is stored on the new zone’s clock', () => {
    const { ss, sheet, stored } = setup();
    ss.setSpreadsheetTimeZone('America/New_York');
    sheet.getRange('A1').setValue(new Date(Date.UTC(2026, 9, 1, 8, 0))); // 04:00 New York
    expect((stored(1, 1) as SerialDate).serial).toBe(serialOf(2026, 10, 1, 4, 0));
    expect(sheet.getRange('A1').getDisplayValue()).toBe('01/10/2026 04:00:00');
  });

  test('a wall clock the new zone skips reads as the instant after the gap (unconfirmed: Java rule)', () => {
    const { ss, sheet } = setup();
    ss.setSpreadsheetTimeZone('America/New_York');
    // 2027-03-28 01:30 New York; London skips 01:00–02:00 that night.
    sheet.getRange('A1').setValue(new Date(Date.UTC(2027, 2, 28, 5, 30)));
    ss.setSpreadsheetTimeZone('Europe/London');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  test('appendRow, setValues and the workspace snapshot follow the same model', () => {
    const { ws, ss, sheet } = setup();
    sheet.appendRow(['x', new Date(Date.UTC(2026, 0, 15, 12, 0))]); // 12:00 London (GMT)
    ss.setSpreadsheetTimeZone('Asia/Tokyo');
    expect(ws.spreadsheets._sheetValues('Sheet1')).toEqual([['x', '2026-01-15T03:00:00.000Z']]);
    expect(sheet.getRange('B1').getDisplayValue()).toBe('15/01/2026 12:00:00');
  });
});

describe('a person changing File › Settings › Time zone', () => {
  test('an editor may; reading shows the same wall clock as a new instant', () => {
    const { ws, sheet, ss } = setup();
    ss.addEditor(EDITOR);
    sheet.getRange('A1').setValue(new Date(Date.UTC(2026, 9, 1, 8, 0)));
    ws.spreadsheets._setTimeZone(EDITOR, ws.containerId, 'America/New_York');
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-10-01T13:00:00.000Z');
  });

  test('a viewer or an outsider may not', () => {
    const { ws, ss } = setup();
    ss.addViewer(VIEWER);
    expect(() => ws.spreadsheets._setTimeZone(VIEWER, ws.containerId, 'America/New_York')).toThrow(
      'not an editor',
    );
    expect(() =>
      ws.spreadsheets._setTimeZone('stranger@elsewhere.example', ws.containerId, 'America/New_York'),
    ).toThrow('not an editor');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/London');
  });
});

describe('the edit event of a date cell', () => {
  test('e.value and e.oldValue are the stored serial, whatever the zone is now', () => {
    const { ws, ss, sheet } = setup();
    const events: Array<Record<string, unknown>> = [];
    sheet.getRange('A1').setValue(new Date(Date.UTC(2026, 9, 1, 8, 0))); // 09:00 London
    ss.setSpreadsheetTimeZone('America/New_York');
    ws.installScript({ onEdit: (e: unknown) => events.push(e as Record<string, unknown>) });
    // A person enters a date: 2026-10-02 09:00 New York (13:00 UTC).
    ws.spreadsheets._userEdit(
      ws.owner,
      ws.containerId,
      'Sheet1',
      'A1',
      new Date(Date.UTC(2026, 9, 2, 13, 0)),
    );
    expect(events[0]?.oldValue).toBe(String(serialOf(2026, 10, 1, 9, 0)));
    expect(events[0]?.value).toBe(String(serialOf(2026, 10, 2, 9, 0)));
  });
});

describe('text that Sheets would parse stays "not emulated" unless written as text', () => {
  test('date-like text throws; with a quote prefix or in a plain-text cell it is text', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue('2026-10-01 09:00')).toThrow(
      'not emulated: date parsing of text input',
    );
    expect(() => sheet.getRange('A1').setValue('1 Oct 2026')).toThrow(
      'not emulated: date parsing of text input',
    );
    sheet.getRange('A2').setValue("'2026-10-01");
    expect(sheet.getRange('A2').getValue()).toBe('2026-10-01');
    sheet.getRange('A3').setNumberFormat('@').setValue('2026-10-01');
    expect(sheet.getRange('A3').getValue()).toBe('2026-10-01');
  });
});

describe('data validation compares dates as serials', () => {
  test('after a zone change the rule date and the entry are compared on the same (new) clock', () => {
    const { ws, ss, sheet } = setup();
    const rule = runAs(ws, ws.owner, () =>
      (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .newDataValidation()
        // On or after 2026-10-01 00:00 London.
        .requireDateOnOrAfter(new Date(Date.UTC(2026, 8, 30, 23, 0)))
        .setAllowInvalid(false)
        .build(),
    );
    sheet.getRange('A1').setDataValidation(rule);
    // 2026-10-01 00:30 London: passes.
    ws.spreadsheets._userEdit(
      ws.owner,
      ws.containerId,
      'Sheet1',
      'A1',
      new Date(Date.UTC(2026, 8, 30, 23, 30)),
    );
    ss.setSpreadsheetTimeZone('UTC');
    // The rule's date is now 2026-09-30 23:00 on the UTC clock; 22:30 UTC is before it.
    expect(() =>
      ws.spreadsheets._userEdit(
        ws.owner,
        ws.containerId,
        'Sheet1',
        'A1',
        new Date(Date.UTC(2026, 8, 30, 22, 30)),
      ),
    ).toThrow('violates the data validation rules');
  });
});
