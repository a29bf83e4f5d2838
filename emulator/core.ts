/**
 * The emulator's core: call counting, "not emulated" errors and the realm bridge.
 *
 * Every object the script can touch (SpreadsheetApp, a Range, a Form…) is an `Emulated` facade. Its
 * constructor returns a Proxy that
 *  - counts each call of a public method as `<Class>.<method>` in the workspace's CallLog,
 *  - runs the method on the raw object, so a facade calling its own helpers is not counted twice,
 *  - throws `not emulated: <Class>.<name>` for any property the facade does not define, so a product
 *    that starts using an Apps Script method the emulator does not model fails loudly, never silently.
 * Names starting with `_` are the emulator's own (test-side) members: reachable, never counted.
 */

export class NotEmulatedError extends Error {
  constructor(what: string) {
    super(`not emulated: ${what}`);
    this.name = 'NotEmulatedError';
  }
}

export function notEmulated(className: string, member: string): never {
  throw new NotEmulatedError(`${className}.${member}`);
}

/** Counts service calls by `<Class>.<method>`. */
export class CallLog {
  private readonly counts = new Map<string, number>();

  record(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Counts by method, sorted by name. */
  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Counts by service: the class prefix mapped to its Apps Script service (Range → SpreadsheetApp). */
  byService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, n] of this.counts) {
      const service = serviceOf(name.split('.')[0] ?? name);
      out[service] = (out[service] ?? 0) + n;
    }
    return out;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  reset(): void {
    this.counts.clear();
  }

  /** Runs `fn` and returns the calls it made (the log keeps counting across measurements). */
  measure<T>(fn: () => T): { result: T; calls: Record<string, number>; total: number } {
    const before = new Map(this.counts);
    const result = fn();
    const calls: Record<string, number> = {};
    let total = 0;
    for (const [name, n] of this.counts) {
      const diff = n - (before.get(name) ?? 0);
      if (diff > 0) {
        calls[name] = diff;
        total += diff;
      }
    }
    return { result, calls, total };
  }
}

/** Which Apps Script service a facade class belongs to, for per-service totals. */
const SERVICE_OF_CLASS: Record<string, string> = {
  SpreadsheetApp: 'SpreadsheetApp',
  // The Sheets advanced service (emulator/sheets-api.ts).
  SheetsSpreadsheets: 'Sheets',
  SheetsValues: 'Sheets',
  Spreadsheet: 'SpreadsheetApp',
  Sheet: 'SpreadsheetApp',
  Range: 'SpreadsheetApp',
  RangeList: 'SpreadsheetApp',
  TextFinder: 'SpreadsheetApp',
  DataValidation: 'SpreadsheetApp',
  DataValidationBuilder: 'SpreadsheetApp',
  ConditionalFormatRule: 'SpreadsheetApp',
  ConditionalFormatRuleBuilder: 'SpreadsheetApp',
  Protection: 'SpreadsheetApp',
  DeveloperMetadata: 'SpreadsheetApp',
  DeveloperMetadataFinder: 'SpreadsheetApp',
  DeveloperMetadataLocation: 'SpreadsheetApp',
  EmbeddedChart: 'SpreadsheetApp',
  BooleanCondition: 'SpreadsheetApp',
  ChartOptions: 'SpreadsheetApp',
  ContainerInfo: 'SpreadsheetApp',
  EmbeddedChartBuilder: 'SpreadsheetApp',
  Ui: 'SpreadsheetApp',
  Menu: 'SpreadsheetApp',
  PromptResponse: 'SpreadsheetApp',
  // GoogleAppsScript.Base.User: handed out by Session, SpreadsheetApp and FormApp alike.
  User: 'Base',
  // GoogleAppsScript.Base.Blob (emulator/blob.ts): its reference page lists no Authorization section.
  Blob: 'Base',
  // The BigQuery advanced service's collections (emulator/bigquery.ts).
  Tabledata: 'BigQuery',
  FormApp: 'FormApp',
  Form: 'FormApp',
  FormResponse: 'FormApp',
  ItemResponse: 'FormApp',
  Choice: 'FormApp',
  MailApp: 'MailApp',
  ScriptApp: 'ScriptApp',
  Trigger: 'ScriptApp',
  AuthorizationInfo: 'ScriptApp',
  TriggerBuilder: 'ScriptApp',
  FormTriggerBuilder: 'ScriptApp',
  SpreadsheetTriggerBuilder: 'ScriptApp',
  ClockTriggerBuilder: 'ScriptApp',
  PropertiesService: 'PropertiesService',
  Properties: 'PropertiesService',
  LockService: 'LockService',
  Lock: 'LockService',
  CacheService: 'CacheService',
  Cache: 'CacheService',
  Session: 'Session',
  Utilities: 'Utilities',
  Logger: 'Logger',
  HtmlService: 'HtmlService',
  Charts: 'Charts',
};

