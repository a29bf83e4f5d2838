/**
 * The emulated Google Workspace: one school's Drive files, mail, script project and clock, in memory.
 *
 * A test, the demo or the benchmark creates a Workspace, loads the built bundle into it
 * (see `loadBundle`), and then acts as the outside world: a user opens the spreadsheet, staff submit
 * the form, time passes and clock triggers fire. Each of those runs the script as an *execution*,
 * as Apps Script does: in a global scope of its own (the project evaluated afresh), with an active
 * user, its own lock holdings (released when it ends), and a record of success or failure.
 */
import { BigQueryStore } from './bigquery';
import { CallLog, serviceOf, type Counted } from './core';
import { AuthStore } from './auth';
import { ProjectAccess } from './project';
import { SpreadsheetStore } from './spreadsheet';
import { FormStore } from './forms';
import { MailStore } from './mail';
import { ScriptStore } from './script';
import { PropertiesStore } from './properties';
import { LockStore } from './lock';
import { CacheStore } from './cache';
import { makeSession } from './session';
import { makeUtilities } from './utilities';
import { LogStore } from './logger';
import { DriveStore } from './drive';
import { MODELLED_PLATFORM, type PlatformBehaviour } from './platform';

export interface WorkspaceOptions {
  /** Simulated time the workspace starts at (default 2026-09-07T08:00:00Z, a Monday in term). */
  now?: Date | string | number;
  /** The script's time zone (appsscript.json `timeZone`), default Europe/London. */
  timeZone?: string;
  /** The Google account that owns the container spreadsheet and runs Set up (the DSL). */
  owner?: string;
  /** Title of the spreadsheet the script is bound to. */
  containerName?: string;
  /** MailApp daily recipient quota (Workspace accounts: 1500; consumer accounts: 100). */
  mailDailyQuota?: number;
  scriptId?: string;
  /**
   * Whether FormApp has EmailCollectionType and Form.setEmailCollectionType (default true). false = a
   * tenant the feature has not reached: `FormApp.EmailCollectionType` is undefined and the Form methods
   * are absent; setCollectEmail remains.
   */
  formsEmailCollectionType?: boolean;
  /** Platform behaviours to flip from the emulator's model (see platform.ts; the self-test's failing twins). */
  platform?: Partial<PlatformBehaviour>;
}

/** Simulated time: the script's `new Date()` and every timestamp the emulator makes read this. */
export class Clock {
  private ms: number;
  constructor(start: number) {
    this.ms = start;
  }
  now(): number {
    return this.ms;
  }
  set(to: Date | number | string): void {
    const ms = typeof to === 'number' ? to : new Date(to).getTime();
    if (Number.isNaN(ms)) throw new Error(`Clock.set: not a time: ${String(to)}`);
    if (ms < this.ms) throw new Error('Clock.set: time never runs backwards in the emulator');
    this.ms = ms;
  }
  advance(ms: number): void {
    if (ms < 0) throw new Error('Clock.advance: negative duration');
    this.ms += ms;
  }
}

/**
 * The JavaScript realm the script runs in. Values handed to the script (Dates in getValues, a
 * response's timestamp) are made with the running execution's realm's constructors, so `instanceof Date`
 * in the script behaves as on Apps Script.
 */
export interface Realm {
  Date: DateConstructor;
}

// Drive files and sharing live in ./drive; re-exported for the modules and tests that import them from here.
export { DriveStore } from './drive';
export type { DriveFile, DriveRole, FileKind, LinkAudience, OutsideSharingPolicy, ShareRole } from './drive';

export type ExecutionKind = 'editor' | 'simple' | 'trigger' | 'menu';

const sameUser = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export interface ExecutionRecord {
  id: number;
  functionName: string;
  kind: ExecutionKind;
  triggerUid?: string;
  /** The account the execution runs as (Session's effective user): the installer, for an installable trigger. */
  user: string;
  /**
   * The person whose action caused it, when not `user`: the editor whose edit fired the DSL's installable
   * on-edit trigger. Session.getActiveUser() and e.user are about this person.
   */
  activeUser?: string;
  startedAt: number;
  endedAt?: number;
  status: 'running' | 'completed' | 'failed';
  error?: string;
}

/** The script's functions: the top-level functions of the loaded bundle, by name. */
export type ScriptFunctions = Record<string, (...args: unknown[]) => unknown>;

/** One evaluation of the script project: a global scope of its own, its top-level functions and its realm. */
export interface ScriptScope {
  readonly functions: ScriptFunctions;
  readonly realm: Realm;
}

