/**
 * The alert email for one recipient of a plan, and the overdue-follow-up reminder.
 *
 * Content-light by design: a minimal alert says which incident, what kind, when, who reported it and where
 * the record is, and nothing a forwarded or shoulder-read email should not show. Subjects never carry a
 * pupil's name or any text a person typed beyond the incident ID. Every value that came from a person goes
 * through escapeHtml in the HTML version; the text version shows values as typed (plain text cannot run).
 * The HTML is table-based with inline styles, no scripts, no images, no external resources, so that it
 * reads the same in Gmail, Outlook and a phone's mail app, and with a screen reader.
 */

import { escapeHtml, escapeHtmlMultiline } from './html';
import type { AlertKind, AlertRecipient, RecipientRole, RecordFile } from './routing';
import type { Derived, IncidentReport, Settings } from './types';

export interface RenderedEmail {
  subject: string;
  /** Plain-text alternative. */
  text: string;
  html: string;
}

/** What the alert shows of an incident. `Incident` fits. */
export type AlertIncident = IncidentReport & Derived;

export interface AlertLinks {
  /** The row (or restricted record) the recipient opens; only http(s) addresses are made into links. */
  registerRowUrl: string;
  /**
   * True when the report has no row to link to because the file it belongs in does not exist yet (Set up
   * has not made it, or it was deleted): the email says so instead of pointing at a record.
   */
  recordMissing?: boolean;
}

export interface OverdueItem {
  incidentId: string;
  status: string;
  daysOpen: number;
  registerRowUrl: string;
}

const SUBJECT_PREFIX = '[Online safety]';

// ---------------------------------------------------------------------------------------------------------
// Small helpers

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** A header line must be one line: control characters (CR/LF included) become spaces. */
function oneLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

/** Only web links are made clickable; anything else (javascript:, data:, blank) is not a link. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url.trim());
}

function isUsableDate(value: Date | null | undefined): value is Date {
  return (
    value !== null && value !== undefined && typeof value.getTime === 'function' && !isNaN(value.getTime())
  );
}

/** "21 Nov 2026, 14:05" in the school's time zone; UTC (and says so) when the zone in Settings is unknown. */
export function formatDateTime(value: Date | null | undefined, timeZone: string): string {
  if (!isUsableDate(value)) return 'not given';
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(value);
  } catch {
    // An invalid time zone name throws RangeError; the time is still worth showing.
    return `${new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(value)} UTC`;
  }
}

function listOrNone(values: readonly string[], none: string): string {
  const kept = values.map((v) => v.trim()).filter((v) => v !== '');
  return kept.length > 0 ? kept.join(', ') : none;
}

function orNotGiven(value: string): string {
  return value.trim() === '' ? 'not given' : value;
}

// ---------------------------------------------------------------------------------------------------------
// What an alert says

function alertTitle(alert: AlertKind, incident: AlertIncident): string {
  switch (alert) {
    case 'child-protection':
      return 'Child-protection concern';
    case 'staff-allegation':
      return 'Allegation about a member of staff';
    case 'headteacher-allegation':
      return 'Concern about the Headteacher';
    case 'staff-low-level':
      return 'Low-level concern about a member of staff';
    case 'headteacher-low-level':
      return 'Low-level concern about the Headteacher';
    case 'staff-victim':
      return 'A member of staff harmed or targeted online';
    case 'headteacher-victim':
      return 'The Headteacher harmed or targeted online';
    case 'adult-concern':
      return incident.adultConcern === 'parent'
        ? 'Concern about a parent or carer'
        : 'Concern about an adult';
    case 'none':
      return 'Online-safety report';
  }
}

/**
 * Alerts about a school adult, whether as the subject of a concern or as the one harmed: always minimal
 * (the adult's name and what happened are employment- or HR-sensitive).
 */
function isVictim(alert: AlertKind): boolean {
  return alert === 'staff-victim' || alert === 'headteacher-victim';
}

function isAboutSchoolAdult(alert: AlertKind): boolean {
  return alert.startsWith('staff-') || alert.startsWith('headteacher-');
}

const HEADER_COLOURS: Readonly<Record<AlertKind, string>> = {
  'child-protection': '#991b1b',
  'staff-allegation': '#5b21b6',
  'headteacher-allegation': '#5b21b6',
  'staff-low-level': '#6d28d9',
  'headteacher-low-level': '#6d28d9',
  'staff-victim': '#0f766e',
  'headteacher-victim': '#0f766e',
  'adult-concern': '#1e3a8a',
  none: '#1f2937',
};

