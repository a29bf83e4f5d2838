/**
 * Input safety through the built bundle: whatever staff type is stored and shown exactly as typed —
 * never run as a formula, never turned into a number, date or boolean — and text longer than a cell
 * holds is cut with a visible marker while the row still lands.
 */
import {
  configureSchool,
  deploymentIds,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  submit,
} from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { isTruncated } from '../../src/domain/cells';

interface SheetView {
  name: string;
  values: unknown[][];
  formulas: Record<string, string>;
}
interface BookView {
  id: string;
  sheets: SheetView[];
}

function setUpSchool(): Workspace {
  const ws = newSchool();
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  return ws;
}

/** Every formula cell in the record files (the register and the restricted files). */
function formulasInRecords(ws: Workspace): Record<string, string> {
  const ids = deploymentIds(ws);
  const recordFiles = [ws.containerId, ids.staffAllegationsId, ids.headteacherAllegationsId];
  const out: Record<string, string> = {};
  for (const book of ws.spreadsheets.snapshot() as BookView[]) {
    if (!recordFiles.includes(book.id)) continue;
    for (const sheet of book.sheets.filter((s) => s.name === 'Register')) {
      for (const [cell, formula] of Object.entries(sheet.formulas)) out[`${book.id}!${cell}`] = formula;
    }
  }
  return out;
}

/** The register's cells as the script reads them back (getValues and getFormulas on the whole sheet). */
function readBack(ws: Workspace): { values: unknown[][]; formulas: string[][] } {
  const SpreadsheetApp = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const range = SpreadsheetApp.openById(ws.containerId).getSheetByName('Register')!.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas() };
}

const ARABIC = 'قال الطفل: "لا أريد أن أذهب إلى المدرسة غدًا"';
const HEBREW = 'הילד אמר: "אל תספרי לאף אחד"';
const EMOJI = 'He sent 🍆💦 and 👩🏽‍💻🧒🏾 then 🇬🇧 — “stop”';

describe('typed text is stored exactly as typed', () => {
  test('formula-like, number-like, emoji, right-to-left and multi-line answers, and empty optional ones', () => {
    const ws = setUpSchool();
    const typed = {
      description: '=1+1',
      actionsTaken: '=HYPERLINK("http://x","y")',
      evidenceWhere: '+44 7700 900123',
      pupilsHarmed: '-5',
      pupilsCausedHarm: '@here',
      pupilsOther: EMOJI,
      platform: '=IMPORTRANGE("https://example.invalid","A1")',
    };
    const first = submit(ws, ordinaryReport(typed));
    const second = submit(
      ws,
      ordinaryReport({
        description: `${ARABIC}\n${HEBREW}\r\nLine three, then a blank line:\n\nand the end.  `,
        actionsTaken: "'already quoted",
        evidenceWhere: 'TRUE',
        pupilsHarmed: `${HEBREW}\n007`,
        pupilsCausedHarm: '12/03/2026',
        platform: '',
        pupilsOther: '',
        parentsInformed: '',
        yearGroups: [],
      }),
    );
    const rows = registerRows(ws);
    expect(rows).toHaveLength(2);
    const row = (id: string): Record<string, unknown> => rows.find((r) => r['Response ID'] === id)!;

    expect(row(first.responseId)).toMatchObject({
      'What happened': '=1+1',
      'Actions already taken': '=HYPERLINK("http://x","y")',
      'Evidence where': '+44 7700 900123',
      'Pupils harmed': '-5',
      'Pupils who caused harm': '@here',
      'Other pupils / witnesses': EMOJI,
      'Platform / app': '=IMPORTRANGE("https://example.invalid","A1")',
    });
    expect(row(second.responseId)).toMatchObject({
      'What happened': `${ARABIC}\n${HEBREW}\r\nLine three, then a blank line:\n\nand the end.  `,
      'Actions already taken': "'already quoted",
      'Evidence where': 'TRUE',
      'Pupils harmed': `${HEBREW}\n007`,
      'Pupils who caused harm': '12/03/2026',
      'Platform / app': '',
      'Other pupils / witnesses': '',
      'Parents informed (reporter)': '',
      'Year groups': '',
    });

    // Nothing became a formula, and the script reading the sheet back sees text, not numbers or booleans.
    expect(formulasInRecords(ws)).toEqual({});
    const back = readBack(ws);
    expect(back.formulas.flat().filter((f) => f !== '')).toEqual([]);
    const strings = back.values.flat().filter((v) => typeof v === 'string');
    for (const text of ['=1+1', '-5', '+44 7700 900123', '@here', 'TRUE', '12/03/2026', "'already quoted"]) {
      expect(strings).toContain(text);
    }
    expect(back.values.flat()).not.toContain(-5);
    expect(back.values.flat()).not.toContain(true);
  });

  test('a 40,000-character answer is stored whole', () => {
    const ws = setUpSchool();
    const long = Array.from({ length: 4000 }, (_, i) => `${String(i).padStart(4, '0')} word `)
      .join('')
      .slice(0, 40_000);
    expect(long).toHaveLength(40_000);
    const { responseId } = submit(
      ws,
      ordinaryReport({ description: long, actionsTaken: `=${long.slice(0, 100)}` }),
    );
    const row = registerRows(ws).find((r) => r['Response ID'] === responseId)!;
    expect(row['What happened']).toBe(long);
    expect(row['Actions already taken']).toBe(`=${long.slice(0, 100)}`);
    expect(formulasInRecords(ws)).toEqual({});
  });

  test('a 60,000-character answer is cut with a visible marker, and the row still lands', () => {
    const ws = setUpSchool();
    // Emoji throughout, so a cut that split a surrogate pair would show.
    const huge = '😀a'.repeat(20_000);
    expect(huge).toHaveLength(60_000);
    const { responseId, executions } = submit(ws, ordinaryReport({ description: huge, childAtRisk: 'Yes' }));
    expect(executions.map((e) => e.status)).toEqual(['completed']);
    const rows = registerRows(ws);
    expect(rows).toHaveLength(1);
    const stored = String(rows[0]!['What happened']);
    expect(rows[0]!['Response ID']).toBe(responseId);
    expect(stored.length).toBeLessThanOrEqual(50_000);
    expect(isTruncated(stored)).toBe(true);
    expect(stored).toMatch(
      /more characters not stored in this cell: the full text is in the form response\.\]$/,
    );
    const kept = stored.slice(0, stored.indexOf('\n\n[…'));
    expect(huge.startsWith(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(49_000);
    expect(/[\uD800-\uDBFF]$/.test(kept)).toBe(false);
    // The rest of the row is intact, and the alert went out.
    expect(rows[0]).toMatchObject({ 'Child protection': 'Yes', Status: 'New', 'Alert status': 'Sent' });
    // The form itself keeps the whole text, as the marker says.
    const response = ws.forms.responses(deploymentIds(ws).formId)[0]!;
    expect(Object.values(response.answers)).toContain(huge);
  });
});
