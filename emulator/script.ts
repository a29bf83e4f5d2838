// STUB: being written (issue 2). Replace wholesale.
import type { Workspace } from './workspace';

export class ScriptStore {
  constructor(readonly ws: Workspace) {}
  globals(): Record<string, unknown> {
    return {};
  }
  snapshot(): unknown {
    return null;
  }
  authModes(): Record<string, unknown> {
    return {};
  }
  advanceTo(_to: Date | number | string): import('./workspace').ExecutionRecord[] {
    return [];
  }
}
