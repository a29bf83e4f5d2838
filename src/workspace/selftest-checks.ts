/**
 * The platform self-test's checks: each a small named function that exercises one platform assumption on
 * scratch objects only — a hidden scratch sheet in the container (made for the run, deleted after it) and
 * one scratch form (made once, marked as such, reused) — and returns what it saw. A check never throws: a
 * platform error is what it saw. What each check expects, and what a difference means, is in
 * domain/selftest.ts.
 *
 * No scope is added for the self-test: everything here is SpreadsheetApp, FormApp, Utilities, Session and
 * JavaScript, which the product already uses.
 */
import type { CheckId, CheckOutcome, SelfTestStatus } from '../domain/selftest';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Form = GoogleAppsScript.Forms.Form;

/** The scratch objects a check may use (and nothing else). */
export interface Scratch {
  ss: Spreadsheet;
  sheet: Sheet;
  /** The scratch form (opened or made on first use). */
  form(): Form;
  /** Whether a check of this run has opened the scratch form. */
  formOpened(): boolean;
  /** Whether the scratch form was made unpublished (recorded when it was made: null if not known). */
  formCreatedUnpublished(): boolean | null;
}

/** Forms' newer members (publishing, verified email collection), absent from older type definitions. */
interface NewerForm {
  setPublished(enabled: boolean): Form;
  isPublished(): boolean;
  getPublishedReaders(): GoogleAppsScript.Base.User[];
  setEmailCollectionType(type: unknown): Form;
  getEmailCollectionType(): unknown;
}

interface NewerFormApp {
  EmailCollectionType?: { VERIFIED: unknown; DO_NOT_COLLECT: unknown };
}

function newer(form: Form): NewerForm {
  return form as unknown as NewerForm;
}

function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
}

function outcome(id: CheckId, status: SelfTestStatus, seen: string): CheckOutcome {
  return { id, status, seen };
}

const verdict = (ok: boolean): SelfTestStatus => (ok ? 'OK' : 'Differs');

/** A value as it reads in the Seen column: strings quoted, so a stray apostrophe or space shows. */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** '=1+1 through setValues: the value reads back as =1+1 and the cell holds no formula. */
export function checkQuotePrefix(s: Scratch): CheckOutcome {
  const cell = s.sheet.getRange(1, 1);
  cell.setValues([["'=1+1"]]);
  const value = cell.getValues()[0]?.[0];
  const formula = cell.getFormulas()[0]?.[0] ?? '';
  return outcome(
    'quotePrefix',
    verdict(value === '=1+1' && formula === ''),
    `Read back ${shown(value)}${formula ? `, a formula ${shown(formula)}` : ', no formula'}.`,
  );
}

/** =1+1 into a cell formatted as plain text: it stays the text =1+1. */
export function checkPlainTextFormat(s: Scratch): CheckOutcome {
  const cell = s.sheet.getRange(2, 1);
  cell.setNumberFormat('@');
  cell.setValues([['=1+1']]);
  const value = cell.getValues()[0]?.[0];
  const formula = cell.getFormulas()[0]?.[0] ?? '';
  return outcome(
    'plainTextFormat',
    verdict(value === '=1+1' && formula === ''),
    `Read back ${shown(value)}${formula ? `, a formula ${shown(formula)}` : ', no formula'}.`,
  );
}

const WALL = 'yyyy-MM-dd HH:mm';

/**
 * A date cell, then the spreadsheet's time zone changed and put back (in a finally, whatever happens):
 * the cell keeps its clock time, so the instant read back moves by the zones' difference.
 */
export function checkZoneChange(s: Scratch): CheckOutcome {
  const cell = s.sheet.getRange(3, 1);
  const written = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));
  const zone = s.ss.getSpreadsheetTimeZone();
  const other = zone === 'Pacific/Auckland' ? 'Europe/London' : 'Pacific/Auckland';
  cell.setValues([[written]]);
  let read: unknown;
  s.ss.setSpreadsheetTimeZone(other);
  try {
    read = cell.getValues()[0]?.[0];
  } finally {
    s.ss.setSpreadsheetTimeZone(zone);
  }
  if (!(read instanceof Date))
    return outcome('zoneChange', 'Differs', `Read back ${shown(read)}, not a date.`);
  const before = Utilities.formatDate(written, zone, WALL);
  const after = Utilities.formatDate(read, other, WALL);
  const keptClock = before === after && read.getTime() !== written.getTime();
  const keptInstant = read.getTime() === written.getTime();
  return outcome(
    'zoneChange',
    verdict(keptClock),
    `Written ${before} (${zone}); after the change to ${other} it read ${after}` +
      (keptInstant
        ? ' — the same instant, a different clock time.'
        : keptClock
          ? ' — the same clock time.'
          : '.'),
  );
}

