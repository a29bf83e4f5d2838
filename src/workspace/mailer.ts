/** Sending email through MailApp without ever losing one silently. */
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

/**
 * Sends each email after checking the remaining daily quota once (one service call for the batch, then
 * one per email). Failures are returned, never thrown, so the caller can record each unsent email as
 * pending and the retry job can send it later. Results are in the order of `emails`.
 */
export function sendEmails(emails: readonly OutgoingEmail[], senderName: string): SendResult[] {
  if (emails.length === 0) return [];
  let remaining: number;
  try {
    remaining = MailApp.getRemainingDailyQuota();
  } catch (err) {
    const reason = errorText(err);
    return emails.map(() => ({ sent: false, reason }));
  }
  const send = (to: string, email: RenderedEmail): SendResult => {
    if (remaining < 1) return { sent: false, reason: QUOTA_USED_UP };
    try {
      MailApp.sendEmail({
        to,
        subject: email.subject,
        body: email.text,
        htmlBody: email.html,
        name: senderName,
      });
      remaining -= 1;
      return { sent: true };
    } catch (err) {
      const reason = errorText(err);
      if (QUOTA_ERROR.test(reason)) {
        remaining = 0;
        return { sent: false, reason: QUOTA_USED_UP };
      }
      return { sent: false, reason };
    }
  };
  return emails.map(({ to, email, fallback }): SendResult => {
    const first = send(to, email);
    if (first.sent || fallback === undefined || !MESSAGE_LIMIT_ERROR.test(first.reason)) return first;
    const second = send(to, fallback);
    return second.sent ? { sent: true, refused: first.reason } : second;
  });
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
