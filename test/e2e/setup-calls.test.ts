/**
 * What Set up / repair costs in Apps Script service calls, first run and repeat, with a ceiling each: each
 * file's widths, formats, dropdowns, colour rules, frozen panes and protections go in one Sheets API
 * batchUpdate (not a SpreadsheetApp call per run of columns). The second test checks that each restricted
 * file's register comes out looking and locked exactly like the school's own.
 */
import type { Workspace } from '../../emulator/workspace';
import { configureSchool, deploymentIds, newSchool, runSetUp } from '../support/deployment';

/**
 * Measured 652 calls (2,770 before any batching, 1,617 with runs of columns, 652 with one batchUpdate per
 * file); the ceiling leaves room for small additions. The rest: the form (~184 FormApp calls), triggers (~58),
 * finding, making and sharing the files.
 */
const FIRST_RUN_CEILING = 670;
/**
 * Measured 702 calls (2,912, then 1,707 before): the files' old protections and colour rules are found with
 * one spreadsheets.get per file instead of a call per protection.
 */
const REPEAT_CEILING = 720;

function breakdown(label: string, m: { total: number; calls: Record<string, number> }): string {
  const lines = Object.entries(m.calls)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, n]) => `  ${n}\t${name}`);
  return [`${label}: ${m.total} calls`, ...lines].join('\n');
}

interface SheetPicture {
  name: string;
  conditionalFormats: unknown[];
  dataValidations: unknown;
  numberFormats: unknown;
  protections: Array<{ range: string | null; description: string; editors: string[]; domainEdit: boolean }>;
}

/** The Register sheet of one file as a person would meet it: colours, dropdowns, formats, who may edit what. */
function registerPicture(ws: Workspace, spreadsheetId: string): SheetPicture {
  const books = ws.spreadsheets.snapshot() as Array<{ id: string; sheets: SheetPicture[] }>;
  const sheet = books.find((b) => b.id === spreadsheetId)?.sheets.find((s) => s.name === 'Register');
  if (!sheet) throw new Error(`No Register sheet in ${spreadsheetId}`);
  return {
    name: sheet.name,
    conditionalFormats: sheet.conditionalFormats,
    dataValidations: sheet.dataValidations,
    numberFormats: sheet.numberFormats,
    protections: sheet.protections.map((p) => ({
      range: p.range,
      description: p.description,
      editors: [...p.editors].sort(),
      domainEdit: p.domainEdit,
    })),
  };
}

describe('Set up / repair in a bounded number of service calls', () => {
  it('takes at most 670 calls the first time and 720 on a repeat, with every file made', () => {
    const ws = newSchool();
    const first = ws.calls.measure(() => runSetUp(ws));
    configureSchool(ws);
    const repeat = ws.calls.measure(() => runSetUp(ws));

    const ids = deploymentIds(ws);
    expect([ids.staffAllegationsId, ids.leadAllegationsId, ids.headteacherAllegationsId]).not.toContain('');
    expect(ws.executions.filter((e) => e.status === 'failed')).toEqual([]);
    // The register, its logs and the three restricted files: one batchUpdate per file, whatever the columns.
    expect(first.calls['SheetsSpreadsheets.batchUpdate']).toBe(4);
    expect(repeat.calls['SheetsSpreadsheets.batchUpdate']).toBe(4);
    expect(first.calls['Range.protect'] ?? 0).toBe(0);
    expect(first.calls['Sheet.setConditionalFormatRules'] ?? 0).toBe(0);
    expect(repeat.calls['Protection.getDescription'] ?? 0).toBeLessThanOrEqual(5);
    // On failure the message shows where the calls went.
    const within = (label: string, m: typeof first, ceiling: number): string =>
      m.total <= ceiling ? 'within' : breakdown(label, m);
    expect(within('first Set up', first, FIRST_RUN_CEILING)).toBe('within');
    expect(within('repeat Set up', repeat, REPEAT_CEILING)).toBe('within');
  });

  it('gives each restricted file the same colours, dropdowns, formats and protections as the register', () => {
    const ws = newSchool();
    runSetUp(ws);
    configureSchool(ws);
    runSetUp(ws);
    const school = registerPicture(ws, ws.containerId);
    expect(school.conditionalFormats).toHaveLength(6);
    expect(school.protections.length).toBeGreaterThan(1);
    const ids = deploymentIds(ws);
    for (const id of [ids.staffAllegationsId, ids.leadAllegationsId, ids.headteacherAllegationsId])
      expect({ id, ...registerPicture(ws, id) }).toEqual({ id, ...school });
  });
});
