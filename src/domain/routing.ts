/**
 * Who is told about an incident, why, how much they may read, and where its record must live.
 *
 * Pure policy: the mail adapter sends exactly the plan's recipients, the register adapter writes the record
 * where `recordIn` says, and every problem is shown on the incident row and by Set up. The one rule that
 * overrides every other: a concern about the Headteacher never reaches an address that is the
 * Headteacher's, whatever other role that address also holds in Settings.
 */

import type { AdultConcern, AlertDetail, Derived, IncidentReport, Settings } from './types';
import { ADULT_ROLE_CHOICES, type AdultPart } from './schema';

/** The roles Settings names that can receive an alert. The leadership list never receives alerts. */
export type RecipientRole = 'dsl' | 'deputy-dsl' | 'headteacher' | 'chair';

/**
 * What kind of alert the incident raises; decides the subject line and the advice in the email.
 * - `staff-allegation` / `headteacher-allegation`: an adult may have harmed a child or poses a risk (LADO).
 * - `staff-low-level` / `headteacher-low-level`: KCSIE's low-level concern, below the harm threshold.
 * - `staff-victim` / `headteacher-victim`: the adult is the one harmed (the LGfL/Kent staff-as-victims
 *   flowchart): support them; no allegation wording.
 */
export type AlertKind =
  | 'none'
  | 'child-protection'
  | 'adult-concern'
  | 'staff-allegation'
  | 'headteacher-allegation'
  | 'staff-low-level'
  | 'headteacher-low-level'
  | 'staff-victim'
  | 'headteacher-victim';

/** Alerts about the Headteacher's own conduct: never to the Headteacher's mailbox. */
export function isAboutHeadteacher(alert: AlertKind): boolean {
  return alert === 'headteacher-allegation' || alert === 'headteacher-low-level';
}

/** Alerts whose route needs the Headteacher's address (to tell them, or to keep them out). */
export function needsHeadteacher(alert: AlertKind): boolean {
  return alert.startsWith('staff-') || alert.startsWith('headteacher-');
}

/** Alerts whose route needs the Chair of Governors' address. */
export function needsChair(alert: AlertKind): boolean {
  return alert.startsWith('headteacher-');
}

/**
 * Where the incident's record must be kept.
 * - `register`: the main Register sheet that the DSL and deputies work in.
 * - `staff-allegations`: a restricted file for concerns and allegations about staff (see recordReaders).
 * - `lead-allegations`: a restricted file for concerns about the DSL or a deputy DSL, which no safeguarding
 *   lead may open (the one who runs the system owns it: the platform cannot keep it from them).
 * - `headteacher-allegations`: a restricted file the Headteacher can never open.
 */
export type RecordFile = 'register' | 'staff-allegations' | 'lead-allegations' | 'headteacher-allegations';

/** The record files other than the register: each its own spreadsheet, shared with few. */
export type RestrictedFile = Exclude<RecordFile, 'register'>;

/** Every record file, the main register first. */
export const RECORD_FILES: readonly RecordFile[] = [
  'register',
  'staff-allegations',
  'lead-allegations',
  'headteacher-allegations',
];

/** The restricted files, in the order Set up makes them. */
export const RESTRICTED_FILES: readonly RestrictedFile[] = [
  'staff-allegations',
  'lead-allegations',
  'headteacher-allegations',
];

export const RECORD_FILE_TITLES: Readonly<Record<RecordFile, string>> = {
  register: 'Register',
  'staff-allegations': 'Staff allegations',
  'lead-allegations': 'DSL and deputy allegations',
  'headteacher-allegations': 'Headteacher allegations',
};

/** The parts of an incident routing looks at. `Incident` and `IncidentReport & Derived` both fit. */
export type RoutableIncident = Pick<
  IncidentReport & Derived,
  'adultConcern' | 'childProtection' | 'childProtectionReasons'
> &
  Partial<Pick<IncidentReport, 'adultRole'>>;

