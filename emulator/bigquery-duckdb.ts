/**
 * Runs the trust's saved views (sql/trust-views.sql) on DuckDB over the rows the emulated BigQuery holds:
 * why — the views are SQL that a trust's dashboard queries on BigQuery, and offline the nearest engine that
 * runs the same text is DuckDB (dev dependency only; never in the Apps Script bundle). Test and demo side.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { StoredTable } from './bigquery';

export const VIEWS_SQL = path.resolve(__dirname, '..', 'sql', 'trust-views.sql');

/** DuckDB's DDL for trust.weekly (BigQuery's adds PARTITION BY week_start CLUSTER BY school). */
function createTable(table: StoredTable): string {
  return `CREATE TABLE trust.weekly (${table.fields.map((f) => `${f.name} ${f.type}`).join(', ')})`;
}

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

export interface ViewResults {
  /** Each view's rows, by view name (without the dataset). */
  views: Record<string, Array<Record<string, unknown>>>;
  /** Milliseconds DuckDB took for the three views' queries (a stand-in for BigQuery's query time). */
  queryMs: number;
}

export async function runTrustViews(
  table: StoredTable,
  views = ['latest', 'school_weeks', 'trust_weeks'],
): Promise<ViewResults> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    await connection.run('CREATE SCHEMA trust');
    await connection.run(createTable(table));
    const names = table.fields.map((f) => f.name);
    for (let start = 0; start < table.rows.length; start += 1000) {
      const chunk = table.rows.slice(start, start + 1000);
      const values = chunk.map((row) => {
        const cells = names.map((name) => {
          const field = table.fields.find((f) => f.name === name);
          const value = row[name] ?? null;
          if (value !== null && field?.type === 'DATE') return `DATE ${literal(value)}`;
          if (value !== null && field?.type === 'TIMESTAMP')
            return `TIMESTAMP ${literal(String(value).replace('T', ' ').replace('Z', ''))}`;
          return literal(value);
        });
        return `(${cells.join(', ')})`;
      });
      if (values.length > 0) await connection.run(`INSERT INTO trust.weekly VALUES ${values.join(', ')}`);
    }
    for (const statement of readFileSync(VIEWS_SQL, 'utf8').split(/;\s*$/m)) {
      const sql = statement.replace(/^\s*--.*$/gm, '').trim();
      if (sql !== '') await connection.run(sql);
    }
    const results: ViewResults['views'] = {};
    const started = performance.now();
    for (const view of views) {
      const reader = await connection.runAndReadAll(`SELECT * FROM trust.${view} ORDER BY ALL`);
      // DuckDB gives BIGINT as BigInt; BigQuery's INT64 arrives as a number in JSON: numbers here.
      results[view] = (reader.getRowObjectsJS() as Array<Record<string, unknown>>).map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value]),
        ),
      );
    }
    return { views: results, queryMs: performance.now() - started };
  } finally {
    connection.closeSync();
  }
}
