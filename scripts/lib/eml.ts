/**
 * The emails the emulated MailApp sent, as files a person can open: `.eml` (RFC 5322, MIME with a
 * multipart/alternative plain-text + HTML body, quoted-printable UTF-8, so any mail client shows it as the
 * recipient would have seen it) and `.html` (the HTML body, or the plain text when there is none), with an
 * index.html listing them all.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SentEmail } from '../../emulator/mail';
import { escapeHtml, escapeHtmlMultiline } from '../../src/domain/html';

const CRLF = '\r\n';

// ---- Encodings ----------------------------------------------------------------------------------------------

/** Quoted-printable (RFC 2045 §6.7) of UTF-8 text: lines of at most 76 characters, CRLF line ends. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const bytes = Buffer.from(line, 'utf8');
    const tokens: string[] = [];
    for (const byte of bytes) {
      const printable = (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32 || byte === 9;
      tokens.push(
        printable ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      );
    }
    // Whitespace at the end of a line would be lost in transport: encode it.
    const last = tokens[tokens.length - 1];
    if (last === ' ' || last === '\t') tokens[tokens.length - 1] = last === ' ' ? '=20' : '=09';
    let current = '';
    for (const token of tokens) {
      // 75 leaves room for the "=" of a soft line break.
      if (current.length + token.length > 75) {
        out.push(`${current}=`);
        current = '';
      }
      current += token;
    }
    out.push(current);
  }
  return out.join(CRLF);
}

function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** A header value as RFC 2047 encoded words when it is not plain ASCII (each word at most 75 characters). */
export function encodeHeaderText(text: string): string {
  if (isPlainAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  // Whole characters per word, so no UTF-8 sequence is split between words.
  for (const ch of text) {
    const candidate = chunk + ch;
    if (Buffer.from(candidate, 'utf8').toString('base64').length > 75 - '=?UTF-8?B??='.length) {
      words.push(chunk);
      chunk = ch;
    } else chunk = candidate;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** "Name <address>", quoting or encoding the name as needed. */
function mailbox(address: string, name: string | null): string {
  if (!name) return address;
  if (!isPlainAscii(name)) return `${encodeHeaderText(name)} <${address}>`;
  const safe = /^[A-Za-z0-9 !#$%&'*+/=?^_`{|}~-]+$/.test(name)
    ? name
    : `"${name.replace(/(["\\])/g, '\\$1')}"`;
  return `${safe} <${address}>`;
}

/** An address list header, folded after commas so no line passes 78 characters. */
function addressHeader(field: string, addresses: string[]): string {
  if (addresses.length === 0) return `${field}: undisclosed-recipients:;`;
  let line = `${field}: `;
  const lines: string[] = [];
  addresses.forEach((a, i) => {
    const piece = a + (i < addresses.length - 1 ? ',' : '');
    if (line.length + piece.length > 78 && line.trim() !== `${field}:`) {
      lines.push(line.trimEnd());
      line = ' ';
    }
    line += `${piece} `;
  });
  lines.push(line.trimEnd());
  return lines.join(CRLF);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date-time, in UTC: "Mon, 07 Sep 2026 09:00:00 +0000". */
export function rfc5322Date(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

// ---- One message --------------------------------------------------------------------------------------------

/** The sender as Apps Script shows it: the script's account, or its domain's no-reply address. */
function senderAddress(mail: SentEmail): string {
  if (!mail.noReply) return mail.from;
  return `noreply@${mail.from.slice(mail.from.lastIndexOf('@') + 1)}`;
}

/** The message as an RFC 5322 / MIME document with CRLF line ends. */
export function toEml(mail: SentEmail, index: number): string {
  const sentAt = Date.parse(mail.at);
  const headers = [
    `From: ${mailbox(senderAddress(mail), mail.name)}`,
    addressHeader('To', mail.to),
    ...(mail.cc.length > 0 ? [addressHeader('Cc', mail.cc)] : []),
    ...(mail.bcc.length > 0 ? [addressHeader('Bcc', mail.bcc)] : []),
    ...(mail.replyTo ? [`Reply-To: ${mail.replyTo}`] : []),
    `Subject: ${encodeHeaderText(mail.subject)}`,
    `Date: ${rfc5322Date(sentAt)}`,
    `Message-ID: <demo.${index}.${sentAt}@online-safety-log.invalid>`,
    'MIME-Version: 1.0',
  ];
  const textPart = [
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(mail.body),
  ].join(CRLF);
  if (mail.htmlBody === null) return [...headers, textPart, ''].join(CRLF);
  // "=_" never occurs in quoted-printable text (every "=" is followed by hex digits or a line end).
  const boundary = `=_osi_${index}_${sentAt.toString(36)}`;
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    'This is a MIME message: a plain-text and an HTML version of the same email.',
    `--${boundary}`,
    textPart,
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(mail.htmlBody),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/** The message's HTML body as a file a browser shows correctly (UTF-8 declared), or its text in a page. */
export function toHtmlFile(mail: SentEmail): string {
  if (mail.htmlBody !== null) {
    const html = mail.htmlBody;
    if (/<meta[^>]+charset/i.test(html)) return html;
    if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => `${m}<meta charset="utf-8">`);
    if (/<html[^>]*>/i.test(html))
      return html.replace(/<html[^>]*>/i, (m) => `${m}<head><meta charset="utf-8"></head>`);
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head><body>${html}</body></html>`;
  }
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8">',
    `<title>${escapeHtml(mail.subject)}</title></head><body>`,
    `<pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(mail.body)}</pre>`,
    '</body></html>',
  ].join('\n');
}

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 60).replace(/-+$/, '') || 'email';
}

export interface MailFiles {
  count: number;
  files: string[];
}

/**
 * Writes every message into `dir` (emptied first: it belongs to the demo) as NNN-subject.eml and .html,
 * and index.html.
 */
export function writeMailFiles(dir: string, mails: readonly SentEmail[], timeZone: string): MailFiles {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const rows: string[] = [];
  const when = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  mails.forEach((mail, i) => {
    const base = `${String(i + 1).padStart(3, '0')}-${slug(mail.subject)}`;
    writeFileSync(path.join(dir, `${base}.eml`), toEml(mail, i + 1));
    writeFileSync(path.join(dir, `${base}.html`), toHtmlFile(mail));
    files.push(`${base}.eml`, `${base}.html`);
    const recipients = [...mail.to, ...mail.cc.map((c) => `cc ${c}`), ...mail.bcc.map((b) => `bcc ${b}`)];
    rows.push(
      `<tr><td>${i + 1}</td><td>${escapeHtml(when.format(new Date(Date.parse(mail.at))))}</td>` +
        `<td>${escapeHtmlMultiline(recipients.join('\n'))}</td>` +
        `<td><a href="${escapeHtml(`${base}.html`)}">${escapeHtml(mail.subject)}</a></td>` +
        `<td><a href="${escapeHtml(`${base}.eml`)}">.eml</a></td></tr>`,
    );
  });
  const index = [
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Emails sent in the demo</title>',
    '<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}th{background:#1f3864;color:#fff}</style>',
    '</head><body>',
    `<h1>Emails sent in the demo (${mails.length})</h1>`,
    `<p>Times are in ${escapeHtml(timeZone)}. Open a subject to read the HTML, or the .eml in a mail client.</p>`,
    '<table><thead><tr><th>#</th><th>Sent</th><th>To</th><th>Subject</th><th>File</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></body></html>',
  ].join('\n');
  writeFileSync(path.join(dir, 'index.html'), index);
  files.push('index.html');
  return { count: mails.length, files };
}
