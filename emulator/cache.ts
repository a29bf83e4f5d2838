/**
 * CacheService: the script's, each user's and the bound document's caches, expiring by the simulated clock.
 *
 * As on Apps Script: values are stored as strings, a null value stores nothing, the expiration defaults to
 * 600 seconds and is capped at 21600 (6 hours), keys are at most 250 characters and values at most 100 KB.
 * Apps Script may also evict entries early (at most 1000 per cache); the emulator keeps them until expiry.
 */
import { Emulated, invalidArgument } from './core';
import type { Workspace } from './workspace';

export const DEFAULT_TTL_SECONDS = 600;
export const MAX_TTL_SECONDS = 21_600;
export const MAX_KEY_CHARS = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
/** Apps Script's texts for a key over 250 characters and a value over 100 KB. */
export const KEY_TOO_LARGE = 'Argument too large: key';
export const VALUE_TOO_LARGE = 'Argument too large: value';

interface Entry {
  value: string;
  expiresAt: number;
}

type Store = Map<string, Entry>;

function checkKey(key: unknown): string {
  if (key === null || key === undefined) invalidArgument('key');
  const k = String(key);
  if (k.length > MAX_KEY_CHARS) throw new Error(KEY_TOO_LARGE);
  return k;
}

/** Seconds to keep an entry: Apps Script converts the argument to an integer and caps it at 6 hours. */
function ttlOf(expirationInSeconds: unknown): number {
  if (expirationInSeconds === undefined) return DEFAULT_TTL_SECONDS;
  const n = typeof expirationInSeconds === 'number' ? expirationInSeconds : Number(expirationInSeconds);
  // Apps Script's text for a non-numeric expiration, e.g. put(k, v, 'abc').
  if (!Number.isFinite(n)) throw new Error(`Cannot convert '${String(expirationInSeconds)}' to int.`);
  return Math.min(Math.max(Math.trunc(n), 1), MAX_TTL_SECONDS);
}

export class Cache extends Emulated implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly _ws: Workspace,
    private readonly _store: Store,
  ) {
    super(_ws, 'Cache');
  }

  private _live(key: string): Entry | undefined {
    const entry = this._store.get(key);
    if (entry && entry.expiresAt <= this._ws.clock.now()) {
      this._store.delete(key);
      return undefined;
    }
    return entry;
  }

  get(key: string): string | null {
    return this._live(checkKey(key))?.value ?? null;
  }

  getAll(keys: string[]): { [key: string]: string } {
    if (!Array.isArray(keys)) invalidArgument('keys');
    const out: { [key: string]: string } = {};
    for (const key of keys) {
      const k = checkKey(key);
      const entry = this._live(k);
      if (entry) out[k] = entry.value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this._putMany([[key, value]], expirationInSeconds);
  }

  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    if (values === null || typeof values !== 'object') invalidArgument('values');
    this._putMany(Object.entries(values), expirationInSeconds);
  }

  /** Checks every entry before storing any, so a batch over a limit stores nothing. */
  private _putMany(entries: [unknown, unknown][], expirationInSeconds: unknown): void {
    const ttl = ttlOf(expirationInSeconds);
    const checked = entries.map(([key, value]): [string, string | null] => {
      const k = checkKey(key);
      if (value === null || value === undefined) return [k, null];
      const v = String(value);
      if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw new Error(VALUE_TOO_LARGE);
      return [k, v];
    });
    const expiresAt = this._ws.clock.now() + ttl * 1000;
    for (const [k, v] of checked) {
      if (v === null) this._store.delete(k);
      else this._store.set(k, { value: v, expiresAt });
    }
  }

  remove(key: string): void {
    this._store.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) invalidArgument('keys');
    for (const k of keys.map(checkKey)) this._store.delete(k);
  }
}

export class CacheService extends Emulated implements GoogleAppsScript.Cache.CacheService {
  constructor(
    private readonly _ws: Workspace,
    private readonly _stores: CacheStore,
  ) {
    super(_ws, 'CacheService');
  }

  getScriptCache(): Cache {
    return new Cache(this._ws, this._stores.storeFor('script'));
  }

  /** The running user's own cache. */
  getUserCache(): Cache {
    return new Cache(this._ws, this._stores.storeFor(`user:${this._ws.activeUser().toLowerCase()}`));
  }

  /** The cache of the document the script is bound to (never null here: the script is container-bound). */
  getDocumentCache(): Cache {
    return new Cache(this._ws, this._stores.storeFor(`document:${this._ws.containerId}`));
  }
}

export class CacheStore {
  private readonly stores = new Map<string, Store>();
  private facade: CacheService | null = null;

  constructor(readonly ws: Workspace) {}

  globals(): Record<string, unknown> {
    this.facade ??= new CacheService(this.ws, this);
    return { CacheService: this.facade };
  }

  /** `script`, `user:<email>` or `document:<id>`. */
  storeFor(name: string): Store {
    let store = this.stores.get(name);
    if (!store) {
      store = new Map();
      this.stores.set(name, store);
    }
    return store;
  }

  /** The live entries of each cache, with when they expire. */
  snapshot(): Record<string, Record<string, { value: string; expiresAt: string }>> {
    const now = this.ws.clock.now();
    const out: Record<string, Record<string, { value: string; expiresAt: string }>> = {};
    for (const [name, store] of this.stores) {
      const live: Record<string, { value: string; expiresAt: string }> = {};
      for (const [key, entry] of store) {
        if (entry.expiresAt > now)
          live[key] = { value: entry.value, expiresAt: new Date(entry.expiresAt).toISOString() };
      }
      if (Object.keys(live).length > 0) out[name] = live;
    }
    return out;
  }
}
