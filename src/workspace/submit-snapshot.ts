/**
 * What the submit path would otherwise read from two sheets on every submission: the parsed Settings and
 * where the register is and what its header says. Kept for up to six hours so a submission reads one small
 * cache entry instead of the Settings sheet and the register's extent (issue 15).
 *
 * Where it is kept, and why there: in the cache of the account the system runs as (CacheService's user
 * cache), not in the script properties. Every editor of the spreadsheet can open the script editor and
 * change the script properties (test/scenarios/script-properties-tampering.json); a Settings snapshot
 * there would let a deputy re-route alerts past the protected Settings sheet. The runner's user cache is
 * "scoped to the current user and script" (CacheService reference, getUserCache), so only runs as the
 * runner — its triggers — read or write it.
 *
 * Who else reads it: the weekly email takes its Settings from it (handlers/context), and the nightly Summary
 * rebuild, which reads Settings from the sheet anyway, refreshes its Settings so a morning email finds it.
 *
 * When it is dropped: on any edit of the Settings sheet (the edit trigger runs as the runner), when the
 * nightly check or Set up finds Settings changed unseen, and after six hours at most (the cache's longest
 * expiry). The register's header is checked on every submission against the snapshot's copy: the run reads
 * the header cells the snapshot covers, and any difference (a column moved, renamed or inserted by whoever
 * may edit the register) sends it back to reading the whole header and the sheet's extent, so a moved column
 * can never misplace a value.
 */
import type { Settings } from '../domain/types';

const KEY = 'onlineSafety.submitSnapshot.v1';
/** The cache key (for the benchmark, which plays a night with no rebuild). */
export const SUBMIT_SNAPSHOT_KEY = KEY;
/** The cache's longest expiry, 6 hours (CacheService reference, Cache.put). */
const TTL_SECONDS = 21_600;

export interface SubmitSnapshot {
  /** The script time zone the Settings were parsed in (a change of zone makes the snapshot unusable). */
  timeZone: string;
  settings: Settings;
  problems: string[];
  /** The register sheet (the container's, found by its mark) and its header as last read. */
  register: { sheetId: number; header: string[] } | null;
}

function isSnapshot(value: unknown): value is SubmitSnapshot {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<SubmitSnapshot>;
  return (
    typeof v.timeZone === 'string' &&
    typeof v.settings === 'object' &&
    v.settings !== null &&
    Array.isArray(v.problems) &&
    (v.register === null ||
      (typeof v.register === 'object' &&
        typeof v.register.sheetId === 'number' &&
        Array.isArray(v.register.header)))
  );
}

function parseSnapshot(text: string | null, timeZone: string): SubmitSnapshot | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isSnapshot(parsed) && parsed.timeZone === timeZone ? parsed : null;
  } catch {
    return null;
  }
}

/** The runner's snapshot for this time zone, or null (none, expired, unreadable): two calls. */
export function readSubmitSnapshot(timeZone: string): SubmitSnapshot | null {
  return parseSnapshot(CacheService.getUserCache().get(KEY), timeZone);
}

/**
 * The nightly rebuild's part (three calls): Settings as the rebuild has just read them from the sheet, kept
 * for another six hours so the morning's runs (the weekly email, the first reports) need not read the sheet.
 * The register part the last submission kept is carried over when it is for the same time zone (every
 * submission checks it against the header cells before trusting it); otherwise there is none, and the next
 * submission reads the header and keeps it.
 */
export function refreshSnapshotSettings(timeZone: string, settings: Settings, problems: string[]): void {
  const cache = CacheService.getUserCache();
  const old = parseSnapshot(cache.get(KEY), timeZone);
  const fresh: SubmitSnapshot = { timeZone, settings, problems, register: old?.register ?? null };
  cache.put(KEY, JSON.stringify(fresh), TTL_SECONDS);
}

/** Keeps the snapshot for the next submissions (two calls). */
export function saveSubmitSnapshot(snapshot: SubmitSnapshot): void {
  CacheService.getUserCache().put(KEY, JSON.stringify(snapshot), TTL_SECONDS);
}

/** Drops the snapshot: the next submission reads Settings and the header again. */
export function forgetSubmitSnapshot(): void {
  CacheService.getUserCache().remove(KEY);
}

/** The header cells as text, for comparing with the snapshot's copy. */
export function headerText(header: readonly unknown[]): string[] {
  return header.map((h) => (typeof h === 'string' ? h : h === null || h === undefined ? '' : String(h)));
}