/**
 * A script project as Apps Script runs it: loaded and evaluated afresh for every execution, so nothing the
 * script leaves in a global survives into the next execution (see `loadBundle` for the source).
 */
export interface ScriptProgram {
  /** Evaluates the project in a new global scope. */
  newScope(): ScriptScope;
}

export class Workspace implements Counted {
  readonly calls = new CallLog();
  readonly clock: Clock;
  readonly timeZone: string;
  readonly scriptId: string;
  readonly owner: string;
  /** Drive: files, sharing, groups and the admin's outside-sharing policy (the domain is the owner's). */
  readonly drive = new DriveStore(() => this.owner);
  realm: Realm = { Date };
  /** The platform behaviours in force (the emulator's model unless a test flipped one: platform.ts). */
  private _platform: Readonly<PlatformBehaviour>;
  /** Every file the script opened or created, by execution (test side: which files a run touched). */
  readonly fileAccess: Array<{ execution: number; functionName: string; fileId: string; how: string }> = [];

  readonly spreadsheets: SpreadsheetStore;
  readonly forms: FormStore;
  readonly mail: MailStore;
  readonly script: ScriptStore;
  readonly properties: PropertiesStore;
  readonly locks: LockStore;
  readonly cache: CacheStore;
  readonly logs: LogStore;
  /** OAuth scopes: the manifest's, each person's grants, and the check of every script call. */
  readonly auth: AuthStore = new AuthStore(this, serviceOf);
  /** The BigQuery advanced service's tables; the global exists only when the manifest enables it. */
  readonly bigquery: BigQueryStore = new BigQueryStore(this);
  /** What an editor of the container can do to the script project (its properties, its code). */
  readonly project: ProjectAccess = new ProjectAccess(this);
  /** The spreadsheet the script project is bound to. */
  readonly containerId: string;

  readonly executions: ExecutionRecord[] = [];
  private executionStack: ExecutionRecord[] = [];
  /** Each running execution's own global scope (parallel to executionStack; undefined without a program). */
  private scopeStack: Array<ScriptScope | undefined> = [];
  private functions: ScriptFunctions | null = null;
  private program: ScriptProgram | null = null;
  private services: Record<string, unknown> | null = null;

  constructor(options: WorkspaceOptions = {}) {
    const start =
      options.now === undefined ? Date.parse('2026-09-07T08:00:00Z') : new Date(options.now).getTime();
    this.clock = new Clock(start);
    this.timeZone = options.timeZone ?? 'Europe/London';
    this.scriptId = options.scriptId ?? '1emulatedScriptId0000000000000000000000000000000000000';
    this.owner = options.owner ?? 'dsl@school.example';
    this._platform = Object.freeze({ ...MODELLED_PLATFORM, ...(options.platform ?? {}) });
    this.spreadsheets = new SpreadsheetStore(this);
    this.forms = new FormStore(this, { emailCollectionType: options.formsEmailCollectionType !== false });
    this.mail = new MailStore(this, options.mailDailyQuota ?? 1500);
    this.script = new ScriptStore(this);
    this.properties = new PropertiesStore(this);
    this.locks = new LockStore(this);
    this.cache = new CacheStore(this);
    this.logs = new LogStore(this);
    this.containerId = this.spreadsheets.createSpreadsheet(
      options.containerName ?? 'Online Safety Incident Log',
      this.owner,
    ).id;
  }

  get platform(): Readonly<PlatformBehaviour> {
    return this._platform;
  }

  /**
   * Test side: Google changes under a running deployment (a rollout reaching the tenant). Every switch
   * takes effect at once; intlTimeZones from the next execution (each execution starts a new runtime).
   */
  setPlatform(changes: Partial<PlatformBehaviour>): void {
    this._platform = Object.freeze({ ...this._platform, ...changes });
  }

  /** Records that the running execution opened or created a file (no execution: the test side, not kept). */
  noteFileAccess(fileId: string, how: string): void {
    const run = this.currentExecution();
    if (run) this.fileAccess.push({ execution: run.id, functionName: run.functionName, fileId, how });
  }

  /** A Date in the script's realm: the running execution's own, or (outside any execution) `realm`. */
  newDate(ms: number = this.clock.now()): Date {
    const scope = this.scopeStack[this.scopeStack.length - 1];
    return new (scope?.realm ?? this.realm).Date(ms);
  }

