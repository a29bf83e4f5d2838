/**
 * SpreadsheetApp emulator: data validation, conditional formats, protections, charts, TextFinder, the
 * Ui (menus and dialogs), people editing cells (edit triggers) and the snapshot.
 */
import type { ExecutionRecord, Workspace } from '../../emulator/workspace';
import { NO_UI, PROTECTED_CELL } from '../../emulator/spreadsheet';
import { runAs, spreadsheetWorkspace } from './support';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type ChartsGlobal = GoogleAppsScript.Charts.Charts;

const OWNER = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const TEACHER = 'teacher@school.example';
const OUTSIDER = 'parent@home.example';

/** The container's first sheet is named "Register", as the product names it. */
function setup(): { ws: Workspace; app: App; sheet: Sheet; charts: ChartsGlobal } {
  const { ws, globals, app, sheet } = spreadsheetWorkspace();
  sheet.setName('Register');
  return { ws, app, sheet, charts: globals.Charts as ChartsGlobal };
}

describe('data validation', () => {
  test('builders build rules whose getters report criteria, values, allowInvalid and help text', () => {
    const { app } = setup();
    const list = app
      .newDataValidation()
      .requireValueInList(['New', 'Triaged', 'Closed'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick a status')
      .build();
    expect(list.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(list.getCriteriaValues()).toEqual([['New', 'Triaged', 'Closed'], true]);
    expect([list.getAllowInvalid(), list.getHelpText()]).toEqual([false, 'Pick a status']);

    const checkbox = app.newDataValidation().requireCheckbox().build();
    expect([checkbox.getCriteriaType(), checkbox.getCriteriaValues(), checkbox.getAllowInvalid()]).toEqual([
      app.DataValidationCriteria.CHECKBOX,
      [],
      true,
    ]);
    const since = new Date(Date.UTC(2026, 8, 1));
    const date = app.newDataValidation().requireDateOnOrAfter(since).build();
    expect(date.getCriteriaType()).toBe(app.DataValidationCriteria.DATE_ON_OR_AFTER);
    const [bound] = date.getCriteriaValues() as [Date];
    expect(bound.getTime()).toBe(since.getTime());
    expect(app.newDataValidation().requireDate().build().getCriteriaType()).toBe(
      app.DataValidationCriteria.DATE_IS_VALID_DATE,
    );

    const copied = list.copy().setHelpText('Choose one').build();
    expect([copied.getCriteriaValues(), copied.getHelpText(), list.getHelpText()]).toEqual([
      [['New', 'Triaged', 'Closed'], true],
      'Choose one',
      'Pick a status',
    ]);
    expect(() => app.newDataValidation().build()).toThrow(
      'not emulated: DataValidationBuilder.build without a criterion',
    );
    expect(() => app.newDataValidation().requireValueInList([])).toThrow('Invalid argument: values');
  });

  test('rules are set per cell, read back, and cleared', () => {
    const { app, sheet } = setup();
    const rule = app.newDataValidation().requireValueInList(['Yes', 'No']).build();
    sheet.getRange('B2:B4').setDataValidation(rule);
    expect(sheet.getRange('B3').getDataValidation()?.getCriteriaValues()).toEqual([['Yes', 'No'], true]);
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
    const notARule = app.newConditionalFormatRule().whenCellEmpty().setBackground('#ffffff').build();
    expect(() => sheet.getRange('A2').setDataValidation(notARule as unknown as typeof rule)).toThrow(
      'Invalid argument: rule',
    );
    const grid = sheet.getRange('A2:B3').getDataValidations();
    expect(grid.map((row) => row.map((v) => v?.getCriteriaType() ?? null))).toEqual([
      [null, 'VALUE_IN_LIST'],
      [null, 'VALUE_IN_LIST'],
    ]);
    sheet.getRange('B3').clearDataValidations();
    expect(
      sheet
        .getRange('B2:B4')
        .getDataValidations()
        .map((row) => row[0] === null),
    ).toEqual([false, true, false]);
    sheet.getRange('B2').setDataValidation(null);
    expect(sheet.getRange('B2').getDataValidation()).toBeNull();
  });

  test('insertCheckboxes adds checkbox validation and sets the cells to false', () => {
    const { sheet } = setup();
    sheet.getRange('C2:C3').insertCheckboxes();
    expect(sheet.getRange('C2:C3').getValues()).toEqual([[false], [false]]);
    expect(sheet.getRange('C2').getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
  });
});

describe('conditional formats', () => {
  test('rules are built, set on a sheet (replacing all), and read back', () => {
    const { app, sheet } = setup();
    const flagged = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$H2=TRUE')
      .setBackground('#F4CCCC')
      .setBold(true)
      .setRanges([sheet.getRange('A2:Z1000')])
      .build();
    const closed = app
      .newConditionalFormatRule()
      .whenTextEqualTo('Closed')
      .setFontColor('#999999')
      .setRanges([sheet.getRange('C2:C1000')])
      .build();
    sheet.setConditionalFormatRules([flagged, closed]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(2);
    const first = rules[0]?.getBooleanCondition();
    expect([
      first?.getCriteriaType(),
      first?.getCriteriaValues(),
      first?.getBackground(),
      first?.getBold(),
    ]).toEqual([app.BooleanCriteria.CUSTOM_FORMULA, ['=$H2=TRUE'], '#f4cccc', true]);
    expect(rules[1]?.getRanges().map((r) => r.getA1Notation())).toEqual(['C2:C1000']);
    expect(rules[1]?.getBooleanCondition()?.getFontColor()).toBe('#999999');

    const notEmpty = app.newConditionalFormatRule().whenCellNotEmpty().setBackground('#ffffff').build();
    sheet.setConditionalFormatRules([notEmpty]);
    expect(sheet.getConditionalFormatRules().map((r) => r.getBooleanCondition()?.getCriteriaType())).toEqual([
      'CELL_NOT_EMPTY',
    ]);
    expect(() => app.newConditionalFormatRule().setBackground('#ffffff').build()).toThrow(
      'not emulated: ConditionalFormatRuleBuilder.build without a condition',
    );
  });

  test('rule ranges move when rows are inserted above them', () => {
    const { app, sheet } = setup();
    const rule = app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setBackground('#ff0000')
      .setRanges([sheet.getRange('B5:B10')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.insertRowsBefore(2, 3);
    expect(sheet.getConditionalFormatRules()[0]?.getRanges()[0]?.getA1Notation()).toBe('B8:B13');
    sheet.insertRowsAfter(9, 1);
    expect(sheet.getConditionalFormatRules()[0]?.getRanges()[0]?.getA1Notation()).toBe('B8:B14');
  });
});

describe('protection', () => {
  test('a new protection mirrors the file: every editor can still edit until the script changes editors', () => {
    const { ws, app, sheet } = setup();
    app.getActiveSpreadsheet().addEditors([DEPUTY, TEACHER]);
    const p = sheet.getRange('A1:C1').protect().setDescription('Derived columns');
    expect(p.getDescription()).toBe('Derived columns');
    expect(p.getProtectionType()).toBe(app.ProtectionType.RANGE);
    expect(p.getRange().getA1Notation()).toBe('A1:C1');
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, DEPUTY, TEACHER]);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 1, 1)).toBe(true);

    // The usual idiom: keep only the owner and the person running the script.
    runAs(ws, DEPUTY, () => p.removeEditors(p.getEditors()));
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, DEPUTY]);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 1, 2)).toBe(false);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 2, 1)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, 'Register', 1, 1)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(OUTSIDER, 'Register', 2, 1)).toBe(false);

    p.removeEditor(OWNER); // the owner can never be removed
    expect(p.getEditors().map((u) => u.getEmail())).toContain(OWNER);
    p.addEditor(TEACHER);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 1, 1)).toBe(true);
    expect(runAs(ws, TEACHER, () => p.canEdit())).toBe(true);
    p.removeEditor(TEACHER);
    expect(runAs(ws, TEACHER, () => p.canEdit())).toBe(false);
  });

  test('domain edit and warning-only protections', () => {
    const { ws, app, sheet } = setup();
    app.getActiveSpreadsheet().addEditors([TEACHER, OUTSIDER]);
    const p = sheet.protect();
    p.removeEditors([TEACHER, OUTSIDER]);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 5, 5)).toBe(false);
    p.setDomainEdit(true);
    expect(p.canDomainEdit()).toBe(true);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 5, 5)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(OUTSIDER, 'Register', 5, 5)).toBe(false);
    p.setDomainEdit(false).setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    expect(ws.spreadsheets._canUserEdit(OUTSIDER, 'Register', 5, 5)).toBe(true);
  });

  test('a protected sheet with unprotected ranges; getProtections by type; remove', () => {
    const { ws, app, sheet } = setup();
    const ss = app.getActiveSpreadsheet();
    ss.addEditor(TEACHER);
    const p = sheet.protect().setDescription('Register');
    expect(sheet.protect().getDescription()).toBe('Register'); // one sheet protection per sheet
    p.removeEditors([TEACHER]).setUnprotectedRanges([sheet.getRange('J2:K1000')]);
    expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['J2:K1000']);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 5, 10)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 5, 9)).toBe(false);
    sheet.getRange('A1').protect();
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(ss.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
    expect(p.getRange().getA1Notation()).toBe('A1:Z1000');
    p.remove();
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
    expect(ws.spreadsheets._canUserEdit(TEACHER, 'Register', 5, 9)).toBe(true);
    expect(() =>
      sheet.getProtections('BOTH' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType),
    ).toThrow('Invalid argument: type');
  });

  test('a script run by someone who is not a protection editor cannot write the protected cells', () => {
    const { ws, app, sheet } = setup();
    app.getActiveSpreadsheet().addEditor(TEACHER);
    sheet.getRange('A1:C1').protect().removeEditors([TEACHER]);
    expect(() => runAs(ws, TEACHER, () => sheet.getRange('B1').setValue('x'))).toThrow(PROTECTED_CELL);
    expect(() => runAs(ws, TEACHER, () => sheet.getRange('A1:A5').setBackground('#ff0000'))).toThrow(
      PROTECTED_CELL,
    );
    runAs(ws, TEACHER, () => sheet.getRange('B2').setValue('fine'));
    expect(sheet.getRange('B2').getValue()).toBe('fine');
    sheet.getRange('B1').setValue('owner may');
    expect(sheet.getRange('B1').getValue()).toBe('owner may');
  });

  test('a protected range moves with inserted rows and disappears with its rows', () => {
    const { app, sheet } = setup();
    const p = sheet.getRange('A5:B6').protect();
    sheet.insertRowsBefore(1, 2);
    expect(p.getRange().getA1Notation()).toBe('A7:B8');
    sheet.deleteRows(7, 2);
    expect(app.getActiveSpreadsheet().getProtections(app.ProtectionType.RANGE)).toHaveLength(0);
  });
});

