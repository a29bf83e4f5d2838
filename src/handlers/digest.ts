/**
 * The weekly leadership email: counts only (domain/digest-email), sent by a weekly trigger on the day and
 * hour in Settings (Set up installs it), to the leadership list. A menu item sends the same email, marked
 * as a preview, to whoever clicks it and to nobody else.
 *
 * It reports the last complete Monday–Sunday week before it is sent (see `reportedWeekOf`): sent on a
 * Monday at 07:00, "last week" is the week that ended at midnight. Like the Summary, it counts the main
 * register only (see handlers/summary).
 *
 * Its figures come from the snapshot the nightly Summary rebuild keeps (domain/weekly-snapshot), so it
 * does not read the register: counts, open and overdue included, are as of that rebuild, and the email
 * says when that was. A snapshot that is missing, older than 36 hours, for another week, made with other
 * Settings or not as the rebuild wrote it is not used: the email then reads the register as before and
 * says so.
 *
 * Why one message, blind-copied: one send costs the same whatever the number of addresses (a copy each cost
 * one send per address, most of the email's time), and blind copies keep the promise a copy each kept —
 * nobody on the list sees who else is on it (a governor's own address among them), and a reply-all reaches
 * nobody. It is addressed to the account sending it (workspace/mailer `sendToMany`); when the message is
 * refused as a whole, each address gets its own copy as before, so one bad address stops nobody else.
 *
 * Settings are taken from the runner's cached copy (workspace/submit-snapshot: dropped on any Settings
 * edit and by the nightly check, six hours at most; the 03:00 rebuild refreshes it) when there is one, and
 * read from the sheet otherwise. The weekly snapshot's check compares its fingerprint with them either way.
 *
 * The audit trail's weekly anchor no longer rides on this trigger: the nightly audit check sends it
 * (handlers/audit-checks).
 */
import { computeSummary } from '../domain/analytics';
import type { RenderedEmail } from '../domain/digest-email';
import { buildDigest, renderDigestEmail, reportedWeekOf } from '../domain/digest-email';
import { schoolDisplayName } from '../domain/settings';
import { now } from '../workspace/clock';
import { sendEmail, sendToMany } from '../workspace/mailer';
import { SUMMARY_SHEET } from '../workspace/summary-sheet';
import { runnerOf, runsAsRunner } from '../workspace/runner';
import { showMessage } from '../workspace/ui';
import { readWeeklySnapshotText } from '../workspace/weekly-snapshot';
import { countsNote, readSnapshot } from '../domain/weekly-snapshot';
import { loadContext, loadContextWithKnownSettings, type RunContext } from './context';
import { MENU_NAME } from './menu';
import { readRegisterIncidents } from './summary';

export const PREVIEW_SUBJECT_PREFIX = '[Preview] ';

export interface DigestResult {
  sentTo: string[];
  subject: string;
}

/** A link to the Summary sheet (the spreadsheet itself until the first rebuild has made it). */
function summaryUrl(ctx: RunContext): string {
  const url = ctx.ss.getUrl();
  const sheet = ctx.ss.getSheetByName(SUMMARY_SHEET);
  return sheet ? `${url}#gid=${sheet.getSheetId()}` : url;
}

/** The email for the week just ended: from the nightly snapshot, or else from one read of the register. */
function composeDigest(ctx: RunContext, at: Date): RenderedEmail {
  const zone = ctx.settings.timeZone;
  const snapshot = readSnapshot(readWeeklySnapshotText(), ctx.settings, at);
  if (snapshot.ok) {
    return renderDigestEmail(snapshot.digest, ctx.settings, {
      summaryUrl: summaryUrl(ctx),
      countsNote: countsNote({ kind: 'snapshot', takenAt: snapshot.takenAt }, zone),
    });
  }
  const incidents = readRegisterIncidents(ctx);
  const weekOf = reportedWeekOf(at, zone);
  const summary = computeSummary(incidents, ctx.settings, at, { weekOf });
  const digest = buildDigest(summary, ctx.settings, at);
  return renderDigestEmail(digest, ctx.settings, {
    summaryUrl: summaryUrl(ctx),
    countsNote: countsNote({ kind: 'register', reason: snapshot.reason, at }, zone),
  });
}

