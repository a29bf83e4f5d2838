import { Workspace } from '../../emulator/workspace';
import { LOCK_TIMEOUT, type LockService as LockServiceFacade } from '../../emulator/lock';

/** A workspace whose script's functions are the given bodies; LockService is the global the script sees. */
function setUp(functions: Record<string, (...args: unknown[]) => unknown> = {}) {
  const ws = new Workspace();
  const LockService = ws.globals().LockService as LockServiceFacade;
  ws.installScript(functions);
  return { ws, LockService };
}

describe('LockService: one execution', () => {
  test('waitLock takes a free lock at once; hasLock reports it until releaseLock', () => {
    const states: boolean[] = [];
    const { ws, LockService } = setUp({
      job: () => {
        const lock = LockService.getScriptLock();
        states.push(lock.hasLock());
        lock.waitLock(30_000);
        states.push(lock.hasLock());
        lock.releaseLock();
        states.push(lock.hasLock());
      },
    });
    const before = ws.clock.now();

    ws.run('job');

    expect(states).toEqual([false, true, false]);
    expect(ws.clock.now()).toBe(before);
    expect(ws.locks.stats()).toEqual({ acquired: 1, waited: 0, waitedMs: 0, timedOut: 0 });
  });

  test('the lock is re-entrant for the execution holding it', () => {
    const { ws, LockService } = setUp({
      job: () => {
        LockService.getScriptLock().waitLock(1000);
        // Another Lock object for the same lock, in the same execution: taken at once.
        return [LockService.getScriptLock().tryLock(0), LockService.getScriptLock().hasLock()];
      },
    });
    const before = ws.clock.now();
    expect(ws.run('job')).toEqual([true, true]);
    expect(ws.clock.now()).toBe(before);
  });

  test("an execution's locks are released when it ends, even if it forgot to or failed", () => {
    const { ws, LockService } = setUp({
      forgets: () => {
        LockService.getScriptLock().waitLock(1000);
      },
      fails: () => {
        LockService.getDocumentLock().waitLock(1000);
        throw new Error('half way');
      },
      next: () => [
        LockService.getScriptLock().hasLock(),
        LockService.getScriptLock().tryLock(0),
        LockService.getDocumentLock().tryLock(0),
      ],
    });
    ws.run('forgets');
    expect(ws.runRecorded('fails', []).status).toBe('failed');
    expect(ws.locks.snapshot()).toEqual([]);
    expect(ws.run('next')).toEqual([false, true, true]);
  });

  test('releaseLock by an execution that does not hold the lock does nothing', () => {
    const { ws, LockService } = setUp();
    const results: unknown[] = [];
    ws.installScript({
      outer: () => {
        LockService.getScriptLock().waitLock(1000);
        ws.run('inner');
        results.push(LockService.getScriptLock().hasLock());
      },
      inner: () => {
        LockService.getScriptLock().releaseLock();
      },
    });
    ws.run('outer');
    expect(results).toEqual([true]);
  });

  test('a negative timeout is an invalid argument; calls are counted', () => {
    const { ws, LockService } = setUp();
    expect(() => LockService.getScriptLock().waitLock(-1)).toThrow('Invalid argument: timeoutInMillis');
    const { calls } = ws.calls.measure(() => LockService.getScriptLock().tryLock(10));
    expect(calls).toEqual({ 'LockService.getScriptLock': 1, 'Lock.tryLock': 1 });
  });
});

