/**
 * npm run deploy, with clasp replaced by a recorder: the first run creates the spreadsheet and its bound
 * script and pushes, later runs build and push, the script ID never goes into a committed file, and a
 * missing login gets a clear message. (Nothing here contacts Google.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deploy, LOCAL_PROJECT, type ClaspResult, type DeployEnvironment } from '../../scripts/deploy';

const ROOT = path.resolve(__dirname, '../..');

interface Recorder {
  env: DeployEnvironment;
  calls: string[];
  lines: string[];
}

function fakeEnvironment(root: string, options: { loggedIn?: boolean; claspFails?: string } = {}): Recorder {
  const calls: string[] = [];
  const lines: string[] = [];
  const authFile = path.join(root, 'clasprc.json');
  if (options.loggedIn !== false) writeFileSync(authFile, '{"tokens":{}}');
  const env: DeployEnvironment = {
    root,
    authFile,
    runClasp(args): ClaspResult {
      calls.push(`clasp ${args.join(' ')}`);
      if (options.claspFails) return { status: 1, output: options.claspFails };
      const project = args[args.indexOf('--project') + 1] as string;
      if (args.includes('create')) {
        // What clasp create does: it writes the new project's IDs into the project file.
        const settings = JSON.parse(readFileSync(project, 'utf8')) as Record<string, unknown>;
        writeFileSync(
          project,
          JSON.stringify({ ...settings, scriptId: 'SCRIPT123', parentId: ['SHEET456'] }),
        );
      }
      return { status: 0, output: '' };
    },
    build() {
      calls.push('build');
    },
    log: (line) => lines.push(line),
  };
  return { env, calls, lines };
}

const dirs: string[] = [];
function freshRoot(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'osi-deploy-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

it('first run: creates a Sheets-bound script with clasp, then builds, then pushes', () => {
  const root = freshRoot();
  const { env, calls, lines } = fakeEnvironment(root);
  expect(deploy('Hillside Online Safety', env)).toBe(0);
  const project = path.join(root, LOCAL_PROJECT);
  expect(calls).toEqual([
    `clasp --project ${project} create --type sheets --title Hillside Online Safety --rootDir build`,
    'build',
    `clasp --project ${project} push --force`,
  ]);
  expect(JSON.parse(readFileSync(project, 'utf8'))).toMatchObject({ scriptId: 'SCRIPT123' });
  expect(lines.join('\n')).toContain('https://docs.google.com/spreadsheets/d/SHEET456/edit');
  expect(lines.join('\n')).toContain('Set up / repair');
});

it('later runs: build and push to the same script, creating nothing', () => {
  const root = freshRoot();
  writeFileSync(path.join(root, LOCAL_PROJECT), JSON.stringify({ scriptId: 'SCRIPT123', rootDir: 'build' }));
  const { env, calls } = fakeEnvironment(root);
  expect(deploy('ignored', env)).toBe(0);
  expect(calls).toEqual(['build', `clasp --project ${path.join(root, LOCAL_PROJECT)} push --force`]);
});

it('says how to log in, and runs nothing, when clasp has no login', () => {
  const root = freshRoot();
  const { env, calls, lines } = fakeEnvironment(root, { loggedIn: false });
  expect(deploy('x', env)).toBe(1);
  expect(calls).toEqual([]);
  expect(lines.join('\n')).toMatch(/not logged in[\s\S]*npx clasp login/);
  expect(existsSync(path.join(root, LOCAL_PROJECT))).toBe(false);
});

it('says how to log in when clasp itself reports no credentials', () => {
  const root = freshRoot();
  const { env, calls, lines } = fakeEnvironment(root, { claspFails: 'No credentials found.' });
  expect(deploy('x', env)).toBe(1);
  expect(calls).toHaveLength(1);
  expect(lines.join('\n')).toContain('npx clasp login');
});

it('keeps the script ID out of git: .clasp.json has none and the local project file is ignored', () => {
  expect(JSON.parse(readFileSync(path.join(ROOT, '.clasp.json'), 'utf8'))).toMatchObject({ scriptId: '' });
  const ignored = readFileSync(path.join(ROOT, '.gitignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  expect(ignored).toContain(LOCAL_PROJECT);
});
