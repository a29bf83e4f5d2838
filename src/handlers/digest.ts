// PLACEHOLDER (issue 5): replaced wholesale by the work on issue 5. Not built yet.
export function sendWeeklyDigest(_event?: unknown): void {
  throw new Error('not built yet: sendWeeklyDigest (issue 5)');
}
export function sendDigestPreview(_event?: unknown): void {
  throw new Error('not built yet: sendDigestPreview (issue 5)');
}
