/** Sending email through MailApp without ever losing one silently. */
import type { RenderedEmail } from '../domain/alert-email';

export type SendResult = { sent: true } | { sent: false; reason: string };

/**
 * Sends one email after checking the daily quota. A failure is returned, never thrown, so the caller
 * can record the alert as pending and the retry job can send it later.
 */
export function sendEmail(to: string, email: RenderedEmail, senderName: string): SendResult {
  try {
    if (MailApp.getRemainingDailyQuota() < 1) return { sent: false, reason: 'daily mail quota used up' };
    MailApp.sendEmail({ to, subject: email.subject, body: email.text, htmlBody: email.html, name: senderName });
    return { sent: true };
  } catch (err) {
    return { sent: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
