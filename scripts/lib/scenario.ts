/**
 * `--scenario FILE`: people of the school doing things, in order, as named people — the way the product's
 * promises about who may see and change what are tried. Each step is one person's action (a report, an edit,
 * a menu click, a share…) or a change in the world (the admin's sharing policy, the mail quota, time passing).
 *
 * The file is read and every step checked before any step runs: against the form (answers), the menu
 * (captions), the Settings sheet (labels) and the people it names, all taken from a probe school set up
 * the usual way. A bad step is reported by its number and nothing runs. While playing, a step that a person
 * is refused (a protected cell, a file they cannot open) or that makes the script fail is not an error of
 * the scenario: it is what the scenario is there to show, and the transcript says it.
 */
import { readFileSync } from 'node:fs';
import type { ExecutionRecord, Workspace } from '../../emulator/workspace';
import type { SentEmail } from '../../emulator/mail';
import type { UiAnswer, UiLogEntry } from '../../emulator/sheets/ui';
import { SCHOOL, configureSchool, deploymentIds, runSetUp } from '../../test/support/deployment';
import { registerColumns } from '../../src/domain/register';
import { columnLetter } from '../../src/workspace/register-sheet';
import { prepareResponses, type ResponseEntry } from './responses';

/** The people the usual school has, by the names a scenario may use for them. */
export const PEOPLE: Readonly<Record<string, string>> = {
  dsl: SCHOOL.dsl,
  deputy: SCHOOL.deputy,
  head: SCHOOL.headteacher,
  headteacher: SCHOOL.headteacher,
  chair: SCHOOL.chair,
  teacher: SCHOOL.teacher,
  ta: SCHOOL.ta,
  'deputy head': 'deputy.head@school.example',
  'it admin': SCHOOL.itAdmin,
};

const MENU = 'Online Safety';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DURATION = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i;
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const ROLES = ['editor', 'commenter', 'viewer'] as const;
const POLICIES = ['allowed', 'warned', 'blocked'] as const;

export type ShareRole = (typeof ROLES)[number];
export type SharingPolicy = (typeof POLICIES)[number];

/** Which file a step is about: one of the school's files by name, or a Drive file id. */
export type FileRef =
  'register' | 'form' | 'staff allegations' | 'lead allegations' | 'headteacher allegations' | { id: string };

/** One step, checked and resolved (people are emails, durations are milliseconds). */
export type Step =
  | { kind: 'submit'; as: string; entry: ResponseEntry; answersById: Record<string, string | string[]> }
  | { kind: 'edit'; as: string; file: FileRef; target: EditTarget; values: unknown[][] }
  | { kind: 'settings'; as: string; values: Record<string, string | number> }
  | { kind: 'menu'; as: string; caption: string; answer?: UiAnswer }
  | { kind: 'share'; as: string; file: FileRef; with: string; role: ShareRole }
  | { kind: 'unshare'; as: string; file: FileRef; with: string }
  | { kind: 'group'; group: string; add?: string; remove?: string }
  | { kind: 'policy'; policy: SharingPolicy }
  | { kind: 'renameSheet'; as: string; file: FileRef; from: string; to: string }
  | { kind: 'deleteRows'; as: string; file: FileRef; sheet: string; row: number; count: number }
  | { kind: 'timeZone'; as: string; file: FileRef; timeZone: string }
  | { kind: 'quota'; remaining: number }
  | { kind: 'consent'; as: string; scopes: 'all' | 'none' | string[] }
  | { kind: 'advance'; ms: number; text: string }
  | { kind: 'trash'; as: string; file: FileRef }
  | { kind: 'scriptProperties'; as: string; changes: Record<string, PropertyValue> };

/** A script property's new value: text, null to delete it, or the id of one of the school's files. */
export type PropertyValue = string | null | { idOf: FileRef };

/** Where an edit lands: a cell or range by A1, a setting by its label, or an incident's column. */
export type EditTarget =
  { sheet: string; a1: string } | { setting: string } | { sheet: string; incident: string; column: string };

export interface Scenario {
  title: string;
  /** 'usual': Set up, Settings filled in, the deputy an editor; 'none': the steps do everything. */
  setup: 'usual' | 'none';
  steps: Array<{ number: number; note?: string; step: Step }>;
}

