/**
 * Small-number suppression: why — a count of 1 or 2 ("Year 13: 2", "Grooming this term: 1") can point at a
 * child in a small school, so every count that leaves the safeguarding team (the weekly email, the
 * governors' report, the trust export) goes through here first.
 *
 * The rule, with threshold t (Settings "Hide counts below"; 0 turns suppression off, otherwise at least 3):
 * - Primary: a count from 1 to t−1 shows as "fewer than t". Zero shows as 0: it says nothing about any child
 *   (except in a line whose total is itself fewer than t, where a zero shows as "fewer than t" too: below).
 * - Complementary: a table declares its additive lines (a total and the cells that add up to it exactly,
 *   e.g. incidents by platform add up to the incidents of the term). Where a shown total would let a reader
 *   narrow a hidden count below what "fewer than t" already says — one hidden cell in a line, or hidden cells
 *   whose sum pins them down (two hidden cells summing to 2 are both 1) — the smallest shown cell of that
 *   line is hidden too ("hidden"); when none is left, the whole breakdown is withheld ("not shown", with no
 *   bound at all) and its total stays. A total is never hidden as a complement: lines sharing a total
 *   (platforms and locations of the same week) then stay independent of each other.
 *
 * What a reader knows of a hidden cell: a primary lies in 1..t−1, a complementary one is at least t (it was
 * shown before), a withheld one is anything from 0. A line is safe when, from its total, every primary in it
 * can still be any value 1..t−1. The check is per line; tables here are one-dimensional (lines share at most
 * their total), where that is enough — test/domain/suppression.test.ts checks it by brute force over every
 * assignment a reader could find consistent with what is shown.
 */

export type Shown =
  | { kind: 'exact'; value: number }
  /** Primary: 1..threshold−1. */
  | { kind: 'fewer'; threshold: number }
  /** Complementary: at least the threshold, hidden so that a smaller count cannot be worked out. */
  | { kind: 'hidden' }
  /** A whole breakdown withheld: no bound is given, so nothing in it can be worked out. */
  | { kind: 'withheld' };

/** A total and the cells that add up to it exactly (cell keys of the same table). */
export interface AdditiveLine {
  total: string;
  cells: readonly string[];
}

/** The smallest threshold that protects anything once zeros are shown ("fewer than 2" would mean 1). */
export const MIN_THRESHOLD = 3;
export const DEFAULT_THRESHOLD = 3;

/** Words for a shown count: "12", "fewer than 3", "hidden". */
export function shownText(shown: Shown): string {
  if (shown.kind === 'exact') return String(shown.value);
  if (shown.kind === 'fewer') return `fewer than ${shown.threshold}`;
  return shown.kind === 'hidden' ? 'hidden' : 'not shown';
}

/** The exact value, or null when hidden. */
export function shownValue(shown: Shown): number | null {
  return shown.kind === 'exact' ? shown.value : null;
}

/** One count on its own (no line it adds up in): primary suppression only. */
export function suppressOne(count: number, threshold: number): Shown {
  if (threshold > 0 && count > 0 && count < threshold) return { kind: 'fewer', threshold };
  return { kind: 'exact', value: count };
}

type State = 'exact' | 'fewer' | 'hidden' | 'withheld';

/**
 * Suppresses a table of counts: every key of `values` gets a Shown. Lines name keys of `values` (an unknown
 * key throws: a line about a cell that is not in the table is a programming error).
 */
export function suppressTable(
  values: ReadonlyMap<string, number>,
  lines: readonly AdditiveLine[],
  threshold: number,
): Map<string, Shown> {
  const state = new Map<string, State>();
  for (const [key, value] of values) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`A count must be a whole number ≥ 0: ${key}`);
    state.set(key, suppressOne(value, threshold).kind === 'fewer' ? 'fewer' : 'exact');
  }
  for (const line of lines) {
    for (const key of [line.total, ...line.cells]) {
      if (!values.has(key)) throw new Error(`A line names a cell that is not in the table: ${key}`);
    }
  }
  const valueOf = (key: string): number => values.get(key) ?? 0;
  const stateOf = (key: string): State => state.get(key) ?? 'exact';

  if (threshold > 0) {
    // Each pass hides at least one more cell or stops, so this ends within values.size passes.
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines) {
        if (lineIsSafe(line)) continue;
        const next = smallestShownCell(line.cells);
        if (next !== null) state.set(next, 'hidden');
        // Nothing left to hide beside the small counts: the whole breakdown is withheld and its total stays.
        else for (const key of line.cells) state.set(key, 'withheld');
        changed = true;
      }
    }
  }

  function smallestShownCell(cells: readonly string[]): string | null {
    let best: string | null = null;
    for (const key of cells) {
      if (stateOf(key) !== 'exact' || valueOf(key) === 0) continue;
      if (best === null || valueOf(key) < valueOf(best) || (valueOf(key) === valueOf(best) && key < best))
        best = key;
    }
    return best;
  }

  function lineIsSafe(line: AdditiveLine): boolean {
    const hidden = line.cells.filter((key) => stateOf(key) !== 'exact');
    const primaries = hidden.filter((key) => stateOf(key) === 'fewer');
    if (primaries.length === 0 || hidden.some((key) => stateOf(key) === 'withheld')) return true;
    // A small total is itself "fewer than t": the line's zeros are hidden too (below), so nothing in it is
    // pinned down. Totals are never hidden as a complement, so lines sharing a shown total are independent.
    if (stateOf(line.total) !== 'exact') return true;
    const shownSum = line.cells
      .filter((key) => stateOf(key) === 'exact')
      .reduce((sum, key) => sum + valueOf(key), 0);
    const hiddenSum = valueOf(line.total) - shownSum;
    const t = threshold;
    return primaries.every((key) => {
      const others = hidden.filter((other) => other !== key);
      const othersLower = others.reduce((sum, o) => sum + (stateOf(o) === 'fewer' ? 1 : t), 0);
      const anyUnbounded = others.some((o) => stateOf(o) === 'hidden');
      const upper = Math.min(t - 1, hiddenSum - othersLower);
      const lower = anyUnbounded ? 1 : Math.max(1, hiddenSum - others.length * (t - 1));
      return upper === t - 1 && lower === 1;
    });
  }

  // A line whose total is itself small: its zeros would say which cells hold the few (two of them under a
  // total of "fewer than 3" are then both 1), so they are "fewer than t" too — which is true of 0.
  if (threshold > 0) {
    for (const line of lines) {
      if (stateOf(line.total) !== 'fewer') continue;
      for (const key of line.cells) if (valueOf(key) === 0) state.set(key, 'fewer');
    }
  }

  const shown = new Map<string, Shown>();
  for (const [key, value] of values) {
    const s = stateOf(key);
    shown.set(
      key,
      s === 'exact' ? { kind: 'exact', value } : s === 'fewer' ? { kind: 'fewer', threshold } : { kind: s },
    );
  }
  return shown;
}

/** "Counts from 1 to 2 show as "fewer than 3"…": the rule in words for the reader of a report. */
export function suppressionNote(threshold: number): string {
  if (threshold <= 0) return 'Small counts are shown as they are (suppression is turned off in Settings).';
  return (
    `Counts from 1 to ${threshold - 1} show as "fewer than ${threshold}", so that no child can be ` +
    `identified; where a total would let one be worked out by subtraction, another count is hidden too.`
  );
}
