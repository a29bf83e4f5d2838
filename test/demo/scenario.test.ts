/**
 * `npm run demo -- --scenario FILE`: a bad step is named and nothing runs; a good file is played by its people
 * and told step by step in scenario.txt, beside the demo's usual outputs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Workspace } from '../../emulator/workspace';
import { DemoUsageError, parseArgs, runDemo } from '../../scripts/demo';
import { ScenarioFileError } from '../../scripts/lib/scenario';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'osi-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

async function demo(
  file: string,
  out: string,
): Promise<{ error?: unknown; ws?: Workspace; exitCode?: number }> {
  let ws: Workspace | undefined;
  try {
    const result = await runDemo({
      out,
      seed: 1,
      scenario: file,
      build: false,
      log: () => undefined,
      onWorkspace: (w) => (ws = w),
    });
    return { ws, exitCode: result.exitCode };
  } catch (error) {
    return { error, ws };
  }
}

test('--scenario and --responses are one or the other', () => {
  expect(() => parseArgs(['--scenario', 'a.json', '--responses', 'b.json'], () => undefined)).toThrow(
    DemoUsageError,
  );
});

test('every bad step is named by its number, and no step runs, not even the good ones before it', async () => {
  const file = fileWith('bad.json', {
    title: 'Mistakes',
    steps: [
      { as: 'deputy', menu: 'Set up / repair' },
      { as: 'the caretaker', menu: 'Set up / repair' },
      { as: 'dsl', menu: 'Delete everything' },
      { as: 'teacher', submit: { answers: { 'What colour is it?': 'Red' } } },
      { as: 'dsl', menu: 'Set up / repair', advance: '1d' },
      { advance: 'a while' },
      { as: 'dsl', edit: { setting: 'Favourite colour', value: 'Red' } },
      { as: 'dsl', policy: 'blocked' },
    ],
  });
  const out = path.join(dir, 'out-bad');
  const { error, ws } = await demo(file, out);
  expect(error).toBeInstanceOf(ScenarioFileError);
  const message = (error as Error).message;
  expect(message).toMatch(/step 2: .*nobody called "the caretaker"/);
  expect(message).toMatch(/step 3: the Online Safety menu has no item "Delete everything"/);
  expect(message).toMatch(/step 4: .*no question titled "What colour is it\?"/);
  expect(message).toMatch(/step 5: a step does exactly one thing; it has menu and advance/);
  expect(message).toMatch(/step 6: "advance" is a duration/);
  expect(message).toMatch(/step 7: the Settings sheet has no "Favourite colour"/);
  expect(message).toMatch(/step 8: "policy" is not done by a person of the school/);
  expect(message).not.toMatch(/step 1:/);
  // The school the scenario would play in was never made, and nothing was written.
  expect(ws).toBeUndefined();
  expect(existsSync(path.join(out, 'workspace.json'))).toBe(false);
});

test('a report timed before the clock of its step is refused before anything runs', async () => {
  const file = fileWith('backwards.json', [
    { advance: '2d' },
    { as: 'teacher', submit: { timestamp: '2026-09-08T09:00:00+01:00', answers: {} } },
  ]);
  const { error } = await demo(file, path.join(dir, 'out-backwards'));
  expect((error as Error).message).toMatch(/step 2: "timestamp" .* is before the scenario's clock/);
});

test('the example is played by its people, and scenario.txt tells each step: who, what ran, what they saw', async () => {
  const out = path.join(dir, 'out-example');
  const { ws, exitCode, error } = await demo(path.join(ROOT, 'examples/second-person-runs-set-up.json'), out);
  expect(error).toBeUndefined();
  expect(exitCode).toBe(0);
  const text = readFileSync(path.join(out, 'scenario.txt'), 'utf8');
  expect(text).toMatch(
    /Step 1\. \[7 Sept 2026, 09:00\] deputy@school\.example: clicks Online Safety › Set up \/ repair/,
  );
  expect(text).toMatch(/ran setUp \(menu, as deputy@school\.example\): completed/);
  // The deputy is refused, told who can run Set up, before anything is made.
  expect(text).toMatch(
    /shown to deputy@school\.example: \[alert\] Set up \/ repair — Only dsl@school\.example can run "Set up \/ repair"/,
  );
  expect(text).toMatch(
    /Step 2\. .*dsl@school\.example: shares the register file with head@school\.example as viewer/,
  );
  // The Headteacher, a viewer of the register but not of the form, is told the form cannot be found.
  expect(text).toMatch(
    /shown to head@school\.example: \[alert\] Online Safety — The report form cannot be found/,
  );
  // The day that passes runs the DSL's triggers, and only theirs: the transcript shows whose they are.
  expect(text).toMatch(/ran (\d+× )?retryPendingAlerts \(trigger, as dsl@school\.example\)/);
  expect(text).not.toMatch(/\(trigger, as deputy@school\.example\)/);
  for (const name of ['workspace.json', 'register.xlsx', 'form.html', 'dialogs.txt'])
    expect(existsSync(path.join(out, name))).toBe(true);
  expect(ws?.drive.canView('head@school.example', ws.containerId)).toBe(true);
});
