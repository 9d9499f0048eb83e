/**
 * Where ingest time goes: one mock account synced with syncAccount directly (no queue), every port call timed.
 * Calls overlap (media downloads, look-ahead), so the figures are per-port totals, not a partition of the wall time.
 * The catalog applies pages on its own thread as an ingesting process does; CATALOG_THREAD=0 applies them on this
 * thread instead, for comparison.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteCatalog, openThreadedSqliteCatalog } from '@verbatim/catalog';
import { createConnector } from '@verbatim/connectors';
import { openThreadedSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import { syncAccount } from '@verbatim/ingest';
import { mockConfigFor } from './support';

const timers: Record<string, number> = {};
function wrap<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(obj, key): unknown {
      const value: unknown = Reflect.get(obj, key);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return async (...args: unknown[]) => {
        const started = process.hrtime.bigint();
        try {
          return await method.apply(obj, args);
        } finally {
          const label = `${name}.${String(key)}`;
          timers[label] = (timers[label] ?? 0) + Number(process.hrtime.bigint() - started) / 1e6;
        }
      };
    },
  });
}
async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prof-'));
  const { catalog } =
    process.env.CATALOG_THREAD === '0'
      ? openSqliteCatalog({ file: path.join(dir, 'c.sqlite') })
      : await openThreadedSqliteCatalog({ file: path.join(dir, 'c.sqlite') });
  const searchIndex = await openThreadedSqliteSearchIndex(path.join(dir, 'search.sqlite'));
  const objectStore = await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') });
  const agency = await catalog.createAgency({ name: 'x', kind: 'department' });
  const connector = mockConfigFor(Number(process.env.ITEMS ?? 200000));
  const account = await catalog.createAccount({
    agencyId: agency.id,
    platform: 'facebook',
    handle: 'x',
    status: 'active',
    connector,
    syncIntervalMinutes: 60,
    administrators: [],
    moderators: [],
  });
  const started = Date.now();
  const result = await syncAccount(
    {
      catalog: wrap('catalog', catalog),
      searchIndex: wrap('search', searchIndex),
      objectStore: wrap('store', objectStore),
      createConnector: (config) => wrap('connector', createConnector(config)),
    },
    account.id,
  );
  await searchIndex.close();
  await catalog.close();
  console.log(
    JSON.stringify(
      {
        items: result.items,
        ms: Date.now() - started,
        timers: Object.fromEntries(Object.entries(timers).map(([k, v]) => [k, Math.round(v)])),
      },
      null,
      1,
    ),
  );
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
