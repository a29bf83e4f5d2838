/**
 * The weekly leadership email: aggregates only. It carries counts, and names only from Settings (category,
 * platform and year group names) — no pupil names, no incident IDs, and no text typed by staff into the
 * form or the register. A category, platform or year group that is not in Settings (typed under "Other",
 * or since renamed) is counted under "Other" rather than named.
 *
 * The HTML is built for mail clients: nested role="presentation" tables, inline styles and bgcolor
 * attributes only (no <style> block, images, scripts or CSS that Gmail or Outlook strip), 600px wide at most.
 * Bars are table cells whose width is the value's share of the largest value.
 *
 * Which week it reports: the last complete Monday–Sunday week before it is sent (see `reportedWeekOf`). A
 * Monday 07:00 email therefore covers the week that ended a few hours earlier, not seven hours of Monday,
 * and a whole week is compared with whole weeks, so the spike rule means the same every time. Open and
 * overdue counts are as of the moment it is sent.
 */
import type { RecentRow, Summary } from './analytics';
import { NOT_STATED } from './analytics';
import { escapeHtml } from './html';
import type { ShownCategory } from './digest-suppression';
import { suppressDigest } from './digest-suppression';
import type { Shown } from './suppression';
import { shownText, suppressionNote } from './suppression';
import type { Settings } from './types';
import {
  formatDayLabel,
  formatWeekdayDayLabel,
  localDateOf,
  localDateOfDayNumber,
  localDayNumber,
  localParts,
  startOfDayNumber,
  startOfLocalWeek,
} from './time';

export const OTHER_LABEL = 'Other';
/** How many platforms and year groups the email lists. */
export const DIGEST_TOP_N = 5;

export interface DigestBar {
  label: string;
  value: number;
}

export interface DigestCategory {
  name: string;
  thisWeek: number;
  baselineAverage: number;
  rising: boolean;
  spike: boolean;
}

export interface Digest {
  schoolName: string;
  /** 'Mon 26 Oct 2026' */
  weekStartLabel: string;
  /** 'Sun 1 Nov 2026': the last day of the reported week. */
  weekEndLabel: string;
  /** True when the reported week had ended when the email was made (the weekly email's case). */
  weekComplete: boolean;
  /** '28 Oct 2026 08:00' in the school's time zone. */
  asOfLabel: string;
  timeZone: string;
  thisWeek: number;
  baselineWeeks: number;
  baselineAverage: number;
  /** Reports per week, oldest first; the last is this week. Labels like 'w/c 26 Oct 2026'. */
  weeklyTotals: DigestBar[];
  /** Categories with reports this week or in the baseline, in Settings order (then Other). */
  categories: DigestCategory[];
  spikes: string[];
  rising: string[];
  spikeRule: string;
  flaggedThisWeek: number;
  openCount: number;
  overdueCount: number;
  /** Over this week and the baseline weeks (recentWeeks weeks in all), biggest first. */
  recentWeeks: number;
  topPlatforms: DigestBar[];
  topYearGroups: DigestBar[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** Keeps Settings names; anything else is "Other" ("Not stated" stays, it is ours). */
function allowedLabel(label: string, known: boolean): string {
  if (known || label === NOT_STATED) return label;
  return OTHER_LABEL;
}

function topBars(rows: RecentRow[]): DigestBar[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    if (row.recent === 0) continue;
    const label = allowedLabel(row.label, row.known);
    totals.set(label, (totals.get(label) ?? 0) + row.recent);
  }
  return [...totals.entries()]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, DIGEST_TOP_N);
}

/**
 * An instant in the week the weekly email reports: the last complete local Monday–Sunday week before
 * `now` (a millisecond before this week's Monday 00:00). Pass it as `weekOf` to computeSummary.
 */
export function reportedWeekOf(now: Date, timeZone: string): Date {
  return new Date(startOfLocalWeek(now, timeZone).getTime() - 1);
}