/** The next steps for this recipient, in plain words; depends on what they are told and why. */
function nextSteps(recipient: AlertRecipient): string[] {
  const roles = recipient.roles;
  const isLead = roles.includes('dsl') || roles.includes('deputy-dsl');
  const steps: string[] = [];
  switch (recipient.alert) {
    case 'headteacher-allegation':
      steps.push(
        'The Headteacher has not been told by this system. Do not tell them or discuss it with them.',
      );
      if (roles.includes('chair')) {
        steps.push(
          "Contact the Local Authority Designated Officer (LADO) within one working day, before anything else is done; the number is in the school's child protection policy and on your local authority's safeguarding pages.",
        );
      }
      if (recipient.standingInFor.includes('chair')) {
        steps.push(
          'No Chair of Governors could be emailed, so you are told instead: tell the Chair of Governors in person and contact the Local Authority Designated Officer (LADO) within one working day.',
        );
      } else if (isLead) {
        steps.push(
          'Make sure any child at risk is safe today. The Chair of Governors has been told and leads on the allegation with the LADO.',
        );
      }
      steps.push(
        'Record advice, decisions and the reasons for them in the Headteacher allegations record, which the Headteacher cannot open.',
      );
      break;
    case 'staff-allegation':
      if (roles.includes('headteacher')) {
        steps.push(
          'Do not investigate yourself and do not tell the member of staff yet. Contact the Local Authority Designated Officer (LADO) within one working day for advice before you act.',
        );
      }
      if (recipient.standingInFor.includes('headteacher')) {
        steps.push(
          'No Headteacher could be emailed, so you are told instead: pass this to the Headteacher in person today (or, if it is about them, to the Chair of Governors) and contact the LADO within one working day.',
        );
      } else if (isLead && !roles.includes('headteacher')) {
        steps.push(
          'A child may be at risk: make sure the child is safe today. The Headteacher has been told and manages the allegation with the LADO.',
        );
      }
      steps.push(`Record advice, decisions and the reasons for them in the ${staffRecordName(recipient)}.`);
      break;
    case 'headteacher-low-level':
      steps.push(
        'The Headteacher has not been told by this system. Do not discuss it with them until you have decided how to respond.',
      );
      steps.push(...lowLevelSteps('the Headteacher'));
      if (recipient.standingInFor.includes('chair')) {
        steps.push(
          'No Chair of Governors could be emailed, so you are told instead: tell the Chair in person.',
        );
      }
      steps.push(
        'Record what you decide and why in the Headteacher allegations record, which the Headteacher cannot open.',
      );
      break;
    case 'staff-low-level':
      if (recipient.standingInFor.includes('headteacher')) {
        steps.push(
          'No Headteacher could be emailed, so you are told instead: pass this to the Headteacher in person.',
        );
      }
      steps.push(...lowLevelSteps('the member of staff'));
      steps.push(`Record what you decide and why in the ${staffRecordName(recipient)}.`);
      break;
    case 'staff-victim':
    case 'headteacher-victim': {
      const pointOfContact =
        recipient.alert === 'headteacher-victim'
          ? roles.includes('chair') || recipient.standingInFor.includes('chair')
          : roles.includes('headteacher') || recipient.standingInFor.includes('headteacher');
      if (pointOfContact) {
        steps.push(...victimSteps(recipient.alert === 'headteacher-victim'));
      }
      if (recipient.standingInFor.includes('headteacher') || recipient.standingInFor.includes('chair')) {
        steps.push(
          `You are told because no ${recipient.alert === 'headteacher-victim' ? 'Chair of Governors' : 'Headteacher'} could be emailed: tell them in person.`,
        );
      }
      if (isLead) {
        steps.push(
          'The pupil who caused harm is recorded in the register: deal with them under the behaviour policy and Acceptable Use Agreement, ask them to remove the material, tell their parents or carers if it is serious or persistent, and make sure any child at risk is safe today.',
        );
      }
      break;
    }
    case 'child-protection':
    case 'adult-concern':
    case 'none':
      if (recipient.standingInFor.includes('dsl')) {
        steps.push(
          'No safeguarding lead could be emailed, so you are told instead: make sure the DSL or a deputy knows today.',
        );
      }
      steps.push(
        'Open the record today and decide what happens next. Write down each decision and why, including any decision not to refer.',
      );
      if (recipient.alert === 'child-protection') {
        steps.push('If a child is in immediate danger, call the police now.');
      }
      steps.push(
        'Never view, copy, screenshot, print or forward an image that may be a nude or semi-nude of a child: secure the device instead.',
      );
      break;
  }
  steps.push('Please do not forward this email; the record is the place for the details.');
  return steps;
}

