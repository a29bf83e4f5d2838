/** The `Online Safety` menu, and the small menu actions. */
import { configFrom, readAllProperties } from '../workspace/config';
import { showMessage, ui } from '../workspace/ui';
import { reconcileMissedReports } from './intake';

export const MENU_NAME = 'Online Safety';

/** Simple trigger: adds the menu when anyone opens the spreadsheet. Reads nothing, so it stays fast. */
export function onOpen(): void {
  const screen = ui();
  if (!screen) return;
  screen
    .createMenu(MENU_NAME)
    .addItem('Set up / repair', 'setUp')
    .addItem('Open the form (its link)', 'showFormLink')
    .addItem('Check for missed reports', 'checkForMissedReports')
    .addSeparator()
    .addItem('Rebuild the summary now', 'rebuildSummary')
    .addItem('Send me a preview of the weekly email', 'sendDigestPreview')
    .addSeparator()
    .addItem('Pupil chronology…', 'showPupilChronology')
    .addItem('Verify audit trail', 'verifyAuditTrail')
    .addItem('Retention review', 'showRetentionReview')
    .addSeparator()
    .addItem('Send pending alerts now', 'retryPendingAlerts')
    .addToUi();
}

export function showFormLink(): void {
  const { formId } = configFrom(readAllProperties());
  if (!formId) {
    showMessage(MENU_NAME, 'There is no form yet: choose Online Safety › Set up / repair first.');
    return;
  }
  const form = FormApp.openById(formId);
  showMessage(
    'The report form',
    `Staff report here (share this link):\n${form.getPublishedUrl()}\n\nTo change the questions' wording, edit the form; to change categories, platforms or year groups, edit the Settings sheet and run Set up / repair.`,
  );
}

export function checkForMissedReports(): void {
  const result = reconcileMissedReports();
  const waiting =
    result.waitingForSetUp > 0
      ? `\n${result.waitingForSetUp} report(s) need a restricted file that Set up has not made yet: see Set up's message.`
      : '';
  showMessage(
    MENU_NAME,
    result.added === 0
      ? `All ${result.responses} form responses are in the register.${waiting}`
      : `${result.added} missed report(s) added to the register.${waiting}`,
  );
}
