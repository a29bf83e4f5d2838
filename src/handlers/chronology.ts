// PLACEHOLDER (issue 7): replaced wholesale by the work on issue 7. Not built yet.
export function showPupilChronology(_event?: unknown): void {
  throw new Error('not built yet: showPupilChronology (issue 7)');
}