function senderName(ctx: RunContext): string {
  return `${schoolDisplayName(ctx.settings)} online safety`;
}

/** Each address once, however it was capitalised in Settings. */
function uniqueAddresses(addresses: string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A failure reason fit for the execution log: addresses are personal data and are left out. */
function withoutAddresses(reason: string): string {
  return reason.replace(/[^\s@<>"',;]+@[^\s@<>"',;]+/g, '[address]');
}

/**
 * Weekly trigger. One message, every leadership address blind-copied (why: the file's head). A run that
 * cannot reach everyone fails, so Apps Script tells the trigger's owner (the DSL who ran Set up) by its
 * failure email, rather than the week passing in silence.
 */
export function sendWeeklyDigest(event?: unknown): DigestResult {
  const ctx = loadContextWithKnownSettings();
  if (!runsAsRunner('sendWeeklyDigest', event, ctx.props)) return { sentTo: [], subject: '' };
  const recipients = uniqueAddresses(ctx.settings.leadershipEmails);
  if (recipients.length === 0) {
    throw new Error('The weekly email was not sent: "Leadership emails" in the Settings sheet is empty.');
  }
  const email = composeDigest(ctx, now());
  // Addressed to the runner: the account this run has just been checked to be (runsAsRunner).
  const results = sendToMany(recipients, email, senderName(ctx), runnerOf(ctx.props));
  const sentTo: string[] = [];
  const reasons = new Set<string>();
  results.forEach((result, index) => {
    if (result.sent) sentTo.push(recipients[index] ?? '');
    else reasons.add(withoutAddresses(result.reason));
  });
  if (reasons.size > 0) {
    throw new Error(
      `The weekly email reached ${sentTo.length} of ${recipients.length} leadership addresses ` +
        `(${[...reasons].join('; ')}).`,
    );
  }
  return { sentTo, subject: email.subject };
}

/** Menu item: the weekly email as it stands now, marked as a preview, to the person who clicked. */
export function sendDigestPreview(_event?: unknown): DigestResult {
  // Sends mail from the clicker's mailbox: the runner's alone.
  if (!runsAsRunner('sendDigestPreview')) return { sentTo: [], subject: '' };
  const to = Session.getActiveUser().getEmail().trim();
  if (to === '') {
    showMessage(
      MENU_NAME,
      'Google did not say which account you are using (this happens with accounts outside the school’s ' +
        'domain), so no preview was sent. Ask the DSL to send one.',
    );
    return { sentTo: [], subject: '' };
  }
  const ctx = loadContext();
  const email = composeDigest(ctx, now());
  const preview: RenderedEmail = { ...email, subject: `${PREVIEW_SUBJECT_PREFIX}${email.subject}` };
  const result = sendEmail(to, preview, senderName(ctx));
  if (!result.sent) {
    showMessage(MENU_NAME, `The preview could not be sent: ${result.reason}. Please try again later.`);
    return { sentTo: [], subject: preview.subject };
  }
  const leadership = uniqueAddresses(ctx.settings.leadershipEmails).length;
  const hour = `${String(ctx.settings.digestHour).padStart(2, '0')}:00`;
  showMessage(
    MENU_NAME,
    `A preview of the weekly email has been sent to ${to} (only to you).\n\n` +
      (leadership === 0
        ? 'Nobody gets the weekly email yet: add addresses to "Leadership emails" in Settings.'
        : `The weekly email goes to ${leadership} leadership address${leadership === 1 ? '' : 'es'} ` +
          `every ${ctx.settings.digestDay} at about ${hour}.`),
  );
  return { sentTo: [to], subject: preview.subject };
}
