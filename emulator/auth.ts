/**
 * Authorization: which OAuth scope each emulated method needs, which scopes the project may have (the
 * manifest's `oauthScopes`) and which of them each person has granted — checked on every script call.
 *
 * Why: an emulator that lets the script call what Apps Script would refuse hides the worst bugs (a trigger
 * that cannot send mail, a simple trigger that opens another file). So one table says what every method
 * needs, and `AuthStore.check` — called by the `Emulated` proxy through `Counted.authorize` — refuses a call
 *  - in a simple trigger (AuthMode.LIMITED) when the method needs authorization, with the "You do not have
 *    permission to call …" text Apps Script gives there;
 *  - when no scope the method accepts is in the manifest, or the account the execution runs as (the
 *    installer, for an installable trigger) has not granted one, with "Specified permissions are not
 *    sufficient to call …". Both texts, and the "(a || b)" list of alternatives, are as reported verbatim
 *    in public projects' error logs (e.g. "You do not have permission to call
 *    SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly
 *    || https://www.googleapis.com/auth/spreadsheets)"; "Specified permissions are not sufficient to call
 *    Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email").
 * Calls made outside any execution (a test reading the sheet) are the test's, not the script's: unchecked.
 */
import type { ExecutionRecord } from './workspace';

const AUTH = 'https://www.googleapis.com/auth/';
export const SCOPES = {
  spreadsheets: `${AUTH}spreadsheets`,
  spreadsheetsCurrentOnly: `${AUTH}spreadsheets.currentonly`,
  forms: `${AUTH}forms`,
  formsCurrentOnly: `${AUTH}forms.currentonly`,
  sendMail: `${AUTH}script.send_mail`,
  scriptApp: `${AUTH}script.scriptapp`,
  containerUi: `${AUTH}script.container.ui`,
  userinfoEmail: `${AUTH}userinfo.email`,
  bigquery: `${AUTH}bigquery`,
} as const;

/** Every scope the table below can ask for: what Apps Script would detect when no manifest lists scopes. */
export const KNOWN_SCOPES: readonly string[] = Object.values(SCOPES);

const SHEETS = [SCOPES.spreadsheetsCurrentOnly, SCOPES.spreadsheets] as const;
const FORMS = [SCOPES.formsCurrentOnly, SCOPES.forms] as const;
const NONE: readonly string[] = [];

/**
 * The scopes a service's methods accept (any one suffices), by Apps Script service (see `serviceOf` in
 * core.ts). References, each method's "Authorization" section:
 *  - SpreadsheetApp: spreadsheets.currentonly or spreadsheets, e.g.
 *    https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActiveSpreadsheet()
 *    (DeveloperMetadata, its finder and location count as SpreadsheetApp: each method's Authorization
 *    section lists the same two scopes, https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata)
 *  - FormApp: forms.currentonly or forms, https://developers.google.com/apps-script/reference/forms/form-app
 *  - MailApp.sendEmail: script.send_mail, https://developers.google.com/apps-script/reference/mail/mail-app
 *    (getRemainingDailyQuota: the same scope is assumed — unconfirmed, the stricter choice)
 *  - ScriptApp trigger methods: script.scriptapp, https://developers.google.com/apps-script/reference/script/script-app
 *    (Trigger and builder getters need it too — unconfirmed, the stricter choice)
 *  - PropertiesService, LockService, CacheService, Utilities, Logger, Charts: no scope (their reference pages
 *    list no Authorization section).
 */
const SCOPES_OF_SERVICE: Record<string, readonly string[]> = {
  SpreadsheetApp: SHEETS,
  FormApp: FORMS,
  MailApp: [SCOPES.sendMail],
  ScriptApp: [SCOPES.scriptApp],
  Session: NONE,
  Base: NONE,
  PropertiesService: NONE,
  LockService: NONE,
  CacheService: NONE,
  Utilities: NONE,
  Logger: NONE,
  Charts: NONE,
  // The BigQuery advanced service (emulator/bigquery.ts): tabledata.insertAll's reference lists bigquery,
  // bigquery.insertdata or cloud-platform (https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata/insertAll);
  // the emulator asks for bigquery, which the second manifest holds.
  BigQuery: [SCOPES.bigquery],
  // The Sheets advanced service: spreadsheets.values.batchGet and spreadsheets.batchUpdate list drive,
  // drive.file, drive.readonly (reads), spreadsheets, spreadsheets.readonly (reads)
  // (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate#authorization-scopes).
  // The manifest holds spreadsheets only; spreadsheets.currentonly is an Apps Script scope the REST API does
  // not accept, so it is not listed here (the stricter choice).
  Sheets: [SCOPES.spreadsheets],
};