/** The aggregates the email shows, from a summary computed for the same `now`. */
export function buildDigest(summary: Summary, settings: Settings, now: Date): Digest {
  const timeZone = settings.timeZone;
  const weekly = summary.weekly;
  const baselineWeeks = weekly.baselineWeeks;
  const thisWeekStart = weekly.weeks[weekly.weeks.length - 1];
  const nowParts = localParts(now, timeZone);
  const weekStartDay = thisWeekStart ? localDayNumber(thisWeekStart.start, timeZone) : null;
  const weekComplete =
    weekStartDay !== null && now.getTime() >= startOfDayNumber(weekStartDay + 7, timeZone).getTime();

  // Categories not in Settings are pooled under Other: their names may have been typed by staff.
  const categories: DigestCategory[] = [];
  let other: { thisWeek: number; baselineSum: number } | null = null;
  for (const row of weekly.categories) {
    if (row.known) {
      if (row.thisWeek > 0 || row.baselineAverage > 0) {
        categories.push({
          name: row.category,
          thisWeek: row.thisWeek,
          baselineAverage: row.baselineAverage,
          rising: row.rising,
          spike: row.spike,
        });
      }
    } else {
      other = other ?? { thisWeek: 0, baselineSum: 0 };
      other.thisWeek += row.thisWeek;
      other.baselineSum += row.baselineAverage * baselineWeeks;
    }
  }
  if (other !== null && (other.thisWeek > 0 || other.baselineSum > 0)) {
    const average = baselineWeeks === 0 ? 0 : other.baselineSum / baselineWeeks;
    categories.push({
      name: OTHER_LABEL,
      thisWeek: other.thisWeek,
      baselineAverage: average,
      rising: other.thisWeek > average,
      // Other is not a category of its own, so it is never called a spike.
      spike: false,
    });
  }
  const knownCategory = new Set(weekly.categories.filter((row) => row.known).map((row) => row.category));

  return {
    schoolName: settings.schoolName,
    weekStartLabel: thisWeekStart ? formatWeekdayDayLabel(localDateOf(thisWeekStart.start, timeZone)) : '',
    weekEndLabel: weekStartDay === null ? '' : formatWeekdayDayLabel(localDateOfDayNumber(weekStartDay + 6)),
    weekComplete,
    asOfLabel: `${formatDayLabel(nowParts)} ${pad2(nowParts.hour)}:${pad2(nowParts.minute)}`,
    timeZone,
    thisWeek: weekly.thisWeek,
    baselineWeeks,
    baselineAverage: weekly.baselineAverage,
    weeklyTotals: weekly.weeks.map((week, index) => ({
      label: `w/c ${formatDayLabel(localDateOf(week.start, timeZone))}`,
      value: weekly.totals[index] ?? 0,
    })),
    categories,
    spikes: weekly.spikes.filter((name) => knownCategory.has(name)),
    rising: weekly.rising.filter((name) => knownCategory.has(name)),
    spikeRule: weekly.spikeRule,
    flaggedThisWeek: weekly.flaggedThisWeek,
    openCount: summary.openCount,
    overdueCount: summary.overdueCount,
    recentWeeks: baselineWeeks + 1,
    topPlatforms: topBars(weekly.platforms),
    topYearGroups: topBars(weekly.yearGroups),
  };
}

// ---- Rendering ----

const COLOURS = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#1f2933',
  muted: '#52606d',
  bar: '#3b6fb6',
  barThisWeek: '#1d4e89',
  barSpike: '#c0392b',
  track: '#e4e7eb',
  rule: '#d9dde3',
} as const;

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT_BAR_WIDTH = 20;

