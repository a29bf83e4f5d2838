/**
 * The register belongs to the DSL: they add columns of their own and move the register's columns about.
 * Through the built bundle, every value the product writes — new rows, alert cells, retries, rows
 * reconcile recovers — still lands under its own header and never in the DSL's columns; Set up keeps the
 * DSL's layout and only appends a register column that is missing. And the daily reconcile keeps
 * formatted rows (dropdowns, conditional formats, protections) below the last one as the register grows.
 *
 * The DSL's changes are made test side, outside any execution, through the emulator's SpreadsheetApp
 * facade (as a person in the browser would: insert a column, type a header, move a column).
 */
import { describe, expect, it } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import {
  deploymentIds,
  ordinaryReport,
  runSetUp,
  registerRows,
  SCHOOL,
  scriptProperties,
  sheetValues,
  submit,
} from '../support/deployment';
import { registerHeaders } from '../../src/domain/register';
import { COLOUR_KEY_PREFIX } from '../../src/workspace/register-sheet';
import {
  deliveryCounts,
  expectRunsSucceeded,
  flaggedReport,
  runsOf,
  setUpSchool,
  staffConcern,
} from './alerts-support';

const HOUR = 60 * 60 * 1000;
const MY_NOTES = 'My notes';

type Cell = string | number | boolean | Date;

function registerSheet(
  ws: Workspace,
  spreadsheetId: string = ws.containerId,
): GoogleAppsScript.Spreadsheet.Sheet {
  const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = app.openById(spreadsheetId).getSheetByName('Register');
  if (!sheet) throw new Error('no Register sheet');
  return sheet;
}

/** The header row as it stands. */
/** The header row's cells up to the colour key beside it (the key, and the gap before it, are not columns). */
function headerOf(ws: Workspace, spreadsheetId: string = ws.containerId): string[] {
  const row = (sheetValues(ws, spreadsheetId, 'Register')[0] ?? []).map(String);
  const keyAt = row.findIndex((h) => h.startsWith(COLOUR_KEY_PREFIX));
  if (keyAt < 0) return row;
  const header = row.slice(0, keyAt);
  while (header.at(-1) === '') header.pop();
  return header;
}

/** 1-based column of a header (fails when it is not there exactly once). */
function columnOf(ws: Workspace, header: string, spreadsheetId: string = ws.containerId): number {
  const headers = headerOf(ws, spreadsheetId);
  expect(headers.filter((h) => h === header)).toHaveLength(1);
  return headers.indexOf(header) + 1;
}

/** The register's rows keyed by header, whatever the columns' order and whatever columns the DSL added. */
function rowsByHeader(ws: Workspace, spreadsheetId: string = ws.containerId): Record<string, Cell>[] {
  const [header = [], ...rows] = sheetValues(ws, spreadsheetId, 'Register');
  return rows
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? ''])));
}

/** Without the DSL's own column: what the product wrote. */
function withoutNotes(rows: Record<string, Cell>[]): Record<string, Cell>[] {
  return rows.map(({ [MY_NOTES]: _notes, ...rest }) => rest);
}

/** The DSL inserts a column right of `afterHeader` ("Insert 1 column right") and titles it. */
function insertOwnColumn(ws: Workspace, afterHeader: string, title: string): number {
  const after = columnOf(ws, afterHeader);
  const sheet = registerSheet(ws);
  sheet.insertColumnsAfter(after, 1);
  sheet.getRange(1, after + 1).setValue(title);
  return after + 1;
}

/** The DSL moves a column to the far left (as dragging it there does: its cells go with it). */
function moveColumnToFront(ws: Workspace, spreadsheetId: string, header: string): void {
  const sheet = registerSheet(ws, spreadsheetId);
  const from = columnOf(ws, header, spreadsheetId);
  const rows = sheet.getMaxRows();
  const values = sheet.getRange(1, from, rows, 1).getValues();
  sheet.insertColumnsBefore(1, 1);
  sheet.getRange(1, 1, rows, 1).setValues(values);
  sheet.deleteColumn(from + 1);
}

/** The same school doing the same things, for comparison: what the register would hold without the DSL's column. */
function twinSchools(): { ws: Workspace; twin: Workspace } {
  return { ws: setUpSchool().ws, twin: setUpSchool().ws };
}

