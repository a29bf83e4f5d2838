/**
 * The same submission handled the way common tutorials do it, for comparison: read the whole sheet with
 * getDataRange().getValues() to look for a duplicate, then write the new row value by value with
 * getRange(row, column).setValue(value). It lives here, in the benchmark, never in src/.
 *
 * To compare only the way it talks to Apps Script, it records the same row the product would (parsed,
 * flagged and laid out by the product's domain code), numbers it by counting rows as tutorials do, and
 * sends an alert the tutorial way when the report is flagged. It runs in the emulator as a script function
 * of its own (installed next to the bundle's), so its calls are counted exactly like the product's.
 */
import type { ScriptFunctions, Workspace } from '../../emulator/workspace';
import { loadBundle } from '../../emulator/load-bundle';
import { deriveIncident } from '../../src/domain/flags';
import { formatIncidentId, incidentYear } from '../../src/domain/ids';
import { parseResponse, type FormAnswer, type ResponseInput } from '../../src/domain/parse';
import { incidentToRow, newIncident } from '../../src/domain/register';
import { defaultSettings } from '../../src/domain/settings';
import { REGISTER_SHEET } from './fixtures';

export const NAIVE_FUNCTION = 'naiveOnFormSubmit';

/** The tutorial's script as a school would paste it: its size, for the start-up charge. */
export function naiveScriptKiB(): number {
  return naiveHandler.toString().length / 1024;
}

interface Services {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
}

interface SubmitEvent {
  response: GoogleAppsScript.Forms.FormResponse;
}

/**
 * The tutorial handler. `itemIds` (question key → form item id) and `dslEmail` stand for what a tutorial
 * hard-codes into its script.
 */
export function naiveHandler(
  ws: Workspace,
  itemIds: Record<string, number>,
  dslEmail: string,
): (event: SubmitEvent) => void {
  const { SpreadsheetApp, MailApp } = ws.globals() as unknown as Services;
  const settings = { ...defaultSettings(ws.timeZone), dslEmail };
  return (event) => {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(REGISTER_SHEET);
    if (!sheet) throw new Error('No Register sheet');
    // The whole sheet, every submission, to find a duplicate.
    const data = sheet.getDataRange().getValues();
    const header = data[0] ?? [];
    const idColumn = header.indexOf('Response ID');
    const response = event.response;
    const responseId = response.getId();
    for (let r = 1; r < data.length; r += 1) {
      if (data[r]?.[idColumn] === responseId) return;
    }
    const input: ResponseInput = {
      responseId,
      timestamp: response.getTimestamp() as unknown as Date,
      respondentEmail: response.getRespondentEmail(),
      answers: response.getItemResponses().map((a) => ({
        itemId: a.getItem().getId(),
        response: a.getResponse() as FormAnswer,
      })),
    };
    const report = parseResponse(input, itemIds, ws.timeZone);
    // Numbered by counting the rows already there, as tutorials do.
    const incidentId = formatIncidentId('OSI', incidentYear(report.submittedAt, ws.timeZone), data.length);
    const incident = newIncident(report, deriveIncident(report, settings, incidentId));
    const row = incidentToRow({
      ...incident,
      alertStatus: incident.childProtection ? 'Sent' : 'Not needed',
      alertLog: '',
    });
    // Value by value.
    const target = sheet.getLastRow() + 1;
    row.forEach((value, i) => sheet.getRange(target, i + 1).setValue(value));
    if (incident.childProtection) {
      MailApp.sendEmail(
        settings.dslEmail,
        `Online safety concern ${incidentId}`,
        'A report needs your attention.',
      );
    }
  };
}

/**
 * Loads the built bundle into `ws` and installs the tutorial handler beside its functions. `itemIds` is read
 * lazily, since the form (and its item ids) only exists once Set up has run.
 */
export function loadBundleWithNaive(
  ws: Workspace,
  itemIds: () => Record<string, number>,
  dslEmail: string,
  extra: ScriptFunctions = {},
): void {
  const loaded = loadBundle(ws);
  let handler: ((event: SubmitEvent) => void) | null = null;
  ws.installScript({
    ...loaded.functions,
    ...extra,
    [NAIVE_FUNCTION]: (...args: unknown[]) => {
      handler ??= naiveHandler(ws, itemIds(), dslEmail);
      handler(args[0] as SubmitEvent);
    },
  });
}
