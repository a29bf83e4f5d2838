/**
 * The emulated BigQuery advanced service: rows stored as the table's schema says, invalid rows failing the
 * request in insertErrors (not thrown), no de-duplication by insertId (BigQuery's is only best-effort), a
 * missing table throwing, and no `BigQuery` global unless the manifest enables the service.
 */
import * as path from 'node:path';
import { CallLog } from '../../emulator/core';
import { BigQueryStore } from '../../emulator/bigquery';
import { DEFAULT_BUNDLE, loadBundle } from '../../emulator/load-bundle';
import { Workspace } from '../../emulator/workspace';

function setup(): { store: BigQueryStore; insertAll: (...args: unknown[]) => unknown } {
  const store = new BigQueryStore({ calls: new CallLog() });
  store.createTable('p-trust', 'd', 'weekly', [
    { name: 'school', type: 'STRING', mode: 'REQUIRED' },
    { name: 'count', type: 'INT64' },
  ]);
  const facade = store.facade() as { Tabledata: { insertAll: (...args: unknown[]) => unknown } };
  return { store, insertAll: (...args) => facade.Tabledata.insertAll(...args) };
}

describe('Tabledata.insertAll', () => {
  it('appends every row, the same insertId twice included (de-duplication is best-effort on Google)', () => {
    const { store, insertAll } = setup();
    const rows = [{ insertId: 'a', json: { school: 'HIL01', count: 3 } }];
    insertAll({ rows }, 'p-trust', 'd', 'weekly');
    insertAll({ rows }, 'p-trust', 'd', 'weekly');
    expect(store.table('p-trust', 'd', 'weekly')?.rows).toEqual([
      { school: 'HIL01', count: 3 },
      { school: 'HIL01', count: 3 },
    ]);
  });

  it('an invalid row fails the whole request in insertErrors, unless skipInvalidRows', () => {
    const { store, insertAll } = setup();
    const rows = [{ json: { school: 'HIL01', count: 1 } }, { json: { count: 'two' } }];
    const response = insertAll({ rows }, 'p-trust', 'd', 'weekly') as {
      insertErrors: Array<{ index: number }>;
    };
    expect(response.insertErrors.map((e) => e.index).sort()).toEqual([0, 1]);
    expect(store.table('p-trust', 'd', 'weekly')?.rows).toEqual([]);
    insertAll({ rows, skipInvalidRows: true }, 'p-trust', 'd', 'weekly');
    expect(store.table('p-trust', 'd', 'weekly')?.rows).toEqual([{ school: 'HIL01', count: 1 }]);
  });

  it('a table that does not exist throws, and other methods are not emulated', () => {
    const { store, insertAll } = setup();
    expect(() => insertAll({ rows: [] }, 'p-trust', 'd', 'nope')).toThrow(/Not found: Table p-trust:d.nope/);
    const tabledata = (store.facade() as { Tabledata: Record<string, unknown> }).Tabledata;
    expect(() => tabledata.list).toThrow('not emulated: Tabledata.list');
  });
});

describe('the BigQuery global', () => {
  it('exists only when the manifest enables the advanced service', () => {
    const plain = new Workspace({ owner: 'dsl@school.example' });
    const withDefault = loadBundle(plain);
    expect((withDefault.context as Record<string, unknown>).BigQuery).toBeUndefined();
    const withBigQuery = loadBundle(
      new Workspace({ owner: 'dsl@school.example' }),
      DEFAULT_BUNDLE,
      path.resolve(__dirname, '..', '..', 'appsscript.bigquery.json'),
    );
    expect((withBigQuery.context as Record<string, unknown>).BigQuery).toBeDefined();
  });
});
