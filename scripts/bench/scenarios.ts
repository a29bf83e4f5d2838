/**
 * The benchmark's measurements: each builds a school on the emulator (the built bundle, Set up, the usual
 * settings), pre-fills the register from the test side, then measures one operation as Apps Script would
 * run it. An operation whose handler throws (whatever its message) is reported as FAILED, never as a figure.
 */
import { Workspace } from '../../emulator/workspace';
import type { ExecutionRecord } from '../../emulator/workspace';
import {
  SCHOOL,
  configureSchool,
  deploymentIds,
  ordinaryReport,
  runSetUp,
  submit,
} from '../../test/support/deployment';
import type { Answers } from '../../test/support/deployment';
import { columnLetter, columnNumber } from '../../src/workspace/register-sheet';
import { WEEKLY_SNAPSHOT_KEY } from '../../src/workspace/weekly-snapshot';
import { SUBMIT_SNAPSHOT_KEY } from '../../src/workspace/submit-snapshot';
import { ANCHOR_SENT_KEY } from '../../src/workspace/anchor-sent';
import { EXECUTION_LIMIT_MS, limitCheck, lockHeldTime, modelTime, type ModelledTime } from './cost-model';
import { prefillRegister, REGISTER_SHEET } from './fixtures';
import { measure, type Measurement } from './meter';
import { loadBundleWithNaive, NAIVE_FUNCTION, naiveScriptKiB } from './naive';
import {
  PEER_FUNCTION,
  PEER_SHEET,
  peerHandler,
  peerScriptKiB,
  type PeerConfig,
  type PeerEvent,
} from './peer';
import { statSync } from 'node:fs';
import { DEFAULT_BUNDLE } from '../../emulator/load-bundle';

export type OperationKind =
  | 'setUp'
  | 'setUpRepeat'
  | 'onOpen'
  | 'submission'
  | 'coldSubmission'
  | 'naiveSubmission'
  | 'peerSubmission'
  | 'flaggedSubmission'
  | 'firstEdit'
  | 'onEdit'
  | 'summaryRebuild'
  | 'summaryRebuildNightly'
  | 'weeklyEmail'
  | 'weeklyEmailFallback'
  | 'auditCheck'
  | 'auditCheckAnchor';

export type OperationStatus = 'ok' | 'failed';

export interface OperationResult {
  kind: OperationKind;
  label: string;
  /** Incidents already in the register when the operation ran (null where it does not apply). */
  incidents: number | null;
  status: OperationStatus;
  error?: string;
  calls: Record<string, number>;
  byService: Record<string, number>;
  total: number;
  cells: Record<string, number>;
  cpuMs: number;
  wallMs: number;
  modelled: ModelledTime;
  /** Modelled time the operation held the script lock (null when it took none). */
  lockHeld: ModelledTime | null;
  limitMs: number;
  share: number;
  nearLimit: boolean;
  emailsSent: number;
}

/** The peer's hard-coded settings for each school, made outside any measurement (see measurePeerSubmission). */
const peerConfigs = new WeakMap<Workspace, PeerConfig>();

/** The product's bundle, the tutorial's and the peer's handlers, installed side by side. */
function loadBenchScripts(ws: Workspace): void {
  loadBundleWithNaive(ws, () => deploymentIds(ws).itemIds, SCHOOL.dsl, {
    [PEER_FUNCTION]: (...args: unknown[]) => {
      const config = peerConfigs.get(ws);
      if (!config) throw new Error('The peer has no response sheet yet');
      peerHandler(ws, config)(args[0] as PeerEvent);
    },
  });
}

/** The product's bundle size in KiB, for the start-up charge. */
function bundleKiB(): number {
  return statSync(DEFAULT_BUNDLE).size / 1024;
}

/** A school as the DSL leaves it after Set up and filling in Settings, with the tutorial and peer handlers too. */
export function newBenchSchool(): Workspace {
  const ws = new Workspace({ owner: SCHOOL.dsl });
  loadBenchScripts(ws);
  runSetUp(ws);
  configureSchool(ws);
  return ws;
}

/** The first execution the operation started that failed, with any message, fails the operation. */
function statusOf(executions: ExecutionRecord[]): { status: OperationStatus; error?: string } {
  const failed = executions.find((e) => e.status === 'failed');
  if (!failed) return { status: 'ok' };
  return { status: 'failed', error: failed.error ?? 'failed' };
}

