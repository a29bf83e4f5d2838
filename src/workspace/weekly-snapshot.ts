/**
 * Where the weekly email's snapshot (domain/weekly-snapshot) is kept: in the user properties of the account
 * the system runs as. Why there: "getUserProperties() — Gets a property store that only the current user
 * can access, and only within this script" (PropertiesService reference). The nightly rebuild and the
 * weekly email both run as that account (handlers/runner), so they share it; no deputy, Head or other
 * editor reads or writes it, whereas the script properties can be changed by any editor from the script
 * editor (test/scenarios/script-properties-tampering.json), and an unprotected sheet cell by anyone who
 * can edit the spreadsheet. What is read back is checked all the same (domain/weekly-snapshot).
 *
 * Unlike the cache (six hours at most) a property keeps: the 36-hour age check decides when it is stale.
 */
/** The property's name (exported for the benchmark and tests, which play the nightly rebuild missing). */
export const WEEKLY_SNAPSHOT_KEY = 'onlineSafety.weeklySnapshot.v1';
const KEY = WEEKLY_SNAPSHOT_KEY;

/** The stored snapshot text, or null: two calls. */
export function readWeeklySnapshotText(): string | null {
  return PropertiesService.getUserProperties().getProperty(KEY);
}

/** Keeps the snapshot, or drops the old one when there is none to keep (too big): two calls. */
export function saveWeeklySnapshotText(text: string | null): void {
  const store = PropertiesService.getUserProperties();
  if (text === null) store.deleteProperty(KEY);
  else store.setProperty(KEY, text);
}