export interface AlertRecipient {
  /** The address to send to: trimmed and lower-cased. One entry per mailbox. */
  email: string;
  /** Every role that led to this address being told (a Headteacher who is also the DSL has both). */
  roles: RecipientRole[];
  /** Plain words, for the email's "why you are receiving this" and for the audit trail. */
  reasons: string[];
  /** How much the email may say. Allegation routes are always 'minimal' (see detailFor). */
  detail: AlertDetail;
  /** The plan's kind, repeated so one recipient entry can be queued and rendered on its own. */
  alert: AlertKind;
  /** Where the record is kept (the plan's), so the email can say where it is and whether they may open it. */
  recordIn: RecordFile;
  /** Roles this address is told in place of, because Settings give no usable address for them. */
  standingInFor: RecipientRole[];
}

export interface AlertPlan {
  alert: AlertKind;
  /** Empty when nobody is to be told now (no flag, no adult concern, or nobody can be told correctly). */
  recipients: AlertRecipient[];
  recordIn: RecordFile;
  /** Plain-words problems with the route for this incident, for its row; empty when all went as designed. */
  problems: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Addresses

/**
 * A deliberately simple shape check (one @, a dotted domain, no spaces or list separators). It catches
 * what people actually type wrongly in a settings cell: a name instead of an address, two addresses in
 * one cell, "Name <a@b>" forms, a missing domain.
 */
const ADDRESS_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Trimmed and lower-cased: how Settings addresses are compared and sent to. */
export function normaliseAddress(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidAddress(raw: string): boolean {
  return ADDRESS_PATTERN.test(raw.trim());
}

const CONSUMER_GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * A key that is equal for two addresses that deliver to the same mailbox, as far as can be told from the
 * text: case and surrounding spaces never matter; Google delivers `name+anything@domain` to `name@domain`;
 * consumer Gmail also ignores dots (a Chair of Governors often uses a personal address). Aliases set up
 * in the Workspace admin console cannot be seen from here, so Settings must hold each person's primary
 * address.
 */
export function mailboxKey(raw: string): string {
  const address = normaliseAddress(raw);
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (CONSUMER_GMAIL_DOMAINS.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

/** True when both addresses are non-blank and reach the same mailbox. */
export function sameMailbox(a: string, b: string): boolean {
  return a.trim() !== '' && b.trim() !== '' && mailboxKey(a) === mailboxKey(b);
}

// ---------------------------------------------------------------------------------------------------------
// The people Settings names

interface Contact {
  role: RecipientRole;
  email: string;
  key: string;
}

type Slot =
  | { state: 'valid'; contact: Contact }
  | { state: 'missing' }
  | { state: 'malformed'; typed: string; key: string };

interface Contacts {
  dsl: Slot;
  deputies: Contact[];
  malformedDeputies: string[];
  headteacher: Slot;
  chair: Slot;
}

function slot(role: RecipientRole, raw: string | undefined): Slot {
  const typed = (raw ?? '').trim();
  if (typed === '') return { state: 'missing' };
  if (!isValidAddress(typed)) return { state: 'malformed', typed, key: mailboxKey(typed) };
  return { state: 'valid', contact: { role, email: normaliseAddress(typed), key: mailboxKey(typed) } };
}

function readContacts(settings: Settings): Contacts {
  const deputies: Contact[] = [];
  const malformedDeputies: string[] = [];
  for (const raw of settings.deputyDslEmails ?? []) {
    const deputy = slot('deputy-dsl', raw);
    if (deputy.state === 'valid') deputies.push(deputy.contact);
    else if (deputy.state === 'malformed') malformedDeputies.push(deputy.typed);
  }
  return {
    dsl: slot('dsl', settings.dslEmail),
    deputies,
    malformedDeputies,
    headteacher: slot('headteacher', settings.headteacherEmail),
    chair: slot('chair', settings.chairOfGovernorsEmail),
  };
}

function validContact(s: Slot): Contact | null {
  return s.state === 'valid' ? s.contact : null;
}

/** The safeguarding leads with a usable address: the DSL first, then the deputies in Settings order. */
function safeguardingLeads(contacts: Contacts): Contact[] {
  const dsl = validContact(contacts.dsl);
  return dsl ? [dsl, ...contacts.deputies] : [...contacts.deputies];
}

/**
 * The key to keep away from concerns about the Headteacher. A malformed Headteacher address still gives a
 * key (it may differ from the real one only by a typo elsewhere, so it is compared too), but such an
 * address is not trusted to tell the Headteacher apart from anyone else (see routeHeadteacherAllegation).
 */
function headteacherKey(contacts: Contacts): string | null {
  const ht = contacts.headteacher;
  if (ht.state === 'valid') return ht.contact.key;
  if (ht.state === 'malformed') return ht.key;
  return null;
}

function isHeadteacher(contact: Contact, contacts: Contacts): boolean {
  const key = headteacherKey(contacts);
  return key !== null && contact.key === key;
}

const ROLE_NAMES: Readonly<Record<RecipientRole, string>> = {
  dsl: 'Designated Safeguarding Lead',
  'deputy-dsl': 'Deputy Designated Safeguarding Lead',
  headteacher: 'Headteacher',
  chair: 'Chair of Governors',
};

function leadsNotHeadteacher(contacts: Contacts): Contact[] {
  return safeguardingLeads(contacts).filter((lead) => !isHeadteacher(lead, contacts));
}

// ---------------------------------------------------------------------------------------------------------
// Building a plan

class PlanBuilder {
  private readonly byKey = new Map<string, AlertRecipient>();
  readonly problems: string[] = [];

  constructor(
    private readonly alert: AlertKind,
    private readonly detail: AlertDetail,
    private readonly recordIn: RecordFile,
  ) {}

  tell(contact: Contact, reason: string, standingInFor?: RecipientRole): void {
    let recipient = this.byKey.get(contact.key);
    if (!recipient) {
      recipient = {
        email: contact.email,
        roles: [],
        reasons: [],
        detail: this.detail,
        alert: this.alert,
        recordIn: this.recordIn,
        standingInFor: [],
      };
      this.byKey.set(contact.key, recipient);
    }
    if (!recipient.roles.includes(contact.role)) recipient.roles.push(contact.role);
    if (!recipient.reasons.includes(reason)) recipient.reasons.push(reason);
    if (standingInFor && !recipient.standingInFor.includes(standingInFor)) {
      recipient.standingInFor.push(standingInFor);
    }
  }

  problem(text: string): void {
    if (!this.problems.includes(text)) this.problems.push(text);
  }

  recipients(exclude: ReadonlySet<string>): AlertRecipient[] {
    return [...this.byKey.entries()].filter(([key]) => !exclude.has(key)).map(([, recipient]) => recipient);
  }
}

/**
 * How much the email may say. Allegation routes are always 'minimal', whatever Settings say: what is
 * alleged against an adult is employment-sensitive, the recipients (Headteacher, Chair, often a personal
 * mailbox) read it outside the restricted file, and an email can be forwarded; the record itself is one
 * click away for those who may open it. Otherwise the DSL's setting applies, 'minimal' unless it is 'full'.
 */
function detailFor(route: Route, settings: Settings): AlertDetail {
  // A member of staff who was harmed is named in the report: their name is theirs to share, not an email's.
  if (route.recordIn !== 'register' || route.subject !== null) return 'minimal';
  return settings.alertDetail === 'full' ? 'full' : 'minimal';
}

function slotProblem(slotValue: Slot, role: RecipientRole): string {
  const name = ROLE_NAMES[role];
  if (slotValue.state === 'malformed')
    return `The ${name} address in Settings ("${slotValue.typed}") is not a valid email address`;
  return `No ${name} address is set in Settings`;
}

function cpReason(role: RecipientRole, incident: RoutableIncident): string {
  return `${ROLE_NAMES[role]}: the report was flagged as a child-protection concern${cpSuffix(incident)}.`;
}

function noteLeadProblems(builder: PlanBuilder, contacts: Contacts, consequence: string): void {
  if (contacts.dsl.state !== 'valid') builder.problem(`${slotProblem(contacts.dsl, 'dsl')}: ${consequence}`);
  for (const typed of contacts.malformedDeputies) {
    builder.problem(
      `A deputy DSL address in Settings ("${typed}") is not a valid email address: ${consequence}`,
    );
  }
}

/**
 * Safeguarding matters with no allegation against staff or the Headteacher: a flagged report, or a concern
 * about a parent or another adult. They go to the DSL and deputies; if none can be emailed, to the
 * Headteacher, and failing that to the Chair, so that a child at risk is never left with nobody told.
 */
function routeToSafeguardingLeads(
  builder: PlanBuilder,
  contacts: Contacts,
  incident: RoutableIncident,
  adultReason: string | null,
): void {
  const leads = safeguardingLeads(contacts);
  for (const lead of leads) {
    if (incident.childProtection) builder.tell(lead, cpReason(lead.role, incident));
    if (adultReason) builder.tell(lead, `${ROLE_NAMES[lead.role]}: ${adultReason}`);
  }
  if (leads.length > 0) {
    noteLeadProblems(builder, contacts, 'this alert went to the other safeguarding leads only.');
    return;
  }
  const headteacher = validContact(contacts.headteacher);
  const chair = validContact(contacts.chair);
  const fallback = headteacher ?? chair;
  if (fallback) {
    builder.tell(
      fallback,
      `${ROLE_NAMES[fallback.role]}: told instead because no DSL or deputy DSL has a valid address in Settings.`,
      'dsl',
    );
    builder.problem(
      `No DSL or deputy DSL has a valid address in Settings, so this alert went to the ${ROLE_NAMES[fallback.role]} instead. Set the DSL's address in Settings.`,
    );
  } else {
    builder.problem(
      'Nobody was emailed: no DSL, deputy DSL, Headteacher or Chair of Governors has a valid address in Settings. Tell the DSL in person now and fix Settings.',
    );
  }
}

/** Who an adult concern is about, as far as routing cares; null when no adult from school is involved. */
export type Subject = 'staff' | 'dsl' | 'deputy-dsl' | 'headteacher';

/** An incident's route: what kind of alert, where the record lives, whom it is about, the adult's part. */
export interface Route {
  alert: AlertKind;
  recordIn: RecordFile;
  /** The school adult concerned (as subject or as the one harmed); null for none, a parent, a pupil. */
  subject: Subject | null;
  part: AdultPart;
}

/**
 * The adult's part from the answer as stored: exact labels first, then the words, so an older or reworded
 * choice still routes. Blank, "Not sure" and anything unrecognised are an allegation, the safer side.
 */
export function adultPartOf(adultRole: string | undefined): AdultPart {
  const typed = (adultRole ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  const exact = ADULT_ROLE_CHOICES.find((c) => c.label.toLowerCase() === typed);
  if (exact) return exact.part;
  if (/low.level/.test(typed)) return 'low-level';
  if (/^harmed or targeted|\btargeted\b|\bvictim\b|the one harmed/.test(typed)) return 'harmed';
  return 'allegation';
}

/**
 * Whom the concern is about. A DSL who is also the Headteacher is the Headteacher; so is "a deputy DSL"
 * when one of the deputies is the Headteacher (the report does not say which deputy, and telling the
 * Headteacher could tell the person concerned). Other adults who work or volunteer in school are staff.
 */
function subjectOf(incident: RoutableIncident, contacts: Contacts): Subject | null {
  switch (incident.adultConcern) {
    case 'staff':
    case 'other-adult':
      return 'staff';
    case 'dsl': {
      const dsl = contacts.dsl;
      const key = dsl.state === 'valid' ? dsl.contact.key : dsl.state === 'malformed' ? dsl.key : null;
      return key !== null && key === headteacherKey(contacts) ? 'headteacher' : 'dsl';
    }
    case 'deputy-dsl':
      return contacts.deputies.some((d) => isHeadteacher(d, contacts)) ? 'headteacher' : 'deputy-dsl';
    case 'headteacher':
      return 'headteacher';
    case 'parent':
    case 'none':
      return null;
  }
}

function routeOf(incident: RoutableIncident, contacts: Contacts): Route {
  const subject = subjectOf(incident, contacts);
  const part = adultPartOf(incident.adultRole);
  if (subject === null) {
    const alert: AlertKind = incident.childProtection
      ? 'child-protection'
      : incident.adultConcern === 'parent'
        ? 'adult-concern'
        : 'none';
    // Concerns about parents are safeguarding matters the DSL handles with the rest of the register;
    // nobody who can open the register needs protecting from them, and splitting them out would hide
    // them from the patterns the summary looks for.
    return { alert, recordIn: 'register', subject, part };
  }
  const aboutHead = subject === 'headteacher';
  if (part === 'harmed') {
    // The adult is the victim, not the subject of a concern. The record is about the pupil (or other
    // person) who caused the harm and what the school does about it: that is the register's business, as
    // for any pupil's online behaviour; it keeps the pupil in the patterns and the chronology, and nothing
    // in it is about the adult's conduct, so nobody who can open the register needs to be kept out.
    return { alert: aboutHead ? 'headteacher-victim' : 'staff-victim', recordIn: 'register', subject, part };
  }
  // A low-level concern with a child at risk meets the harm threshold by the reporter's own answer (or by
  // its category): it is handled as an allegation.
  const lowLevel = part === 'low-level' && !incident.childProtection;
  if (aboutHead) {
    return {
      alert: lowLevel ? 'headteacher-low-level' : 'headteacher-allegation',
      recordIn: 'headteacher-allegations',
      subject,
      part,
    };
  }
  // A concern about the DSL or a deputy is kept from every safeguarding lead (the deputies share the
  // staff-allegations file, and "a deputy DSL" does not say which one): a file only the Headteacher reads.
  const aboutLead = subject === 'dsl' || subject === 'deputy-dsl';
  return {
    alert: lowLevel ? 'staff-low-level' : 'staff-allegation',
    recordIn: aboutLead ? 'lead-allegations' : 'staff-allegations',
    subject,
    part,
  };
}

const SUBJECT_WORDS: Readonly<Record<Subject, string>> = {
  staff: 'a member of staff or another adult working in school',
  dsl: 'the DSL',
  'deputy-dsl': 'a deputy DSL',
  headteacher: 'the Headteacher',
};

/** The addresses that belong to the person a concern is about: never told of it. */
function subjectKeys(route: Route, contacts: Contacts, concern: AdultConcern): Set<string> {
  const keys = new Set<string>();
  if (route.part === 'harmed') return keys;
  if (route.subject === 'headteacher') {
    const key = headteacherKey(contacts);
    if (key !== null) keys.add(key);
  }
  // A concern about a lead who is also the Headteacher keeps out the Headteacher and that lead (for "a
  // deputy DSL", every deputy: the report does not say which).
  if (concern === 'dsl') {
    const dsl = contacts.dsl;
    if (dsl.state === 'valid') keys.add(dsl.contact.key);
    else if (dsl.state === 'malformed') keys.add(dsl.key);
  } else if (concern === 'deputy-dsl') {
    for (const deputy of contacts.deputies) keys.add(deputy.key);
  }
  return keys;
}

/**
 * Concerns about staff, other adults in school, the DSL or a deputy, and reports of staff harmed: the
 * Headteacher; the safeguarding leads (never the person concerned) when a child may be at risk.
 */
function routeToHeadteacher(
  builder: PlanBuilder,
  contacts: Contacts,
  incident: RoutableIncident,
  route: Route,
  excluded: ReadonlySet<string>,
): void {
  const headteacher = validContact(contacts.headteacher);
  const leads = safeguardingLeads(contacts).filter((lead) => !excluded.has(lead.key));
  const who = route.subject ? SUBJECT_WORDS[route.subject] : 'an adult';
  const what =
    route.part === 'harmed'
      ? `${who} was harmed or targeted, and needs the school's support`
      : route.alert === 'staff-low-level'
        ? `the report is a low-level concern about ${who}`
        : `the report raises a concern or allegation about ${who === SUBJECT_WORDS.staff ? 'a member of staff' : who}`;
  if (headteacher) {
    builder.tell(headteacher, `Headteacher: ${what}.`);
  } else {
    // Without the Headteacher the matter still needs someone senior: the safeguarding leads (other than
    // the person concerned), who will pass it on; failing them, the Chair of Governors.
    // A concern about the DSL or a deputy goes to the Chair first: the Chair, not another lead, may open
    // the file it is kept in (recordReaders).
    const chair = [validContact(contacts.chair)].filter((c): c is Contact => !!c);
    const instead =
      route.recordIn === 'lead-allegations' && chair.length > 0 ? chair : leads.length > 0 ? leads : chair;
    for (const contact of instead) {
      builder.tell(
        contact,
        `${ROLE_NAMES[contact.role]}: told because no valid Headteacher address is set (${what}).`,
        'headteacher',
      );
    }
    const outcome =
      instead.length === 0
        ? 'nobody could be emailed'
        : `it went to the ${instead
            .map((c) => ROLE_NAMES[c.role])
            .filter(unique)
            .join(' and ')} instead`;
    const matter =
      route.part === 'harmed' ? 'this report of a member of staff harmed' : `this concern about ${who}`;
    builder.problem(
      `${slotProblem(contacts.headteacher, 'headteacher')}, so ${matter} could not go to the Headteacher: ${outcome}. Fix Settings and tell the Headteacher.`,
    );
  }
  if (incident.childProtection) {
    for (const lead of leads) builder.tell(lead, cpReason(lead.role, incident));
    if (leads.length === 0) {
      builder.problem(
        excluded.size > 0 && safeguardingLeads(contacts).length > 0
          ? `A child may be at risk, but every safeguarding lead with an address is the person this concern is about, so no safeguarding lead was emailed. The Headteacher must make sure the child is safe.`
          : 'A child may be at risk but no DSL or deputy DSL has a valid address in Settings, so no safeguarding lead was emailed. Tell the DSL in person and fix Settings.',
      );
    } else {
      noteLeadProblems(builder, contacts, 'this alert went to the other safeguarding leads only.');
    }
  }
}

/**
 * A concern about the Headteacher (allegation or low-level): the Chair of Governors, never the Headteacher;
 * the safeguarding leads who are not the Headteacher when a child may be at risk.
 */
function routeHeadteacherAllegation(
  builder: PlanBuilder,
  contacts: Contacts,
  incident: RoutableIncident,
  route: Route,
): void {
  const htKnown = contacts.headteacher.state === 'valid';
  const chair = validContact(contacts.chair);
  const chairIsHeadteacher = chair !== null && isHeadteacher(chair, contacts);
  // Safeguarding leads are told only when the Headteacher's own address is known, so that the system can
  // be sure none of them is the Headteacher; in a small school the DSL often is.
  const leads = htKnown ? leadsNotHeadteacher(contacts) : [];

  const chairUsable = chair !== null && !chairIsHeadteacher;
  const what =
    route.alert === 'headteacher-low-level'
      ? 'the report is a low-level concern about the Headteacher'
      : 'the report raises a concern or allegation about the Headteacher';
  if (chair && chairUsable) {
    builder.tell(chair, `Chair of Governors: ${what}.`);
  } else {
    for (const lead of leads) {
      builder.tell(
        lead,
        `${ROLE_NAMES[lead.role]}: told about a concern about the Headteacher because no Chair of Governors can be emailed.`,
        'chair',
      );
    }
    const cause = chairIsHeadteacher
      ? "The Chair of Governors address in Settings is the Headteacher's own address, so it was not used"
      : slotProblem(contacts.chair, 'chair');
    const outcome =
      leads.length > 0
        ? 'it went to the safeguarding leads who are not the Headteacher instead'
        : 'nobody could be emailed without telling the Headteacher';
    builder.problem(
      `${cause}: ${outcome}. Set the Chair's address in Settings and tell the Chair of Governors.`,
    );
  }

  if (incident.childProtection) {
    for (const lead of leads) {
      builder.tell(
        lead,
        `${ROLE_NAMES[lead.role]}: a child may be at risk in a concern about the Headteacher${cpSuffix(incident)}.`,
      );
    }
  }

  const leadsLeftOut = safeguardingLeads(contacts).length > 0 && (incident.childProtection || !chairUsable);
  if (!htKnown && leadsLeftOut) {
    builder.problem(
      `${slotProblem(contacts.headteacher, 'headteacher')}, so the system cannot tell whether a safeguarding lead is the Headteacher: this concern about the Headteacher was not sent to the DSL or deputies.`,
    );
  }
}

/**
 * The Headteacher harmed or targeted: the Chair of Governors is the single point of contact (the
 * flowchart's words); the safeguarding leads too when a child may be at risk. Nothing here is about the
 * Headteacher's conduct, so a lead who is the Headteacher is not left out.
 */
function routeHeadteacherVictim(builder: PlanBuilder, contacts: Contacts, incident: RoutableIncident): void {
  const chair = validContact(contacts.chair);
  const leads = safeguardingLeads(contacts);
  if (chair) {
    builder.tell(
      chair,
      'Chair of Governors: the Headteacher was harmed or targeted; you are the single point of contact for the response and their support.',
    );
  } else {
    for (const lead of leads) {
      builder.tell(
        lead,
        `${ROLE_NAMES[lead.role]}: told because no Chair of Governors can be emailed (the Headteacher was harmed or targeted).`,
        'chair',
      );
    }
    builder.problem(
      `${slotProblem(contacts.chair, 'chair')}: this report of the Headteacher harmed ${leads.length > 0 ? 'went to the safeguarding leads instead' : 'could not be emailed to anyone'}. Set the Chair's address in Settings and tell the Chair of Governors.`,
    );
  }
  if (incident.childProtection) {
    for (const lead of leads) builder.tell(lead, cpReason(lead.role, incident));
    noteLeadProblems(builder, contacts, 'this alert went to the other safeguarding leads only.');
  }
}

function cpSuffix(incident: RoutableIncident): string {
  const why = incident.childProtectionReasons.filter((r) => r.trim() !== '');
  return why.length > 0 ? ` (${why.join('; ')})` : '';
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

/**
 * The record file an incident belongs in. Settings are needed because a concern about a DSL who is also the
 * Headteacher belongs with the concerns about the Headteacher.
 */
export function recordFileFor(
  incident: Pick<IncidentReport, 'adultConcern'> & Partial<Pick<IncidentReport, 'adultRole'>>,
  settings: Settings,
): RecordFile {
  return routeFor({ ...incident, childProtection: false, childProtectionReasons: [] }, settings).recordIn;
}

/** The route of one incident: alert kind, record file, whom it is about and the adult's part. */
export function routeFor(incident: RoutableIncident, settings: Settings): Route {
  return routeOf(incident, readContacts(settings));
}

/** Decides who is told about one incident, why and how much, and where its record lives. */
export function planAlert(incident: RoutableIncident, settings: Settings): AlertPlan {
  const contacts = readContacts(settings);
  const route = routeOf(incident, contacts);
  const { alert, recordIn } = route;
  const builder = new PlanBuilder(alert, detailFor(route, settings), recordIn);
  const excluded = subjectKeys(route, contacts, incident.adultConcern);

  switch (alert) {
    case 'headteacher-allegation':
    case 'headteacher-low-level':
      routeHeadteacherAllegation(builder, contacts, incident, route);
      break;
    case 'headteacher-victim':
      routeHeadteacherVictim(builder, contacts, incident);
      break;
    case 'staff-allegation':
    case 'staff-low-level':
    case 'staff-victim':
      routeToHeadteacher(builder, contacts, incident, route, excluded);
      break;
    case 'adult-concern':
      routeToSafeguardingLeads(
        builder,
        contacts,
        incident,
        'the report raises a concern about a parent or carer.',
      );
      break;
    case 'child-protection':
      routeToSafeguardingLeads(
        builder,
        contacts,
        incident,
        incident.adultConcern === 'parent' ? 'the report raises a concern about a parent or carer.' : null,
      );
      break;
    case 'none':
      // No adult concern and no flag: nothing urgent; the DSL sees it in the register and in the reminders.
      break;
  }

  // The last guard, whatever the route above did: nothing about a person reaches their own mailbox.
  return { alert, recipients: builder.recipients(excluded), recordIn, problems: [...builder.problems] };
}

// ---------------------------------------------------------------------------------------------------------
// Set up

/** The problems with the alert routes in Settings, in plain words, for Set up and the Settings sheet. */
export function routeProblems(settings: Settings): string[] {
  const contacts = readContacts(settings);
  const problems: string[] = [];
  const leads = safeguardingLeads(contacts);

  if (contacts.dsl.state !== 'valid') {
    const next =
      leads.length > 0
        ? 'child-protection alerts go to the deputy DSLs only.'
        : validContact(contacts.headteacher)
          ? 'child-protection alerts go to the Headteacher instead, as nobody else can be emailed.'
          : validContact(contacts.chair)
            ? 'child-protection alerts go to the Chair of Governors instead, as nobody else can be emailed.'
            : 'nobody can be emailed about a child-protection concern.';
    problems.push(`${slotProblem(contacts.dsl, 'dsl')}: ${next}`);
  }
  for (const typed of contacts.malformedDeputies) {
    problems.push(
      `A deputy DSL address in Settings ("${typed}") is not a valid email address: it is not emailed.`,
    );
  }

  const ht = validContact(contacts.headteacher);
  if (!ht) {
    problems.push(
      `${slotProblem(contacts.headteacher, 'headteacher')}: concerns about staff go to the DSL and deputies instead, and concerns about the Headteacher go only to the Chair of Governors, because the system cannot tell which safeguarding lead might be the Headteacher.`,
    );
  }

  const chair = validContact(contacts.chair);
  const chairIsHeadteacher = chair !== null && isHeadteacher(chair, contacts);
  if (!chair || chairIsHeadteacher) {
    const cause = chairIsHeadteacher
      ? "The Chair of Governors address in Settings is the Headteacher's own address"
      : slotProblem(contacts.chair, 'chair');
    const fallback = ht ? leadsNotHeadteacher(contacts) : [];
    const next =
      fallback.length > 0
        ? 'concerns about the Headteacher go to the safeguarding leads who are not the Headteacher instead.'
        : 'a concern about the Headteacher cannot be emailed to anyone (it is never sent to the Headteacher).';
    problems.push(`${cause}: ${next}`);
  }

  if (ht) {
    const dsl = validContact(contacts.dsl);
    if (dsl && dsl.key === ht.key) {
      problems.push(
        'The Headteacher is also the DSL: they receive child-protection alerts and concerns about staff, but never an alert about a concern raised about the Headteacher, which goes to the Chair of Governors (and to deputy DSLs when a child may be at risk). Make sure at least one deputy DSL is someone else.',
      );
    }
    if (contacts.deputies.some((deputy) => deputy.key === ht.key)) {
      problems.push(
        'The Headteacher is also a deputy DSL: they receive child-protection alerts, but never an alert about a concern raised about the Headteacher.',
      );
    }
  }

  if (leads.length === 0 && !ht && !chair) {
    problems.push(
      'No alert can be emailed to anyone: set at least the DSL, Headteacher and Chair of Governors addresses.',
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Who may open each record file

/**
 * Who should be able to open each record file, and who must never: for the adapter that shares the files
 * and for Set up to check their sharing. Addresses are normalised; `forbidden` wins over `readers`.
 * - register: the DSL and deputies.
 * - staff-allegations: the Headteacher (who manages allegations about staff) and the DSL and deputies.
 * - lead-allegations: the Headteacher (the Chair of Governors when no Headteacher address is usable); every
 *   safeguarding lead who is not the Headteacher is forbidden. Whoever runs the system owns the file and so
 *   can open it anyway: the form says so before any detail is typed (schema's LEAD_CONCERN_WARNING).
 * - headteacher-allegations: the Chair of Governors and the safeguarding leads who are not the
 *   Headteacher; the Headteacher is forbidden, and so is everybody else when the Headteacher is unknown.
 */
export function recordReaders(
  file: RecordFile,
  settings: Settings,
): { readers: string[]; forbidden: string[] } {
  const contacts = readContacts(settings);
  const leads = safeguardingLeads(contacts);
  const ht = validContact(contacts.headteacher);
  const chair = validContact(contacts.chair);
  const emails = (list: Array<Contact | null>): string[] =>
    list
      .filter((c): c is Contact => c !== null)
      .map((c) => c.email)
      .filter(unique);

  switch (file) {
    case 'register':
      return { readers: emails(leads), forbidden: [] };
    case 'staff-allegations':
      return { readers: emails([ht, ...leads]), forbidden: [] };
    case 'lead-allegations': {
      const htKey = headteacherKey(contacts);
      const keptOut = leads.filter((lead) => lead.key !== htKey);
      const keptOutKeys = new Set(keptOut.map((lead) => lead.key));
      const reader = ht ?? (chair && !isHeadteacher(chair, contacts) ? chair : null);
      // A Chair who is also a lead is not given it (forbidden wins): nobody is, and Set up says so.
      return {
        readers: emails([reader].filter((c) => c !== null && !keptOutKeys.has(c.key))),
        forbidden: emails(keptOut),
      };
    }
    case 'headteacher-allegations': {
      const htKey = headteacherKey(contacts);
      const htSlot = contacts.headteacher;
      const forbidden =
        htSlot.state === 'valid'
          ? [htSlot.contact.email]
          : htSlot.state === 'malformed'
            ? [normaliseAddress(htSlot.typed)]
            : [];
      // Leads may read it only when the Headteacher is known, so none of them can be the Headteacher.
      const candidates = [chair, ...(htSlot.state === 'valid' ? leads : [])];
      const readers = emails(candidates.filter((c) => c !== null && c.key !== htKey));
      return { readers, forbidden };
    }
  }
}