/** Measures `fn` on `ws` and models it; the executions it started decide its status. */
export function measureOperation(
  ws: Workspace,
  kind: OperationKind,
  label: string,
  incidents: number | null,
  fn: () => unknown,
  limitMs: number = EXECUTION_LIMIT_MS,
  scriptKiB: number = bundleKiB(),
): OperationResult {
  const executionsBefore = ws.executions.length;
  const mailBefore = ws.mail.sent.length;
  const m: Measurement<unknown> = measure(ws, fn);
  const started = ws.executions.slice(executionsBefore);
  const { status, error } =
    started.length === 0 ? { status: 'failed' as const, error: 'no execution ran' } : statusOf(started);
  const modelled = modelTime(m.calls, m.cells, { sequence: m.sequence, scriptKiB });
  const { share, nearLimit } = limitCheck(modelled.totalMs, limitMs);
  return {
    kind,
    label,
    incidents,
    status,
    ...(error === undefined ? {} : { error }),
    calls: m.calls,
    byService: m.byService,
    total: m.total,
    cells: m.cells,
    cpuMs: m.cpuMs,
    wallMs: m.wallMs,
    modelled,
    lockHeld: lockHeldTime(m.sequence),
    limitMs,
    share,
    nearLimit,
    emailsSent: ws.mail.sent.length - mailBefore,
  };
}

/** The installed trigger for `handler`, fired as Apps Script would (as its owner, with its event). */
function fireHandler(ws: Workspace, handler: string): ExecutionRecord {
  const trigger = ws.script.list().find((t) => t.handler === handler);
  if (trigger) return ws.script.fireTrigger(trigger.uid);
  return ws.runRecorded(handler, [], { kind: 'trigger' });
}

// ---- Set up, opening the spreadsheet ---------------------------------------------------------------

export function measureSetUp(): OperationResult {
  const ws = new Workspace({ owner: SCHOOL.dsl });
  loadBenchScripts(ws);
  return measureOperation(ws, 'setUp', 'Set up (first run)', null, () =>
    ws.runRecorded('setUp', [], { user: SCHOOL.dsl, kind: 'menu' }),
  );
}

/** Set up again once Settings are filled in (what a DSL's repair costs): the second and later runs. */
export function measureRepeatSetUp(): OperationResult {
  const ws = newBenchSchool();
  return measureOperation(ws, 'setUpRepeat', 'Set up (repeat, Settings filled in)', null, () =>
    ws.runRecorded('setUp', [], { user: SCHOOL.dsl, kind: 'menu' }),
  );
}

/** Opening the spreadsheet: the simple onOpen trigger, limited to 30 s. */
export function measureOnOpen(ws: Workspace, incidents: number, limitMs: number): OperationResult {
  return measureOperation(
    ws,
    'onOpen',
    'Open the spreadsheet (onOpen)',
    incidents,
    () => ws.openSpreadsheet(SCHOOL.dsl),
    limitMs,
  );
}

/** The Register sheet, test side (its calls are outside any measurement). */
function registerSheet(ws: Workspace): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ws.spreadsheets.openFacade(ws.containerId).getSheetByName(REGISTER_SHEET);
  if (!sheet) throw new Error('No Register sheet: Set up has not run');
  return sheet;
}

// ---- Submissions ----------------------------------------------------------------------------------------

/** The tutorial handler on a fresh response (its row is removed afterwards, so the register is as before). */
export function measureNaiveSubmission(
  ws: Workspace,
  incidents: number,
  answers: Answers = ordinaryReport(),
): OperationResult {
  const { formId } = deploymentIds(ws);
  const { responseId } = submit(ws, answers, { email: SCHOOL.teacher, fireTriggers: false });
  const response = ws.forms.openFacade(formId).getResponse(responseId);
  const sheet = registerSheet(ws);
  const lastBefore = sheet.getLastRow();
  const result = measureOperation(
    ws,
    'naiveSubmission',
    'Submission, tutorial way',
    incidents,
    () => ws.runRecorded(NAIVE_FUNCTION, [{ response }], { user: SCHOOL.dsl, kind: 'trigger' }),
    EXECUTION_LIMIT_MS,
    naiveScriptKiB(),
  );
  if (sheet.getLastRow() > lastBefore) sheet.deleteRow(lastBefore + 1);
  return result;
}