/** Classes whose scope differs from their service's. */
const SCOPES_OF_CLASS: Record<string, readonly string[]> = {
  // The container's UI: https://developers.google.com/apps-script/reference/base/ui (script.container.ui).
  Ui: [SCOPES.containerUi],
  Menu: [SCOPES.containerUi],
  PromptResponse: [SCOPES.containerUi],
  AuthorizationInfo: NONE,
};

/** Methods whose scope differs from their class's. */
const SCOPES_OF_METHOD: Record<string, readonly string[]> = {
  // Other files than the container need the full scope: "spreadsheets.currentonly" only reaches the
  // document the script is bound to (reference: openById lists only …/auth/spreadsheets).
  'SpreadsheetApp.openById': [SCOPES.spreadsheets],
  'SpreadsheetApp.openByUrl': [SCOPES.spreadsheets],
  'SpreadsheetApp.open': [SCOPES.spreadsheets],
  'SpreadsheetApp.create': [SCOPES.spreadsheets],
  // getUi hands out the container's UI (unconfirmed: the UI scope is assumed, as for Ui's own methods).
  'SpreadsheetApp.getUi': [SCOPES.containerUi],
  'FormApp.openById': [SCOPES.forms],
  'FormApp.openByUrl': [SCOPES.forms],
  'FormApp.create': [SCOPES.forms],
  // https://developers.google.com/apps-script/reference/base/session#getActiveUser() — "Scripts that use
  // this method require authorization with one or more of the following scopes: …/auth/userinfo.email".
  'Session.getActiveUser': [SCOPES.userinfoEmail],
  'Session.getEffectiveUser': [SCOPES.userinfoEmail],
  // Asking about authorization needs none (it must work before the user has granted anything).
  'ScriptApp.getScriptId': NONE,
  'ScriptApp.getAuthorizationInfo': NONE,
  'ScriptApp.requireScopes': NONE,
  'ScriptApp.requireAllScopes': NONE,
};

/** The service of a class, as core.ts's `serviceOf` names it (passed in to avoid an import cycle). */
export type ServiceOf = (className: string) => string;

/** The scopes `Class.method` accepts (any one suffices); [] when it needs none; undefined when unknown. */
export function scopesFor(
  className: string,
  method: string,
  serviceOf: ServiceOf,
): readonly string[] | undefined {
  return (
    SCOPES_OF_METHOD[`${className}.${method}`] ??
    SCOPES_OF_CLASS[className] ??
    SCOPES_OF_SERVICE[serviceOf(className)]
  );
}

/**
 * What a simple trigger (AuthMode.LIMITED) may call although it needs a scope. The triggers guide
 * (https://developers.google.com/apps-script/guides/triggers#restrictions): simple triggers "can't access
 * services that require authorization" but "can modify the file they are bound to, but can't access other
 * files because that would require authorization". So: the container through SpreadsheetApp (not
 * openById/openByUrl/create), building menus (the guide's onOpen example adds a menu), and Session's users,
 * whose email is then blank (see Workspace.activeUserEmail). Alerts and prompts are refused (unconfirmed,
 * the stricter choice). FormApp, MailApp and ScriptApp's trigger methods are refused.
 */
function limitedAllows(className: string, method: string, serviceOf: ServiceOf): boolean {
  const name = `${className}.${method}`;
  if (name === 'Session.getActiveUser' || name === 'Session.getEffectiveUser') return true;
  if (className === 'Ui') return method === 'createMenu';
  if (className === 'Menu') return true;
  if (className === 'PromptResponse') return false;
  if (serviceOf(className) !== 'SpreadsheetApp') return false;
  const needs = scopesFor(className, method, serviceOf) ?? [];
  return needs.includes(SCOPES.spreadsheetsCurrentOnly) || name === 'SpreadsheetApp.getUi';
}

