/**
 * Incident IDs: `<prefix>-<year>-<sequence>`, e.g. OSI-2026-0042. The year is the calendar year the report
 * was submitted in, in the school's time zone (a report sent at 00:30 on New Year's Day in Auckland is
 * numbered in the new year although it is still the old one in UTC). The sequence restarts at 1 each year,
 * is at least four digits, and grows past 9999 rather than wrapping.
 */

import type { RecordFile } from './routing';
import { localParts } from './time';

/**
 * Each record file keeps its own numbering, so the register's IDs run without gaps and nothing about an
 * allegation can be read from them: one sequence a year per file. The register uses the prefix in
 * Settings (OSI by default); allegations about staff are SA-…, about the DSL or a deputy DL-…, about the
 * Headteacher HA-…, whatever the
 * register's prefix (an ID then says plainly which file holds it, to those who may open that file).
 */
export const ALLEGATION_ID_PREFIXES: Readonly<Record<Exclude<RecordFile, 'register'>, string>> = {
  'staff-allegations': 'SA',
  'lead-allegations': 'DL',
  'headteacher-allegations': 'HA',
};

/** The prefix of the IDs of `file`: the register's from Settings, an allegation file's own. */
export function idPrefixFor(file: RecordFile, registerPrefix: string): string {
  return file === 'register' ? registerPrefix : ALLEGATION_ID_PREFIXES[file];
}

/** Whether a register prefix typed in Settings would read as an allegation file's (SA, HA). */
export function isAllegationPrefix(prefix: string): boolean {
  const p = prefix.trim().toLowerCase();
  return Object.values(ALLEGATION_ID_PREFIXES).some((a) => a.toLowerCase() === p);
}

export interface IncidentIdParts {
  prefix: string;
  year: number;
  seq: number;
}

export function formatIncidentId(prefix: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1)
    throw new Error(`Incident sequence must be a whole number ≥ 1, not ${seq}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new Error(`Incident year must be 4 digits, not ${year}`);
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The parts of an ID, or null for text that is not one (typed by hand, empty, another format). */
export function parseIncidentId(id: string): IncidentIdParts | null {
  const m = /^([A-Za-z0-9]+)-(\d{4})-(\d{4,})$/.exec(id.trim());
  if (!m) return null;
  const seq = Number(m[3]);
  if (seq < 1 || !Number.isSafeInteger(seq)) return null;
  return { prefix: m[1] ?? '', year: Number(m[2]), seq };
}

/** The year an incident submitted at `submittedAt` is numbered in. */
export function incidentYear(submittedAt: Date, timeZone: string): number {
  return localParts(submittedAt, timeZone).year;
}

/**
 * The next ID for `year`, after the highest already used with this prefix and year (IDs of other years,
 * other prefixes or in other formats are ignored; gaps are never refilled, so an ID is never reused).
 */
export function nextIncidentId(existingIds: Iterable<string>, prefix: string, year: number): string {
  let highest = 0;
  for (const id of existingIds) {
    const parts = parseIncidentId(id);
    if (parts && parts.year === year && parts.prefix.toLowerCase() === prefix.toLowerCase()) {
      highest = Math.max(highest, parts.seq);
    }
  }
  return formatIncidentId(prefix, year, highest + 1);
}
