/** Set-up shared by the emulator's own tests: a workspace with its globals, and running code as a user. */
import type { EmulatedFormApp } from '../../emulator/forms';
import { Workspace, type ExecutionKind } from '../../emulator/workspace';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A new workspace, the globals the script sees, SpreadsheetApp and the container's first sheet. */
export function spreadsheetWorkspace(options: ConstructorParameters<typeof Workspace>[0] = {}): {
  ws: Workspace;
  globals: Record<string, unknown>;
  app: App;
  sheet: Sheet;
} {
  const ws = new Workspace(options);
  const globals = ws.globals();
  const app = globals.SpreadsheetApp as App;
  const sheet = app.getActiveSpreadsheet().getSheets()[0] as Sheet;
  return { ws, globals, app, sheet };
}

/** A new workspace and the FormApp the script sees. */
export function formsWorkspace(): { ws: Workspace; FormApp: EmulatedFormApp } {
  const ws = new Workspace();
  return { ws, FormApp: ws.globals().FormApp as unknown as EmulatedFormApp };
}

/** A typed item where the Apps Script types want a generic Item (Apps Script accepts either). */
export const asItem = (item: unknown): GoogleAppsScript.Forms.Item => item as GoogleAppsScript.Forms.Item;

/** Runs `body` as a script function executed by `user` (so ws.activeUser() is that user). */
export function runAs<T>(ws: Workspace, user: string, body: () => T, kind: ExecutionKind = 'editor'): T {
  ws.installScript({ job: body });
  return ws.run('job', [], { user, kind }) as T;
}
