// PLACEHOLDER (issue 7): replaced wholesale by the work on issue 7. Not built yet.
export function onRegisterEdit(_event?: unknown): void {
  throw new Error('not built yet: onRegisterEdit (issue 7)');
}
export function verifyAuditTrail(_event?: unknown): void {
  throw new Error('not built yet: verifyAuditTrail (issue 7)');
}
