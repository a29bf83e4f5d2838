/**
 * What Set up / repair costs in Apps Script service calls, first run and repeat, with a ceiling each: it
 * formats, sizes, validates and protects a run of adjacent columns per call (not a column per call), builds
 * each dropdown and colour rule once per run, and copies the rules into the restricted files. The second
 * test checks that those copies leave each restricted file's register looking and locked exactly like the
 * school's own.
 */
import type { Workspace } from '../../emulator/workspace';
import { configureSchool, deploymentIds, newSchool, runSetUp } from '../support/deployment';

/** Measured 1,617 calls (2,770 before the batching); the ceiling leaves room for small additions. */
const FIRST_RUN_CEILING = 1_650;
/** Measured 1,707 calls (2,912 before). */
const REPEAT_CEILING = 1_740;

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
  it('takes at most 1,650 calls the first time and 1,740 on a repeat, with every file made', () => {
    const ws = newSchool();
    const first = ws.calls.measure(() => runSetUp(ws));
    configureSchool(ws);
    const repeat = ws.calls.measure(() => runSetUp(ws));

    const ids = deploymentIds(ws);
    expect([ids.staffAllegationsId, ids.leadAllegationsId, ids.headteacherAllegationsId]).not.toContain('');
    expect(ws.executions.filter((e) => e.status === 'failed')).toEqual([]);
    // One call per column would be ~48 for each register's wrapping alone: a run of columns is one call.
    expect(first.calls['Range.setVerticalAlignment'] ?? 0).toBeLessThanOrEqual(25);
    expect(first.calls['Range.protect'] ?? 0).toBeLessThanOrEqual(30);
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
