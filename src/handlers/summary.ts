/**
 * The `Summary` sheet, rebuilt nightly by a trigger and on demand from the menu: a read of the register's
 * columns it uses, the analytics in memory, and a write whose number of service calls does not depend on
 * the register's size.
 *
 * Only the main register is read. Allegations about staff and about the Headteacher are recorded in their
 * restricted files (domain/routing) and are neither counted nor named here: the Summary lives in the
 * register spreadsheet, whose readers include people those files are kept from, and even a count of
 * "allegations about the Headteacher this month" would tell them something. The same incidents feed the
 * weekly leadership email (handlers/digest), which therefore never counts them either.
 *
 * Each rebuild also keeps what the weekly email needs — its counts for the last complete week, no names
 * from the register — in the runner's snapshot (domain/weekly-snapshot, workspace/weekly-snapshot), so the
 * email does not read the register again; and it refreshes the runner's cached Settings
 * (workspace/submit-snapshot), so the email need not read the Settings sheet either.
 */
import { computeSummary } from '../domain/analytics';
import type { RegisterEntry, RegisterKey } from '../domain/register';
import { readRegisterColumns } from '../workspace/register-values';
import { makeRowReader } from '../domain/register';
import { layoutSummaryGrid, summarySheetBlocks } from '../domain/summary-layout';
import { formatDayLabel, localParts } from '../domain/time';
import { now } from '../workspace/clock';
import { writeSummarySheet, withRebuildLock } from '../workspace/summary-sheet';
import { runsAsRunner } from '../workspace/runner';
import { refreshSnapshotSettings } from '../workspace/submit-snapshot';
import { saveWeeklySnapshotText } from '../workspace/weekly-snapshot';
import { snapshotText, weeklyDigestAt } from '../domain/weekly-snapshot';
import { showMessage, toast, ui } from '../workspace/ui';
import { loadContext, openRecordSheet, type RunContext } from './context';
import { MENU_NAME } from './menu';

/**
 * The register columns the Summary and the weekly email use: nothing else is read, so what happened, who
 * reported it and the DSL's notes never reach the analytics (and the leadership email cannot show them), and
 * a 50,000-row register moves a quarter of its cells.
 */
export const SUMMARY_COLUMNS: readonly RegisterKey[] = [
  'incidentId',
  'status',
  'submittedAt',
  'lastUpdated',
  'closedOn',
  'categories',
  'fourCs',
  'yearGroups',
  'platform',
  'location',
  'childProtection',
  'pupilsHarmed',
  'pupilsCausedHarm',
  'pupilsOther',
];

/**
 * Every incident in the main register, read in one Sheets API request (workspace/register-values): the
 * header and each run of adjacent SUMMARY_COLUMNS (plus `extraColumns`), found by header — one call
 * whatever the register's size, two when someone has moved a column. Rows with no incident ID (blank or
 * stray rows) are skipped. Empty when Set up has not made the register yet.
 */
export function readRegisterIncidents(
  ctx: RunContext,
  extraColumns: readonly RegisterKey[] = [],
): RegisterEntry[] {
  const register = openRecordSheet(ctx, 'register');
  if (!register) return [];
  const { header, rows } = readRegisterColumns(register.ss, register.sheet, [
    ...SUMMARY_COLUMNS,
    ...extraColumns,
  ]);
  if (header.length === 0) return [];
  const read = makeRowReader(header, ctx.settings.timeZone);
  const incidents: RegisterEntry[] = [];
  for (const row of rows) {
    const incident = read(row);
    if (incident) incidents.push(incident);
  }
  return incidents;
}

export interface RebuildResult {
  incidents: number;
  rows: number;
  asOf: Date;
}

function timeLabel(at: Date, timeZone: string): string {
  const parts = localParts(at, timeZone);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${formatDayLabel(parts)} ${pad(parts.hour)}:${pad(parts.minute)}`;
}

/**
 * Nightly trigger and menu item. From the menu it shows the Summary sheet and says what it did; from the
 * trigger it says nothing (there is nobody to tell). Returns null when another rebuild was already running.
 */
export function rebuildSummary(event?: unknown): RebuildResult | null {
  // Rewrites the Summary sheet: the runner's, from the menu or their nightly trigger.
  if (!runsAsRunner('rebuildSummary', event)) return null;
  const result = withRebuildLock((): RebuildResult => {
    const ctx = loadContext();
    // Settings as just read, for the morning's runs (the weekly email): at once, so an edit after this
    // read drops what is kept here (its edit trigger does) rather than being overwritten by it.
    refreshSnapshotSettings(ctx.timeZone, ctx.settings, ctx.settingsProblems);
    const asOf = now();
    const incidents = readRegisterIncidents(ctx);
    const summary = computeSummary(incidents, ctx.settings, asOf);
    const grid = layoutSummaryGrid(summarySheetBlocks(summary, ctx.settings, asOf));
    const sheet = writeSummarySheet(ctx.ss, grid);
    // The weekly email's figures for the week before this one, from the incidents already read.
    const weekly = weeklyDigestAt(
      (weekOf) => computeSummary(incidents, ctx.settings, asOf, { weekOf }),
      ctx.settings,
      asOf,
    );
    saveWeeklySnapshotText(snapshotText(weekly, ctx.settings, asOf));
    if (ui()) {
      sheet.activate();
      toast(
        `${incidents.length} incidents, as of ${timeLabel(asOf, ctx.settings.timeZone)}.`,
        'Summary rebuilt',
      );
    }
    return { incidents: incidents.length, rows: grid.rowCount, asOf };
  });
  if (result === null) {
    showMessage(MENU_NAME, 'The summary is being rebuilt already: it will be up to date in a minute or two.');
  }
  return result;
}
