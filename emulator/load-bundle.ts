/**
 * Loads the built Apps Script bundle (build/Code.js) into bare V8 contexts, as Apps Script does:
 * the only globals are JavaScript's own and the emulated Apps Script services. There is no
 * `require`, `process`, `setTimeout`, `fetch` or `Buffer`, so a bundle that depends on Node fails here.
 *
 * Every execution gets a context of its own: the bundle is compiled once and evaluated afresh when an
 * execution starts, so nothing the script leaves in a global (a module-level cache) survives into the
 * next execution. Apps Script loads and runs the whole project for each execution: "When a Google Apps
 * Script project … is run, the entire script is 'loaded' and run … All statements outside the scope of
 * functions get executed" (https://mogsdad.wordpress.com/2016/01/21/did-you-know-you-might-have-phantom-code/,
 * a long-standing public write-up, not Google's reference). That no global value carries over from one
 * execution to the next (no warm instance reused, as Cloud Functions may) is **unconfirmed** in Google's
 * reference: I found no page of it that says so either way. It is the stricter choice — a script that
 * relied on a warm global would be measured and tested too kindly — and code written for it also runs
 * correctly where an instance is reused.
 *
 * Each context's `Date` reads the workspace clock, so `new Date()` in the script is simulated time.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { sheetsFacade } from './sheets-api';
import type { ScriptFunctions, ScriptProgram, ScriptScope, Workspace } from './workspace';

export const DEFAULT_BUNDLE = path.resolve(__dirname, '..', 'build', 'Code.js');

export interface LoadedScript {
  /**
   * The top-level functions the bundle declares (the entry points Apps Script can call). Each call runs in
   * the running execution's own context; called outside any execution, in a new context of its own.
   */
  readonly functions: ScriptFunctions;
  /**
   * The context the bundle was evaluated in at load time, to find its functions: for inspecting what a
   * fresh context holds. No execution runs in it.
   */
  readonly context: vm.Context;
  readonly source: string;
  /** Evaluates the bundle in a new context, as each execution starts. */
  newContext(): BundleContext;
}

/** One evaluation of the bundle: its context and the top-level functions it declared there. */
export interface BundleContext extends ScriptScope {
  readonly context: vm.Context;
}

/** Installs a Date whose `new Date()` and `Date.now()` read the workspace clock. */
const CLOCK_PRELUDE = new vm.Script(
  `
(function (clockNow) {
  var RealDate = Date;
  function ClockDate() {
    if (!(this instanceof ClockDate)) return new RealDate(clockNow()).toString();
    var args = Array.prototype.slice.call(arguments);
    var d = args.length === 0 ? new RealDate(clockNow()) : new (Function.prototype.bind.apply(RealDate, [null].concat(args)))();
    Object.setPrototypeOf(d, ClockDate.prototype);
    return d;
  }
  ClockDate.prototype = Object.create(RealDate.prototype, { constructor: { value: ClockDate, writable: true, configurable: true } });
  Object.setPrototypeOf(ClockDate, RealDate);
  ClockDate.now = function () { return clockNow(); };
  ClockDate.parse = RealDate.parse;
  ClockDate.UTC = RealDate.UTC;
  globalThis.Date = ClockDate;
})`,
  { filename: 'clock-prelude.js' },
);

/**
 * The flipped platform (platform.ts intlTimeZones false): a runtime whose Intl knows no time zones, as a
 * JavaScript engine built without full ICU data, so every zone formats as UTC.
 */
const UTC_ONLY_INTL = new vm.Script(
  `
(function () {
  var Real = Intl.DateTimeFormat;
  function UtcOnly(locales, options) {
    var o = Object.assign({}, options || {});
    if (o.timeZone !== undefined) o.timeZone = 'UTC';
    return new Real(locales, o);
  }
  UtcOnly.prototype = Real.prototype;
  UtcOnly.supportedLocalesOf = Real.supportedLocalesOf;
  Intl.DateTimeFormat = UtcOnly;
})()`,
  { filename: 'utc-only-intl.js' },
);

/**
 * `manifestPath`: the manifest the project is deployed with (default: build/appsscript.json, beside the
 * bundle); appsscript.bigquery.json for a school that opted into BigQuery (docs/trust.md).
 */