function nextHourlyRun(ws: Workspace): void {
  const runs = runsOf(ws, 'retryPendingAlerts').length;
  ws.advanceTo(ws.clock.now() + HOUR + 60_000);
  expect(runsOf(ws, 'retryPendingAlerts').length).toBeGreaterThan(runs);
}

describe('a column the DSL inserted in the middle of the Register', () => {
  it('leaves every value under its own header, the DSL column alone, through submit, retry, reconcile and Set up', () => {
    const { ws, twin } = twinSchools();
    const both = (act: (w: Workspace) => void): void => [ws, twin].forEach(act);

    both((w) => submit(w, flaggedReport({ description: 'Before the DSL added a column.' })));
    const notesColumn = insertOwnColumn(ws, 'Assigned to', MY_NOTES);
    expect(headerOf(ws)[notesColumn - 2]).toBe('Assigned to');
    expect(headerOf(ws)[notesColumn]).toBe('Actions and decisions');
    registerSheet(ws).getRange(2, notesColumn).setValue('Phoned home on Monday');

    // A flagged report while the mail quota is used up (pending), a plain one, and one whose trigger
    // never fired (reconcile picks it up).
    both((w) => {
      w.mail.setRemainingQuota(0);
      submit(w, flaggedReport({ description: 'Quota used up.', pupilsHarmed: 'Zara Ahmed' }));
      w.mail.setRemainingQuota(100);
      submit(w, ordinaryReport({ description: 'A plain report.', platform: 'TikTok' }));
      submit(w, flaggedReport({ description: 'Trigger never fired.' }), { fireTriggers: false });
    });
    let rows = rowsByHeader(ws);
    expect(rows.map((r) => r['What happened'])).toEqual([
      'Before the DSL added a column.',
      'Quota used up.',
      'A plain report.',
    ]);
    expect(rows[1]).toMatchObject({
      'Pupils harmed': 'Zara Ahmed',
      'Assigned to': '',
      'Actions and decisions': '',
      'Alert status': `Pending: ${SCHOOL.dsl}, ${SCHOOL.deputy}`,
      [MY_NOTES]: '',
    });
    expect(rows[2]).toMatchObject({
      'Platform / app': 'TikTok',
      'Alert status': 'Not needed',
      [MY_NOTES]: '',
    });
    expect(withoutNotes(rows)).toEqual(rowsByHeader(twin));

    // The hourly retry sends the pending alert and writes its cells under their headers.
    both((w) => nextHourlyRun(w));
    // The daily reconcile records the report whose trigger never fired, and alerts for it.
    both((w) => expect(w.run('reconcileMissedReports', [], { kind: 'trigger' })).toMatchObject({ added: 1 }));
    rows = rowsByHeader(ws);
    expect(rows.map((r) => r['Alert status'])).toEqual(['Sent', 'Sent', 'Not needed', 'Sent']);
    expect(String(rows[1]!['Alert log'])).toContain(`sent to ${SCHOOL.dsl}`);
    expect(rows[3]).toMatchObject({
      'What happened': 'Trigger never fired.',
      'Incident ID': 'OSI-2026-0004',
    });
    expect(rows.map((r) => r[MY_NOTES])).toEqual(['Phoned home on Monday', '', '', '']);
    expect(withoutNotes(rows)).toEqual(rowsByHeader(twin));
    expect(deliveryCounts(ws.mail.sent)).toEqual(deliveryCounts(twin.mail.sent));
    expectRunsSucceeded(ws, 'onFormSubmit', 'retryPendingAlerts', 'reconcileMissedReports');

    // Set up again keeps the DSL's column where it is, with what they typed, and adds nothing.
    const headerBefore = headerOf(ws);
    runSetUp(ws);
    expect(headerOf(ws)).toEqual(headerBefore);
    expect(columnOf(ws, MY_NOTES)).toBe(notesColumn);
    expect(rowsByHeader(ws).map((r) => r[MY_NOTES])).toEqual(['Phoned home on Monday', '', '', '']);

    // …and puts its dropdowns and protections on the register's columns where they are now, not on the DSL's.
    const sheet = registerSheet(ws);
    const statusCell = sheet.getRange(5, columnOf(ws, 'Status'));
    expect(statusCell.getDataValidation()?.getCriteriaValues()[0]).toEqual(
      expect.arrayContaining(['New', 'Closed']),
    );
    expect(sheet.getRange(5, notesColumn).getDataValidation()).toBeNull();
    const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    // Every column a protection covers (Set up protects a run of adjacent script-written columns at once).
    const protectedColumns = sheet.getProtections(app.ProtectionType.RANGE).flatMap((p) => {
      const range = p.getRange();
      return Array.from({ length: range.getNumColumns() }, (_, i) => range.getColumn() + i);
    });
    expect(protectedColumns).toContain(columnOf(ws, 'Alert status'));
    expect(protectedColumns).toContain(columnOf(ws, 'Child protection'));
    expect(protectedColumns).not.toContain(notesColumn);
    expect(protectedColumns).not.toContain(columnOf(ws, 'Actions and decisions'));

    // A submission after Set up still lands under the right headers.
    runSetUp(twin);
    both((w) => submit(w, flaggedReport({ description: 'After Set up.' })));
    expect(withoutNotes(rowsByHeader(ws))).toEqual(rowsByHeader(twin));
    expect(rowsByHeader(ws).at(-1)).toMatchObject({ 'What happened': 'After Set up.', [MY_NOTES]: '' });
  });
});

