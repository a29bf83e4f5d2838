/** Talking to the person at the spreadsheet, when there is one. */

/** The spreadsheet's UI, or null when the run has none (a trigger, or the script editor). */
export function ui(): GoogleAppsScript.Base.Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}

/**
 * Shows a message in a dialog. Without a UI (a trigger or the script editor) the message is not logged:
 * it can name people, and logs must hold no personal data.
 */
export function showMessage(title: string, message: string): void {
  const screen = ui();
  if (!screen) return;
  screen.alert(title, message, screen.ButtonSet.OK);
}

/** A short note at the bottom right of the spreadsheet. */
export function toast(message: string, title: string): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 8);
}
