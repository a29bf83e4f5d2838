/**
 * The script project as its editors reach it: anyone who can edit the container spreadsheet can open the
 * bound script project, read and change its script properties and change its code.
 *
 * Why: a container-bound project has no sharing of its own. Google's guide to bound scripts
 * (https://developers.google.com/apps-script/guides/bound) says they "gain a few special privileges over the
 * parent file"; the plain statement found is secondary — "in spreadsheet- or document-embedded scripts, the
 * permissions for the script are the same as those for the container" (S. Gabet, Google Apps Script for
 * Beginners, ch. 6, https://www.oreilly.com/library/view/google-apps-script/9781783552177/ch06s03.html);
 * Google's own sentence was not found (unconfirmed). So an editor of the spreadsheet can rewrite the
 * settings the triggers read, or the code a trigger installed by the DSL runs as the DSL. Tests use this to
 * show what such a person can do; it is a capability check (what they could do), not code injection.
 */
import type { Workspace } from './workspace';

/** One change an editor made to the script properties outside the script, for reports. */
export interface Tampering {
  user: string;
  /** ISO time of the change (simulated clock). */
  at: string;
  /** The changes as given: a value set, or null for a deleted key. */
  changes: Record<string, string | null>;
}

export class ProjectAccess {
  /** Every change made through `setScriptPropertiesAs`, in order. */
  readonly tampering: Tampering[] = [];

  constructor(private readonly ws: Workspace) {}

  /** True exactly for the people who can edit the container spreadsheet (its owner and editors). */
  canEditScript(user: string): boolean {
    return this.ws.drive.canEdit(user, this.ws.containerId);
  }

  /** The script properties as the person sees them in the project settings (a copy; counts no call). */
  scriptPropertiesAs(user: string): Record<string, string> {
    this.requireEditor(user);
    return Object.fromEntries(this.ws.properties.scriptStore());
  }

  /**
   * The person edits the script properties in the project settings: each value is set (as a string), null
   * deletes the key. Counts no script call; recorded in `tampering`.
   */
  setScriptPropertiesAs(user: string, changes: Record<string, string | null>): void {
    this.requireEditor(user);
    const store = this.ws.properties.scriptStore();
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) store.delete(key);
      else store.set(key, String(value));
    }
    this.tampering.push({ user, at: new Date(this.ws.clock.now()).toISOString(), changes: { ...changes } });
  }

  private requireEditor(user: string): void {
    if (!this.canEditScript(user)) {
      throw new Error(
        `${user} cannot open the script project: only editors of the container spreadsheet can (emulator)`,
      );
    }
  }
}
