/**
 * The whole system, offline: `npm run demo -- [--out DIR] [--responses FILE] [--seed N] [--weeks N]`.
 *
 * Builds the bundle, loads build/Code.js into the Workspace emulator and plays a school term through it as
 * people would: the DSL runs Set up and fills in Settings, staff submit the form (some form-submit triggers
 * fire twice, as Apps Script's sometimes do), the DSL triages and closes incidents in the register, and time
 * passes so the nightly, hourly and weekly triggers that Set up installed fire on schedule. Then it writes
 * what a school would see: workspace.json, register.xlsx, every email (mail/), and a preview of the form.
 *
 * Any failed execution or step, whatever its message, makes the demo list it and exit with status 1 after
 * writing everything.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Workspace, ExecutionRecord } from '../emulator/workspace';
import { registerColumns, type RegisterKey } from '../src/domain/register';
import { columnLetter } from '../src/workspace/register-sheet';
import { SCHOOL, deploymentIds, editSettings, newSchool, submit } from '../test/support/deployment';
import { writeMailFiles } from './lib/eml';
import { governorsCopy, writeGovernorsPdf } from './lib/governors-pdf';
import { runTrustDemo } from './lib/trust-demo';
import { renderFormPreview } from './lib/form-preview';
import {
  formatExecutionTable,
  summariseExecutions,
  verdict,
  type FunctionOutcome,
  type StepOutcome,
} from './lib/outcomes';
import {
  ResponsesFileError,
  earliestTimestamp,
  parseResponses,
  prepareResponses,
  readResponsesFile,
  type ResponseEntry,
} from './lib/responses';
import {
  ScenarioFileError,
  formatTranscript,
  loadScenario,
  playScenario,
  setUpUsualSchool,
  type Scenario,
  type Transcript,
} from './lib/scenario';
import { syntheticTerm, type PlannedEdit, type PlannedReport, type Term, type TypedValue } from './lib/term';
import { shortDay, wallClock, zonedInstant } from './lib/time';
import { writeWorkbook, type WorkbookSummary } from './lib/xlsx';

const ROOT = path.resolve(__dirname, '..');
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
/** A Monday in term; the emulator's default start. */
const TERM_START = Date.parse('2026-09-07T08:00:00Z');
const SCHOOL_NAME = 'Hillside Academy';
const MENU = 'Online Safety';
/** A governor on the governors' report list beside the Chair and the Headteacher. */
const GOVERNOR = 'safeguarding.governor@governors.example';

export interface DemoOptions {
  out: string;
  responses?: string;
  /** Play these people's steps (JSON) after the usual Set up, instead of a made-up term. */
  scenario?: string;
  seed: number;
  /** Weeks of term (synthetic), or weeks the clock runs on after the last response (--responses). */
  weeks?: number;
  /** Run `npm run build` first (the CLI does; tests use the bundle `npm test` built). */
  build: boolean;
  log: (line: string) => void;
  /** Called with the workspace as soon as it exists (tests look inside it, even after a failure). */
  onWorkspace?: (ws: Workspace) => void;
}

export interface WrittenFile {
  path: string;
  bytes: number;
  what: string;
}

export interface DemoResult {
  exitCode: 0 | 1;
  steps: StepOutcome[];
  executions: FunctionOutcome[];
  written: WrittenFile[];
  reportsSubmitted: number;
  refires: number;
  dslEdits: number;
  emails: number;
  workbook: WorkbookSummary;
  /** With --scenario: what each step did. */
  transcript?: Transcript;
}

/** A problem with how the demo was asked to run (bad arguments, bundle will not build): exit 2. */
export class DemoUsageError extends Error {}

export const USAGE = `Usage: npm run demo -- [--out DIR] [--responses FILE | --scenario FILE] [--seed N] [--weeks N] [--no-build]

  --out DIR         where to write (default: out/)
  --responses FILE  submit these responses (JSON) instead of a made-up term; see examples/two-reports.json
  --scenario FILE   play these steps, each by a named person (JSON), after the usual Set up, and write
                    scenario.txt; see examples/deputy-reroutes-allegations.json
  --seed N          seed for the made-up term (default 1): the same seed gives the same term
  --weeks N         weeks of term to play (default 12); with --responses, weeks the clock runs on
                    after the last response (default 1)
  --no-build        use the existing build/Code.js instead of running npm run build`;

