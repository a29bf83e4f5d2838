/**
 * Sending a report as an HTML email with the same HTML attached as a PDF: why — governors file the
 * termly report with their meeting papers. Apps Script converts HTML to PDF with
 * Utilities.newBlob(html, 'text/html', name).getAs('application/pdf') (emulator/blob.ts cites the
 * reference). One conversion per distinct HTML, one quota check per batch, then one send per address.
 */
import type { SendResult } from './mailer';

export interface ReportCopy {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The PDF's file name, ending .pdf. */
  pdfName: string;
}

function reasonOf(err: unknown): string {
  const message = typeof err === 'object' && err !== null && 'message' in err ? err.message : err;
  return (String(message).split(/\r\n|\r|\n/)[0] ?? '').slice(0, 200) || 'the mail service failed';
}

/** Each copy to its one address, PDF attached; failures are returned, never thrown. */
export function sendReportCopies(copies: readonly ReportCopy[], senderName: string): SendResult[] {
  if (copies.length === 0) return [];
  let remaining: number;
  try {
    remaining = MailApp.getRemainingDailyQuota();
  } catch (err) {
    return copies.map(() => ({ sent: false, reason: reasonOf(err) }));
  }
  const pdfs = new Map<string, GoogleAppsScript.Base.Blob>();
  return copies.map((copy): SendResult => {
    if (remaining < 1) return { sent: false, reason: 'daily mail quota used up' };
    try {
      let pdf = pdfs.get(copy.html);
      if (pdf === undefined) {
        const htmlName = copy.pdfName.replace(/\.pdf$/i, '.html');
        pdf = Utilities.newBlob(copy.html, 'text/html', htmlName).getAs('application/pdf');
        pdfs.set(copy.html, pdf);
      }
      MailApp.sendEmail({
        to: copy.to,
        subject: copy.subject,
        body: copy.text,
        htmlBody: copy.html,
        name: senderName,
        attachments: [pdf],
      });
      remaining -= 1;
      return { sent: true };
    } catch (err) {
      return { sent: false, reason: reasonOf(err) };
    }
  });
}
