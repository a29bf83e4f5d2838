/**
 * `Retention review`: lists the incidents closed longer ago than the retention period in Settings on the
 * `Retention review` sheet, for the DSL to decide on. Nothing is ever deleted by the system.
 */
import { formatDayMonthYear } from '../domain/cells';
import { makeRowReader, type RegisterEntry } from '../domain/register';
import { RETENTION_HEADER_ROW, retentionReview, retentionSheetRows } from '../domain/retention';
import { writeReportSheet } from '../workspace/audit-sheet';
import { now } from '../workspace/clock';
import { findRecordSheet } from '../workspace/record-sheets';
import { showMessage } from '../workspace/ui';
import { loadContext } from './context';

export const RETENTION_SHEET = 'Retention review';
const TITLE = 'Retention review';

export function showRetentionReview(): void {
  const ctx = loadContext();
  const register = findRecordSheet(ctx.ss, 'register', '');
  if (!register) {
    showMessage(TITLE, 'There is no Register sheet yet: choose Online Safety › Set up / repair first.');
    return;
  }
  const [header = [], ...rows] = register.getDataRange().getValues();
  // Columns found by header text once for all rows, wherever the DSL has put them.
  const read = makeRowReader(header, ctx.timeZone);
  const incidents: Array<{ row: number; incident: RegisterEntry }> = [];
  rows.forEach((row, i) => {
    const incident = read(row);
    if (incident) incidents.push({ row: i + 2, incident });
  });
  const years = ctx.settings.retentionYears;
  const at = now();
  const review = retentionReview(incidents, years, at, ctx.timeZone);
  writeReportSheet(
    ctx.ss,
    RETENTION_SHEET,
    retentionSheetRows(review, years, formatDayMonthYear(at, ctx.timeZone)),
    {
      headerRow: RETENTION_HEADER_ROW,
      dateColumns: [2, 4, 5],
      widths: [120, 110, 220, 100, 130, 90, 300],
    },
  );
  const listed = review.due.length + review.undated.length;
  const problems =
    ctx.settingsProblems.length > 0 ? `\n\nSettings need attention:\n${ctx.settingsProblems.join('\n')}` : '';
  showMessage(
    TITLE,
    (listed === 0
      ? `No closed incident is past the retention period (${years} year(s)).`
      : `${listed} closed incident(s) are past the retention period (${years} year(s)) and are listed on the Retention review sheet for you to review.`) +
      '\n\nNothing has been deleted.' +
      problems,
  );
}