describe('charts', () => {
  test('build, insert, read back, modify, update and remove a chart', () => {
    const { app, sheet, charts } = setup();
    const summary = app.getActiveSpreadsheet().insertSheet('Summary');
    summary.getRange('A1:B3').setValues([
      ['Category', 'Count'],
      ['Contact', 3],
      ['Content', 5],
    ]);
    const built = summary
      .newChart()
      .setChartType(charts.ChartType.COLUMN)
      .addRange(summary.getRange('A1:B3'))
      .setPosition(2, 4, 0, 0)
      .setOption('title', 'Incidents by category')
      .setNumHeaders(1)
      .setTransposeRowsAndColumns(false)
      .build();
    expect(built.getChartId()).toBeNull();
    summary.insertChart(built);
    const [chart] = summary.getCharts();
    const id = chart?.getChartId();
    expect(typeof id).toBe('number');
    expect(chart?.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B3']);
    expect(chart?.getOptions().get('title')).toBe('Incidents by category');
    expect([chart?.getNumHeaders(), chart?.getContainerInfo().getAnchorColumn()]).toEqual([1, 4]);

    const changed = chart?.modify().setOption('title', 'Updated').setChartType(charts.ChartType.BAR).build();
    if (!changed) throw new Error('no chart');
    summary.updateChart(changed);
    expect(summary.getCharts().map((c) => [c.getChartId(), c.getOptions().get('title')])).toEqual([
      [id, 'Updated'],
    ]);
    summary.removeChart(changed);
    expect(summary.getCharts()).toHaveLength(0);
    expect(() => summary.removeChart(changed)).toThrow('Invalid argument: chart');
    expect(() => sheet.newChart().setChartType(charts.ChartType.PIE).build()).toThrow(
      'not emulated: EmbeddedChartBuilder.build without setPosition',
    );
    expect(() =>
      sheet.newChart().setChartType('DONUT' as unknown as GoogleAppsScript.Charts.ChartType),
    ).toThrow('Invalid argument: type');
  });
});

describe('TextFinder', () => {
  function register(sheet: Sheet): void {
    sheet.getRange('A1:C5').setValues([
      ['ID', 'Status', 'Notes'],
      ['OSI-2026-0001', 'New', 'see osi-2026-0003'],
      ['OSI-2026-0002', 'Closed', ''],
      ['OSI-2026-0003', 'New', 'OSI-2026-0003 follow-up'],
      ['OSI-2026-00031', 'New', ''],
    ]);
  }

  test('matchEntireCell and matchCase narrow the search; findNext walks row by row then returns null', () => {
    const { sheet } = setup();
    register(sheet);
    const loose = sheet.createTextFinder('osi-2026-0003');
    expect(loose.findAll().map((r) => r.getA1Notation())).toEqual(['C2', 'A4', 'C4', 'A5']);
    const exact = sheet
      .getRange('A:A')
      .createTextFinder('OSI-2026-0003')
      .matchEntireCell(true)
      .matchCase(true);
    expect(exact.findNext()?.getA1Notation()).toBe('A4');
    expect(exact.findNext()).toBeNull();
    expect(exact.getCurrentMatch()?.getA1Notation()).toBe('A4');
    const cased = sheet.createTextFinder('osi-2026-0003').matchCase(true);
    expect(cased.findAll().map((r) => r.getA1Notation())).toEqual(['C2']);
    expect(sheet.createTextFinder('OSI-2026-9999').findNext()).toBeNull();
    expect(sheet.createTextFinder('OSI-2026-9999').findAll()).toEqual([]);
    const seq = sheet.getRange('B1:B5').createTextFinder('New');
    expect(
      [seq.findNext(), seq.findNext(), seq.findNext(), seq.findNext()].map((r) => r?.getA1Notation() ?? null),
    ).toEqual(['B2', 'B4', 'B5', null]);
    expect(seq.findPrevious()?.getA1Notation()).toBe('B4');
  });

  test('numbers are matched on their displayed text; regular expressions work; formulas are not evaluated', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[42], [1042], ['x42y']]);
    expect(
      sheet
        .createTextFinder('42')
        .matchEntireCell(true)
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1']);
    expect(sheet.createTextFinder('^\\d+$').useRegularExpression(true).findAll()).toHaveLength(2);
    sheet.getRange('B1').setValue('=A1*2');
    expect(() => sheet.createTextFinder('84').findAll()).toThrow(
      'not emulated: TextFinder over formula cells',
    );
    expect(sheet.createTextFinder('=A1').matchFormulaText(true).findNext()?.getA1Notation()).toBe('B1');
  });

  test('dates are matched on their displayed text in the spreadsheet time zone', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:A2')
      .setValues([[new Date(Date.UTC(2026, 8, 7, 23, 30))], [new Date(Date.UTC(2026, 8, 9, 12))]]);
    sheet.getRange('A2').setNumberFormat('d mmmm yyyy');
    expect(
      sheet
        .createTextFinder('08/09/2026')
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1']);
    expect(
      sheet
        .createTextFinder('september')
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A2']);
    expect(sheet.createTextFinder('2026').findAll()).toHaveLength(2);
  });
});

