/**
 * The follow-up reminder's rules and its email. Why: a reminder must help the DSL, not drown them — at most
 * one short digest a day on school days, the most urgent first (overdue child protection, other overdue,
 * then reviews of incidents waiting on an outside agency), the Chair of Governors at most weekly, and
 * nothing in it but IDs, statuses, ages and links (content-free, as every alert).
 */
import type { RenderedEmail } from './alert-email';
import { escapeHtml } from './html';
import { isSchoolDayIn } from './school-calendar';
import { formatDayLabel, localDateOfDayNumber, localDayNumber } from './time';
import type { Settings } from './types';

export const AWAITING_AGENCY = 'Awaiting external agency';

/** One incident in a reminder: what it is waiting for and where its record is. */
export interface ReminderItem {
  incidentId: string;
  status: string;
  childProtection: boolean;
  /** Whole days since it was submitted (NaN when undated). */
  daysOpen: number;
  registerRowUrl: string;
  /** 'overdue': past the overdue rules; 'review': awaiting an agency, its review date reached. */
  kind: 'overdue' | 'review';
  /** For a review: the local day number it was due (review date). */
  reviewDay?: number;
}

export interface ReminderGroups {
  overdueChildProtection: ReminderItem[];
  overdueOther: ReminderItem[];
  reviewsDue: ReminderItem[];
}

/**
 * How many IDs a digest lists in all, the most urgent first, before each group says "and N more" (its count
 * is always given): a reminder stays short.
 */
export const MAX_LISTED = 12;
/** The Chair of Governors is reminded at most once in this many days. */
export const CHAIR_REMINDER_INTERVAL_DAYS = 7;

/**
 * The review date (a local day number) of an incident Awaiting external agency: its own "Next review" date
 * when the register has one, else the Settings' review interval after its last update (or submission).
 */
export function reviewDayOf(
  incident: { lastUpdated: Date | null; submittedAt: Date | null; nextReview?: Date | null },
  settings: Settings,
): number | null {
  const usable = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
  if (usable(incident.nextReview)) return localDayNumber(incident.nextReview, settings.timeZone);
  const since = usable(incident.lastUpdated)
    ? incident.lastUpdated
    : usable(incident.submittedAt)
      ? incident.submittedAt
      : null;
  return since === null ? null : localDayNumber(since, settings.timeZone) + settings.agencyReviewDays;
}

/** Sorts items into the digest's three groups, most urgent first, in ID order within each. */
export function groupReminderItems(items: readonly ReminderItem[]): ReminderGroups {
  const byId = (a: ReminderItem, b: ReminderItem): number => (a.incidentId < b.incidentId ? -1 : 1);
  return {
    overdueChildProtection: items.filter((i) => i.kind === 'overdue' && i.childProtection).sort(byId),
    overdueOther: items.filter((i) => i.kind === 'overdue' && !i.childProtection).sort(byId),
    reviewsDue: items.filter((i) => i.kind === 'review').sort(byId),
  };
}

/**
 * Whether a person may be sent a reminder today: only on a school day, never twice on one day, and the
 * Chair of Governors not within a week of their last one. `lastSentDay` is the local day number of their
 * last reminder (null when never).
 */
export function mayRemindToday(
  settings: Settings,
  today: number,
  lastSentDay: number | null,
  isChair: boolean,
): boolean {
  if (!isSchoolDayIn({ terms: settings.termDates, holidays: settings.holidays }, today)) return false;
  if (lastSentDay === null) return true;
  return today - lastSentDay >= (isChair ? CHAIR_REMINDER_INTERVAL_DAYS : 1);
}

const SUBJECT_PREFIX = '[Online safety]';
const OVERDUE_REST = "see the Summary sheet's overdue follow-ups";
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function daysText(days: number): string {
  return Number.isFinite(days) ? plural(days, 'day') : 'unknown days';
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]+/g;
function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').trim();
}

function isWebUrl(url: string): boolean {
  return /^https:\/\/\S+$/.test(url.trim());
}

function detail(item: ReminderItem): string {
  if (item.kind === 'review' && item.reviewDay !== undefined) {
    return `review due ${formatDayLabel(localDateOfDayNumber(item.reviewDay))}`;
  }
  return `open ${daysText(item.daysOpen)}`;
}

interface Section {
  heading: string;
  items: ReminderItem[];
  /** Where the ones not listed are found. */
  rest: string;
}

