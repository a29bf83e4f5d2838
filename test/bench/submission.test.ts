/**
 * The benchmark's claims about a submission, small and fast: the product makes the same service calls
 * whatever the register's size, and the tutorial way (whole-sheet read, cell-by-cell write) does not scale.
 * Runs the built bundle (npm run build first).
 */
import { prefillRegister, REGISTER_SHEET } from '../../scripts/bench/fixtures';
import {
  measureNaiveSubmission,
  measureSubmission,
  newBenchSchool,
  type OperationResult,
} from '../../scripts/bench/scenarios';
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
