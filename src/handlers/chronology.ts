/**
 * `Pupil chronology…`: asks the DSL for a pupil's name and builds (or refreshes) the `Chronology` sheet —
 * every incident in the main register naming the pupil, oldest first, with the pupil's role in each.
 * Only the DSL's own register is read, never the restricted allegation files.
 */
import {
  buildChronology,
  chronologySheetRows,
  CHRONOLOGY_HEADER_ROW,
  pupilDisplayName,
} from '../domain/chronology';
import { writeReportSheet } from '../workspace/audit-sheet';
import { now, scriptTimeZone } from '../workspace/clock';
import { findRecordSheet } from '../workspace/record-sheets';
import { showMessage, ui } from '../workspace/ui';

export const CHRONOLOGY_SHEET = 'Chronology';
const TITLE = 'Pupil chronology';

export function showPupilChronology(): void {
  const screen = ui();
  if (!screen) return;
  const answer = screen.prompt(
    TITLE,
    'Pupil\'s name, as "First name Surname" or "Surname, First name" (capitals and spaces do not matter):',
    screen.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== screen.Button.OK) return;
  const pupil = answer.getResponseText().trim();
  if (pupil === '') {
    showMessage(TITLE, 'No name was given, so no chronology was built.');
    return;
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const register = findRecordSheet(ss, 'register', '');
  if (!register) {
    showMessage(TITLE, 'There is no Register sheet yet: choose Online Safety › Set up / repair first.');
    return;
  }
  const timeZone = scriptTimeZone();
  const entries = buildChronology(pupil, register.getDataRange().getValues(), timeZone);
  const builtBy = Session.getActiveUser().getEmail();
  writeReportSheet(ss, CHRONOLOGY_SHEET, chronologySheetRows(pupil, entries, now(), builtBy, timeZone), {
    headerRow: CHRONOLOGY_HEADER_ROW,
    dateColumns: [1],
    widths: [100, 120, 130, 200, 120, 320, 280, 90],
  });
  const name = pupilDisplayName(pupil);
  showMessage(
    TITLE,
    entries.length === 0
      ? `No incident in the register names ${name}. The Chronology sheet says so.`
      : `${entries.length} incident(s) name ${name}: they are on the Chronology sheet, oldest first.`,
  );
}
