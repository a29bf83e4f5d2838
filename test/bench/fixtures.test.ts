/**
 * The benchmark's pre-filled register looks like a register the product wrote: its header, one row per
 * incident with a unique ID, and the mix of open and closed, flagged and ordinary incidents a school has.
 */
import { generateEntries, prefillRegister } from '../../scripts/bench/fixtures';
import { newBenchSchool } from '../../scripts/bench/scenarios';
import { registerRows, scriptProperties } from '../../test/support/deployment';

describe('the pre-filled register', () => {
  it('holds the incidents under the product’s header, numbered as the product numbers them', () => {
    const ws = newBenchSchool();
    const entries = prefillRegister(ws, 300);
    const rows = registerRows(ws); // checks the header against the schema's
    expect(rows).toHaveLength(300);
    const ids = rows.map((r) => String(r['Incident ID']));
    expect(new Set(ids).size).toBe(300);
    expect(ids).toEqual(entries.map((e) => e.incidentId));
    // The next number the product issues follows on from the last one written this year.
    const year = new Date(ws.clock.now()).getUTCFullYear();
    const lastThisYear = ids.filter((id) => id.includes(`-${year}-`)).length;
    expect(scriptProperties(ws)[`incidentSeq:${year}`]).toBe(String(lastThisYear));
  });

  it('mixes open and closed, flagged and ordinary incidents, with pupils named more than once', () => {
    const now = Date.parse('2026-09-07T08:00:00Z');
    const entries = generateEntries(2000, { now });
    const statuses = new Set(entries.map((e) => e.status));
    expect(statuses.has('Closed')).toBe(true);
    expect(statuses.has('New')).toBe(true);
    expect(entries.some((e) => e.childProtection)).toBe(true);
    expect(entries.some((e) => !e.childProtection)).toBe(true);
    expect(entries.every((e) => e.submittedAt.getTime() < now)).toBe(true);
    const pupils = entries.flatMap((e) => e.pupilsHarmed);
    expect(new Set(pupils).size).toBeLessThan(pupils.length);
    // The same seed gives the same register.
    expect(generateEntries(50, { now }).map((e) => e.description)).toEqual(
      generateEntries(50, { now }).map((e) => e.description),
    );
  });
});
