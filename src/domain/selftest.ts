/**
 * The platform self-test's judgement, apart from Apps Script: what each check expects (the platform
 * behaviour the product and its offline emulator assume), what a difference would break and what to do,
 * how the results become the Self-test sheet, the runner's email and the health check's line, and what the
 * product adapts to on a tenant that behaves differently.
 *
 * Why: every test runs against our emulator of Apps Script; these checks are the contract between the two,
 * carried in the bundle so a school's own Google account can run them (workspace/selftest-checks.ts runs the
 * checks; handlers/selftest.ts the menu item and its follow-up run).
 */
import { escapeHtml } from './html';

export type SelfTestStatus = 'OK' | 'Differs' | 'Not checked' | 'Waiting';

/** What one check saw (a check never throws: a platform error is what it saw). */
export interface CheckOutcome {
  id: CheckId;
  status: SelfTestStatus;
  /** What the platform did, in plain words (no personal data: scratch values only). */
  seen: string;
}

/** How the product writes typed text so it is never a formula: the quote prefix, a plain-text format, or neither works. */
export type TextCellMode = 'quote' | 'format' | 'none';
/** How the form collects the reporter's address: verified collection, or the older setCollectEmail. */
export type EmailCollectionMode = 'verified' | 'legacy';

interface CheckDefinition {
  title: string;
  /** The assumption, as the product and the emulator hold it. */
  expected: string;
  /** What a difference would break. */
  breaks: string;
  /** What to do about a difference. */
  todo: string;
  /** Finished by the follow-up run a minute later (it needs a trigger to fire). */
  followUp?: true;
}

const TELL_PROJECT = 'Send the Self-test sheet to the project (see docs/deploy.md, “Platform self-test”).';

