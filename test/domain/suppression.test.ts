/**
 * Small-number suppression: a table of cases a reader can check by eye, then a brute-force check that no
 * shown total lets a reader narrow a "fewer than 3" below what it says, over random one- and two-line tables.
 */
import fc from 'fast-check';
import type { AdditiveLine, Shown } from '../../src/domain/suppression';
import { shownText, suppressOne, suppressTable } from '../../src/domain/suppression';

function table(cells: Record<string, number>, lines: AdditiveLine[], threshold = 3): Record<string, string> {
  const shown = suppressTable(new Map(Object.entries(cells)), lines, threshold);
  return Object.fromEntries([...shown].map(([key, value]) => [key, shownText(value)]));
}

describe('one count on its own', () => {
  it.each([
    [0, 3, '0'],
    [1, 3, 'fewer than 3'],
    [2, 3, 'fewer than 3'],
    [3, 3, '3'],
    [4, 5, 'fewer than 5'],
    [1, 0, '1'],
    [2, 0, '2'],
  ])('%i with threshold %i shows as "%s"', (count, threshold, text) => {
    expect(shownText(suppressOne(count, threshold))).toBe(text);
  });
});

describe('a table with a total', () => {
  const platforms = (cells: Record<string, number>): AdditiveLine[] => [
    { total: 'total', cells: Object.keys(cells).filter((k) => k !== 'total') },
  ];

  it.each<[string, Record<string, number>, Record<string, string>]>([
    ['nothing small: all shown', { total: 12, a: 5, b: 4, c: 3 }, { total: '12', a: '5', b: '4', c: '3' }],
    [
      'one small cell: the next smallest is hidden too, so 12 − 5 − 4 gives nothing away',
      { total: 12, a: 5, b: 4, c: 2, d: 0 },
      { total: '12', a: '5', b: 'hidden', c: 'fewer than 3', d: '0' },
    ],
    [
      'two small cells summing to 3 (1 and 2, or 2 and 1): safe as they are',
      { total: 10, a: 7, b: 1, c: 2 },
      { total: '10', a: '7', b: 'fewer than 3', c: 'fewer than 3' },
    ],
    [
      'two small cells summing to 2 would both be 1: others are hidden until 9 − … says nothing',
      { total: 9, a: 4, b: 3, c: 1, d: 1 },
      { total: '9', a: 'hidden', b: 'hidden', c: 'fewer than 3', d: 'fewer than 3' },
    ],
    [
      'two small cells summing to 4 would both be 2: another is hidden',
      { total: 10, a: 6, b: 2, c: 2 },
      { total: '10', a: 'hidden', b: 'fewer than 3', c: 'fewer than 3' },
    ],
    [
      'a complement of exactly 3 beside a 1 would give the 1 away (3 is its least): one more is hidden',
      { total: 12, a: 8, b: 3, c: 1 },
      { total: '12', a: 'hidden', b: 'hidden', c: 'fewer than 3' },
    ],
    [
      'nothing left to hide beside the small ones: the breakdown is withheld, the total stays',
      { total: 4, a: 1, b: 3 },
      { total: '4', a: 'not shown', b: 'not shown' },
    ],
    [
      'only one cell and it is small: the total is small too',
      { total: 2, a: 2 },
      { total: 'fewer than 3', a: 'fewer than 3' },
    ],
    [
      'a small total: its zeros are "fewer than 3" too, or they would say which cells hold the few',
      { total: 2, a: 1, b: 1, c: 0 },
      { total: 'fewer than 3', a: 'fewer than 3', b: 'fewer than 3', c: 'fewer than 3' },
    ],
  ])('%s', (_name, cells, expected) => {
    expect(table(cells, platforms(cells))).toEqual(expected);
  });

  it('with suppression off (threshold 0) everything is shown', () => {
    const cells = { total: 4, a: 1, b: 3 };
    expect(table(cells, platforms(cells), 0)).toEqual({ total: '4', a: '1', b: '3' });
  });

  it('two breakdowns of one total: each is made safe on its own, the total stays', () => {
    // Platforms 2 + 2 of 4 would pin both at 2; locations 1 + 3 would give the 1 away.
    const cells = { total: 4, p1: 2, p2: 2, l1: 1, l2: 3 };
    const shown = table(cells, [
      { total: 'total', cells: ['p1', 'p2'] },
      { total: 'total', cells: ['l1', 'l2'] },
    ]);
    expect(shown).toEqual({ total: '4', p1: 'not shown', p2: 'not shown', l1: 'not shown', l2: 'not shown' });
  });

  it('refuses a line about a cell that is not in the table', () => {
    expect(() => suppressTable(new Map([['a', 1]]), [{ total: 'a', cells: ['b'] }], 3)).toThrow(
      /not in the table/,
    );
  });
});