/** Reads the command line; throws DemoUsageError with the usage on a mistake. */
export function parseArgs(
  argv: readonly string[],
  log: (line: string) => void = console.log,
): DemoOptions | 'help' {
  const options: DemoOptions = { out: 'out', seed: 1, build: true, log };
  const args = [...argv];
  const value = (flag: string, inline: string | undefined): string => {
    const v = inline ?? args.shift();
    if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) {
      throw new DemoUsageError(`${flag} needs a value.\n\n${USAGE}`);
    }
    return v;
  };
  const whole = (flag: string, text: string, min: number, max: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new DemoUsageError(
        `${flag} must be a whole number from ${min} to ${max}, not "${text}".\n\n${USAGE}`,
      );
    }
    return n;
  };
  while (args.length > 0) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    switch (flag) {
      case '--out':
        options.out = value(flag, inline);
        break;
      case '--responses':
        options.responses = value(flag, inline);
        break;
      case '--scenario':
        options.scenario = value(flag, inline);
        break;
      case '--seed':
        options.seed = whole(flag, value(flag, inline), 0, 2 ** 32 - 1);
        break;
      case '--weeks':
        options.weeks = whole(flag, value(flag, inline), 1, 52);
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new DemoUsageError(`Unknown option "${arg}".\n\n${USAGE}`);
    }
  }
  if (options.responses !== undefined && options.scenario !== undefined) {
    throw new DemoUsageError(`--responses and --scenario cannot be used together.\n\n${USAGE}`);
  }
  return options;
}

