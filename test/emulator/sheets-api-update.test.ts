/**
 * The emulated Sheets.Spreadsheets.batchUpdate: what each modelled request writes is what SpreadsheetApp reads
 * back; GridRanges are 0-based with exclusive ends and unbounded where a bound is missing; the batch is atomic;
 * only a file editor may send it, and not over someone else's protection; replies mirror the requests; and a
 * call made while SpreadsheetApp writes are unflushed is refused. Each rule has a passing and a refusing case.
 * Reference: https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
 */
import { sheetsFacade } from '../../emulator/sheets-api';
import type { Workspace } from '../../emulator/workspace';
import { runAs, spreadsheetWorkspace } from './support';

const OWNER = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const TEACHER = 'teacher@school.example';
const NAVY = { red: 31 / 255, green: 56 / 255, blue: 100 / 255 };

type Api = {
  Spreadsheets: {
    batchUpdate(resource: unknown, id: string): unknown;
    get(id: string, optionalArgs?: unknown): unknown;
  };
};

function setup() {
  const made = spreadsheetWorkspace({ owner: OWNER });
  const api = sheetsFacade(made.ws) as Api;
  const sheetId = made.sheet.getSheetId();
  const send = (requests: unknown[]): Record<string, unknown> =>
    api.Spreadsheets.batchUpdate({ requests }, made.ws.containerId) as Record<string, unknown>;
  return { ...made, api, sheetId, send };
}

const cells = (sheetId: number, r0: number, r1: number, c0: number, c1: number) => ({
  sheetId,
  startRowIndex: r0,
  endRowIndex: r1,
  startColumnIndex: c0,
  endColumnIndex: c1,
});

