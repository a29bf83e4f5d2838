/**
 * Set up / repair: one click makes (or mends) everything — Settings, the form, the register, the
 * restricted allegation files, the triggers — and says in plain words what still needs the DSL.
 * Safe to run again: it finds what it made before (ids in the script properties) and repairs it.
 */
import { buildFormPlan } from '../domain/schema';
import { schoolDisplayName } from '../domain/settings';
import { routeProblems } from '../domain/routing';
import type { Weekday } from '../domain/types';
import { configFrom, readAllProperties, saveConfig } from '../workspace/config';
import { scriptTimeZone } from '../workspace/clock';
import { ensureAuditSheets } from '../workspace/audit-sheet';
import { applyFormPlan } from '../workspace/form';
import { withScriptLock } from '../workspace/lock';
import { ensureRegisterSheet, REGISTER_SHEET } from '../workspace/register-sheet';
import { ensureRestrictedFile, keepHeadteacherOffForm } from '../workspace/restricted-files';
import { ensureSettingsSheet, readSettings } from '../workspace/settings-sheet';
import { ensureTriggers, type TriggerSpec } from '../workspace/triggers';
import { showMessage } from '../workspace/ui';

export interface SetupReport {
  formId: string;
  formUrl: string;
  formCreated: boolean;
  settingsCreated: boolean;
  triggers: { created: string[]; replaced: string[]; kept: string[] };
  problems: string[];
}

const WEEKDAY_ENUM: Record<Weekday, () => GoogleAppsScript.Base.Weekday> = {
  Monday: () => ScriptApp.WeekDay.MONDAY,
  Tuesday: () => ScriptApp.WeekDay.TUESDAY,
  Wednesday: () => ScriptApp.WeekDay.WEDNESDAY,
  Thursday: () => ScriptApp.WeekDay.THURSDAY,
  Friday: () => ScriptApp.WeekDay.FRIDAY,
  Saturday: () => ScriptApp.WeekDay.SATURDAY,
  Sunday: () => ScriptApp.WeekDay.SUNDAY,
};

/** The project's triggers: one per handler. */
function triggerSpecs(
  formId: string,
  spreadsheetId: string,
  digestDay: Weekday,
  digestHour: number,
): TriggerSpec[] {
  return [
    { handler: 'onFormSubmit', kind: 'formSubmit', formId },
    { handler: 'onRegisterEdit', kind: 'spreadsheetEdit', spreadsheetId },
    { handler: 'reconcileMissedReports', kind: 'daily', hour: 2 },
    { handler: 'rebuildSummary', kind: 'daily', hour: 3 },
    { handler: 'sendOverdueReminders', kind: 'daily', hour: 7 },
    { handler: 'retryPendingAlerts', kind: 'hourly', everyHours: 1 },
    { handler: 'sendWeeklyDigest', kind: 'weekly', weekDay: WEEKDAY_ENUM[digestDay](), hour: digestHour },
  ];
}

export function setUp(): SetupReport {
  const report = withScriptLock(() => {
    const runBy = Session.getEffectiveUser().getEmail();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const timeZone = scriptTimeZone();
    const settingsCreated = ensureSettingsSheet(ss, timeZone, runBy);
    const { settings, problems: settingsProblems } = readSettings(ss, timeZone);
    const problems = [...settingsProblems, ...routeProblems(settings)];

    const config = configFrom(readAllProperties());
    const applied = applyFormPlan(config.formId, config.itemIds, buildFormPlan(settings));
    problems.push(...keepHeadteacherOffForm(applied.form, settings));
    if (applied.unlinkedDestinationId)
      problems.push(unlinkedDestinationProblem(applied.unlinkedDestinationId));

    ensureRegisterSheet(ss, REGISTER_SHEET, settings.overdueDays);
    // The audit trail's sheets exist (protected) before anyone edits the register.
    ensureAuditSheets(ss);
    const spare = ss.getSheetByName('Sheet1');
    if (spare && spare.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(spare);

    const school = schoolDisplayName(settings);
    const staff = ensureRestrictedFile(
      'staff-allegations',
      config.staffAllegationsId,
      settings,
      runBy,
      school,
    );
    const head = ensureRestrictedFile(
      'headteacher-allegations',
      config.headteacherAllegationsId,
      settings,
      runBy,
      school,
    );
    problems.push(...staff.problems, ...head.problems);

    saveConfig({
      formId: applied.formId,
      itemIds: applied.itemIds,
      staffAllegationsId: staff.id,
      headteacherAllegationsId: head.id,
    });
    const triggers = ensureTriggers(
      triggerSpecs(applied.formId, ss.getId(), settings.digestDay, settings.digestHour),
      true,
    );
    return {
      formId: applied.formId,
      formUrl: applied.form.getPublishedUrl(),
      formCreated: applied.created,
      settingsCreated,
      triggers,
      problems,
    };
  });
  showMessage('Online Safety — set up', setupMessage(report));
  return report;
}

/** What the DSL must do about a responses spreadsheet the form was linked to by hand. */
function unlinkedDestinationProblem(spreadsheetId: string): string {
  let where = 'a spreadsheet';
  try {
    where = `the spreadsheet "${SpreadsheetApp.openById(spreadsheetId).getName()}"`;
  } catch {
    // Not shared with the person running Set up: the plain description has to do.
  }
  return (
    `Form responses were also being sent to ${where}, where anyone who can open it could read every report, ` +
    'allegations about staff included. Set up has unlinked it. Check that Online Safety › Check for missed reports ' +
    'finds nothing missing, then delete the responses sheet there.'
  );
}

function setupMessage(report: SetupReport): string {
  const lines = [
    report.formCreated
      ? 'The report form has been created and published.'
      : 'The report form has been checked and repaired.',
    `Share this link with all staff: ${report.formUrl}`,
    report.settingsCreated
      ? 'A Settings sheet has been added: fill in the DSL, deputies, Headteacher and Chair of Governors, then run Set up again.'
      : 'Settings were read from the Settings sheet.',
  ];
  if (report.problems.length > 0) {
    lines.push('', 'Please fix:', ...report.problems.map((p) => `• ${p}`));
  } else {
    lines.push('', 'Everything is in place.');
  }
  return lines.join('\n');
}
