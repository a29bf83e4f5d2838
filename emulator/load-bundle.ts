/**
 * Loads the built Apps Script bundle (build/Code.js) into a bare V8 context, as Apps Script does:
 * the only globals are JavaScript's own and the emulated Apps Script services. There is no
 * `require`, `process`, `setTimeout`, `fetch` or `Buffer`, so a bundle that depends on Node fails here.
 *
 * The context's `Date` reads the workspace clock, so `new Date()` in the script is simulated time.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { sheetsFacade } from './sheets-api';
import type { ScriptFunctions, Workspace } from './workspace';

export const DEFAULT_BUNDLE = path.resolve(__dirname, '..', 'build', 'Code.js');

export interface LoadedScript {
  /** The top-level functions the bundle declares (the entry points Apps Script can call). */
  readonly functions: ScriptFunctions;
  readonly context: vm.Context;
  readonly source: string;
}

/** Installs a Date whose `new Date()` and `Date.now()` read the workspace clock. */
const CLOCK_PRELUDE = `
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
})`;

/**
 * The flipped platform (platform.ts intlTimeZones false): a runtime whose Intl knows no time zones, as a
 * JavaScript engine built without full ICU data, so every zone formats as UTC.
 */
const UTC_ONLY_INTL = `
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
})()`;

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
  const context = vm.createContext({}, { name: 'Apps Script' });
  const sandbox = context as Record<string, unknown>;
  (vm.runInContext(CLOCK_PRELUDE, context) as (now: () => number) => void)(() => ws.clock.now());
  if (!ws.platform.intlTimeZones) vm.runInContext(UTC_ONLY_INTL, context);
  for (const [name, service] of Object.entries(ws.globals())) sandbox[name] = service;
  // An advanced service is a global only when the manifest enables it, under its userSymbol.
  const advanced = enabledAdvancedServices(manifestPath);
  if (advanced.includes('bigquery')) sandbox.BigQuery = ws.bigquery.facade();
  if (advanced.includes('sheets')) sandbox.Sheets = sheetsFacade(ws);

  // Names defined by the language in every context: what is left after running the bundle are its functions.
  const before = new Set(Object.getOwnPropertyNames(context));
  vm.runInContext(source, context, { filename: 'Code.js' });
  const functions: ScriptFunctions = {};
  for (const name of Object.getOwnPropertyNames(context)) {
    if (before.has(name)) continue;
    const value = sandbox[name];
    if (typeof value === 'function') functions[name] = value as ScriptFunctions[string];
  }
  ws.installScript(functions, { Date: sandbox.Date as DateConstructor });
  ws.auth.setManifestScopes(manifestScopes(manifestPath));
  return { functions, context, source };
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