/** A scenario file that cannot be played: every problem, by step number; nothing ran. */
export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: no step was played, because:\n${problems.map((p) => `  • ${p}`).join('\n')}`);
    this.name = 'ScenarioFileError';
  }
}

const ACTIONS = [
  'submit',
  'edit',
  'settings',
  'menu',
  'share',
  'unshare',
  'group',
  'policy',
  'renameSheet',
  'deleteRows',
  'timeZone',
  'quota',
  'consent',
  'advance',
  'trash',
  'scriptProperties',
] as const;
type Action = (typeof ACTIONS)[number];
/** Actions that are not one person's: the admin console, the mail service, the clock. */
const IMPERSONAL: ReadonlySet<Action> = new Set(['group', 'policy', 'quota', 'advance']);

/** What the checks need from a school set up the usual way. */
export interface ScenarioCatalogue {
  menuCaptions: string[];
  settingLabels: string[];
  registerHeaders: string[];
  form: Parameters<typeof prepareResponses>[1];
  formOwner: string;
  start: number;
}

type Json = unknown;
/** The single action key of a raw step, if it has exactly one. */
function action0(raw: Record<string, unknown>): Action | undefined {
  const found = ACTIONS.filter((a) => a in raw);
  return found.length === 1 ? found[0] : undefined;
}
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function readScenarioFile(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioFileError(file, [`cannot read the file: ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    throw new ScenarioFileError(file, [`not JSON: ${(err as Error).message}`]);
  }
}

/**
 * Checks a scenario against the usual school and resolves it. Throws ScenarioFileError listing every
 * problem (step by step) when any step is wrong.
 */
export function parseScenario(data: Json, file: string, catalogue: ScenarioCatalogue): Scenario {
  const problems: string[] = [];
  const top = Array.isArray(data) ? { steps: data } : data;
  if (!isObject(top) || !Array.isArray(top.steps)) {
    throw new ScenarioFileError(file, ['the file must be a list of steps, or an object with "steps": [ … ]']);
  }
  for (const key of Object.keys(top)) {
    if (!['title', 'setup', 'people', 'steps'].includes(key)) problems.push(`unknown top-level key "${key}"`);
  }
  const setup = top.setup ?? 'usual';
  if (setup !== 'usual' && setup !== 'none') problems.push('"setup" is "usual" (the default) or "none"');
  const people: Record<string, string> = { ...PEOPLE };
  if (top.people !== undefined) {
    if (!isObject(top.people)) problems.push('"people" maps names to email addresses');
    else
      for (const [name, email] of Object.entries(top.people)) {
        if (typeof email !== 'string' || !EMAIL.test(email))
          problems.push(`people: "${name}" is not given an email address`);
        else people[name.toLowerCase()] = email;
      }
  }
  const steps: Scenario['steps'] = [];
  let clock = catalogue.start;
  top.steps.forEach((raw, i) => {
    const number = i + 1;
    const where = `step ${number}`;
    const say = (problem: string): void => void problems.push(`${where}: ${problem}`);
    if (!isObject(raw)) return say('a step is an object such as {"as": "deputy", "menu": "Set up / repair"}');
    const actions = ACTIONS.filter((a) => a in raw);
    const extra = action0(raw) === 'menu' ? ['as', 'note', 'answer'] : ['as', 'note'];
    const unknown = Object.keys(raw).filter(
      (k) => !(ACTIONS as readonly string[]).includes(k) && !extra.includes(k),
    );
    if (unknown.length > 0)
      say(
        `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (actions: ${ACTIONS.join(', ')})`,
      );
    if (actions.length !== 1)
      return say(
        `a step does exactly one thing; it has ${actions.length === 0 ? 'no action' : actions.join(' and ')}`,
      );
    const action = actions[0] as Action;
    const person = (value: Json, what: string): string | undefined => {
      if (typeof value !== 'string' || value.trim() === '') return void say(`${what} must name a person`);
      const email =
        people[value.trim().toLowerCase()] ?? (EMAIL.test(value.trim()) ? value.trim() : undefined);
      if (!email)
        say(
          `${what}: nobody called "${value}" (known: ${Object.keys(people).join(', ')}, or an email address)`,
        );
      return email;
    };
    let as = '';
    if (IMPERSONAL.has(action)) {
      if (raw.as !== undefined)
        return say(`"${action}" is not done by a person of the school: leave out "as"`);
    } else {
      const who = person(raw.as, '"as"');
      if (!who) return;
      as = who;
    }
    const note = typeof raw.note === 'string' ? raw.note : undefined;
    const step = resolveStep(action, raw[action], as, { say, person, catalogue, clock, file: where });
    if (!step) return;
    if (step.kind === 'menu' && raw.answer !== undefined) {
      // A menu item that asks something (a prompt) gets this typed answer and OK.
      if (typeof raw.answer !== 'string') return say('"answer" is the text typed into the prompt');
      step.answer = { button: 'OK', text: raw.answer };
    }
    if (step.kind === 'advance') clock += step.ms;
    if (step.kind === 'submit' && step.entry.timestamp)
      clock = Math.max(clock, Date.parse(step.entry.timestamp));
    steps.push({ number, ...(note === undefined ? {} : { note }), step });
  });
  if (top.steps.length === 0) problems.push('the scenario has no steps');
  if (problems.length > 0) throw new ScenarioFileError(file, problems);
  return { title: typeof top.title === 'string' ? top.title : file, setup: setup as 'usual' | 'none', steps };
}

