/**
 * Set up / repair: one click makes (or mends) everything — Settings, the form, the register, the
 * restricted allegation files, the triggers — and says in plain words what still needs the DSL.
 * Safe to run again: it finds what it made before (ids in the script properties) and repairs it.
 */
import { buildFormPlan } from '../domain/schema';
import { overdueRuleOf, schoolDisplayName } from '../domain/settings';
import { RESTRICTED_FILES, routeProblems, sameMailbox, type RestrictedFile } from '../domain/routing';
import { calendarProblems } from '../domain/school-calendar';
import { localDayNumber } from '../domain/time';
import { claimedMessage, RUNNER_IS_HEADTEACHER, takeOverMessage } from '../domain/runner';
import type { Settings, Weekday } from '../domain/types';
import { CORE_JOBS, FILE_EDIT_JOBS, type CoreJob } from '../domain/jobs';
import { fileName, SHARING_NOT_CHECKED } from '../domain/access';
import {
  configFrom,
  readAllProperties,
  restrictedFileId,
  restrictedFileIds,
  saveConfig,
  type DeploymentConfig,
} from '../workspace/config';
import { now, scriptTimeZone } from '../workspace/clock';
import { ensureAuditSheets } from '../workspace/audit-sheet';
import { reviewSettingsAtSetUp } from './audit-settings';
import { applyFormPlan } from '../workspace/form';
import { withScriptLock } from '../workspace/lock';
import { consentState, partialConsentMessage, requireAllScopes } from '../workspace/consent';
import { ensureRecordSheet } from '../workspace/record-sheets';
import { ensureLogSheets } from '../workspace/log-sheets';
import { SheetBatch } from '../workspace/sheet-batch';
import {
  ensureRestrictedFile,
  keepHeadteacherOffForm,
  type RestrictedFileResult,
} from '../workspace/restricted-files';
import { accessProblems } from '../workspace/access';
import {
  ensureSettingsSheet,
  guardSettingsSheet,
  readSettings,
  writeSettingText,
} from '../workspace/settings-sheet';
import { checkTakeOver, claimOrCheckSetUp, ownerOf, recordRunner } from '../workspace/runner';
import { ensureTriggers, type TriggerSpec } from '../workspace/triggers';
import { showMessage } from '../workspace/ui';
import { SELF_TEST_OFFER } from '../domain/selftest';
import { platformFactsOf } from '../workspace/selftest-scratch';

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

/** The project's triggers: one per job of the shared list (domain/jobs), so the health check expects the same. */
function triggerSpecs(
  formId: string,
  spreadsheetId: string,
  digestDay: Weekday,
  digestHour: number,
): TriggerSpec[] {
  const byJob: { [J in CoreJob]: TriggerSpec & { handler: J } } = {
    onFormSubmit: { handler: 'onFormSubmit', kind: 'formSubmit', formId },
    onRegisterEdit: { handler: 'onRegisterEdit', kind: 'spreadsheetEdit', spreadsheetId },
    reconcileMissedReports: { handler: 'reconcileMissedReports', kind: 'daily', hour: 2 },
    rebuildSummary: { handler: 'rebuildSummary', kind: 'daily', hour: 3 },
    sendOverdueReminders: { handler: 'sendOverdueReminders', kind: 'daily', hour: 7 },
    retryPendingAlerts: { handler: 'retryPendingAlerts', kind: 'hourly', everyHours: 1 },
    sendWeeklyDigest: {
      handler: 'sendWeeklyDigest',
      kind: 'weekly',
      weekDay: WEEKDAY_ENUM[digestDay](),
      hour: digestHour,
    },
    // The audit's nightly comparison (deleted rows, unseen changes), before the 02:00 reconcile.
    checkAuditTrail: { handler: 'checkAuditTrail', kind: 'daily', hour: 1 },
    // The governors' report at a term's end (and the trust export), after the 03:00 summary.
    nightlyOversight: { handler: 'nightlyOversight', kind: 'daily', hour: 4 },
  };
  return CORE_JOBS.map((job) => byJob[job]);
}

