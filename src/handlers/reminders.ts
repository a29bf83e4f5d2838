/**
 * The daily follow-up reminder: the incident IDs (never names or anything typed) of incidents still New
 * after the next school day, of open incidents with no update for the Settings' number of days, and of
 * incidents Awaiting external agency whose review date has come (listed as reviews, never as overdue), across
 * the register and both restricted files. One digest a person a day at most, on school days only (the term
 * dates and holidays in Settings), grouped most urgent first; the Chair of Governors at most weekly.
 *
 * Who is reminded of what follows who may open each file (routing's recordReaders): the DSL (or, when no
 * DSL address is usable, the deputies) for the register and the staff-allegations file, and for the
 * Headteacher-allegations file only when they are one of its readers, which they never are when they are,
 * or might be, the Headteacher. The Chair of Governors, who leads on those, is reminded of them alone. The
 * Headteacher, at most weekly, of a file no reminded lead may open: the concerns about the DSL and deputies.
 * Nobody gets an empty reminder.
 */
import { computeSummary } from '../domain/analytics';
import { makeRowReader } from '../domain/register';
import {
  AWAITING_AGENCY,
  groupReminderItems,
  mayRemindToday,
  renderReminderDigest,
  reviewDayOf,
  type ReminderItem,
} from '../domain/reminders';
import {
  isValidAddress,
  normaliseAddress,
  recordReaders,
  sameMailbox,
  type RecordFile,
  RECORD_FILES,
} from '../domain/routing';
import { isSchoolDayIn } from '../domain/school-calendar';
import { schoolDisplayName } from '../domain/settings';
import { localDayNumber, wholeDaysBetween } from '../domain/time';
import type { Incident, Settings } from '../domain/types';
import { sendEmails, type OutgoingEmail } from '../workspace/mailer';
import { rowUrl } from '../workspace/register-sheet';
import { readReminderLog, saveReminderLog } from '../workspace/reminder-log';
import { now } from '../workspace/clock';
import { runsAsRunner } from '../workspace/runner';
import { loadContext, openRecordSheet, type RunContext } from './context';

/** Daily trigger: emails each person, at most once a day on school days, their follow-ups' IDs. */
export function sendOverdueReminders(event?: unknown): void {
  const ctx = loadContext();
  if (!runsAsRunner('sendOverdueReminders', event, ctx.props)) return;
  const at = now();
  const today = localDayNumber(at, ctx.settings.timeZone);
  // Weekends, half terms and holidays: nothing is read and nobody is emailed.
  if (!isSchoolDayIn({ terms: ctx.settings.termDates, holidays: ctx.settings.holidays }, today)) return;

  const log = readReminderLog(ctx.props);
  const chair = isValidAddress(ctx.settings.chairOfGovernorsEmail)
    ? normaliseAddress(ctx.settings.chairOfGovernorsEmail)
    : '';
  const leads = leadRecipients(ctx.settings);
  const isLead = (person: string): boolean => leads.some((l) => sameMailbox(l, person));
  const due = reminderRecipients(ctx.settings).filter((person) => {
    // The Chair and the Headteacher, who are not working the register, are reminded at most weekly.
    const weekly = !isLead(person);
    return mayRemindToday(ctx.settings, today, log.get(person.toLowerCase()) ?? null, weekly);
  });
  if (due.length === 0) return;

  // Each person is reminded of the files they may open; the Headteacher only of those no lead is reminded of.
  const remindedOf = (person: string, file: RecordFile): boolean =>
    mayRead(person, file, ctx.settings) &&
    (isLead(person) ||
      (chair !== '' && sameMailbox(person, chair)) ||
      !leads.some((lead) => mayRead(lead, file, ctx.settings)));
  const files = RECORD_FILES.filter((file) => due.some((person) => remindedOf(person, file)));
  const followUps = files.map((file) => ({ file, items: followUpsIn(ctx, file, at, today) }));
  if (followUps.every((f) => f.items.length === 0)) return;

  const emails: OutgoingEmail[] = [];
  for (const person of due) {
    const items = followUps.filter((f) => remindedOf(person, f.file)).flatMap((f) => f.items);
    if (items.length > 0)
      emails.push({ to: person, email: renderReminderDigest(groupReminderItems(items), ctx.settings) });
  }
  const results = sendEmails(emails, `${schoolDisplayName(ctx.settings)} online safety`);
  let sentAny = false;
  results.forEach((result, i) => {
    const to = emails[i]?.to;
    if (result.sent && to !== undefined) {
      log.set(to.toLowerCase(), today);
      sentAny = true;
    }
  });
  if (sentAny) saveReminderLog(log);
  const failed = results.filter((r) => !r.sent).length;
  // No address or incident in the log: logs must hold no personal data.
  if (failed > 0) {
    console.warn(
      `${failed} overdue reminder(s) not sent; the next school day's reminder lists the same incidents.`,
    );
  }
}

