/** The trust Summary's rules that need no spreadsheet: what a school typed never starts a formula. */
import { buildTrustSummary } from '../../src/domain/trust-summary';

const HEADER = ['School', 'Week', 'Dimension', 'Value', 'Count', 'Shown'];

describe('buildTrustSummary', () => {
  it('quote-prefixes anything in a school sheet that would start a formula', () => {
    const { rows } = buildTrustSummary(
      [
        {
          code: '=EVIL',
          values: [HEADER, ['x', '2026-W44', 'Category', '=IMPORTRANGE("a","b")', 4, 'exact']],
        },
      ],
      '9 Nov 2026 06:00',
    );
    const texts = rows.flat().filter((c): c is string => typeof c === 'string');
    expect(texts.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
    expect(texts).toContain('\'=IMPORTRANGE("a","b")');
    expect(texts).toContain("'=EVIL");
  });

  it('hides an exact count below its own threshold, even one a school showed exactly', () => {
    const { rows } = buildTrustSummary(
      [{ code: 'A', values: [HEADER, ['A', '2026-W44', 'All incidents', 'All', 4, 'exact']] }],
      'now',
      5,
    );
    expect(rows.find((r) => r[0] === '2026-W44')).toEqual(['2026-W44', 'fewer than 5', 0, 'A']);
  });
});
