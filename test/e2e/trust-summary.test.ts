/**
 * The trust-wide Summary through the built bundle, with the three people it concerns: the trust's
 * safeguarding lead, whose own deployment (the same bundle, bound to the trust spreadsheet) builds it, and
 * two schools' runners, editors of the file so that each school's nightly job can rewrite its own sheet.
 *
 * Seam, stated: a school's nightly export is another script project (test/e2e/trust-export.test.ts runs
 * it); the emulator binds one project per workspace, so here each school's sheet is made and rewritten by
 * that school's runner in the browser (a duplicated tab, then a paste of the rows its export writes). The
 * write goes through the same permission and protection checks as a script's write as that runner.
 */
import type { Workspace } from '../../emulator/workspace';
import { PROTECTED_CELL } from '../../emulator/spreadsheet';
import { newSchool, sheetValues } from '../support/deployment';

const TRUST_LEAD = 'safeguarding.lead@oakfield-trust.example';
const HILLSIDE = 'dsl@hillside.example';
const OAKFIELD = 'dsl@oakfield-primary.example';
const HEADER = ['School', 'Week', 'Dimension', 'Value', 'Count', 'Shown'];
const MENU = 'Online Safety';

type Row = [string, string, string, string, number | '', string];

/** Hillside: suppression on (3), as its export writes it. */
const hillside = (): Row[] => [
  ['HIL01', '2026-W44', 'All incidents', 'All', 7, 'exact'],
  ['HIL01', '2026-W44', 'Category', 'Cyberbullying', '', 'fewer than 3'],
  ['HIL01', '2026-W44', 'Category', 'Scams', 5, 'exact'],
  ['HIL01', '2026-W44', 'Flagged', 'No', 4, 'exact'],
  ['HIL01', '2026-W44', 'Flagged', 'Yes', 3, 'exact'],
  ['HIL01', '2026-W45', 'All incidents', 'All', '', 'fewer than 3'],
];

/** Oakfield turned its suppression off (Hide counts below 0): its sheet holds exact 1s and 2s. */
const oakfield = (w45 = 4): Row[] => [
  ['OAK02', '2026-W44', 'All incidents', 'All', 2, 'exact'],
  ['OAK02', '2026-W44', 'Category', 'Cyberbullying', 2, 'exact'],
  ['OAK02', '2026-W44', 'Flagged', 'No', 1, 'exact'],
  ['OAK02', '2026-W44', 'Flagged', 'Yes', 1, 'exact'],
  ['OAK02', '2026-W45', 'All incidents', 'All', w45, 'exact'],
  ['OAK02', '2026-W45', 'Category', 'Scams', w45, 'exact'],
  ['OAK02', '2026-W45', 'Flagged', 'No', 0, 'exact'],
  ['OAK02', '2026-W45', 'Flagged', 'Yes', w45, 'exact'],
];

/** A school's runner writes its sheet, as its nightly export does (first night: the tab is made). */
function schoolWrites(ws: Workspace, runner: string, code: string, rows: Row[]): void {
  const name = `School ${code}`;
  const book = ws.spreadsheets.book(ws.containerId);
  if (!book.sheets.some((s) => s.name === name))
    ws.spreadsheets._userDuplicateSheet(runner, ws.containerId, 'Sheet1', name);
  const values = [HEADER, ...rows];
  ws.spreadsheets._userPaste(runner, ws.containerId, name, `A1:F${values.length}`, values);
}

const summary = (ws: Workspace): unknown[][] =>
  sheetValues(ws, ws.containerId, 'Trust summary').filter((row) => row.some((c) => c !== ''));

/** The Summary's rows from the weekly table's header to the blank line after it. */
function weekly(ws: Workspace): unknown[][] {
  const rows = summary(ws);
  const start = rows.findIndex((r) => r[0] === 'Incidents per week');
  const end = rows.findIndex((r) => String(r[0]).startsWith('Last '));
  return rows.slice(start, end).map((r) => r.slice(0, 5));
}

function byDimension(ws: Workspace): unknown[][] {
  const rows = summary(ws);
  return rows.slice(rows.findIndex((r) => String(r[0]).startsWith('Last ')) + 1).map((r) => r.slice(0, 4));
}

function trustDeployment(): Workspace {
  const ws = newSchool({
    owner: TRUST_LEAD,
    now: '2026-11-09T12:00:00Z',
    containerName: 'Oakfield Trust — online safety rollup',
  });
  ws.drive.share(ws.containerId, HILLSIDE, 'editor');
  ws.drive.share(ws.containerId, OAKFIELD, 'editor');
  return ws;
}

