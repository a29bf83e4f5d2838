/**
 * When each person was last sent a follow-up reminder (local day numbers, in one script property). Why: a
 * trigger that fires twice in a day, or a re-run, must not send a second digest, and the Chair of Governors
 * is reminded at most weekly — both need to know the last one. Mailboxes only; never an incident.
 */
const REMINDER_LOG_KEY = 'reminderLog';

/** Mailbox (lower case) → local day number of their last reminder, from an already-read property map. */
export function readReminderLog(props: Record<string, string>): Map<string, number> {
  const log = new Map<string, number>();
  try {
    const parsed: unknown = JSON.parse(props[REMINDER_LOG_KEY] ?? '{}');
    if (parsed && typeof parsed === 'object') {
      for (const [mailbox, day] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof day === 'number' && Number.isInteger(day)) log.set(mailbox, day);
      }
    }
  } catch {
    // An unreadable log only means someone may get today's reminder twice: start afresh.
  }
  return log;
}

/** Saves the log (one call). */
export function saveReminderLog(log: ReadonlyMap<string, number>): void {
  PropertiesService.getScriptProperties().setProperty(
    REMINDER_LOG_KEY,
    JSON.stringify(Object.fromEntries(log.entries())),
  );
}
