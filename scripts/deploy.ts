/**
 * `npm run deploy -- [--title "Spreadsheet title"] [--bigquery]`: puts the built script into the school's Google Workspace
 * with clasp, as the account that ran `npx clasp login` (the DSL's, so the DSL owns the spreadsheet).
 *
 * The first run creates a new Google Sheet with a bound Apps Script project (`clasp create --type sheets`),
 * then builds and pushes. Later runs build and push to the same project. The project's script ID is kept in
 * .clasp.local.json, which git ignores: the committed .clasp.json has an empty script ID, so a clone never
 * points at one school's script. Nothing here talks to Google except clasp itself.
 *
 * `--bigquery` deploys with the second manifest, appsscript.bigquery.json: the default one plus the BigQuery
 * advanced service and its scope, for a school whose trust keeps its rollup in BigQuery (docs/trust.md).
 * Every other school deploys without it and grants nothing more.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const LOCAL_PROJECT = '.clasp.local.json';
export const DEFAULT_TITLE = 'Online Safety Incident Log';

export const NOT_LOGGED_IN = [
  'clasp is not logged in to a Google account, so nothing was deployed.',
  '',
  'Log in once as the account that should own the spreadsheet (the DSL, not the Headteacher):',
  '  npx clasp login',
  'and make sure the Apps Script API is turned on for that account:',
  '  https://script.google.com/home/usersettings',
  'then run `npm run deploy` again.',
].join('\n');

export interface ClaspResult {
  status: number;
  output: string;
}

export interface DeployEnvironment {
  /** The repository (where build/ and .clasp.local.json are). */
  root: string;
  /** Where clasp keeps its login (~/.clasprc.json), unless clasp_config_auth says otherwise. */
  authFile: string;
  runClasp(args: string[]): ClaspResult;
  /** Builds build/Code.js and build/appsscript.json; throws when the build fails. */
  build(): void;
  log(line: string): void;
}

interface LocalProject {
  scriptId?: string;
  parentId?: string | string[];
  rootDir?: string;
}

function readLocalProject(file: string): LocalProject {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalProject;
  } catch {
    throw new Error(
      `${file} is not valid JSON: fix or delete it (deleting it makes the next deploy create a new spreadsheet).`,
    );
  }
}

function looksLoggedOut(output: string): boolean {
  return /No credentials found|not logged in|clasp login|invalid_grant/i.test(output);
}

/** Runs the deployment; returns the process exit status. */
export function deploy(title: string, env: DeployEnvironment): number {
  if (!existsSync(env.authFile)) {
    env.log(NOT_LOGGED_IN);
    return 1;
  }
  const projectFile = path.join(env.root, LOCAL_PROJECT);
  const clasp = (...args: string[]): ClaspResult => env.runClasp(['--project', projectFile, ...args]);
  let project = readLocalProject(projectFile);

  if (!project.scriptId) {
    env.log(`First deployment: creating a Google Sheet "${title}" with its bound Apps Script project…`);
    // clasp create writes the new script ID into this file (and refuses if one is already there).
    writeFileSync(projectFile, `${JSON.stringify({ rootDir: 'build' }, null, 2)}\n`);
    const created = clasp('create', '--type', 'sheets', '--title', title, '--rootDir', 'build');
    if (created.status !== 0) {
      env.log(looksLoggedOut(created.output) ? NOT_LOGGED_IN : `clasp create failed:\n${created.output}`);
      return 1;
    }
    project = readLocalProject(projectFile);
    if (!project.scriptId) {
      env.log(`clasp create finished but ${LOCAL_PROJECT} has no script ID:\n${created.output}`);
      return 1;
    }
  } else {
    env.log(`Deploying to the existing script ${project.scriptId} (from ${LOCAL_PROJECT}).`);
  }

  env.log('Building build/Code.js…');
  try {
    env.build();
  } catch (err) {
    env.log(`The build failed, so nothing was pushed:\n${(err as Error).message}`);
    return 1;
  }
  env.log('Pushing build/ to Apps Script…');
  // --force: the manifest (appsscript.json) is this project's own, so it always replaces the remote one.
  const pushed = clasp('push', '--force');
  if (pushed.status !== 0) {
    env.log(looksLoggedOut(pushed.output) ? NOT_LOGGED_IN : `clasp push failed:\n${pushed.output}`);
    return 1;
  }
  const parent = Array.isArray(project.parentId) ? project.parentId[0] : project.parentId;
  env.log(
    [
      'Deployed.',
      parent ? `Spreadsheet: https://docs.google.com/spreadsheets/d/${parent}/edit` : '',
      `Script:      https://script.google.com/d/${project.scriptId}/edit`,
      'Next: open the spreadsheet, reload it, and choose Online Safety › Set up / repair (it asks for permission the first time).',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
  return 0;
}

/** clasp's login file: ~/.clasprc.json, or what clasp_config_auth names (a file, or a folder holding one). */
function authFileOf(configured: string | undefined): string {
  if (!configured) return path.join(os.homedir(), '.clasprc.json');
  return existsSync(configured) && statSync(configured).isDirectory()
    ? path.join(configured, '.clasprc.json')
    : configured;
}

function parseTitle(argv: string[]): string {
  const at = argv.findIndex((a) => a === '--title' || a.startsWith('--title='));
  if (at < 0) return DEFAULT_TITLE;
  const arg = argv[at] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  if (!value)
    throw new Error('--title needs a value, e.g. npm run deploy -- --title "Hillside Online Safety Log"');
  return value;
}

export const BIGQUERY_MANIFEST = 'appsscript.bigquery.json';

/** After the build: build/appsscript.json becomes the BigQuery manifest. */
export function useBigQueryManifest(root: string): void {
  copyFileSync(path.join(root, BIGQUERY_MANIFEST), path.join(root, 'build', 'appsscript.json'));
}

function main(): void {
  const bigquery = process.argv.slice(2).includes('--bigquery');
  const root = path.resolve(__dirname, '..');
  const localClasp = path.join(root, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js');
  const env: DeployEnvironment = {
    root,
    authFile: authFileOf(process.env.clasp_config_auth),
    runClasp(args) {
      const result = spawnSync(process.execPath, [localClasp, ...args], { cwd: root, encoding: 'utf8' });
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
      if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      return { status: result.status ?? 1, output };
    },
    build() {
      const result = spawnSync('npm', ['run', 'build', '--silent'], {
        cwd: root,
        encoding: 'utf8',
        shell: process.platform === 'win32',
      });
      if (result.status !== 0) throw new Error(`${result.stdout ?? ''}${result.stderr ?? ''}`);
      if (bigquery) {
        useBigQueryManifest(root);
        console.log(`Deploying with ${BIGQUERY_MANIFEST}: the BigQuery service and its scope are added.`);
      }
    },
    log: (line) => console.log(line),
  };
  try {
    process.exitCode = deploy(parseTitle(process.argv.slice(2)), env);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
