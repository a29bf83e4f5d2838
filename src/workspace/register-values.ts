/**
 * Reads chosen register columns in one Sheets API request (`Sheets.Spreadsheets.Values.batchGet`, the
 * advanced service both manifests enable): the header row and each run of needed columns, unformatted,
 * dates as serials. The ranges, the header check and the rows are domain/register-read's; this file makes
 * the call and asks again when the header shows the columns elsewhere.
 *
 * The request runs as the effective user, with their access to the file, like SpreadsheetApp. It reads the
 * stored file, which SpreadsheetApp writes reach only when flushed ("Apps Script may batch operations",
 * SpreadsheetApp.flush reference), so the read starts with a flush: nothing pending costs nothing, and a
 * job that wrote something earlier in the run (the nightly oversight's governors report) reads what it wrote.
 */
import {
  headerMatches,
  planFromHeader,
  rangesFor,
  rowsFromRuns,
  setUpPlan,
  type ColumnPlan,
} from '../domain/register-read';
import type { RegisterKey } from '../domain/register';
import { layoutOf } from './register-sheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Reads tried before giving up when the header keeps changing under the read (a person editing it). */
const MAX_READS = 3;

function batchGet(spreadsheetId: string, ranges: string[]): Array<unknown[][] | undefined> {
  if (typeof Sheets === 'undefined' || !Sheets) {
    throw new Error('The Sheets advanced service is not enabled for this script (appsscript.json).');
  }
  const reply = Sheets.Spreadsheets.Values.batchGet(spreadsheetId, {
    ranges,
    valueRenderOption: 'UNFORMATTED_VALUE',
    dateTimeRenderOption: 'SERIAL_NUMBER',
  });
  const valueRanges = reply.valueRanges ?? [];
  if (valueRanges.length !== ranges.length)
    throw new Error('The register read answered another set of ranges.');
  return valueRanges.map((range) => range.values as unknown[][] | undefined);
}

export interface RegisterColumnsRead {
  /** The register's header (colour key left out), as the same reply carried it. */
  header: unknown[];
  /** Rows 2 onwards, one cell per header column: the needed columns filled, '' elsewhere, Dates as Dates. */
  rows: unknown[][];
}

/**
 * The columns `keys` of the register sheet, placed by the header the same reply carried: first on the
 * positions Set up gives them, then, if the header says otherwise, on the header's.
 */
export function readRegisterColumns(
  ss: Spreadsheet,
  sheet: Sheet,
  keys: readonly RegisterKey[],
): RegisterColumnsRead {
  const id = ss.getId();
  const name = sheet.getName();
  const timeZone = ss.getSpreadsheetTimeZone();
  let plan: ColumnPlan = setUpPlan(keys);
  SpreadsheetApp.flush();
  for (let attempt = 0; attempt < MAX_READS; attempt += 1) {
    const { ranges, runs } = rangesFor(name, plan);
    const [headerValues, ...runValues] = batchGet(id, ranges);
    const header = layoutOf(headerValues?.[0] ?? []).header;
    if (header.length === 0) return { header, rows: [] };
    if (headerMatches(header, plan)) {
      return { header, rows: rowsFromRuns(header.length, plan, runs, runValues, timeZone) };
    }
    plan = planFromHeader(header, keys);
  }
  throw new Error('The register header changed while it was being read: try again in a minute.');
}