function required(scopes: readonly string[]): string {
  return scopes.length === 1 ? (scopes[0] ?? '') : `(${scopes.join(' || ')})`;
}

/** Apps Script's text in a simple trigger (no authorization at all). */
export function noPermission(what: string, scopes: readonly string[]): Error {
  return new Error(`You do not have permission to call ${what}. Required permissions: ${required(scopes)}`);
}

/** Apps Script's text when the project's or the user's scopes do not cover the call. */
export function notSufficient(what: string, scopes: readonly string[]): Error {
  return new Error(
    `Specified permissions are not sufficient to call ${what}. Required permissions: ${required(scopes)}`,
  );
}

/** A call the manifest does not cover: a flaw in the product's appsscript.json, kept for reports. */
export interface ScopeViolation {
  call: string;
  needs: string[];
  functionName: string;
  user: string;
}

/** What the store needs from the workspace. */
export interface AuthHost {
  currentExecution(): ExecutionRecord | undefined;
}

export class AuthStore {
  /** The manifest's oauthScopes; null when none was loaded (Apps Script then detects them from the code). */
  private manifest: string[] | null = null;
  /** Per user (lower case): the scopes granted, or 'all' (every manifest scope: the default). */
  private readonly grants = new Map<string, Set<string> | 'all'>();
  /** Calls refused because the manifest lacks their scope, in order. */
  readonly violations: ScopeViolation[] = [];

  constructor(
    private readonly host: AuthHost,
    private readonly serviceOf: ServiceOf,
  ) {}

  /** Sets the project's scopes (loadBundle does, from appsscript.json). null: detect from the code. */
  setManifestScopes(scopes: readonly string[] | null): void {
    this.manifest = scopes === null ? null : [...new Set(scopes)];
  }

  /** The scopes the project can have: the manifest's, or every scope the emulator knows when there is none. */
  manifestScopes(): string[] {
    return [...(this.manifest ?? KNOWN_SCOPES)];
  }

  /** The person grants these scopes (replacing earlier grants), or 'all' of the manifest's. */
  grant(user: string, scopes: readonly string[] | 'all'): void {
    if (scopes === 'all') {
      this.grants.set(user.toLowerCase(), 'all');
      return;
    }
    const allowed = this.manifestScopes();
    for (const s of scopes) {
      if (!allowed.includes(s)) throw new Error(`auth.grant: ${s} is not one of the project's scopes`);
    }
    this.grants.set(user.toLowerCase(), new Set(scopes));
  }

  /** The person revokes the script's access: they have granted nothing. */
  revoke(user: string): void {
    this.grants.set(user.toLowerCase(), new Set());
  }

  /** The scopes the person has granted (every manifest scope unless grant/revoke said otherwise). */
  granted(user: string): string[] {
    const g = this.grants.get(user.toLowerCase()) ?? 'all';
    const allowed = this.manifestScopes();
    return g === 'all' ? allowed : allowed.filter((s) => g.has(s));
  }

  /** The scopes of `wanted` the execution's account has not granted (simple triggers have granted none). */
  missing(execution: ExecutionRecord, wanted: readonly string[]): string[] {
    if (execution.kind === 'simple') return [...wanted];
    const have = this.granted(execution.user);
    return wanted.filter((s) => !have.includes(s));
  }

  /** Refuses a call the running execution may not make (see the file comment). */
  check(className: string, method: string): void {
    const execution = this.host.currentExecution();
    if (!execution) return;
    const needs = scopesFor(className, method, this.serviceOf);
    const what = `${className}.${method}`;
    if (needs === undefined) {
      throw new Error(`emulator: no scope is known for ${what}: add it to the table in emulator/auth.ts`);
    }
    if (needs.length === 0) return;
    if (execution.kind === 'simple') {
      if (limitedAllows(className, method, this.serviceOf)) return;
      throw noPermission(what, needs);
    }
    const project = this.manifestScopes();
    if (!needs.some((s) => project.includes(s))) {
      this.violations.push({
        call: what,
        needs: [...needs],
        functionName: execution.functionName,
        user: execution.user,
      });
      throw notSufficient(what, needs);
    }
    const have = this.granted(execution.user);
    if (!needs.some((s) => have.includes(s))) throw notSufficient(what, needs);
  }
}
