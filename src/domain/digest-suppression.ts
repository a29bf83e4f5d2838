/**
 * The weekly email's numbers after small-number suppression (domain/suppression): why — the email leaves
 * the safeguarding team, so "Year 6: 1" or "1 report last week" must not reach leadership as it is.
 *
 * What is additive in the email, and so declared as a line: the four baseline weeks add up to the baseline
 * sum (printed as the weekly average). This week, the flagged, open and overdue counts and the categories
 * (several per incident) stand alone: primary suppression only. Platforms and year groups list only those
 * with at least the threshold (a platform below it is not named at all, so there is no cell to work out),
 * and a category's rising or spike mark is dropped when its count is hidden (with the average shown, "rising"
 * would say which of 1 and 2 it is).
 */
import type { Digest, DigestBar, DigestCategory } from './digest-email';
import type { Shown } from './suppression';
import { suppressOne, suppressTable } from './suppression';

export interface ShownCategory {
  name: string;
  thisWeek: Shown;
  /** The baseline weeks' sum for this category, hidden when small (the average would give it away). */
  baselineSum: Shown;
  baselineAverage: number;
  rising: boolean;
  spike: boolean;
}

export interface ShownDigest {
  threshold: number;
  thisWeek: Shown;
  baselineSum: Shown;
  /** One per week, oldest first, aligned with digest.weeklyTotals. */
  weeklyTotals: Array<{ label: string; shown: Shown }>;
  flaggedThisWeek: Shown;
  openCount: Shown;
  overdueCount: Shown;
  categories: ShownCategory[];
  spikes: string[];
  rising: string[];
  topPlatforms: DigestBar[];
  topYearGroups: DigestBar[];
}

function atLeast(bars: DigestBar[], threshold: number): DigestBar[] {
  return threshold <= 0 ? bars : bars.filter((bar) => bar.value >= threshold);
}

export function suppressDigest(digest: Digest, threshold: number): ShownDigest {
  const weeks = digest.weeklyTotals;
  const baseline = weeks.slice(0, digest.baselineWeeks);
  const baselineSum = Math.round(digest.baselineAverage * digest.baselineWeeks);
  const values = new Map<string, number>([['baseline', baselineSum]]);
  baseline.forEach((bar, index) => values.set(`w${index}`, bar.value));
  const shown = suppressTable(
    values,
    [{ total: 'baseline', cells: baseline.map((_, index) => `w${index}`) }],
    threshold,
  );
  const thisWeek = suppressOne(digest.thisWeek, threshold);
  const weeklyTotals = weeks.map((bar, index) => ({
    label: bar.label,
    shown: index < digest.baselineWeeks ? (shown.get(`w${index}`) ?? thisWeek) : thisWeek,
  }));

  const categories = digest.categories.map((category: DigestCategory): ShownCategory => {
    const count = suppressOne(category.thisWeek, threshold);
    const hidden = count.kind !== 'exact';
    return {
      name: category.name,
      thisWeek: count,
      baselineSum: suppressOne(Math.round(category.baselineAverage * digest.baselineWeeks), threshold),
      baselineAverage: category.baselineAverage,
      rising: category.rising && !hidden,
      spike: category.spike && !hidden,
    };
  });
  const marked = (names: string[], mark: (c: ShownCategory) => boolean): string[] =>
    names.filter((name) => categories.some((c) => c.name === name && mark(c)));

  return {
    threshold,
    thisWeek,
    baselineSum: shown.get('baseline') ?? { kind: 'withheld' },
    weeklyTotals,
    flaggedThisWeek: suppressOne(digest.flaggedThisWeek, threshold),
    openCount: suppressOne(digest.openCount, threshold),
    overdueCount: suppressOne(digest.overdueCount, threshold),
    categories,
    spikes: marked(digest.spikes, (c) => c.spike),
    rising: marked(digest.rising, (c) => c.rising),
    topPlatforms: atLeast(digest.topPlatforms, threshold),
    topYearGroups: atLeast(digest.topYearGroups, threshold),
  };
}