export function loadBundle(
  ws: Workspace,
  bundlePath: string = DEFAULT_BUNDLE,
  manifestPath: string = path.join(path.dirname(bundlePath), 'appsscript.json'),
): LoadedScript {
  let source: string;
  try {
    source = readFileSync(bundlePath, 'utf8');
  } catch {
    throw new Error(`No bundle at ${bundlePath}: run \`npm run build\` first.`);
  }
  // Compiled once; each execution runs it in a new context. V8 keeps the compiled code with the script, so
  // a function compiled in one context is not compiled again in the next.
  const script = new vm.Script(source, { filename: 'Code.js' });
  // An advanced service is a global only when the manifest enables it, under its userSymbol.
  const advanced = enabledAdvancedServices(manifestPath);
  const newContext = (): BundleContext => evaluate(ws, script, advanced);

  const loaded = newContext();
  const program: ScriptProgram = { newScope: newContext };
  // The entry points as the workspace calls them: each runs the function of that name in the running
  // execution's own context (outside any execution, in a new one).
  const functions: ScriptFunctions = {};
  for (const name of Object.keys(loaded.functions)) {
    functions[name] = (...args: unknown[]): unknown => {
      const fn = ws.scriptScope(program).functions[name];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
      return fn(...args);
    };
  }
  ws.installProgram(program, functions, loaded.realm);
  ws.auth.setManifestScopes(manifestScopes(manifestPath));
  return { functions, context: loaded.context, source, newContext };
}

/**
 * A new bare context with the services, the clock's Date (and, on the flipped platform, the UTC-only
 * Intl), the enabled advanced services, and the bundle evaluated in it.
 */
function evaluate(ws: Workspace, script: vm.Script, advanced: readonly string[]): BundleContext {
  // An ordinary global object (no contextified sandbox in front of it): made faster, and the script's
  // global lookups (Date, Math, the services) skip Node's interceptors.
  const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, { name: 'Apps Script' });
  const sandbox = context as Record<string, unknown>;
  (CLOCK_PRELUDE.runInContext(context) as (now: () => number) => void)(() => ws.clock.now());
  if (!ws.platform.intlTimeZones) UTC_ONLY_INTL.runInContext(context);
  for (const [name, service] of Object.entries(ws.globals())) sandbox[name] = service;
  if (advanced.includes('bigquery')) sandbox.BigQuery = ws.bigquery.facade();
  if (advanced.includes('sheets')) sandbox.Sheets = sheetsFacade(ws);

  // Names defined by the language in every context: what is left after running the bundle are its functions.
  const before = new Set(Object.getOwnPropertyNames(context));
  script.runInContext(context);
  const functions: ScriptFunctions = {};
  for (const name of Object.getOwnPropertyNames(context)) {
    if (before.has(name)) continue;
    const value = sandbox[name];
    if (typeof value === 'function') functions[name] = value as ScriptFunctions[string];
  }
  return { context, functions, realm: { Date: sandbox.Date as DateConstructor } };
}

/**
 * The manifest's `oauthScopes`, built next to the bundle: the only scopes the project can have
 * (https://developers.google.com/apps-script/concepts/scopes#set-explicit). Null when there is no manifest or
 * it lists none: Apps Script then detects the scopes from the code, so the emulator allows every scope it knows.
 */
function manifestScopes(manifestPath: string): string[] | null {
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch {
    return null;
  }
  const manifest = JSON.parse(text) as { oauthScopes?: unknown };
  const scopes = manifest.oauthScopes;
  if (scopes === undefined) return null;
  if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === 'string')) {
    throw new Error(`${manifestPath}: oauthScopes must be an array of strings`);
  }
  return scopes;
}

/**
 * The serviceIds of the manifest's enabled advanced services (dependencies.enabledAdvancedServices,
 * https://developers.google.com/apps-script/manifest/dependencies). Only BigQuery (userSymbol BigQuery, v2)
 * and Sheets (userSymbol Sheets, v4) are emulated; any other service, symbol or version throws here.
 */
function enabledAdvancedServices(manifestPath: string): string[] {
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch {
    return [];
  }
  const manifest = JSON.parse(text) as {
    dependencies?: {
      enabledAdvancedServices?: Array<{ userSymbol?: string; serviceId?: string; version?: string }>;
    };
  };
  const services = manifest.dependencies?.enabledAdvancedServices ?? [];
  for (const service of services) {
    const known =
      (service.serviceId === 'bigquery' && service.userSymbol === 'BigQuery' && service.version === 'v2') ||
      (service.serviceId === 'sheets' && service.userSymbol === 'Sheets' && service.version === 'v4');
    if (!known) {
      throw new Error(
        `not emulated: advanced service ${String(service.serviceId)} as ${String(service.userSymbol)}`,
      );
    }
  }
  return services.map((service) => service.serviceId ?? '');
}