describe('a register column the DSL moved', () => {
  it('the alert cells, now apart, are each written under their own header', () => {
    const { ws } = setUpSchool();
    const staffFile = deploymentIds(ws).staffAllegationsId;
    moveColumnToFront(ws, staffFile, 'Alert log');
    expect(headerOf(ws, staffFile)[0]).toBe('Alert log');

    ws.mail.setRemainingQuota(0);
    const { responseId } = submit(ws, staffConcern());
    ws.mail.setRemainingQuota(100);
    let [row] = rowsByHeader(ws, staffFile);
    expect(row).toMatchObject({
      'Response ID': responseId,
      'Incident ID': 'SA-2026-0001',
      'Adult: who and what': 'Mr Dobson sent a pupil a private message on Instagram at night.',
      'Alert status': `Pending: ${SCHOOL.headteacher}`,
    });
    expect(String(row!['Alert log'])).toContain(
      `not sent to ${SCHOOL.headteacher}: daily mail quota used up`,
    );

    nextHourlyRun(ws);
    nextHourlyRun(ws);
    [row] = rowsByHeader(ws, staffFile);
    expect(row!['Alert status']).toBe('Sent');
    expect(String(row!['Alert log'])).toContain(`sent to ${SCHOOL.headteacher} (headteacher)`);
    expect(deliveryCounts(ws.mail.sent)).toEqual({ [SCHOOL.headteacher]: 1 });

    // Set up keeps the moved column where the DSL put it.
    runSetUp(ws);
    expect(headerOf(ws, staffFile)[0]).toBe('Alert log');
    expect(headerOf(ws, staffFile).filter((h) => h === 'Alert log')).toHaveLength(1);
  });
});

describe('a register column the DSL deleted', () => {
  it('is added back at the end by the next submission, and Set up keeps it there', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport({ description: 'Before.' }));
    registerSheet(ws).deleteColumn(columnOf(ws, 'Response ID'));
    expect(headerOf(ws)).not.toContain('Response ID');

    const { responseId } = submit(ws, ordinaryReport({ description: 'After.' }));
    const header = headerOf(ws);
    expect(header.filter((h) => h !== '').at(-1)).toBe('Response ID');
    expect(rowsByHeader(ws).at(-1)).toMatchObject({ 'What happened': 'After.', 'Response ID': responseId });
    // The duplicate check works on the column where it now is.
    ws.forms.refire(deploymentIds(ws).formId, responseId);
    expect(rowsByHeader(ws)).toHaveLength(2);

    runSetUp(ws);
    expect(headerOf(ws)).toEqual(header);
    // Every register column is there once.
    for (const h of registerHeaders()) expect(headerOf(ws).filter((x) => x === h)).toHaveLength(1);
  });
});

