/**
 * The trust rollup at scale, through the built bundle deployed with the BigQuery manifest: the nightly job
 * appends the school's recent weeks to the trust's table (emulated BigQuery advanced service), and the
 * trust's saved views (sql/trust-views.sql), run on DuckDB, count each school-week once however many
 * nights ran. Deployed with the default manifest, the same Settings fail the night with a clear message.
 */
import * as path from 'node:path';
import { runTrustViews } from '../../emulator/bigquery-duckdb';
import type { Workspace } from '../../emulator/workspace';
import { editSettings } from '../support/deployment';
import { schoolWithTerm } from './digest-fixtures';
import { TRUST_FIELDS } from '../../scripts/lib/trust-demo';

const BIGQUERY_MANIFEST = path.resolve(__dirname, '..', '..', 'appsscript.bigquery.json');

function optIn(ws: Workspace): void {
  editSettings(ws, { 'Trust BigQuery dataset': 'oakfield-trust.online_safety', 'School code': 'HIL01' });
}

describe('a school deployed with BigQuery that opted in', () => {
  let ws: Workspace;

  beforeAll(() => {
    ({ ws } = schoolWithTerm(BIGQUERY_MANIFEST));
    ws.bigquery.createTable('oakfield-trust', 'online_safety', 'weekly', TRUST_FIELDS);
    optIn(ws);
    ws.advanceTo('2026-11-03T05:00:00Z');
  }, 60_000);

  it('appends its recent weeks each night (two nights: two exports of the same rows)', () => {
    const table = ws.bigquery.table('oakfield-trust', 'online_safety', 'weekly');
    const runs = ws.executions.filter((run) => run.functionName === 'nightlyOversight');
    expect(runs.map((run) => run.status)).toEqual(['completed', 'completed']);
    const exports = [...new Set(table?.rows.map((row) => row.export_id))];
    expect(exports).toEqual(['2026-11-02T04:00:00.000Z', '2026-11-03T04:00:00.000Z']);
    expect(table?.requests).toHaveLength(2);
    const perExport = (table?.rows.length ?? 0) / 2;
    expect(table?.rows.filter((row) => row.export_id === exports[0])).toHaveLength(perExport);
  });

  it("the trust's views count each school-week once, from its latest export (run on DuckDB)", async () => {
    const table = ws.bigquery.table('oakfield-trust', 'online_safety', 'weekly');
    if (!table) throw new Error('no table');
    const { views } = await runTrustViews(table);
    expect(views.school_weeks?.map((row) => [row.week, row.incidents, row.shown])).toEqual([
      ['2026-W40', null, 'fewer than 3'],
      ['2026-W41', 3, 'exact'],
      ['2026-W42', null, 'fewer than 3'],
      ['2026-W43', null, 'fewer than 3'],
      ['2026-W44', 7, 'exact'],
    ]);
    const flagged = views.trust_weeks?.find(
      (row) => row.week === '2026-W44' && row.dimension === 'Flagged' && row.value === 'Yes',
    );
    expect(flagged).toMatchObject({ exact_total: 3, suppressed_schools: 0, schools: 1 });
    expect(views.latest).toHaveLength((table.rows.length ?? 0) / 2);
  });
});

describe('the same Settings on the default deployment', () => {
  it('fails the night with a message saying how to deploy with BigQuery', () => {
    const { ws } = schoolWithTerm();
    optIn(ws);
    ws.advanceTo('2026-11-02T05:00:00Z');
    const run = ws.executions.find((r) => r.functionName === 'nightlyOversight');
    expect(run?.status).toBe('failed');
    expect(run?.error).toContain('npm run deploy -- --bigquery');
  }, 60_000);
});