/**
 * The fair peer on a response sheet holding `incidents` earlier responses: Forms' own row is written first,
 * outside the measurement, then the sheet-bound trigger runs with the event Apps Script gives it.
 */
export function measurePeerSubmission(
  ws: Workspace,
  incidents: number,
  answers: Answers = ordinaryReport(),
): OperationResult {
  const { formId, itemIds } = deploymentIds(ws);
  const form = ws.forms.openFacade(formId);
  const titleOf = (key: string): string => {
    const id = itemIds[key];
    if (id === undefined) throw new Error(`No form item for ${key}`);
    return form.getItemById(id).getTitle();
  };
  const keys = Object.keys(itemIds);
  const header = ['Timestamp', 'Email address', ...keys.map(titleOf)];
  const ss = ws.spreadsheets.openFacade(ws.containerId);
  const sheet = ss.getSheetByName(PEER_SHEET) ?? ss.insertSheet(PEER_SHEET);
  sheet.getRange(1, 1, 1, header.length).setValues([header]);
  const row = incidents + 2;
  if (sheet.getMaxRows() < row) sheet.insertRowsAfter(sheet.getMaxRows(), row - sheet.getMaxRows());
  if (sheet.getMaxColumns() < header.length + 1)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), header.length + 1 - sheet.getMaxColumns());
  const text = (value: string | string[] | undefined): string =>
    Array.isArray(value) ? value.join(', ') : (value ?? '');
  const values = [
    new Date(ws.clock.now()).toISOString(),
    SCHOOL.teacher,
    ...keys.map((k) => text((answers as Record<string, string | string[] | undefined>)[k])),
  ];
  // Forms writes dates as dates; the event's values and namedValues carry them as text.
  const asCell = (v: string): string | Date =>
    /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v.replace(' ', 'T')) : v;
  sheet.getRange(row, 1, 1, values.length).setValues([values.map(asCell)]);
  const namedValues: Record<string, string[]> = {};
  header.forEach((title, i) => (namedValues[title] = [values[i] ?? '']));
  peerConfigs.set(ws, {
    dslEmail: SCHOOL.dsl,
    childAtRiskTitle: titleOf('childAtRisk'),
    categoriesTitle: titleOf('categories'),
    idColumn: header.length + 1,
  });
  const event: PeerEvent = { range: sheet.getRange(row, 1, 1, values.length), values, namedValues };
  return measureOperation(
    ws,
    'peerSubmission',
    'Submission, fair peer',
    incidents,
    () => ws.runRecorded(PEER_FUNCTION, [event], { user: SCHOOL.dsl, kind: 'trigger' }),
    EXECUTION_LIMIT_MS,
    peerScriptKiB(),
  );
}

export function measureSubmission(
  ws: Workspace,
  incidents: number,
  answers: Answers = ordinaryReport(),
  kind: OperationKind = 'submission',
  label = 'Submission (onFormSubmit, Settings kept)',
): OperationResult {
  return measureOperation(ws, kind, label, incidents, () => submit(ws, answers, { email: SCHOOL.teacher }));
}

/**
 * The DSL changes one incident's status: one cell typed into the register, then the installable on-edit
 * trigger runs. The first edit after Set up may do one-off work (the audit trail's baseline), so callers
 * measure it apart from an edit in steady state.
 */
export function measureOnEdit(
  ws: Workspace,
  incidents: number,
  status: 'Triaged' | 'In progress',
  label: string,
  kind: OperationKind = 'onEdit',
): OperationResult {
  const letter = columnLetter(columnNumber('status'));
  return measureOperation(ws, kind, label, incidents, () =>
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, REGISTER_SHEET, `${letter}2`, status),
  );
}

/**
 * On a school whose register holds `incidents`: a submission the tutorial way and the product's way, a
 * flagged submission (optional), then the first edit of a register cell and a second one.
 */
