/**
 * Renders the weekly leadership email as a picture: a school's half term of reports goes through the built
 * bundle on the emulator (test/e2e/digest-fixtures), the weekly trigger fires on Monday at 07:00, and the
 * HTML it sent is opened in headless Chromium at a mail client's width and saved to out/digest.png (with
 * the HTML and the plain-text alternative beside it).
 *
 *   npm run build && npx tsx scripts/render-digest.ts
 *
 * Needs Chromium at /usr/bin/chromium (Debian: apt-get install -y chromium). The page is loaded from a
 * string with no network, as a mail client that blocks remote content would show it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { DIGEST_TIME, schoolWithTerm } from '../test/e2e/digest-fixtures';

const OUT_DIR = path.resolve(__dirname, '..', 'out');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** A typical reading pane is a little wider than the email's 600px card. */
const VIEWPORT = { width: 680, height: 900 };

async function main(): Promise<void> {
  const { ws } = schoolWithTerm();
  ws.advanceTo(DIGEST_TIME);
  const email = ws.mail.sent.find((mail) => mail.subject.startsWith('Online safety weekly summary'));
  if (!email?.htmlBody) throw new Error('The weekly email was not sent: check the build and the trigger.');

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, 'digest.html'), email.htmlBody);
  writeFileSync(path.join(OUT_DIR, 'digest.txt'), `Subject: ${email.subject}\n\n${email.body}\n`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    // Nothing may be fetched: the email must stand on its own.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(email.htmlBody, { waitUntil: 'load' });
    const file = path.join(OUT_DIR, 'digest.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`Subject: ${email.subject}\nTo: ${email.to.join(', ')}\nWrote ${file}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
