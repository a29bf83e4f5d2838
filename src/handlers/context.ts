/**
 * What every handler needs at the start of a run, read in a fixed number of calls: the script
 * properties (deployment config and ID sequence), the container spreadsheet and the checked settings.
 */
import type { Settings } from '../domain/types';
import type { RecordFile } from '../domain/routing';
import { configFrom, readAllProperties, restrictedFileId, type DeploymentConfig } from '../workspace/config';
import { scriptTimeZone } from '../workspace/clock';
import { readSettings, type LoadedSettings } from '../workspace/settings-sheet';
import { findRecordSheet } from '../workspace/record-sheets';
import { readSubmitSnapshot, type SubmitSnapshot } from '../workspace/submit-snapshot';

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

/**
 * `known`: Settings the run already has (the submit path's snapshot, parsed in `timeZone`), so the Settings
 * sheet is not read again; ignored when parsed in another time zone.
 */
export function loadContext(
  known?: LoadedSettings & { timeZone: string },
  timeZone: string = scriptTimeZone(),
): RunContext {
  const props = readAllProperties();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { settings, problems } = known && known.timeZone === timeZone ? known : readSettings(ss, timeZone);
  return { ss, props, config: configFrom(props), settings, settingsProblems: problems, timeZone };
}

/**
 * The context with Settings from the runner's cached copy (workspace/submit-snapshot) when there is one
 * for the script's time zone, else read from the sheet: two cache calls instead of the sheet's three reads.
 * Only a run as the runner finds the runner's copy (the cache is the running account's own); the caller
 * still checks who it runs as. The copy is dropped on every Settings edit and by the nightly check's
 * comparison, and lasts six hours at most, so it says what the sheet says unless Settings were changed
 * unseen within those hours. The submit path uses the copy's register part too, so it is returned.
 */
export function loadContextFromSnapshot(): { ctx: RunContext; snapshot: SubmitSnapshot | null } {
  const timeZone = scriptTimeZone();
  const snapshot = readSubmitSnapshot(timeZone);
  return { ctx: loadContext(snapshot ?? undefined, timeZone), snapshot };
}

/** The context with Settings from the runner's cached copy when there is one (loadContextFromSnapshot). */
export function loadContextWithKnownSettings(): RunContext {
  return loadContextFromSnapshot().ctx;
}

/** The spreadsheet and sheet a record file lives in, or null when Set up has not made it (yet). */
export function openRecordSheet(ctx: RunContext, file: RecordFile): { ss: Spreadsheet; sheet: Sheet } | null {
  // Found by the mark Set up put on it, never by name (see record-sheets.ts).
  if (file === 'register') {
    const sheet = findRecordSheet(ctx.ss, 'register', '');
    return sheet ? { ss: ctx.ss, sheet } : null;
  }
  const id = restrictedFileId(ctx.config, file);
  if (!id) return null;
  try {
    const ss = SpreadsheetApp.openById(id);
    // A file whose mark names another role (a re-pointed script property) is refused here.
    const sheet = findRecordSheet(ss, file, id);
    return sheet ? { ss, sheet } : null;
  } catch {
    return null;
  }
}