/**
 * The follow-ups of one record file, each with a link to its row (one read of the sheet): the overdue ones
 * (the Summary sheet's own definition, so the reminder and the Summary always agree) and the incidents
 * Awaiting external agency whose review date has come.
 */
function followUpsIn(ctx: RunContext, file: RecordFile, at: Date, today: number): ReminderItem[] {
  const opened = openRecordSheet(ctx, file);
  if (!opened) return [];
  const values = opened.sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  const incidents: Incident[] = [];
  const rowOf = new Map<string, number>();
  const byId = new Map<string, Incident>();
  const readRow = makeRowReader(header, ctx.timeZone);
  for (let i = 1; i < values.length; i++) {
    const entry = readRow(values[i] ?? []);
    if (!entry) continue;
    incidents.push(entry);
    if (!rowOf.has(entry.incidentId)) {
      rowOf.set(entry.incidentId, i + 1);
      byId.set(entry.incidentId, entry);
    }
  }
  const overdue = computeSummary(incidents, ctx.settings, at).overdue;
  const reviews = incidents.filter((incident) => {
    if (incident.status !== AWAITING_AGENCY) return false;
    const reviewDay = reviewDayOf(incident, ctx.settings);
    return reviewDay !== null && reviewDay <= today;
  });
  if (overdue.length === 0 && reviews.length === 0) return [];
  // One link made with the adapter, the others by changing its row number: two calls, not two per item.
  const linkToRowOne = rowUrl(opened.ss, opened.sheet, 1);
  const linkTo = (row: number): string => `${linkToRowOne.slice(0, -1)}${row}`;
  const daysOpen = (submittedAt: Date | null): number =>
    submittedAt === null || Number.isNaN(submittedAt.getTime())
      ? Number.NaN
      : wholeDaysBetween(submittedAt, at, ctx.settings.timeZone);
  return [
    ...overdue.map((o): ReminderItem => ({
      incidentId: o.incidentId,
      status: o.status,
      childProtection: byId.get(o.incidentId)?.childProtection === true,
      daysOpen: daysOpen(o.submittedAt),
      registerRowUrl: linkTo(rowOf.get(o.incidentId) ?? 1),
      kind: 'overdue',
    })),
    ...reviews.map((r): ReminderItem => ({
      incidentId: r.incidentId,
      status: r.status,
      childProtection: r.childProtection,
      daysOpen: daysOpen(r.submittedAt),
      registerRowUrl: linkTo(rowOf.get(r.incidentId) ?? 1),
      kind: 'review',
      reviewDay: reviewDayOf(r, ctx.settings) ?? today,
    })),
  ];
}

/** The DSL, or the deputies when the DSL's address is unusable. */
function leadRecipients(settings: Settings): string[] {
  const usable = (raw: string): string[] => (isValidAddress(raw) ? [normaliseAddress(raw)] : []);
  const dsl = usable(settings.dslEmail);
  return dsl.length > 0 ? dsl : settings.deputyDslEmails.flatMap(usable);
}

/**
 * The DSL (or the deputies when the DSL's address is unusable), the Chair of Governors and the Headteacher;
 * each once.
 */
function reminderRecipients(settings: Settings): string[] {
  const usable = (raw: string): string[] => (isValidAddress(raw) ? [normaliseAddress(raw)] : []);
  const leads = leadRecipients(settings);
  const people: string[] = [];
  const others = [...usable(settings.chairOfGovernorsEmail), ...usable(settings.headteacherEmail)];
  for (const person of [...leads, ...others]) {
    if (!people.some((p) => sameMailbox(p, person))) people.push(person);
  }
  return people;
}

function mayRead(person: string, file: RecordFile, settings: Settings): boolean {
  const { readers, forbidden } = recordReaders(file, settings);
  return (
    readers.some((reader) => sameMailbox(reader, person)) && !forbidden.some((f) => sameMailbox(f, person))
  );
}
