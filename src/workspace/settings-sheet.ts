/** The Settings sheet the DSL edits: created with defaults once, read in one call per run. */
import type { Settings } from '../domain/types';
import {
  defaultSettings,
  parseSettings,
  RUNNER_ROW,
  runnerRow,
  settingColumn,
  SETTING_ROWS,
  settingsSheetRows,
} from '../domain/settings';
import { cellText, textCell } from '../domain/cells';
import { protectForRunnerOnly } from './protect';

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

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const SETTINGS_PROTECTION =
  'Settings: only the account the system runs as (and the spreadsheet’s owner) can change them.';

const sameLabel = (a: unknown, b: string): boolean =>
  cellText(a).trim().replace(/\s+/g, ' ').toLowerCase() === b.toLowerCase();

/**
 * Settings decide who is told about what, so only the runner may change them: the sheet is protected for
 * the account running this (the runner; Sheets always lets the spreadsheet's owner in too), and its
 * "Runs the system" row shows who that is. Returns problems to report (an editor that could not be taken
 * off the protection).
 */
export function guardSettingsSheet(ss: Spreadsheet, runner: string): string[] {
  const sheet = ss.getSheetByName(SETTINGS_SHEET);
  if (!sheet) return [];
  const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? sheet.protect();
  protection.setDescription(SETTINGS_PROTECTION);
  const left = protectForRunnerOnly(protection);
  showRunner(sheet, runner);
  return left.map(
    (email) =>
      `${email} could not be taken off the Settings sheet's protection, so they can still change Settings: ` +
      'remove them in Data › Protect sheets and ranges › Settings.',
  );
}

/** Writes the runner's row of the key/value table: in place when it is there, else below the last setting. */
function showRunner(sheet: Sheet, runner: string): void {
  const values = sheet.getDataRange().getValues();
  const col = settingColumn(values[0] ?? []);
  let at = values.findIndex((row, i) => i > 0 && sameLabel(row[col], RUNNER_ROW.label));
  if (at > 0) {
    if (cellText(values[at]?.[col + 1]).trim() === runner) return;
    sheet.getRange(at + 1, col + 2).setValue(textCell(runner));
    return;
  }
  let last = 0;
  values.forEach((row, i) => {
    if (cellText(row[col]).trim() !== '') last = i;
  });
  at = last + 1;
  sheet
    .getRange(at + 1, col + 1, 1, 3)
    .setValues([runnerRow(runner)])
    .setBackground('#eeeeee');
}

/**
 * Writes one setting's value (as typed text), where its label is; returns what was there before. Used by
 * Take over as DSL, which makes the new runner the DSL. Nothing is written when the label is missing.
 */
export function writeSettingText(
  ss: Spreadsheet,
  key: (typeof SETTING_ROWS)[number]['key'],
  value: string,
): { written: boolean; previous: string } {
  const sheet = ss.getSheetByName(SETTINGS_SHEET);
  const label = SETTING_ROWS.find((row) => row.key === key)?.label ?? '';
  if (!sheet || label === '') return { written: false, previous: '' };
  const values = sheet.getDataRange().getValues();
  const col = settingColumn(values[0] ?? []);
  const at = values.findIndex((row, i) => i > 0 && sameLabel(row[col], label));
  if (at < 0) return { written: false, previous: '' };
  const previous = cellText(values[at]?.[col + 1]).trim();
  if (previous !== value) sheet.getRange(at + 1, col + 2).setValue(textCell(value));
  return { written: true, previous };
}