export const SELF_TEST_CHECKS = {
  quotePrefix: {
    title: 'Quote prefix keeps typed text as text',
    expected: "Text the script writes as '=1+1 reads back as the text =1+1, never a formula.",
    breaks:
      'Text staff type that starts with =, +, - or @ could become a formula in the register, or show a stray apostrophe.',
    todo:
      'New reports are now written into plain-text cells instead (when the next check is OK); other sheets ' +
      'the system writes (Settings, Summary, audit trail) may still show a leading apostrophe. ' +
      TELL_PROJECT,
  },
  plainTextFormat: {
    title: 'Plain-text cells keep typed text as text',
    expected: '=1+1 written into a cell formatted as plain text (@) reads back as the text =1+1.',
    breaks: 'The fallback for the quote prefix: without either, typed text cannot be kept safe.',
    todo: TELL_PROJECT,
  },
  zoneChange: {
    title: 'Date cells after a time-zone change',
    expected:
      "Changing the spreadsheet's time zone keeps each date cell's clock time (12:00 stays 12:00), so the instant moves.",
    breaks:
      "Dates in the register would read as different times after someone changes the spreadsheet's time zone.",
    todo: "Never change the spreadsheet's time zone (File › Settings) once reports are in. " + TELL_PROJECT,
  },
  newProtection: {
    title: 'A new protection',
    expected:
      'A new protected range lets every editor of the file edit it until its editor list is changed; then only those listed.',
    breaks:
      "The register's protected columns and the runner-only sheets could be editable by people they should not be.",
    todo:
      'Check Data › Protect sheets and ranges: each protection should name only the runner. ' + TELL_PROJECT,
  },
  emptyEditorRemoval: {
    title: 'Removing no editors from a protection',
    expected:
      'removeEditors([]) on a new protection changes nothing: every editor of the file can still edit it.',
    breaks:
      'Nothing the system does (it names the runner before removing anyone); the offline tests assume otherwise.',
    todo: TELL_PROJECT,
  },
  metadataVisibility: {
    title: 'Developer metadata visibility',
    expected: 'A mark added without a visibility is visible to the whole document (DOCUMENT).',
    breaks:
      'Nothing the system does (it always names the visibility); the offline tests assume the wrong default.',
    todo: TELL_PROJECT,
  },
  emailCollection: {
    title: 'Verified email collection',
    expected: 'FormApp.EmailCollectionType exists and a form set to VERIFIED reads back VERIFIED.',
    breaks: "The report form could not record the reporter's verified address.",
    todo:
      'Nothing: Set up / repair now uses the older "collect email addresses" setting instead. ' +
      TELL_PROJECT,
  },
  formPublishing: {
    title: 'A new form and who may respond',
    expected:
      'A form a script creates starts unpublished; once published it has no named responders unless the script adds them.',
    breaks:
      'The report form could be open to responders before Set up has finished it, or to the wrong people.',
    todo: 'Check the report form’s Publish settings by hand (who can respond). ' + TELL_PROJECT,
  },
  sha256: {
    title: 'SHA-256 digests',
    expected: 'Utilities.computeDigest(SHA_256, text, UTF_8) gives the standard SHA-256 of the text.',
    breaks: 'The audit trail’s seals would not verify: every check of the trail would report tampering.',
    todo: 'Do not rely on Verify audit trail until this is resolved. ' + TELL_PROJECT,
  },
  intlTimeZones: {
    title: 'Time zones in date formatting',
    expected:
      "JavaScript's Intl formats a time in a named zone (12:00 UTC on 1 July is 13:00 in London, 00:00 in Auckland).",
    breaks: 'Report times, school days, reminders and the weekly email would be in the wrong hour or day.',
    todo: TELL_PROJECT,
  },
  activeUser: {
    title: 'Who is running (active user)',
    expected: "Session.getActiveUser() shows the runner's own address when the runner uses the menu.",
    breaks: 'The audit trail could not say who made an edit.',
    todo: "Ask the Workspace admin whether a policy hides users' addresses from scripts. " + TELL_PROJECT,
  },
  refusedShare: {
    title: 'Sharing outside the school',
    expected:
      'Sharing the scratch form with an address outside the school either works (it is then removed) or fails with an error; never silently.',
    breaks:
      'Set up could believe the Chair of Governors has the Headteacher-allegations file when they do not.',
    todo:
      "Open the Headteacher-allegations file's Share dialog and check the Chair is listed. " + TELL_PROJECT,
  },
  scriptSubmission: {
    title: "A script's own form submission",
    expected:
      "A response the script submits itself fires no form-submit trigger (only people's submissions do).",
    breaks: 'Nothing for reports staff submit; the offline tests model script submissions wrongly.',
    todo: TELL_PROJECT,
    followUp: true,
  },
} as const satisfies Record<string, CheckDefinition>;

export type CheckId = keyof typeof SELF_TEST_CHECKS;

export const CHECK_IDS = Object.keys(SELF_TEST_CHECKS) as CheckId[];

/** The checks run at once, in the menu's run; the rest finish in the follow-up run. */
export const IMMEDIATE_CHECKS = CHECK_IDS.filter((id) => !('followUp' in SELF_TEST_CHECKS[id]));
export const FOLLOW_UP_CHECKS = CHECK_IDS.filter((id) => 'followUp' in SELF_TEST_CHECKS[id]);

/** The follow-up run waits this long for the trigger to fire. */
export const FOLLOW_UP_DELAY_MS = 60_000;

/** What the product records about the tenant (script property), read by Set up, the register writer and health. */
export interface PlatformFacts {
  /** When the last complete run finished (ms), 0 when none has. */
  checkedAt: number;
  textCells: TextCellMode;
  emailCollection: EmailCollectionMode;
  /** Checks that differ and that the product cannot adapt to (health problems until a run finds them OK). */
  unresolved: CheckId[];
  /** Checks the product adapted to. */
  adapted: CheckId[];
}

export const DEFAULT_FACTS: PlatformFacts = {
  checkedAt: 0,
  textCells: 'quote',
  emailCollection: 'verified',
  unresolved: [],
  adapted: [],
};

function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SELF_TEST_CHECKS, value);
}

