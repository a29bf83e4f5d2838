/**
 * People changing a spreadsheet's structure in the browser — renaming a tab, deleting rows — as the scenario
 * runner's `renameSheet` and `deleteRows` steps do: refused where Sheets would refuse that person, and change
 * triggers fire with the change type Sheets gives.
 */
import { PROTECTED_CELL } from '../../emulator/sheets/store';
import { runAs, spreadsheetWorkspace } from './support';

const OWNER = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const HEAD = 'head@school.example';

function school(): ReturnType<typeof spreadsheetWorkspace> {
  const made = spreadsheetWorkspace({ owner: OWNER });
  made.sheet.setName('Register');
  made.sheet.getRange('A1:C4').setValues([
    ['ID', 'Flag', 'Status'],
    ['OSI-1', 'Yes', 'New'],
    ['OSI-2', 'No', 'New'],
    ['OSI-3', 'No', 'Closed'],
  ]);
  made.ws.drive.share(made.ws.containerId, DEPUTY, 'editor');
  made.ws.drive.share(made.ws.containerId, HEAD, 'viewer');
  return made;
}

/** Installs an ON_CHANGE trigger owned by the owner, recording each event's changeType and user. */
function watchChanges(
  made: ReturnType<typeof spreadsheetWorkspace>,
): Array<{ changeType: unknown; user: string }> {
  const seen: Array<{ changeType: unknown; user: string }> = [];
  const { ws, globals } = made;
  ws.installScript({
    onChange: (...args: unknown[]) => {
      const e = args[0] as { changeType: unknown; user: GoogleAppsScript.Base.User };
      seen.push({ changeType: e.changeType, user: ws.activeUser() });
    },
    install: () => {
      const app = globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
      app.newTrigger('onChange').forSpreadsheet(ws.containerId).onChange().create();
    },
  });
  ws.run('install', [], { user: OWNER });
  return seen;
}

test('an editor renames a tab; the change trigger runs as its installer with changeType OTHER', () => {
  const made = school();
  const seen = watchChanges(made);
  made.ws.spreadsheets._userRenameSheet(DEPUTY, made.ws.containerId, 'Register', 'Register 2025-26');
  expect(made.sheet.getName()).toBe('Register 2025-26');
  expect(seen).toEqual([{ changeType: 'OTHER', user: OWNER }]);
});

test('a viewer cannot rename, and a protected sheet refuses anyone its protection leaves out', () => {
  const made = school();
  expect(() => made.ws.spreadsheets._userRenameSheet(HEAD, made.ws.containerId, 'Register', 'X')).toThrow(
    /view only/,
  );
  runAs(made.ws, OWNER, () => {
    const p = made.sheet.protect();
    p.addEditor(OWNER);
    p.removeEditors([DEPUTY]);
  });
  expect(() => made.ws.spreadsheets._userRenameSheet(DEPUTY, made.ws.containerId, 'Register', 'X')).toThrow(
    PROTECTED_CELL,
  );
  expect(made.sheet.getName()).toBe('Register');
});

test('a protected range does not stop a rename of its tab (it guards cells, not the tab)', () => {
  const made = school();
  runAs(made.ws, OWNER, () => {
    const p = made.sheet.getRange('B1:B4').protect();
    p.addEditor(OWNER);
    p.removeEditors([DEPUTY]);
  });
  made.ws.spreadsheets._userRenameSheet(DEPUTY, made.ws.containerId, 'Register', 'Old register');
  expect(made.sheet.getName()).toBe('Old register');
});

test('deleting rows: the rows below move up, REMOVE_ROW fires; rows crossing a protected range are refused', () => {
  const made = school();
  const seen = watchChanges(made);
  made.ws.spreadsheets._userDeleteRows(DEPUTY, made.ws.containerId, 'Register', 3, 1);
  expect(made.sheet.getRange('A1:A3').getValues()).toEqual([['ID'], ['OSI-1'], ['OSI-3']]);
  expect(seen).toEqual([{ changeType: 'REMOVE_ROW', user: OWNER }]);

  runAs(made.ws, OWNER, () => {
    const p = made.sheet.getRange('B2:B3').protect();
    p.addEditor(OWNER);
    p.removeEditors([DEPUTY]);
  });
  expect(() => made.ws.spreadsheets._userDeleteRows(DEPUTY, made.ws.containerId, 'Register', 2, 1)).toThrow(
    PROTECTED_CELL,
  );
  expect(made.sheet.getRange('A2').getValue()).toBe('OSI-1');
  // The owner is never kept out by a protection.
  made.ws.spreadsheets._userDeleteRows(OWNER, made.ws.containerId, 'Register', 2, 1);
  expect(made.sheet.getRange('A2').getValue()).toBe('OSI-3');
});