describe('Ui', () => {
  test('menus go into the menu bar of the person running the script; clicking runs the function', () => {
    const { ws, app } = setup();
    const ran: string[] = [];
    ws.installScript({
      onOpen: () => {
        const ui = app.getUi();
        ui.createMenu('Safeguarding')
          .addItem('Set up', 'setUp')
          .addSeparator()
          .addSubMenu(ui.createMenu('Reports').addItem('Weekly digest now', 'sendDigest'))
          .addToUi();
      },
      setUp: () => {
        ran.push(`setUp by ${ws.activeUser()} as ${ws.currentExecution()?.kind ?? ''}`);
      },
      sendDigest: () => {
        ran.push('digest');
      },
    });
    expect(ws.openSpreadsheet(OWNER)?.status).toBe('completed');
    const ui = ws.spreadsheets.ui;
    expect(ui.menus(OWNER)).toEqual([
      {
        name: 'Safeguarding',
        items: [
          { kind: 'item', caption: 'Set up', functionName: 'setUp' },
          { kind: 'separator' },
          {
            kind: 'submenu',
            name: 'Reports',
            items: [{ kind: 'item', caption: 'Weekly digest now', functionName: 'sendDigest' }],
          },
        ],
      },
    ]);
    expect(ui.menus(DEPUTY)).toEqual([]);
    const record = ui.clickMenu(OWNER, 'Safeguarding', 'Set up');
    ui.clickMenu(OWNER, 'Safeguarding', 'Weekly digest now');
    expect(ran).toEqual([`setUp by ${OWNER} as menu`, 'digest']);
    expect(record).toMatchObject({ functionName: 'setUp', kind: 'menu', user: OWNER, status: 'completed' });
    expect(() => ui.clickMenu(OWNER, 'Safeguarding', 'Missing')).toThrow(
      'menu "Safeguarding" has no item "Missing"',
    );
    ui.reset(OWNER);
    expect(ui.menus(OWNER)).toEqual([]);
    expect(() => ui.clickMenu(OWNER, 'Safeguarding', 'Set up')).toThrow(
      `${OWNER} has no menu "Safeguarding"`,
    );
  });

  test('alerts and prompts answer from scripted responses and are logged', () => {
    const { ws, app } = setup();
    const ui = ws.spreadsheets.ui;
    const shown = runAs(ws, OWNER, () => {
      const u = app.getUi();
      const ok = u.alert('Set up complete');
      ui.queueResponse(OWNER, { button: 'YES' });
      const yes = u.alert('Re-run set up?', 'This keeps existing data.', u.ButtonSet.YES_NO);
      ui.queueResponse(OWNER, { button: 'OK', text: 'OSI-2026-0042' });
      const p = u.prompt('Close incident', 'Incident ID:', u.ButtonSet.OK_CANCEL);
      return { ok, yes, text: p.getResponseText(), button: p.getSelectedButton(), buttons: u.Button };
    });
    expect(shown.ok).toBe(shown.buttons.OK);
    expect(shown.yes).toBe(shown.buttons.YES);
    expect([shown.text, shown.button]).toEqual(['OSI-2026-0042', shown.buttons.OK]);
    expect(ui.shown(OWNER).map((e) => [e.kind, e.title, e.message, e.answer?.button])).toEqual([
      ['alert', '', 'Set up complete', 'OK'],
      ['alert', 'Re-run set up?', 'This keeps existing data.', 'YES'],
      ['prompt', 'Close incident', 'Incident ID:', 'OK'],
    ]);
  });

  test('a dialog that needs an answer and has none scripted is not emulated', () => {
    const { ws, app } = setup();
    expect(() => runAs(ws, OWNER, () => app.getUi().prompt('Incident ID?'))).toThrow(
      'not emulated: Ui.prompt without a scripted answer',
    );
    expect(() => runAs(ws, OWNER, () => app.getUi().alert('Sure?', app.getUi().ButtonSet.YES_NO))).toThrow(
      'not emulated: Ui.alert without a scripted answer',
    );
    ws.spreadsheets.ui.queueResponse(OWNER, { button: 'YES' });
    expect(() => runAs(ws, OWNER, () => app.getUi().prompt('ID?', app.getUi().ButtonSet.OK_CANCEL))).toThrow(
      'scripted answer YES is not a button of OK_CANCEL',
    );
  });

  test('getUi from a trigger execution fails as in Apps Script', () => {
    const { ws, app } = setup();
    expect(() => runAs(ws, OWNER, () => app.getUi(), 'trigger')).toThrow(NO_UI);
    expect(NO_UI).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(() => runAs(ws, OWNER, () => app.getUi(), 'menu')).not.toThrow();
  });

  test('toasts are logged for the person who caused them', () => {
    const { ws, app } = setup();
    runAs(ws, DEPUTY, () => app.getActiveSpreadsheet().toast('Saved', 'Register', 5));
    expect(ws.spreadsheets.ui.shown(DEPUTY)).toEqual([
      { user: DEPUTY, kind: 'toast', title: 'Register', message: 'Saved', spreadsheetId: ws.containerId },
    ]);
  });
});