describe('requests SpreadsheetApp reads back', () => {
  test('repeatCell writes exactly the fields in its mask; a listed field left out of the cell is cleared', () => {
    const { sheet, sheetId, send } = setup();
    sheet.getRange('A1:B2').setFontColor('#ff0000').setNumberFormat('0.00');
    send([
      {
        repeatCell: {
          range: cells(sheetId, 0, 2, 0, 2),
          cell: {
            userEnteredFormat: {
              backgroundColor: NAVY,
              wrapStrategy: 'WRAP',
              verticalAlignment: 'MIDDLE',
              textFormat: { bold: true, foregroundColor: { red: 1, green: 1, blue: 1 } },
              numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' },
            },
          },
          // numberFormat is in the cell but not in the mask: left as it was.
          fields: 'userEnteredFormat(backgroundColor,wrapStrategy,verticalAlignment,textFormat.bold)',
        },
      },
    ]);
    const b2 = sheet.getRange('B2');
    expect(b2.getBackground()).toBe('#1f3864');
    expect(b2.getWrap()).toBe(true);
    expect(b2.getVerticalAlignment()).toBe('middle');
    expect(b2.getFontWeight()).toBe('bold');
    expect(b2.getFontColor()).toBe('#ff0000');
    expect(b2.getNumberFormat()).toBe('0.00');
    expect(sheet.getRange('C3').getBackground()).toBe('#ffffff');
    // In the mask, absent from the cell: reset to the default.
    send([
      {
        repeatCell: {
          range: cells(sheetId, 0, 1, 0, 1),
          cell: { userEnteredFormat: {} },
          fields: 'userEnteredFormat.backgroundColor,userEnteredFormat.wrapStrategy',
        },
      },
    ]);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
    expect(sheet.getRange('A1').getWrap()).toBe(false);
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
  });

  test('a mask path or request kind the emulator does not model throws, and applies nothing', () => {
    const { sheet, sheetId, send } = setup();
    const paint = {
      repeatCell: {
        range: cells(sheetId, 0, 1, 0, 1),
        cell: { userEnteredFormat: { backgroundColor: NAVY } },
        fields: 'userEnteredFormat.backgroundColor',
      },
    };
    expect(() =>
      send([paint, { repeatCell: { ...paint.repeatCell, fields: 'userEnteredFormat.textFormat.italic' } }]),
    ).toThrow(/not emulated: .*textFormat.italic/);
    expect(() => send([paint, { mergeCells: { range: cells(sheetId, 0, 1, 0, 2) } }])).toThrow(
      /not emulated: .*mergeCells/,
    );
    expect(() => send([{ repeatCell: { ...paint.repeatCell, fields: '*' } }])).toThrow(/not emulated/);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });

  test('GridRange: 0-based, end exclusive, a missing bound is unbounded; past the grid is refused', () => {
    const { sheet, sheetId, send } = setup();
    // Column B, every row: only the column bounds are given.
    send([
      {
        repeatCell: {
          range: { sheetId, startColumnIndex: 1, endColumnIndex: 2 },
          cell: { userEnteredFormat: { verticalAlignment: 'TOP' } },
          fields: 'userEnteredFormat.verticalAlignment',
        },
      },
    ]);
    expect(sheet.getRange('B1').getVerticalAlignment()).toBe('top');
    expect(sheet.getRange(`B${sheet.getMaxRows()}`).getVerticalAlignment()).toBe('top');
    expect(sheet.getRange('A1').getVerticalAlignment()).toBe('bottom');
    expect(sheet.getRange('C1').getVerticalAlignment()).toBe('bottom');
    expect(() =>
      send([
        {
          repeatCell: {
            range: cells(sheetId, 0, sheet.getMaxRows() + 1, 0, 1),
            cell: { userEnteredFormat: { verticalAlignment: 'TOP' } },
            fields: 'userEnteredFormat.verticalAlignment',
          },
        },
      ]),
    ).toThrow(/API call to sheets.spreadsheets.batchUpdate failed with error: .*exceeds grid limits/);
    expect(() =>
      send([
        {
          repeatCell: {
            range: { sheetId: 12345 },
            cell: { userEnteredFormat: {} },
            fields: 'userEnteredFormat.verticalAlignment',
          },
        },
      ]),
    ).toThrow(/No grid with id: 12345/);
  });

  test('column widths and frozen panes; freezing every row is refused', () => {
    const { sheet, sheetId, send } = setup();
    send([
      {
        updateDimensionProperties: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: 1, endIndex: 3 },
          properties: { pixelSize: 240 },
          fields: 'pixelSize',
        },
      },
      {
        updateSheetProperties: {
          properties: { sheetId, gridProperties: { frozenRowCount: 1, frozenColumnCount: 2 } },
          fields: 'gridProperties.frozenRowCount,gridProperties.frozenColumnCount',
        },
      },
    ]);
    expect([1, 2, 3, 4].map((c) => sheet.getColumnWidth(c))).toEqual([100, 240, 240, 100]);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    expect(() =>
      send([
        {
          updateSheetProperties: {
            properties: { sheetId, gridProperties: { frozenRowCount: sheet.getMaxRows() } },
            fields: 'gridProperties.frozenRowCount',
          },
        },
      ]),
    ).toThrow(/freeze all visible rows/);
    expect(() =>
      send([
        {
          updateDimensionProperties: {
            range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1 },
            properties: { pixelSize: 40 },
            fields: 'pixelSize',
          },
        },
      ]),
    ).toThrow(/not emulated/);
  });

  test('a ONE_OF_LIST dropdown reads back as requireValueInList, strict, with its message; another type throws', () => {
    const { sheet, sheetId, send } = setup();
    const list = (type: string) => ({
      setDataValidation: {
        range: cells(sheetId, 1, 5, 0, 1),
        rule: {
          condition: { type, values: [{ userEnteredValue: 'Yes' }, { userEnteredValue: 'No' }] },
          inputMessage: 'Choose one of: Yes, No',
          strict: true,
          showCustomUi: true,
        },
      },
    });
    send([list('ONE_OF_LIST')]);
    const rule = sheet.getRange('A2').getDataValidation();
    expect(rule?.getCriteriaType()).toBe(SpreadsheetAppCriteria('VALUE_IN_LIST'));
    expect(rule?.getCriteriaValues()).toEqual([['Yes', 'No'], true]);
    expect(rule?.getAllowInvalid()).toBe(false);
    expect(rule?.getHelpText()).toBe('Choose one of: Yes, No');
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
    expect(sheet.getRange('A6').getDataValidation()).toBeNull();
    expect(() => send([list('NUMBER_GREATER')])).toThrow(/not emulated/);
    // No rule: the validation is cleared.
    send([{ setDataValidation: { range: cells(sheetId, 1, 5, 0, 1) } }]);
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
  });

  test('conditional format rules: added at an index, deleted with the rule in the reply', () => {
    const { sheet, sheetId, send } = setup();
    const add = (formula: string, index: number) => ({
      addConditionalFormatRule: {
        index,
        rule: {
          ranges: [cells(sheetId, 1, 10, 0, 3)],
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: formula }] },
            format: { backgroundColor: NAVY, textFormat: { bold: true } },
          },
        },
      },
    });
    send([add('=$A2="Closed"', 0), add('=$A2="New"', 0)]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules.map((r) => r.getBooleanCondition()?.getCriteriaValues()[0])).toEqual([
      '=$A2="New"',
      '=$A2="Closed"',
    ]);
    expect(rules[0]?.getBooleanCondition()?.getBackground()).toBe('#1f3864');
    expect(rules[0]?.getBooleanCondition()?.getBold()).toBe(true);
    expect(rules[0]?.getRanges()[0]?.getA1Notation()).toBe('A2:C10');
    const reply = send([{ deleteConditionalFormatRule: { sheetId, index: 0 } }]);
    expect(reply.replies).toEqual([
      {
        deleteConditionalFormatRule: {
          rule: expect.objectContaining({
            booleanRule: expect.objectContaining({
              condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=$A2="New"' }] },
            }),
          }),
        },
      },
    ]);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
    expect(() => send([{ deleteConditionalFormatRule: { sheetId, index: 5 } }])).toThrow(
      /No conditional format/,
    );
    expect(() => send([add('=$A2="x"', 3)])).toThrow(/index 3/);
  });
});

