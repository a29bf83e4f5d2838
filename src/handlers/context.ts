/**
 * What every handler needs at the start of a run, read in a fixed number of calls: the script
 * properties (deployment config and ID sequence), the container spreadsheet and the checked settings.
 */
import type { Settings } from '../domain/types';
import type { RecordFile } from '../domain/routing';
import { configFrom, readAllProperties, type DeploymentConfig } from '../workspace/config';
import { scriptTimeZone } from '../workspace/clock';
import { readSettings } from '../workspace/settings-sheet';
import { REGISTER_SHEET } from '../workspace/register-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface RunContext {
  ss: Spreadsheet;
  props: Record<string, string>;
  config: DeploymentConfig;
  settings: Settings;
  settingsProblems: string[];
  timeZone: string;
}

export function loadContext(): RunContext {
  const props = readAllProperties();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = scriptTimeZone();
  const { settings, problems } = readSettings(ss, timeZone);
  return { ss, props, config: configFrom(props), settings, settingsProblems: problems, timeZone };
}

/** The spreadsheet and sheet a record file lives in, or null when Set up has not made it (yet). */
export function openRecordSheet(ctx: RunContext, file: RecordFile): { ss: Spreadsheet; sheet: Sheet } | null {
  if (file === 'register') {
    const sheet = ctx.ss.getSheetByName(REGISTER_SHEET);
    return sheet ? { ss: ctx.ss, sheet } : null;
  }
  const id =
    file === 'staff-allegations' ? ctx.config.staffAllegationsId : ctx.config.headteacherAllegationsId;
  if (!id) return null;
  try {
    const ss = SpreadsheetApp.openById(id);
    const sheet = ss.getSheetByName(REGISTER_SHEET);
    return sheet ? { ss, sheet } : null;
  } catch {
    return null;
  }
}