/** A low-level concern (KCSIE Part Four): below the harm threshold, recorded, and watched for patterns. */
function lowLevelSteps(who: string): string[] {
  return [
    'This was reported as a low-level concern: conduct that is not in line with the staff code of conduct but does not meet the harm threshold. It is not an allegation.',
    `Decide how to respond, usually by speaking to ${who} about the behaviour expected, and keep the record confidential.`,
    'Look at earlier low-level concerns about the same adult: a pattern, or anything that on reading does meet the harm threshold, must be handled as an allegation.',
  ];
}

/** A member of staff (or the Headteacher) as the one harmed: the LGfL/Kent flowchart for staff as victims. */
function victimSteps(headteacher: boolean): string[] {
  const who = headteacher ? 'the Headteacher' : 'the member of staff';
  return [
    `This is not a concern about ${who}: they were harmed or targeted. Support them and tell them what the school is doing.`,
    ...(headteacher
      ? [
          'You are the single point of contact: coordinate the school’s response and the Headteacher’s support.',
        ]
      : []),
    'Keep the evidence (screenshots showing the date, time and username), use the platform’s report-abuse tools and ask for the content or account to be removed.',
    'The pupil who caused harm is recorded in the register for the DSL to deal with under the behaviour policy.',
    `Offer support, and HR advice; ${who} may also wish to take advice from their union. Consider the police for threats, harassment or a possible offence.`,
  ];
}

interface Fact {
  label: string;
  value: string;
  multiline?: boolean;
}

function minimalFacts(incident: AlertIncident, settings: Settings): Fact[] {
  return [
    { label: 'Incident', value: incident.incidentId },
    { label: 'Category', value: listOrNone(incident.categories, 'none ticked') },
    { label: 'Reported', value: formatDateTime(incident.submittedAt, settings.timeZone) },
    { label: 'Reported by', value: orNotGiven(incident.reporterEmail) },
  ];
}

/** The facts a 'full' alert adds. Never used for allegations about staff or the Headteacher. */
function fullFacts(incident: AlertIncident, settings: Settings): Fact[] {
  const facts: Fact[] = [
    { label: 'When it happened', value: formatDateTime(incident.occurredAt, settings.timeZone) },
    { label: 'Platform or app', value: orNotGiven(incident.platform) },
    { label: 'Where', value: orNotGiven(incident.location) },
    { label: 'What happened', value: orNotGiven(incident.description), multiline: true },
    { label: 'Pupils harmed', value: listOrNone(incident.pupilsHarmed, 'none named') },
    { label: 'Pupils who caused harm', value: listOrNone(incident.pupilsCausedHarm, 'none named') },
    { label: 'Other pupils or witnesses', value: listOrNone(incident.pupilsOther, 'none named') },
    { label: 'Year groups', value: listOrNone(incident.yearGroups, 'not given') },
    { label: 'Child at risk (reporter)', value: orNotGiven(incident.childAtRisk) },
  ];
  // Only a parent's details: every adult who works or volunteers in school is routed as staff (minimal).
  if (incident.adultConcern === 'parent') {
    facts.push(
      { label: 'Adult involved', value: orNotGiven(incident.adultDetails), multiline: true },
      { label: 'Instigator or target', value: orNotGiven(incident.adultRole) },
    );
  }
  facts.push(
    { label: 'Told the DSL in person', value: orNotGiven(incident.toldDslInPerson) },
    { label: 'Evidence kept', value: orNotGiven(incident.evidenceKept) },
    { label: 'Where the evidence is', value: orNotGiven(incident.evidenceWhere), multiline: true },
    { label: 'Actions already taken', value: orNotGiven(incident.actionsTaken), multiline: true },
    { label: 'Parents or carers informed', value: orNotGiven(incident.parentsInformed) },
  );
  return facts;
}

// ---------------------------------------------------------------------------------------------------------
// HTML pieces (every argument that came from a person is escaped here, not by the caller)

const FONT = 'font-family:Arial,Helvetica,sans-serif;';

