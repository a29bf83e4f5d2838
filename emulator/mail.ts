/**
 * The emulated `MailApp`: sends nothing, records every message, and enforces the limits a product
 * meets on Apps Script — the daily recipient quota, 50 recipients per message, the subject and body
 * size limits, address validation — with Apps Script's error texts. Tests can also make the next
 * send fail, as a transient mail service outage does.
 */
import { Blob } from './blob';
import { Emulated, NotEmulatedError, type Counted } from './core';
import { scriptException, signatureError } from './utilities';
import type { Clock, Workspace } from './workspace';

/** One message MailApp accepted. */
export interface SentEmail {
  /** The effective user: the account the script runs as, whose mailbox sends the message. */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  /** Simulated time of sending, ISO 8601. */
  at: string;
  /** Attached files (emulator/blob.ts): a converted PDF keeps the HTML it would be rendered from. */
  attachments?: SentAttachment[];
}

export interface SentAttachment {
  name: string | null;
  contentType: string | null;
  /** For a PDF converted from HTML, that HTML; null otherwise. */
  pdfFromHtml: string | null;
}

/** What MailApp needs from the workspace. */
export interface MailHost extends Counted, Pick<Workspace, 'activeUser'> {
  readonly clock: Pick<Clock, 'now'>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Apps Script's limit on to + cc + bcc of one message (quotas page: "Email recipients per message: 50"). */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
/** Longest subject MailApp accepts; longer ones fail with "Argument too large: subject". */
export const MAX_SUBJECT_LENGTH = 250;
/** Daily quotas above the consumer 100 mean a Workspace account, whose body limit is 400 KB, not 200 KB. */
const CONSUMER_DAILY_QUOTA = 100;

// Error texts Apps Script gives (as seen in execution logs of scripts that hit them).
const QUOTA_EXCEEDED = 'Service invoked too many times for one day: email.';
const NO_RECIPIENT = 'Failed to send email: no recipient';
const TOO_MANY_RECIPIENTS = 'Limit Exceeded: Email Recipients Per Message.';
const BODY_TOO_LARGE = 'Limit Exceeded: Email Body Size.';
const SUBJECT_TOO_LARGE = 'Argument too large: subject';
// Assumed texts, in the same form as the recipient one: the message-object form of sendEmail is
// rejected without a subject, or with neither body nor htmlBody (the positional forms always have both).
const NO_SUBJECT = 'Failed to send email: no subject';
const NO_BODY = 'Failed to send email: no body';

/** An address MailApp accepts: `local@domain.tld`, optionally as `Display Name <local@domain.tld>`. */
const ADDRESS =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const DISPLAY_NAME_FORM = /^[^<>]*<([^<>]+)>$/;

function isValidAddress(entry: string): boolean {
  const inBrackets = DISPLAY_NAME_FORM.exec(entry);
  return ADDRESS.test(inBrackets ? (inBrackets[1] ?? '').trim() : entry);
}

/**
 * Splits a comma-separated recipient list, dropping empty entries, and validates each address. One address
 * MailApp refuses refuses the whole message, the valid recipients included (**unconfirmed**: the error text
 * "Invalid email: …" is as seen in execution logs; that nothing else is sent is assumed, the cautious side).
 */
function recipients(list: string | null): string[] {
  if (list === null) return [];
  const out = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const entry of out) {
    if (!isValidAddress(entry)) throw scriptException(`Invalid email: ${entry}`);
  }
  return out;
}

/** The fields of one sendEmail call, whichever overload it used. */
interface Draft {
  to: string | null;
  cc: string | null;
  bcc: string | null;
  subject: string | null;
  body: string | null;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  attachments: unknown;
  inlineImages: unknown;
  /** The message-object overload, where subject and body are fields rather than arguments. */
  fromMessageObject: boolean;
}