export function serviceOf(className: string): string {
  if (SERVICE_OF_CLASS[className]) return SERVICE_OF_CLASS[className];
  if (
    className.endsWith('Item') ||
    className.endsWith('Validation') ||
    className.endsWith('ValidationBuilder')
  ) {
    return 'FormApp';
  }
  return className;
}

/**
 * Property names that JavaScript machinery (await, JSON, jest's pretty-printer and matchers, Node's
 * inspector) probes on any object. Reading them answers `undefined` instead of throwing, because the
 * probing is not the script using an Apps Script method.
 */
const PROBE_NAMES = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'constructor',
  'inspect',
  'toString',
  'valueOf',
  'length',
  'prototype',
  '_isMockFunction',
  'mock',
]);

/** Anything that holds the call log: the workspace. */
export interface Counted {
  readonly calls: CallLog;
  /**
   * Refuses a call the running execution may not make (missing OAuth scope, simple trigger): throws
   * Apps Script's error. The workspace implements it (emulator/auth.ts); absent, every call is allowed.
   */
  authorize?(className: string, method: string): void;
}

/** Sees every counted call after it returned (see `observeCalls`). */
export type CallObserver = (target: Emulated, method: string) => void;
const observers: CallObserver[] = [];

/**
 * Registers a module that must see the script's calls as they happen, e.g. the write cache (write-cache.ts),
 * whose Sheets API calls are refused while SpreadsheetApp writes are still unflushed.
 */
export function observeCalls(observer: CallObserver): void {
  if (!observers.includes(observer)) observers.push(observer);
}

/**
 * Base class of every facade the script sees. `className` is the Apps Script class name used in
 * call counts and in "not emulated" errors.
 */
export abstract class Emulated {
  protected constructor(
    protected readonly _ctx: Counted,
    readonly _className: string,
  ) {
    const proxy: Emulated = new Proxy(this, {
      get(target, prop, receiver) {
        if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
        if (!(prop in target)) {
          if (PROBE_NAMES.has(prop) || prop.startsWith('@@') || prop.startsWith('_')) return undefined;
          return notEmulated(target._className, prop);
        }
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function' || prop.startsWith('_') || prop === 'constructor') return value;
        if (prop === 'toString') return () => target._className;
        const method = value as (...args: unknown[]) => unknown;
        return function emulatedMethod(...args: unknown[]): unknown {
          target._ctx.authorize?.(target._className, prop);
          target._ctx.calls.record(`${target._className}.${prop}`);
          const result = method.apply(target, args);
          for (const observe of observers) observe(target, prop);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  }

  toString(): string {
    return this._className;
  }
}

/** True for a Date from any realm (the script runs in its own V8 context with its own Date). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Throws the TypeError-like message Apps Script gives for a wrong argument. */
export function invalidArgument(name: string): never {
  throw new Error(`Invalid argument: ${name}`);
}
