/**
 * Sending email through MailApp without ever losing one silently: one message per address (alerts,
 * reminders: one recipient's failure never holds up another's), or one message blind-copied to many with a
 * copy each as the fallback (the weekly leadership email).
 */
import type { RenderedEmail } from '../domain/alert-email';

/** `refused`: the first email was refused by a per-message limit and the fallback was sent instead. */
export type SendResult = { sent: true; refused?: string } | { sent: false; reason: string };

export interface OutgoingEmail {
  /** One address: every alert goes to one mailbox, so one recipient's failure never holds up another's. */
  to: string;
  email: RenderedEmail;
  /**
   * A smaller email to send at once if MailApp refuses `email` by a limit on one message (body size,
   * subject length): a full-detail alert falls back to the minimal one rather than waiting for a retry
   * that would be refused the same way. One more call, only when the first send failed.
   */
  fallback?: RenderedEmail;
}

/** The reason recorded when the daily recipient quota is used up (the retry job tries again hourly). */
export const QUOTA_USED_UP = 'daily mail quota used up';

/**
 * Apps Script's text when a send goes over the daily quota ("Service invoked too many times for one day:
 * email."): after it, no further send can succeed until the quota window reopens.
 */
const QUOTA_ERROR = /too many times for one day/i;

/**
 * Apps Script's texts for a message over a per-message limit ("Limit Exceeded: Email Body Size.",
 * "Argument too large: subject"): the same message is refused every time, a smaller one may not be.
 */
const MESSAGE_LIMIT_ERROR = /limit exceeded|too large|too long/i;

/** Sends one message at a time against the quota read once for the run (see sendEmails). */
interface Sender {
  /** One message to `to` (and `bcc`, comma-separated, when given); one call. */
  send(to: string, email: RenderedEmail, bcc?: string): SendResult;
}

/** Reads the remaining daily quota (one call), or the reason it could not be read. */
function openSender(senderName: string): Sender | { failed: string } {
  let remaining: number;
  try {
    remaining = MailApp.getRemainingDailyQuota();
  } catch (err) {
    return { failed: errorText(err) };
  }
  return {
    send(to: string, email: RenderedEmail, bcc?: string): SendResult {
      // The quota counts recipients, not messages (see sendToMany).
      const count = 1 + (bcc ? bcc.split(',').length : 0);
      if (remaining < count) return { sent: false, reason: QUOTA_USED_UP };
      try {
        MailApp.sendEmail({
          to,
          ...(bcc ? { bcc } : {}),
          subject: email.subject,
          body: email.text,
          htmlBody: email.html,
          name: senderName,
        });
        remaining -= count;
        return { sent: true };
      } catch (err) {
        const reason = errorText(err);
        if (QUOTA_ERROR.test(reason)) {
          remaining = 0;
          return { sent: false, reason: QUOTA_USED_UP };
        }
        return { sent: false, reason };
      }
    },
  };
}

/**
 * Sends each email after checking the remaining daily quota once (one service call for the batch, then
 * one per email). Failures are returned, never thrown, so the caller can record each unsent email as
 * pending and the retry job can send it later. Results are in the order of `emails`.
 */
export function sendEmails(emails: readonly OutgoingEmail[], senderName: string): SendResult[] {
  if (emails.length === 0) return [];
  const sender = openSender(senderName);
  if ('failed' in sender) return emails.map(() => ({ sent: false, reason: sender.failed }));
  return emails.map(({ to, email, fallback }): SendResult => {
    const first = sender.send(to, email);
    if (first.sent || fallback === undefined || !MESSAGE_LIMIT_ERROR.test(first.reason)) return first;
    const second = sender.send(to, fallback);
    return second.sent ? { sent: true, refused: first.reason } : second;
  });
}

/**
 * The same email to every address in one message: addressed to `visibleTo` (the account sending it, which
 * may read everything it says), every address in `addresses` blind-copied, so nobody sees who else is on
 * the list and a reply-all reaches nobody else. One quota read and one send, whatever the number of
 * addresses. Results are per address, in the order of `addresses`.
 *
 * MailApp's quota counts recipients, not messages: getRemainingDailyQuota "Returns the number of recipients
 * you can send emails to for the rest of the day … Quotas are based on the number of email recipients"
 * (MailApp reference), and the quotas page's limit is "Email recipients per day". So one message to five
 * people uses five, and a message is sent whole only when the quota covers all its recipients.
 *
 * When the single message is refused — one bad address refuses the whole message — each address is sent
 * its own copy instead, as `sendEmails` does, so the others still get it and the results say which did not.
 * Not when it was refused by the quota or by a limit on the message itself: each copy would be refused the
 * same way, so every address is reported failed with that reason. When the quota left cannot cover the
 * whole message, the copies go one by one while it lasts.
 */
export function sendToMany(
  addresses: readonly string[],
  email: RenderedEmail,
  senderName: string,
  visibleTo: string,
): SendResult[] {
  if (addresses.length === 0) return [];
  const sender = openSender(senderName);
  if ('failed' in sender) return addresses.map(() => ({ sent: false, reason: sender.failed }));
  const to = visibleTo.trim();
  const blind = addresses.filter((a) => a.trim().toLowerCase() !== to.toLowerCase());
  if (to !== '' && blind.length > 0) {
    const whole = sender.send(to, email, blind.join(','));
    if (whole.sent || MESSAGE_LIMIT_ERROR.test(whole.reason)) return addresses.map(() => whole);
    // Refused otherwise (an address, the service, the quota left): a copy each, while the quota lasts.
  }
  return addresses.map((address) => sender.send(address, email));
}

/** One email; see sendEmails. */
export function sendEmail(to: string, email: RenderedEmail, senderName: string): SendResult {
  return sendEmails([{ to, email }], senderName)[0] ?? { sent: false, reason: 'not sent' };
}

/**
 * The failure in words for the row's alert log: the first line, cut short. Mail errors name addresses at
 * most, never an email's content.
 */
function errorText(err: unknown): string {
  // Read by shape, not instanceof: an error from a service may come from another realm.
  const message = typeof err === 'object' && err !== null && 'message' in err ? err.message : err;
  const text = String(message);
  const firstLine = text.split(/\r\n|\r|\n/)[0] ?? '';
  return (firstLine.length > 200 ? `${firstLine.slice(0, 200)}…` : firstLine) || 'the mail service failed';
}
