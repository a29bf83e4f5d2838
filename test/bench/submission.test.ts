/**
 * The benchmark's claims about a submission, small and fast: the product makes the same service calls
 * whatever the register's size, and the tutorial way (whole-sheet read, cell-by-cell write) does not scale.
 * Runs the built bundle (npm run build first).
 */
import { prefillRegister, REGISTER_SHEET } from '../../scripts/bench/fixtures';
import {
  measureNaiveSubmission,
  measurePeerSubmission,
  measureSubmission,
  newBenchSchool,
  type OperationResult,
} from '../../scripts/bench/scenarios';
import { comparisonRows, comparisonTable, verdict } from '../../scripts/bench/report';
import { ordinaryReport } from '../../test/support/deployment';
import { registerColumns } from '../../src/domain/register';
import type { Workspace } from '../../emulator/workspace';

function registerRowCount(ws: Workspace): number {
  const sheet = ws.spreadsheets.openFacade(ws.containerId).getSheetByName(REGISTER_SHEET);
  if (!sheet) throw new Error('no Register sheet');
  return sheet.getLastRow() - 1;
}

function cellsRead(result: OperationResult): number {
  return result.cells['Range.getValues'] ?? 0;
}

describe('one submission, whatever the register holds', () => {
  it('makes exactly the same service calls with 0 and with 20,000 incidents already in the register', () => {
    const empty = newBenchSchool();
    const atZero = measureSubmission(empty, 0);

    const full = newBenchSchool();
    prefillRegister(full, 20_000);
    expect(registerRowCount(full)).toBe(20_000);
    const atTwentyThousand = measureSubmission(full, 20_000);

    expect(atZero.status).toBe('ok');
    expect(atTwentyThousand.status).toBe('ok');
    // The submission was recorded, once, in both.
    expect(registerRowCount(empty)).toBe(1);
    expect(registerRowCount(full)).toBe(20_001);
    expect(atTwentyThousand.calls).toEqual(atZero.calls);
    expect(atTwentyThousand.total).toBe(atZero.total);
    // No read of the register itself: the values it reads are the same few cells at both sizes.
    expect(cellsRead(atTwentyThousand)).toBe(cellsRead(atZero));
  });

  it('the tutorial way reads the whole register every time, so it slows as the register grows and the product does not', () => {
    const small = newBenchSchool();
    const naiveEmpty = measureNaiveSubmission(small, 0);
    const productEmpty = measureSubmission(small, 0);

    const large = newBenchSchool();
    prefillRegister(large, 2000);
    const naiveLarge = measureNaiveSubmission(large, 2000);
    const productLarge = measureSubmission(large, 2000);

    for (const r of [naiveEmpty, productEmpty, naiveLarge, productLarge]) expect(r.status).toBe('ok');
    // The tutorial writes one call per cell of the row...
    expect(naiveLarge.calls['Range.setValue']).toBe(registerColumns().length);
    // ...and reads every cell of the register.
    expect(cellsRead(naiveLarge)).toBeGreaterThanOrEqual(2000 * registerColumns().length);
    // Its row was removed again, so the product saw the register the tutorial saw.
    expect(registerRowCount(large)).toBe(2001);

    const naiveGrowth = naiveLarge.modelled.totalMs - naiveEmpty.modelled.totalMs;
    const productGrowth = productLarge.modelled.totalMs - productEmpty.modelled.totalMs;
    expect(naiveGrowth).toBeGreaterThan(100 * Math.max(productGrowth, 1));
    expect(naiveLarge.modelled.totalMs).toBeGreaterThan(productLarge.modelled.totalMs);
    expect(naiveLarge.total).toBeGreaterThan(productLarge.total);
  });
});

describe('the fair peer (a form-linked response sheet and a sheet-bound trigger)', () => {
  it('numbers the response beside it in four calls, emails only when flagged, and sits in one table with both ratios', () => {
    const ws = newBenchSchool();
    prefillRegister(ws, 1000);
    const peer = measurePeerSubmission(ws, 1000);
    const flagged = measurePeerSubmission(ws, 1001, ordinaryReport({ childAtRisk: 'Yes' }));
    expect(peer.status).toBe('ok');
    expect(peer.total).toBe(4);
    expect(peer.emailsSent).toBe(0);
    expect(flagged.total).toBe(5);
    expect(flagged.emailsSent).toBe(1);
    // Its number is in the response sheet, on the response's row.
    const sheet = ws.spreadsheets.openFacade(ws.containerId).getSheetByName('Form responses 1');
    const row = sheet?.getRange(1002, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
    expect(row[row.length - 1]).toMatch(/^OSI-\d{4}-1001$/);

    const results = [peer, measureNaiveSubmission(ws, 1000), measureSubmission(ws, 1000)];
    const rows = comparisonRows(results);
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r?.productOverPeer?.central).toBeCloseTo((r?.product.ms ?? 0) / peer.modelled.totalMs);
    expect(r?.productOverNaive).not.toBeNull();
    const printed = comparisonTable(rows);
    expect(printed).toContain('Product ÷ peer');
    expect(printed).toContain('Product ÷ tutorial');
    expect(verdict(rows, 'peer')).toMatch(/^Against the fair peer, the product is — central: /);
  });
});
