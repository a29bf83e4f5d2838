/**
 * Rebuilding the Summary at scale, through the built bundle: 1,000 and 50,000 incidents written straight
 * into the emulator's Register sheet. The register is read in one Sheets API request, and the number of
 * service calls is the same whatever the register's size. Prints the calls and the Node time of each rebuild.
 */
import { registerColumns } from '../../src/domain/register';
import type { Workspace } from '../../emulator/workspace';
import { SheetsValues } from '../../emulator/sheets-api';
import { SCHOOL, configureSchool, newSchool, runSetUp } from '../support/deployment';
import { fillRegister, summaryPicture, syntheticIncidents } from './summary-fixtures';

const NOW = '2026-11-04T16:00:00Z';

interface Measured {
  calls: Record<string, number>;
  total: number;
  ms: number;
  /** The options of each Sheets.Spreadsheets.Values.batchGet the rebuild made. */
  reads: Array<Record<string, unknown>>;
}

function rebuild(ws: Workspace): Measured {
  const spy = jest.spyOn(SheetsValues.prototype, 'batchGet');
  const start = performance.now();
  try {
    const { calls, total } = ws.calls.measure(() =>
      ws.run('rebuildSummary', [], { user: SCHOOL.dsl, kind: 'trigger' }),
    );
    const reads = spy.mock.calls.map((args) => args[1] as Record<string, unknown>);
    return { calls, total, ms: performance.now() - start, reads };
  } finally {
    spy.mockRestore();
  }
}

/** 1-based columns an A1 range like 'Register'!C2:E names (A → 1, AA → 27). */
function columnsOf(a1: string): number[] {
  const m = /!([A-Z]+)2:([A-Z]+)$/.exec(a1);
  if (!m) throw new Error(`not a column run from row 2: ${a1}`);
  const n = (letters: string): number => [...letters].reduce((v, ch) => v * 26 + ch.charCodeAt(0) - 64, 0);
  const first = n(m[1] ?? '');
  const last = n(m[2] ?? '');
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
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

  it('reads the register in one batchGet: its header and only the columns it uses, open-ended, no extent', () => {
    // The columns the Summary counts (issue 15); never what happened, who reported it or the DSL's notes.
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
    const wanted = registerColumns()
      .map((c, i) => (used.has(c.key) ? i + 1 : 0))
      .filter((c) => c > 0);
    for (const size of sizes) {
      for (const run of [first.get(size), steady.get(size)]) {
        expect(run?.calls['SheetsValues.batchGet']).toBe(1);
        const options = run?.reads[0] ?? {};
        expect(options.valueRenderOption).toBe('UNFORMATTED_VALUE');
        expect(options.dateTimeRenderOption).toBe('SERIAL_NUMBER');
        const [header, ...runs] = options.ranges as string[];
        expect(header).toMatch(/!1:1$/);
        // Each run is open-ended downwards from row 2; together they name exactly the used columns.
        const named = runs.flatMap(columnsOf);
        expect(named).toEqual(wanted);
        expect(runs.length).toBeLessThan(used.size);
        // The Settings sheet whole (loadContext) is the only SpreadsheetApp read of values.
        expect(run?.calls['Sheet.getDataRange']).toBe(1);
        expect(run?.calls['Range.getValues']).toBe(1);
        expect(run?.calls['Range.getValue'] ?? 0).toBe(0);
        expect(run?.calls['Range.getDisplayValues'] ?? 0).toBe(0);
        expect(run?.calls['Sheet.getLastRow'] ?? 0).toBe(0);
        expect(run?.calls['Sheet.getLastColumn'] ?? 0).toBe(0);
      }
      // The nightly rebuild asks no sheet its size.
      expect(steady.get(size)?.calls['Sheet.getMaxRows'] ?? 0).toBe(0);
      expect(steady.get(size)?.calls['Sheet.getMaxColumns'] ?? 0).toBe(0);
    }
  });

  it('makes the same calls for 1,000 and 50,000 incidents, in a bounded number', () => {
    const small = steady.get(1_000);
    const large = steady.get(50_000);
    expect(large?.calls).toEqual(small?.calls);
    expect(writeCalls(large?.calls ?? {})).toEqual(writeCalls(small?.calls ?? {}));
    // One setValues for the whole grid; one range list each for bold and shading.
    expect(large?.calls['Range.setValues']).toBe(1);
    expect(large?.calls['RangeList.setFontWeight']).toBe(1);
    expect(large?.calls['RangeList.setBackground']).toBe(1);
    expect(large?.calls['Range.setFontWeights'] ?? 0).toBe(0);
    expect(large?.calls['Range.setBackgrounds'] ?? 0).toBe(0);
    expect(large?.calls['Sheet.clear']).toBe(1);
    expect(large?.total).toBeLessThan(100);
    // The charts already show the right tables where they belong: nothing is sent for them, nothing
    // removed or inserted, and the Summary sheet is not made again.
    for (const name of [
      'Sheet.updateChart',
      'Sheet.insertChart',
      'Sheet.removeChart',
      'Spreadsheet.insertSheet',
    ]) {
      expect(large?.calls[name] ?? 0).toBe(0);
    }
    // The first rebuild makes the sheet and inserts its 3 charts; over 50,000 incidents the longer Summary
    // does not fit the new sheet, so only then is its size asked and the sheet grown (three calls more).
    expect(first.get(1_000)?.calls['Sheet.insertChart']).toBe(3);
    const firstSmall = first.get(1_000)?.total ?? 0;
    const firstLarge = first.get(50_000)?.total ?? 0;
    expect(firstLarge - firstSmall).toBeLessThanOrEqual(3);
    expect(first.get(1_000)?.calls['Sheet.getMaxRows'] ?? 0).toBe(0);
    expect(first.get(50_000)?.calls['Sheet.insertRowsAfter']).toBe(1);
    expect(Math.abs(firstLarge - (large?.total ?? 0))).toBeLessThanOrEqual(10);
  });

  it('stays far inside Apps Script’s 6-minute limit in Node time', () => {
    expect(steady.get(50_000)?.ms).toBeLessThan(60_000);
  });
});
