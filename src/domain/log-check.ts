/**
 * The nightly comparison of a record file's Referrals and Information sharing sheets with the audit's
 * snapshot of them. Pure.
 *
 * Why: Sheets fires no edit trigger when a person deletes a row, so a referral row deleted whole would leave
 * no trace on the audit trail; only a comparison afterwards finds it. The snapshot holds each non-blank
 * row's log columns as text (what the log sheet itself holds, no more), in sheet order, one row per log row.
 *
 * Log rows have no ID of their own (an incident may have several referrals), so the comparison aligns the
 * two lists in order (longest common subsequence): a snapshot row with no exact match is paired, within the
 * same stretch, with the unmatched current row most like it (an edit, which the edit trigger audited); one
 * left over was deleted.
 */
import type { AuditEntry } from './audit';
import { WHO_NOT_KNOWN } from './audit';
import { cellText, isDateValue, textCell } from './cells';
import { LOG_SHEET_NAMES, logColumns, logPositions, type LogKind } from './referrals';

/** The snapshot sheet's columns: the log, then up to the widest log's columns as text. */
export const LOG_STATE_WIDTH = 1 + Math.max(logColumns('referrals').length, logColumns('sharing').length);

export const logStateHeaders = (): string[] => [
  'Log',
  ...Array.from({ length: LOG_STATE_WIDTH - 1 }, (_, i) => `Column ${i + 1}`),
];

/**
 * A log sheet's non-blank rows as the snapshot keeps them: each log column (in its defined order) as text,
 * dates in the spreadsheet's zone. `values` is the sheet with its header first.
 */
export function logRowsAsText(
  kind: LogKind,
  values: readonly (readonly unknown[])[],
  timeZone: string,
): string[][] {
  const [header = [], ...body] = values;
  const positions = logPositions(header, kind);
  const at = logColumns(kind).map((c) => positions.get(c.header));
  const rows: string[][] = [];
  for (const row of body) {
    const texts = at.map((i) => {
      if (i === undefined) return '';
      const v = row[i];
      return isDateValue(v) ? cellText(v, timeZone) : cellText(v);
    });
    if (texts.some((t) => t.trim() !== '')) rows.push(texts);
  }
  return rows;
}

/**
 * Snapshot rows for the state sheet: the log's name first, padded to the sheet's width, each text
 * quote-prefixed so a typed "=..." or "03/02/2026" is kept as text, never run or parsed.
 */
export function logStateRows(kind: LogKind, rows: readonly string[][]): string[][] {
  return rows.map((r) => {
    const out = [kind, ...r.map(textCell)];
    while (out.length < LOG_STATE_WIDTH) out.push('');
    return out.slice(0, LOG_STATE_WIDTH);
  });
}

/** The snapshot rows of one log, as logRowsAsText gives them. */
export function logStateOf(kind: LogKind, stateRows: readonly (readonly unknown[])[]): string[][] {
  const width = logColumns(kind).length;
  return stateRows
    .filter((r) => cellText(r[0]) === kind)
    .map((r) => Array.from({ length: width }, (_, i) => cellText(r[i + 1])));
}

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** Indices of `old` with no exact match in `now`, each with the stretch of `now` it falls in. */
function unmatched(
  old: readonly string[][],
  now: readonly string[][],
): Array<{ stretch: number; rows: number[]; candidates: number[] }> {
  const n = old.length;
  const m = now.length;
  // LCS table (rows are few: a school's referrals run to hundreds at most).
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = same(old[i]!, now[j]!)
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const stretches: Array<{ stretch: number; rows: number[]; candidates: number[] }> = [];
  let current = { stretch: 0, rows: [] as number[], candidates: [] as number[] };
  const close = (): void => {
    if (current.rows.length > 0) stretches.push(current);
    current = { stretch: current.stretch + 1, rows: [], candidates: [] };
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(old[i]!, now[j]!)) {
      close();
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      current.candidates.push(j++);
    } else {
      current.rows.push(i++);
    }
  }
  close();
  return stretches;
}

/**
 * How alike a snapshot row and a current row are: the non-blank cells they share, or 0 when fewer than half
 * of the old row's cells are still there (then it is another row, not the same one edited).
 */
function likeness(a: readonly string[], b: readonly string[]): number {
  let filled = 0;
  let shared = 0;
  a.forEach((t, k) => {
    if (t.trim() === '') return;
    filled++;
    if (t === b[k]) shared++;
  });
  return shared > 0 && shared * 2 >= filled ? shared : 0;
}

/** What a deleted row of an incident the register no longer has is recorded with, in place of its values. */
export const NOT_IN_REGISTER = '(not shown: this incident is not in the register)';

export interface LogCheckInput {
  kind: LogKind;
  /** The snapshot's rows of this log (logStateOf). */
  snapshot: readonly string[][];
  /** The log as it is now (logRowsAsText). */
  current: readonly string[][];
  now: Date;
  foundBy: string;
  /**
   * The file's register's incident IDs, when known. A deleted row of an incident not in it (deleted under
   * the retention policy, its audit text removed) is recorded without its values, so they do not come back
   * onto the trail; a row without an Incident ID is recorded with them.
   */
  incidents?: ReadonlySet<string>;
}

/** The audit entries for the log rows deleted since the snapshot: one per row, with what it last held. */
export function planLogCheck(input: LogCheckInput): AuditEntry[] {
  const columns = logColumns(input.kind);
  const sheetName = LOG_SHEET_NAMES[input.kind];
  const entries: AuditEntry[] = [];
  for (const { rows, candidates } of unmatched(input.snapshot, input.current)) {
    const free = new Set(candidates);
    // An edited row (audited by the edit trigger) pairs with its most alike current row; the rest are gone.
    const pairs = rows
      .flatMap((o) =>
        candidates.map((c) => ({ o, c, score: likeness(input.snapshot[o]!, input.current[c]!) })),
      )
      .filter((p) => p.score > 0)
      .sort((a, b) => b.score - a.score || a.o - b.o || a.c - b.c);
    const paired = new Set<number>();
    for (const p of pairs) {
      if (paired.has(p.o) || !free.has(p.c)) continue;
      paired.add(p.o);
      free.delete(p.c);
    }
    for (const o of rows) {
      if (paired.has(o)) continue;
      const row = input.snapshot[o]!;
      const described = columns
        .map((c, k) => ({ header: c.header, text: row[k] ?? '' }))
        .filter((c, k) => k > 0 && c.text.trim() !== '')
        .map((c) => `${c.header}: ${c.text}`)
        .join('\n');
      const incidentId = (row[0] ?? '').trim();
      const withheld = input.incidents !== undefined && incidentId !== '' && !input.incidents.has(incidentId);
      entries.push({
        time: input.now,
        who: WHO_NOT_KNOWN,
        incidentId,
        column: `${sheetName}: (whole row)`,
        oldValue: withheld ? NOT_IN_REGISTER : described,
        newValue: '(row deleted)',
        note: `Found by ${input.foundBy}: this row is no longer on the ${sheetName} sheet. Who deleted it, and when, is not known to the audit trail; the old value is the row as the audit last saw it.`,
      });
    }
  }
  return entries;
}
