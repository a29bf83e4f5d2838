// STUB: being written (issue 2). Replace wholesale.
import type { Workspace } from './workspace';

export class LogStore {
  constructor(readonly ws: Workspace) {}
  globals(): Record<string, unknown> {
    return {};
  }
  snapshot(): unknown {
    return null;
  }
}
