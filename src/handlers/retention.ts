// PLACEHOLDER (issue 7): replaced wholesale by the work on issue 7. Not built yet.
export function showRetentionReview(_event?: unknown): void {
  throw new Error('not built yet: showRetentionReview (issue 7)');
}