/** The recorded facts, or the defaults (the emulator's model) when none are recorded or they are unreadable. */
export function parsePlatformFacts(text: string | undefined): PlatformFacts {
  if (!text) return { ...DEFAULT_FACTS };
  try {
    const raw = JSON.parse(text) as Partial<Record<keyof PlatformFacts, unknown>>;
    const textCells: TextCellMode =
      raw.textCells === 'format' || raw.textCells === 'none' ? raw.textCells : 'quote';
    return {
      checkedAt: typeof raw.checkedAt === 'number' ? raw.checkedAt : 0,
      textCells,
      emailCollection: raw.emailCollection === 'legacy' ? 'legacy' : 'verified',
      unresolved: Array.isArray(raw.unresolved) ? raw.unresolved.filter(isCheckId) : [],
      adapted: Array.isArray(raw.adapted) ? raw.adapted.filter(isCheckId) : [],
    };
  } catch {
    return { ...DEFAULT_FACTS };
  }
}

function statusOf(outcomes: readonly CheckOutcome[], id: CheckId): SelfTestStatus | undefined {
  return outcomes.find((o) => o.id === id)?.status;
}

/**
 * What the product adapts to, from a complete run: typed text in plain-text cells when the quote prefix
 * differs and plain-text cells work; the older email setting when verified collection differs. Every other
 * difference (and text that neither way keeps safe) is unresolved: a health problem until a run finds it OK.
 */
export function factsFrom(outcomes: readonly CheckOutcome[], at: number): PlatformFacts {
  const differs = (id: CheckId): boolean => statusOf(outcomes, id) === 'Differs';
  const textCells: TextCellMode = !differs('quotePrefix')
    ? 'quote'
    : differs('plainTextFormat')
      ? 'none'
      : 'format';
  const adapted: CheckId[] = [];
  const unresolved: CheckId[] = [];
  for (const o of outcomes) {
    if (o.status !== 'Differs') continue;
    const canAdapt =
      o.id === 'emailCollection' ||
      (o.id === 'quotePrefix' && textCells === 'format') ||
      (o.id === 'plainTextFormat' && textCells === 'quote');
    if (canAdapt) adapted.push(o.id);
    // The register is adapted; the other sheets the system writes still use the quote prefix: still a problem.
    if (!canAdapt || o.id === 'quotePrefix') unresolved.push(o.id);
  }
  return {
    checkedAt: at,
    textCells,
    emailCollection: differs('emailCollection') ? 'legacy' : 'verified',
    unresolved,
    adapted,
  };
}

// ---- The Self-test sheet ------------------------------------------------------------------------------

export const SELF_TEST_SHEET = 'Self-test';

export const SELF_TEST_HEADER = [
  'Check',
  'Expected (what the system assumes)',
  'Seen on this Google account',
  'Result',
  'What a difference would break',
  'What to do',
] as const;

/** The sheet's rows (header first): one per check, in the checks' order; a check not run yet is Waiting. */
export function selfTestRows(outcomes: readonly CheckOutcome[]): string[][] {
  const rows: string[][] = [[...SELF_TEST_HEADER]];
  for (const id of CHECK_IDS) {
    const def: CheckDefinition = SELF_TEST_CHECKS[id];
    const outcome = outcomes.find((o) => o.id === id);
    const status = outcome?.status ?? 'Waiting';
    const seen = outcome?.seen ?? 'Finishes in the follow-up run about a minute after the start.';
    const differs = status === 'Differs';
    rows.push([
      def.title,
      def.expected,
      seen,
      status === 'Differs' ? 'DIFFERS' : status,
      def.breaks,
      differs ? def.todo : '',
    ]);
  }
  return rows;
}

/** The line above the table: when, what it covers, and how to send it to the project. */
export function selfTestIntro(finished: boolean, when: string): string {
  return finished
    ? `Platform self-test, finished ${when}. Each row checks one thing the system assumes about Google on this account. Send this sheet to the project when a row differs (File › Download › CSV).`
    : `Platform self-test, started ${when}. The last check finishes about a minute after the start; the runner is then emailed the summary.`;
}

