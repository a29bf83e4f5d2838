// PLACEHOLDER (issue 5): replaced wholesale by the work on issue 5. Not built yet.
export function rebuildSummary(_event?: unknown): void {
  throw new Error('not built yet: rebuildSummary (issue 5)');
}