  /** The Apps Script globals the script sees: SpreadsheetApp, FormApp, MailApp… (made once). */
  globals(): Record<string, unknown> {
    if (!this.services) {
      this.services = {
        ...this.spreadsheets.globals(),
        ...this.forms.globals(),
        ...this.mail.globals(),
        ...this.script.globals(),
        ...this.properties.globals(),
        ...this.locks.globals(),
        ...this.cache.globals(),
        ...this.logs.globals(),
        Session: makeSession(this),
        Utilities: makeUtilities(this),
      };
    }
    return this.services;
  }

  /**
   * Installs the script's top-level functions (test-side functions, or `loadBundle`'s). A program installed
   * by `installProgram` stays installed: its functions among these still run in each execution's own scope.
   */
  installScript(functions: ScriptFunctions, realm?: Realm): void {
    this.functions = functions;
    if (realm) this.realm = realm;
  }

  /**
   * Installs a script project that is evaluated afresh for every execution (done by `loadBundle`).
   * `functions` are its entry points as `scriptScope` hands them out; `realm` serves the test side, outside
   * any execution.
   */
  installProgram(program: ScriptProgram, functions: ScriptFunctions, realm: Realm): void {
    this.program = program;
    this.installScript(functions, realm);
  }

  /**
   * The global scope `program`'s functions run in now: the running execution's own, made when it started.
   * Outside any execution (a test calling an entry point directly), or for a program no longer installed,
   * a new scope for this one call.
   */
  scriptScope(program: ScriptProgram): ScriptScope {
    const scope = this.scopeStack[this.scopeStack.length - 1];
    return scope && this.program === program ? scope : program.newScope();
  }

  hasFunction(name: string): boolean {
    return typeof this.functions?.[name] === 'function';
  }

  functionNames(): string[] {
    return Object.keys(this.functions ?? {}).sort();
  }

  /** The execution running now (the innermost), or undefined outside any execution. */
  currentExecution(): ExecutionRecord | undefined {
    return this.executionStack[this.executionStack.length - 1];
  }

  /** Refuses a script call the running execution may not make (see emulator/auth.ts). */
  authorize(className: string, method: string): void {
    this.auth.check(className, method);
  }

  /**
   * Whether Apps Script shows this person's email to the script (Session.getActiveUser, e.user). Reference,
   * https://developers.google.com/apps-script/reference/base/session#getActiveUser(): "If security policies
   * do not allow access to the user's identity, User.getEmail() returns a blank string. … the user's email
   * address is not available in any context that allows a script to run without that user's authorization,
   * like a simple onOpen(e) or onEdit(e) trigger … However, these restrictions generally do not apply if the
   * developer runs the script themselves or belongs to the same Google Workspace domain as the user."
   * So: shown for the script's owner, and for people of the owner's Workspace domain; blank for another
   * domain and for consumer accounts (gmail.com, googlemail.com), which are no Workspace domain.
   */
  emailVisible(person: string): boolean {
    const p = person.toLowerCase();
    if (p === this.owner.toLowerCase()) return true;
    const domain = p.split('@')[1] ?? '';
    const ownerDomain = this.owner.toLowerCase().split('@')[1] ?? '';
    return domain !== '' && domain === ownerDomain && domain !== 'gmail.com' && domain !== 'googlemail.com';
  }

  /**
   * Session.getActiveUser().getEmail() in the running execution. Blank in a simple trigger for everyone
   * (the reference names simple onOpen/onEdit as contexts without the email; its "generally do not apply"
   * exception for the same domain is not relied on: the stricter choice, unconfirmed). In an installable
   * trigger fired by someone else's action it is about that person, blank unless `emailVisible` (a public
   * test report, https://tanaikech.github.io/2022/01/04/detecting-operations-to-google-spreadsheet-by-owner-specific-users-and-anonymous-users-using-google-apps-script:
   * another user's edit gives an empty getActiveUser() and e.user email, getEffectiveUser() the owner's).
   */
  activeUserEmail(): string {
    const run = this.currentExecution();
    if (!run) return this.owner;
    if (run.kind === 'simple') return '';
    if (!this.platform.activeUserShownToRunner && !run.activeUser) return '';
    const person = run.activeUser ?? run.user;
    return this.emailVisible(person) ? person : '';
  }

  /**
   * Session.getEffectiveUser().getEmail(): the account the script runs as — "If the script is running under
   * an installable trigger, this returns the account of the user who created the trigger. In most other
   * scenarios, this returns the same account as getActiveUser()" (reference, #getEffectiveUser()). Blank in
   * a simple trigger, which runs with no one's authorization (unconfirmed, the stricter choice). The runner's
   * own menu run shows their address: the self-test's activeUser check.
   */
  effectiveUserEmail(): string {
    const run = this.currentExecution();
    if (!run) return this.owner;
    return run.kind === 'simple' ? '' : run.user;
  }

