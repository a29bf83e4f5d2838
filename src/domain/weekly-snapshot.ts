/**
 * The weekly email's snapshot: why — the nightly Summary rebuild has already counted the register, so the
 * weekly email (issue 15) takes its figures from what that rebuild kept instead of reading 50,000 rows
 * again. This module turns the rebuild's digest into a small text and back, and decides whether a text it
 * is given may be used.
 *
 * What it holds: the Digest (domain/digest-email) for the last complete week before the rebuild — counts,
 * and names that come from Settings only. Suppression is not applied here: the email applies it when it
 * renders, with the threshold in Settings then.
 *
 * Why it is checked so hard on the way back: whatever is stored could have been changed by someone or
 * something other than the rebuild. A snapshot is used only when every string in it is either what the
 * email would compute itself for that time and those Settings (school name, week labels, the "as of" time,
 * the spike rule) or a name from the current Settings lists (categories, platforms, year groups, plus
 * "Other" and "Not stated"), and every count is a whole number ≥ 0. So no text from the register — a
 * pupil's name, a description — can reach the email through it. Recipients never come from it. Anything
 * else (missing, unreadable, more than 36 hours old, from the future, for another week, made with
 * different Settings) sends the email back to reading the register, and the email says so.
 */
import type { Summary } from './analytics';
import { computeSummary, NOT_STATED } from './analytics';
import type { Digest, DigestBar, DigestCategory } from './digest-email';
import { buildDigest, DIGEST_TOP_N, OTHER_LABEL, reportedWeekOf } from './digest-email';
import { formatWeekdayDayLabel, localDateOf, localParts, startOfLocalWeek } from './time';
import type { Settings } from './types';

export const SNAPSHOT_VERSION = 1;
/** A snapshot older than this is not used: the nightly rebuild has missed at least one night. */
export const SNAPSHOT_MAX_AGE_MS = 36 * 60 * 60 * 1000;
/** Under the 9 KB a property value may hold (PropertiesService quotas), with room to spare. */
export const SNAPSHOT_MAX_BYTES = 8 * 1024;

export interface WeeklySnapshot {
  version: number;
  /** When the rebuild counted (ms since the epoch). */
  takenAt: number;
  /** A fingerprint of the Settings the counts were made with. */
  settingsKey: string;
  digest: Digest;
}

export type FallbackReason = 'missing' | 'unreadable' | 'stale' | 'otherWeek' | 'settingsChanged';

export type SnapshotVerdict =
  { ok: true; digest: Digest; takenAt: Date } | { ok: false; reason: FallbackReason };