describe('formatting headroom', () => {
  /** Copies the register's row 2 into rows 3…`lastRow`, each with its own incident and response ID. */
  function fillRegisterTo(ws: Workspace, lastRow: number): void {
    const sheet = registerSheet(ws);
    const width = sheet.getLastColumn();
    const template = sheet.getRange(2, 1, 1, width).getValues()[0]!;
    const idColumn = columnOf(ws, 'Incident ID') - 1;
    const responseColumn = columnOf(ws, 'Response ID') - 1;
    const rows = Array.from({ length: lastRow - 2 }, (_, i) => {
      const row = [...template];
      row[idColumn] = `OSI-2025-${String(i + 1).padStart(4, '0')}`;
      row[responseColumn] = `2_filled${i}`;
      return row;
    });
    sheet.getRange(3, 1, rows.length, width).setValues(rows);
  }

  function formattingAt(
    ws: Workspace,
    row: number,
  ): { dropdown: boolean; highlighted: boolean; protectedAlertStatus: boolean } {
    const sheet = registerSheet(ws);
    const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const covers = (range: GoogleAppsScript.Spreadsheet.Range, column: number): boolean =>
      range.getRow() <= row &&
      row <= range.getLastRow() &&
      range.getColumn() <= column &&
      column <= range.getLastColumn();
    const statusColumn = columnOf(ws, 'Status');
    const alertColumn = columnOf(ws, 'Alert status');
    const rules = sheet.getConditionalFormatRules();
    return {
      dropdown: sheet.getRange(row, statusColumn).getDataValidation() !== null,
      highlighted:
        rules.length === 6 && rules.every((rule) => rule.getRanges().some((r) => covers(r, statusColumn))),
      protectedAlertStatus: sheet
        .getProtections(app.ProtectionType.RANGE)
        .some((p) => covers(p.getRange(), alertColumn)),
    };
  }

  const FORMATTED = { dropdown: true, highlighted: true, protectedAlertStatus: true };
  const BARE = { dropdown: false, highlighted: false, protectedAlertStatus: false };

  it('rows appended past the formatted ones get their formatting from the next daily reconcile', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport());
    expect(registerSheet(ws).getMaxRows()).toBe(1000);
    fillRegisterTo(ws, 995);
    for (let i = 0; i < 10; i++) submit(ws, ordinaryReport({ description: `Report ${i} near the end.` }));
    const sheet = registerSheet(ws);
    expect(sheet.getLastRow()).toBe(1005);
    // The submit path appends a row at a time without formatting it (that is what keeps it cheap).
    expect(sheet.getMaxRows()).toBe(1005);
    expect(formattingAt(ws, 999)).toEqual(FORMATTED);
    expect(formattingAt(ws, 1003)).toEqual(BARE);

    const runs = ws
      .advanceTo('2026-09-08T02:30:00+01:00')
      .filter((r) => r.functionName === 'reconcileMissedReports');
    expect(runs.map((r) => r.status)).toEqual(['completed']);
    expect(sheet.getMaxRows()).toBe(2005);
    for (const row of [1003, 1005, 1006, 2005])
      expect({ row, ...formattingAt(ws, row) }).toEqual({ row, ...FORMATTED });
    // One protection per protected column, not one more per run.
    const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const protections = sheet.getProtections(app.ProtectionType.RANGE).map((p) => p.getRange().getColumn());
    expect(new Set(protections).size).toBe(protections.length);

    // With room to spare, the next day's reconcile adds nothing.
    ws.advanceTo('2026-09-09T02:30:00+01:00');
    expect(sheet.getMaxRows()).toBe(2005);
    // A report now lands in a row that already has its dropdowns.
    submit(ws, ordinaryReport({ description: 'After the headroom was added.' }));
    expect(sheet.getLastRow()).toBe(1006);
    expect(formattingAt(ws, 1006)).toEqual(FORMATTED);
    expect(scriptProperties(ws)['incidentSeq:2026']).toBe('12');
  });

  it('checked from the menu by someone other than the runner: told the nightly check does it, which then does', () => {
    const { ws } = setUpSchool();
    // A deputy the DSL shared the spreadsheet and the form with (not the protections).
    ws.drive.get(ws.containerId)!.editors.add(SCHOOL.deputy);
    ws.drive.get(deploymentIds(ws).formId)!.editors.add(SCHOOL.deputy);
    submit(ws, ordinaryReport());
    submit(ws, ordinaryReport({ description: 'Missed by its trigger.' }), { fireTriggers: false });
    fillRegisterTo(ws, 950);

    ws.openSpreadsheet(SCHOOL.deputy);
    const click = ws.spreadsheets.ui.clickMenu(SCHOOL.deputy, 'Online Safety', 'Check for missed reports');
    expect(click.status).toBe('completed');
    expect(ws.spreadsheets.ui.shown(SCHOOL.deputy).at(-1)?.message).toMatch(
      new RegExp(
        `^Only ${SCHOOL.dsl.replace(/\./g, '\\.')} can run "Check for missed reports".*every night`,
        's',
      ),
    );
    expect(registerRows(ws).map((r) => r['What happened'])).not.toContain('Missed by its trigger.');

    // The daily trigger runs as the DSL, who set it all up: it finishes the job, once.
    ws.advanceTo('2026-09-08T02:30:00+01:00');
    expectRunsSucceeded(ws, 'reconcileMissedReports');
    const lastRow = registerSheet(ws).getMaxRows();
    expect(lastRow).toBeGreaterThanOrEqual(1951);
    expect(formattingAt(ws, lastRow)).toEqual(FORMATTED);
    expect(formattingAt(ws, 1500)).toEqual(FORMATTED);
    expect(registerRows(ws).map((r) => r['What happened'])).toContain('Missed by its trigger.');
  });
});