function isText(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text option: absent → null; a string, number or boolean → its text (Apps Script converts them). */
function optionalText(options: Record<string, unknown>, field: string): string | null {
  const value = options[field];
  if (value === undefined || value === null) return null;
  if (isText(value)) return String(value);
  throw scriptException(`Invalid argument: ${field}`);
}

function draftFromOptions(options: Record<string, unknown>, fromMessageObject: boolean): Draft {
  return {
    to: optionalText(options, 'to'),
    cc: optionalText(options, 'cc'),
    bcc: optionalText(options, 'bcc'),
    subject: optionalText(options, 'subject'),
    body: optionalText(options, 'body'),
    htmlBody: optionalText(options, 'htmlBody'),
    name: optionalText(options, 'name'),
    replyTo: optionalText(options, 'replyTo'),
    noReply: Boolean(options.noReply),
    attachments: options.attachments,
    inlineImages: options.inlineImages,
    fromMessageObject,
  };
}

/** Picks the overload Apps Script would: by the number and kinds of the arguments given. */
function parseSendEmailArguments(given: readonly unknown[]): Draft {
  const args = [...given];
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  const [first, second, third, fourth] = args;
  if (args.length === 1 && isPlainObject(first)) return draftFromOptions(first, true);
  if (args.length === 3 && isText(first) && isText(second) && isText(third)) {
    return {
      ...draftFromOptions({}, false),
      to: String(first),
      subject: String(second),
      body: String(third),
    };
  }
  if (args.length === 4 && isText(first) && isText(second) && isText(third)) {
    if (isPlainObject(fourth)) {
      // sendEmail(recipient, subject, body, options): the options' own to/subject/body are ignored.
      return {
        ...draftFromOptions(fourth, false),
        to: String(first),
        subject: String(second),
        body: String(third),
      };
    }
    if (isText(fourth)) {
      // sendEmail(to, replyTo, subject, body)
      return {
        ...draftFromOptions({}, false),
        to: String(first),
        replyTo: String(second),
        subject: String(third),
        body: String(fourth),
      };
    }
  }
  throw signatureError('MailApp.sendEmail', args);
}

function hasContent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

export class MailStore {
  /** Every message sent, oldest first. */
  readonly sent: SentEmail[] = [];
  private remaining: number;
  /**
   * When the current quota window opened (the first send after a reset), or null when none is open.
   *
   * Day boundary modelled: Google documents that Apps Script quotas are per user and "reset 24 hours
   * after the first request" — a rolling window, not midnight in any zone. So the quota comes back in
   * full 24 hours after the first send that drew on it. A product must therefore never assume the
   * quota returns at the school's midnight; it retries later, which this model rewards.
   * (Apps Script keeps one quota per user; this emulator keeps one for the script, because the
   * product's mail is sent by triggers owned by one account, the person who ran Set up.)
   */
  private windowOpenedAt: number | null = null;
  private pendingFailure: string | null = null;
  private pendingMeanwhile: (() => void) | null = null;
  private readonly facade: MailApp;

  constructor(
    readonly ws: MailHost,
    readonly dailyQuota: number,
  ) {
    this.remaining = dailyQuota;
    this.facade = new MailApp(ws, this);
  }

  globals(): Record<string, unknown> {
    return { MailApp: this.facade };
  }

  /** The recipients left in the current quota window (test side: not counted as a call). */
  remainingQuota(): number {
    this.refreshWindow();
    return this.remaining;
  }

  /** Test side: sets the recipients left, e.g. 0 to exhaust the quota. Opens a window if none is open. */
  setRemainingQuota(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new Error('setRemainingQuota: a whole number ≥ 0');
    this.refreshWindow();
    this.remaining = n;
    this.windowOpenedAt ??= this.ws.clock.now();
  }

  /** Test side: the next send that reaches the mail service fails with this message, sending nothing. */
  failNextSend(message: string): void {
    this.pendingFailure = message;
  }

  /**
   * Test side: the next send that reaches the mail service first runs `meanwhile` (what other executions or
   * people do while the mail service is busy: Apps Script runs executions side by side), then sends.
   */
  whileNextSend(meanwhile: () => void): void {
    this.pendingMeanwhile = meanwhile;
  }

  /** The sent messages, as JSON-able copies. */
  snapshot(): SentEmail[] {
    return this.sent.map((m) => ({ ...m, to: [...m.to], cc: [...m.cc], bcc: [...m.bcc] }));
  }

  private refreshWindow(): void {
    if (this.windowOpenedAt !== null && this.ws.clock.now() >= this.windowOpenedAt + DAY_MS) {
      this.remaining = this.dailyQuota;
      this.windowOpenedAt = null;
    }
  }

  /** MailApp.sendEmail, any overload. */
  _send(args: readonly unknown[]): void {
    const draft = parseSendEmailArguments(args);
    const attachments = emulatedAttachments(draft.attachments);
    if (hasContent(draft.inlineImages)) throw new NotEmulatedError('MailApp.sendEmail inlineImages');

    const to = recipients(draft.to);
    const cc = recipients(draft.cc);
    const bcc = recipients(draft.bcc);
    const replyTo = draft.replyTo === null || draft.replyTo.trim() === '' ? null : draft.replyTo.trim();
    if (replyTo !== null && !isValidAddress(replyTo)) throw scriptException(`Invalid email: ${replyTo}`);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) throw scriptException(NO_RECIPIENT);

    if (draft.subject === null) throw scriptException(NO_SUBJECT);
    if (draft.subject.length > MAX_SUBJECT_LENGTH) throw scriptException(SUBJECT_TOO_LARGE);
    if (draft.fromMessageObject && draft.body === null && draft.htmlBody === null) {
      throw scriptException(NO_BODY);
    }
    const body = draft.body ?? '';
    const bodyLimit = (this.dailyQuota > CONSUMER_DAILY_QUOTA ? 400 : 200) * 1024;
    if (
      Buffer.byteLength(body, 'utf8') > bodyLimit ||
      Buffer.byteLength(draft.htmlBody ?? '', 'utf8') > bodyLimit
    ) {
      throw scriptException(BODY_TOO_LARGE);
    }
    if (count > MAX_RECIPIENTS_PER_MESSAGE) throw scriptException(TOO_MANY_RECIPIENTS);

    // The daily quota counts recipients, not messages: every address in to, cc and bcc draws one.
    // Reference, MailApp.getRemainingDailyQuota: "Returns the number of recipients you can send emails to
    // for the rest of the day … Quotas are based on the number of email recipients"; quotas page: "Email
    // recipients per day (for example, with MailApp)". A message needing more than is left is refused
    // whole, nothing sent (**unconfirmed**: the reference does not say whether Google sends part of it).
    this.refreshWindow();
    if (count > this.remaining) throw scriptException(QUOTA_EXCEEDED);
    if (this.pendingFailure !== null) {
      const message = this.pendingFailure;
      this.pendingFailure = null;
      throw scriptException(message);
    }

    const meanwhile = this.pendingMeanwhile;
    this.pendingMeanwhile = null;
    meanwhile?.();
    this.windowOpenedAt ??= this.ws.clock.now();
    this.remaining -= count;
    this.sent.push({
      from: this.ws.activeUser(),
      to,
      cc,
      bcc,
      subject: draft.subject,
      body,
      htmlBody: draft.htmlBody,
      name: draft.name,
      replyTo,
      noReply: draft.noReply,
      at: new Date(this.ws.clock.now()).toISOString(),
      ...(attachments.length > 0 ? { attachments } : {}),
    });
  }
}