interface ResolveContext {
  say: (problem: string) => void;
  person: (value: Json, what: string) => string | undefined;
  catalogue: ScenarioCatalogue;
  clock: number;
  file: string;
}

function fileRef(value: Json, ctx: ResolveContext, fallback?: FileRef): FileRef | undefined {
  if (value === undefined && fallback) return fallback;
  if (
    value === 'register' ||
    value === 'form' ||
    value === 'staff allegations' ||
    value === 'lead allegations' ||
    value === 'headteacher allegations'
  )
    return value;
  if (isObject(value) && typeof value.id === 'string') return { id: value.id };
  ctx.say(
    `"file" is "register", "form", "staff allegations", "lead allegations", "headteacher allegations" or {"id": "…"}`,
  );
  return undefined;
}

function resolveStep(action: Action, arg: Json, as: string, ctx: ResolveContext): Step | undefined {
  const { say } = ctx;
  const need = <T>(ok: boolean, value: T, problem: string): T | undefined => (ok ? value : void say(problem));
  switch (action) {
    case 'submit': {
      if (!isObject(arg) || !isObject(arg.answers))
        return void say('"submit" is {"timestamp"?: ISO time, "answers": {question title: answer}}');
      const entry: ResponseEntry = { email: as, answers: arg.answers as ResponseEntry['answers'] };
      if (arg.timestamp !== undefined) {
        if (typeof arg.timestamp !== 'string' || Number.isNaN(Date.parse(arg.timestamp)))
          return void say('"timestamp" must be an ISO 8601 time');
        if (Date.parse(arg.timestamp) < ctx.clock)
          return void say(
            `"timestamp" ${arg.timestamp} is before the scenario's clock at this step (time only runs forwards)`,
          );
        entry.timestamp = arg.timestamp;
      }
      try {
        const [prepared] = prepareResponses(
          [entry],
          ctx.catalogue.form,
          ctx.catalogue.formOwner,
          ctx.clock,
          as,
          ctx.file,
        );
        return { kind: 'submit', as, entry, answersById: prepared?.answers ?? {} };
      } catch (err) {
        const problems = (err as { problems?: string[] }).problems ?? [(err as Error).message];
        for (const p of problems) say(p.replace(/^response 1[:,]?\s*/, ''));
        return undefined;
      }
    }
    case 'edit': {
      if (!isObject(arg))
        return void say(
          '"edit" is {"sheet", "cell" | "range" | "incident"+"column", "value" | "values"} or {"setting", "value"}',
        );
      const file = fileRef(arg.file, ctx, 'register');
      if (!file) return undefined;
      let target: EditTarget | undefined;
      if (typeof arg.setting === 'string') {
        if (!ctx.catalogue.settingLabels.some((l) => l.toLowerCase() === String(arg.setting).toLowerCase()))
          return void say(
            `the Settings sheet has no "${arg.setting}" (it has: ${ctx.catalogue.settingLabels.join(', ')})`,
          );
        target = { setting: arg.setting };
      } else if (typeof arg.sheet === 'string' && typeof (arg.cell ?? arg.range) === 'string') {
        target = { sheet: arg.sheet, a1: String(arg.cell ?? arg.range) };
      } else if (
        typeof arg.sheet === 'string' &&
        typeof arg.incident === 'string' &&
        typeof arg.column === 'string'
      ) {
        if (!ctx.catalogue.registerHeaders.includes(arg.column))
          return void say(`the register has no column "${arg.column}"`);
        target = { sheet: arg.sheet, incident: arg.incident, column: arg.column };
      } else
        return void say(
          '"edit" needs "setting", or "sheet" with "cell", "range", or "incident" and "column"',
        );
      const values = Array.isArray(arg.values) ? arg.values : 'value' in arg ? [[arg.value]] : undefined;
      if (!values || !values.every((r) => Array.isArray(r) && r.length === (values[0] as unknown[]).length))
        return void say('"edit" needs "value" (one cell) or "values" (rows of equal length)');
      return { kind: 'edit', as, file, target, values: values as unknown[][] };
    }
    case 'settings': {
      if (!isObject(arg)) return void say('"settings" is {"label": value, …}');
      const values: Record<string, string | number> = {};
      for (const [label, value] of Object.entries(arg)) {
        if (!ctx.catalogue.settingLabels.some((l) => l.toLowerCase() === label.toLowerCase()))
          say(`the Settings sheet has no "${label}"`);
        else if (typeof value !== 'string' && typeof value !== 'number')
          say(`setting "${label}" must be text or a number`);
        else values[label] = value;
      }
      return { kind: 'settings', as, values };
    }
    case 'menu': {
      if (typeof arg !== 'string')
        return void say('"menu" is the caption of an item of the Online Safety menu');
      if (!ctx.catalogue.menuCaptions.includes(arg))
        return void say(
          `the ${MENU} menu has no item "${arg}" (it has: ${ctx.catalogue.menuCaptions.join('; ')})`,
        );
      return { kind: 'menu', as, caption: arg };
    }
    case 'share':
    case 'unshare': {
      if (!isObject(arg))
        return void say(
          `"${action}" is {"file", "with"${action === 'share' ? ', "role": editor | commenter | viewer' : ''}}`,
        );
      const file = fileRef(arg.file, ctx);
      const withEmail = ctx.person(arg.with, '"with"');
      if (!file || !withEmail) return undefined;
      if (action === 'unshare') return { kind: 'unshare', as, file, with: withEmail };
      const role = need(
        (ROLES as readonly Json[]).includes(arg.role),
        arg.role as ShareRole,
        '"role" is editor, commenter or viewer',
      );
      return role && { kind: 'share', as, file, with: withEmail, role };
    }
    case 'group': {
      if (
        !isObject(arg) ||
        typeof arg.group !== 'string' ||
        !EMAIL.test(arg.group) ||
        (arg.add === undefined) === (arg.remove === undefined)
      )
        return void say('"group" is {"group": group email, "add": person} or {"group", "remove": person}');
      const member = ctx.person(arg.add ?? arg.remove, arg.add !== undefined ? '"add"' : '"remove"');
      if (!member) return undefined;
      return arg.add !== undefined
        ? { kind: 'group', group: arg.group, add: member }
        : { kind: 'group', group: arg.group, remove: member };
    }
    case 'policy':
      return need(
        (POLICIES as readonly Json[]).includes(arg),
        { kind: 'policy', policy: arg as SharingPolicy },
        '"policy" is "allowed", "warned" or "blocked" (sharing outside the school)',
      );
    case 'renameSheet': {
      if (
        !isObject(arg) ||
        typeof arg.from !== 'string' ||
        typeof arg.to !== 'string' ||
        arg.to.trim() === ''
      )
        return void say('"renameSheet" is {"from": sheet name, "to": new name}');
      const file = fileRef(arg.file, ctx, 'register');
      return file && { kind: 'renameSheet', as, file, from: arg.from, to: arg.to };
    }
    case 'deleteRows': {
      const count = isObject(arg) ? (arg.count ?? 1) : undefined;
      if (
        !isObject(arg) ||
        typeof arg.sheet !== 'string' ||
        !Number.isInteger(arg.row) ||
        (arg.row as number) < 1 ||
        !Number.isInteger(count) ||
        (count as number) < 1
      )
        return void say('"deleteRows" is {"sheet", "row": first row (1-based), "count"?: rows}');
      const file = fileRef(arg.file, ctx, 'register');
      return (
        file && {
          kind: 'deleteRows',
          as,
          file,
          sheet: arg.sheet,
          row: arg.row as number,
          count: count as number,
        }
      );
    }
    case 'timeZone': {
      const zone = isObject(arg) ? arg.timeZone : arg;
      if (typeof zone !== 'string' || !validZone(zone))
        return void say('"timeZone" is an IANA time zone such as "America/New_York"');
      const file = fileRef(isObject(arg) ? arg.file : undefined, ctx, 'register');
      return file && { kind: 'timeZone', as, file, timeZone: zone };
    }
    case 'quota':
      return need(
        Number.isInteger(arg) && (arg as number) >= 0,
        { kind: 'quota', remaining: arg as number },
        '"quota" is the recipients left today, a whole number',
      );
    case 'consent': {
      if (arg === 'all' || arg === 'none') return { kind: 'consent', as, scopes: arg };
      if (Array.isArray(arg) && arg.every((s) => typeof s === 'string'))
        return { kind: 'consent', as, scopes: arg as string[] };
      return void say('"consent" is "all", "none" or a list of the OAuth scopes the person grants');
    }
    case 'advance': {
      const m = typeof arg === 'string' ? DURATION.exec(arg.trim()) : null;
      if (!m) return void say('"advance" is a duration such as "30m", "2h", "1d" or "1w"');
      return {
        kind: 'advance',
        ms: Math.round(Number(m[1]) * (UNIT_MS[(m[2] as string).toLowerCase()] ?? 0)),
        text: arg as string,
      };
    }
    case 'trash': {
      const file = fileRef(arg, ctx);
      return file && { kind: 'trash', as, file };
    }
    case 'scriptProperties': {
      if (!isObject(arg))
        return void say('"scriptProperties" is {"key": "new value", null to delete, or {"idOf": file}}');
      const changes: Record<string, PropertyValue> = {};
      for (const [key, value] of Object.entries(arg)) {
        if (typeof value === 'string' || value === null) changes[key] = value;
        else if (isObject(value) && 'idOf' in value) {
          const file = fileRef(value.idOf, ctx);
          if (!file) return undefined;
          changes[key] = { idOf: file };
        } else return void say(`script property "${key}": a text, null (delete) or {"idOf": file}`);
      }
      return { kind: 'scriptProperties', as, changes };
    }
  }
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Playing

/** What one step did: what the person was shown, which executions ran, which emails went out. */
export interface StepRecord {
  number: number;
  /** The clock when the step began. */
  at: number;
  who: string | null;
  what: string;
  note?: string;
  /** 'done', or why the person's action did not happen (refused, or the script it started failed). */
  outcome: 'done' | 'refused' | 'script failed';
  detail?: string;
  shown: UiLogEntry[];
  executions: ExecutionRecord[];
  emails: SentEmail[];
}

export interface Transcript {
  title: string;
  steps: StepRecord[];
}

/** The usual school, as `npm run demo` sets it up: Set up, Settings filled in, Set up again, the deputy shared in. */
export function setUpUsualSchool(
  ws: Workspace,
  step: (name: string, action: () => void) => boolean,
  schoolName?: string,
): void {
  if (!step('Set up, first run', () => runSetUp(ws))) return;
  step('DSL fills in Settings', () => configureSchool(ws, schoolName ? { 'School name': schoolName } : {}));
  step('Set up, second run', () => runSetUp(ws));
  // As docs/deploy.md says: the DSL shares the spreadsheet with the deputy in Drive's Share dialog, nobody else.
  step('DSL shares the spreadsheet with the deputy DSL as an editor', () =>
    ws.drive.share(ws.containerId, SCHOOL.deputy, 'editor'),
  );
}

/**
 * Reads a scenario file and checks every step against a probe school set up the usual way (a throwaway
 * workspace: the school the scenario plays in is not touched). Throws ScenarioFileError naming each bad step.
 */
export function loadScenario(file: string, makeSchool: () => Workspace): Scenario {
  const data = readScenarioFile(file);
  const probe = makeSchool();
  setUpUsualSchool(probe, (name, action) => {
    action();
    return true;
  });
  return parseScenario(data, file, catalogueOf(probe));
}

/** What the checks need, read from a probe school set up the usual way (it opens the spreadsheet as the DSL). */
export function catalogueOf(ws: Workspace): ScenarioCatalogue {
  const { formId } = deploymentIds(ws);
  const form = ws.forms.formState(formId);
  if (!form) throw new Error('Set up left no form');
  ws.openSpreadsheet(SCHOOL.dsl);
  const menu = ws.spreadsheets.ui.menus(SCHOOL.dsl).find((m) => m.name === MENU);
  const captions: string[] = [];
  const walk = (items: NonNullable<typeof menu>['items']): void => {
    for (const item of items) {
      if (item.kind === 'item') captions.push(item.caption);
      else if (item.kind === 'submenu') walk(item.items);
    }
  };
  walk(menu?.items ?? []);
  return {
    menuCaptions: captions,
    settingLabels: ws.spreadsheets
      ._sheetValues('Settings')
      .map((r) => String(r[0] ?? ''))
      .filter((l) => l !== ''),
    registerHeaders: registerColumns().map((c) => c.header),
    form,
    formOwner: ws.drive.get(formId)?.owner ?? SCHOOL.dsl,
    start: ws.clock.now(),
  };
}

function fileId(ws: Workspace, file: FileRef): string {
  if (typeof file === 'object') return file.id;
  if (file === 'register') return ws.containerId;
  const ids = deploymentIds(ws);
  const id = {
    form: ids.formId,
    'staff allegations': ids.staffAllegationsId,
    'lead allegations': ids.leadAllegationsId,
    'headteacher allegations': ids.headteacherAllegationsId,
  }[file];
  if (!id) throw new Error(`there is no ${file} file (Set up has not made it)`);
  return id;
}

function fileName(file: FileRef): string {
  return typeof file === 'object' ? `file ${file.id}` : `the ${file}${file === 'form' ? '' : ' file'}`;
}

/** Says what a step is, in a line. */
export function describeStep(step: Step): string {
  const text = (v: unknown): string => JSON.stringify(v);
  switch (step.kind) {
    case 'submit':
      return `submits a report${step.entry.timestamp ? ` at ${step.entry.timestamp}` : ''} (${Object.keys(step.entry.answers).length} answers)`;
    case 'edit': {
      const t = step.target;
      const where =
        'setting' in t
          ? `Settings › ${t.setting}`
          : 'a1' in t
            ? `${t.sheet}!${t.a1}`
            : `${t.sheet} › ${t.incident} › ${t.column}`;
      return `types ${step.values.length === 1 && step.values[0]?.length === 1 ? text(step.values[0][0]) : `${step.values.length} rows`} into ${where}${step.file === 'register' ? '' : ` (${fileName(step.file)})`}`;
    }
    case 'settings':
      return `fills in Settings: ${Object.entries(step.values)
        .map(([k, v]) => `${k} = ${text(v)}`)
        .join('; ')}`;
    case 'menu':
      return `clicks ${MENU} › ${step.caption}`;
    case 'share':
      return `shares ${fileName(step.file)} with ${step.with} as ${step.role}`;
    case 'unshare':
      return `stops sharing ${fileName(step.file)} with ${step.with}`;
    case 'group':
      return step.add
        ? `the admin adds ${step.add} to the group ${step.group}`
        : `the admin removes ${step.remove ?? ''} from the group ${step.group}`;
    case 'policy':
      return `the admin sets sharing outside the school to "${step.policy}"`;
    case 'renameSheet':
      return `renames the sheet "${step.from}" to "${step.to}"`;
    case 'deleteRows':
      return `deletes ${step.count === 1 ? `row ${step.row}` : `rows ${step.row}–${step.row + step.count - 1}`} of ${step.sheet}`;
    case 'timeZone':
      return `changes ${fileName(step.file)}'s time zone (File › Settings) to ${step.timeZone}`;
    case 'quota':
      return `the mail quota has ${step.remaining} recipients left today`;
    case 'consent':
      return step.scopes === 'all'
        ? 'grants every scope the script asks for'
        : step.scopes === 'none'
          ? 'removes the script’s access'
          : `grants only ${step.scopes.join(', ')}`;
    case 'advance':
      return `${step.text} pass (the scheduled jobs run)`;
    case 'trash':
      return `moves ${fileName(step.file)} to the bin`;
    case 'scriptProperties':
      return `opens the script editor and changes script properties ${Object.keys(step.changes).join(', ')}`;
  }
}

/** A person's refusal, as opposed to the script failing: the test side's own errors carry these words. */
class Refused extends Error {}

function act(ws: Workspace, step: Step): void {
  switch (step.kind) {
    case 'submit': {
      const { formId } = deploymentIds(ws);
      if (step.entry.timestamp) {
        const at = Date.parse(step.entry.timestamp);
        if (at > ws.clock.now()) ws.advanceTo(at);
      }
      ws.forms.submit(formId, {
        email: step.as,
        answers: step.answersById,
        ...(step.entry.timestamp ? { timestamp: new Date(step.entry.timestamp) } : {}),
      });
      return;
    }
    case 'edit':
      return editCells(ws, step);
    case 'settings': {
      const rows = ws.spreadsheets._sheetValues('Settings');
      for (const [label, value] of Object.entries(step.values)) {
        const at = rows.findIndex((r) => String(r[0]).trim().toLowerCase() === label.toLowerCase());
        if (at < 0) throw new Refused(`the Settings sheet has no "${label}" row`);
        ws.spreadsheets._userEdit(step.as, ws.containerId, 'Settings', `B${at + 1}`, value);
      }
      return;
    }
    case 'menu': {
      if (!ws.drive.canView(step.as, ws.containerId))
        throw new Refused(`${step.as} cannot open the spreadsheet`);
      ws.openSpreadsheet(step.as);
      if (step.answer) ws.spreadsheets.ui.queueResponse(step.as, step.answer);
      ws.spreadsheets.ui.clickMenu(step.as, MENU, step.caption);
      return;
    }
    case 'share': {
      const id = fileId(ws, step.file);
      if (!ws.drive.canEdit(step.as, id))
        throw new Refused(`${step.as} cannot share ${fileName(step.file)}: they are not an editor`);
      ws.drive.share(id, step.with, step.role);
      return;
    }
    case 'unshare': {
      const id = fileId(ws, step.file);
      if (!ws.drive.canEdit(step.as, id))
        throw new Refused(`${step.as} cannot change who has ${fileName(step.file)}`);
      ws.drive.unshare(id, step.with);
      return;
    }
    case 'group':
      // The admin console makes the group on its first member.
      if (step.add && !ws.drive.isGroup(step.group)) ws.drive.addGroup(step.group, [step.add]);
      else if (step.add) ws.drive.addGroupMember(step.group, step.add);
      else if (step.remove) ws.drive.removeGroupMember(step.group, step.remove);
      return;
    case 'policy':
      ws.drive.setOutsideSharingPolicy(step.policy);
      return;
    case 'renameSheet':
      ws.spreadsheets._userRenameSheet(step.as, fileId(ws, step.file), step.from, step.to);
      return;
    case 'deleteRows':
      ws.spreadsheets._userDeleteRows(step.as, fileId(ws, step.file), step.sheet, step.row, step.count);
      return;
    case 'timeZone':
      ws.spreadsheets._setTimeZone(step.as, fileId(ws, step.file), step.timeZone);
      return;
    case 'quota':
      ws.mail.setRemainingQuota(step.remaining);
      return;
    case 'consent':
      if (step.scopes === 'none') ws.auth.revoke(step.as);
      else ws.auth.grant(step.as, step.scopes);
      return;
    case 'advance':
      ws.advanceTo(ws.clock.now() + step.ms);
      return;
    case 'trash': {
      const id = fileId(ws, step.file);
      if (ws.drive.roleOf(step.as, id) !== 'owner')
        throw new Refused(`only the owner can move ${fileName(step.file)} to the bin`);
      ws.drive.trash(id);
      return;
    }
    case 'scriptProperties': {
      const changes: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(step.changes))
        changes[key] = value !== null && typeof value === 'object' ? fileId(ws, value.idOf) : value;
      ws.project.setScriptPropertiesAs(step.as, changes);
      return;
    }
  }
}