function htmlDocument(
  title: string,
  headerColour: string,
  heading: string,
  schoolName: string,
  body: string,
): string {
  const school =
    schoolName.trim() === '' ? 'Online Safety Incident Log' : `Online Safety Incident Log · ${schoolName}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:0;background-color:#f3f4f6;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">',
    '<tr><td align="center" style="padding:16px;">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #d1d5db;${FONT}font-size:16px;line-height:1.5;color:#111827;">`,
    `<tr><td style="padding:16px 20px;background-color:${headerColour};color:#ffffff;">`,
    `<h1 style="margin:0;${FONT}font-size:20px;line-height:1.3;color:#ffffff;">${escapeHtml(heading)}</h1>`,
    `<p style="margin:4px 0 0;font-size:14px;color:#ffffff;">${escapeHtml(school)}</p>`,
    '</td></tr>',
    body,
    '</table>',
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}

function htmlSection(inner: string): string {
  return `<tr><td style="padding:16px 20px;">${inner}</td></tr>`;
}

function htmlFactsTable(facts: readonly Fact[], caption: string): string {
  const rows = facts.map((fact) => {
    const value = fact.multiline ? escapeHtmlMultiline(fact.value) : escapeHtml(fact.value);
    return (
      '<tr>' +
      `<th scope="row" align="left" valign="top" style="padding:6px 12px 6px 0;${FONT}font-size:14px;color:#374151;white-space:nowrap;border-bottom:1px solid #e5e7eb;">${escapeHtml(fact.label)}</th>` +
      `<td valign="top" style="padding:6px 0;${FONT}font-size:15px;color:#111827;border-bottom:1px solid #e5e7eb;">${value}</td>` +
      '</tr>'
    );
  });
  return (
    `<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;">` +
    `<caption style="text-align:left;${FONT}font-size:14px;font-weight:bold;color:#374151;padding-bottom:4px;">${escapeHtml(caption)}</caption>` +
    rows.join('') +
    '</table>'
  );
}

function htmlLink(url: string, label: string, noLink: string): string {
  if (!isWebUrl(url)) return `<p style="margin:0;">${escapeHtml(noLink)}</p>`;
  return (
    `<a href="${escapeHtml(url.trim())}" style="display:inline-block;padding:10px 16px;background-color:#1d4ed8;color:#ffffff;` +
    `text-decoration:none;border-radius:4px;font-weight:bold;${FONT}">${escapeHtml(label)}</a>`
  );
}

function htmlList(heading: string, items: readonly string[]): string {
  if (items.length === 0) return '';
  const lis = items.map((item) => `<li style="margin:0 0 6px;">${escapeHtml(item)}</li>`).join('');
  return (
    `<h2 style="margin:0 0 8px;${FONT}font-size:16px;color:#111827;">${escapeHtml(heading)}</h2>` +
    `<ul style="margin:0 0 16px;padding-left:20px;">${lis}</ul>`
  );
}

function textFacts(facts: readonly Fact[]): string[] {
  return facts.map((fact) =>
    fact.multiline && /\r|\n/.test(fact.value)
      ? `${fact.label}:\n  ${fact.value.replace(/\r\n|\r|\n/g, '\n  ')}`
      : `${fact.label}: ${fact.value}`,
  );
}

function textLink(url: string, label: string): string {
  return isWebUrl(url)
    ? `${label}: ${url.trim()}`
    : `${label}: the link is not available; open the register and find the incident ID.`;
}

// ---------------------------------------------------------------------------------------------------------
// Where the record is, for an email with no link to it

/** The record a concern about an adult in school is kept in, as the next steps name it. */
function staffRecordName(recipient: Pick<AlertRecipient, 'recordIn'>): string {
  return recipient.recordIn === 'lead-allegations'
    ? 'DSL and deputy allegations record, which no safeguarding lead but the one who runs the system can open'
    : 'staff allegations record';
}

const PLACE_NAMES: Readonly<Record<RecordFile, string>> = {
  register: "the Register sheet in the school's Online Safety Incident Log spreadsheet",
  'staff-allegations': 'the restricted Staff allegations spreadsheet',
  'lead-allegations': 'the restricted DSL and deputy allegations spreadsheet',
  'headteacher-allegations': 'the restricted Headteacher allegations spreadsheet',
};

