/**
 * The permissions (OAuth scopes) the script asks for, and whether the person running it granted them all.
 * Google lets a person tick only some of them (granular consent); a job that needs an unticked one then
 * fails at the first call that needs it. Set up asks for all of them at once
 * (ScriptApp.requireAllScopes, https://developers.google.com/apps-script/concepts/scopes#handle-granular),
 * and the health check says in plain words which are missing (ScriptApp.getAuthorizationInfo).
 */

export interface Consent {
  complete: boolean;
  /** Where the person can grant what is missing ('' when nothing is). */
  url: string;
}

/** Whether the account running this execution granted every scope of the project (no scope needed). */
export function consentState(): Consent {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  const complete = info.getAuthorizationStatus() !== ScriptApp.AuthorizationStatus.REQUIRED;
  return { complete, url: complete ? '' : (info.getAuthorizationUrl() ?? '') };
}

/** Ends the execution (and, on Google, asks for consent again) unless every scope is granted. */
export function requireAllScopes(): void {
  ScriptApp.requireAllScopes(ScriptApp.AuthMode.FULL);
}

/** The plain words for a person who ticked only some of the boxes. */
export function partialConsentMessage(who: string, url: string): string {
  return (
    `${who || 'This account'} allowed only some of the permissions Online Safety needs, so some jobs ` +
    '(the emails to the DSL, the scheduled checks) cannot run. Choose Online Safety › Set up / repair and, ' +
    'when Google asks, tick every box' +
    (url ? `, or open ${url}` : '') +
    '.'
  );
}
