/**
 * The trust-wide rollup through the built bundle: a school that opts in (Settings: Trust spreadsheet and
 * School code) has its weekly counts written by the nightly oversight trigger to its own sheet of the
 * trust's spreadsheet — idempotently (two nights, or a night run twice, never double a count), with no
 * name, nothing typed and no count below 3 — and a school that has not opted in writes nothing.
 */
import type { Workspace } from '../../emulator/workspace';
import { prefillRegister } from '../../scripts/bench/fixtures';
import {
  SCHOOL,
  configureSchool,
  editSettings,
  newSchool,
  registerRows,
  runSetUp,
  sheetValues,
} from '../support/deployment';
import { everythingTyped, pupilNames, schoolWithTerm, type TermReport } from './digest-fixtures';

const TRUST_LEAD = 'safeguarding.lead@trust.example';

function trustFile(ws: Workspace): string {
  const { id } = ws.spreadsheets.createSpreadsheet('Oakfield Trust — online safety rollup', TRUST_LEAD);
  ws.drive.share(id, SCHOOL.dsl, 'editor');
  return id;
}

function sheetNames(ws: Workspace, id: string): string[] {
  const snap = ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>;
  return snap.find((book) => book.id === id)?.sheets.map((sheet) => sheet.name) ?? [];
}

function callsOf(ws: Workspace, action: () => void): Record<string, number> {
  const before = ws.calls.byMethod();
  action();
  const after = ws.calls.byMethod();
  return Object.fromEntries(
    Object.entries(after)
      .map(([name, n]) => [name, n - (before[name] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

describe('a school that opted in', () => {
  let ws: Workspace;
  let term: TermReport[];
  let trust: string;
  let firstNight: (string | number | boolean | Date)[][];

  beforeAll(() => {
    ({ ws, reports: term } = schoolWithTerm());
    trust = trustFile(ws);
    editSettings(ws, {
      'Trust spreadsheet': `https://docs.google.com/spreadsheets/d/${trust}/edit#gid=0`,
      'School code': 'HIL01',
    });
    ws.advanceTo('2026-11-02T05:00:00Z');
    firstNight = sheetValues(ws, trust, 'School HIL01');
    ws.advanceTo('2026-11-03T05:00:00Z');
  }, 60_000);

  it('writes its weekly counts to its own sheet at 04:00, suppressed', () => {
    expect(firstNight[0]).toEqual(['School', 'Week', 'Dimension', 'Value', 'Count', 'Shown']);
    const totals = firstNight.filter((row) => row[2] === 'All incidents').map((row) => row.slice(1));
    // Weeks of 2, 3, 1, 2 and 7 reports (the half term of digest-fixtures).
    expect(totals).toEqual([
      ['2026-W40', 'All incidents', 'All', '', 'fewer than 3'],
      ['2026-W41', 'All incidents', 'All', 3, 'exact'],
      ['2026-W42', 'All incidents', 'All', '', 'fewer than 3'],
      ['2026-W43', 'All incidents', 'All', '', 'fewer than 3'],
      ['2026-W44', 'All incidents', 'All', 7, 'exact'],
    ]);
    // A small week has its total only; a week of 7 is broken down.
    expect(firstNight.filter((row) => row[1] === '2026-W40')).toHaveLength(1);
    expect(firstNight.filter((row) => row[1] === '2026-W44' && row[2] === 'Flagged')).toEqual([
      ['HIL01', '2026-W44', 'Flagged', 'No', 4, 'exact'],
      ['HIL01', '2026-W44', 'Flagged', 'Yes', 3, 'exact'],
    ]);
  });

  it('is idempotent: the second night leaves exactly the same rows, and a night run twice too', () => {
    expect(sheetValues(ws, trust, 'School HIL01')).toEqual(firstNight);
    const calls = callsOf(ws, () => ws.run('nightlyOversight', [], { user: SCHOOL.dsl, kind: 'menu' }));
    expect(sheetValues(ws, trust, 'School HIL01')).toEqual(firstNight);
    // One register read and a fixed number of writes, whatever the register's size.
    expect(calls).toMatchObject({
      'SpreadsheetApp.openById': 1,
      'Sheet.clearContents': 1,
      'Range.setValues': 1,
    });
  });

  it('holds no name, nothing typed and no count below 3', () => {
    const text = JSON.stringify(firstNight);
    const forbidden = [
      ...everythingTyped(term),
      ...pupilNames(term),
      ...registerRows(ws).map((row) => String(row['Incident ID'])),
    ];
    for (const value of forbidden)
      if (text.includes(value)) throw new Error(`The export contains "${value}"`);
    const counts = firstNight.slice(1).map((row) => row[4]);
    expect(counts.filter((count) => count === 1 || count === 2)).toEqual([]);
    expect(firstNight.slice(1).every((row) => (row[4] === '') === (row[5] !== 'exact'))).toBe(true);
  });
});

describe('a school that has not opted in', () => {
  it('opens and writes nothing, however many nights pass', () => {
    const { ws } = schoolWithTerm();
    const trust = trustFile(ws);
    runSetUp(ws);
    ws.advanceTo('2026-11-04T05:00:00Z');
    expect(sheetNames(ws, trust)).toEqual(['Sheet1']);
    expect(ws.executions.filter((run) => run.functionName === 'nightlyOversight').length).toBeGreaterThan(1);
    // One night's run, counted on its own: it opens no other spreadsheet and clears nothing.
    const calls = callsOf(ws, () => ws.run('nightlyOversight', [], { user: SCHOOL.dsl, kind: 'menu' }));
    expect(calls['SpreadsheetApp.openById'] ?? 0).toBe(0);
    expect(calls['Sheet.clearContents'] ?? 0).toBe(0);
  }, 60_000);
});

describe('three years of a register', () => {
  it('fits the school’s sheet (it grows past a new sheet’s 1,000 rows), with the same calls a night', () => {
    const ws = newSchool({ now: '2027-07-20T20:00:00Z' });
    runSetUp(ws);
    configureSchool(ws);
    prefillRegister(ws, 8760);
    const trust = trustFile(ws);
    editSettings(ws, { 'Trust spreadsheet': trust, 'School code': 'HIL01' });
    const calls = callsOf(ws, () => ws.run('nightlyOversight', [], { user: SCHOOL.dsl, kind: 'menu' }));
    const rows = sheetValues(ws, trust, 'School HIL01');
    expect(rows.length).toBeGreaterThan(1000);
    expect(new Set(rows.slice(1).map((row) => row[1])).size).toBeGreaterThan(150);
    expect(calls['Range.setValues']).toBe(1);
  }, 60_000);
});
