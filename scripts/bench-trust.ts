/**
 * `npm run bench:trust`: what the trust rollup costs, and that it grows with schools × weeks, not with
 * incidents. Why separate from `npm run bench`: it measures a different job (the nightly oversight export)
 * and adds a DuckDB query; the cost table is shared (scripts/bench/cost-model.ts), read-only.
 *
 * For one school night it runs the built bundle on the emulator, deployed with the BigQuery manifest, over a
 * register of one year and of three years of incidents (about 8 a day), exporting once to the trust
 * spreadsheet and once to BigQuery: rows written, service calls and modelled Apps Script time. A trust of 50
 * and an authority of 500 schools are then that night times the schools (each school's night is its own
 * trigger, run as its own DSL, in parallel: their quotas are separate). The trust view's query time is
 * DuckDB's over synthetic rows of that shape — a stand-in for BigQuery, labelled as such.
 */
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { VIEWS_SQL } from '../emulator/bigquery-duckdb';
import { Workspace } from '../emulator/workspace';
import { DEFAULT_BUNDLE, loadBundle } from '../emulator/load-bundle';
import { SCHOOL, configureSchool, editSettings, runSetUp } from '../test/support/deployment';
import { modelTime } from './bench/cost-model';
import { prefillRegister } from './bench/fixtures';
import { TRUST_FIELDS } from './lib/trust-demo';

const MANIFEST = path.resolve(__dirname, '..', 'appsscript.bigquery.json');
const NOW = '2027-07-20T20:00:00Z';
/** Modelled cost of one insertAll request from Apps Script: an HTTP round trip (**unconfirmed** estimate). */
const INSERT_ALL_MS = 300;

interface Night {
  store: string;
  incidents: number;
  rows: number;
  calls: number;
  modelledMs: number;
}

function callsDuring(ws: Workspace, action: () => void): Record<string, number> {
  const before = ws.calls.byMethod();
  action();
  return Object.fromEntries(
    Object.entries(ws.calls.byMethod())
      .map(([k, n]) => [k, n - (before[k] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

function measure(incidents: number): Night[] {
  const ws = new Workspace({ owner: SCHOOL.dsl, now: NOW });
  loadBundle(ws, DEFAULT_BUNDLE, MANIFEST);
  runSetUp(ws);
  configureSchool(ws);
  prefillRegister(ws, incidents);
  const { id } = ws.spreadsheets.createSpreadsheet('Trust rollup', 'lead@trust.example');
  ws.drive.share(id, SCHOOL.dsl, 'editor');
  ws.bigquery.createTable('oakfield-trust', 'online_safety', 'weekly', TRUST_FIELDS);
  const nights: Night[] = [];
  const run = (store: string, settings: Record<string, string>): void => {
    editSettings(ws, settings);
    const calls = callsDuring(ws, () => ws.run('nightlyOversight', [], { user: SCHOOL.dsl, kind: 'menu' }));
    const table = ws.bigquery.table('oakfield-trust', 'online_safety', 'weekly');
    const rows =
      store === 'spreadsheet'
        ? ((
            ws.spreadsheets.snapshot() as Array<{
              id: string;
              sheets: Array<{ name: string; values: unknown[][] }>;
            }>
          )
            .find((b) => b.id === id)
            ?.sheets.find((s) => s.name === 'School HIL01')?.values.length ?? 1)
        : (table?.requests.reduce((a, b) => a + b, 0) ?? 0) + 1;
    const modelled = modelTime(calls).totalMs + (calls['Tabledata.insertAll'] ?? 0) * INSERT_ALL_MS;
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    nights.push({ store, incidents, rows: rows - 1, calls: total, modelledMs: Math.round(modelled) });
  };
  run('spreadsheet', { 'Trust spreadsheet': id, 'School code': 'HIL01' });
  run('bigquery (8 recent weeks)', {
    'Trust spreadsheet': '',
    'Trust BigQuery dataset': 'oakfield-trust.online_safety',
  });
  return nights;
}

/** DuckDB over `schools` × 156 weeks × `rowsPerWeek` synthetic rows, two exports each: the views' time. */
async function viewTime(schools: number, rowsPerWeek: number): Promise<{ rows: number; ms: number }> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run('CREATE SCHEMA trust');
  await c.run(`CREATE TABLE trust.weekly (${TRUST_FIELDS.map((f) => `${f.name} ${f.type}`).join(', ')})`);
  await c.run(`INSERT INTO trust.weekly
    SELECT 'S' || s, '2025-W' || lpad(CAST(w % 52 + 1 AS VARCHAR), 2, '0') || '-' || CAST(w // 52 AS VARCHAR),
      DATE '2024-09-02' + CAST(w * 7 AS INTEGER), CASE WHEN r = 0 THEN 'All incidents' ELSE 'Category' END,
      'V' || r, CAST(random() * 9 AS BIGINT), 'exact', 'e' || e, TIMESTAMP '2027-07-20 04:00:00'
    FROM range(${schools}) t1(s), range(156) t2(w), range(${rowsPerWeek}) t3(r), range(2) t4(e)`);
  for (const statement of readFileSync(VIEWS_SQL, 'utf8').split(/;\s*$/m)) {
    const sql = statement.replace(/^\s*--.*$/gm, '').trim();
    if (sql !== '') await c.run(sql);
  }
  const started = performance.now();
  await c.runAndReadAll('SELECT * FROM trust.school_weeks');
  await c.runAndReadAll('SELECT * FROM trust.trust_weeks');
  const ms = performance.now() - started;
  const count = await c.runAndReadAll('SELECT COUNT(*) AS n FROM trust.weekly');
  c.closeSync();
  return { rows: Number(count.getRowObjectsJS()[0]?.n ?? 0), ms };
}

async function main(): Promise<void> {
  const nights = [...measure(2920), ...measure(8760)];
  console.log('One school, one night (built bundle on the emulator):');
  console.log('  store                       incidents  rows written  calls  modelled ms');
  for (const n of nights) {
    console.log(
      `  ${n.store.padEnd(27)} ${String(n.incidents).padStart(9)} ${String(n.rows).padStart(13)} ${String(n.calls).padStart(6)} ${String(n.modelledMs).padStart(12)}`,
    );
  }
  const threeYears = nights.filter((n) => n.incidents === 8760);
  const perWeek = Math.round((threeYears.find((n) => n.store === 'spreadsheet')?.rows ?? 0) / 156);
  console.log('\nA trust and an authority, three years of history, per night (schools × one school night):');
  console.log(
    '  schools  store                        rows written  calls   modelled ms per school  DuckDB views (stand-in)',
  );
  for (const schools of [50, 500]) {
    const view = await viewTime(schools, perWeek);
    for (const n of threeYears) {
      console.log(
        `  ${String(schools).padStart(7)}  ${n.store.padEnd(27)} ${String(n.rows * schools).padStart(13)} ${String(n.calls * schools).padStart(6)} ${String(n.modelledMs).padStart(23)}  ${view.ms.toFixed(0)} ms over ${view.rows} rows`,
      );
    }
  }
}

void main();