// ---- Brute force: what a reader can work out ----

/** Every value each hidden cell can take, given what is shown and that each line adds up. */
function readerRanges(
  shown: Map<string, Shown>,
  lines: AdditiveLine[],
  threshold: number,
  ceiling: number,
): Map<string, Set<number>> {
  const hidden = [...shown].filter(([, s]) => s.kind !== 'exact').map(([k]) => k);
  // A "fewer than t" in a line whose total is also "fewer than t" may be a zero (see suppression.ts).
  const mayBeZero = new Set(
    lines.filter((line) => shown.get(line.total)?.kind === 'fewer').flatMap((line) => line.cells),
  );
  const domain = (key: string): number[] => {
    const s = shown.get(key);
    if (s?.kind === 'fewer')
      return Array.from({ length: threshold }, (_, i) => i).filter((v) => v > 0 || mayBeZero.has(key));
    if (s?.kind === 'withheld') return Array.from({ length: ceiling + 1 }, (_, i) => i);
    return Array.from({ length: ceiling - threshold + 1 }, (_, i) => i + threshold);
  };
  const ranges = new Map(hidden.map((k) => [k, new Set<number>()]));
  const assigned = new Map<string, number>();
  for (const [key, s] of shown) if (s.kind === 'exact') assigned.set(key, s.value);
  const consistent = (): boolean =>
    lines.every((line) => {
      const keys = [line.total, ...line.cells];
      if (!keys.every((k) => assigned.has(k))) return true;
      return line.cells.reduce((sum, k) => sum + (assigned.get(k) ?? 0), 0) === assigned.get(line.total);
    });
  const visit = (index: number): void => {
    if (!consistent()) return;
    if (index === hidden.length) {
      for (const key of hidden) ranges.get(key)?.add(assigned.get(key) ?? -1);
      return;
    }
    const key = hidden[index] ?? '';
    for (const value of domain(key)) {
      assigned.set(key, value);
      visit(index + 1);
      assigned.delete(key);
    }
  };
  visit(0);
  return ranges;
}

describe('no shown total narrows a hidden small count (brute force)', () => {
  const cellsArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 });
  const splitArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 });

  it('over random tables of one line, or two lines sharing their total', () => {
    fc.assert(
      fc.property(
        cellsArb,
        splitArb,
        fc.boolean(),
        fc.constantFrom(3, 4),
        (first, split, twoLines, threshold) => {
          const total = first.reduce((a, b) => a + b, 0);
          const values = new Map<string, number>([['total', total]]);
          first.forEach((v, i) => values.set(`a${i}`, v));
          const lines: AdditiveLine[] = [{ total: 'total', cells: first.map((_, i) => `a${i}`) }];
          if (twoLines) {
            // A second breakdown of the same total (as locations are of the incidents split by platform).
            let remaining = total;
            const second: number[] = [];
            for (const weight of split) {
              const v = Math.min(weight, remaining);
              second.push(v);
              remaining -= v;
            }
            second.push(remaining);
            second.forEach((v, i) => values.set(`b${i}`, v));
            lines.push({ total: 'total', cells: second.map((_, i) => `b${i}`) });
          }
          const shown = suppressTable(values, lines, threshold);
          const ranges = readerRanges(shown, lines, threshold, total + threshold);
          for (const [key, s] of shown) {
            if (s.kind !== 'fewer') continue;
            // The reader cannot tell which of 1..t−1 it is: every one is still possible.
            const possible = ranges.get(key) ?? new Set<number>();
            for (let v = 1; v < threshold; v += 1) expect(possible.has(v)).toBe(true);
          }
          // And nothing small is shown.
          for (const [key, s] of shown) {
            const v = values.get(key) ?? 0;
            if (v > 0 && v < threshold) expect(s.kind).not.toBe('exact');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
