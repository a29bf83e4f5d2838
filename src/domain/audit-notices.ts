/**
 * What the audit trail tells people outside the register, and how it sees the Settings sheet.
 *
 * Why a separate module: Settings are not register rows (no incident, no column), and their audit needs a
 * notice when the people reports are routed to change. Both emails here are content-free by construction:
 * they are built only from Settings labels and addresses, counts and hashes, never from a report.
 *
 * - The Settings snapshot: every row of the Settings sheet's key/value table by its label, and the
 *   categories table as one entry, as text. Comparing two snapshots gives the changes to record.
 * - The routing notice: sent to the DSL and the Chair of Governors (the old and the new address of each, so
 *   whoever is replaced hears of it), never to the Headteacher's address, naming who changed what.
 * - The weekly anchor: the length of each audit trail and its last hash (its "head"), to the DSL and the
 *   Chair, so a trail rewritten later (sheet and script properties both) no longer matches an email that
 *   nobody with access to the spreadsheet can change.
 */
import { cellText, isDateValue } from './cells';
import { escapeHtml, escapeHtmlMultiline } from './html';
import type { RenderedEmail } from './alert-email';
import { SETTING_ROWS } from './settings';
import { wallClockText } from './audit';
import { startOfLocalWeek } from './time';

// ---- The Settings snapshot -------------------------------------------------------------------------------

/** Setting label → the cell's text; the categories table under CATEGORIES_ENTRY. */
export type SettingsSnapshot = Record<string, string>;

export const CATEGORIES_ENTRY = 'Categories (table)';

/** The Settings' rows whose change re-routes reports, by their keys in Settings. */
const ROUTING_KEYS = [
  'dslEmail',
  'deputyDslEmails',
  'headteacherEmail',
  'chairOfGovernorsEmail',
  'leadershipEmails',
] as const;

const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

function labelOf(key: (typeof ROUTING_KEYS)[number]): string {
  return SETTING_ROWS.find((r) => r.key === key)?.label ?? key;
}

/** Whether a Settings label is one of the routing addresses. */
export function isRoutingLabel(label: string): boolean {
  return ROUTING_KEYS.some((key) => normalise(labelOf(key)) === normalise(label));
}

/**
 * A cell as text. A date (an hour typed as a time) is shown as its wall-clock time in the spreadsheet's zone
 * now, which a change of the spreadsheet's time zone leaves as it was (Sheets keeps the wall clock).
 */
function cellAsText(value: unknown, timeZone: string): string {
  return isDateValue(value) ? wallClockText(value, timeZone) : cellText(value).trim();
}

/**
 * The Settings sheet's values (as getValues gives them) as a snapshot. The tables are found by their header
 * cells ("Setting", "Category") as the reader finds them; a label that is there twice is kept per place.
 */
export function settingsSnapshot(
  values: readonly (readonly unknown[])[],
  timeZone: string,
): SettingsSnapshot {
  const header = (values[0] ?? []).map((v) => normalise(cellText(v)));
  const settingCol = Math.max(0, header.indexOf('setting'));
  const categoryAt = header.indexOf('category');
  const snapshot: SettingsSnapshot = {};
  const categories: string[] = [];
  values.slice(1).forEach((row) => {
    const label = cellText(row[settingCol]).trim();
    if (label !== '') {
      let key = label;
      for (let n = 2; key in snapshot; n++) key = `${label} (${n})`;
      snapshot[key] = cellAsText(row[settingCol + 1], timeZone);
    }
    if (categoryAt >= 0) {
      const cells = [0, 1, 2].map((i) => cellAsText(row[categoryAt + i], timeZone));
      if (cells.some((c) => c !== '')) categories.push(cells.join(' | '));
    }
  });
  snapshot[CATEGORIES_ENTRY] = categories.join('\n');
  return snapshot;
}

/** A snapshot as stored (JSON); anything unreadable is no snapshot. */
export function parseSettingsSnapshot(text: string | null | undefined): SettingsSnapshot | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const out: SettingsSnapshot = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  } catch {
    return null;
  }
}

export interface SettingChange {
  label: string;
  oldValue: string;
  newValue: string;
  routing: boolean;
}

/** What changed between two snapshots, in the order of the newer one (then what it no longer has). */
export function settingsChanges(before: SettingsSnapshot, after: SettingsSnapshot): SettingChange[] {
  const labels = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
  return labels
    .map((label) => ({
      label,
      oldValue: before[label] ?? '',
      newValue: after[label] ?? '',
      routing: isRoutingLabel(label),
    }))
    .filter((c) => c.oldValue !== c.newValue);
}