/** FNV-1a over the Settings as JSON: equal Settings give equal keys (not a secret, a change detector). */
export function settingsKey(settings: Settings): string {
  const text = JSON.stringify(settings);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length}:${hash.toString(16)}`;
}

/** UTF-8 length of a string (Apps Script has no TextEncoder). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The weekly email's digest at `at`: `summaryOf` computes the Summary for the week it is given. */
export function weeklyDigestAt(summaryOf: (weekOf: Date) => Summary, settings: Settings, at: Date): Digest {
  return buildDigest(summaryOf(reportedWeekOf(at, settings.timeZone)), settings, at);
}

/** The snapshot's text, or null when it would be too big to keep (the email then reads the register). */
export function snapshotText(digest: Digest, settings: Settings, at: Date): string | null {
  const snapshot: WeeklySnapshot = {
    version: SNAPSHOT_VERSION,
    takenAt: at.getTime(),
    settingsKey: settingsKey(settings),
    digest,
  };
  const text = JSON.stringify(snapshot);
  return utf8Bytes(text) <= SNAPSHOT_MAX_BYTES ? text : null;
}

// ---- Reading it back ----

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasExactly(value: Json, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.prototype.hasOwnProperty.call(value, key));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_000_000;
}

function isAverage(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 10_000_000;
}

/** Bars whose labels come from `allowed`, each once, with counts ≥ 1 (the email lists only those). */
function readBars(value: unknown, allowed: ReadonlySet<string>): DigestBar[] | null {
  if (!Array.isArray(value) || value.length > DIGEST_TOP_N) return null;
  const seen = new Set<string>();
  const bars: DigestBar[] = [];
  for (const item of value) {
    if (!isObject(item) || !hasExactly(item, ['label', 'value'])) return null;
    const { label, value: count } = item;
    if (typeof label !== 'string' || !allowed.has(label) || seen.has(label)) return null;
    if (!isCount(count) || count === 0) return null;
    seen.add(label);
    bars.push({ label, value: count });
  }
  return bars;
}

function readCategories(value: unknown, allowed: ReadonlySet<string>): DigestCategory[] | null {
  if (!Array.isArray(value) || value.length > allowed.size) return null;
  const seen = new Set<string>();
  const categories: DigestCategory[] = [];
  for (const item of value) {
    if (!isObject(item) || !hasExactly(item, ['name', 'thisWeek', 'baselineAverage', 'rising', 'spike']))
      return null;
    const { name, thisWeek, baselineAverage, rising, spike } = item;
    if (typeof name !== 'string' || !allowed.has(name) || seen.has(name)) return null;
    if (!isCount(thisWeek) || !isAverage(baselineAverage)) return null;
    if (typeof rising !== 'boolean' || typeof spike !== 'boolean') return null;
    seen.add(name);
    categories.push({ name, thisWeek, baselineAverage, rising, spike });
  }
  return categories;
}

function readNames(value: unknown, allowed: ReadonlySet<string>): string[] | null {
  if (!Array.isArray(value) || value.length > allowed.size) return null;
  const names: string[] = [];
  for (const name of value) {
    if (typeof name !== 'string' || !allowed.has(name) || names.includes(name)) return null;
    names.push(name);
  }
  return names;
}

/**
 * The stored digest, rebuilt field by field onto `template` (what the email computes itself for the same
 * time and Settings): every string is the template's or a Settings name, every number a count. Null when
 * anything differs.
 */
function readDigest(value: unknown, template: Digest, settings: Settings): Digest | null {
  if (!isObject(value) || !hasExactly(value, Object.keys(template))) return null;
  const fixed: ReadonlyArray<keyof Digest> = [
    'schoolName',
    'weekStartLabel',
    'weekEndLabel',
    'weekComplete',
    'asOfLabel',
    'timeZone',
    'baselineWeeks',
    'spikeRule',
    'recentWeeks',
  ];
  if (fixed.some((key) => value[key] !== template[key])) return null;
  const { thisWeek, baselineAverage, flaggedThisWeek, openCount, overdueCount } = value;
  if (![thisWeek, flaggedThisWeek, openCount, overdueCount].every(isCount) || !isAverage(baselineAverage))
    return null;

  const weekly = value['weeklyTotals'];
  if (!Array.isArray(weekly) || weekly.length !== template.weeklyTotals.length) return null;
  const weeklyTotals: DigestBar[] = [];
  for (const [index, bar] of weekly.entries()) {
    const label = template.weeklyTotals[index]?.label;
    if (!isObject(bar) || !hasExactly(bar, ['label', 'value']) || bar['label'] !== label) return null;
    if (label === undefined || !isCount(bar['value'])) return null;
    weeklyTotals.push({ label, value: bar['value'] });
  }

  const categoryNames = new Set([...settings.categories.map((category) => category.name), OTHER_LABEL]);
  const categories = readCategories(value['categories'], categoryNames);
  const spikes = readNames(value['spikes'], categoryNames);
  const rising = readNames(value['rising'], categoryNames);
  const topPlatforms = readBars(
    value['topPlatforms'],
    new Set([...settings.platforms, OTHER_LABEL, NOT_STATED]),
  );
  const topYearGroups = readBars(
    value['topYearGroups'],
    new Set([...settings.yearGroups, OTHER_LABEL, NOT_STATED]),
  );
  if (!categories || !spikes || !rising || !topPlatforms || !topYearGroups) return null;
  return {
    ...template,
    thisWeek: thisWeek as number,
    baselineAverage: baselineAverage as number,
    flaggedThisWeek: flaggedThisWeek as number,
    openCount: openCount as number,
    overdueCount: overdueCount as number,
    weeklyTotals,
    categories,
    spikes,
    rising,
    topPlatforms,
    topYearGroups,
  };
}

/** Whether `text` (the stored snapshot, or null) may make the email sent at `now`, and its digest if so. */
export function readSnapshot(text: string | null, settings: Settings, now: Date): SnapshotVerdict {
  if (text === null || text === '') return { ok: false, reason: 'missing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (!isObject(parsed) || !hasExactly(parsed, ['version', 'takenAt', 'settingsKey', 'digest']))
    return { ok: false, reason: 'unreadable' };
  const { version, takenAt } = parsed;
  if (version !== SNAPSHOT_VERSION || typeof takenAt !== 'number' || !Number.isFinite(takenAt))
    return { ok: false, reason: 'unreadable' };
  const age = now.getTime() - takenAt;
  if (age < 0 || age > SNAPSHOT_MAX_AGE_MS) return { ok: false, reason: 'stale' };
  const zone = settings.timeZone;
  // The same local week: then the last complete week before each is the same week.
  if (startOfLocalWeek(takenAt, zone).getTime() !== startOfLocalWeek(now, zone).getTime())
    return { ok: false, reason: 'otherWeek' };
  if (parsed['settingsKey'] !== settingsKey(settings)) return { ok: false, reason: 'settingsChanged' };
  const at = new Date(takenAt);
  const template = weeklyDigestAt((weekOf) => computeSummary([], settings, at, { weekOf }), settings, at);
  const digest = readDigest(parsed['digest'], template, settings);
  return digest ? { ok: true, digest, takenAt: at } : { ok: false, reason: 'unreadable' };
}

const REASONS: Record<FallbackReason, string> = {
  missing: 'there were no figures from a Summary rebuild to take them from',
  unreadable: 'the figures kept by the last Summary rebuild could not be used',
  stale: 'the Summary was last rebuilt more than 36 hours ago',
  otherWeek: 'the Summary was last rebuilt before the week ended',
  settingsChanged: 'Settings have changed since the Summary was last rebuilt',
};

function whenLabel(at: Date, timeZone: string): string {
  const parts = localParts(at, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(parts.hour)}:${pad(parts.minute)} on ${formatWeekdayDayLabel(localDateOf(at, timeZone))}`;
}

/** The sentence the email carries about where its counts come from and as of when. */
export function countsNote(
  source: { kind: 'snapshot'; takenAt: Date } | { kind: 'register'; reason: FallbackReason; at: Date },
  timeZone: string,
): string {
  if (source.kind === 'snapshot') {
    return (
      `Counts as of ${whenLabel(source.takenAt, timeZone)}, when the Summary was last rebuilt: ` +
      'reports made since then are not in them.'
    );
  }
  return (
    `Counts read from the register when this email was made, at ${whenLabel(source.at, timeZone)}: ` +
    `${REASONS[source.reason]}.`
  );
}