const emailsOf = (users: GoogleAppsScript.Base.User[]): string[] =>
  users.map((u) => u.getEmail().toLowerCase()).filter((e) => e !== '');

/**
 * A new protection on a scratch cell: its editors mirror the file's until the list is changed; then only
 * the runner (and the owner, who cannot be removed) remain. With no other editor on the file the two cannot
 * be told apart: not checked.
 */
export function checkNewProtection(s: Scratch): CheckOutcome {
  const me = Session.getEffectiveUser().getEmail().toLowerCase();
  const owner = (s.ss.getOwner()?.getEmail() ?? '').toLowerCase();
  const others = emailsOf(s.ss.getEditors()).filter((e) => e !== me && e !== owner);
  const protection = s.sheet.getRange(4, 1).protect().setDescription('Online Safety self-test (scratch)');
  const before = emailsOf(protection.getEditors());
  if (others.length === 0) {
    return outcome(
      'newProtection',
      'Not checked',
      'The spreadsheet has no editor but the runner and its owner.',
    );
  }
  const mirrored = others.every((e) => before.includes(e));
  protection.removeEditors(others);
  const after = emailsOf(protection.getEditors());
  const restricted = after.every((e) => e === me || e === owner);
  return outcome(
    'newProtection',
    verdict(mirrored && restricted),
    `${others.length} other editor(s) of the file: ${before.filter((e) => others.includes(e)).length} could edit the new protection at first, ` +
      `${after.filter((e) => others.includes(e)).length} after the list was changed.`,
  );
}

/** removeEditors([]) on a new protection leaves it mirroring the file: the other editors can still edit. */
export function checkEmptyEditorRemoval(s: Scratch): CheckOutcome {
  const me = Session.getEffectiveUser().getEmail().toLowerCase();
  const owner = (s.ss.getOwner()?.getEmail() ?? '').toLowerCase();
  const others = emailsOf(s.ss.getEditors()).filter((e) => e !== me && e !== owner);
  if (others.length === 0) {
    return outcome(
      'emptyEditorRemoval',
      'Not checked',
      'The spreadsheet has no editor but the runner and its owner.',
    );
  }
  const protection = s.sheet.getRange(5, 1).protect().setDescription('Online Safety self-test (scratch)');
  protection.removeEditors([]);
  const still = emailsOf(protection.getEditors()).filter((e) => others.includes(e)).length;
  return outcome(
    'emptyEditorRemoval',
    verdict(still === others.length),
    `${others.length} other editor(s) of the file; ${still} could still edit after removing nobody.`,
  );
}

/** A mark added without a visibility on the scratch sheet is DOCUMENT's. */
export function checkMetadataVisibility(s: Scratch): CheckOutcome {
  s.sheet.addDeveloperMetadata('onlineSafety.selfTest');
  const mark = s.sheet.getDeveloperMetadata().find((m) => m.getKey() === 'onlineSafety.selfTest');
  if (!mark) return outcome('metadataVisibility', 'Differs', 'The mark could not be found again.');
  const visibility = mark.getVisibility();
  return outcome(
    'metadataVisibility',
    verdict(visibility === SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT),
    `Visibility ${String(visibility)}.`,
  );
}

/** The scratch form set to verified email collection reads it back (and is put back to collecting none). */
export function checkEmailCollection(s: Scratch): CheckOutcome {
  const types = (FormApp as unknown as NewerFormApp).EmailCollectionType;
  if (!types)
    return outcome('emailCollection', 'Differs', 'FormApp.EmailCollectionType does not exist here.');
  const form = newer(s.form());
  try {
    form.setEmailCollectionType(types.VERIFIED);
    const read = form.getEmailCollectionType();
    form.setEmailCollectionType(types.DO_NOT_COLLECT);
    return outcome(
      'emailCollection',
      verdict(read === types.VERIFIED),
      `Set VERIFIED, read back ${String(read)}.`,
    );
  } catch (err) {
    return outcome('emailCollection', 'Differs', `Setting VERIFIED failed: ${messageOf(err)}`);
  }
}