/**
 * Each restricted file's own edit trigger (a handler per file, so a run knows which file it audits; its
 * trail is kept in that file: see handlers/audit). None for a file Set up could not make.
 */
function restrictedEditSpecs(ids: Readonly<Record<RestrictedFile, string>>): TriggerSpec[] {
  return RESTRICTED_FILES.filter((file) => ids[file] !== '').map((file) => ({
    handler: FILE_EDIT_JOBS[file],
    kind: 'spreadsheetEdit',
    spreadsheetId: ids[file],
  }));
}

export function setUp(): SetupReport | null {
  // Anyone but the runner is refused before anything is done; the very first Set up makes its person the runner.
  const runner = claimOrCheckSetUp(() => settingsNow().headteacherEmail);
  if (!runner) return null;
  return setUpAsRunner('Online Safety — set up', runner.claimed ? [claimedMessage(runner.me)] : []);
}

function settingsNow(): Settings {
  return readSettings(SpreadsheetApp.getActiveSpreadsheet(), scriptTimeZone()).settings;
}

/** The set-up routine, as the runner: run by Set up / repair, and by Take over as DSL for the new runner. */
function setUpAsRunner(title: string, preface: string[]): SetupReport {
  // Every permission first: with only some ticked, Set up would stop half-way at the first call needing
  // another. The plain words first, then Google's own prompt (which ends this run until they are granted).
  const consent = consentState();
  if (!consent.complete) {
    try {
      showMessage(title, partialConsentMessage(Session.getEffectiveUser().getEmail(), consent.url));
    } catch {
      // The dialog itself needs a permission that was not granted: Google's prompt below still says it.
    }
    requireAllScopes();
  }
  // Set by the run below from the properties it reads anyway: whether to offer the platform self-test.
  let selfTestNeverRun = false;
  const report = withScriptLock(() => {
    const runBy = Session.getEffectiveUser().getEmail();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const timeZone = scriptTimeZone();
    const settingsCreated = ensureSettingsSheet(ss, timeZone, runBy);
    const { settings, problems: settingsProblems } = readSettings(ss, timeZone);
    const problems = [...settingsProblems, ...routeProblems(settings)];
    // Term dates that have run out: reminders then go out every weekday, and the DSL is told.
    problems.push(
      ...calendarProblems(
        { terms: settings.termDates, holidays: settings.holidays },
        localDayNumber(now(), settings.timeZone),
      ),
    );
    // Settings are the runner's alone (protected for them), and show who runs the system.
    problems.push(...guardSettingsSheet(ss, runBy));
    if (sameMailbox(runBy, settings.headteacherEmail)) problems.push(RUNNER_IS_HEADTEACHER);

    const allProps = readAllProperties();
    const platformFacts = platformFactsOf(allProps);
    selfTestNeverRun = platformFacts.checkedAt === 0;
    const config = configFrom(allProps);
    const applied = applyFormPlan(
      config.formId,
      config.itemIds,
      buildFormPlan(settings),
      platformFacts.emailCollection,
    );
    problems.push(...keepHeadteacherOffForm(applied.form, settings));
    if (applied.unlinkedDestinationId)
      problems.push(unlinkedDestinationProblem(applied.unlinkedDestinationId));

    // Found by its mark, whatever it is called now (record-sheets.ts); marked the first time.
    // The register's and logs' formats, dropdowns, colours and protections: one Sheets API call (sheet-batch.ts).
    const batch = new SheetBatch(ss.getId());
    const register = ensureRecordSheet(ss, 'register', overdueRuleOf(settings), runBy, batch);
    // The Referrals and Information sharing sheets beside it, and the register's "Referrals" column from them.
    ensureLogSheets(ss, register.sheet, timeZone, runBy, batch);
    batch.send();
    // The audit trail's sheets exist (protected) before anyone edits the register.
    ensureAuditSheets(ss);
    // Settings' audit: what changed since it last looked (or its baseline, once Settings are filled in).
    problems.push(...reviewSettingsAtSetUp(ss, settingsCreated));
    const spare = ss.getSheetByName('Sheet1');
    if (spare && spare.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(spare);

    const school = schoolDisplayName(settings);
    const made = new Map(
      RESTRICTED_FILES.map((file) => [
        file,
        restrictedFileOrProblem(file, restrictedFileId(config, file), settings, runBy, school),
      ]),
    );
    for (const result of made.values()) problems.push(...result.problems);
    const idOf = (file: RestrictedFile): string => made.get(file)?.id ?? '';
    const ids = {
      formId: applied.formId,
      staffAllegationsId: idOf('staff-allegations'),
      leadAllegationsId: idOf('lead-allegations'),
      headteacherAllegationsId: idOf('headteacher-allegations'),
    };

    saveConfig({ ...ids, itemIds: applied.itemIds });
    const triggers = ensureTriggers(
      [
        ...triggerSpecs(applied.formId, ss.getId(), settings.digestDay, settings.digestHour),
        ...restrictedEditSpecs(restrictedFileIds(ids)),
      ],
      true,
    );
    // Checked last, on what is really there: who can open each file (as far as Apps Script can see).
    problems.push(
      ...checkAccess(
        ss,
        ids,
        settings,
        [...made.values()].flatMap((result) => result.refused),
      ),
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
  const offer = selfTestNeverRun ? [SELF_TEST_OFFER] : [];
  showMessage(title, [...preface, setupMessage(report), ...offer].join('\n\n'));
  return report;
}

/** An error's own words (errors from the platform are not always `Error` instances of this realm). */
function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
}

/**
 * One restricted file, made or repaired; whatever goes wrong is a problem to report, never the end of Set
 * up (the form, the register and the triggers must still be put right). The id saved before stays.
 */
function restrictedFileOrProblem(
  file: RestrictedFile,
  existingId: string,
  settings: Settings,
  runBy: string,
  school: string,
): RestrictedFileResult {
  try {
    return ensureRestrictedFile(file, existingId, settings, runBy, school);
  } catch (err) {
    const reason = messageOf(err);
    const saved = configFrom(readAllProperties());
    return {
      id: restrictedFileId(saved, file) || existingId,
      problems: [
        `Set up could not finish the ${fileName(file)} (${reason}). Run Online Safety › Set up / repair again; ` +
          'it carries on with the same file.',
      ],
      refused: [],
    };
  }
}

/** Who can open each file, checked against Settings; a check that cannot run is itself a problem. */
function checkAccess(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ids: Pick<
    DeploymentConfig,
    'formId' | 'staffAllegationsId' | 'leadAllegationsId' | 'headteacherAllegationsId'
  >,
  settings: Settings,
  alreadyReported: string[],
): string[] {
  try {
    return accessProblems(ss, ids, settings, alreadyReported);
  } catch (err) {
    const reason = messageOf(err);
    return [
      `Set up could not check who can open the files (${reason}): check each file's Share dialog yourself.`,
    ];
  }
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
  lines.push('', `Not checked: ${SHARING_NOT_CHECKED}`);
  return lines.join('\n');
}

/**
 * Take over as DSL (menu): the person the runner handed over to — or the spreadsheet's owner, when the
 * runner left without handing over — becomes the runner and the DSL in Settings, and the set-up routine
 * runs as them: their triggers, the restricted files re-shared, Settings protected for them. The old
 * runner's triggers cannot be deleted by anyone else: each removes itself the next time it fires.
 */
export function takeOver(): SetupReport | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const taking = checkTakeOver(ss, configFrom(readAllProperties()), settingsNow().headteacherEmail);
  if (!taking) return null;
  const dsl = writeSettingText(ss, 'dslEmail', taking.me);
  recordRunner(taking.me);
  const message = takeOverMessage({
    me: taking.me,
    previous: taking.previous,
    owner: ownerOf(ss),
    previousDsl: dsl.written ? dsl.previous : null,
  });
  return setUpAsRunner('Online Safety — take over as DSL', [message]);
}
