/** Time, as Apps Script sees it. Handlers ask here rather than calling `new Date()` all over. */
export function now(): Date {
  return new Date();
}

export function scriptTimeZone(): string {
  return Session.getScriptTimeZone();
}
