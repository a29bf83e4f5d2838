/**
 * Where a school's trust rows go: why — one interface for the embedded store (the trust's spreadsheet,
 * one sheet per school) and a store at scale (BigQuery; not built yet: see docs/trust.md), so the nightly
 * job does not care which. Thin: no policy here (the rows are made and suppressed in domain/trust-export).
 *
 * The trust spreadsheet store is idempotent by rewriting: the school's sheet ("School <code>") holds all
 * of the school's rows, and each night replaces them whole (clear, then one setValues), so re-running a
 * night, or two nights running, never doubles a count. The same number of calls every night: the rows
 * written grow with weeks, never with incidents. The trust owns the file and shares it with each school's
 * runner; a sheet the runner cannot create or write is an error the nightly run reports.
 */
import type { TrustRow } from '../domain/trust-export';
import { TRUST_COLUMNS, trustRowCells } from '../domain/trust-export';

export interface TrustStore {
  /** Replaces every row of `school` with `rows`; returns how many rows it wrote. */
  replaceSchool(school: string, rows: readonly TrustRow[]): number;
}

export function schoolSheetName(school: string): string {
  return `School ${school}`;
}

export function trustSpreadsheetStore(spreadsheetId: string): TrustStore {
  return {
    replaceSchool(school, rows) {
      let book: GoogleAppsScript.Spreadsheet.Spreadsheet;
      try {
        book = SpreadsheetApp.openById(spreadsheetId);
      } catch {
        throw new Error(
          'The trust spreadsheet in Settings cannot be opened by the account this system runs as: ask the trust to share it with that account as an editor.',
        );
      }
      const name = schoolSheetName(school);
      const sheet = book.getSheetByName(name) ?? book.insertSheet(name);
      sheet.clearContents();
      const values = [[...TRUST_COLUMNS] as Array<string | number>, ...rows.map(trustRowCells)];
      // A new sheet has 1,000 rows; three years of a school's weeks need more (a range past the sheet throws).
      const maxRows = sheet.getMaxRows();
      if (maxRows < values.length) sheet.insertRowsAfter(maxRows, values.length - maxRows);
      sheet.getRange(1, 1, values.length, TRUST_COLUMNS.length).setValues(values);
      return rows.length;
    },
  };
}

/** Rows per insertAll request: BigQuery's recommended batch (https://cloud.google.com/bigquery/quotas). */
const BATCH = 500;

/**
 * The BigQuery store: appends the rows to `project.dataset.weekly` through the BigQuery advanced service
 * (only in the BigQuery deployment, whose manifest enables it). Append-only, each row stamped with this
 * export's ID; the trust's views (sql/trust-views.sql) read, for each school and week, only its latest
 * export — so a night run twice, or two nights, never doubles a count, without relying on insertId's
 * best-effort de-duplication (insertId is still set, so a retried request is usually dropped).
 */
export function trustBigQueryStore(dataset: string, exportedAt: Date): TrustStore {
  const [projectId = '', datasetId = ''] = dataset.split('.');
  return {
    replaceSchool(school, rows) {
      if (typeof BigQuery === 'undefined') {
        throw new Error(
          'Trust BigQuery dataset is set, but this deployment has no BigQuery service: deploy with npm run deploy -- --bigquery (docs/trust.md), or use a trust spreadsheet.',
        );
      }
      const exportId = exportedAt.toISOString();
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH).map((row) => ({
          insertId: `${school}|${row.week}|${row.dimension}|${row.value}|${exportId}`,
          json: {
            school,
            week: row.week,
            week_start: row.weekStart,
            dimension: row.dimension,
            value: row.value,
            count: row.count,
            shown: row.shown,
            export_id: exportId,
            exported_at: exportId,
          },
        }));
        const response = BigQuery.Tabledata.insertAll({ rows: batch }, projectId, datasetId, 'weekly');
        if (response.insertErrors && response.insertErrors.length > 0) {
          throw new Error(
            `BigQuery refused ${response.insertErrors.length} of ${batch.length} rows for the trust: check the table weekly matches docs/trust.md.`,
          );
        }
      }
      return rows.length;
    },
  };
}
