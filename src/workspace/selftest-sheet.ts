/**
 * The Self-test sheet: a line saying when the run was and how to send it to the project, then a row per
 * check (check, expected, seen on this Google account, result, what a difference would break, what to do).
 * Protected for the runner alone, like the Health sheet; rewritten by every run.
 */
import { textCell } from '../domain/cells';
import {
  SELF_TEST_HEADER,
  SELF_TEST_SHEET,
  selfTestIntro,
  selfTestRows,
  type CheckOutcome,
  type TextCellMode,
} from '../domain/selftest';
import { protectForRunnerOnly } from './protect';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const WIDTHS = [230, 330, 330, 90, 300, 300];
const COLOURS: Record<string, string> = {
  OK: '#d9ead3',
  DIFFERS: '#f4cccc',
  'Not checked': '#fff2cc',
  Waiting: '#efefef',
};

function ensureSheet(ss: Spreadsheet): Sheet {
  let sheet = ss.getSheetByName(SELF_TEST_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(SELF_TEST_SHEET);
    WIDTHS.forEach((w, i) => sheet?.setColumnWidth(i + 1, w));
    sheet.setFrozenRows(2);
  }
  if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length === 0) {
    protectForRunnerOnly(sheet.protect().setDescription('Written by the platform self-test (runner only)'));
  }
  return sheet;
}

/**
 * Writes the run's results: `finished` false while the follow-up check is still to come. Text is kept text
 * the way this run found works (`textCells`): the quote prefix, or plain-text cells.
 */
export function writeSelfTestSheet(
  ss: Spreadsheet,
  outcomes: readonly CheckOutcome[],
  finished: boolean,
  when: string,
  textCells: TextCellMode,
): Sheet {
  const sheet = ensureSheet(ss);
  sheet.clear();
  const width = SELF_TEST_HEADER.length;
  const [header, ...rows] = selfTestRows(outcomes);
  const asText = textCells === 'format' ? (t: string): string => t : textCell;
  const intro = [asText(selfTestIntro(finished, when)), ...new Array<string>(width - 1).fill('')];
  const table = [header ?? [], ...rows.map((r) => r.map(asText))];
  const all = sheet.getRange(1, 1, table.length + 1, width);
  if (textCells === 'format') all.setNumberFormat('@');
  all.setValues([intro, ...table]);
  sheet.getRange(1, 1, 2, width).setFontWeight('bold');
  sheet.getRange(2, 1, table.length, width).setWrap(true).setVerticalAlignment('top');
  sheet.getRange(3, 4, rows.length, 1).setBackgrounds(rows.map((r) => [COLOURS[r[3] ?? ''] ?? '#ffffff']));
  return sheet;
}