function editCells(ws: Workspace, step: Extract<Step, { kind: 'edit' }>): void {
  const id = fileId(ws, step.file);
  const t = step.target;
  let sheet: string;
  let a1: string;
  if ('setting' in t) {
    sheet = 'Settings';
    const rows = ws.spreadsheets._sheetValues('Settings', id);
    const at = rows.findIndex((r) => String(r[0]).trim().toLowerCase() === t.setting.toLowerCase());
    if (at < 0) throw new Refused(`the Settings sheet has no "${t.setting}" row`);
    a1 = `B${at + 1}`;
  } else if ('a1' in t) {
    sheet = t.sheet;
    a1 = t.a1;
  } else {
    sheet = t.sheet;
    const rows = ws.spreadsheets._sheetValues(t.sheet, id);
    const header = (rows[0] ?? []).map(String);
    const idCol = header.indexOf(registerColumns().find((c) => c.key === 'incidentId')?.header ?? '');
    const col = header.indexOf(t.column);
    const row = rows.findIndex((r, i) => i > 0 && r[idCol] === t.incident);
    if (col < 0 || row < 1)
      throw new Refused(`${t.sheet} has no incident ${t.incident} with a "${t.column}" column`);
    a1 = `${columnLetter(col + 1)}${row + 1}`;
  }
  const single = step.values.length === 1 && step.values[0]?.length === 1;
  if (single && !a1.includes(':')) ws.spreadsheets._userEdit(step.as, id, sheet, a1, step.values[0]?.[0]);
  else ws.spreadsheets._userPaste(step.as, id, sheet, a1, step.values);
}

