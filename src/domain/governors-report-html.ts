/**
 * The governors' termly report as HTML: why — one document serves as the email's body and, converted by
 * Apps Script (Blob.getAs('application/pdf')), as the PDF attached for the governors' papers. Tables and
 * inline styles only (mail clients strip <style>); the one <style> block holds the page size and margins,
 * which only the PDF uses. Every value is escaped; every count is already suppressed (governors-report.ts).
 */
import type { ComparisonRow, GovernorsReport, MedianShown, ShownRow, Window } from './governors-report';
import { escapeHtml } from './html';
import type { Shown } from './suppression';
import { shownText, suppressionNote } from './suppression';
import { formatDayLabel, localDateOfDayNumber } from './time';

export interface RenderedReport {
  subject: string;
  text: string;
  html: string;
  /** The PDF's file name, e.g. "Online safety report to governors - Autumn term 2026.pdf". */
  pdfName: string;
}

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const HEAD = '#e4ecf7';
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

function dates(window: Window): string {
  return `${formatDayLabel(localDateOfDayNumber(window.first))} – ${formatDayLabel(localDateOfDayNumber(window.last))}`;
}

function text(shown: Shown | null): string {
  return shown === null ? '—' : shownText(shown);
}

function cell(content: string, header = false, align: 'left' | 'right' = 'left'): string {
  const tag = header ? 'th' : 'td';
  const style = `${FONT}font-size:12px;color:${INK};padding:4px 8px;border:1px solid ${RULE};text-align:${align};${header ? `background-color:${HEAD};` : ''}`;
  return `<${tag} style="${style}">${content}</${tag}>`;
}

function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((h, i) => cell(escapeHtml(h), true, i === 0 ? 'left' : 'right')).join('')}</tr>`;
  const body =
    rows.length === 0
      ? `<tr>${cell('None.', false)}${headers
          .slice(1)
          .map(() => cell(''))
          .join('')}</tr>`
      : rows
          .map(
            (row) =>
              `<tr>${row.map((c, i) => cell(escapeHtml(c), false, i === 0 ? 'left' : 'right')).join('')}</tr>`,
          )
          .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:0 0 12px 0;">${head}${body}</table>`;
}

function heading(title: string): string {
  return `<h2 style="${FONT}font-size:15px;color:${INK};margin:18px 0 6px 0;">${escapeHtml(title)}</h2>`;
}

function para(content: string, small = false): string {
  return `<p style="${FONT}font-size:${small ? 11 : 13}px;line-height:${small ? 15 : 18}px;color:${small ? MUTED : INK};margin:0 0 8px 0;">${content}</p>`;
}

function comparisonRows(rows: ComparisonRow[], withLastTerm: boolean): string[][] {
  return rows.map((row) => [
    row.label,
    text(row.thisTerm),
    ...(withLastTerm ? [text(row.lastTerm)] : []),
    text(row.lastYear),
  ]);
}

function rowsOf(rows: ShownRow[]): string[][] {
  return rows.map((row) => [row.label, text(row.count)]);
}

function medianText(median: MedianShown): string {
  if (median.days !== null) return `${median.days} days (over ${text(median.measured)} incidents)`;
  if (median.measured.kind === 'exact' && median.measured.value === 0) return 'none measured';
  return `not shown (${text(median.measured)} incidents measured)`;
}

