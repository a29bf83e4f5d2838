/**
 * `--responses FILE` refuses a file with an unknown question or a choice the question does not offer:
 * the message names it, and not one response is submitted — not even the good ones before it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Workspace } from '../../emulator/workspace';
import { runDemo } from '../../scripts/demo';
import { ResponsesFileError } from '../../scripts/lib/responses';
import { deploymentIds, registerRows } from '../support/deployment';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/two-reports.json');

interface Entry {
  answers: Record<string, string | string[]>;
}

const dir = mkdtempSync(path.join(tmpdir(), 'osi-bad-responses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example with one change to its second response. */
function exampleWith(name: string, change: (second: Entry) => void): string {
  const entries = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Entry[];
  change(entries[1] as Entry);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(entries));
  return file;
}

async function refused(file: string): Promise<{ error: ResponsesFileError; ws: Workspace; out: string }> {
  const out = path.join(dir, `out-${path.basename(file, '.json')}`);
  let ws: Workspace | undefined;
  let error: unknown;
  try {
    await runDemo({
      out,
      seed: 1,
      responses: file,
      build: false,
      log: () => undefined,
      onWorkspace: (w) => (ws = w),
    });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ResponsesFileError);
  if (!ws) throw new Error('the demo never made a workspace');
  return { error: error as ResponsesFileError, ws, out };
}

function nothingSubmitted(ws: Workspace, out: string): void {
  expect(ws.forms.responses(deploymentIds(ws).formId)).toHaveLength(0);
  expect(registerRows(ws)).toHaveLength(0);
  expect(existsSync(path.join(out, 'workspace.json'))).toBe(false);
}

it('names an unknown question title, suggests the right one, and submits nothing', async () => {
  const file = exampleWith('bad-title.json', (e) => {
    e.answers['What hapened?'] = e.answers['What happened?'] as string;
    delete e.answers['What happened?'];
  });
  const { error, ws, out } = await refused(file);
  expect(error.message).toContain('response 2: the form has no question titled "What hapened?"');
  expect(error.message).toContain('did you mean "What happened?"');
  expect(error.message).toContain('nothing was submitted');
  nothingSubmitted(ws, out);
}, 30_000);

it('names a choice the question does not offer, lists the choices, and submits nothing', async () => {
  const file = exampleWith('bad-choice.json', (e) => {
    e.answers['Where was the child when it happened?'] = 'At home';
    e.answers['What kind of concern is it?'] = ['Grooming or contact by an adult', 'Sexting'];
  });
  const { error, ws, out } = await refused(file);
  expect(error.message).toContain(
    '"Where was the child when it happened?": "At home" is not one of its choices',
  );
  expect(error.message).toContain('"Outside school"');
  expect(error.message).toContain('"What kind of concern is it?": "Sexting" is not one of its choices');
  nothingSubmitted(ws, out);
}, 30_000);

it('refuses what Google Forms would refuse (a required question left out) before submitting anything', async () => {
  const file = exampleWith('missing-required.json', (e) => {
    delete e.answers['Do you believe a child is at risk of harm?'];
  });
  const { error, ws, out } = await refused(file);
  expect(error.message).toMatch(
    /response 2: required question "Do you believe a child is at risk of harm\?"/,
  );
  nothingSubmitted(ws, out);
}, 30_000);

it('refuses a file that is not an array of responses, before the emulator starts', async () => {
  const file = path.join(dir, 'not-array.json');
  writeFileSync(file, JSON.stringify({ answers: {} }));
  await expect(
    runDemo({ out: dir, seed: 1, responses: file, build: false, log: () => undefined }),
  ).rejects.toThrow(/must hold a JSON array of responses/);
});

it('exits with status 2 and says why on the command line', () => {
  const file = exampleWith('cli-bad.json', (e) => {
    e.answers['Which year?'] = 'Year 7';
  });
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const run = spawnSync(
    tsx,
    ['scripts/demo.ts', '--no-build', '--out', path.join(dir, 'cli'), '--responses', file],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('response 2: the form has no question titled "Which year?"');
  expect(existsSync(path.join(dir, 'cli', 'workspace.json'))).toBe(false);
}, 60_000);
