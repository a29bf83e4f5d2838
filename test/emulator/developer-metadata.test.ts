/**
 * Developer metadata as the emulator models it (emulator/sheets/metadata.ts): where it lives, who sees it,
 * what happens to it when its sheet is renamed, duplicated or deleted, and that it is counted and authorized
 * as a Sheets call.
 */
import { NotEmulatedError } from '../../emulator/core';
import { runAs, spreadsheetWorkspace } from './support';

describe('developer metadata', () => {
  test('on a sheet: added, found by key and value, located, removed; counted as Sheets calls', () => {
    const { ws, app, sheet } = spreadsheetWorkspace();
    const ss = app.getActiveSpreadsheet();
    const measured = ws.calls.measure(() => {
      sheet.addDeveloperMetadata('role', 'register', app.DeveloperMetadataVisibility.PROJECT);
      return ss.createDeveloperMetadataFinder().withKey('role').find();
    });
    expect(measured.calls).toMatchObject({
      'Sheet.addDeveloperMetadata': 1,
      'Spreadsheet.createDeveloperMetadataFinder': 1,
      'DeveloperMetadataFinder.withKey': 1,
      'DeveloperMetadataFinder.find': 1,
    });
    expect(ws.calls.byService().SpreadsheetApp).toBeGreaterThan(0);
    const [md] = measured.result;
    expect(md!.getKey()).toBe('role');
    expect(md!.getValue()).toBe('register');
    expect(String(md!.getVisibility())).toBe('PROJECT');
    expect(String(md!.getLocation().getLocationType())).toBe('SHEET');
    expect(md!.getLocation().getSheet()!.getSheetId()).toBe(sheet.getSheetId());
    expect(md!.getLocation().getSpreadsheet()).toBeNull();
    expect(ss.createDeveloperMetadataFinder().withValue('other').find()).toHaveLength(0);
    // The spreadsheet's own list holds only spreadsheet-level entries.
    expect(ss.getDeveloperMetadata()).toHaveLength(0);
    expect(sheet.getDeveloperMetadata()).toHaveLength(1);
    md!.remove();
    expect(ss.createDeveloperMetadataFinder().find()).toHaveLength(0);
    expect(() => md!.getValue()).toThrow(/no longer exists/);
  });

  test('on the spreadsheet: (key) has a null value and DOCUMENT visibility; an empty key is refused', () => {
    const { app } = spreadsheetWorkspace();
    const ss = app.getActiveSpreadsheet();
    ss.addDeveloperMetadata('tag');
    const [md] = ss.getDeveloperMetadata();
    expect(md!.getValue()).toBeNull();
    expect(String(md!.getVisibility())).toBe('DOCUMENT');
    expect(String(md!.getLocation().getLocationType())).toBe('SPREADSHEET');
    expect(() => ss.addDeveloperMetadata('')).toThrow(/Invalid argument: key/);
  });

  test('follows its sheet through a rename, is copied with a duplicate, and goes when the sheet is deleted', () => {
    const { ws, app, sheet } = spreadsheetWorkspace();
    const ss = app.getActiveSpreadsheet();
    sheet.setName('Register');
    sheet.addDeveloperMetadata('role', 'register');
    ws.spreadsheets._userRenameSheet(ws.owner, ws.containerId, 'Register', 'Register 2025-26');
    expect(ws.spreadsheets._developerMetadata(ws.containerId).map((m) => m.sheet)).toEqual([
      'Register 2025-26',
    ]);
    ws.spreadsheets._userDuplicateSheet(ws.owner, ws.containerId, 'Register 2025-26', 'Copy');
    expect(ws.spreadsheets._developerMetadata(ws.containerId).map((m) => m.sheet)).toEqual([
      'Register 2025-26',
      'Copy',
    ]);
    ws.spreadsheets._userDeleteSheet(ws.owner, ws.containerId, 'Register 2025-26');
    expect(ws.spreadsheets._developerMetadata(ws.containerId).map((m) => m.sheet)).toEqual(['Copy']);
    ss.insertSheet('Other');
    ss.deleteSheet(ss.getSheetByName('Copy')!);
    expect(ws.spreadsheets._developerMetadata(ws.containerId)).toEqual([]);
  });

  test("another project's PROJECT metadata is invisible; its DOCUMENT metadata is not", () => {
    const { ws, app } = spreadsheetWorkspace();
    const ss = app.getActiveSpreadsheet();
    const book = ws.spreadsheets.book(ws.containerId);
    book.metadata.push(
      { id: 1, key: 'k', value: 'theirs', visibility: 'PROJECT', projectId: 'another', sheetId: null },
      { id: 2, key: 'k', value: 'shared', visibility: 'DOCUMENT', projectId: 'another', sheetId: null },
    );
    expect(
      ss
        .createDeveloperMetadataFinder()
        .withKey('k')
        .find()
        .map((m) => m.getValue()),
    ).toEqual(['shared']);
  });

  test('writing needs edit access; reading needs the Sheets scope; ranges are not emulated', () => {
    const { ws, app } = spreadsheetWorkspace();
    const ss = app.getActiveSpreadsheet();
    ws.drive.share(ws.containerId, 'viewer@school.example', 'viewer');
    expect(() => runAs(ws, 'viewer@school.example', () => ss.addDeveloperMetadata('k', 'v'))).toThrow(
      /cannot edit/,
    );
    ws.auth.grant('dsl@school.example', []);
    expect(() => runAs(ws, 'dsl@school.example', () => ss.createDeveloperMetadataFinder().find())).toThrow(
      /Specified permissions are not sufficient to call Spreadsheet.createDeveloperMetadataFinder/,
    );
    const range = ss.getSheets()[0]!.getRange('A1');
    expect(() => range.addDeveloperMetadata('k')).toThrow(NotEmulatedError);
  });
});
