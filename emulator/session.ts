// STUB: being written (issue 2). Replace wholesale.
import type { Workspace } from './workspace';
export function makeSession(_ws: Workspace): unknown {
  return {};
}
