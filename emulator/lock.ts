// STUB: being written (issue 2). Replace wholesale.
import type { Workspace } from './workspace';

export class LockStore {
  constructor(readonly ws: Workspace) {}
  globals(): Record<string, unknown> {
    return {};
  }
  snapshot(): unknown {
    return null;
  }
  releaseAllHeldBy(_executionId: number): void {}
}