const ADDRESS = /[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+/g;

function addressesIn(text: string | undefined): string[] {
  return (text ?? '').match(ADDRESS)?.map((a) => a.toLowerCase()) ?? [];
}

/**
 * Who is told of a routing change: the DSL and the Chair of Governors, as they were and as they are now, each
 * once; never an address that is (or was) the Headteacher's, so the notice can never become a way of telling
 * the Headteacher that the Chair's address changed.
 */
export function routingNoticeRecipients(before: SettingsSnapshot, after: SettingsSnapshot): string[] {
  const valueOf = (snapshot: SettingsSnapshot, key: (typeof ROUTING_KEYS)[number]): string => {
    const label = normalise(labelOf(key));
    const found = Object.keys(snapshot).find((k) => normalise(k) === label);
    return found === undefined ? '' : (snapshot[found] ?? '');
  };
  const heads = new Set([
    ...addressesIn(valueOf(before, 'headteacherEmail')),
    ...addressesIn(valueOf(after, 'headteacherEmail')),
  ]);
  const wanted = [
    ...addressesIn(valueOf(before, 'dslEmail')),
    ...addressesIn(valueOf(after, 'dslEmail')),
    ...addressesIn(valueOf(before, 'chairOfGovernorsEmail')),
    ...addressesIn(valueOf(after, 'chairOfGovernorsEmail')),
  ];
  return [...new Set(wanted)].filter((a) => !heads.has(a));
}

/** The routing notice: who changed which routing address, old → new, and nothing about any report. */
export function renderRoutingNotice(
  changes: readonly SettingChange[],
  notice: { who: string; when: string; school: string; foundBy?: string },
): RenderedEmail {
  const routing = changes.filter((c) => c.routing);
  const shown = (v: string): string => (v.trim() === '' ? '(empty)' : v.replace(/\s*\n\s*/g, ', '));
  const lines = routing.map((c) => `${c.label}: ${shown(c.oldValue)} → ${shown(c.newValue)}`);
  const by = notice.foundBy
    ? `${notice.foundBy} found that the online-safety system's Settings had been changed without the change being seen as it was made (who made it is not known)`
    : `${notice.who} changed the online-safety system's Settings`;
  const intro = `${by} on ${notice.when}. The change affects who is sent reports and alerts:`;
  const outro = [
    'Only the DSL who runs the system should change these addresses. If you did not expect this change, ask the DSL to check the Settings sheet and the Audit sheet, where it is recorded.',
    'This email says nothing about any report: it is sent to the DSL and the Chair of Governors whenever these addresses change.',
  ];
  return bulletEmail(
    `[Online safety] Settings changed: who receives reports — ${notice.school}`,
    intro,
    lines,
    outro,
  );
}

/** A short content-free email: an introduction, a list, closing paragraphs; text and escaped HTML alike. */
function bulletEmail(
  subject: string,
  intro: string,
  items: readonly string[],
  outro: readonly string[],
): RenderedEmail {
  const text = [intro, '', ...items.map((l) => `• ${l}`), '', ...outro].join('\n');
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    // A 64-character hash has no place to break: let it wrap rather than run off a phone's screen.
    `<ul style="overflow-wrap:anywhere;word-break:break-word;">${items
      .map((l) => `<li>${escapeHtmlMultiline(l)}</li>`)
      .join('')}</ul>`,
    ...outro.map((p) => `<p>${escapeHtml(p)}</p>`),
  ].join('\n');
  return { subject, text, html };
}

// ---- The weekly anchor ------------------------------------------------------------------------------------

export interface AnchorLine {
  /** Which trail: "Register", "Staff allegations file"… */
  trail: string;
  entries: number;
  head: string;
  /** False when the trail's anchor in the script properties was missing (the sheet's own end is given). */
  anchored: boolean;
}

/**
 * Whether the nightly check should send the anchor tonight: once in each local Monday–Sunday week, on the
 * first night the check runs in it. `lastSent` is when the runner's last anchor went (ISO text from the
 * runner's user properties), or null. Sent when there is none (a new runner, a first night), when it cannot
 * be read, when it is dated after `now` (a clock or a hand-edited value: better one anchor too many than a
 * week with none), or when it was sent in an earlier week — so a night the trigger did not run (Monday's)
 * is made good by the next one that does (Tuesday's).
 */
export function anchorDue(lastSent: string | null, now: Date, timeZone: string): boolean {
  if (lastSent === null || lastSent.trim() === '') return true;
  const at = Date.parse(lastSent);
  if (!Number.isFinite(at) || at > now.getTime()) return true;
  return at < startOfLocalWeek(now, timeZone).getTime();
}

/** The weekly anchor email: for each trail its length and head. Counts and hashes only. */
export function renderAnchorEmail(lines: readonly AnchorLine[], school: string, when: string): RenderedEmail {
  const body = lines.map(
    (l) =>
      `${l.trail}: ${l.entries} recorded change${l.entries === 1 ? '' : 's'}, chain head ${l.head}` +
      (l.anchored ? '' : ' (the anchor kept by the script was missing: this is the sheet’s own last row)'),
  );
  const intro = `The audit trail of ${school}'s online-safety records, as it stands on ${when}:`;
  const outro = [
    'Keep this email. Online Safety › Verify audit trail shows the same figures: if it ever shows fewer changes than an email like this one, or a different head for the same number of changes, the trail was rewritten.',
    'This email holds counts and hashes only, nothing about any report. It is sent each week to the DSL and the Chair of Governors.',
  ];
  return bulletEmail(`[Online safety] Weekly audit anchor — ${school}`, intro, body, outro);
}