function buildBundle(log: (line: string) => void): void {
  log('Building the Apps Script bundle (npm run build)…');
  const result = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    throw new DemoUsageError(`npm run build failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}

/** The demo as a sequence of steps, each recorded; scheduled triggers fire whenever time moves. */
class DemoRun {
  readonly steps: StepOutcome[] = [];
  readonly responseIds = new Map<number, string>();
  reportsSubmitted = 0;
  refires = 0;
  dslEdits = 0;
  private scheduledRuns = 0;

  constructor(
    readonly ws: Workspace,
    private readonly log: (line: string) => void,
  ) {}

  step(name: string, action: () => void): boolean {
    try {
      action();
      this.steps.push({ step: name, status: 'ok' });
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.steps.push({ step: name, status: 'failed', detail: message });
      return false;
    }
  }

  /** Moves the clock, firing the triggers that fall due. */
  advanceTo(ms: number): ExecutionRecord[] {
    if (ms <= this.ws.clock.now()) return [];
    const runs = this.ws.advanceTo(ms);
    this.scheduledRuns += runs.length;
    return runs;
  }

  get scheduled(): number {
    return this.scheduledRuns;
  }

  /** The register row (1-based) holding a response, read as the DSL sees the sheet. */
  private registerRow(responseId: string): { row: number; header: string[] } {
    const values = this.ws.spreadsheets._sheetValues('Register');
    const header = (values[0] ?? []).map((v) => String(v ?? ''));
    const idColumn = header.indexOf(headerOf('responseId'));
    const index = values.findIndex((r, i) => i > 0 && r[idColumn] === responseId);
    return { row: index + 1, header };
  }

  submitPlanned(report: PlannedReport): void {
    const ok = this.step(`report ${report.number} submitted (${report.kind})`, () => {
      const result = submit(this.ws, report.answers, { email: report.email });
      this.responseIds.set(report.number, result.responseId);
      this.reportsSubmitted += 1;
    });
    if (!ok)
      this.log(`  ! report ${report.number} was refused: ${this.steps[this.steps.length - 1]?.detail ?? ''}`);
  }

  refire(report: PlannedReport): void {
    const responseId = this.responseIds.get(report.number);
    if (!responseId) return;
    this.step(`form-submit trigger fired again for report ${report.number}`, () => {
      this.ws.forms.refire(deploymentIds(this.ws).formId, responseId);
      this.refires += 1;
    });
  }

  /** The DSL types into the report's register row, one cell at a time, as in the browser. */
  edit(edit: PlannedEdit, timeZone: string): void {
    const responseId = this.responseIds.get(edit.report);
    if (!responseId) return;
    this.step(`DSL ${edit.purpose}s report ${edit.report} in the register`, () => {
      const { row, header } = this.registerRow(responseId);
      if (row < 2)
        throw new Error(`report ${edit.report} (response ${responseId}) has no row in the register`);
      for (const [key, value] of edit.cells) {
        const column = header.indexOf(headerOf(key));
        if (column < 0) throw new Error(`the register has no "${headerOf(key)}" column`);
        this.ws.spreadsheets._userEdit(
          SCHOOL.dsl,
          this.ws.containerId,
          'Register',
          `${columnLetter(column + 1)}${row}`,
          typed(value, timeZone),
        );
        this.dslEdits += 1;
      }
    });
  }
}

function headerOf(key: RegisterKey): string {
  const column = registerColumns().find((c) => c.key === key);
  if (!column) throw new Error(`no register column ${String(key)}`);
  return column.header;
}

/** A date picked in a date cell is that day at midnight, school time. */
function typed(value: TypedValue, timeZone: string): string | Date {
  if (typeof value === 'string') return value;
  const w = wallClock(value.getTime(), timeZone);
  return new Date(zonedInstant(w.year, w.month, w.day, 0, 0, timeZone));
}

type TermEvent =
  | { at: number; order: number; kind: 'submit' | 'refire'; report: PlannedReport }
  | { at: number; order: number; kind: 'edit'; edit: PlannedEdit };

function termEvents(term: Term): TermEvent[] {
  const events: TermEvent[] = [];
  for (const report of term.reports) {
    events.push({ at: report.at, order: 0, kind: 'submit', report });
    if (report.refireAfterMs !== null)
      events.push({ at: report.at + report.refireAfterMs, order: 1, kind: 'refire', report });
  }
  for (const edit of term.edits) events.push({ at: edit.at, order: 2, kind: 'edit', edit });
  return events.sort((a, b) => a.at - b.at || a.order - b.order);
}

function playTerm(
  run: DemoRun,
  term: Term,
  weeks: number,
  timeZone: string,
  log: (line: string) => void,
): void {
  const events = termEvents(term);
  log(
    `Playing ${weeks} week${weeks === 1 ? '' : 's'} of term: ${term.reports.length} reports, ${term.edits.length} DSL updates` +
      `${term.spikeWeek !== null ? `, a spike in week ${term.spikeWeek + 1}` : ''}${term.halfTermWeek !== null ? `, half term in week ${term.halfTermWeek + 1}` : ''}.`,
  );
  let next = 0;
  for (let week = 0; week < weeks; week += 1) {
    const weekStart = term.weekStarts[week] as number;
    const weekEnd = week === weeks - 1 ? term.end : (term.weekStarts[week + 1] as number);
    const before = {
      reports: run.reportsSubmitted,
      refires: run.refires,
      edits: run.dslEdits,
      scheduled: run.scheduled,
    };
    let flagged = 0;
    while (next < events.length && (events[next] as TermEvent).at < weekEnd) {
      const event = events[next] as TermEvent;
      next += 1;
      run.advanceTo(event.at);
      if (event.kind === 'edit') run.edit(event.edit, timeZone);
      else if (event.kind === 'refire') run.refire(event.report);
      else {
        run.submitPlanned(event.report);
        if (event.report.kind === 'flagged') flagged += 1;
      }
    }
    run.advanceTo(weekEnd);
    const label =
      week === term.halfTermWeek ? ' (half term)' : week === term.spikeWeek ? ' (viral "challenge")' : '';
    log(
      `  week ${String(week + 1).padStart(2)} from ${shortDay(weekStart, timeZone)}${label}: ` +
        `${count(run.reportsSubmitted - before.reports, 'report')} (${flagged} flagged by the reporter or category), ` +
        `${count(run.refires - before.refires, 'double-fire')}, ${count(run.dslEdits - before.edits, 'cell')} edited by the DSL, ` +
        `${count(run.scheduled - before.scheduled, 'scheduled run')}`,
    );
  }
}

function playResponses(
  run: DemoRun,
  ws: Workspace,
  entries: ResponseEntry[],
  file: string,
  weeksAfter: number,
  log: (line: string) => void,
): void {
  const { formId } = deploymentIds(ws);
  const form = ws.forms.formState(formId);
  if (!form) throw new Error('Set up did not leave a form to submit to');
  const owner = ws.drive.get(formId)?.owner ?? SCHOOL.dsl;
  const prepared = prepareResponses(entries, form, owner, ws.clock.now(), SCHOOL.teacher, file);
  log(`All ${prepared.length} responses in ${file} fit the form; submitting them in order.`);
  for (const p of prepared) {
    if (p.timestamp !== undefined) run.advanceTo(p.timestamp);
    run.step(`response ${p.number} submitted`, () => {
      ws.forms.submit(formId, {
        email: p.email,
        answers: p.answers,
        ...(p.timestamp !== undefined ? { timestamp: new Date(p.timestamp) } : {}),
      });
      run.reportsSubmitted += 1;
    });
  }
  const until = ws.clock.now() + weeksAfter * WEEK;
  log(`Letting ${weeksAfter} week${weeksAfter === 1 ? '' : 's'} pass so the scheduled jobs run…`);
  run.advanceTo(until);
}

/** The DSL opens the spreadsheet and tries each item of the Online Safety menu (Set up has already run). */
function useMenu(run: DemoRun, ws: Workspace, log: (line: string) => void): void {
  run.step('DSL opens the spreadsheet (onOpen adds the menu)', () => {
    const opened = ws.openSpreadsheet(SCHOOL.dsl);
    if (opened?.status === 'failed') throw new Error(opened.error ?? 'onOpen failed');
  });
  const menu = ws.spreadsheets.ui.menus(SCHOOL.dsl).find((m) => m.name === MENU);
  if (!menu) {
    run.steps.push({ step: `the "${MENU}" menu is shown`, status: 'failed', detail: 'no menu after onOpen' });
    return;
  }
  const items = menu.items.flatMap((i) => (i.kind === 'item' ? [i] : []));
  log(`The DSL uses the ${MENU} menu: ${items.length} items.`);
  for (const item of items) {
    // Set up ran at the start; handing the system over is a story of its own (examples/, runner tests).
    if (['setUp', 'handOver', 'takeOver'].includes(item.functionName)) continue;
    // Deleting a record is a decision under the retention policy (test/e2e/retention.test.ts): the DSL
    // opens it and cancels.
    if (item.functionName === 'deleteRecord') {
      ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'CANCEL' });
    } else if (item.caption.endsWith('…') || item.functionName === 'showPupilChronology') {
      // An item whose caption ends with "…" asks something first: the DSL names a pupil who recurs in the term.
      ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'OK', text: 'Jordan Blake' });
    }
    run.step(`menu: ${item.caption}`, () => {
      ws.spreadsheets.ui.clickMenu(SCHOOL.dsl, MENU, item.caption);
    });
    if (item.functionName === 'runPlatformSelfTest') finishSelfTest(run, ws, log);
  }
}

/** The platform self-test's follow-up run fires a minute after the menu click; the Self-test sheet is printed. */
function finishSelfTest(run: DemoRun, ws: Workspace, log: (line: string) => void): void {
  run.step('a minute later: the self-test follow-up run', () => {
    const runs = ws
      .advanceTo(ws.clock.now() + 61_000)
      .filter((e) => e.functionName === 'finishPlatformSelfTest');
    if (runs.length !== 1 || runs[0]?.status !== 'completed')
      throw new Error('the follow-up run did not complete');
  });
  const rows = ws.spreadsheets._sheetValues('Self-test').slice(2);
  log(`  The platform self-test (Self-test sheet): ${rows.length} checks.`);
  for (const [check, , seen, result] of rows)
    log(`    ${String(result).padEnd(11)} ${String(check)} — ${String(seen)}`);
}

/**
 * The DSL records two referrals for the term's first child-protection incident — the Police and children's
 * social care — in the Referrals sheet, typed as in the browser (one row each).
 */
function recordTwoReferrals(run: DemoRun, ws: Workspace, log: (line: string) => void): void {
  const rows = ws.spreadsheets._sheetValues('Register');
  const header = (rows[0] ?? []).map(String);
  const id = header.indexOf('Incident ID');
  const flag = header.indexOf('Child protection');
  const incident = rows.slice(1).find((r) => r[flag] === 'Yes')?.[id];
  if (typeof incident !== 'string') return;
  const day = new Date(ws.clock.now());
  run.step(`DSL records two referrals for ${incident}`, () => {
    ws.spreadsheets._userPaste(SCHOOL.dsl, ws.containerId, 'Referrals', 'A2:F3', [
      [incident, 'Police', day, 'CAD 4471', 'Officer visited the family', 'DSL'],
      [incident, "Children's social care", day, 'MASH 2026-118', 'Strategy discussion held', 'DSL'],
    ]);
  });
  log(`The DSL records two referrals for ${incident}: the Police and children's social care.`);
}

/** The people scenario the demo plays after the term, in the same school (see docs/demo.md). */
const PEOPLE_SCENARIO = path.join(ROOT, 'examples/people-of-the-school.json');

/**
 * After the term: a deputy, a Headteacher who can view the register and a new Chair at another domain
 * (examples/people-of-the-school.json), then the health check — what it said is printed.
 */
function playPeople(ws: Workspace, log: (line: string) => void): Transcript {
  const scenario = loadScenario(PEOPLE_SCENARIO, () => newSchool({ now: TERM_START }));
  log(`Then, in the same school: ${scenario.title}.`);
  const transcript = playScenario(ws, scenario);
  for (const s of transcript.steps) {
    log(
      `  ${s.who ?? 'the world'}: ${s.what}${s.outcome === 'done' ? '' : ` — ${s.outcome.toUpperCase()}: ${s.detail ?? ''}`}`,
    );
    // What the person was told: the first line, or the "Please fix" points of Set up.
    for (const d of s.shown) {
      const lines = d.message.split('\n');
      const points = lines.filter((l) => l.startsWith('• '));
      for (const l of points.length > 0 ? points : lines.slice(0, 1))
        log(`      told: ${l.length > 150 ? `${l.slice(0, 149)}…` : l}`);
    }
  }
  const health = ws.spreadsheets._sheetValues('Health').slice(1);
  log('  The health check said (Health sheet):');
  for (const [check, status, found] of health) {
    log(`    ${String(status).padEnd(11)} ${String(check)}${status === 'OK' ? '' : ` — ${String(found)}`}`);
  }
  return transcript;
}

/** "1 report", "2 reports". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function writeFile(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log;
  const out = path.resolve(options.out);
  if (options.build) buildBundle(log);

  // A responses file is read and its shape checked before anything runs.
  let entries: ResponseEntry[] | null = null;
  const responsesFile = options.responses;
  if (responsesFile !== undefined) entries = parseResponses(readResponsesFile(responsesFile), responsesFile);
  // A scenario is checked, step by step, against a probe school set up the usual way, before anything runs.
  let scenario: Scenario | undefined;
  if (options.scenario !== undefined) {
    scenario = loadScenario(options.scenario, () => newSchool({ now: TERM_START }));
  }
  const earliest = entries ? earliestTimestamp(entries) : undefined;
  // Set up happens the day before the first timed response, so the clock never has to run backwards.
  const start = earliest !== undefined ? earliest - DAY : TERM_START;

  const ws = newSchool({ now: start, containerName: `${SCHOOL_NAME} — Online Safety Incident Log` });
  options.onWorkspace?.(ws);
  const timeZone = ws.timeZone;
  log(
    `Loaded build/Code.js into the Workspace emulator: ${ws.functionNames().length} entry points; the clock reads ${new Date(start).toISOString()}.`,
  );
  const run = new DemoRun(ws, log);

  let transcript: Transcript | undefined;
  if (scenario) {
    log(
      `Scenario "${scenario.title}": ${scenario.steps.length} steps${scenario.setup === 'usual' ? ', after the usual Set up' : ', from a spreadsheet nobody has set up'}.`,
    );
    if (scenario.setup === 'usual')
      setUpUsualSchool(ws, (name, action) => run.step(name, action), SCHOOL_NAME);
    transcript = playScenario(ws, scenario);
    for (const s of transcript.steps) {
      log(
        `  step ${String(s.number).padStart(2)} ${s.who ?? 'the world'}: ${s.what}${s.outcome === 'done' ? '' : ` — ${s.outcome.toUpperCase()}`}`,
      );
    }
  } else {
    log(
      'The DSL runs Online Safety › Set up / repair, fills in Settings and runs it again, then shares the spreadsheet with the deputy DSL…',
    );
    setUpUsualSchool(ws, (name, action) => run.step(name, action), SCHOOL_NAME);
    const failed = run.steps.find((s) => s.status === 'failed');
    if (failed) throw new Error(`${failed.step} failed: ${failed.detail ?? ''}`);
    log('  Set up is done; the deputy DSL can edit the register.');
  }

  if (scenario) {
    // The scenario's steps are the story; the DSL's tour of the menu is not part of it.
  } else if (entries && responsesFile !== undefined) {
    playResponses(run, ws, entries, responsesFile, options.weeks ?? 1, log);
  } else {
    const weeks = options.weeks ?? 12;
    const term = syntheticTerm({
      seed: options.seed,
      weeks,
      start: TERM_START,
      notBefore: ws.clock.now(),
      timeZone,
    });
    playTerm(run, term, weeks, timeZone, log);
    recordTwoReferrals(run, ws, log);
  }

  if (!scenario) {
    // The governors' report goes to the Chair, the Headteacher and a safeguarding governor (issue 16).
    run.step("DSL adds the governors' report addresses to Settings", () =>
      editSettings(ws, {
        "Governors' report emails": [SCHOOL.chair, SCHOOL.headteacher, GOVERNOR].join('\n'),
      }),
    );
    useMenu(run, ws, log);
    transcript = playPeople(ws, log);
  }

  // ---- Files ----------------------------------------------------------------------------------------------
  log(`Writing to ${out}…`);
  mkdirSync(out, { recursive: true });
  const written: WrittenFile[] = [];
  const note = (file: string, what: string): void => {
    written.push({ path: file, bytes: statSync(file).size, what });
  };

  const snapshot = ws.snapshot();
  const workspaceJson = path.join(out, 'workspace.json');
  writeFile(workspaceJson, `${JSON.stringify(snapshot, null, 2)}\n`);
  const books = (snapshot.spreadsheets as unknown[]).length;
  const forms = (snapshot.forms as unknown[]).length;
  note(
    workspaceJson,
    `${books} spreadsheets, ${forms} form, ${ws.mail.sent.length} emails, ${ws.script.list().length} triggers, properties, ${ws.executions.length} executions`,
  );

  const xlsx = path.join(out, 'register.xlsx');
  const workbook = await writeWorkbook(ws, xlsx);
  note(xlsx, `${workbook.sheets.length} sheets: ${workbook.sheets.map((s) => s.title).join(', ')}`);

  const mailDir = path.join(out, 'mail');
  const mail = writeMailFiles(mailDir, ws.mail.sent, timeZone);
  const mailBytes = mail.files.reduce((sum, f) => sum + statSync(path.join(mailDir, f)).size, 0);
  written.push({
    path: `${mailDir}${path.sep}`,
    bytes: mailBytes,
    what: `${mail.count} emails as .html and .eml, and index.html`,
  });

  const { formId } = deploymentIds(ws);
  const form = ws.forms.formState(formId);
  if (form) {
    const formHtml = path.join(out, 'form.html');
    const published = form.published
      ? `https://docs.google.com/forms/d/e/${form.publishedId}/viewform`
      : null;
    writeFile(formHtml, renderFormPreview(form, published));
    const questions = form.items.filter((i) => i.type !== 'PAGE_BREAK' && i.type !== 'SECTION_HEADER').length;
    const sections = form.items.filter((i) => i.type === 'PAGE_BREAK').length + 1;
    note(formHtml, `${sections} sections, ${questions} questions`);
  }

  const governors = governorsCopy(ws.mail.sent, SCHOOL.chair);
  if (governors) {
    const written_ = await writeGovernorsPdf(out, governors);
    note(written_.html, `the governors' termly report as sent (to ${written_.recipient})`);
    if (written_.pdf) note(written_.pdf, `the same, rendered to PDF by Chromium: ${written_.pages} pages`);
    else log('Chromium is not at /usr/bin/chromium: governors-report.pdf was not rendered.');
  }

  const dialogs = path.join(out, 'dialogs.txt');
  writeFile(
    dialogs,
    ws.spreadsheets.ui
      .shown()
      .map((d) => `[${d.kind}] ${d.user}: ${d.title}\n${d.message}\n`)
      .join('\n'),
  );
  note(dialogs, `${ws.spreadsheets.ui.shown().length} messages the script showed in the spreadsheet`);

  if (!scenario && !entries) {
    // Three schools of a trust into its spreadsheet and its (emulated) BigQuery dataset: out/trust/.
    const trust = await runTrustDemo(out, log);
    for (const file of trust.files) note(file.path, file.what);
  }

  if (transcript) {
    const scenarioTxt = path.join(out, 'scenario.txt');
    writeFile(scenarioTxt, formatTranscript(transcript, timeZone));
    note(
      scenarioTxt,
      `${transcript.steps.length} steps: who did what, what they were shown, what ran, what was sent`,
    );
  }

  // ---- Summary ---------------------------------------------------------------------------------------------
  const executions = summariseExecutions(ws.executions);
  // In a scenario, failed executions and refusals are what the scenario shows (scenario.txt says each);
  // only the usual Set up's own steps count against the run.
  const outcome = scenario ? verdict([], run.steps) : verdict(executions, run.steps);
  log('');
  if (scenario && transcript) {
    const refused = transcript.steps.filter((x) => x.outcome === 'refused').length;
    const failed = transcript.steps.filter((x) => x.outcome === 'script failed').length;
    log(
      `Done: ${transcript.steps.length} steps played (${refused} refused to the person, ${failed} where the script failed), ${ws.mail.sent.length} emails sent. Step by step: scenario.txt.`,
    );
  } else {
    log(
      `Done: ${run.reportsSubmitted} reports submitted, ${run.refires} form-submit triggers fired twice, ${run.dslEdits} register cells edited by the DSL, ${ws.mail.sent.length} emails sent, ${run.scheduled} scheduled trigger runs.`,
    );
  }
  log('Script executions:');
  for (const line of formatExecutionTable(executions)) log(line);
  for (const line of outcome.lines) log(line);
  if (workbook.notCarried.length > 0) {
    log(`Not carried into register.xlsx: ${[...new Set(workbook.notCarried)].join('; ')}`);
  }
  log('Wrote:');
  const width = Math.max(...written.map((w) => path.relative(process.cwd(), w.path).length));
  for (const w of written) {
    log(`  ${path.relative(process.cwd(), w.path).padEnd(width)}  ${size(w.bytes).padStart(9)}  ${w.what}`);
  }
  return {
    exitCode: outcome.exitCode,
    steps: run.steps,
    executions,
    written,
    reportsSubmitted: run.reportsSubmitted,
    refires: run.refires,
    dslEdits: run.dslEdits,
    emails: ws.mail.sent.length,
    workbook,
    ...(transcript ? { transcript } : {}),
  };
}

async function main(): Promise<void> {
  let options: DemoOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  try {
    const result = await runDemo(options);
    process.exitCode = result.exitCode;
  } catch (err) {
    if (
      err instanceof ResponsesFileError ||
      err instanceof ScenarioFileError ||
      err instanceof DemoUsageError
    ) {
      console.error(err.message);
      process.exitCode = 2;
      return;
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
