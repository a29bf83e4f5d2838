/**
 * The health check's adapter: gathers the facts src/domain/health.ts judges (the form's settings, the record
 * files' marks, the runner's triggers, consent, time zones, mail quota, waiting alerts, sharing), writes the
 * protected "Health" sheet, and keeps what the last check found (to email only when something turns bad).
 * Every read is guarded: a check that cannot be made says so on its line instead of stopping the others.
 */
import { platformFactsOf } from './selftest-scratch';
import type { FormFacts, HealthFacts, HealthLine, RecordFileFacts } from '../domain/health';
import { HEALTH_HEADER, MAIL_RESERVED_FOR_ALERTS, healthRows } from '../domain/health';
import type { RecordFile } from '../domain/routing';
import { expectedJobs } from '../domain/jobs';
import type { Settings } from '../domain/types';
import type { DeploymentConfig } from './config';
import { accessProblems } from './access';
import { consentState } from './consent';
import { protectForRunnerOnly } from './protect';
import { lookUpRecordSheet } from './record-sheets';
import { readLayout, REGISTER_SHEET } from './register-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HEALTH_SHEET = 'Health';
const STATE_KEY = 'healthState';
const PROTECTION_DESCRIPTION = 'Online Safety: health check, written by the system only';
const PENDING = 'Pending';
const AWAITING_PREFIX = 'awaitingFile:';

/** Forms members newer than @types/google-apps-script. */
interface FormWithPublishing extends GoogleAppsScript.Forms.Form {
  supportsAdvancedResponderPermissions(): boolean;
  isPublished(): boolean;
  getPublishedReaders(): GoogleAppsScript.Base.User[];
  getEmailCollectionType(): unknown;
}
interface FormAppWithEmailCollection {
  EmailCollectionType?: { VERIFIED: unknown; RESPONDER_INPUT: unknown; DO_NOT_COLLECT: unknown };
}

function formFacts(formId: string): FormFacts {
  if (!formId) return { kind: 'none' };
  let form: FormWithPublishing;
  try {
    form = FormApp.openById(formId) as FormWithPublishing;
  } catch {
    return { kind: 'unopenable' };
  }
  const legacy = !form.supportsAdvancedResponderPermissions();
  const types = (FormApp as unknown as FormAppWithEmailCollection).EmailCollectionType;
  let emailCollection: Extract<FormFacts, { kind: 'open' }>['emailCollection'] = 'unknown';
  if (types && typeof form.getEmailCollectionType === 'function') {
    const type = form.getEmailCollectionType();
    emailCollection =
      type === types.VERIFIED
        ? 'VERIFIED'
        : type === types.RESPONDER_INPUT
          ? 'RESPONDER_INPUT'
          : type === types.DO_NOT_COLLECT
            ? 'DO_NOT_COLLECT'
            : 'unknown';
  }
  return {
    kind: 'open',
    legacy,
    published: legacy ? true : form.isPublished(),
    accepting: form.isAcceptingResponses(),
    requiresLogin: form.requiresLogin(),
    namedResponders: legacy ? null : form.getPublishedReaders().length,
    emailCollection,
  };
}

/** Alerts still owed on a record sheet (one read of its Alert status column). */
function pendingOn(sheet: Sheet): number {
  const column = readLayout(sheet).column('alertStatus');
  const last = sheet.getLastRow();
  if (column === 0 || last < 2) return 0;
  return sheet
    .getRange(2, column, last - 1, 1)
    .getValues()
    .filter((r) => String(r[0]).startsWith(PENDING)).length;
}

function recordFileFacts(
  ss: Spreadsheet,
  config: DeploymentConfig,
): { files: Record<RecordFile, RecordFileFacts>; pending: number } {
  let pending = 0;
  const look = (book: Spreadsheet, file: RecordFile, id: string): RecordFileFacts => {
    const found = lookUpRecordSheet(book, file, id);
    if (found.kind !== 'found') return found;
    pending += pendingOn(found.sheet);
    return { kind: 'found', sheetName: found.sheet.getName() };
  };
  const restricted = (file: Exclude<RecordFile, 'register'>, id: string): RecordFileFacts => {
    if (!id) return { kind: 'not set up' };
    let book: Spreadsheet;
    try {
      book = SpreadsheetApp.openById(id);
    } catch {
      return { kind: 'unopenable' };
    }
    return look(book, file, id);
  };
  let register = look(ss, 'register', '');
  // A register Set up has not marked yet still works by its name: say so, as a problem to repair.
  if (register.kind === 'unmarked' && !ss.getSheetByName(REGISTER_SHEET)) register = { kind: 'missing' };
  return {
    files: {
      register,
      'staff-allegations': restricted('staff-allegations', config.staffAllegationsId),
      'lead-allegations': restricted('lead-allegations', config.leadAllegationsId),
      'headteacher-allegations': restricted('headteacher-allegations', config.headteacherAllegationsId),
    },
    pending,
  };
}

