/**
 * PropertiesService: the script's, each user's and the bound document's key-value stores.
 *
 * Values are stored as strings (`String(value)`, as Apps Script does) and reads return copies. Apps Script's
 * limits apply per store: 9 KB per value and 500 KB per store (keys and values together), with its error
 * texts. A write that would break a limit changes nothing.
 */
import { Emulated, invalidArgument } from './core';
import type { Workspace } from './workspace';

/** Quotas page: "Properties value size 9 KB / val", "Properties total storage 500 KB / property store". */
export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
/** Apps Script's texts for a value over 9 KB and for a store over 500 KB (both widely reported). */
export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_QUOTA_EXCEEDED =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

type Store = Map<string, string>;

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function storeBytes(store: Store): number {
  let total = 0;
  for (const [k, v] of store) total += bytes(k) + bytes(v);
  return total;
}

function keyOf(key: unknown): string {
  if (key === null || key === undefined) invalidArgument('key');
  return String(key);
}

/** Applies `changes` to a copy, checks the limits, then commits: a write over a limit changes nothing. */
function commit(store: Store, changes: [string, string][], deleteAllOthers: boolean): void {
  for (const [, value] of changes) {
    if (bytes(value) > MAX_VALUE_BYTES) throw new Error(VALUE_TOO_LARGE);
  }
  const next: Store = deleteAllOthers ? new Map() : new Map(store);
  for (const [key, value] of changes) next.set(key, value);
  if (storeBytes(next) > MAX_STORE_BYTES) throw new Error(STORE_QUOTA_EXCEEDED);
  store.clear();
  for (const [key, value] of next) store.set(key, value);
}

export class Properties extends Emulated implements GoogleAppsScript.Properties.Properties {
  constructor(
    ws: Workspace,
    private readonly _store: Store,
  ) {
    super(ws, 'Properties');
  }

  getProperty(key: string): string | null {
    return this._store.get(keyOf(key)) ?? null;
  }

  setProperty(key: string, value: string): Properties {
    commit(this._store, [[keyOf(key), String(value)]], false);
    return this;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): Properties {
    if (properties === null || typeof properties !== 'object') invalidArgument('properties');
    const changes = Object.entries(properties).map(([k, v]): [string, string] => [k, String(v)]);
    commit(this._store, changes, deleteAllOthers === true);
    return this;
  }

  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this._store);
  }

  getKeys(): string[] {
    return [...this._store.keys()];
  }

  deleteProperty(key: string): Properties {
    this._store.delete(keyOf(key));
    return this;
  }

  deleteAllProperties(): Properties {
    this._store.clear();
    return this;
  }
}

export class PropertiesService extends Emulated implements GoogleAppsScript.Properties.PropertiesService {
  constructor(
    private readonly _ws: Workspace,
    private readonly _stores: PropertiesStore,
  ) {
    super(_ws, 'PropertiesService');
  }

  getScriptProperties(): Properties {
    return new Properties(this._ws, this._stores.scriptStore());
  }

  /** The running user's own store: another user's executions never see it. */
  getUserProperties(): Properties {
    return new Properties(this._ws, this._stores.userStore(this._ws.activeUser()));
  }

  /** The store of the document the script is bound to (the container spreadsheet). */
  getDocumentProperties(): Properties {
    return new Properties(this._ws, this._stores.documentStore(this._ws.containerId));
  }
}

/** The store under `key`, made empty on first use. */
function storeIn(stores: Map<string, Store>, key: string): Store {
  let store = stores.get(key);
  if (!store) {
    store = new Map();
    stores.set(key, store);
  }
  return store;
}

export class PropertiesStore {
  private readonly script: Store = new Map();
  private readonly users = new Map<string, Store>();
  private readonly documents = new Map<string, Store>();
  private facade: PropertiesService | null = null;

  constructor(readonly ws: Workspace) {}

  globals(): Record<string, unknown> {
    this.facade ??= new PropertiesService(this.ws, this);
    return { PropertiesService: this.facade };
  }

  scriptStore(): Store {
    return this.script;
  }

  userStore(email: string): Store {
    return storeIn(this.users, email.toLowerCase());
  }

  documentStore(documentId: string): Store {
    return storeIn(this.documents, documentId);
  }

  /** Bytes used by a store, as counted against the 500 KB quota. */
  bytesUsed(store: Store): number {
    return storeBytes(store);
  }

  snapshot(): {
    script: Record<string, string>;
    document: Record<string, string>;
    user: Record<string, Record<string, string>>;
  } {
    const user: Record<string, Record<string, string>> = {};
    for (const [email, store] of [...this.users].sort(([a], [b]) => a.localeCompare(b))) {
      if (store.size > 0) user[email] = Object.fromEntries(store);
    }
    return {
      script: Object.fromEntries(this.script),
      document: Object.fromEntries(this.documents.get(this.ws.containerId) ?? new Map<string, string>()),
      user,
    };
  }
}
