/**
 * The Sheets API requests Set up sends are built from the product's 1-based positions: the GridRange must be
 * 0-based with exclusive ends, a repeatCell's field mask must name exactly what it sets (a field named but
 * left out would be cleared on the sheet), and number formats must carry the API's type.
 */
import {
  apiColour,
  formatCells,
  frozen,
  gridRange,
  numberFormatType,
  protectForRunner,
} from '../../src/domain/sheet-requests';

describe('Sheets API request builders', () => {
  test('row 2, column 3, 10 rows by 2 columns is rows 1–11 and columns 2–4, end exclusive', () => {
    expect(gridRange({ sheetId: 7, row: 2, col: 3, numRows: 10, numCols: 2 })).toEqual({
      sheetId: 7,
      startRowIndex: 1,
      endRowIndex: 11,
      startColumnIndex: 2,
      endColumnIndex: 4,
    });
  });

  test('a repeatCell names in its mask only the properties it sets', () => {
    const block = { sheetId: 1, row: 1, col: 1, numRows: 1, numCols: 1 };
    const wrapOnly = formatCells(block, { wrap: false }) as { repeatCell: { fields: string; cell: unknown } };
    expect(wrapOnly.repeatCell.fields).toBe('userEnteredFormat.wrapStrategy');
    expect(wrapOnly.repeatCell.cell).toEqual({ userEnteredFormat: { wrapStrategy: 'OVERFLOW_CELL' } });
    const header = formatCells(block, { bold: true, fontColor: '#ffffff', background: '#1f3864' }) as {
      repeatCell: { fields: string };
    };
    expect(header.repeatCell.fields.split(',').sort()).toEqual([
      'userEnteredFormat.backgroundColor',
      'userEnteredFormat.textFormat.bold',
      'userEnteredFormat.textFormat.foregroundColor',
    ]);
    expect(() => formatCells(block, {})).toThrow(/nothing to set/);
  });

  test('colours, number format types, frozen panes and a runner-only protection', () => {
    expect(apiColour('#ff8000')).toEqual({ red: 1, green: 128 / 255, blue: 0 });
    expect(() => apiColour('navy')).toThrow();
    expect(numberFormatType('dd/mm/yyyy')).toBe('DATE');
    expect(numberFormatType('dd/mm/yyyy hh:mm')).toBe('DATE_TIME');
    expect(numberFormatType('@')).toBe('TEXT');
    expect(frozen(3, 1)).toEqual({
      updateSheetProperties: {
        properties: { sheetId: 3, gridProperties: { frozenRowCount: 1 } },
        fields: 'gridProperties.frozenRowCount',
      },
    });
    const p = protectForRunner(
      { sheetId: 3, row: 1, col: 1, numRows: 1, numCols: 4 },
      'x',
      'dsl@s.example',
    ) as {
      addProtectedRange: { protectedRange: { editors: unknown } };
    };
    expect(p.addProtectedRange.protectedRange.editors).toEqual({
      users: ['dsl@s.example'],
      domainUsersCanEdit: false,
    });
  });
});