/** Who each record is shared with (as routing's recordReaders shares them), in plain words. */
const PLACE_READERS: Readonly<Record<RecordFile, string>> = {
  register: 'the DSL and deputy DSLs',
  'staff-allegations': 'the Headteacher, the DSL and deputy DSLs',
  'lead-allegations': 'the Headteacher only (or the Chair of Governors when no Headteacher is set)',
  'headteacher-allegations': 'the Chair of Governors and the safeguarding leads who are not the Headteacher',
};

/** Whether a recipient with these roles is one the record is shared with. */
function canOpen(place: RecordFile, roles: readonly RecipientRole[]): boolean {
  const lead = roles.includes('dsl') || roles.includes('deputy-dsl');
  switch (place) {
    case 'register':
      return lead;
    case 'staff-allegations':
      return lead || roles.includes('headteacher');
    case 'lead-allegations':
      // Routing never sends these to the leads the concern may be about; the Headteacher (or the Chair in
      // their place) reads the file.
      return roles.includes('headteacher') || roles.includes('chair');
    case 'headteacher-allegations':
      // Routing never sends these alerts to the Headteacher, so every lead told may open the file.
      return lead || roles.includes('chair');
  }
}

const ASK_REPORTER = 'ask the member of staff who reported it, named above, for the details';

/**
 * What an email with no usable link says about the record, in words right for this recipient: where the
 * record is (the register, or a restricted file) and whether they can open it. A Chair of Governors or a
 * Headteacher told in place of a DSL cannot open the register, so is never told to.
 */
function withoutLink(recipient: AlertRecipient, incidentId: string, recordMissing: boolean): string {
  const place = recipient.recordIn;
  const name = PLACE_NAMES[place];
  const mayOpen = canOpen(place, recipient.roles);
  const lead = recipient.roles.includes('dsl') || recipient.roles.includes('deputy-dsl');
  if (recordMissing) {
    const start = `There is no record to open yet: ${name}, where this report belongs, has not been made.`;
    if (lead) {
      return `${start} Run Online Safety › Set up / repair in the register: it makes the file, or says why it cannot, and the report is then written there as ${incidentId}. Until then, ${ASK_REPORTER}.`;
    }
    if (mayOpen) {
      return `${start} It will be shared with you, with this report in it as ${incidentId}, once the school's set-up is finished; until then, ${ASK_REPORTER}.`;
    }
    return `${start} It is shared only with ${PLACE_READERS[place]}, so ${ASK_REPORTER}.`;
  }
  if (!mayOpen && isVictim(recipient.alert)) {
    return `The record, ${incidentId}, is kept with the pupil who caused harm in ${name}, which only ${PLACE_READERS[place]} can open: ask the DSL for what you need, or ${ASK_REPORTER}.`;
  }
  if (mayOpen) {
    const shared = lead && place === 'register' ? '' : ' (it is shared with you)';
    return `There is no link to the record in this email: open ${name}${shared} and find incident ${incidentId}.`;
  }
  return `There is no link to the record in this email, and it is kept in ${name}, which only ${PLACE_READERS[place]} can open: ${ASK_REPORTER}.`;
}

// ---------------------------------------------------------------------------------------------------------
// The alert

/**
 * The email one recipient of a plan receives. `recipient.detail` decides minimal or full, except that an
 * allegation about staff or the Headteacher is always minimal (the routing says so too; checked again
 * here because this is the last place it can be enforced).
 */
