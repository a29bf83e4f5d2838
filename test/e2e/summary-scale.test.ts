/**
 * Rebuilding the Summary at scale, through the built bundle: 1,000 and 50,000 incidents written straight
 * into the emulator's Register sheet. The register is read once, and the number of service calls is the
 * same whatever the register's size. Prints the calls and the Node time of each rebuild.
 */
import { registerColumns } from '../../src/domain/register';
import type { Workspace } from '../../emulator/workspace';
import { SCHOOL, configureSchool, newSchool, runSetUp } from '../support/deployment';
import { fillRegister, summaryPicture, syntheticIncidents } from './summary-fixtures';

const NOW = '2026-11-04T16:00:00Z';

interface Measured {
  calls: Record<string, number>;
  total: number;
  ms: number;
}

function rebuild(ws: Workspace): Measured {
  const start = performance.now();
  const { calls, total } = ws.calls.measure(() =>
    ws.run('rebuildSummary', [], { user: SCHOOL.dsl, kind: 'trigger' }),
  );
  return { calls, total, ms: performance.now() - start };
}

/** Calls that change the spreadsheet (everything but reads and lookups). */
function writeCalls(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(calls).filter(
      ([name]) =>
        !/\.(get|open|can|is|has)[A-Z]/.test(name) &&
        !/^(Session|PropertiesService|Properties|LockService|Lock)\./.test(name),
    ),
  );
}

function school(incidents: number): Workspace {
  const ws = newSchool({ now: NOW });
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  fillRegister(
    ws,
    syntheticIncidents(incidents, { end: new Date(NOW), days: 730, pupils: Math.max(200, incidents / 5) }),
  );
  return ws;
}

describe('rebuilding the Summary over a large register', () => {
  const sizes = [1_000, 50_000] as const;
  const first = new Map<number, Measured>();
  const steady = new Map<number, Measured>();
  const gridRows = new Map<number, number>();

  beforeAll(() => {
    for (const size of sizes) {
      const ws = school(size);
      first.set(size, rebuild(ws));
      steady.set(size, rebuild(ws));
      gridRows.set(size, summaryPicture(ws).values.length);
    }
    const lines = sizes.map((size) => {
      const a = first.get(size);
      const b = steady.get(size);
      return (
        `${String(size).padStart(6)} incidents: first rebuild ${a?.total} calls, ${a?.ms.toFixed(0)} ms; ` +
        `next rebuild ${b?.total} calls, ${b?.ms.toFixed(0)} ms; Summary ${gridRows.get(size)} rows`
      );
    });
    console.log(
      `Summary rebuild (service calls, Node time)\n${lines.join('\n')}\n` +
        `calls of a rebuild over 50,000 incidents: ${JSON.stringify(steady.get(50_000)?.calls, null, 1)}`,
    );
  }, 180_000);

  it('reads only the register columns it uses, a run of adjacent columns at a time, never the whole sheet', () => {
    // The columns the Summary counts (issue 15): one read per run of adjacent ones on Set up's layout.
    const used = new Set([
      'incidentId',
      'status',
      'submittedAt',
      'lastUpdated',
      'closedOn',
      'categories',
      'fourCs',
      'yearGroups',
      'platform',
      'location',
      'childProtection',
      'pupilsHarmed',
      'pupilsCausedHarm',
      'pupilsOther',
    ]);
    const positions = registerColumns()
      .map((c, i) => (used.has(c.key) ? i : -1))
      .filter((i) => i >= 0);
    const runs = positions.filter((p, i) => i === 0 || positions[i - 1] !== p - 1).length;
    expect(runs).toBeLessThan(used.size);
    for (const size of sizes) {
      for (const run of [first.get(size), steady.get(size)]) {
        // The Settings sheet whole (loadContext); of the Register, its header and the runs: nothing else.
        expect(run?.calls['Sheet.getDataRange']).toBe(1);
        expect(run?.calls['Range.getValues']).toBe(2 + runs);
        expect(run?.calls['Range.getValue'] ?? 0).toBe(0);
        expect(run?.calls['Range.getDisplayValues'] ?? 0).toBe(0);
      }
    }
  });

  it('makes the same calls for 1,000 and 50,000 incidents, in a bounded number', () => {
    const small = steady.get(1_000);
    const large = steady.get(50_000);
    expect(large?.calls).toEqual(small?.calls);
    expect(writeCalls(large?.calls ?? {})).toEqual(writeCalls(small?.calls ?? {}));
    // One setValues for the whole grid; one call each for bold and shading.
    expect(large?.calls['Range.setValues']).toBe(1);
    expect(large?.calls['Range.setFontWeights']).toBe(1);
    expect(large?.calls['Range.setBackgrounds']).toBe(1);
    expect(large?.calls['Sheet.clear']).toBe(1);
    expect(large?.total).toBeLessThan(120);
    // The first rebuild makes the sheet and inserts its charts rather than updating them (a few calls
    // fewer); over 50,000 incidents the longer Summary also grows the new sheet once (one call more).
    const firstSmall = first.get(1_000)?.total ?? 0;
    const firstLarge = first.get(50_000)?.total ?? 0;
    expect(firstLarge - firstSmall).toBeLessThanOrEqual(1);
    expect(first.get(50_000)?.calls['Sheet.insertRowsAfter']).toBe(1);
    expect(Math.abs(firstLarge - (large?.total ?? 0))).toBeLessThanOrEqual(10);
  });

  it('stays far inside Apps Script’s 6-minute limit in Node time', () => {
    expect(steady.get(50_000)?.ms).toBeLessThan(60_000);
  });
});
