// STUB: being written (issue 2). Replace wholesale.
import type { Workspace } from './workspace';

export class MailStore {
  constructor(readonly ws: Workspace, readonly dailyQuota: number) {}
  globals(): Record<string, unknown> {
    return {};
  }
  snapshot(): unknown {
    return null;
  }
}
