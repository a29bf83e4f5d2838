/**
 * The Summary sheet, through the built bundle: rebuilt by the nightly trigger and from the menu, the same
 * after two rebuilds as after one, nothing stale after the register shrinks, only the main register
 * counted, and pupil names only in the one block meant for them.
 */
import type { Workspace } from '../../emulator/workspace';
import { SheetsValues } from '../../emulator/sheets-api';
import { PUPILS_BLOCK_TITLE } from '../../src/domain/summary-layout';
import {
  SCHOOL,
  configureSchool,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  submit,
} from '../support/deployment';
import { fillRegister, summaryPicture, syntheticIncidents } from './summary-fixtures';

/** Wednesday 4 Nov 2026, 16:00 GMT. */
const NOW = '2026-11-04T16:00:00Z';
const MENU = 'Online Safety';
const REBUILD = 'Rebuild the summary now';

function school(now = NOW): Workspace {
  const ws = newSchool({ now });
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  return ws;
}

function rebuildFromMenu(ws: Workspace, user = SCHOOL.dsl): void {
  ws.openSpreadsheet(user);
  const run = ws.spreadsheets.ui.clickMenu(user, MENU, REBUILD);
  expect(run.status).toBe('completed');
}

type Values = unknown[][];

/** The row index (0-based) whose first cell is `title`. */
function rowOf(values: Values, title: string): number {
  const index = values.findIndex((row) => row[0] === title);
  if (index < 0) throw new Error(`No row "${title}" on the Summary`);
  return index;
}

/** A block's data rows: from under its header to the blank row that ends it. */
function blockRows(values: Values, title: string): Values {
  const start = rowOf(values, title);
  let header = start + 1;
  // A note row may sit between the title and the header; the header is the first row with a second cell.
  while ((values[header]?.[1] ?? '') === '') header += 1;
  const rows: Values = [];
  for (let r = header + 1; r < values.length && (values[r] ?? []).some((cell) => cell !== ''); r += 1) {
    rows.push(values[r] ?? []);
  }
  return rows;
}

function value(values: Values, label: string): unknown {
  return values[rowOf(values, label)]?.[1];
}