function formatAverage(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

/** How this week compares with the average, in words. */
function comparison(thisWeek: number, average: number): string {
  if (average === 0)
    return thisWeek === 0 ? 'none in the previous weeks either' : 'none in the previous weeks';
  // Against an average under one a week a percentage reads as alarm ("up 900%") more than information.
  if (average < 1) return `${thisWeek > average ? 'above' : 'below'} the weekly average`;
  const change = Math.round(((thisWeek - average) / average) * 100);
  if (change === 0) return 'about the same as the weekly average';
  return `${change > 0 ? 'up' : 'down'} ${Math.abs(change)}% on the weekly average`;
}

function oneLine(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function safeUrl(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url.trim()) ? url.trim() : null;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One bar as a row: label | bar (a coloured cell then a track cell) | value. */
function htmlBarRow(label: string, shown: Shown, max: number, colour: string, suffix = ''): string {
  // A hidden count draws no bar: its length would give the number away.
  const value = shown.kind === 'exact' ? shown.value : 0;
  const percent = max <= 0 || value <= 0 ? 0 : Math.max(2, Math.round((value / max) * 100));
  const cellStyle = 'font-size:1px;line-height:14px;height:14px;';
  const bar =
    percent === 0
      ? `<td width="100%" bgcolor="${COLOURS.track}" style="${cellStyle}background-color:${COLOURS.track};">&nbsp;</td>`
      : `<td width="${percent}%" bgcolor="${colour}" style="${cellStyle}background-color:${colour};">&nbsp;</td>` +
        (percent < 100
          ? `<td width="${100 - percent}%" bgcolor="${COLOURS.track}" style="${cellStyle}background-color:${COLOURS.track};">&nbsp;</td>`
          : '');
  return (
    '<tr>' +
    `<td width="170" valign="middle" style="${FONT}font-size:13px;color:${COLOURS.text};padding:3px 8px 3px 0;">` +
    `${escapeHtml(label)}${suffix}</td>` +
    '<td valign="middle" style="padding:3px 0;">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">' +
    `<tr>${bar}</tr></table></td>` +
    `<td width="60" align="right" valign="middle" style="${FONT}font-size:13px;color:${COLOURS.text};padding:3px 0 3px 8px;">` +
    `${escapeHtml(shownText(shown))}</td>` +
    '</tr>'
  );
}

function htmlChart(title: string, caption: string, rows: string[]): string {
  const body =
    rows.length === 0
      ? `<tr><td style="${FONT}font-size:13px;color:${COLOURS.muted};padding:3px 0;">None.</td></tr>`
      : rows.join('');
  return (
    '<tr><td style="padding:16px 24px 0 24px;">' +
    `<h2 style="${FONT}font-size:16px;color:${COLOURS.text};margin:0 0 4px 0;">${escapeHtml(title)}</h2>` +
    (caption === ''
      ? ''
      : `<p style="${FONT}font-size:12px;color:${COLOURS.muted};margin:0 0 8px 0;">${escapeHtml(caption)}</p>`) +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">' +
    body +
    '</table></td></tr>'
  );
}

function htmlStat(label: string, value: string): string {
  return (
    `<td width="25%" align="center" valign="top" style="${FONT}padding:8px 4px;border:1px solid ${COLOURS.rule};">` +
    `<div style="font-size:22px;font-weight:bold;color:${COLOURS.text};">${escapeHtml(value)}</div>` +
    `<div style="font-size:12px;color:${COLOURS.muted};">${escapeHtml(label)}</div></td>`
  );
}

function textBar(label: string, shown: Shown, max: number, labelWidth: number, suffix = ''): string {
  const value = shown.kind === 'exact' ? shown.value : 0;
  const length = max <= 0 || value <= 0 ? 0 : Math.max(1, Math.round((value / max) * TEXT_BAR_WIDTH));
  return `  ${label.padEnd(labelWidth)}  ${'#'.repeat(length).padEnd(TEXT_BAR_WIDTH)}  ${shownText(shown)}${suffix}`;
}

function exactOf(shown: Shown): number {
  return shown.kind === 'exact' ? shown.value : 0;
}

function exact(value: number): Shown {
  return { kind: 'exact', value };
}

function textChart(
  title: string,
  caption: string,
  bars: { label: string; value: Shown; suffix?: string }[],
): string[] {
  const lines = [title, ...(caption === '' ? [] : [caption])];
  if (bars.length === 0) return [...lines, '  None.', ''];
  const max = Math.max(...bars.map((bar) => exactOf(bar.value)));
  const labelWidth = Math.min(28, Math.max(...bars.map((bar) => bar.label.length)));
  return [
    ...lines,
    ...bars.map((bar) => textBar(bar.label, bar.value, max, labelWidth, bar.suffix ?? '')),
    '',
  ];
}

/** The email: subject, plain text and HTML, every Settings value escaped in the HTML. */
export function renderDigestEmail(
  digest: Digest,
  settings: Settings,
  links: { summaryUrl: string; countsNote?: string },
): RenderedEmail {
  const school = oneLine(settings.schoolName || digest.schoolName);
  const subject = oneLine(
    `Online safety weekly summary: week of ${digest.weekStartLabel}${school ? ` — ${school}` : ''}`,
  );
  const summaryUrl = safeUrl(links.summaryUrl);
  // Where the counts come from and as of when (domain/weekly-snapshot): built from fixed words and times.
  const countsNote = oneLine(links.countsNote ?? '');
  const weeks = digest.baselineWeeks;
  // Every number below comes from the suppressed digest: small counts read "fewer than N".
  const shown = suppressDigest(digest, settings.suppressionThreshold);
  // A complete week is "last week" to a reader on the Monday after; a preview mid-week says "so far".
  const week = digest.weekComplete ? 'last week' : 'this week';
  const when = digest.weekComplete
    ? `last week (${digest.weekStartLabel} – ${digest.weekEndLabel})`
    : `this week so far (from ${digest.weekStartLabel})`;
  const thisWeekText =
    shown.thisWeek.kind === 'exact'
      ? plural(digest.thisWeek, 'report', 'reports')
      : `${shownText(shown.thisWeek)} reports`;
  const baselineText =
    shown.baselineSum.kind === 'exact'
      ? `an average of ${formatAverage(digest.baselineAverage)} a week over the previous ${weeks} weeks`
      : `${shownText(shown.baselineSum)} reports in all over the previous ${weeks} weeks`;
  // A comparison with a hidden count on either side would narrow it down: none is given then.
  const compared =
    shown.thisWeek.kind === 'exact' && shown.baselineSum.kind === 'exact'
      ? `: ${comparison(digest.thisWeek, digest.baselineAverage)}.`
      : '.';
  const headline = `${thisWeekText} ${when}, against ${baselineText}${compared}`;
  const spikesLine = shown.spikes.length === 0 ? `No spikes ${week}.` : `Spikes: ${shown.spikes.join(', ')}.`;
  const risingLine =
    shown.rising.length === 0
      ? 'No category is above its weekly average.'
      : `Above their weekly average: ${shown.rising.join(', ')}.`;
  const Week = week.charAt(0).toUpperCase() + week.slice(1);
  const categoryCaption = `${Week}, with the weekly average over the previous ${weeks} weeks in brackets.`;
  const recentCaption = `Reports in the last ${digest.recentWeeks} weeks, ${week} included.`;
  const privacyNote =
    'Counts only: this email never contains pupil names or what staff wrote. ' +
    suppressionNote(shown.threshold);
  const categorySuffix = (category: ShownCategory): string =>
    (category.baselineSum.kind === 'exact'
      ? ` (avg ${formatAverage(category.baselineAverage)})`
      : ` (${shownText(category.baselineSum)} in ${weeks} weeks)`) +
    (category.spike ? ' SPIKE' : category.rising ? ' rising' : '');
  const recentBars = (bars: DigestBar[]): { label: string; value: Shown }[] =>
    bars.map((bar) => ({ label: bar.label, value: exact(bar.value) }));
  const recentCaptionShown =
    shown.threshold > 0
      ? `${recentCaption} Those with fewer than ${shown.threshold} are not listed.`
      : recentCaption;

  // ---- Plain text ----
  const text = [
    `Online safety weekly summary${school ? ` — ${school}` : ''}`,
    `As of ${digest.asOfLabel} (${oneLine(digest.timeZone)})`,
    ...(countsNote ? [countsNote] : []),
    '',
    headline,
    `Flagged as child protection ${week}: ${shownText(shown.flaggedThisWeek)}`,
    `Open incidents: ${shownText(shown.openCount)}`,
    `Overdue follow-ups: ${shownText(shown.overdueCount)}`,
    '',
    spikesLine,
    risingLine,
    '',
    ...textChart(
      'Reports per week',
      '',
      shown.weeklyTotals.map((bar) => ({ label: bar.label, value: bar.shown })),
    ),
    ...textChart(
      `Categories ${week}`,
      categoryCaption,
      shown.categories.map((category) => ({
        label: category.name,
        value: category.thisWeek,
        suffix: categorySuffix(category),
      })),
    ),
    ...textChart('Top platforms and apps', recentCaptionShown, recentBars(shown.topPlatforms)),
    ...textChart('Top year groups', recentCaptionShown, recentBars(shown.topYearGroups)),
    oneLine(digest.spikeRule),
    '',
    ...(summaryUrl ? [`Summary sheet (restricted): ${summaryUrl}`] : []),
    privacyNote,
  ].join('\n');

  // ---- HTML ----
  const weeklyMax = Math.max(0, ...shown.weeklyTotals.map((bar) => exactOf(bar.shown)));
  const weeklyRows = shown.weeklyTotals.map((bar, index) =>
    htmlBarRow(
      bar.label,
      bar.shown,
      weeklyMax,
      index === shown.weeklyTotals.length - 1 ? COLOURS.barThisWeek : COLOURS.bar,
    ),
  );
  const categoryMax = Math.max(0, ...shown.categories.map((category) => exactOf(category.thisWeek)));
  const categoryRows = shown.categories.map((category) =>
    htmlBarRow(
      category.name,
      category.thisWeek,
      categoryMax,
      category.spike ? COLOURS.barSpike : COLOURS.bar,
      ` <span style="color:${COLOURS.muted};font-size:12px;">${escapeHtml(categorySuffix(category).trim())}</span>`,
    ),
  );
  const barRows = (bars: DigestBar[]): string[] => {
    const max = Math.max(0, ...bars.map((bar) => bar.value));
    return bars.map((bar) => htmlBarRow(bar.label, exact(bar.value), max, COLOURS.bar));
  };
  const paragraph = (content: string, look: 'body' | 'small' | 'alert' = 'body'): string => {
    const style =
      look === 'small'
        ? `font-size:12px;line-height:16px;color:${COLOURS.muted};`
        : look === 'alert'
          ? `font-size:14px;line-height:20px;color:${COLOURS.barSpike};font-weight:bold;`
          : `font-size:14px;line-height:20px;color:${COLOURS.text};`;
    return `<p style="${FONT}${style}margin:0 0 8px 0;">${content}</p>`;
  };

  const html =
    '<!DOCTYPE html>' +
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background-color:${COLOURS.page};">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${COLOURS.page}" style="background-color:${COLOURS.page};">` +
    '<tr><td align="center" style="padding:16px 8px;">' +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="${COLOURS.card}" style="width:100%;max-width:600px;background-color:${COLOURS.card};border-collapse:collapse;">` +
    '<tr><td style="padding:20px 24px 0 24px;">' +
    `<h1 style="${FONT}font-size:20px;color:${COLOURS.text};margin:0 0 4px 0;">Online safety weekly summary</h1>` +
    paragraph(
      `${escapeHtml(school)}${school ? ' · ' : ''}as of ${escapeHtml(digest.asOfLabel)} (${escapeHtml(digest.timeZone)})`,
      'small',
    ) +
    (countsNote ? paragraph(escapeHtml(countsNote), 'small') : '') +
    paragraph(escapeHtml(headline)) +
    '</td></tr>' +
    '<tr><td style="padding:8px 24px 0 24px;">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>' +
    htmlStat(`reports ${week}`, shownText(shown.thisWeek)) +
    htmlStat(`flagged ${week}`, shownText(shown.flaggedThisWeek)) +
    htmlStat('open', shownText(shown.openCount)) +
    htmlStat('overdue', shownText(shown.overdueCount)) +
    '</tr></table></td></tr>' +
    '<tr><td style="padding:12px 24px 0 24px;">' +
    paragraph(escapeHtml(spikesLine), shown.spikes.length > 0 ? 'alert' : 'body') +
    paragraph(escapeHtml(risingLine)) +
    '</td></tr>' +
    htmlChart('Reports per week', '', weeklyRows) +
    htmlChart(`Categories ${week}`, categoryCaption, categoryRows) +
    htmlChart('Top platforms and apps', recentCaptionShown, barRows(shown.topPlatforms)) +
    htmlChart('Top year groups', recentCaptionShown, barRows(shown.topYearGroups)) +
    '<tr><td style="padding:16px 24px 20px 24px;">' +
    paragraph(escapeHtml(oneLine(digest.spikeRule)), 'small') +
    (summaryUrl
      ? paragraph(
          `<a href="${escapeHtml(summaryUrl)}" style="color:${COLOURS.bar};">Open the Summary sheet</a> (restricted to the safeguarding team).`,
        )
      : '') +
    paragraph(escapeHtml(privacyNote), 'small') +
    '</td></tr>' +
    '</table></td></tr></table></body></html>';

  return { subject, text, html };
}
