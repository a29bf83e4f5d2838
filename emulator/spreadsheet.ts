// STUB: being written (issue 2). Replace wholesale.
import type { Workspace } from './workspace';

export class SpreadsheetStore {
  constructor(readonly ws: Workspace) {}
  globals(): Record<string, unknown> {
    return {};
  }
  snapshot(): unknown {
    return null;
  }
  createSpreadsheet(_name: string, _owner: string): { id: string } {
    throw new Error('stub');
  }
  openFacade(_id: string): unknown {
    throw new Error('stub');
  }
  userFacade(_email: string): unknown {
    throw new Error('stub');
  }
  readonly ui = { reset(_user: string): void {} };
}
