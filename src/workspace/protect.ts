/**
 * Protecting a range or sheet so that only the account the script runs as (the runner, who owns the
 * spreadsheet) may change it. Why a helper: a protection a script makes mirrors the spreadsheet's sharing
 * until its editor list really changes, so "remove everyone else" on a file with no other editor yet
 * (the DSL's first Set up) changes nothing, and every editor shared in later could still type in it.
 * Google's sample for Range.protect()/Sheet.protect() adds the current user first — which also keeps the
 * removal of a Google Group the current user edits through from throwing — then removes the others and
 * turns domain editing off.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 */

type Protection = GoogleAppsScript.Spreadsheet.Protection;

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The account the script runs as (two calls): read once by a caller that protects many ranges. */
export function runnerEmail(): string {
  return Session.getEffectiveUser().getEmail();
}

/**
 * Leaves the runner (and the spreadsheet's owner, whom nobody can remove) as the only editors of
 * `protection` (`me`: the runner's address, when the caller has it). Returns the addresses that could not be removed (none, normally), so a caller can say so.
 */
export function protectForRunnerOnly(protection: Protection, me: string = runnerEmail()): string[] {
  // Listing the runner makes the editor list explicit: from here on it no longer mirrors the sharing.
  protection.addEditor(me);
  const others = protection
    .getEditors()
    .map((user) => user.getEmail())
    .filter((email) => !same(email, me));
  const left: string[] = [];
  if (others.length > 0) {
    try {
      protection.removeEditors(others);
    } catch {
      // One address refused (a group the runner edits through, on a platform that still says no):
      // remove the rest one by one and report what stayed.
      for (const email of others) {
        try {
          protection.removeEditor(email);
        } catch {
          left.push(email);
        }
      }
    }
  }
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return left;
}