/** The scratch form was made unpublished; published, it names no responders. */
export function checkFormPublishing(s: Scratch): CheckOutcome {
  const form = newer(s.form());
  const madeUnpublished = s.formCreatedUnpublished();
  form.setPublished(true);
  const published = form.isPublished();
  const readers = form.getPublishedReaders().length;
  const made =
    madeUnpublished === null
      ? 'made before this was recorded'
      : madeUnpublished
        ? 'made unpublished'
        : 'made published';
  return outcome(
    'formPublishing',
    verdict(madeUnpublished !== false && published && readers === 0),
    `The scratch form was ${made}; after publishing, published=${String(published)}, ${readers} named responder(s).`,
  );
}

/** FIPS 180-2's "abc" and a text with accents, symbols and an emoji (its SHA-256 computed in Node). */
const DIGEST_VECTORS: ReadonlyArray<[string, string]> = [
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['Online Safety self-test: é ü ✓ 😀', '1f0a0b69767f922c42425432fde7b650fb4fc47e67584027eac9454ad23240b0'],
];

function hex(bytes: number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

/** Utilities.computeDigest(SHA_256, text, UTF_8) against known digests. */
export function checkSha256(): CheckOutcome {
  const wrong = DIGEST_VECTORS.filter(
    ([text, want]) =>
      hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)) !== want,
  );
  return outcome(
    'sha256',
    verdict(wrong.length === 0),
    wrong.length === 0
      ? `Both test texts gave the standard digest.`
      : `${wrong.length} of ${DIGEST_VECTORS.length} test texts gave another digest (the first: ${JSON.stringify(wrong[0]?.[0])}).`,
  );
}

/** Intl formats 12:00 UTC on 1 July 2026 as 13:00 in London and 00:00 in Auckland. */
export function checkIntlTimeZones(): CheckOutcome {
  const at = new Date(Date.UTC(2026, 6, 1, 12, 0, 0));
  const clock = (timeZone: string): string => {
    try {
      return new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(at);
    } catch (err) {
      return `error: ${messageOf(err)}`;
    }
  };
  const london = clock('Europe/London');
  const auckland = clock('Pacific/Auckland');
  return outcome(
    'intlTimeZones',
    verdict(london === '13:00' && auckland === '00:00'),
    `London ${london}, Auckland ${auckland}.`,
  );
}

/** In the runner's own menu run, the active user is the runner. */
export function checkActiveUser(): CheckOutcome {
  const active = Session.getActiveUser().getEmail();
  const effective = Session.getEffectiveUser().getEmail();
  const same = active !== '' && active.toLowerCase() === effective.toLowerCase();
  return outcome(
    'activeUser',
    verdict(same),
    active === '' ? 'Blank.' : same ? "The runner's own address." : 'Another address than the runner’s.',
  );
}

/** An address outside every school (a reserved domain): nobody real is ever shared with. */
export const OUTSIDE_ADDRESS = 'platform-self-test@example.com';

/** Sharing the scratch form outside the school: added (then removed at once) or refused with an error. */
export function checkRefusedShare(s: Scratch): CheckOutcome {
  const form = s.form();
  try {
    form.addEditor(OUTSIDE_ADDRESS);
  } catch (err) {
    return outcome('refusedShare', 'OK', `Refused with an error: ${messageOf(err)}`);
  }
  const listed = emailsOf(form.getEditors()).includes(OUTSIDE_ADDRESS);
  if (listed) form.removeEditor(OUTSIDE_ADDRESS);
  return outcome(
    'refusedShare',
    verdict(listed),
    listed
      ? 'Shared without error (sharing outside the school is allowed), then removed.'
      : 'No error, yet the address was not added: a refusal the system would not notice.',
  );
}

/** The checks run at once, in order; each given only the scratch objects. */
export const IMMEDIATE_RUNNERS: ReadonlyArray<[CheckId, (s: Scratch) => CheckOutcome]> = [
  ['quotePrefix', checkQuotePrefix],
  ['plainTextFormat', checkPlainTextFormat],
  ['zoneChange', checkZoneChange],
  ['newProtection', checkNewProtection],
  ['emptyEditorRemoval', checkEmptyEditorRemoval],
  ['metadataVisibility', checkMetadataVisibility],
  ['emailCollection', checkEmailCollection],
  ['formPublishing', checkFormPublishing],
  ['sha256', checkSha256],
  ['intlTimeZones', checkIntlTimeZones],
  ['activeUser', checkActiveUser],
  ['refusedShare', checkRefusedShare],
];

/** Runs one check; a check that throws saw the platform throw (its message is what it saw). */
export function runCheck(id: CheckId, run: (s: Scratch) => CheckOutcome, s: Scratch): CheckOutcome {
  try {
    return run(s);
  } catch (err) {
    return outcome(id, 'Differs', `The check stopped with an error: ${messageOf(err)}`);
  }
}
