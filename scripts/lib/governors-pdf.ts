/**
 * The demo's governors' report as a real PDF: why — the emulator keeps the HTML that Apps Script would
 * convert (emulator/blob.ts) rather than pretending to render it, so the demo renders that same HTML with
 * headless Chromium (A4, as the report's @page asks) for a person to look at its pages.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { SentEmail } from '../../emulator/mail';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

export interface GovernorsPdf {
  html: string;
  /** Null when Chromium is not installed (the HTML is still written). */
  pdf: string | null;
  pages: number | null;
  recipient: string;
}

/** The first governors' report copy with a PDF attached (the full copy when one went to `prefer`). */
export function governorsCopy(sent: readonly SentEmail[], prefer: string): SentEmail | null {
  const copies = sent.filter((m) => m.attachments?.some((a) => a.pdfFromHtml !== null));
  return copies.find((m) => m.to.includes(prefer)) ?? copies[0] ?? null;
}

export async function writeGovernorsPdf(out: string, mail: SentEmail): Promise<GovernorsPdf> {
  const source = mail.attachments?.find((a) => a.pdfFromHtml !== null)?.pdfFromHtml ?? '';
  const html = path.join(out, 'governors-report.html');
  writeFileSync(html, source);
  if (!existsSync(CHROMIUM)) return { html, pdf: null, pages: null, recipient: mail.to.join(', ') };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(source, { waitUntil: 'load' });
    const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdf = path.join(out, 'governors-report.pdf');
    writeFileSync(pdf, bytes);
    // Each page object is "/Type /Page" (the page tree is "/Type /Pages").
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    return { html, pdf, pages, recipient: mail.to.join(', ') };
  } finally {
    await browser.close();
  }
}
