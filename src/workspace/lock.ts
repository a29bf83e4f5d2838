/** The script lock: one submission (or job) changes the register at a time. */

/** How long a run waits for another to finish before giving up (reconcile picks up what it missed). */
export const LOCK_WAIT_MS = 30_000;

/** Runs `fn` holding the script lock; the lock is released however `fn` ends. */
export function withScriptLock<T>(fn: () => T, waitMs: number = LOCK_WAIT_MS): T {
  const lock = LockService.getScriptLock();
  lock.waitLock(waitMs);
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
