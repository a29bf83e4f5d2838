/**
 * The daily overdue reminder: the incident IDs (never names or anything typed) of incidents still New after
 * the next school day, and of open incidents with no update for the Settings' number of days, across the
 * register and both restricted files.
 *
 * Who is reminded of what follows who may open each file (routing's recordReaders): the DSL (or, when no
 * DSL address is usable, the deputies) for the register and the staff-allegations file, and for the
 * Headteacher-allegations file only when they are one of its readers, which they never are when they are,
 * or might be, the Headteacher. The Chair of Governors, who leads on those, is reminded of them alone.
 * Nobody gets an empty reminder.
 */
import { computeSummary } from '../domain/analytics';
import { renderOverdueReminder, type OverdueItem } from '../domain/alert-email';
import { makeRowReader } from '../domain/register';
import {
  isValidAddress,
  normaliseAddress,
  recordReaders,
  sameMailbox,
  type RecordFile,
  RECORD_FILES,
} from '../domain/routing';
import { schoolDisplayName } from '../domain/settings';
import { wholeDaysBetween } from '../domain/time';
import type { Incident, Settings } from '../domain/types';
import { sendEmails, type OutgoingEmail } from '../workspace/mailer';
import { rowUrl } from '../workspace/register-sheet';
import { now } from '../workspace/clock';
import { runsAsRunner } from '../workspace/runner';
import { loadContext, openRecordSheet, type RunContext } from './context';

/** Daily trigger: emails each person their overdue incidents' IDs. */
export function sendOverdueReminders(event?: unknown): void {
  const ctx = loadContext();
  if (!runsAsRunner('sendOverdueReminders', event, ctx.props)) return;
  const at = now();
  const overdue = RECORD_FILES.map((file) => ({ file, items: overdueIn(ctx, file, at) }));
  if (overdue.every((f) => f.items.length === 0)) return;

  const emails: OutgoingEmail[] = [];
  for (const person of reminderRecipients(ctx.settings)) {
    const items = overdue.filter((f) => mayRead(person, f.file, ctx.settings)).flatMap((f) => f.items);
    if (items.length > 0) emails.push({ to: person, email: renderOverdueReminder(items, ctx.settings) });
  }
  const results = sendEmails(emails, `${schoolDisplayName(ctx.settings)} online safety`);
  const failed = results.filter((r) => !r.sent).length;
  // No address or incident in the log: logs must hold no personal data.
  if (failed > 0) {
    console.warn(`${failed} overdue reminder(s) not sent; tomorrow's reminder lists the same incidents.`);
  }
}

/** The overdue incidents of one record file, each with a link to its row (one read of the sheet). */
function overdueIn(ctx: RunContext, file: RecordFile, at: Date): OverdueItem[] {
  const opened = openRecordSheet(ctx, file);
  if (!opened) return [];
  const values = opened.sheet.getDataRange().getValues();
  const header = values[0] ?? [];
  const incidents: Incident[] = [];
  const rowOf = new Map<string, number>();
  const readRow = makeRowReader(header, ctx.timeZone);
  for (let i = 1; i < values.length; i++) {
    const entry = readRow(values[i] ?? []);
    if (!entry) continue;
    incidents.push(entry);
    if (!rowOf.has(entry.incidentId)) rowOf.set(entry.incidentId, i + 1);
  }
  // The Summary sheet's own definition of overdue, so the reminder and the Summary always agree.
  const overdue = computeSummary(incidents, ctx.settings, at).overdue;
  if (overdue.length === 0) return [];
  // One link made with the adapter, the others by changing its row number: two calls, not two per item.
  const linkToRowOne = rowUrl(opened.ss, opened.sheet, 1);
  const linkTo = (row: number): string => `${linkToRowOne.slice(0, -1)}${row}`;
  return overdue.map((o) => ({
    incidentId: o.incidentId,
    status: o.status,
    daysOpen:
      o.submittedAt === null ? Number.NaN : wholeDaysBetween(o.submittedAt, at, ctx.settings.timeZone),
    registerRowUrl: linkTo(rowOf.get(o.incidentId) ?? 1),
  }));
}

/** The DSL (or the deputies when the DSL's address is unusable), and the Chair of Governors; each once. */
function reminderRecipients(settings: Settings): string[] {
  const usable = (raw: string): string[] => (isValidAddress(raw) ? [normaliseAddress(raw)] : []);
  const dsl = usable(settings.dslEmail);
  const leads = dsl.length > 0 ? dsl : settings.deputyDslEmails.flatMap(usable);
  const people: string[] = [];
  for (const person of [...leads, ...usable(settings.chairOfGovernorsEmail)]) {
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
