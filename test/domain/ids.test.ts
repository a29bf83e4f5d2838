import { formatIncidentId, incidentYear, nextIncidentId, parseIncidentId } from '../../src/domain/ids';

describe('incident IDs', () => {
  test.each<[string, number, number, string]>([
    ['OSI', 2026, 42, 'OSI-2026-0042'],
    ['OSI', 2026, 1, 'OSI-2026-0001'],
    ['OSI', 2027, 9999, 'OSI-2027-9999'],
    ['OSI', 2027, 10000, 'OSI-2027-10000'],
    ['SJS', 2026, 7, 'SJS-2026-0007'],
  ])('%s, %i, #%i → %s', (prefix, year, seq, expected) => {
    const id = formatIncidentId(prefix, year, seq);
    expect(id).toBe(expected);
    expect(parseIncidentId(id)).toEqual({ prefix, year, seq });
  });

  test.each([0, -1, 1.5])('a sequence of %p is refused', (seq) => {
    expect(() => formatIncidentId('OSI', 2026, seq)).toThrow(/sequence/);
  });

  test.each([
    '',
    'OSI-2026-42',
    'OSI 2026 0042',
    'OSI-26-0042',
    '2026-0042',
    'OSI-2026-0000',
    'see OSI-2026-0042',
  ])('%p is not an incident ID', (text) => {
    expect(parseIncidentId(text)).toBeNull();
  });

  test('an ID with spaces around it (typed by hand) still reads', () => {
    expect(parseIncidentId('  OSI-2026-0042 ')).toEqual({ prefix: 'OSI', year: 2026, seq: 42 });
  });
});

describe('the year an incident is numbered in is the calendar year of submission in the school time zone', () => {
  test.each<[string, string, number]>([
    ['2026-12-31T23:30:00Z', 'Europe/London', 2026],
    ['2027-01-01T00:00:00Z', 'Europe/London', 2027],
    // New Zealand is 13 hours ahead in December: still 31 December in UTC, already New Year in Auckland.
    ['2026-12-31T11:30:00Z', 'Pacific/Auckland', 2027],
    ['2026-12-31T10:30:00Z', 'Pacific/Auckland', 2026],
    // And behind: already 2027 in UTC, still 31 December in California.
    ['2027-01-01T05:00:00Z', 'America/Los_Angeles', 2026],
  ])('%s in %s → %i', (instant, timeZone, year) => {
    expect(incidentYear(new Date(instant), timeZone)).toBe(year);
  });
});

describe('next incident ID', () => {
  test('follows the highest of the same prefix and year, never refilling a gap', () => {
    const existing = [
      'OSI-2026-0001',
      'OSI-2026-0007',
      'OSI-2026-0003',
      'OSI-2025-0099',
      'XYZ-2026-0050',
      'typed by hand',
      '',
    ];
    expect(nextIncidentId(existing, 'OSI', 2026)).toBe('OSI-2026-0008');
  });

  test('starts again at 0001 in a new year', () => {
    expect(nextIncidentId(['OSI-2026-0311'], 'OSI', 2027)).toBe('OSI-2027-0001');
  });

  test('grows past 9999 instead of wrapping', () => {
    expect(nextIncidentId(['OSI-2026-9999'], 'OSI', 2026)).toBe('OSI-2026-10000');
  });
});
