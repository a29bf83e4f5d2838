import * as vm from 'node:vm';
import { CallLog } from '../../emulator/core';
import { LogStore, type LogHost, type Logger, type ScriptConsole } from '../../emulator/logger';

class Host implements LogHost {
  readonly calls = new CallLog();
  ms = Date.parse('2026-09-07T08:00:00.250Z');
  execution: { id: number } | undefined = { id: 1 };
  readonly clock = { now: (): number => this.ms };
  constructor(readonly timeZone = 'Europe/London') {}
  currentExecution(): { id: number } | undefined {
    return this.execution;
  }
}

function setup(timeZone?: string): { host: Host; store: LogStore; logger: Logger; console: ScriptConsole } {
  const host = new Host(timeZone);
  const store = new LogStore(host);
  const globals = store.globals();
  return { host, store, logger: globals.Logger as Logger, console: globals.console as ScriptConsole };
}

const messages = (store: LogStore): string[] => store.entries().map((e) => e.message);

describe('Logger.log', () => {
  test('records the message at info level with the time and the execution', () => {
    const { store, logger } = setup();
    logger.log('Set up finished');
    expect(store.entries()).toEqual([
      {
        source: 'Logger',
        level: 'info',
        message: 'Set up finished',
        at: '2026-09-07T08:00:00.250Z',
        executionId: 1,
      },
    ]);
  });

  test('outside any execution the entry has no execution id', () => {
    const { host, store, logger } = setup();
    host.execution = undefined;
    logger.log('from a test');
    expect(store.entries()[0]?.executionId).toBeNull();
  });

  test('each %s takes the next value; extra placeholders stay; extra values are dropped', () => {
    const { store, logger } = setup();
    logger.log('Processed %s rows in %s ms', 12, 340);
    logger.log('%s and %s', 'one');
    logger.log('no placeholder', 'ignored');
    logger.log('%s', '%s');
    expect(messages(store)).toEqual(['Processed 12 rows in 340 ms', 'one and %s', 'no placeholder', '%s']);
  });

  test('objects print as Java maps, arrays as lists, an object with message logs the message', () => {
    const { store, logger } = setup();
    logger.log({ key: 'value', n: 2, nested: { flag: true }, list: [1, 'a'] });
    logger.log([1, [2, 3], null]);
    logger.log({ message: 'the message', data: { key: 'value' } });
    logger.log('values: %s', { a: 1 });
    logger.log(null);
    logger.log(undefined);
    logger.log(42);
    expect(messages(store)).toEqual([
      '{key=value, n=2, nested={flag=true}, list=[1, a]}',
      '[1, [2, 3], null]',
      'the message',
      'values: {a=1}',
      'null',
      'undefined',
      '42',
    ]);
  });

  test('a cyclic object does not hang the logger', () => {
    const { store, logger } = setup();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    logger.log(cyclic);
    expect(messages(store)).toEqual(['{name=loop, self=(cycle)}']);
  });

  test("a Date prints as Java's Date.toString in the script's time zone", () => {
    const { store, logger } = setup();
    logger.log(new Date('2026-09-07T08:05:09Z'));
    logger.log('at %s', new Date('2026-12-25T09:00:00Z'));
    expect(messages(store)).toEqual(['Mon Sep 07 09:05:09 BST 2026', 'at Fri Dec 25 09:00:00 GMT 2026']);
  });

  test('returns the Logger, so calls chain', () => {
    const { store, logger } = setup();
    logger.log('a').log('b');
    expect(messages(store)).toEqual(['a', 'b']);
  });

  test('Logger.log() with no argument gives the signature error', () => {
    const { store, logger } = setup();
    expect(() => (logger.log as () => unknown)()).toThrow(
      "The parameters () don't match the method signature for Logger.log.",
    );
    expect(store.entries()).toHaveLength(0);
  });
});

