/** The `Online Safety` menu, and the small menu actions. */
import { configFrom, readAllProperties } from '../workspace/config';
import { runsAsRunner } from '../workspace/runner';
import { isTrustStore } from '../workspace/trust-summary-sheet';
import { showMessage, ui } from '../workspace/ui';
import { reconcileMissedReports } from './intake';

export const MENU_NAME = 'Online Safety';

/**
 * Simple trigger: adds the menu when anyone opens the spreadsheet. Reads only the trust mark, so it stays fast.
 *
 * Who may use each item (workspace/runner.ts): Set up, Check for missed reports, Rebuild the summary,
 * Send me a preview, Send pending alerts now, Hand over and Run platform self-test write protected ranges
 * or send mail, so they
 * refuse anyone but the account the system runs as, saying who can; so do Retention review (it reads the
 * allegation files) and Delete a record… (handlers/retention.ts). Open the form, Pupil chronology and
 * Verify audit trail stay open to every editor: they only read what an editor of the
 * register can read already, and write nothing but their own unprotected report sheet (or nothing at
 * all), and send nothing. Take over as DSL checks its own rule (the person handed over to, or the owner).
 */
export function onOpen(): void {
  const screen = ui();
  if (!screen) return;
  // The trust's rollup (marked by Set up for the trust: handlers/trust.ts) has the trust's menu only.
  // Reading the bound file's metadata in a simple trigger rests on the triggers guide ("can modify the file
  // they are bound to": https://developers.google.com/apps-script/guides/triggers#restrictions); for
  // getDeveloperMetadata itself **unconfirmed**, so a refusal falls back to the school's menu, whose
  // "Set up for the trust" item also rebuilds a trust's summary.
  if (markedForTrust()) {
    screen
      .createMenu(MENU_NAME)
      .addItem('Rebuild the trust summary now', 'rebuildTrustSummary')
      .addItem('Set up for the trust (repair)', 'setUpTrust')
      .addToUi();
    return;
  }
  screen
    .createMenu(MENU_NAME)
    .addItem('Set up / repair', 'setUp')
    .addItem('Open the form (its link)', 'showFormLink')
    .addItem('Check for missed reports', 'checkForMissedReports')
    .addItem('Health check', 'showHealthCheck')
    .addItem('Run platform self-test', 'runPlatformSelfTest')
    .addSeparator()
    .addItem('Rebuild the summary now', 'rebuildSummary')
    .addItem('Send me a preview of the weekly email', 'sendDigestPreview')
    .addItem("Send the governors' termly report now", 'sendGovernorsReport')
    .addSeparator()
    .addItem('Pupil chronology…', 'showPupilChronology')
    .addItem('Verify audit trail', 'verifyAuditTrail')
    .addItem('Retention review', 'showRetentionReview')
    .addItem('Delete a record…', 'deleteRecord')
    .addSeparator()
    .addItem('Send pending alerts now', 'retryPendingAlerts')
    .addSeparator()
    .addItem('Hand over to a new DSL…', 'handOver')
    .addItem('Take over as DSL', 'takeOver')
    .addSeparator()
    .addItem("Set up for the trust (the trust's own spreadsheet)", 'setUpTrust')
    .addToUi();
}

function markedForTrust(): boolean {
  try {
    return isTrustStore(SpreadsheetApp.getActiveSpreadsheet());
  } catch {
    return false;
  }
}

export function showFormLink(): void {
  const { formId } = configFrom(readAllProperties());
  if (!formId) {
    showMessage(MENU_NAME, 'There is no form yet: choose Online Safety › Set up / repair first.');
    return;
  }
  let url: string;
  try {
    url = FormApp.openById(formId).getPublishedUrl();
  } catch {
    showMessage(
      MENU_NAME,
      'The report form cannot be found: choose Online Safety › Set up / repair to make it again.',
    );
    return;
  }
  showMessage(
    'The report form',
    `Staff report here (share this link):\n${url}\n\n` +
      'To change categories, platforms or year groups, edit the Settings sheet and run Set up / repair. ' +
      'The questions themselves come from the system: Set up / repair puts back any wording changed in the form.',
  );
}

export function checkForMissedReports(): void {
  // The check writes protected system columns, reads the form's responses and may send alerts: the
  // runner's alone (the nightly run is theirs, so others are told to rely on it).
  if (!runsAsRunner('checkForMissedReports')) return;
  const result = reconcileMissedReports();
  if (!result.formFound) {
    showMessage(MENU_NAME, 'The report form cannot be found: choose Online Safety › Set up / repair first.');
    return;
  }
  const waiting =
    result.waitingForSetUp > 0
      ? `\n${result.waitingForSetUp} report(s) need a restricted file that Set up has not made yet: see Set up's message.`
      : '';
  const recorded = result.responses - result.waitingForSetUp;
  showMessage(
    MENU_NAME,
    result.added === 0
      ? `Nothing was missing: all ${recorded} form response(s) are recorded.${waiting}`
      : `${result.added} missed report(s) found and recorded now; all ${recorded} form response(s) are recorded.${waiting}`,
  );
}