describe('the Summary sheet', () => {
  it('is rebuilt from the menu: the tables, an "as of" time, and three charts over them', () => {
    const ws = school();
    fillRegister(ws, syntheticIncidents(300, { end: new Date(NOW), days: 200, pupils: 60 }));
    rebuildFromMenu(ws);

    const picture = summaryPicture(ws);
    const values = picture.values;
    // As of: the time of the rebuild, shown as a date-time.
    const asOfRow = rowOf(values, 'As of');
    expect(values[asOfRow + 1]?.[0]).toBe(new Date(NOW).toISOString());
    expect(values[asOfRow + 1]?.[1]).toBe('Europe/London');
    expect(JSON.stringify(picture.numberFormats)).toContain('d mmm yyyy hh:mm');

    // The status pipeline counts every incident once.
    const statuses = blockRows(values, 'Status of every incident');
    expect(statuses.map((row) => row[0])).toEqual([
      'New',
      'Triaged',
      'In progress',
      'Awaiting external agency',
      'Closed',
    ]);
    expect(statuses.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(300);

    // The charts: the weekly count, the monthly trend by category and the category mix, each over its table.
    const charts = picture.charts as Array<{ type: string; ranges: string[]; options: { title: string } }>;
    expect(charts.map((chart) => [chart.type, chart.options.title])).toEqual([
      ['COLUMN', 'Reports per week'],
      ['LINE', 'Reports by category by month'],
      ['PIE', 'Category mix, last 12 months'],
    ]);
    for (const chart of charts) {
      const [range] = chart.ranges;
      const match = /^Summary!A(\d+):([A-Z]+)(\d+)$/.exec(range ?? '');
      expect(match).not.toBeNull();
      const headerRow = Number(match?.[1]);
      // The range starts at the table's header, right under its title (and note, if any).
      const title = values[headerRow - 2]?.[0] === chart.options.title ? headerRow - 2 : headerRow - 3;
      expect(values[title]?.[0]).toBe(chart.options.title);
      expect(Number(match?.[3]) - headerRow).toBe(blockRows(values, chart.options.title).length);
    }
    const months = blockRows(values, 'Reports by category by month');
    expect(months).toHaveLength(12);

    // Told what happened, and the Summary is put in front of them.
    const toast = ws.spreadsheets.ui
      .shown(SCHOOL.dsl)
      .find((entry) => JSON.stringify(entry).includes('Summary rebuilt'));
    expect(JSON.stringify(toast)).toContain('300 incidents');
    expect(ws.spreadsheets.book(ws.containerId).activeSheetId).toBe(picture.sheetId);
  });

  it('is the same after two rebuilds as after one: values, formats and the same charts', () => {
    const ws = school();
    fillRegister(ws, syntheticIncidents(400, { end: new Date(NOW), days: 400, pupils: 80 }));
    rebuildFromMenu(ws);
    const once = summaryPicture(ws);
    ws.run('rebuildSummary', [], { user: SCHOOL.dsl, kind: 'trigger' });
    const twice = summaryPicture(ws);
    expect(twice).toEqual(once);
    expect(once.charts).toHaveLength(3);
    // The only Summary sheet, and the workbook otherwise untouched by the second run.
    const names = ws.spreadsheets.book(ws.containerId).sheets.map((sheet) => sheet.name);
    expect(names.filter((name) => name === 'Summary')).toHaveLength(1);
  });

  it('reads every value under its own header after a column is inserted at the front of the register', () => {
    const ws = school();
    fillRegister(ws, syntheticIncidents(300, { end: new Date(NOW), days: 200, pupils: 60 }));
    ws.run('rebuildSummary', [], { user: SCHOOL.dsl, kind: 'trigger' });
    const before = summaryPicture(ws).values;
    // The DSL inserts a column of their own in front of everything, and fills it with look-alike values.
    const register = ws.spreadsheets.openFacade(ws.containerId).getSheetByName('Register');
    if (!register) throw new Error('No Register sheet');
    register.insertColumnBefore(1);
    const rows = register.getLastRow();
    register.getRange(1, 1).setValue('My own notes');
    register.getRange(2, 1, rows - 1, 1).setValues(Array.from({ length: rows - 1 }, () => ['Closed']));
    const spy = jest.spyOn(SheetsValues.prototype, 'batchGet');
    try {
      ws.run('rebuildSummary', [], { user: SCHOOL.dsl, kind: 'trigger' });
      // The first read's header showed the columns one place to the right: read again, where they are.
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
    expect(summaryPicture(ws).values).toEqual(before);
  });

  it('puts a chart someone moved back where it belongs, and leaves the others alone', () => {
    const ws = school();
    fillRegister(ws, syntheticIncidents(200, { end: new Date(NOW), days: 200, pupils: 60 }));
    ws.run('rebuildSummary', [], { user: SCHOOL.dsl, kind: 'trigger' });
    const before = summaryPicture(ws);
    const summary = ws.spreadsheets.openFacade(ws.containerId).getSheetByName('Summary');
    const [first] = summary?.getCharts() ?? [];
    if (!summary || !first) throw new Error('No chart on the Summary');
    summary.updateChart(first.modify().setPosition(1, 1, 0, 0).build());
    const { calls } = ws.calls.measure(() =>
      ws.run('rebuildSummary', [], { user: SCHOOL.dsl, kind: 'trigger' }),
    );
    expect(calls['Sheet.updateChart']).toBe(1);
    expect(calls['Sheet.insertChart'] ?? 0).toBe(0);
    expect(summaryPicture(ws)).toEqual(before);
  });

  it('leaves no stale rows or extra charts when the register shrinks', () => {
    const big = syntheticIncidents(600, { end: new Date(NOW), days: 120, pupils: 40 });
    const small = big.slice(-25);
    const ws = school();
    fillRegister(ws, big);
    ws.run('rebuildSummary', [], { kind: 'trigger' });
    const before = summaryPicture(ws);

    fillRegister(ws, small);
    ws.run('rebuildSummary', [], { kind: 'trigger' });
    const after = summaryPicture(ws);

    // A school that only ever had the small register, rebuilt once at the same moment.
    const fresh = school();
    fillRegister(fresh, small);
    fresh.run('rebuildSummary', [], { kind: 'trigger' });
    const expected = summaryPicture(fresh);

    expect(after.values.length).toBeLessThan(before.values.length);
    expect(after.values).toEqual(expected.values);
    for (const part of ['numberFormats', 'fontWeights', 'backgrounds', 'fontSizes'] as const) {
      expect(after[part]).toEqual(expected[part]);
    }
    const withoutIds = (charts: unknown[]): unknown[] =>
      charts.map((chart) => ({ ...(chart as Record<string, unknown>), chartId: null }));
    expect(withoutIds(after.charts)).toEqual(withoutIds(expected.charts));
    // The charts kept their ids: updated in place, not removed and added again.
    expect(after.charts.map((chart) => (chart as { chartId: number }).chartId)).toEqual(
      before.charts.map((chart) => (chart as { chartId: number }).chartId),
    );
  });

  it('is rebuilt every night by its trigger', () => {
    const ws = school();
    submit(ws, ordinaryReport(), { timestamp: '2026-11-03T10:00:00Z' });
    const runs = ws.advanceTo('2026-11-05T03:30:00Z');
    const nightly = runs.filter((run) => run.functionName === 'rebuildSummary');
    expect(nightly).toHaveLength(1);
    expect(nightly[0]?.status).toBe('completed');
    expect(new Date(nightly[0]?.startedAt ?? 0).toISOString()).toBe('2026-11-05T03:00:00.000Z');
    const values = summaryPicture(ws).values;
    expect(values[rowOf(values, 'As of') + 1]?.[0]).toBe('2026-11-05T03:00:00.000Z');
    expect(value(values, 'Open incidents')).toBe(1);
  });

  it('counts the main register only, and names pupils only in the pupils block', () => {
    const ws = school();
    const pupil = 'Ottoline Hawkesworth';
    const instigator = 'Lysander Greystoke';
    for (const day of ['2026-11-02T09:00:00Z', '2026-11-03T09:00:00Z', '2026-11-04T09:00:00Z']) {
      submit(ws, ordinaryReport({ pupilsHarmed: pupil, pupilsCausedHarm: instigator }), { timestamp: day });
    }
    // An allegation about a member of staff goes to its restricted file, with a pupil named in it.
    const allegationPupil = 'Perpetua Ingleby';
    submit(
      ws,
      ordinaryReport({
        pupilsHarmed: allegationPupil,
        pupilsCausedHarm: '',
        adultConcern: 'A member of staff (not the Headteacher)',
        adultDetails: 'A staff member sent a pupil private messages',
        adultRole: 'Causing harm or behaving inappropriately',
      }),
      { timestamp: '2026-11-04T10:00:00Z' },
    );
    expect(registerRows(ws)).toHaveLength(3);
    ws.run('rebuildSummary', [], { kind: 'trigger' });

    const values = summaryPicture(ws).values;
    expect(value(values, 'Reports this week')).toBe(3);
    expect(value(values, 'Open incidents')).toBe(3);
    const text = JSON.stringify(values);
    expect(text).not.toContain('Perpetua');
    expect(text).not.toContain('Ingleby');

    const pupils = blockRows(values, PUPILS_BLOCK_TITLE);
    expect(pupils.map((row) => [row[0], row[2]])).toEqual([
      [instigator, 3],
      [pupil, 3],
      [instigator, 3],
    ]);
    const pupilsStart = rowOf(values, PUPILS_BLOCK_TITLE);
    values.forEach((row, index) => {
      if (index > pupilsStart) return;
      for (const name of [pupil, instigator, 'Ottoline', 'Hawkesworth', 'Lysander', 'Greystoke']) {
        expect(JSON.stringify(row)).not.toContain(name);
      }
    });
  });

  it('writes text people typed as text, never as a formula, number or date', () => {
    const ws = school();
    submit(ws, ordinaryReport({ platform: '=IMPORTXML("http://x.example")' }), {
      timestamp: '2026-11-02T09:00:00Z',
    });
    submit(ws, ordinaryReport({ platform: '1/2' }), { timestamp: '2026-11-02T10:00:00Z' });
    ws.run('rebuildSummary', [], { kind: 'trigger' });
    const picture = summaryPicture(ws);
    expect(picture.formulas).toEqual({});
    const platforms = blockRows(picture.values, 'Platforms and apps, last 12 months').map((row) => row[0]);
    expect(platforms).toContain('=IMPORTXML("http://x.example")');
    expect(platforms).toContain('1/2');
  });

  it('leaves the work to a rebuild already running, and says so', () => {
    const ws = school();
    ws.locks.holdExternally('document', Date.parse(NOW) + 60_000);
    ws.openSpreadsheet(SCHOOL.dsl);
    const run = ws.spreadsheets.ui.clickMenu(SCHOOL.dsl, MENU, REBUILD);
    expect(run.status).toBe('completed');
    expect(JSON.stringify(ws.spreadsheets.ui.shown(SCHOOL.dsl))).toContain('being rebuilt already');
    expect(ws.spreadsheets.book(ws.containerId).sheetByName('Summary')).toBeUndefined();
  });
});
