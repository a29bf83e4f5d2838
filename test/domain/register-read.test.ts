/**
 * Why: the Summary reads the register as Sheets API serials, not Dates. A serial read in the wrong zone, or
 * a value put under the wrong header, would move incidents between weeks or categories without any error.
 */
import {
  columnRuns,
  headerMatches,
  planFromHeader,
  rangesFor,
  rowsFromRuns,
  setUpPlan,
} from '../../src/domain/register-read';
import { registerColumns, type RegisterKey } from '../../src/domain/register';
import { instantOfSerial } from '../../src/domain/time';

const DAY = 86_400_000;
/** The serial of a wall-clock time: days since 1899-12-30. */
const serialOf = (y: number, mo: number, d: number, h = 0, mi = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi) / DAY + 25569;

describe('instantOfSerial: a serial is a wall time in the spreadsheet’s zone', () => {
  test('on either side of London’s clock changes', () => {
    // 09:00 GMT in winter is 09:00Z; 09:00 BST in summer is 08:00Z.
    expect(instantOfSerial(serialOf(2026, 1, 15, 9), 'Europe/London').toISOString()).toBe(
      '2026-01-15T09:00:00.000Z',
    );
    expect(instantOfSerial(serialOf(2026, 7, 15, 9), 'Europe/London').toISOString()).toBe(
      '2026-07-15T08:00:00.000Z',
    );
    // The spring-forward day: 00:30 is still GMT, 03:00 already BST.
    expect(instantOfSerial(serialOf(2026, 3, 29, 0, 30), 'Europe/London').toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(instantOfSerial(serialOf(2026, 3, 29, 3), 'Europe/London').toISOString()).toBe(
      '2026-03-29T02:00:00.000Z',
    );
    // 01:30 never happens that day: it moves forward by the gap, to 02:30 BST (01:30Z).
    expect(instantOfSerial(serialOf(2026, 3, 29, 1, 30), 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 01:30 happens twice on 25 Oct 2026: the earlier (BST) instant.
    expect(instantOfSerial(serialOf(2026, 10, 25, 1, 30), 'Europe/London').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  test('in another zone the same serial is another instant', () => {
    expect(instantOfSerial(serialOf(2026, 7, 15, 9), 'America/New_York').toISOString()).toBe(
      '2026-07-15T13:00:00.000Z',
    );
  });

  test('a date with no time is midnight there, to the millisecond', () => {
    expect(instantOfSerial(46_000, 'UTC').toISOString()).toBe(new Date((46_000 - 25569) * DAY).toISOString());
  });
});

describe('planning the read', () => {
  const keys: RegisterKey[] = ['incidentId', 'status', 'submittedAt', 'closedOn'];

  test('runs of adjacent columns, open-ended, with the header row first and the sheet name quoted', () => {
    expect(columnRuns([5, 1, 2, 0, 7, 6])).toEqual([
      { first: 1, count: 2 },
      { first: 5, count: 3 },
    ]);
    const plan = new Map<RegisterKey, number>([
      ['incidentId', 1],
      ['status', 2],
      ['submittedAt', 4],
      ['closedOn', 28],
    ]);
    expect(rangesFor("Jo's register", plan).ranges).toEqual([
      "'Jo''s register'!1:1",
      "'Jo''s register'!A2:B",
      "'Jo''s register'!D2:D",
      "'Jo''s register'!AB2:AB",
    ]);
  });

  test('the header decides: a moved column fails the check and the header’s plan reads it where it is', () => {
    const header = registerColumns().map((c) => c.header);
    const plan = setUpPlan(keys);
    expect(headerMatches(header, plan)).toBe(true);
    const moved = ['My notes', ...header];
    expect(headerMatches(moved, plan)).toBe(false);
    const actual = planFromHeader(moved, keys);
    for (const key of keys) expect(actual.get(key)).toBe((plan.get(key) ?? 0) + 1);
    expect(headerMatches(moved, actual)).toBe(true);
  });

  test('rows put back together: short runs padded, serials in date columns become Dates, others stay', () => {
    const header = registerColumns().map((c) => c.header);
    const plan = setUpPlan(['incidentId', 'status', 'submittedAt']);
    const { runs } = rangesFor('Register', plan);
    const at = (key: RegisterKey): number => plan.get(key) ?? 0;
    // incidentId and status are adjacent in Set up's layout; submittedAt is its own run or joins them.
    const values = runs.map((run) => {
      const rows: unknown[][] = [];
      for (let r = 0; r < 2; r += 1) {
        const line: unknown[] = [];
        for (let c = run.first; c < run.first + run.count; c += 1) {
          if (c === at('incidentId')) line.push(r === 0 ? 'OSI-1' : 'OSI-2');
          else if (c === at('status')) line.push(r === 0 ? 'Open' : 42);
          else if (c === at('submittedAt')) line.push(serialOf(2026, 7, 15, 9));
          else line.push('');
        }
        rows.push(line);
      }
      return rows;
    });
    const rows = rowsFromRuns(header.length, plan, runs, values, 'Europe/London');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.[at('incidentId') - 1]).toBe('OSI-1');
    expect(rows[1]?.[at('status') - 1]).toBe(42); // a number in a text column stays a number
    expect((rows[0]?.[at('submittedAt') - 1] as Date).toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(rows[0]).toHaveLength(header.length);
    // A run with no values at all (undefined) leaves its columns blank.
    const blank = rowsFromRuns(
      header.length,
      plan,
      runs,
      [values[0], undefined].slice(0, runs.length),
      'UTC',
    );
    expect(blank.every((row) => row.length === header.length)).toBe(true);
  });
});
