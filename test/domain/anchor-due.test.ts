/**
 * When the nightly check sends the weekly audit anchor (domain/audit-notices `anchorDue`): on the first
 * night of each local Monday–Sunday week it runs, so a missed night is made good by the next one.
 */
import { anchorDue } from '../../src/domain/audit-notices';

const LONDON = 'Europe/London';

describe('the weekly anchor is due', () => {
  test('on Monday night when the last one went the week before, and not again that week', () => {
    const monday = new Date('2026-11-02T01:00:00Z');
    expect(anchorDue('2026-10-26T01:00:00.000Z', monday, LONDON)).toBe(true);
    expect(anchorDue('2026-11-02T01:00:00.000Z', new Date('2026-11-03T01:00:00Z'), LONDON)).toBe(false);
    expect(anchorDue('2026-11-02T01:00:00.000Z', new Date('2026-11-08T23:59:00Z'), LONDON)).toBe(false);
  });

  test('on Tuesday night when Monday night’s check did not run', () => {
    expect(anchorDue('2026-10-26T01:00:00.000Z', new Date('2026-11-03T01:00:00Z'), LONDON)).toBe(true);
  });

  test('by the school’s week, not UTC’s: 00:30 BST on Monday is Monday', () => {
    // Sunday 23:30 UTC is 00:30 on Monday in London (BST): a new week there.
    expect(anchorDue('2026-10-12T00:00:00.000Z', new Date('2026-10-18T23:30:00Z'), LONDON)).toBe(true);
    expect(anchorDue('2026-10-12T00:00:00.000Z', new Date('2026-10-18T23:30:00Z'), 'UTC')).toBe(false);
  });

  test('when none was kept, it cannot be read, or it is dated after now', () => {
    const now = new Date('2026-11-04T01:00:00Z');
    expect(anchorDue(null, now, LONDON)).toBe(true);
    expect(anchorDue('  ', now, LONDON)).toBe(true);
    expect(anchorDue('last Monday', now, LONDON)).toBe(true);
    expect(anchorDue('2027-01-01T00:00:00.000Z', now, LONDON)).toBe(true);
  });
});
