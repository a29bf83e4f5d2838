// PLACEHOLDER (issue 4): replaced wholesale by the work on issue 4. Not built yet.
export function sendOverdueReminders(_event?: unknown): void {
  throw new Error('not built yet: sendOverdueReminders (issue 4)');
}