describe('LockService: contention with another process (holdExternally)', () => {
  test('waitLock waits for a holder that lets go within the timeout: the clock moves to the release time', () => {
    const { ws, LockService } = setUp({ job: () => LockService.getScriptLock().waitLock(30_000) });
    const start = ws.clock.now();
    ws.locks.holdExternally('script', start + 5_000);

    const run = ws.runRecorded('job', []);

    expect(run.status).toBe('completed');
    expect(ws.clock.now()).toBe(start + 5_000);
    expect(ws.locks.stats()).toEqual({ acquired: 1, waited: 1, waitedMs: 5_000, timedOut: 0 });
  });

  test("waitLock gives up after its timeout with Apps Script's message when the holder keeps the lock longer", () => {
    const { ws, LockService } = setUp({ job: () => LockService.getScriptLock().waitLock(30_000) });
    const start = ws.clock.now();
    ws.locks.holdExternally('script', start + 60_000);

    const run = ws.runRecorded('job', []);

    expect(run.status).toBe('failed');
    expect(run.error).toBe('Lock timeout: another process was holding the lock for too long.');
    expect(LOCK_TIMEOUT).toBe(run.error);
    expect(ws.clock.now()).toBe(start + 30_000);
    expect(ws.locks.stats()).toMatchObject({ acquired: 0, waited: 1, timedOut: 1 });
  });

  test('tryLock returns false instead of throwing, after waiting its timeout; tryLock(0) does not wait', () => {
    const { ws, LockService } = setUp({
      job: () => [LockService.getScriptLock().tryLock(0), LockService.getScriptLock().tryLock(10_000)],
    });
    const start = ws.clock.now();
    ws.locks.holdExternally('script', start + 60_000);

    expect(ws.run('job')).toEqual([false, false]);
    expect(ws.clock.now()).toBe(start + 10_000);
  });

  test("once the outside holder's time has passed, the lock is free", () => {
    const { ws, LockService } = setUp({ job: () => LockService.getScriptLock().tryLock(0) });
    ws.locks.holdExternally('script', ws.clock.now() + 1_000);
    ws.clock.advance(1_000);
    expect(ws.run('job')).toBe(true);
  });

  test('script, document and user locks are separate; a user lock only holds back that user', () => {
    const { ws, LockService } = setUp({
      job: () => [
        LockService.getDocumentLock().tryLock(0),
        LockService.getUserLock().tryLock(0),
        LockService.getScriptLock().tryLock(0),
      ],
    });
    ws.locks.holdExternally('script', ws.clock.now() + 60_000);
    ws.locks.holdExternally('user', ws.clock.now() + 60_000, 'teacher@school.example');

    expect(ws.run('job', [], { user: 'head@school.example' })).toEqual([true, true, false]);
    expect(ws.run('job', [], { user: 'teacher@school.example' })).toEqual([true, false, false]);
  });
});

describe('LockService: an execution started inside another', () => {
  test('cannot take a lock the outer execution holds: it waits its whole timeout and fails', () => {
    const { ws, LockService } = setUp();
    let inner: ReturnType<Workspace['runRecorded']> | undefined;
    ws.installScript({
      outer: () => {
        LockService.getScriptLock().waitLock(30_000);
        // e.g. a form-submit trigger fired while the outer run still holds the lock
        inner = ws.runRecorded('onSubmit', [], { kind: 'trigger', user: 'teacher@school.example' });
        return LockService.getScriptLock().hasLock();
      },
      onSubmit: () => LockService.getScriptLock().waitLock(10_000),
    });
    const start = ws.clock.now();

    expect(ws.run('outer')).toBe(true);

    expect(inner).toMatchObject({ status: 'failed', error: LOCK_TIMEOUT });
    expect(ws.clock.now()).toBe(start + 10_000);
    expect(ws.locks.stats()).toEqual({ acquired: 1, waited: 1, waitedMs: 10_000, timedOut: 1 });
  });

  test('can take a lock the outer execution released', () => {
    const { ws, LockService } = setUp();
    let innerGotIt: unknown;
    ws.installScript({
      outer: () => {
        const lock = LockService.getScriptLock();
        lock.waitLock(30_000);
        lock.releaseLock();
        innerGotIt = ws.run('inner');
      },
      inner: () => LockService.getScriptLock().tryLock(0),
    });
    ws.run('outer');
    expect(innerGotIt).toBe(true);
  });
});
