/**
 * `Pupil chronology…`: asks for a pupil's name and builds (or refreshes) the `Chronology` sheet — every
 * incident naming the pupil, oldest first, with the pupil's role in each and the file that holds it. The
 * register always; a restricted allegation file only when everyone who can open the register may read it
 * too (domain/chronology's `chronologyFiles`), opened as the person asking, so nobody sees more than they
 * could open themselves.
 */
import {
  buildChronologyAcross,
  chronologyFiles,
  chronologySheetRows,
  CHRONOLOGY_HEADER_ROW,
  pupilDisplayName,
  type LeftOutFile,
} from '../domain/chronology';
import { RESTRICTED_FILES, type RecordFile } from '../domain/routing';
import { spreadsheetAccess } from '../workspace/access';
import { writeReportSheet } from '../workspace/audit-sheet';
import { now } from '../workspace/clock';
import { restrictedFileIds } from '../workspace/config';
import { showMessage, ui } from '../workspace/ui';
import { loadContext, openRecordSheet, type RunContext } from './context';

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
  const ctx = loadContext();
  const register = openRecordSheet(ctx, 'register');
  if (!register) {
    showMessage(TITLE, 'There is no Register sheet yet: choose Online Safety › Set up / repair first.');
    return;
  }
  const { sources, leftOut } = readSources(ctx, register.sheet);
  const entries = buildChronologyAcross(pupil, sources, ctx.timeZone);
  const builtBy = Session.getActiveUser().getEmail();
  const drawnOn = sources.map((s) => s.file);
  writeReportSheet(
    ctx.ss,
    CHRONOLOGY_SHEET,
    chronologySheetRows(pupil, entries, now(), builtBy, ctx.timeZone, { drawnOn, leftOut }),
    {
      headerRow: CHRONOLOGY_HEADER_ROW,
      dateColumns: [1],
      widths: [100, 120, 130, 200, 120, 320, 280, 150, 60],
    },
  );
  const name = pupilDisplayName(pupil);
  const where = drawnOn.length > 1 ? 'in these files' : 'in the register';
  showMessage(
    TITLE,
    entries.length === 0
      ? `No incident ${where} names ${name}. The Chronology sheet says so.`
      : `${entries.length} incident(s) name ${name}: they are on the Chronology sheet, oldest first.`,
  );
}

type Values = unknown[][];

/** The register's values, and each restricted file's that the chronology may draw on and the asker can open. */
function readSources(
  ctx: RunContext,
  register: GoogleAppsScript.Spreadsheet.Sheet,
): { sources: Array<{ file: RecordFile; values: Values }>; leftOut: LeftOutFile[] } {
  const sources: Array<{ file: RecordFile; values: Values }> = [
    { file: 'register', values: register.getDataRange().getValues() },
  ];
  const ids = restrictedFileIds(ctx.config);
  const present = RESTRICTED_FILES.filter((file) => ids[file] !== '');
  if (present.length === 0) return { sources, leftOut: [] };
  const access = spreadsheetAccess('register', ctx.ss);
  const holders = access.holders === null ? null : access.holders.map((h) => h.email);
  const { include, leftOut } = chronologyFiles(ctx.settings, holders, present);
  for (const file of include) {
    const opened = openRecordSheet(ctx, file);
    if (opened) sources.push({ file, values: opened.sheet.getDataRange().getValues() });
    else leftOut.push({ file, reason: 'you cannot open it' });
  }
  return { sources, leftOut };
}