export function measureRegisterOfSize(
  ws: Workspace,
  incidents: number,
  options: { flagged?: boolean } = {},
): OperationResult[] {
  const results = [measurePeerSubmission(ws, incidents), measureNaiveSubmission(ws, incidents)];
  // The first submission after Set up (or after any Settings edit) reads Settings and the header in full and
  // keeps them; its row is removed again so the steady-state one sees the same register.
  const sheet = registerSheet(ws);
  const lastBefore = sheet.getLastRow();
  results.push(
    measureSubmission(
      ws,
      incidents,
      ordinaryReport(),
      'coldSubmission',
      'Submission, first after a Settings edit',
    ),
  );
  if (sheet.getLastRow() > lastBefore) sheet.deleteRow(lastBefore + 1);
  results.push(measureSubmission(ws, incidents));
  if (options.flagged) {
    results.push(
      measureSubmission(
        ws,
        incidents + 1,
        ordinaryReport({ childAtRisk: 'Yes', categories: ['Grooming or contact by an adult'] }),
        'flaggedSubmission',
        'Submission flagged (alert email)',
      ),
    );
  }
  const rows = registerSheet(ws).getLastRow() - 1;
  results.push(measureOnEdit(ws, rows, 'Triaged', 'First register edit (audit start)', 'firstEdit'));
  results.push(measureOnEdit(ws, rows, 'In progress', 'Edit one register cell (audit)'));
  return results;
}

// ---- Summary and weekly email ---------------------------------------------------------------------------

/**
 * The first rebuild (it makes the Summary sheet and its charts), the next one (every night after that: the
 * sheet and charts are there), then the weekly email from the snapshot the rebuild kept (as on a Monday: the
 * rebuild at 03:00, the email a few hours later), then the email again with no snapshot, reading the
 * register (what it does when the nightly rebuild has not run).
 */
export function measureSummaryAndDigest(incidents: number): OperationResult[] {
  const ws = newBenchSchool();
  prefillRegister(ws, incidents);
  const rebuild = measureOperation(ws, 'summaryRebuild', 'Summary rebuild', incidents, () =>
    fireHandler(ws, 'rebuildSummary'),
  );
  const nightly = measureOperation(
    ws,
    'summaryRebuildNightly',
    'Summary rebuild, nightly (Summary already there)',
    incidents,
    () => fireHandler(ws, 'rebuildSummary'),
  );
  const weekly = measureOperation(ws, 'weeklyEmail', 'Weekly leadership email', incidents, () =>
    fireHandler(ws, 'sendWeeklyDigest'),
  );
  // No nightly rebuild: neither its weekly snapshot nor the Settings it keeps cached for the morning.
  ws.properties.userStore(SCHOOL.dsl).delete(WEEKLY_SNAPSHOT_KEY);
  ws.cache.storeFor(`user:${SCHOOL.dsl}`).delete(SUBMIT_SNAPSHOT_KEY);
  const fallback = measureOperation(
    ws,
    'weeklyEmailFallback',
    'Weekly leadership email, no nightly summary (reads the register)',
    incidents,
    () => fireHandler(ws, 'sendWeeklyDigest'),
  );
  return [rebuild, nightly, weekly, fallback];
}

// ---- The nightly audit check, which now carries the weekly anchor ---------------------------------------

/**
 * The nightly audit check (01:00) on an ordinary night and on the night of the week it sends the audit
 * anchor (which rode on the weekly email before: the cost moved there). The first run after Set up takes
 * the audit's baseline and is not measured; the anchor night is played by forgetting when the anchor last
 * went (the runner's user property).
 */
export function measureAuditCheck(incidents: number, options: { anchor?: boolean } = {}): OperationResult[] {
  const ws = newBenchSchool();
  prefillRegister(ws, incidents);
  fireHandler(ws, 'checkAuditTrail');
  const ordinary = measureOperation(ws, 'auditCheck', 'Nightly audit check', incidents, () =>
    fireHandler(ws, 'checkAuditTrail'),
  );
  if (options.anchor === false) return [ordinary];
  ws.properties.userStore(SCHOOL.dsl).delete(ANCHOR_SENT_KEY);
  const anchor = measureOperation(
    ws,
    'auditCheckAnchor',
    'Nightly audit check, the night it sends the weekly anchor',
    incidents,
    () => fireHandler(ws, 'checkAuditTrail'),
  );
  return [ordinary, anchor];
}