describe("the register's overdue colour follows the school calendar", () => {
  /** The formula of the register's first "overdue" rule (the one with WORKDAY), as Set up applied it. */
  function overdueFormula(ws: Workspace, spreadsheetId: string = ws.containerId): string {
    const book = (
      ws.spreadsheets.snapshot() as Array<{
        id: string;
        sheets: Array<{ name: string; conditionalFormats: Array<{ values: unknown[] }> }>;
      }>
    ).find((b) => b.id === spreadsheetId)!;
    const register = book.sheets.find((s) => s.name === 'Register')!;
    const formulas = register.conditionalFormats.map((r) => String(r.values[0] ?? ''));
    return formulas.find((f) => f.includes('WORKDAY')) ?? '';
  }
  /** The dates a formula's WORKDAY skips, as ISO days. */
  function skipped(formula: string): string[] {
    const list = /WORKDAY\([^,]+,1,\{([\d,]+)\}\)/.exec(formula)?.[1] ?? '';
    return list
      .split(',')
      .filter((n) => n !== '')
      .map((n) => new Date((Number(n) - 25569) * 86_400_000).toISOString().slice(0, 10));
  }

  it('skips the half term and holidays in Settings, in the register and the restricted files, and follows a change', () => {
    const { ws } = setUpSchool();
    const formula = overdueFormula(ws);
    // Still New after the next school day, or no update for the overdue days (as the reminders count).
    expect(formula).toMatch(/TODAY\(\)>WORKDAY\(INT\(\$\w+2\),1,\{/);
    expect(formula).toMatch(/TODAY\(\)-INT\(IF\(N\(\$\w+2\)>0,\$\w+2,\$\w+2\)\)>=10\)/);
    const days = skipped(formula);
    expect(days).toEqual(expect.arrayContaining(['2026-10-26', '2026-10-30', '2026-12-21', '2027-05-03']));
    expect(days).not.toContain('2026-11-02');
    expect(overdueFormula(ws, deploymentIds(ws).staffAllegationsId)).toBe(formula);

    // The DSL adds an INSET day to Settings; the next Set up colours by it.
    const settings = sheetValues(ws, ws.containerId, 'Settings');
    const row = settings.findIndex((r) => String(r[0]) === 'Holidays in term') + 1;
    const typed = `${String(settings[row - 1]![1])}\nINSET: 2026-11-13`;
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', `B${row}`, typed);
    runSetUp(ws);
    expect(skipped(overdueFormula(ws))).toContain('2026-11-13');
  });
});