// ---- The runner's email -------------------------------------------------------------------------------

export interface SelfTestEmail {
  subject: string;
  text: string;
  html: string;
}

/** The summary the runner is emailed when the run is complete (no personal data: check names only). */
export function selfTestEmail(
  school: string,
  outcomes: readonly CheckOutcome[],
  sheetUrl: string,
): SelfTestEmail {
  const differing = outcomes.filter((o) => o.status === 'Differs');
  const unchecked = outcomes.filter((o) => o.status === 'Not checked');
  const ok = outcomes.filter((o) => o.status === 'OK');
  const subject =
    differing.length === 0
      ? `${school}: platform self-test — all ${ok.length} checks as expected`
      : `${school}: platform self-test — ${differing.length} difference(s) found`;
  const lines = [
    `The platform self-test has finished: ${ok.length} OK, ${differing.length} differ, ${unchecked.length} not checked.`,
    ...differing.map((o) => {
      const def: CheckDefinition = SELF_TEST_CHECKS[o.id];
      return `• ${def.title}: ${o.seen} Would break: ${def.breaks} To do: ${def.todo}`;
    }),
    ...unchecked.map((o) => `• ${SELF_TEST_CHECKS[o.id].title}: not checked (${o.seen})`),
    `The details are on the Self-test sheet: ${sheetUrl}`,
  ];
  const html = [
    `<p>${escapeHtml(lines[0] ?? '')}</p>`,
    differing.length + unchecked.length > 0
      ? `<ul>${lines
          .slice(1, -1)
          .map((l) => `<li>${escapeHtml(l.replace(/^• /, ''))}</li>`)
          .join('')}</ul>`
      : '',
    `<p><a href="${escapeHtml(sheetUrl)}">Open the Self-test sheet</a></p>`,
  ].join('');
  return { subject, text: lines.join('\n'), html };
}

/** Set up's offer, until the self-test has run once on this deployment. */
export const SELF_TEST_OFFER =
  'One more step, once: choose Online Safety › Run platform self-test. In about a minute it checks that ' +
  'Google behaves on this account as the system assumes (on scratch copies only, nothing of the school’s) ' +
  'and emails you the result.';

// ---- The health check's line --------------------------------------------------------------------------

export const SELF_TEST_HEALTH_CHECK = 'Platform self-test';

export interface SelfTestHealthLine {
  check: string;
  status: 'OK' | 'Problem' | 'Not checked';
  found: string;
  todo: string;
}

/** The health check's line: never run, every difference adapted to, or differences the system cannot adapt to. */
export function selfTestHealthLine(facts: PlatformFacts): SelfTestHealthLine {
  const check = SELF_TEST_HEALTH_CHECK;
  if (facts.checkedAt === 0) {
    return {
      check,
      status: 'Not checked',
      found: 'The platform self-test has not been run on this Google account.',
      todo: 'Choose Online Safety › Run platform self-test once (it takes about a minute).',
    };
  }
  if (facts.unresolved.length > 0) {
    const titles = facts.unresolved.map((id) => SELF_TEST_CHECKS[id].title);
    return {
      check,
      status: 'Problem',
      found:
        `Google behaves differently from what the system assumes: ${titles.join('; ')}.` +
        (facts.adapted.length > 0
          ? ` The system has adapted where it can: ${facts.adapted.map((id) => SELF_TEST_CHECKS[id].title).join('; ')}.`
          : ''),
      todo: 'See the Self-test sheet for what each difference breaks and what to do; run the self-test again once resolved.',
    };
  }
  const adapted = facts.adapted.map((id) => SELF_TEST_CHECKS[id].title);
  return {
    check,
    status: 'OK',
    found:
      adapted.length === 0
        ? 'Google behaves as the system assumes.'
        : `Google differs, and the system has adapted: ${adapted.join('; ')}.`,
    todo: '',
  };
}