  /**
   * The account the running execution runs as (the effective user): whose Drive access, properties, locks,
   * mail quota and triggers apply. For menus, editor runs and simple triggers it is the person acting; for an
   * installable trigger, the installer.
   */
  activeUser(): string {
    return this.currentExecution()?.user ?? this.owner;
  }

  /**
   * Runs a script function as one execution. Locks the execution holds are released when it ends,
   * as on Apps Script. Errors are recorded and re-thrown (see `runRecorded` for trigger firings).
   */
  run(
    functionName: string,
    args: unknown[] = [],
    options: { user?: string; kind?: ExecutionKind; triggerUid?: string; activeUser?: string } = {},
  ): unknown {
    const fn = this.functions?.[functionName];
    if (typeof fn !== 'function') {
      throw new Error(`Script function not found: ${functionName}`);
    }
    const record: ExecutionRecord = {
      id: this.executions.length + 1,
      functionName,
      kind: options.kind ?? 'editor',
      user: options.user ?? this.owner,
      startedAt: this.clock.now(),
      status: 'running',
      ...(options.triggerUid ? { triggerUid: options.triggerUid } : {}),
      ...(options.activeUser && !sameUser(options.activeUser, options.user ?? this.owner)
        ? { activeUser: options.activeUser }
        : {}),
    };
    this.executions.push(record);
    this.executionStack.push(record);
    this.scopeStack.push(undefined);
    try {
      // Apps Script loads and evaluates the project anew for each execution: a fresh global scope, made
      // inside the execution (top-level code runs as part of it; an error there fails it).
      if (this.program) this.scopeStack[this.scopeStack.length - 1] = this.program.newScope();
      const result = fn(...args);
      record.status = 'completed';
      return result;
    } catch (err) {
      record.status = 'failed';
      record.error =
        err instanceof Error || (err && typeof err === 'object' && 'message' in err)
          ? String((err as { message: unknown }).message)
          : String(err);
      throw err;
    } finally {
      record.endedAt = this.clock.now();
      this.executionStack.pop();
      this.scopeStack.pop();
      this.locks.releaseAllHeldBy(record.id);
    }
  }

  /** Like `run`, but a failure is only recorded (a trigger's failure does not reach whoever caused it). */
  runRecorded(
    functionName: string,
    args: unknown[],
    options: { user?: string; kind?: ExecutionKind; triggerUid?: string; activeUser?: string } = {},
  ): ExecutionRecord {
    try {
      this.run(functionName, args, options);
    } catch {
      // recorded in the execution log
    }
    const last = this.executions[this.executions.length - 1];
    if (!last) throw new Error('no execution recorded');
    return last;
  }

  /** The person opens the container spreadsheet in a browser: the simple `onOpen` trigger runs. */
  openSpreadsheet(user: string = this.owner): ExecutionRecord | undefined {
    if (!this.drive.canView(user, this.containerId)) {
      throw new Error(`${user} cannot open the spreadsheet`);
    }
    this.spreadsheets.ui.reset(user);
    if (!this.hasFunction('onOpen')) return undefined;
    const event = {
      authMode: this.script.authModes().LIMITED,
      source: this.spreadsheets.openFacade(this.containerId),
      // A simple trigger runs without the user's authorization: e.user's email is blank (see activeUserEmail).
      user: this.spreadsheets.userFacade(''),
      triggerUid: '',
    };
    return this.runRecorded('onOpen', [event], { user, kind: 'simple' });
  }

  /** Moves simulated time forward, firing every clock trigger that falls due on the way, in order. */
  advanceTo(to: Date | number | string): ExecutionRecord[] {
    return this.script.advanceTo(to);
  }

  /** A JSON-able picture of the whole workspace: files, forms, mail, triggers, properties, executions. */
  snapshot(): Record<string, unknown> {
    return {
      now: new Date(this.clock.now()).toISOString(),
      timeZone: this.timeZone,
      scriptId: this.scriptId,
      drive: this.drive.snapshot(),
      spreadsheets: this.spreadsheets.snapshot(),
      forms: this.forms.snapshot(),
      mail: this.mail.snapshot(),
      triggers: this.script.snapshot(),
      properties: this.properties.snapshot(),
      executions: this.executions.map((e) => ({ ...e })),
      logs: this.logs.snapshot(),
    };
  }
}