/** The subject: counts only, e.g. "3 incidents overdue for follow-up (1 child protection), 1 review due". */
export function reminderSubject(groups: ReminderGroups): string {
  const overdue = groups.overdueChildProtection.length + groups.overdueOther.length;
  const cp = groups.overdueChildProtection.length;
  const reviews = groups.reviewsDue.length;
  const parts: string[] = [];
  if (overdue > 0) {
    parts.push(
      `${plural(overdue, 'incident')} overdue for follow-up${cp > 0 ? ` (${cp} child protection)` : ''}`,
    );
  }
  if (reviews > 0) parts.push(`${plural(reviews, 'agency review')} due`);
  return `${SUBJECT_PREFIX} ${parts.length > 0 ? parts.join(', ') : 'Nothing overdue for follow-up'}`;
}

/** The daily digest: three groups, most urgent first; at most MAX_LISTED IDs in all. */
export function renderReminderDigest(groups: ReminderGroups, settings: Settings): RenderedEmail {
  const subject = reminderSubject(groups);
  const sections: Section[] = [
    { heading: 'Overdue — child protection', items: groups.overdueChildProtection, rest: OVERDUE_REST },
    { heading: 'Overdue', items: groups.overdueOther, rest: OVERDUE_REST },
    {
      heading: 'Review due — awaiting an external agency',
      items: groups.reviewsDue,
      rest: 'filter the register by Status, Awaiting external agency',
    },
  ].filter((s) => s.items.length > 0);
  const intro =
    `Overdue: still New after the next school day, or no change for ${plural(settings.overdueDays, 'day')} or more. ` +
    `Incidents Awaiting external agency are not overdue: they are listed here once their review date comes. ` +
    `Update each record's actions and status, or close it with an outcome and rationale.`;

  const text: string[] = [intro, ''];
  const html: string[] = [`<p style="margin:0 0 12px;">${escapeHtml(intro)}</p>`];
  const cell = `padding:4px 8px;${FONT}font-size:14px;border-bottom:1px solid #e5e7eb;text-align:left;`;
  let budget = MAX_LISTED;
  for (const section of sections) {
    const shown = section.items.slice(0, budget);
    budget -= shown.length;
    const more = section.items.length - shown.length;
    text.push(`${section.heading} (${section.items.length}):`);
    for (const item of shown) {
      text.push(
        `- ${oneLine(item.incidentId)} | ${oneLine(item.status)} | ${detail(item)} | record: ${
          isWebUrl(item.registerRowUrl) ? item.registerRowUrl.trim() : 'no link'
        }`,
      );
    }
    if (more > 0) text.push(`  …and ${more} more: ${section.rest}.`);
    text.push('');

    const rows = shown
      .map((item) => {
        const link = isWebUrl(item.registerRowUrl)
          ? `<a href="${escapeHtml(item.registerRowUrl.trim())}" style="color:#1d4ed8;">Open ${escapeHtml(item.incidentId)}</a>`
          : 'no link';
        return (
          `<tr><th scope="row" style="${cell}">${escapeHtml(item.incidentId)}</th>` +
          `<td style="${cell}">${escapeHtml(item.status)}</td>` +
          `<td style="${cell}">${escapeHtml(detail(item))}</td><td style="${cell}">${link}</td></tr>`
        );
      })
      .join('');
    html.push(
      `<h2 style="margin:16px 0 6px;${FONT}font-size:16px;">${escapeHtml(section.heading)} (${section.items.length})</h2>` +
        `<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;">${rows}</table>` +
        (more > 0 ? `<p style="margin:6px 0 0;">…and ${more} more: ${escapeHtml(section.rest)}.</p>` : ''),
    );
  }
  const school = escapeHtml(settings.schoolName.trim() || 'Our school');
  const page =
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(subject)}</title></head>\n<body style="margin:0;padding:16px;background-color:#f3f4f6;">\n` +
    `<div style="max-width:600px;margin:0 auto;background-color:#ffffff;border:1px solid #d1d5db;${FONT}font-size:16px;line-height:1.5;color:#111827;">\n` +
    `<div style="padding:16px 20px;background-color:#1f2937;color:#ffffff;"><h1 style="margin:0;${FONT}font-size:20px;color:#ffffff;">Follow-ups due</h1>` +
    `<p style="margin:4px 0 0;font-size:14px;color:#e5e7eb;">${school}</p></div>\n` +
    `<div style="padding:16px 20px;">${html.join('\n')}</div>\n</div>\n</body>\n</html>\n`;
  return { subject, text: text.join('\n'), html: page };
}
