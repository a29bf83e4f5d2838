/**
 * The audit of the Settings sheet: every change recorded on the register's trail (old → new, who), and a
 * change to a routing address (DSL, deputies, Headteacher, Chair, leadership) notified at once to the DSL
 * and the Chair of Governors, content-free (domain/audit-notices).
 *
 * Why here and not only in the Settings protection: the protection keeps everyone but the runner out, but the
 * runner's own change, the spreadsheet owner's, and a script editor's (a script's writes fire no edit
 * trigger) still re-route reports. The edit trigger records what it sees as it happens; the nightly check and
 * Set up compare the sheet with the snapshot the audit keeps (a script property) and record, without a
 * name, what changed unseen.
 *
 * When the record starts: the first Set up makes the Settings sheet with defaults for the DSL to fill in;
 * the next Set up (as the guide says, run once Settings are filled in) takes what it finds as the baseline.
 * Before that the system is not yet set up, and nothing is recorded.
 */
import { formatDayMonthYear } from '../domain/cells';
import { WHO_NOT_KNOWN, type AuditEntry } from '../domain/audit';
import {
  parseSettingsSnapshot,
  renderRoutingNotice,
  routingNoticeRecipients,
  settingsChanges,
  settingsSnapshot,
  type SettingChange,
  type SettingsSnapshot,
} from '../domain/audit-notices';
import {
  readBookkeeping,
  readSettingsSnapshotText,
  saveBookkeeping,
  saveSettingsSnapshotText,
  sealOntoTrail,
  withDocumentLock,
} from '../workspace/audit-sheet';
import { now, scriptTimeZone } from '../workspace/clock';
import { sendEmails } from '../workspace/mailer';
import { SETTINGS_SHEET } from '../workspace/settings-sheet';
import { forgetSubmitSnapshot } from '../workspace/submit-snapshot';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The Settings label the school's name is under (for the notice's subject and sender). */
const SCHOOL_NAME_LABEL = 'School name';

interface Found {
  changes: SettingChange[];
  before: SettingsSnapshot;
  after: SettingsSnapshot;
}

/** Records the changes between the kept snapshot and the sheet now, under the document lock. */
function recordSettingsChanges(
  ss: Spreadsheet,
  sheet: Sheet,
  who: string,
  note: (change: SettingChange) => string,
  baselineIfMissing: boolean,
): Found | null {
  return withDocumentLock(() => {
    const { bookkeeping, anchored, store } = readBookkeeping();
    const before = parseSettingsSnapshot(readSettingsSnapshotText(store));
    const after = settingsSnapshot(sheet.getDataRange().getValues(), ss.getSpreadsheetTimeZone());
    if (!before) {
      if (baselineIfMissing) saveSettingsSnapshotText(store, JSON.stringify(after));
      return null;
    }
    const changes = settingsChanges(before, after);
    if (changes.length === 0) return null;
    const at = now();
    const entries: AuditEntry[] = changes.map((c) => ({
      time: at,
      who,
      incidentId: 'Settings',
      column: c.label,
      oldValue: c.oldValue,
      newValue: c.newValue,
      note: note(c),
    }));
    sealOntoTrail(ss, bookkeeping, anchored, entries);
    saveBookkeeping(store, bookkeeping);
    saveSettingsSnapshotText(store, JSON.stringify(after));
    return { changes, before, after };
  });
}

const ROUTING_NOTE = 'Changes who receives reports: the DSL and the Chair of Governors are emailed.';

/**
 * Tells the DSL and the Chair of a routing change. A notice that cannot be sent fails the run (after
 * everything is recorded), so Apps Script emails the runner rather than the change passing in silence.
 */
function notifyRouting(found: Found, who: string, foundBy?: string): void {
  const routing = found.changes.filter((c) => c.routing);
  if (routing.length === 0) return;
  const recipients = routingNoticeRecipients(found.before, found.after);
  if (recipients.length === 0) return;
  const school = (found.after[SCHOOL_NAME_LABEL] ?? '').trim() || 'Our school';
  const email = renderRoutingNotice(routing, {
    who,
    when: formatDayMonthYear(now(), scriptTimeZone()),
    school,
    ...(foundBy ? { foundBy } : {}),
  });
  const results = sendEmails(
    recipients.map((to) => ({ to, email })),
    `${school} online safety`,
  );
  const failed = results.filter((r) => !r.sent).length;
  if (failed > 0) {
    throw new Error(
      `The notice of a change to who receives reports reached ${results.length - failed} of ${results.length} people.`,
    );
  }
}

/** An edit of the Settings sheet (called by the container's edit trigger). */
export function onSettingsEdit(e: GoogleAppsScript.Events.SheetsOnEdit, sheet: Sheet, who: string): void {
  // The submit path's copy of Settings is dropped first, whatever the edit: the next report reads them again.
  forgetSubmitSnapshot();
  const found = recordSettingsChanges(e.source, sheet, who, (c) => (c.routing ? ROUTING_NOTE : ''), false);
  if (found) notifyRouting(found, who);
}

/**
 * Compares the Settings sheet with the audit's snapshot and records what changed unseen (no name), with a
 * notice for a routing change; takes the baseline when there is none. Returns the number of changes found.
 */
export function auditSettingsDrift(ss: Spreadsheet, foundBy: string): number {
  const sheet = ss.getSheetByName(SETTINGS_SHEET);
  if (!sheet) return 0;
  const found = recordSettingsChanges(
    ss,
    sheet,
    WHO_NOT_KNOWN,
    (c) =>
      `Found by ${foundBy}: changed without the audit trail seeing the edit (by a script, by Set up itself, or while the edit trigger was missing); who changed it is not known.` +
      (c.routing ? ` ${ROUTING_NOTE}` : ''),
    true,
  );
  if (!found) return 0;
  forgetSubmitSnapshot();
  notifyRouting(found, WHO_NOT_KNOWN, foundBy);
  return found.changes.length;
}

/**
 * Set up's part: a Settings sheet it has just made holds defaults the DSL has yet to fill in, so no baseline
 * is taken; otherwise what changed since the audit last looked is recorded, or the baseline taken.
 */
export function reviewSettingsAtSetUp(ss: Spreadsheet, settingsCreated: boolean): string[] {
  if (settingsCreated) return [];
  try {
    auditSettingsDrift(ss, 'Set up / repair');
    return [];
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [`The audit of Settings could not finish (${reason}). Run Set up / repair again.`];
  }
}
