/**
 * When the weekly audit anchor was last sent, for the nightly check to send it once a week
 * (domain/audit-notices `anchorDue`). Kept in the user properties of the account the system runs as:
 * "getUserProperties() — Gets a property store that only the current user can access, and only within this
 * script" (PropertiesService reference). Why not the script properties: any editor of the spreadsheet (a
 * deputy, the Headteacher if given edit) can change those from the script editor
 * (test/scenarios/script-properties-tampering.json), and a time set in the future there would silence the
 * anchor — the one record of the trail kept where nobody with the spreadsheet can rewrite it. Only runs as
 * the runner (its triggers) read or write this one.
 */
const KEY = 'onlineSafety.auditAnchorSentAt.v1';

/** The runner's store, opened once per run by the caller (one call). */
export type AnchorSentStore = GoogleAppsScript.Properties.Properties;

export function anchorSentStore(): AnchorSentStore {
  return PropertiesService.getUserProperties();
}

/** The last anchor's time as stored (ISO text), or null: one call. */
export function readAnchorSentAt(store: AnchorSentStore): string | null {
  return store.getProperty(KEY);
}

/** Records that the anchor went at `at`: one call. */
export function saveAnchorSentAt(store: AnchorSentStore, at: Date): void {
  store.setProperty(KEY, at.toISOString());
}

/** The property's name, for tests that play a missed week or a value planted by hand. */
export const ANCHOR_SENT_KEY = KEY;
