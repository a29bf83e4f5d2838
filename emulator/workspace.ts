/**
 * The emulated Google Workspace: one school's Drive files, mail, script project and clock, in memory.
 *
 * A test, the demo or the benchmark creates a Workspace, loads the built bundle into it
 * (see `loadBundle`), and then acts as the outside world: a user opens the spreadsheet, staff submit
 * the form, time passes and clock triggers fire. Each of those runs the script as an *execution*,
 * as Apps Script does: with an active user, its own lock holdings (released when it ends), and a
 * record of success or failure.
 */
import { CallLog, type Counted } from './core';
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
 * response's timestamp) are made with the script realm's constructors, so `instanceof Date` in the
 * script behaves as on Apps Script.
 */
export interface Realm {
  Date: DateConstructor;
}

export type FileKind = 'spreadsheet' | 'form';

/** A Drive file's identity and sharing: who owns it, who may edit it, who may only view it. */
export interface DriveFile {
  id: string;
  kind: FileKind;
  name: string;
  owner: string;
  editors: Set<string>;
  viewers: Set<string>;
  trashed: boolean;
}

export class DriveStore {
  readonly files = new Map<string, DriveFile>();
  private seq = 0;

  create(kind: FileKind, name: string, owner: string): DriveFile {
    this.seq += 1;
    const prefix = kind === 'spreadsheet' ? 'ss' : 'fm';
    const id = `${prefix}${String(this.seq).padStart(4, '0')}${'x'.repeat(36)}`.slice(0, 44);
    const file: DriveFile = { id, kind, name, owner, editors: new Set(), viewers: new Set(), trashed: false };
    this.files.set(id, file);
    return file;
  }

  get(id: string): DriveFile | undefined {
    return this.files.get(id);
  }

  canEdit(email: string, id: string): boolean {
    const f = this.files.get(id);
    if (!f || f.trashed) return false;
    const e = email.toLowerCase();
    return f.owner.toLowerCase() === e || [...f.editors].some((x) => x.toLowerCase() === e);
  }

  canView(email: string, id: string): boolean {
    const f = this.files.get(id);
    if (!f || f.trashed) return false;
    return this.canEdit(email, id) || [...f.viewers].some((x) => x.toLowerCase() === email.toLowerCase());
  }

  /** Every file the person can open (owner, editor or viewer). */
  openableBy(email: string): DriveFile[] {
    return [...this.files.values()].filter((f) => this.canView(email, f.id));
  }
}

export type ExecutionKind = 'editor' | 'simple' | 'trigger' | 'menu';

export interface ExecutionRecord {
  id: number;
  functionName: string;
  kind: ExecutionKind;
  triggerUid?: string;
  user: string;
  startedAt: number;
  endedAt?: number;
  status: 'running' | 'completed' | 'failed';
  error?: string;
}

/** The script's functions: the top-level functions of the loaded bundle, by name. */
export type ScriptFunctions = Record<string, (...args: unknown[]) => unknown>;

export class Workspace implements Counted {
  readonly calls = new CallLog();
  readonly clock: Clock;
  readonly timeZone: string;
  readonly scriptId: string;
  readonly owner: string;
  readonly drive = new DriveStore();
  realm: Realm = { Date };

  readonly spreadsheets: SpreadsheetStore;
  readonly forms: FormStore;
  readonly mail: MailStore;
  readonly script: ScriptStore;
  readonly properties: PropertiesStore;
  readonly locks: LockStore;
  readonly cache: CacheStore;
  readonly logs: LogStore;
  /** The spreadsheet the script project is bound to. */
  readonly containerId: string;

  readonly executions: ExecutionRecord[] = [];
  private executionStack: ExecutionRecord[] = [];
  private functions: ScriptFunctions | null = null;
  private services: Record<string, unknown> | null = null;

  constructor(options: WorkspaceOptions = {}) {
    const start =
      options.now === undefined ? Date.parse('2026-09-07T08:00:00Z') : new Date(options.now).getTime();
    this.clock = new Clock(start);
    this.timeZone = options.timeZone ?? 'Europe/London';
    this.scriptId = options.scriptId ?? '1emulatedScriptId0000000000000000000000000000000000000';
    this.owner = options.owner ?? 'dsl@school.example';
    this.spreadsheets = new SpreadsheetStore(this);
    this.forms = new FormStore(this);
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

  /** A Date in the script's realm. */
  newDate(ms: number = this.clock.now()): Date {
    return new this.realm.Date(ms);
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

  /** Installs the script's top-level functions (done by `loadBundle`). */
  installScript(functions: ScriptFunctions, realm?: Realm): void {
    this.functions = functions;
    if (realm) this.realm = realm;
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

  /** The active user: the person whose action started the running execution. */
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
    options: { user?: string; kind?: ExecutionKind; triggerUid?: string } = {},
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
    };
    this.executions.push(record);
    this.executionStack.push(record);
    try {
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
      this.locks.releaseAllHeldBy(record.id);
    }
  }

  /** Like `run`, but a failure is only recorded (a trigger's failure does not reach whoever caused it). */
  runRecorded(
    functionName: string,
    args: unknown[],
    options: { user?: string; kind?: ExecutionKind; triggerUid?: string } = {},
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
      user: this.spreadsheets.userFacade(user),
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
