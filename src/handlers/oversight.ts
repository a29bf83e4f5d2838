/**
 * The nightly oversight job: what leaves the safeguarding team on a schedule other than the weekly email —
 * the governors' termly report when a term has just ended, and the trust export for a school that opted
 * in. One trigger (Set up installs it), run as the runner; the parts are independent (one failing does not
 * stop the other) and a failure fails the run, so Apps Script tells the runner by its failure email.
 */
import { formatLocalDate, localDateOfDayNumber, localDayNumber, mondayOfDayNumber } from '../domain/time';
import { trustRows } from '../domain/trust-export';
import { now } from '../workspace/clock';
import { runsAsRunner } from '../workspace/runner';
import { trustBigQueryStore, trustSpreadsheetStore } from '../workspace/trust-store';
import { loadContext, type RunContext } from './context';
import { termlyReportIfDue, type GovernorsResult } from './governors';
import { readRegisterIncidents } from './summary';

export interface OversightResult {
  governors: GovernorsResult | null;
  /** Rows written to the trust's store; null when the school has not opted in. */
  trustRows: number | null;
}

/** Weeks sent to BigQuery each night; every week on the 1st of the month (older weeks rarely change). */
const RECENT_WEEKS = 8;

/** Writes this school's weekly rows to the trust's store; a school not opted in opens nothing. */
export function trustExportIfOptedIn(ctx: RunContext, at: Date): number | null {
  const { trustSpreadsheetId, trustBigQueryDataset, schoolCode } = ctx.settings;
  if (trustSpreadsheetId === '' && trustBigQueryDataset === '') return null;
  const rows = trustRows(readRegisterIncidents(ctx), ctx.settings, schoolCode, at);
  if (trustBigQueryDataset === '')
    return trustSpreadsheetStore(trustSpreadsheetId).replaceSchool(schoolCode, rows);
  const today = localDayNumber(at, ctx.settings.timeZone);
  const everything = localDateOfDayNumber(today).day === 1;
  const cutoff = formatLocalDate(localDateOfDayNumber(mondayOfDayNumber(today) - 7 * (RECENT_WEEKS - 1)));
  const sent = everything ? rows : rows.filter((row) => row.weekStart >= cutoff);
  return trustBigQueryStore(trustBigQueryDataset, at).replaceSchool(schoolCode, sent);
}

export function nightlyOversight(event?: unknown): OversightResult {
  const ctx = loadContext();
  if (!runsAsRunner('nightlyOversight', event, ctx.props)) return { governors: null, trustRows: null };
  const at = now();
  const problems: string[] = [];
  const attempt = <T>(part: () => T): T | null => {
    try {
      return part();
    } catch (err) {
      // Read by shape: an error from a service comes from another realm.
      const message = typeof err === 'object' && err !== null && 'message' in err ? err.message : err;
      problems.push(String(message));
      return null;
    }
  };
  const result = {
    governors: attempt(() => termlyReportIfDue(ctx, at)),
    trustRows: attempt(() => trustExportIfOptedIn(ctx, at)),
  };
  if (problems.length > 0) throw new Error(problems.join(' '));
  return result;
}
