// STUB: being written (issue 2). Replace wholesale.
import type { Workspace } from './workspace';
export function makeUtilities(_ws: Workspace): unknown {
  return {};
}