/** The report as an email (HTML and plain text) and the PDF's name. */
export function renderGovernorsReport(report: GovernorsReport): RenderedReport {
  const school = report.schoolName.replace(/\s+/g, ' ').trim() || 'Our school';
  const soFar =
    report.asOfDay <= report.term.last
      ? `; so far, to ${formatDayLabel(localDateOfDayNumber(report.asOfDay))}`
      : '';
  const term = `${report.term.label} (${dates(report.term)}${soFar})`;
  const subject = `Online safety: termly report to governors — ${report.term.label} — ${school}`;
  const withLast = report.lastTerm !== null;
  const compareHeaders = [
    '',
    report.term.label,
    ...(withLast && report.lastTerm ? [report.lastTerm.label] : []),
    'Same dates last year',
  ];
  const flaggedText =
    report.flaggedPercent === null
      ? text(report.flagged)
      : `${text(report.flagged)} (${report.flaggedPercent}%)`;
  const allegationRows: string[][] = [['About members of staff', text(report.allegationsAboutStaff)]];
  if (!report.headteacherCopy)
    allegationRows.push(['About the Headteacher', text(report.allegationsAboutHeadteacher)]);
  const spikes =
    report.spikes.length === 0
      ? 'No category spiked in any week of the term.'
      : report.spikes.map((s) => `${s.category}: week of ${s.weeks.join(', ')}`).join('; ') + '.';
  const notes = [
    'Counts only: this report never names a pupil, a member of staff or anyone else, and holds nothing staff typed.',
    suppressionNote(report.threshold),
    'An incident is counted in the term it was reported in. Categories, 4Cs groups and year-group bands may be several per incident, so they add up to more than the total.',
    `Last term is ${report.lastTerm ? `${report.lastTerm.label} (${dates(report.lastTerm)})` : 'not in Settings'}; the same dates last year are ${dates(report.lastYear)}.`,
    'Times are medians in days from the report to the first change of status, and to closing. Open and overdue are as of the date of this report, whatever the term.',
  ];

  const keyFigures: string[][] = [
    ['Incidents reported', text(report.totals.thisTerm)],
    ['Flagged as a child-protection concern', flaggedText],
    ['Median time to triage', medianText(report.timeToTriage)],
    ['Median time to close', medianText(report.timeToClose)],
    ['Open now', text(report.open)],
    ['Overdue now', text(report.overdue)],
  ];

  const html =
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<title>${escapeHtml(subject)}</title>` +
    '<style>@page { size: A4; margin: 18mm 16mm; }</style></head>' +
    `<body style="margin:0;padding:16px;background-color:#ffffff;">` +
    '<div style="max-width:680px;margin:0 auto;">' +
    `<h1 style="${FONT}font-size:20px;color:${INK};margin:0 0 4px 0;">Online safety: termly report to governors</h1>` +
    para(`${escapeHtml(school)} · ${escapeHtml(term)}`) +
    (report.headteacherCopy ? para("The Headteacher's copy.", true) : '') +
    heading('Key figures this term') +
    table(['', report.term.label], keyFigures) +
    heading('Incidents compared') +
    table(compareHeaders, comparisonRows([report.totals], withLast)) +
    heading('By category') +
    table(compareHeaders, comparisonRows(report.byCategory, withLast)) +
    heading('By the 4Cs (content, contact, conduct, commerce)') +
    table(compareHeaders, comparisonRows(report.byFourC, withLast)) +
    heading('Year-group bands this term') +
    table(['Band', 'Incidents'], rowsOf(report.byYearBand)) +
    heading('Platforms and apps this term') +
    table(['Platform', 'Incidents'], rowsOf(report.byPlatform)) +
    heading('In or out of school this term') +
    table(['Where', 'Incidents'], rowsOf(report.inOrOutOfSchool)) +
    heading('Referrals this term, by agency') +
    table(['Agency', 'Incidents referred'], rowsOf(report.referrals)) +
    heading('Spikes') +
    para(escapeHtml(spikes)) +
    heading('Allegations about adults this term (counts only)') +
    table(['', 'Allegations'], allegationRows) +
    heading("The DSL's commentary") +
    `<div style="border:1px solid ${RULE};min-height:160px;padding:8px;page-break-inside:avoid;break-inside:avoid;${FONT}font-size:12px;color:${MUTED};">` +
    'For the DSL to add before the meeting: context, actions taken, training, and what the governing body is asked to note.</div>' +
    heading('How to read this report') +
    notes.map((note) => para(escapeHtml(note), true)).join('') +
    '</div></body></html>';

  const textLines = [
    `Online safety: termly report to governors — ${school}`,
    term,
    '',
    ...keyFigures.map(([label, value]) => `${label}: ${value}`),
    '',
    `Incidents compared: ${report.term.label} ${text(report.totals.thisTerm)}` +
      (report.lastTerm ? `; ${report.lastTerm.label} ${text(report.totals.lastTerm)}` : '') +
      `; same dates last year ${text(report.totals.lastYear)}`,
    '',
    'By category (this term / ' + (withLast ? 'last term / ' : '') + 'same dates last year):',
    ...comparisonRows(report.byCategory, withLast).map((row) => `  ${row.join(' / ')}`),
    '',
    'Allegations about adults this term (counts only):',
    ...allegationRows.map(([label, value]) => `  ${label}: ${value}`),
    '',
    `Spikes: ${spikes}`,
    '',
    'The full report, with every table, is attached as a PDF.',
    ...notes,
  ];

  return {
    subject,
    text: textLines.join('\n'),
    html,
    pdfName:
      `Online safety report to governors - ${report.term.label} ${localDateOfDayNumber(report.term.first).year}.pdf`.replace(
        /[\\/:*?"<>|]+/g,
        '-',
      ),
  };
}
