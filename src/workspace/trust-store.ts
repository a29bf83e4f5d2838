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
      sheet.getRange(1, 1, values.length, TRUST_COLUMNS.length).setValues(values);
      return rows.length;
    },
  };
}