// SpreadsheetApp's DataValidationCriteria enum value for a name, as the emulator hands it out.
function SpreadsheetAppCriteria(name: string): unknown {
  const { app } = spreadsheetWorkspace();
  return (app.DataValidationCriteria as unknown as Record<string, unknown>)[name];
}

describe('the batch as a whole', () => {
  test('atomic: one invalid request and nothing is applied, not even the requests before it', () => {
    const { sheet, sheetId, send } = setup();
    expect(() =>
      send([
        {
          updateDimensionProperties: {
            range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 },
            properties: { pixelSize: 300 },
            fields: 'pixelSize',
          },
        },
        {
          addProtectedRange: {
            protectedRange: { range: cells(sheetId, 0, 1, 0, 1), editors: { users: [OWNER] } },
          },
        },
        { deleteConditionalFormatRule: { sheetId, index: 0 } },
      ]),
    ).toThrow(/API call to sheets.spreadsheets.batchUpdate failed with error/);
    expect(sheet.getColumnWidth(1)).toBe(100);
    expect(sheet.getParent().getProtections(SpreadsheetAppProtection())).toHaveLength(0);
  });

  test('the response is { spreadsheetId, replies } with one reply per request; addProtectedRange gives its id', () => {
    const { ws, sheetId, send } = setup();
    const reply = send([
      {
        updateSheetProperties: {
          properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
          fields: 'gridProperties.frozenRowCount',
        },
      },
      {
        addProtectedRange: {
          protectedRange: {
            range: cells(sheetId, 0, 1, 0, 3),
            description: 'header',
            editors: { users: [OWNER], domainUsersCanEdit: false },
          },
        },
      },
    ]);
    expect(reply.spreadsheetId).toBe(ws.containerId);
    const replies = reply.replies as Array<Record<string, { protectedRange: Record<string, unknown> }>>;
    expect(replies).toHaveLength(2);
    expect(replies[0]).toEqual({});
    expect(replies[1]?.addProtectedRange?.protectedRange).toEqual(
      expect.objectContaining({
        protectedRangeId: expect.any(Number),
        description: 'header',
        range: cells(sheetId, 0, 1, 0, 3),
      }),
    );
  });
});