describe('the trust summary, built by the trust lead’s own deployment', () => {
  let ws: Workspace;

  beforeAll(() => {
    ws = trustDeployment();
    schoolWrites(ws, HILLSIDE, 'HIL01', hillside());
    schoolWrites(ws, OAKFIELD, 'OAK02', oakfield());
    ws.openSpreadsheet(TRUST_LEAD);
    // Asked first (a school's DSL clicking it by mistake): No leaves the file as it was.
    const setUp = "Set up for the trust (the trust's own spreadsheet)";
    ws.spreadsheets.ui.queueResponse(TRUST_LEAD, { button: 'NO' });
    ws.spreadsheets.ui.clickMenu(TRUST_LEAD, MENU, setUp);
    expect(ws.script.list()).toEqual([]);
    expect(ws.spreadsheets.book(ws.containerId).sheets).toHaveLength(3);
    ws.spreadsheets.ui.queueResponse(TRUST_LEAD, { button: 'YES' });
    ws.spreadsheets.ui.clickMenu(TRUST_LEAD, MENU, setUp);
  });

  it('is set up from the menu: the file is marked, the menu becomes the trust’s, a nightly job is the lead’s', () => {
    expect(ws.script.list().map((t) => ({ handler: t.handler, owner: t.owner }))).toEqual([
      { handler: 'nightlyTrustSummary', owner: TRUST_LEAD },
    ]);
    ws.openSpreadsheet(OAKFIELD);
    const items = ws.spreadsheets.ui
      .menus(OAKFIELD)[0]
      ?.items.map((i) => (i.kind === 'item' ? i.caption : ''));
    expect(items).toEqual(['Rebuild the trust summary now', 'Set up for the trust (repair)']);
  });

  it('adds only counts shown exactly, never one below 3, and says how many it could not add', () => {
    expect(weekly(ws)).toEqual([
      ['Incidents per week', 'HIL01', 'OAK02', 'Trust: exact counts', 'Not added'],
      ['2026-W44', 7, 'fewer than 3', 7, 'OAK02'],
      ['2026-W45', 'fewer than 3', 4, 4, 'HIL01'],
    ]);
    expect(byDimension(ws)).toEqual([
      ['Category', 'Cyberbullying', 0, 2],
      ['Category', 'Scams', 9, 0],
      ['Flagged', 'No', 4, 1],
      ['Flagged', 'Yes', 7, 1],
    ]);
  });

  it('shows no count from 1 to 2 anywhere, and no total made of anything but the counts it shows', () => {
    // Incident counts: the schools' columns and the trust's sums (the last column counts school-weeks).
    const counts = [...weekly(ws).flatMap((row) => row.slice(1, 4)), ...byDimension(ws).map((row) => row[2])];
    expect(counts.filter((n) => typeof n === 'number')).toHaveLength(8);
    expect(counts.filter((n) => typeof n === 'number' && n > 0 && n < 3)).toEqual([]);
    for (const row of weekly(ws).slice(1)) {
      const shown = row.slice(1, 3).filter((c): c is number => typeof c === 'number');
      expect(row[3]).toBe(shown.reduce((a, b) => a + b, 0));
    }
  });

  it('refuses a school’s runner: the Summary is protected, and its menu item says who rebuilds it', () => {
    const before = summary(ws);
    expect(() => ws.spreadsheets._userPaste(OAKFIELD, ws.containerId, 'Trust summary', 'B5', [[2]])).toThrow(
      PROTECTED_CELL,
    );
    ws.openSpreadsheet(HILLSIDE);
    ws.spreadsheets.ui.clickMenu(HILLSIDE, MENU, 'Rebuild the trust summary now');
    expect(ws.spreadsheets.ui.shown(HILLSIDE).at(-1)?.message).toContain(TRUST_LEAD);
    expect(summary(ws)).toEqual(before);
  });

  it('never double counts: rebuilt twice, or overnight after a school re-exported, the figures are replaced', () => {
    const before = summary(ws);
    ws.openSpreadsheet(TRUST_LEAD);
    ws.spreadsheets.ui.clickMenu(TRUST_LEAD, MENU, 'Rebuild the trust summary now');
    const calls = ws.calls.byMethod();
    ws.spreadsheets.ui.clickMenu(TRUST_LEAD, MENU, 'Rebuild the trust summary now');
    const spent = Object.fromEntries(
      Object.entries(ws.calls.byMethod())
        .map(([name, n]) => [name, n - (calls[name] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    expect(summary(ws).slice(1)).toEqual(before.slice(1));
    // One read per school sheet and one write, however many rows the schools sent.
    expect(spent).toMatchObject({ 'Range.getValues': 2, 'Sheet.clearContents': 1, 'Range.setValues': 1 });
    console.log(`one trust rebuild, 2 schools: ${Object.values(spent).reduce((a, b) => a + b, 0)} calls`);
    // Oakfield's next night rewrites its sheet (W45 now 6); the trust's 6am job runs as the lead.
    schoolWrites(ws, OAKFIELD, 'OAK02', oakfield(6));
    const runs = ws.advanceTo('2026-11-10T07:00:00Z').filter((r) => r.functionName === 'nightlyTrustSummary');
    expect(runs.map((r) => [r.user, r.status])).toEqual([[TRUST_LEAD, 'completed']]);
    expect(weekly(ws)[2]).toEqual(['2026-W45', 'fewer than 3', 6, 6, 'HIL01']);
    expect(byDimension(ws)).toContainEqual(['Category', 'Scams', 11, 0]);
  });
});

describe('Set up for the trust, on the wrong file or by the wrong person', () => {
  it('is refused to a school runner on the trust file, and refused on a school’s incident log', () => {
    const ws = trustDeployment();
    ws.run('setUpTrust', [], { user: HILLSIDE, kind: 'menu' });
    expect(ws.spreadsheets.ui.shown(HILLSIDE).at(-1)?.message).toContain(`Only ${TRUST_LEAD}`);
    expect(ws.script.list()).toEqual([]);
    expect(ws.spreadsheets.book(ws.containerId).sheets.map((s) => s.name)).toEqual(['Sheet1']);

    const school = newSchool();
    school.run('setUp', [], { user: 'dsl@school.example', kind: 'menu' });
    const before = school.script.list().length;
    school.run('setUpTrust', [], { user: 'dsl@school.example', kind: 'menu' });
    expect(school.spreadsheets.ui.shown('dsl@school.example').at(-1)?.message).toContain(
      "a school's incident log",
    );
    expect(school.script.list()).toHaveLength(before);
  });
});