/** The runner's triggers against what Set up installs (Google shows each person only their own). */
function jobFacts(config: DeploymentConfig): NonNullable<HealthFacts['jobs']> {
  const expected = expectedJobs({
    'staff-allegations': config.staffAllegationsId !== '',
    'lead-allegations': config.leadAllegationsId !== '',
    'headteacher-allegations': config.headteacherAllegationsId !== '',
  });
  const counts = new Map<string, number>();
  let staleForm = false;
  for (const trigger of ScriptApp.getProjectTriggers()) {
    const handler = trigger.getHandlerFunction();
    counts.set(handler, (counts.get(handler) ?? 0) + 1);
    if (handler === 'onFormSubmit' && trigger.getTriggerSourceId() !== config.formId) staleForm = true;
  }
  return {
    expected: expected.length,
    missing: expected.filter((h) => !counts.has(h)),
    duplicated: expected.filter((h) => (counts.get(h) ?? 0) > 1),
    staleForm,
  };
}

function guarded<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

export interface GatherInput {
  ss: Spreadsheet;
  props: Record<string, string>;
  config: DeploymentConfig;
  settings: Settings;
  timeZone: string;
  runner: string;
  me: string;
  now: Date;
}

/** Everything the checks judge, read now. */
export function gatherHealthFacts(input: GatherInput): HealthFacts {
  const { ss, props, config, settings, timeZone, runner, me } = input;
  const nowMs = input.now.getTime();
  const isRunner = runner === '' || runner.toLowerCase() === me.toLowerCase();
  const records = guarded(() => recordFileFacts(ss, config), {
    files: {
      register: { kind: 'missing' },
      'staff-allegations': { kind: 'unopenable' },
      'lead-allegations': { kind: 'unopenable' },
      'headteacher-allegations': { kind: 'unopenable' },
    } as Record<RecordFile, RecordFileFacts>,
    pending: 0,
  });
  const awaiting = Object.entries(props).filter(
    ([k, v]) => k.startsWith(AWAITING_PREFIX) && v.includes(PENDING),
  ).length;
  const previous = readHealthState(props);
  const pendingNow = records.pending + awaiting;
  return {
    form: guarded(() => formFacts(config.formId), { kind: 'unopenable' } as FormFacts),
    files: records.files,
    jobs: isRunner ? guarded(() => jobFacts(config), null) : null,
    runner,
    checkedBy: me,
    consent: guarded(() => consentState(), { complete: true, url: '' }),
    sharing: guarded(() => accessProblems(ss, config, settings), null),
    timeZones: { spreadsheet: guarded(() => ss.getSpreadsheetTimeZone(), timeZone), script: timeZone },
    mailQuota: guarded(() => MailApp.getRemainingDailyQuota(), null),
    // No line until the self-test has run once (Set up offers it): a school that has not run it is not unhealthy.
    ...(platformFactsOf(props).checkedAt > 0 ? { platform: platformFactsOf(props) } : {}),
    alertsPending: {
      now: pendingNow,
      waitingMs: pendingNow > 0 && previous.pendingSince > 0 ? Math.max(0, nowMs - previous.pendingSince) : 0,
    },
  };
}

export interface HealthState {
  /** The checks that were problems at the last check (and were told to the DSL). */
  problems: string[];
  /** When alerts were first seen owed, without a check since finding none (0: none owed). */
  pendingSince: number;
}

export function readHealthState(props: Record<string, string>): HealthState {
  try {
    const parsed = JSON.parse(props[STATE_KEY] ?? '{}') as Partial<HealthState>;
    return {
      problems: Array.isArray(parsed.problems) ? parsed.problems.map(String) : [],
      pendingSince: typeof parsed.pendingSince === 'number' ? parsed.pendingSince : 0,
    };
  } catch {
    return { problems: [], pendingSince: 0 };
  }
}

export function saveHealthState(state: HealthState): void {
  PropertiesService.getScriptProperties().setProperty(STATE_KEY, JSON.stringify(state));
}

/** Writes the Health sheet (made and protected for the runner when missing): a line per check. */
export function writeHealthSheet(ss: Spreadsheet, lines: readonly HealthLine[], checkedAt: Date): Sheet {
  let sheet = ss.getSheetByName(HEALTH_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(HEALTH_SHEET);
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(1, 220);
    sheet.setColumnWidth(2, 90);
    sheet.setColumnWidth(3, 420);
    sheet.setColumnWidth(4, 420);
  }
  if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length === 0)
    protectForRunnerOnly(sheet.protect().setDescription(PROTECTION_DESCRIPTION));
  sheet.clearContents();
  const rows = [HEALTH_HEADER, ...healthRows(lines, checkedAt)];
  sheet.getRange(1, 1, rows.length, HEALTH_HEADER.length).setValues(rows);
  sheet.getRange(1, 1, 1, HEALTH_HEADER.length).setFontWeight('bold');
  return sheet;
}

/** Sends the content-free notice to the DSL; false when it could not go (it is tried again next check). */
export function sendHealthNotice(to: string, subject: string, body: string): boolean {
  if (!to) return false;
  try {
    // Alerts come first: a notice never spends the last of the day's quota (the Health sheet still says it).
    if (MailApp.getRemainingDailyQuota() < MAIL_RESERVED_FOR_ALERTS) return false;
    MailApp.sendEmail(to, subject, body);
    return true;
  } catch {
    return false;
  }
}