// SpreadsheetApp.ProtectionType.RANGE as the emulator hands it out.
function SpreadsheetAppProtection(): GoogleAppsScript.Spreadsheet.ProtectionType {
  const { app } = spreadsheetWorkspace();
  return app.ProtectionType.RANGE;
}

describe('who may send it', () => {
  function shared(ws: Workspace): void {
    ws.drive.share(ws.containerId, DEPUTY, 'editor');
    ws.drive.share(ws.containerId, TEACHER, 'viewer');
  }

  test('an editor of the file may; a viewer, or someone not shared, gets the API error', () => {
    const { ws, sheet, sheetId, send } = setup();
    shared(ws);
    const widen = [
      {
        updateDimensionProperties: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 },
          properties: { pixelSize: 150 },
          fields: 'pixelSize',
        },
      },
    ];
    runAs(ws, DEPUTY, () => send(widen));
    expect(sheet.getColumnWidth(1)).toBe(150);
    expect(() => runAs(ws, TEACHER, () => send(widen))).toThrow(/The caller does not have permission/);
    expect(() => runAs(ws, 'stranger@else.example', () => send(widen))).toThrow(
      /The caller does not have permission/,
    );
  });

  test('addProtectedRange: only the listed users (and the owner) may edit it; others cannot change it by API either', () => {
    const { ws, sheet, sheetId, send } = setup();
    shared(ws);
    ws.drive.setLinkSharing(ws.containerId, 'domain', 'editor');
    send([
      {
        addProtectedRange: {
          protectedRange: {
            range: cells(sheetId, 0, 5, 0, 2),
            description: 'system',
            editors: { users: [OWNER], domainUsersCanEdit: false },
          },
        },
      },
    ]);
    const name = sheet.getName();
    expect(ws.spreadsheets._canUserEdit(OWNER, name, 1, 1)).toBe(true);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, name, 1, 1)).toBe(false);
    expect(ws.spreadsheets._canUserEdit(DEPUTY, name, 1, 3)).toBe(true);
    const protection = sheet.getParent().getProtections(SpreadsheetAppProtection())[0];
    expect(protection?.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    expect(protection?.canDomainEdit()).toBe(false);
    const paint = (c0: number, c1: number) => [
      {
        repeatCell: {
          range: cells(sheetId, 0, 1, c0, c1),
          cell: { userEnteredFormat: { backgroundColor: NAVY } },
          fields: 'userEnteredFormat.backgroundColor',
        },
      },
    ];
    expect(() => runAs(ws, DEPUTY, () => send(paint(0, 1)))).toThrow(/protected cell/);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
    runAs(ws, DEPUTY, () => send(paint(2, 3)));
    expect(sheet.getRange('C1').getBackground()).toBe('#1f3864');
    // A protected range unbounded on a side, or without an editor list, is not modelled.
    expect(() =>
      send([{ addProtectedRange: { protectedRange: { range: { sheetId }, editors: { users: [OWNER] } } } }]),
    ).toThrow(/not emulated/);
    expect(() =>
      send([{ addProtectedRange: { protectedRange: { range: cells(sheetId, 0, 1, 0, 1) } } }]),
    ).toThrow(/not emulated/);
  });
});

describe('the write cache', () => {
  const widen = (sheetId: number) => [
    {
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 },
        properties: { pixelSize: 120 },
        fields: 'pixelSize',
      },
    },
  ];

  test('a call while SpreadsheetApp writes of this execution are unflushed is refused; after flush() it goes', () => {
    const { ws, app, sheet, sheetId, send } = setup();
    expect(() =>
      runAs(ws, OWNER, () => {
        sheet.getRange('A1').setValue('x');
        send(widen(sheetId));
      }),
    ).toThrow(/not yet flushed/);
    expect(sheet.getColumnWidth(1)).toBe(100);
    runAs(ws, OWNER, () => {
      sheet.getRange('A1').setValue('y');
      app.flush();
      send(widen(sheetId));
    });
    expect(sheet.getColumnWidth(1)).toBe(120);
  });

  test('writes left unflushed by an earlier execution do not count (its end committed them)', () => {
    const { ws, sheet, sheetId, send } = setup();
    runAs(ws, OWNER, () => sheet.getRange('A1').setValue('x'));
    runAs(ws, OWNER, () => send(widen(sheetId)));
    expect(sheet.getColumnWidth(1)).toBe(120);
  });
});