describe('people editing cells', () => {
  interface EditEvent {
    authMode: unknown;
    range: GoogleAppsScript.Spreadsheet.Range;
    source: GoogleAppsScript.Spreadsheet.Spreadsheet;
    user: GoogleAppsScript.Base.User;
    value?: unknown;
    oldValue?: unknown;
    triggerUid: string;
  }

  function withOnEdit(ws: Workspace): Array<Record<string, unknown>> {
    const seen: Array<Record<string, unknown>> = [];
    ws.installScript({
      onEdit: (...args: unknown[]) => {
        const e = args[0] as EditEvent;
        seen.push({
          a1: e.range.getA1Notation(),
          sheet: e.range.getSheet().getName(),
          source: e.source.getId(),
          user: e.user.getEmail(),
          value: e.value,
          oldValue: e.oldValue,
          hasOldValue: 'oldValue' in e,
          kind: ws.currentExecution()?.kind,
          runAs: ws.activeUser(),
        });
      },
    });
    return seen;
  }

  test('a single-cell edit writes the value and runs the simple onEdit with the event', () => {
    const { ws, sheet } = setup();
    ws.drive.get(ws.containerId)?.editors.add(DEPUTY);
    sheet.getRange('C2').setValue('New');
    const seen = withOnEdit(ws);
    const result = ws.spreadsheets._userEdit(DEPUTY, ws.containerId, 'Register', 'C2', 'Triaged');
    expect(sheet.getRange('C2').getValue()).toBe('Triaged');
    expect(seen).toEqual([
      {
        a1: 'C2',
        sheet: 'Register',
        source: ws.containerId,
        // A simple trigger runs without the editor's authorization: e.user's email is blank
        // (https://developers.google.com/apps-script/reference/base/session#getActiveUser()).
        user: '',
        value: 'Triaged',
        oldValue: 'New',
        hasOldValue: true,
        kind: 'simple',
        runAs: DEPUTY,
      },
    ]);
    expect(result.simple?.status).toBe('completed');
    ws.spreadsheets._userEdit(DEPUTY, ws.containerId, 'Register', 'D2', true);
    expect(seen[1]).toMatchObject({ value: 'TRUE', oldValue: undefined, hasOldValue: false });
  });

  test('a paste writes a block and fires once, without value or oldValue', () => {
    const { ws, sheet } = setup();
    const seen = withOnEdit(ws);
    ws.spreadsheets._userPaste(OWNER, ws.containerId, 'Register', 'A2:B3', [
      ['a', 1],
      ['b', 2],
    ]);
    expect(sheet.getRange('A2:B3').getValues()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ a1: 'A2:B3', value: undefined, oldValue: undefined, hasOldValue: false });
    expect(() => ws.spreadsheets._userPaste(OWNER, ws.containerId, 'Register', 'A2:B3', [['x']])).toThrow(
      'The number of rows in the data does not match',
    );
  });

  test('file access, protections and rejecting validation refuse an edit before anything changes', () => {
    const { ws, app, sheet } = setup();
    const ss = app.getActiveSpreadsheet();
    ss.addViewer(OUTSIDER).addEditor(TEACHER);
    const seen = withOnEdit(ws);
    expect(() => ws.spreadsheets._userEdit(OUTSIDER, ws.containerId, 'Register', 'A2', 'x')).toThrow(
      `${OUTSIDER} cannot edit this spreadsheet (view only)`,
    );
    sheet.getRange('H1:H1000').protect().removeEditors([TEACHER]);
    expect(() => ws.spreadsheets._userEdit(TEACHER, ws.containerId, 'Register', 'H2', 'x')).toThrow(
      PROTECTED_CELL,
    );
    expect(() =>
      ws.spreadsheets._userPaste(TEACHER, ws.containerId, 'Register', 'G2:H2', [['ok', 'not ok']]),
    ).toThrow(PROTECTED_CELL);
    expect(sheet.getRange('G2').getValue()).toBe('');

    const status = app
      .newDataValidation()
      .requireValueInList(['New', 'Closed'])
      .setAllowInvalid(false)
      .build();
    sheet.getRange('C2:C10').setDataValidation(status);
    expect(() => ws.spreadsheets._userEdit(TEACHER, ws.containerId, 'Register', 'C2', 'Maybe')).toThrow(
      'The data you entered in cell C2 violates the data validation rules set on this cell.',
    );
    sheet.getRange('D2').setDataValidation(status.copy().setHelpText('Choose New or Closed').build());
    expect(() => ws.spreadsheets._userEdit(TEACHER, ws.containerId, 'Register', 'D2', 'Maybe')).toThrow(
      'Choose New or Closed',
    );
    expect(seen).toHaveLength(0);
    ws.spreadsheets._userEdit(TEACHER, ws.containerId, 'Register', 'C2', 'Closed');
    const lenient = app.newDataValidation().requireValueInList(['New']).build(); // allowInvalid defaults to true
    sheet.getRange('E2').setDataValidation(lenient);
    ws.spreadsheets._userEdit(TEACHER, ws.containerId, 'Register', 'E2', 'Other');
    expect(sheet.getRange('C2:E2').getValues()).toEqual([['Closed', '', 'Other']]);
    expect(seen).toHaveLength(2);
  });

  test('installable edit triggers are fired through ScriptStore.fire when it exists', () => {
    const { ws } = setup();
    const calls: Array<{ type: string; source: string; event: Record<string, unknown> }> = [];
    const fake: ExecutionRecord[] = [];
    Object.assign(ws.script, {
      fire: (type: string, source: string, makeEvent: (uid: string) => Record<string, unknown>) => {
        calls.push({ type, source, event: makeEvent('uid-1') });
        return fake;
      },
    });
    ws.spreadsheets._userEdit(OWNER, ws.containerId, 'Register', 'B2', 5);
    expect(calls.map((c) => [c.type, c.source])).toEqual([
      ['ON_EDIT', ws.containerId],
      ['ON_CHANGE', ws.containerId],
    ]);
    const edit = calls[0]?.event as Record<string, unknown> & { range: GoogleAppsScript.Spreadsheet.Range };
    expect([edit.range.getA1Notation(), edit.value, edit.oldValue, edit.triggerUid]).toEqual([
      'B2',
      '5',
      undefined,
      'uid-1',
    ]);
    expect(calls[1]?.event.changeType).toBe('EDIT');
  });
});