/** Plays the steps in order; each step's effects are recorded, and a refusal or failure never stops the rest. */
export function playScenario(ws: Workspace, scenario: Scenario): Transcript {
  const records: StepRecord[] = [];
  for (const { number, note, step } of scenario.steps) {
    const at = ws.clock.now();
    const before = {
      executions: ws.executions.length,
      emails: ws.mail.sent.length,
      shown: ws.spreadsheets.ui.shown().length,
    };
    let outcome: StepRecord['outcome'] = 'done';
    let detail: string | undefined;
    try {
      act(ws, step);
    } catch (err) {
      const ran = ws.executions.slice(before.executions);
      const failedMenu = step.kind === 'menu' && ran.some((e) => e.kind === 'menu' && e.status === 'failed');
      outcome = failedMenu ? 'script failed' : 'refused';
      detail = err instanceof Error ? err.message : String(err);
    }
    records.push({
      number,
      at,
      who: 'as' in step ? step.as : null,
      what: describeStep(step),
      ...(note === undefined ? {} : { note }),
      outcome,
      ...(detail === undefined ? {} : { detail }),
      shown: ws.spreadsheets.ui.shown().slice(before.shown),
      executions: ws.executions.slice(before.executions).map((e) => ({ ...e })),
      emails: ws.mail.sent.slice(before.emails),
    });
  }
  return { title: scenario.title, steps: records };
}

