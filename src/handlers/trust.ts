/**
 * The trust's own deployment: who builds the trust-wide Summary, and as whom. Why this way (option (a) of
 * issue 16's follow-up, not a sheet of formulas): a school's runner is an editor of the trust spreadsheet
 * only to rewrite its own `School <code>` sheet, so no school's nightly job may write the trust's figures;
 * the trust's safeguarding lead deploys the same bundle bound to the trust spreadsheet, runs "Set up for
 * the trust" once (it marks the file as a trust store, protects the Summary for the lead alone and installs
 * a nightly trigger as the lead), and the Summary is rebuilt each night at about 6am, after the schools'
 * 4am exports — built the same way as a school's Summary: a job, as the runner, rewriting a protected sheet.
 * A formula Summary was not chosen: its suppression would be spreadsheet formulas nobody tests (the
 * emulator does not compute formulas), and a new school's sheet would need its formulas rewritten anyway.
 */
import { buildTrustSummary, type TrustSummary } from '../domain/trust-summary';
import { sameAccount } from '../domain/runner';
import { now } from '../workspace/clock';
import { configFrom, readAllProperties } from '../workspace/config';
import { currentAccount, ownerOf, recordRunner, runnerOf, runsAsRunner } from '../workspace/runner';
import { ensureTriggers } from '../workspace/triggers';
import {
  ensureSummarySheet,
  isTrustStore,
  markAsTrustStore,
  readSchoolSheets,
  writeSummary,
} from '../workspace/trust-summary-sheet';
import { showMessage, ui } from '../workspace/ui';

const TITLE = 'Online Safety — trust';
/** After the schools' nightly exports (04:00): handlers/setup.ts. */
const NIGHTLY_HOUR = 6;

function rebuild(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TrustSummary {
  const { sheet } = ensureSummarySheet(ss);
  const builtAt = Utilities.formatDate(now(), ss.getSpreadsheetTimeZone(), 'd MMM yyyy HH:mm');
  const summary = buildTrustSummary(readSchoolSheets(ss), builtAt);
  writeSummary(sheet, summary.rows);
  return summary;
}

/**
 * Set up for the trust (menu; the trust lead, on the trust's spreadsheet). Refused on a school's incident
 * log, and to anyone but the file's owner (first time) or the recorded runner (a repair).
 */
export function setUpTrust(): TrustSummary | null {
  const props = readAllProperties();
  if (configFrom(props).formId !== '') {
    showMessage(
      TITLE,
      "This spreadsheet is a school's incident log, not a trust's rollup: Set up for the trust is for the trust's own spreadsheet.",
    );
    return null;
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const me = currentAccount();
  const runner = runnerOf(props);
  const allowed = runner === '' ? sameAccount(me, ownerOf(ss)) : sameAccount(me, runner);
  if (!allowed) {
    const who = runner === '' ? ownerOf(ss) || "the spreadsheet's owner" : runner;
    showMessage(TITLE, `Only ${who} can set this spreadsheet up for the trust.`);
    return null;
  }
  // A school's DSL who clicks this on a new school spreadsheet by mistake is asked first: the mark turns
  // its menu into the trust's.
  const screen = ui();
  if (!isTrustStore(ss) && screen) {
    const answer = screen.alert(
      TITLE,
      "Make this spreadsheet the trust's rollup? Its Online Safety menu will then offer only the trust's items, " +
        'and its "Trust summary" sheet will be rebuilt every night, as you. A school\'s own incident log must not be set up this way.',
      screen.ButtonSet.YES_NO,
    );
    if (answer !== screen.Button.YES) return null;
  }
  if (runner === '') recordRunner(me);
  markAsTrustStore(ss);
  ensureTriggers([{ handler: 'nightlyTrustSummary', kind: 'daily', hour: NIGHTLY_HOUR }], false);
  const summary = rebuild(ss);
  showMessage(
    TITLE,
    `This spreadsheet is set up as the trust's rollup. The "Trust summary" sheet (${summary.schools} school sheet(s), ${summary.weeks} week(s)) is rebuilt every night at about ${NIGHTLY_HOUR}am, as you; only you may edit it. ` +
      'Share the file with each school\'s DSL account as an editor; each school writes only its sheet "School <code>".',
  );
  return summary;
}

/** Menu: Rebuild the trust summary now (the trust's runner only). */
export function rebuildTrustSummary(): TrustSummary | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!isTrustStore(ss)) {
    showMessage(TITLE, 'This spreadsheet is not set up for the trust: choose Set up for the trust first.');
    return null;
  }
  if (!runsAsRunner('rebuildTrustSummary')) return null;
  return rebuild(ss);
}

/** The nightly trigger (installed by Set up for the trust, as the trust lead). */
export function nightlyTrustSummary(event?: unknown): TrustSummary | null {
  if (!runsAsRunner('rebuildTrustSummary', event)) return null;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!isTrustStore(ss)) return null;
  return rebuild(ss);
}
