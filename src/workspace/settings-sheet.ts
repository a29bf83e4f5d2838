/** The Settings sheet the DSL edits: created with defaults once, read in one call per run. */
import type { Settings } from '../domain/types';
import { defaultSettings, parseSettings, settingsSheetRows } from '../domain/settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const SETTINGS_SHEET = 'Settings';

export interface LoadedSettings {
  settings: Settings;
  problems: string[];
}

/** Reads and checks the Settings sheet (defaults, with a problem, when the sheet is missing). */
export function readSettings(ss: Spreadsheet, scriptTimeZone: string): LoadedSettings {
  const sheet = ss.getSheetByName(SETTINGS_SHEET);
  if (!sheet) {
    return {
      settings: defaultSettings(scriptTimeZone),
      problems: ['There is no Settings sheet: run Online Safety › Set up / repair.'],
    };
  }
  return parseSettings(sheet.getDataRange().getValues(), scriptTimeZone);
}

/**
 * Creates the Settings sheet with the defaults (the person running Set up as DSL) when it is missing. An
 * existing sheet is the DSL's: it is never overwritten.
 */
export function ensureSettingsSheet(ss: Spreadsheet, scriptTimeZone: string, setUpBy: string): boolean {
  if (ss.getSheetByName(SETTINGS_SHEET)) return false;
  const sheet = ss.insertSheet(SETTINGS_SHEET);
  const rows = settingsSheetRows({ ...defaultSettings(scriptTimeZone), dslEmail: setUpBy });
  const width = rows[0]?.length ?? 0;
  sheet.getRange(1, 1, rows.length, width).setValues(rows).setVerticalAlignment('top').setWrap(true);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#d9e2f3');
  sheet.setFrozenRows(1);
  sheet.setColumnWidths(1, 1, 200);
  sheet.setColumnWidths(2, 1, 260);
  sheet.setColumnWidths(3, 1, 420);
  sheet.setColumnWidths(4, 1, 24);
  sheet.setColumnWidths(5, 1, 260);
  sheet.setColumnWidths(6, 1, 110);
  sheet.setColumnWidths(7, 1, 200);
  return true;
}
