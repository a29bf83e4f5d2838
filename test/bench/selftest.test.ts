/**
 * What a full live run of the platform self-test costs on Apps Script, by the benchmark's cost model: the
 * menu run and its follow-up, each well inside the 6-minute limit, with every call classified. Runs the
 * built bundle; the figures are printed for the closing note.
 */
import { EXECUTION_LIMIT_MS, NEAR_LIMIT_SHARE, modelTime } from '../../scripts/bench/cost-model';
import { measure } from '../../scripts/bench/meter';
import { SCHOOL, configureSchool, newSchool, runSetUp } from '../support/deployment';

it('a full run (menu, then the follow-up a minute later) is modelled well inside the execution limit', () => {
  const ws = newSchool();
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  ws.drive.share(ws.containerId, SCHOOL.deputy, 'editor');
  const menu = measure(ws, () => ws.run('runPlatformSelfTest', [], { user: SCHOOL.dsl, kind: 'menu' }));
  const followUp = measure(ws, () => ws.advanceTo(ws.clock.now() + 61_000));
  const figures = [
    ['menu run', menu],
    ['follow-up', followUp],
  ] as const;
  const lines: string[] = [];
  for (const [name, m] of figures) {
    const modelled = modelTime(m.calls, m.cells);
    expect(modelled.unclassified).toEqual([]);
    expect(modelled.totalMs).toBeLessThan(EXECUTION_LIMIT_MS * NEAR_LIMIT_SHARE * 0.1);
    lines.push(
      `${name}: ${m.total} calls ${JSON.stringify(m.byService)}, modelled ${(modelled.totalMs / 1000).toFixed(1)} s`,
    );
  }
  console.log(`Platform self-test, a full run:\n${lines.join('\n')}`);
});
