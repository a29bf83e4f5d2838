/**
 * The built bundle (build/Code.js) as Apps Script will run it: plain script in a bare V8 context whose
 * only globals besides JavaScript's own are the Apps Script services. No Node globals, no module syntax,
 * one top-level function per entry point, nothing run at load time, and every entry point callable.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { DEFAULT_BUNDLE, loadBundle } from '../../emulator/load-bundle';
import { Workspace, type ExecutionRecord } from '../../emulator/workspace';
import { configureSchool, newSchool, runSetUp, SCHOOL } from '../support/deployment';

const source = readFileSync(DEFAULT_BUNDLE, 'utf8');
const indexSource = readFileSync(path.resolve(__dirname, '..', '..', 'src', 'index.ts'), 'utf8');
/** The entry points src/index.ts wires up (`global.name = fn`). */
const ENTRY_POINTS = [...indexSource.matchAll(/^global\.(\w+)\s*=/gm)].map((m) => m[1]!);
/** The globals JavaScript itself gives a bare context (Object, Array, Intl…). */
const JAVASCRIPT_OWN = Object.getOwnPropertyNames(vm.createContext(vm.constants.DONT_CONTEXTIFY));

type StartedBy = 'simple trigger' | 'menu' | 'installed trigger';

/**
 * How Apps Script starts each entry point: opening the spreadsheet, the Online Safety menu, or the trigger
 * Set up installs. Every entry point of src/index.ts must be listed, so the runs below cover all of them.
 */
const STARTED_BY: Record<string, readonly StartedBy[]> = {
  onOpen: ['simple trigger'],
  setUp: ['menu'],
  showFormLink: ['menu'],
  checkForMissedReports: ['menu'],
  sendDigestPreview: ['menu'],
  showPupilChronology: ['menu'],
  verifyAuditTrail: ['menu'],
  showRetentionReview: ['menu'],
  deleteRecord: ['menu'],
  handOver: ['menu'],
  takeOver: ['menu'],
  showHealthCheck: ['menu'],
  rebuildSummary: ['menu', 'installed trigger'],
  retryPendingAlerts: ['menu', 'installed trigger'],
  onFormSubmit: ['installed trigger'],
  onRegisterEdit: ['installed trigger'],
  reconcileMissedReports: ['installed trigger'],
  sendOverdueReminders: ['installed trigger'],
  sendWeeklyDigest: ['installed trigger'],
  onStaffAllegationsEdit: ['installed trigger'],
  onLeadAllegationsEdit: ['installed trigger'],
  onHeadteacherAllegationsEdit: ['installed trigger'],
  checkAuditTrail: ['installed trigger'],
  runPlatformSelfTest: ['menu'],
  runPlatformCheck: ['menu'],
  // Installed by the self-test's menu run above (index.ts lists them after it).
  selfTestFormSubmit: ['installed trigger'],
  finishPlatformSelfTest: ['installed trigger'],
  sendGovernorsReport: ['menu'],
  nightlyOversight: ['installed trigger'],
  // The trust's own deployment (test/e2e/trust-summary.test.ts): on a school, Set up for the trust refuses
  // with a message, and the rebuild and its nightly job (never installed on a school; run here from the
  // editor) do nothing, the file not being a trust's.
  setUpTrust: ['menu'],
  rebuildTrustSummary: ['menu'],
  nightlyTrustSummary: ['menu'],
};

interface EntryRun {
  name: string;
  startedBy: StartedBy;
  status: ExecutionRecord['status'] | 'no trigger installed';
  error: string | undefined;
}

/**
 * Runs every entry point as Apps Script would start it, as the DSL. Dialogs that ask something get Cancel,
 * as a person closing them would. Installed triggers fire with the event their trigger gives.
 */
function runEveryEntryPoint(ws: Workspace): EntryRun[] {
  for (let i = 0; i < 10; i++) ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'CANCEL' });
  const runs: EntryRun[] = [];
  for (const name of ENTRY_POINTS) {
    for (const startedBy of STARTED_BY[name] ?? []) {
      let run: ExecutionRecord | undefined;
      if (startedBy === 'simple trigger') run = ws.openSpreadsheet(SCHOOL.dsl);
      else if (startedBy === 'menu') run = ws.runRecorded(name, [], { user: SCHOOL.dsl, kind: 'menu' });
      else {
        const trigger = ws.script.list().find((t) => t.handler === name);
        if (trigger) run = ws.script.fireTrigger(trigger.uid);
      }
      runs.push({
        name,
        startedBy,
        status: run?.status ?? 'no trigger installed',
        error: run?.error,
      });
    }
  }
  return runs;
}