describe('snapshot', () => {
  test('every spreadsheet with its sheets, values, formulas, formats, rules, protections and charts', () => {
    const { ws, app, sheet, charts } = setup();
    sheet.getRange('A1:C2').setValues([
      ['ID', 'When', 'Total'],
      ['OSI-1', new Date(Date.UTC(2026, 8, 7, 9)), '=COUNTA(A:A)'],
    ]);
    sheet.getRange('A2:A100').setNumberFormat('@');
    sheet.setFrozenRows(1);
    sheet
      .getRange('D2:D100')
      .setDataValidation(
        app.newDataValidation().requireValueInList(['New', 'Closed']).setAllowInvalid(false).build(),
      );
    sheet.getRange('E1:E100').protect().setDescription('Derived');
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenTextEqualTo('Closed')
        .setBackground('#eeeeee')
        .setRanges([sheet.getRange('D2:D100')])
        .build(),
    ]);
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(charts.ChartType.PIE)
        .addRange(sheet.getRange('A1:A2'))
        .setPosition(1, 6, 0, 0)
        .build(),
    );
    const snap = ws.spreadsheets.snapshot() as Array<
      Record<string, unknown> & { sheets: Array<Record<string, unknown>> }
    >;
    expect(snap).toHaveLength(1);
    expect(snap[0]).toMatchObject({ id: ws.containerId, owner: OWNER, timeZone: 'Europe/London' });
    expect(snap[0]?.sheets[0]).toEqual({
      name: 'Register',
      sheetId: 0,
      index: 0,
      hidden: false,
      frozenRows: 1,
      frozenColumns: 0,
      maxRows: 1000,
      maxColumns: 26,
      values: [
        ['ID', 'When', 'Total'],
        ['OSI-1', '2026-09-07T09:00:00.000Z', null],
      ],
      formulas: { C2: '=COUNTA(A:A)' },
      numberFormats: { 'A2:A100': '@', B2: 'dd/MM/yyyy HH:mm:ss' },
      dataValidations: {
        'D2:D100': { criteria: 'VALUE_IN_LIST', values: [['New', 'Closed'], true], allowInvalid: false },
      },
      conditionalFormats: [
        {
          ranges: ['Register!D2:D100'],
          criteria: 'TEXT_EQUAL_TO',
          values: ['Closed'],
          background: '#eeeeee',
          fontColor: null,
          bold: null,
        },
      ],
      protections: [
        {
          type: 'RANGE',
          range: 'E1:E100',
          description: 'Derived',
          editors: [OWNER],
          restricted: false,
          warningOnly: false,
          domainEdit: false,
        },
      ],
      charts: [
        {
          chartId: expect.any(Number) as unknown,
          type: 'PIE',
          ranges: ['Register!A1:A2'],
          position: { anchorRow: 1, anchorColumn: 6, offsetX: 0, offsetY: 0 },
          options: {},
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  test('formats compact into blocks of equal values, merging only adjacent columns', () => {
    const { ws, sheet } = setup();
    sheet.getRange('A1:A3').setNumberFormat('@');
    sheet.getRange('C1:D3').setNumberFormat('@');
    sheet.getRange('D4').setNumberFormat('0.00');
    const snap = ws.spreadsheets.snapshot() as Array<{ sheets: Array<{ numberFormats: unknown }> }>;
    expect(snap[0]?.sheets[0]?.numberFormats).toEqual({ 'A1:A3': '@', 'C1:D3': '@', D4: '0.00' });
  });
});