describe('Logger.getLog and Logger.clear', () => {
  test("getLog gives this execution's lines, stamped in the script's time zone", () => {
    const { host, logger } = setup();
    logger.log('first');
    host.ms += 61_001;
    logger.log('second');
    expect(logger.getLog()).toBe('[26-09-07 09:00:00:250 BST] first\n[26-09-07 09:01:01:251 BST] second\n');
  });

  test('lines of other executions and of console are not in getLog', () => {
    const { host, logger, console } = setup();
    logger.log('from execution 1');
    console.log('console line');
    host.execution = { id: 2 };
    logger.log('from execution 2');
    expect(logger.getLog()).toBe('[26-09-07 09:00:00:250 BST] from execution 2\n');
    host.execution = { id: 1 };
    expect(logger.getLog()).toBe('[26-09-07 09:00:00:250 BST] from execution 1\n');
  });

  test('clear empties getLog for this execution but the record keeps every entry', () => {
    const { host, store, logger } = setup('UTC');
    logger.log('before clear');
    logger.clear();
    expect(logger.getLog()).toBe('');
    logger.log('after clear');
    expect(logger.getLog()).toBe('[26-09-07 08:00:00:250 UTC] after clear\n');
    host.execution = { id: 7 };
    expect(logger.getLog()).toBe('');
    expect(messages(store)).toEqual(['before clear', 'after clear']);
  });
});

describe('console', () => {
  test('each method records its own level, with Node-style formatting', () => {
    const { store, console } = setup();
    console.log('count %d', 3);
    console.info('info %s', 'x');
    console.warn('warn', { a: 1 });
    console.error('error');
    console.debug('debug');
    expect(store.entries().map((e) => [e.source, e.level, e.message])).toEqual([
      ['console', 'log', 'count 3'],
      ['console', 'info', 'info x'],
      ['console', 'warn', 'warn { a: 1 }'],
      ['console', 'error', 'error'],
      ['console', 'debug', 'debug'],
    ]);
  });

  test('console is plain JavaScript: its calls are not counted; Logger calls are', () => {
    const { host, logger, console } = setup();
    console.log('x');
    console.error('y');
    logger.log('z');
    logger.getLog();
    logger.clear();
    expect(host.calls.byMethod()).toEqual({ 'Logger.clear': 1, 'Logger.getLog': 1, 'Logger.log': 1 });
  });
});

describe('the log record', () => {
  test('interleaves Logger and console in order, and snapshot is JSON-able copies', () => {
    const { store, logger, console } = setup();
    logger.log('one');
    console.warn('two');
    logger.log('three');
    const snap = store.snapshot();
    expect(snap.map((e) => e.message)).toEqual(['one', 'two', 'three']);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    snap[0]!.message = 'changed';
    expect(store.entries()[0]?.message).toBe('one');
  });

  test('a test can check that a name never reached any log channel', () => {
    const { store, logger, console } = setup();
    logger.log('Incident %s recorded', 'OSI-2026-0042');
    console.error('Alert for %s failed: %s', 'OSI-2026-0042', 'quota');
    const pupilName = 'Jordan Example';
    expect(store.entries().some((e) => e.message.includes(pupilName))).toBe(false);
    logger.log({ pupil: pupilName });
    expect(store.entries().filter((e) => e.message.includes(pupilName))).toHaveLength(1);
  });

  test('a script in its own realm logs through both globals', () => {
    const { store, logger, console } = setup();
    const context = vm.createContext({ Logger: logger, console });
    vm.runInContext(
      `Logger.log({ when: new Date(Date.UTC(2026, 0, 5, 10)) }); console.info('n=%d', [1, 2].length);`,
      context,
    );
    expect(messages(store)).toEqual(['{when=Mon Jan 05 10:00:00 GMT 2026}', 'n=2']);
  });

  test('a Logger method the emulator does not model fails loudly', () => {
    const { logger } = setup();
    expect(() => (logger as unknown as { info: unknown }).info).toThrow('not emulated: Logger.info');
  });
});
