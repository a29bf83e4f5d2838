/**
 * SpreadsheetApp emulator at the register's largest expected size: 50,000 rows × 40 columns. Reads and
 * writes of the whole block, appending, and finding one ID must stay fast (the limits below are
 * generous multiples of what the emulator takes on a laptop, so they fail only on a real regression).
 */
import type { Workspace } from '../../emulator/workspace';
import { spreadsheetWorkspace } from './support';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const ROWS = 50_000;
const COLS = 40;

function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

function bigRegister(): { ws: Workspace; sheet: Sheet; data: unknown[][] } {
  const { ws, sheet } = spreadsheetWorkspace();
  sheet.insertRowsAfter(1000, ROWS - 1000);
  sheet.insertColumnsAfter(26, COLS - 26);
  const base = Date.UTC(2026, 0, 1);
  const data: unknown[][] = [];
  for (let r = 0; r < ROWS; r += 1) {
    const row: unknown[] = [
      `OSI-2026-${String(r + 1).padStart(5, '0')}`,
      new Date(base + r * 60_000),
      r % 7 === 0,
    ];
    for (let c = 3; c < COLS; c += 1)
      row.push(c % 2 === 0 ? r * c : `answer ${r}/${c} with some words in it`);
    data.push(row);
  }
  return { ws, sheet, data };
}

describe('50,000 × 40 register', () => {
  test('setValues, getValues and getDisplayValues of the whole block are fast and exact', () => {
    const { sheet, data } = bigRegister();
    const range = sheet.getRange(1, 1, ROWS, COLS);
    const write = timed(() => range.setValues(data));
    expect(write.ms).toBeLessThan(5000);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([ROWS, COLS]);

    const read = timed(() => range.getValues());
    expect(read.ms).toBeLessThan(3000);
    const values = read.result;
    expect(values).toHaveLength(ROWS);
    expect(values[ROWS - 1]?.[0]).toBe('OSI-2026-50000');
    expect((values[12_345]?.[1] as Date).getTime()).toBe((data[12_345]?.[1] as Date).getTime());
    expect(values[700]?.[4]).toBe(700 * 4);
    expect(values[7]?.[2]).toBe(true);

    const display = timed(() => sheet.getRange(1, 1, ROWS, 3).getDisplayValues());
    expect(display.ms).toBeLessThan(4000);
    expect(display.result[0]).toEqual(['OSI-2026-00001', '01/01/2026 00:00:00', 'TRUE']);
  });

  test('TextFinder finds one ID among 50,000 rows in a single quick call', () => {
    const { ws, sheet, data } = bigRegister();
    sheet.getRange(1, 1, ROWS, COLS).setValues(data);
    ws.calls.reset();
    const found = timed(() =>
      sheet.getRange('A:A').createTextFinder('OSI-2026-49999').matchEntireCell(true).findNext(),
    );
    expect(ws.calls.byMethod()).toEqual({
      'Range.createTextFinder': 1,
      'Sheet.getRange': 1,
      'TextFinder.findNext': 1,
      'TextFinder.matchEntireCell': 1,
    });
    expect(found.result?.getRow()).toBe(49_999);
    expect(found.ms).toBeLessThan(500);
    // The whole sheet (2,000,000 cells) when the ID is not there at all.
    const missing = timed(() => sheet.createTextFinder('OSI-2027-00001').matchEntireCell(true).findNext());
    expect(missing.result).toBeNull();
    expect(missing.ms).toBeLessThan(3000);
  });

  test('appending rows and reading the last row stay cheap on a full register', () => {
    const { sheet, data } = bigRegister();
    sheet.getRange(1, 1, ROWS - 1000, COLS).setValues(data.slice(0, ROWS - 1000));
    const appended = timed(() => {
      for (let i = 0; i < 1000; i += 1) sheet.appendRow(data[ROWS - 1000 + i] as unknown[]);
    });
    expect(appended.ms).toBeLessThan(2000);
    expect(sheet.getLastRow()).toBe(ROWS);
    expect(sheet.getMaxRows()).toBe(ROWS);
    sheet.appendRow(['one more']);
    expect([sheet.getLastRow(), sheet.getMaxRows()]).toEqual([ROWS + 1, ROWS + 1]);
    sheet.getRange(ROWS + 1, 1).clearContent();
    const last = timed(() => [sheet.getLastRow(), sheet.getLastColumn()]);
    expect(last.result).toEqual([ROWS, COLS]);
    expect(last.ms).toBeLessThan(500);
  });
});
