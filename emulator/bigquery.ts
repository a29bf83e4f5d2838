/**
 * The BigQuery advanced service, as far as the product uses it: Tabledata.insertAll (streaming rows into a
 * table the trust made). Why: a trust at scale keeps its schools' weekly counts in BigQuery (docs/trust.md).
 *
 * Present only when the manifest enables it (dependencies.enabledAdvancedServices, userSymbol BigQuery):
 * otherwise the script sees no `BigQuery` global, as on Apps Script. Its calls need the bigquery scope
 * (emulator/auth.ts), which only the second manifest (appsscript.bigquery.json) asks for.
 *
 * Reference: https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata/insertAll — rows are
 * `{insertId, json}`; insertId is used "on a best-effort basis" to detect duplicates, so this emulator never
 * de-duplicates by it (a product that relied on it would pass here and double-count on Google); a row that
 * does not match the table's schema makes the whole request fail unless skipInvalidRows, and the failure is
 * returned in `insertErrors`, not thrown. A table that does not exist throws (the advanced service throws
 * the API's 404; its exact text is **unconfirmed**). Quotas (https://cloud.google.com/bigquery/quotas,
 * streaming inserts): at most 50,000 rows and 10 MB per request — enforced here.
 *
 * The stored rows are the trust's data: tests and the demo load them into DuckDB (emulator/bigquery-duckdb.ts)
 * to run the trust's views. Any other method of the service throws `not emulated`.
 */
import { Emulated, type Counted } from './core';
import { scriptException } from './utilities';

export type FieldType = 'STRING' | 'INT64' | 'DATE' | 'TIMESTAMP';

export interface TableField {
  name: string;
  type: FieldType;
  mode?: 'NULLABLE' | 'REQUIRED';
}

export interface StoredTable {
  fields: TableField[];
  rows: Array<Record<string, string | number | null>>;
  /** Every insertAll request's row count, in order (test side). */
  requests: number[];
}

const MAX_ROWS = 50_000;
const MAX_BYTES = 10 * 1024 * 1024;

export class BigQueryStore {
  readonly tables = new Map<string, StoredTable>();

  constructor(private readonly ctx: Counted) {}

  /** Test side: the trust makes the table (docs/trust.md has the DDL). */
  createTable(projectId: string, datasetId: string, tableId: string, fields: TableField[]): void {
    this.tables.set(`${projectId}:${datasetId}.${tableId}`, { fields, rows: [], requests: [] });
  }

  table(projectId: string, datasetId: string, tableId: string): StoredTable | undefined {
    return this.tables.get(`${projectId}:${datasetId}.${tableId}`);
  }

  /** The `BigQuery` global. */
  facade(): unknown {
    return { Tabledata: new Tabledata(this.ctx, this) };
  }
}

function valid(field: TableField, value: unknown): boolean {
  if (value === null || value === undefined) return field.mode !== 'REQUIRED';
  if (field.type === 'STRING') return typeof value === 'string';
  if (field.type === 'INT64')
    return (typeof value === 'number' && Number.isInteger(value)) || /^-?\d+$/.test(String(value));
  if (field.type === 'DATE') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

class Tabledata extends Emulated {
  constructor(
    ctx: Counted,
    private readonly _store: BigQueryStore,
  ) {
    super(ctx, 'Tabledata');
  }

  insertAll(request: unknown, projectId: unknown, datasetId: unknown, tableId: unknown): unknown {
    const table = this._store.table(String(projectId), String(datasetId), String(tableId));
    if (!table) {
      throw scriptException(
        `API call to bigquery.tabledata.insertAll failed with error: Not found: Table ${String(projectId)}:${String(datasetId)}.${String(tableId)}`,
      );
    }
    const body = (request ?? {}) as {
      rows?: unknown;
      skipInvalidRows?: unknown;
      ignoreUnknownValues?: unknown;
    };
    const rows = Array.isArray(body.rows) ? (body.rows as Array<{ insertId?: unknown; json?: unknown }>) : [];
    if (rows.length > MAX_ROWS || Buffer.byteLength(JSON.stringify(request), 'utf8') > MAX_BYTES) {
      throw scriptException('API call to bigquery.tabledata.insertAll failed with error: Request too large');
    }
    const names = new Set(table.fields.map((f) => f.name));
    const insertErrors: Array<{ index: number; errors: Array<{ reason: string; message: string }> }> = [];
    rows.forEach((row, index) => {
      const json = (row.json ?? {}) as Record<string, unknown>;
      const problems = [
        ...table.fields.filter((f) => !valid(f, json[f.name])).map((f) => `Invalid value for ${f.name}`),
        ...(body.ignoreUnknownValues === true
          ? []
          : Object.keys(json)
              .filter((k) => !names.has(k))
              .map((k) => `no such field: ${k}`)),
      ];
      if (problems.length > 0)
        insertErrors.push({ index, errors: problems.map((message) => ({ reason: 'invalid', message })) });
    });
    if (insertErrors.length > 0 && body.skipInvalidRows !== true) {
      // The whole request fails: the valid rows are reported as "stopped".
      const failed = new Set(insertErrors.map((e) => e.index));
      rows.forEach((_, index) => {
        if (!failed.has(index)) insertErrors.push({ index, errors: [{ reason: 'stopped', message: '' }] });
      });
      return { kind: 'bigquery#tableDataInsertAllResponse', insertErrors };
    }
    const failed = new Set(insertErrors.map((e) => e.index));
    table.requests.push(rows.length);
    rows.forEach((row, index) => {
      if (failed.has(index)) return;
      const json = (row.json ?? {}) as Record<string, unknown>;
      const stored: Record<string, string | number | null> = {};
      for (const field of table.fields) {
        const value = json[field.name];
        stored[field.name] =
          value === undefined || value === null
            ? null
            : field.type === 'INT64'
              ? Number(value)
              : String(value);
      }
      table.rows.push(stored);
    });
    return insertErrors.length > 0
      ? { kind: 'bigquery#tableDataInsertAllResponse', insertErrors }
      : { kind: 'bigquery#tableDataInsertAllResponse' };
  }
}