/**
 * The attachments option: an array of blobs (reference: sendEmail(recipient, subject, body, options),
 * "attachments BlobSource[] an array of files to send with the email",
 * https://developers.google.com/apps-script/reference/mail/mail-app). Only emulated Blobs are accepted;
 * anything else (a Drive file, a chart) throws `not emulated`. The 25 MB total limit is **unconfirmed** here
 * and not modelled: a converted PDF has no size in the emulator.
 */
function emulatedAttachments(value: unknown): SentAttachment[] {
  if (!hasContent(value)) return [];
  if (!Array.isArray(value)) throw scriptException('Invalid argument: attachments');
  return value.map((item: unknown) => {
    if (!(item instanceof Blob)) throw new NotEmulatedError('MailApp.sendEmail attachments other than Blob');
    return {
      name: item.getName(),
      contentType: item.getContentType(),
      pdfFromHtml: item._source?.html ?? null,
    };
  });
}

/** The `MailApp` global. */
export class MailApp extends Emulated implements GoogleAppsScript.Mail.MailApp {
  constructor(
    ctx: Counted,
    private readonly _store: MailStore,
  ) {
    super(ctx, 'MailApp');
  }

  getRemainingDailyQuota(): number {
    return this._store.remainingQuota();
  }

  sendEmail(...args: unknown[]): void {
    this._store._send(args);
  }
}