/** The transcript as `scenario.txt`: each step, who did it, what they were shown, what ran, what was sent. */
export function formatTranscript(t: Transcript, timeZone: string): string {
  const time = (ms: number): string =>
    new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(ms),
    );
  const lines = [t.title, '='.repeat(Math.min(100, t.title.length)), ''];
  for (const s of t.steps) {
    lines.push(`Step ${s.number}. [${time(s.at)}] ${s.who ?? 'The world'}: ${s.what}`);
    if (s.note) lines.push(`  why: ${s.note}`);
    if (s.outcome !== 'done')
      lines.push(`  ${s.outcome === 'refused' ? 'REFUSED' : 'THE SCRIPT FAILED'}: ${s.detail ?? ''}`);
    for (const d of s.shown)
      lines.push(
        `  shown to ${d.user}: [${d.kind}] ${d.title}${d.message ? ` — ${d.message.replace(/\s*\n\s*/g, ' / ')}` : ''}`,
      );
    // Runs of the same job with the same result read as one line ("retryPendingAlerts ×24").
    const runs: Array<{ text: string; count: number }> = [];
    for (const e of s.executions) {
      const text = `${e.functionName} (${e.kind}, as ${e.user}): ${e.status}${e.error ? ` — ${e.error}` : ''}`;
      const last = runs[runs.length - 1];
      if (last && last.text === text) last.count += 1;
      else runs.push({ text, count: 1 });
    }
    for (const r of runs) lines.push(`  ran ${r.count > 1 ? `${r.count}× ` : ''}${r.text}`);
    for (const m of s.emails)
      lines.push(`  email "${m.subject}" from ${m.from} to ${[...m.to, ...m.cc, ...m.bcc].join(', ')}`);
    if (s.outcome === 'done' && s.shown.length + s.executions.length + s.emails.length === 0)
      lines.push('  (nothing else happened)');
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
