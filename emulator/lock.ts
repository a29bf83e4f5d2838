/**
 * LockService: the script, document and user locks.
 *
 * A lock is held by an *execution* (`ws.currentExecution()`); it is re-entrant for that execution (taking it
 * again while holding it succeeds at once) and every lock an execution holds is released when it ends
 * (`ws.run` calls `releaseAllHeldBy`), as on Apps Script. Code run outside any execution (a test calling
 * a facade directly) holds locks as "execution 0", which nothing releases but `releaseLock`.
 *
 * The emulator runs one execution at a time, so contention is modelled, not raced:
 *  (a) `holdExternally(scope, untilMs)` — another execution (not simulated) holds the lock until that time.
 *      A waiter whose timeout reaches that time waits: the clock moves to the release time and the lock is
 *      taken. Otherwise the clock moves on by the whole timeout and `waitLock` throws Apps Script's
 *      "Lock timeout…" error (`tryLock` returns false).
 *  (b) An execution started from inside another (a trigger fired while the outer one runs) cannot take a
 *      lock the outer one holds: the outer execution cannot go on until the inner one ends, so the lock is
 *      never released in time. The waiter uses up its whole timeout and fails as in (a).
 * `stats()` counts how often a waiter had to wait, and for how long.
 */
import { Emulated, invalidArgument } from './core';
import type { Workspace } from './workspace';

export type LockScope = 'script' | 'document' | 'user';

/** Apps Script's text when waitLock gives up (LockService reference and many public reports). */
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** Who holds a lock: an execution of this workspace, or an outside one until a given time. */
type Holder = { kind: 'execution'; executionId: number } | { kind: 'external'; until: number };

export interface LockStats {
  /** Locks taken (re-entrant takes by the holder are not counted). */
  acquired: number;
  /** tryLock/waitLock calls that found the lock held by another and had to wait (got it or not). */
  waited: number;
  /** Simulated milliseconds spent waiting, including waits that timed out. */
  waitedMs: number;
  /** tryLock/waitLock calls that gave up. */
  timedOut: number;
}

export class Lock extends Emulated implements GoogleAppsScript.Lock.Lock {
  constructor(
    ws: Workspace,
    private readonly _store: LockStore,
    readonly _key: string,
  ) {
    super(ws, 'Lock');
  }

  tryLock(timeoutInMillis: number): boolean {
    return this._store._acquire(this._key, timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    if (!this._store._acquire(this._key, timeoutInMillis)) throw new Error(LOCK_TIMEOUT);
  }

  releaseLock(): void {
    this._store._release(this._key);
  }

  hasLock(): boolean {
    return this._store._heldByCurrent(this._key);
  }
}

export class LockService extends Emulated implements GoogleAppsScript.Lock.LockService {
  constructor(
    private readonly _ws: Workspace,
    private readonly _store: LockStore,
  ) {
    super(_ws, 'LockService');
  }

  getScriptLock(): Lock {
    return new Lock(this._ws, this._store, this._store.keyOf('script'));
  }

  /** The lock of the document the script is bound to (the container spreadsheet). */
  getDocumentLock(): Lock {
    return new Lock(this._ws, this._store, this._store.keyOf('document'));
  }

  /** The lock of the user running the execution: it only keeps that user's own executions apart. */
  getUserLock(): Lock {
    return new Lock(this._ws, this._store, this._store.keyOf('user'));
  }
}

export class LockStore {
  private readonly holders = new Map<string, Holder>();
  private readonly counters: LockStats = { acquired: 0, waited: 0, waitedMs: 0, timedOut: 0 };
  private facade: LockService | null = null;

  constructor(readonly ws: Workspace) {}

  globals(): Record<string, unknown> {
    this.facade ??= new LockService(this.ws, this);
    return { LockService: this.facade };
  }

  /** The lock's identity: one script lock, one per document, one per user. */
  keyOf(scope: LockScope, user: string = this.ws.activeUser()): string {
    if (scope === 'script') return 'script';
    if (scope === 'document') return `document:${this.ws.containerId}`;
    return `user:${user.toLowerCase()}`;
  }

  /**
   * Test side: another execution holds the lock until `untilMs` (contention model (a)). For the user lock,
   * `user` says whose (default: the script owner).
   */
  holdExternally(scope: LockScope, untilMs: number | Date, user: string = this.ws.owner): void {
    const until = typeof untilMs === 'number' ? untilMs : untilMs.getTime();
    this.holders.set(this.keyOf(scope, user), { kind: 'external', until });
  }

  /** Releases every lock the execution holds (called by `ws.run` when an execution ends). */
  releaseAllHeldBy(executionId: number): void {
    for (const [key, holder] of this.holders) {
      if (holder.kind === 'execution' && holder.executionId === executionId) this.holders.delete(key);
    }
  }

  stats(): LockStats {
    return { ...this.counters };
  }

  /** Which locks are held now, and by whom. */
  snapshot(): { lock: string; heldBy: string }[] {
    this.expireExternal();
    return [...this.holders].map(([lock, h]) => ({
      lock,
      heldBy:
        h.kind === 'execution'
          ? `execution ${h.executionId}`
          : `another process until ${new Date(h.until).toISOString()}`,
    }));
  }

  // --- used by the facades -----------------------------------------------------------------------

  private currentId(): number {
    return this.ws.currentExecution()?.id ?? 0;
  }

  private expireExternal(): void {
    const now = this.ws.clock.now();
    for (const [key, h] of this.holders) {
      if (h.kind === 'external' && h.until <= now) this.holders.delete(key);
    }
  }

  _heldByCurrent(key: string): boolean {
    const h = this.holders.get(key);
    return h?.kind === 'execution' && h.executionId === this.currentId();
  }

  /** Takes the lock for the current execution, waiting up to `timeoutMs` of simulated time. */
  _acquire(key: string, timeoutMs: number): boolean {
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0)
      invalidArgument('timeoutInMillis');
    this.expireExternal();
    const me = this.currentId();
    const holder = this.holders.get(key);
    if (holder?.kind === 'execution' && holder.executionId === me) return true;
    if (holder) {
      const clock = this.ws.clock;
      const wait = holder.kind === 'external' ? holder.until - clock.now() : Infinity;
      if (wait > timeoutMs) {
        clock.advance(timeoutMs);
        this.counters.waited += 1;
        this.counters.waitedMs += timeoutMs;
        this.counters.timedOut += 1;
        return false;
      }
      clock.advance(wait);
      this.counters.waited += 1;
      this.counters.waitedMs += wait;
    }
    this.holders.set(key, { kind: 'execution', executionId: me });
    this.counters.acquired += 1;
    return true;
  }

  _release(key: string): void {
    if (this._heldByCurrent(key)) this.holders.delete(key);
  }
}
