/**
 * The governors' termly report: sent by the nightly oversight job on the first night after a term in
 * Settings ends, and from the menu for the term running now (or the one just ended). Each address in
 * "Governors' report emails" gets its own copy; the Headteacher's copy (their Settings address) leaves out
 * allegations about the Headteacher altogether (domain/governors-report).
 *
 * Who runs it: the runner (the DSL who ran Set up), whose nightly trigger this is; the menu item refuses
 * anyone else. It reads the register and the allegation files' submission dates only — no row's
 * content beyond its date leaves this function.
 */
import type { AllegationDates } from '../domain/governors-report';
import { computeGovernorsReport, currentOrLastTerm, termEndedBefore } from '../domain/governors-report';
import { renderGovernorsReport } from '../domain/governors-report-html';
import { makeRowReader } from '../domain/register';
import type { RecordFile } from '../domain/routing';
import type { SchoolPeriod } from '../domain/school-calendar';
import { formatPeriod } from '../domain/school-calendar';
import { schoolDisplayName } from '../domain/settings';
import { localDayNumber } from '../domain/time';
import { now } from '../workspace/clock';
import type { ReportCopy } from '../workspace/report-mail';
import { sendReportCopies } from '../workspace/report-mail';
import { runsAsRunner } from '../workspace/runner';
import { showMessage } from '../workspace/ui';
import { loadContext, openRecordSheet, type RunContext } from './context';
import { MENU_NAME } from './menu';
import { readRegisterIncidents } from './summary';

/** Script property: the first day (day number) of the last term whose report went out at its end. */
export const SENT_PROPERTY = 'GOVERNORS_REPORT_SENT_FOR';
/** A term that ended longer ago than this is not reported late by the nightly job (the menu still can). */
const LATE_DAYS = 14;

function submissionDates(ctx: RunContext, file: Exclude<RecordFile, 'register'>): Date[] | null {
  const opened = openRecordSheet(ctx, file);
  if (!opened) return null;
  const [header, ...rows] = opened.sheet.getDataRange().getValues();
  if (!header) return [];
  const read = makeRowReader(header, ctx.settings.timeZone);
  const dates: Date[] = [];
  for (const row of rows) {
    const entry = read(row);
    if (entry?.submittedAt) dates.push(entry.submittedAt);
  }
  return dates;
}

/** Both files' dates together; null (not made, or not readable) only when neither could be read. */
function bothOrNull(a: Date[] | null, b: Date[] | null): Date[] | null {
  return a === null && b === null ? null : [...(a ?? []), ...(b ?? [])];
}

export interface GovernorsResult {
  term: string;
  sentTo: string[];
  failed: number;
}

/** Composes every copy and sends them; throws when some address could not be reached. */
function sendFor(ctx: RunContext, term: SchoolPeriod, at: Date): GovernorsResult {
  const recipients = ctx.settings.governorsReportEmails;
  // The register's "Referrals" column too: the referrals recorded on the Referrals sheet, one per line.
  const incidents = readRegisterIncidents(ctx, ['referralsAtGlance']);
  const allegations: AllegationDates = {
    // Concerns about the DSL or a deputy are concerns about members of staff, kept in a file of their own.
    staff: bothOrNull(submissionDates(ctx, 'staff-allegations'), submissionDates(ctx, 'lead-allegations')),
    headteacher: submissionDates(ctx, 'headteacher-allegations'),
  };
  const head = ctx.settings.headteacherEmail.trim().toLowerCase();
  const rendered = new Map<boolean, ReturnType<typeof renderGovernorsReport>>();
  const copyFor = (forHeadteacher: boolean): ReturnType<typeof renderGovernorsReport> => {
    let copy = rendered.get(forHeadteacher);
    if (copy === undefined) {
      copy = renderGovernorsReport(
        computeGovernorsReport(incidents, allegations, ctx.settings, term, at, { forHeadteacher }),
      );
      rendered.set(forHeadteacher, copy);
    }
    return copy;
  };
  const copies: ReportCopy[] = recipients.map((to) => ({
    to,
    ...copyFor(head !== '' && to.trim().toLowerCase() === head),
  }));
  const results = sendReportCopies(copies, `${schoolDisplayName(ctx.settings)} online safety`);
  const sentTo = recipients.filter((_, index) => results[index]?.sent === true);
  return { term: formatPeriod(term), sentTo, failed: recipients.length - sentTo.length };
}

/**
 * The nightly part: on the first night after a term ends (within LATE_DAYS), once per term. Returns null
 * when nothing was due.
 */
export function termlyReportIfDue(ctx: RunContext, at: Date): GovernorsResult | null {
  const today = localDayNumber(at, ctx.settings.timeZone);
  const term = termEndedBefore(ctx.settings.termDates, today);
  if (!term || today - term.last > LATE_DAYS) return null;
  const props = PropertiesService.getScriptProperties();
  if (ctx.props[SENT_PROPERTY] === String(term.first)) return null;
  if (ctx.settings.governorsReportEmails.length === 0) return null;
  const result = sendFor(ctx, term, at);
  // Recorded whatever the outcome, so a failure is reported once (below) and not re-sent to those who
  // had it; the DSL can send it again from the menu.
  props.setProperty(SENT_PROPERTY, String(term.first));
  if (result.failed > 0) {
    throw new Error(
      `The governors' report for ${result.term} reached ${result.sentTo.length} of ` +
        `${result.sentTo.length + result.failed} addresses: send it again from the Online Safety menu.`,
    );
  }
  return result;
}

/** Menu item: the report for the term running now (so far) or the one just ended, to every address. */
export function sendGovernorsReport(_event?: unknown): GovernorsResult | null {
  if (!runsAsRunner('sendGovernorsReport')) return null;
  const ctx = loadContext();
  const at = now();
  const term = currentOrLastTerm(ctx.settings.termDates, localDayNumber(at, ctx.settings.timeZone));
  if (!term) {
    showMessage(
      MENU_NAME,
      'There is no term in "Term dates" in Settings yet, so there is no term to report on.',
    );
    return null;
  }
  if (ctx.settings.governorsReportEmails.length === 0) {
    showMessage(MENU_NAME, 'Nobody would get it: add addresses to "Governors\' report emails" in Settings.');
    return null;
  }
  const result = sendFor(ctx, term, at);
  showMessage(
    MENU_NAME,
    `The governors' report for ${result.term} was sent to ${result.sentTo.length} of ` +
      `${result.sentTo.length + result.failed} addresses, each their own copy with a PDF.` +
      (result.failed > 0 ? ' Some could not be sent: please try again later.' : ''),
  );
  return result;
}