describe('spreadsheets.get (fields mask) and deleteProtectedRange', () => {
  type View = {
    sheets: Array<{
      properties: { sheetId: number; title: string };
      protectedRanges?: Array<{ protectedRangeId: number; description?: string; editors?: unknown }>;
      conditionalFormats?: unknown[];
    }>;
  };
  const FIELDS = 'sheets(properties(sheetId,title),protectedRanges(protectedRangeId,description,editors))';

  test('answers only the fields asked for; a field it does not model, or no mask, throws', () => {
    const { ws, sheet, api } = setup();
    sheet.getRange('A1:B1').protect().setDescription('head');
    const view = api.Spreadsheets.get(ws.containerId, { fields: FIELDS }) as View;
    expect(Object.keys(view)).toEqual(['sheets']);
    expect(view.sheets[0]?.properties).toEqual({ sheetId: sheet.getSheetId(), title: sheet.getName() });
    expect(view.sheets[0]?.protectedRanges?.[0]).toEqual({
      protectedRangeId: expect.any(Number),
      description: 'head',
      editors: expect.anything(),
    });
    expect(view.sheets[0]?.conditionalFormats).toBeUndefined();
    expect(() => api.Spreadsheets.get(ws.containerId, { fields: 'sheets.properties.tabColor' })).toThrow(
      /not emulated/,
    );
    expect(() => api.Spreadsheets.get(ws.containerId)).toThrow(/not emulated/);
  });

  test('editors are shown only to someone who may edit the protected range; a non-viewer is refused', () => {
    const { ws, sheet, api } = setup();
    ws.drive.share(ws.containerId, DEPUTY, 'editor');
    sheet.getRange('A1').protect().removeEditors([DEPUTY]);
    const asDeputy = runAs(
      ws,
      DEPUTY,
      () => api.Spreadsheets.get(ws.containerId, { fields: FIELDS }) as View,
    );
    expect(asDeputy.sheets[0]?.protectedRanges?.[0]?.editors).toBeUndefined();
    expect(() => runAs(ws, TEACHER, () => api.Spreadsheets.get(ws.containerId, { fields: FIELDS }))).toThrow(
      /sheets.spreadsheets.get failed with error: The caller does not have permission/,
    );
  });

  test('deleteProtectedRange removes a protection by its id; someone it does not let edit cannot', () => {
    const { ws, sheet, api, send } = setup();
    ws.drive.share(ws.containerId, DEPUTY, 'editor');
    const p = sheet.getRange('A1:A5').protect().setDescription('system');
    p.removeEditors([DEPUTY]);
    const id = (api.Spreadsheets.get(ws.containerId, { fields: FIELDS }) as View).sheets[0]
      ?.protectedRanges?.[0]?.protectedRangeId;
    expect(() => runAs(ws, DEPUTY, () => send([{ deleteProtectedRange: { protectedRangeId: id } }]))).toThrow(
      /protected cell/,
    );
    expect(sheet.getParent().getProtections(SpreadsheetAppProtection())).toHaveLength(1);
    send([{ deleteProtectedRange: { protectedRangeId: id } }]);
    expect(sheet.getParent().getProtections(SpreadsheetAppProtection())).toHaveLength(0);
    expect(() => send([{ deleteProtectedRange: { protectedRangeId: id } }])).toThrow(/No protected range/);
  });

  test('a read while SpreadsheetApp writes are unflushed is refused too', () => {
    const { ws, app, sheet, api } = setup();
    expect(() =>
      runAs(ws, OWNER, () => {
        sheet.getRange('A1').setValue('x');
        return api.Spreadsheets.get(ws.containerId, { fields: FIELDS });
      }),
    ).toThrow(/Sheets.Spreadsheets.get with SpreadsheetApp writes not yet flushed/);
    runAs(ws, OWNER, () => {
      sheet.getRange('A1').setValue('y');
      app.flush();
      return api.Spreadsheets.get(ws.containerId, { fields: FIELDS });
    });
  });
});
