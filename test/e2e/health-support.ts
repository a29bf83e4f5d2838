/** Shared by the health and nothing-silent tests: the usual school, and reading what the check wrote. */
import type { Workspace } from '../../emulator/workspace';
import { setUpUsualSchool } from '../../scripts/lib/scenario';
import { newSchool, sheetValues, SCHOOL } from '../support/deployment';

export function usualSchool(): Workspace {
  const ws = newSchool();
  setUpUsualSchool(ws, (_name, action) => {
    action();
    return true;
  });
  return ws;
}

/** The Health sheet as check → [status, found, to do]. */
export function healthSheet(ws: Workspace): Map<string, { status: string; found: string; todo: string }> {
  const rows = sheetValues(ws, ws.containerId, 'Health').slice(1);
  return new Map(
    rows.map((r) => [String(r[0]), { status: String(r[1]), found: String(r[2]), todo: String(r[3]) }]),
  );
}

/** The DSL clicks Online Safety › Health check. */
export function clickHealthCheck(ws: Workspace, user: string = SCHOOL.dsl): void {
  ws.openSpreadsheet(user);
  ws.spreadsheets.ui.clickMenu(user, 'Online Safety', 'Health check');
}

export function healthEmails(ws: Workspace): Array<{ to: string[]; subject: string; body: string }> {
  return ws.mail.sent.filter((m) => m.subject.includes('health check'));
}

/** One hour passes: the hourly job (alert retry, then the health check) runs as the runner. */
export function anHourPasses(ws: Workspace): void {
  ws.advanceTo(ws.clock.now() + 3_600_000);
}