export function renderAlertEmail(
  incident: AlertIncident,
  recipient: AlertRecipient,
  settings: Settings,
  links: AlertLinks,
): RenderedEmail {
  const title = alertTitle(recipient.alert, incident);
  const incidentId = oneLine(incident.incidentId);
  const subject = oneLine(`${SUBJECT_PREFIX} ${title} ${incidentId}`);
  const full = recipient.detail === 'full' && !isAboutSchoolAdult(recipient.alert);
  const summary = minimalFacts(incident, settings);
  const details = full ? fullFacts(incident, settings) : [];
  const steps = nextSteps(recipient);
  const linkLabel = `Open the record for ${incidentId}`;
  const noLink = withoutLink(recipient, incidentId, links.recordMissing === true);
  // A Headteacher or Chair told of a member of staff harmed cannot open the register the record is in:
  // no link they cannot follow; the words say who keeps the record.
  const linkUsable =
    isWebUrl(links.registerRowUrl) &&
    !(isVictim(recipient.alert) && !canOpen(recipient.recordIn, recipient.roles));
  const rowUrl = linkUsable ? links.registerRowUrl : '';
  const intro = 'A member of staff has reported an online-safety incident that needs your attention.';
  const footer = full
    ? 'This alert includes the details of the report because Settings ask for full alerts. Keep it private.'
    : 'This alert says little on purpose: the details are in the record, which only the people who need it can open.';

  const text = [
    title,
    '',
    intro,
    '',
    ...textFacts(summary),
    ...(details.length > 0 ? ['', 'Details', ...textFacts(details)] : []),
    '',
    isWebUrl(rowUrl) ? `${linkLabel}: ${rowUrl.trim()}` : noLink,
    '',
    'Why you are receiving this',
    ...recipient.reasons.map((reason) => `- ${reason}`),
    '',
    'What to do next',
    ...steps.map((step) => `- ${step}`),
    '',
    footer,
    '',
  ].join('\n');

  const body = [
    htmlSection(
      `<p style="margin:0 0 16px;">${escapeHtml(intro)}</p>` +
        htmlFactsTable(summary, 'The incident') +
        (details.length > 0 ? `<div style="height:16px;"></div>${htmlFactsTable(details, 'Details')}` : ''),
    ),
    htmlSection(htmlLink(rowUrl, linkLabel, noLink)),
    htmlSection(
      htmlList('Why you are receiving this', recipient.reasons) + htmlList('What to do next', steps),
    ),
    `<tr><td style="padding:12px 20px;border-top:1px solid #e5e7eb;${FONT}font-size:13px;color:#4b5563;">${escapeHtml(footer)}</td></tr>`,
  ].join('\n');

  const html = htmlDocument(subject, HEADER_COLOURS[recipient.alert], title, settings.schoolName, body);
  return { subject, text, html };
}

// ---------------------------------------------------------------------------------------------------------
// The overdue reminder

function daysText(days: number): string {
  if (!Number.isFinite(days)) return 'unknown';
  const whole = Math.max(0, Math.floor(days));
  return whole === 1 ? '1 day' : `${whole} days`;
}

/** The reminder of incidents with no follow-up for too long: IDs, status and age only, no names or text. */
export function renderOverdueReminder(items: readonly OverdueItem[], settings: Settings): RenderedEmail {
  const count = items.length;
  const subject =
    count === 0
      ? `${SUBJECT_PREFIX} No incidents overdue for follow-up`
      : `${SUBJECT_PREFIX} ${count} ${count === 1 ? 'incident' : 'incidents'} overdue for follow-up`;
  const threshold = daysText(settings.overdueDays);
  const intro =
    count === 0
      ? 'No open incident is overdue for follow-up.'
      : `These open incidents are still New after the next school day, or have had no change for ${threshold} or more. Update each record's actions and status, or close it with an outcome and rationale.`;

  const text = [
    intro,
    '',
    ...items.map(
      (item) =>
        `- ${oneLine(item.incidentId)} | ${oneLine(item.status)} | open ${daysText(item.daysOpen)} | ` +
        textLink(item.registerRowUrl, 'record'),
    ),
    '',
  ].join('\n');

  const cell = `padding:6px 8px;${FONT}font-size:14px;border-bottom:1px solid #e5e7eb;text-align:left;`;
  const rows = items
    .map((item) => {
      const link = isWebUrl(item.registerRowUrl)
        ? `<a href="${escapeHtml(item.registerRowUrl.trim())}" style="color:#1d4ed8;">Open ${escapeHtml(item.incidentId)}</a>`
        : 'no link';
      return (
        '<tr>' +
        `<th scope="row" style="${cell}">${escapeHtml(item.incidentId)}</th>` +
        `<td style="${cell}">${escapeHtml(item.status)}</td>` +
        `<td style="${cell}">${escapeHtml(daysText(item.daysOpen))}</td>` +
        `<td style="${cell}">${link}</td>` +
        '</tr>'
      );
    })
    .join('');
  const table =
    count === 0
      ? ''
      : `<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;">` +
        '<tr>' +
        ['Incident', 'Status', 'Open for', 'Record']
          .map((h) => `<th scope="col" style="${cell}color:#374151;">${h}</th>`)
          .join('') +
        '</tr>' +
        rows +
        '</table>';
  const body = htmlSection(`<p style="margin:0 0 16px;">${escapeHtml(intro)}</p>${table}`);
  const html = htmlDocument(subject, HEADER_COLOURS.none, 'Overdue follow-ups', settings.schoolName, body);
  return { subject, text, html };
}
