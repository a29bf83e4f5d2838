import { Workspace } from '../../emulator/workspace';
import {
  KEY_TOO_LARGE,
  MAX_VALUE_BYTES,
  VALUE_TOO_LARGE,
  type CacheService as CacheServiceFacade,
} from '../../emulator/cache';

function setUp() {
  const ws = new Workspace();
  const CacheService = ws.globals().CacheService as CacheServiceFacade;
  return { ws, CacheService };
}

describe('CacheService: entries', () => {
  test('a missing key is null; values are stored as strings', () => {
    const { CacheService } = setUp();
    const cache = CacheService.getScriptCache();
    expect(cache.get('settings')).toBeNull();
    cache.put('settings', '{"school":"Hill"}');
    cache.put('count', 42 as unknown as string);
    expect(cache.get('settings')).toBe('{"school":"Hill"}');
    expect(cache.get('count')).toBe('42');
    expect(CacheService.getScriptCache().get('settings')).toBe('{"school":"Hill"}');
  });

  test('putting null stores nothing and drops an earlier value', () => {
    const { CacheService } = setUp();
    const cache = CacheService.getScriptCache();
    cache.put('k', 'v');
    cache.put('k', null as unknown as string);
    expect(cache.get('k')).toBeNull();
  });

  test('remove, removeAll, getAll and putAll', () => {
    const { CacheService } = setUp();
    const cache = CacheService.getScriptCache();
    cache.putAll({ a: '1', b: '2', c: '3' });
    expect(cache.getAll(['a', 'missing', 'c'])).toEqual({ a: '1', c: '3' });
    cache.remove('a');
    cache.removeAll(['b', 'not-there']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });
});

describe('CacheService: expiry by the simulated clock', () => {
  test('an entry lasts 600 seconds by default', () => {
    const { ws, CacheService } = setUp();
    const cache = CacheService.getScriptCache();
    cache.put('k', 'v');
    ws.clock.advance(599_999);
    expect(cache.get('k')).toBe('v');
    ws.clock.advance(1);
    expect(cache.get('k')).toBeNull();
  });

  test('an expiration is given in seconds and capped at 21600 (6 hours)', () => {
    const { ws, CacheService } = setUp();
    const cache = CacheService.getScriptCache();
    cache.put('short', 'v', 30);
    cache.put('long', 'v', 99_999);
    cache.putAll({ a: '1', b: '2' }, 60);

    ws.clock.advance(30_000);
    expect(cache.get('short')).toBeNull();
    expect(cache.getAll(['a', 'b'])).toEqual({ a: '1', b: '2' });
    ws.clock.advance(30_000);
    expect(cache.getAll(['a', 'b'])).toEqual({});

    ws.clock.advance(21_600_000 - 60_000 - 1);
    expect(cache.get('long')).toBe('v');
    ws.clock.advance(1);
    expect(cache.get('long')).toBeNull();
  });

  test("an expiration that is not a number fails with Apps Script's message", () => {
    const { CacheService } = setUp();
    expect(() => CacheService.getScriptCache().put('k', 'v', 'abc' as unknown as number)).toThrow(
      "Cannot convert 'abc' to int.",
    );
    expect(CacheService.getScriptCache().get('k')).toBeNull();
  });

  test('the snapshot shows only live entries', () => {
    const { ws, CacheService } = setUp();
    CacheService.getScriptCache().put('gone', 'x', 10);
    CacheService.getScriptCache().put('kept', 'y', 100);
    ws.clock.advance(10_000);
    expect(ws.cache.snapshot()).toEqual({
      script: { kept: { value: 'y', expiresAt: new Date(ws.clock.now() + 90_000).toISOString() } },
    });
  });
});

describe('CacheService: limits', () => {
  test("keys may be 250 characters; longer ones fail with Apps Script's message", () => {
    const { CacheService } = setUp();
    const cache = CacheService.getScriptCache();
    cache.put('k'.repeat(250), 'v');
    expect(cache.get('k'.repeat(250))).toBe('v');
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.get('k'.repeat(251))).toThrow(KEY_TOO_LARGE);
  });

  test("values may be 100 KB; larger ones fail with Apps Script's message; putAll stores all or nothing", () => {
    const { CacheService } = setUp();
    const cache = CacheService.getScriptCache();
    cache.put('max', 'x'.repeat(MAX_VALUE_BYTES));
    expect(cache.get('max')).toHaveLength(100 * 1024);
    expect(() => cache.put('over', 'x'.repeat(MAX_VALUE_BYTES + 1))).toThrow('Argument too large: value');
    expect(() => cache.putAll({ small: 'ok', over: 'x'.repeat(MAX_VALUE_BYTES + 1) })).toThrow(
      VALUE_TOO_LARGE,
    );
    expect(cache.getAll(['small', 'over'])).toEqual({});
  });
});

describe('CacheService: the three caches', () => {
  test('script, document and user caches are separate; each user has their own', () => {
    const { ws, CacheService } = setUp();
    ws.installScript({
      write: () => CacheService.getUserCache().put('draft', 'mine'),
      read: () => [CacheService.getUserCache().get('draft'), CacheService.getScriptCache().get('draft')],
    });
    CacheService.getDocumentCache().put('draft', 'document');

    ws.run('write', [], { user: 'dsl@school.example' });

    expect(ws.run('read', [], { user: 'dsl@school.example' })).toEqual(['mine', null]);
    expect(ws.run('read', [], { user: 'teacher@school.example' })).toEqual([null, null]);
    expect(CacheService.getDocumentCache().get('draft')).toBe('document');
  });

  test('calls are counted per method', () => {
    const { ws, CacheService } = setUp();
    const { calls } = ws.calls.measure(() => {
      const cache = CacheService.getScriptCache();
      cache.getAll(['a', 'b']);
      cache.put('a', '1');
    });
    expect(calls).toEqual({ 'CacheService.getScriptCache': 1, 'Cache.getAll': 1, 'Cache.put': 1 });
  });
});