describe('build/Code.js', () => {
  test('is plain script: no import, export or require', () => {
    expect(source).not.toMatch(/^\s*(import|export)\b/m);
    expect(source).not.toMatch(/\bimport\s*\(/);
    expect(source).not.toMatch(/\brequire\s*\(/);
    expect(source).not.toMatch(/\bmodule\.exports\b|\bexports\.\w+\s*=/);
    console.log(`build/Code.js: ${statSync(DEFAULT_BUNDLE).size} bytes`);
  });

  test('declares every entry point of src/index.ts as a top-level function', () => {
    // A new entry point goes into STARTED_BY too, so the runs below exercise it.
    expect([...ENTRY_POINTS].sort()).toEqual(Object.keys(STARTED_BY).sort());
    for (const name of ENTRY_POINTS) {
      // Minified, the declarations follow one another on the first line: `function a(){}function b(){}`.
      const declared = new RegExp(`(?:^|\\})function ${name}\\(`, 'm').test(source);
      expect({ name, declared }).toEqual({
        name,
        declared: true,
      });
    }
  });

  test('loads in a context whose only globals are the services, making no service call', () => {
    const ws = new Workspace({ owner: SCHOOL.dsl });
    const callsBefore = ws.calls.total();
    const loaded = loadBundle(ws);
    // The context made at load time, and one such as each execution starts in.
    const contexts = [loaded.context, loaded.newContext().context];
    expect(ws.calls.total()).toBe(callsBefore);
    expect(ws.executions).toEqual([]);
    expect(ws.mail.sent).toEqual([]);
    expect(ws.script.list()).toEqual([]);

    for (const context of contexts) {
      for (const name of [
        'require',
        'process',
        'setTimeout',
        'setInterval',
        'fetch',
        'Buffer',
        'module',
        'exports',
        'global',
        'window',
        'TextEncoder',
      ]) {
        expect({ name, type: vm.runInContext(`typeof ${name}`, context) }).toEqual({
          name,
          type: 'undefined',
        });
      }
      // Besides JavaScript's own (what a bare context holds), the context holds the services, the advanced
      // services the manifest enables (Sheets), the clock's Date and the entry points.
      const own = Object.getOwnPropertyNames(context).sort();
      expect(own).toEqual(
        [
          ...new Set([...JAVASCRIPT_OWN, ...Object.keys(ws.globals()), 'Sheets', 'Date', ...ENTRY_POINTS]),
        ].sort(),
      );
    }
    expect(Object.keys(loaded.functions).sort()).toEqual([...ENTRY_POINTS].sort());
  });

  test('touches no service at all while loading (not even an enum)', () => {
    const ws = new Workspace({ owner: SCHOOL.dsl });
    const touched: string[] = [];
    const watched: Record<string, unknown> = {};
    for (const [name, service] of Object.entries(ws.globals())) {
      watched[name] = new Proxy(service as object, {
        get(target, prop, receiver) {
          touched.push(`${name}.${String(prop)}`);
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    }
    const context = vm.createContext(watched);
    vm.runInContext(source, context, { filename: 'Code.js' });
    expect(touched).toEqual([]);
    expect(typeof vm.runInContext('onFormSubmit', context)).toBe('function');
  });

  test('is minified, yet a stack trace still names the functions that ran', () => {
    // Minified (issue 15): the function's own name is not in the code, only the string that names it.
    expect(source).not.toMatch(/function readResponse\(/);
    const ws = new Workspace({ owner: SCHOOL.dsl });
    const loaded = loadBundle(ws);
    const response = {
      getId: () => 'r1',
      getTimestamp: () => new Date(),
      getRespondentEmail: () => SCHOOL.teacher,
      getItemResponses: () => {
        throw new Error('the response could not be read');
      },
    };
    let stack = '';
    try {
      loaded.functions.onFormSubmit!({ response });
    } catch (err) {
      stack = (err as Error).stack ?? '';
    }
    expect(stack).toContain('the response could not be read');
    // The adapter that read the response and the entry point, by their source names.
    expect(stack).toMatch(/at readResponse \(Code\.js:/);
    expect(stack).toMatch(/at (Object\.)?onFormSubmit \(Code\.js:/);
  });

  test('every entry point runs to completion on a set-up school, started as Apps Script starts it', () => {
    const ws = newSchool();
    runSetUp(ws);
    configureSchool(ws);
    const runs = runEveryEntryPoint(ws);
    expect(runs.length).toBeGreaterThanOrEqual(ENTRY_POINTS.length);
    expect(runs).toEqual(
      runs.map(({ name, startedBy }) => ({ name, startedBy, status: 'completed', error: undefined })),
    );
  });

  test('with Settings still empty, each entry point completes or refuses with the message that says why', () => {
    // Set up has run but nobody has filled in Settings. Only the weekly email refuses, so that Apps Script's
    // failure email tells the DSL; everything else copes with the empty Settings.
    const refusals: Record<string, RegExp> = {
      sendWeeklyDigest:
        /^The weekly email was not sent: "Leadership emails" in the Settings sheet is empty\.$/,
    };
    const ws = newSchool();
    runSetUp(ws);
    const runs = runEveryEntryPoint(ws);
    expect(runs).toEqual(
      runs.map(({ name, startedBy }) => {
        const refusal = refusals[name];
        return refusal
          ? { name, startedBy, status: 'failed', error: expect.stringMatching(refusal) }
          : { name, startedBy, status: 'completed', error: undefined };
      }),
    );
    expect(runs.filter((r) => r.status === 'failed').map((r) => r.name)).toEqual(Object.keys(refusals));
  });
});
