/**
 * What the ingest target leaves room for on this machine (not a test). bench:ingest compares the pipeline with
 * one thread inserting rows into a bare FTS5 table; this prints the CPU each step of ingest costs per item, every
 * step run alone on this thread over the same pages, and the rate two cores would reach if the steps shared them
 * perfectly (no hand-off between threads, no waiting, nothing else running):
 *
 * - generate: the mock platform building and serializing a page: a real platform's CPU, not ours;
 * - parse: the connector parsing and validating the page's bytes (zod included);
 * - store: the raw page into the filesystem object store;
 * - renderMedia: the mock platform rendering the PNGs the page links to: again the platform's CPU;
 * - prepare: the items' content hashes and their media stored, as the sync job prepares them;
 * - minimalCatalog: a records table with only its (account, platform id) key, plus version 1 of each record;
 * - bareFts5: the floor, as bench:ingest measures it;
 * - catalog and searchIndex: the shipped SQLite catalog and search index, each on this one thread.
 *
 * `minimal` shares two cores among all of those steps but the shipped catalog and index: a ceiling no pipeline
 * doing them can pass. `minimalWithoutPlatform` leaves out the mock platform's own work as well, which a real
 * platform does on its own machines. `shipped` is `minimal` with the shipped catalog and index.
 * ITEMS (default 1,000,000) sizes the mock account as for bench:ingest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteCatalog } from '@verbatim/catalog';
import { createConnector } from '@verbatim/connectors';
import { rawCaptureKey, recordIdFor, sha256Hex, type PreparedItem } from '@verbatim/core';
import { openSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import { readMockPage } from '@verbatim/connectors';
import { archiveItems } from '@verbatim/ingest';
import { openSearchDatabase } from '@verbatim/search';
import { fileCreationMicroseconds, mockConfigFor, openBareFts5 } from './support';

const ITEMS = Number(process.env.ITEMS ?? 1_000_000);
const STEPS = [
  'generate',
  'parse',
  'store',
  'renderMedia',
  'prepare',
  'minimalCatalog',
  'bareFts5',
  'catalog',
  'searchIndex',
] as const;
type Step = (typeof STEPS)[number];

function openWal(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Records with their key and version 1 of each: what no archive of versions can do without. */
function minimalCatalog(file: string, accountId: string) {
  const db = openWal(file);
  db.exec(`
    CREATE TABLE records (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, account_id TEXT NOT NULL,
      platform_id TEXT NOT NULL, kind TEXT NOT NULL, parent_platform_id TEXT, author_name TEXT NOT NULL,
      text TEXT NOT NULL, posted_at TEXT NOT NULL, content_hash TEXT NOT NULL, UNIQUE (account_id, platform_id));
    CREATE TABLE record_versions (record_seq INTEGER NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL,
      content_hash TEXT NOT NULL, raw_capture_sha256 TEXT NOT NULL, PRIMARY KEY (record_seq, version)) WITHOUT ROWID;`);
  const insert = db.prepare(`INSERT INTO records (id, account_id, platform_id, kind, parent_platform_id,
    author_name, text, posted_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const lastSeq = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM records').pluck();
  const firstVersions = db.prepare(
    'INSERT INTO record_versions SELECT seq, 1, text, content_hash, ? FROM records WHERE seq > ?',
  );
  return db.transaction((items: PreparedItem[], rawSha256: string) => {
    const before = lastSeq.get()!;
    for (const item of items) {
      insert.run(
        recordIdFor(accountId, item.platformId),
        accountId,
        item.platformId,
        item.kind,
        item.parentPlatformId ?? null,
        item.author.name,
        item.text,
        item.postedAt,
        item.contentHash,
      );
    }
    firstVersions.run(rawSha256, before);
  });
}

const perItem = (microseconds: number, items: number) => Math.round((microseconds / items) * 100) / 100;

/** Items per second if two cores shared `microseconds` of work per item perfectly, and its ratio to the floor. */
function twoCores(microseconds: number, floorRate: number) {
  const itemsPerSecond = Math.round(2e6 / microseconds);
  const ratio = Math.round((itemsPerSecond / floorRate) * 100) / 100;
  return { microsecondsPerItem: Math.round(microseconds * 100) / 100, itemsPerSecond, ratio };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-ceiling-'));
  const fileCreation = fileCreationMicroseconds(dir);
  const config = mockConfigFor(ITEMS);
  const connector = createConnector(config);
  const objectStore = await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') });
  const { catalog } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
  const searchIndex = openSqliteSearchIndex(openSearchDatabase(path.join(dir, 'search.sqlite'), { cacheMiB: 24 }));
  const agency = await catalog.createAgency({ name: 'Bench Department', kind: 'department' });
  const account = await catalog.createAccount({
    agencyId: agency.id,
    platform: 'facebook',
    handle: 'bench',
    status: 'active',
    connector: config,
    syncIntervalMinutes: 60,
    administrators: [],
    moderators: [],
  });
  const insertMinimal = minimalCatalog(path.join(dir, 'minimal.sqlite'), account.id);
  const bare = openBareFts5(path.join(dir, 'bare.sqlite'));
  const microseconds = Object.fromEntries(STEPS.map((step) => [step, 0])) as Record<Step, number>;
  const kernel = { ...microseconds };
  const timed = async <T>(step: Step, work: () => T | Promise<T>): Promise<T> => {
    const started = process.cpuUsage();
    try {
      return await work();
    } finally {
      const used = process.cpuUsage(started);
      microseconds[step] += used.user + used.system;
      kernel[step] += used.system;
    }
  };

  const pass = await connector.beginPass(null);
  await catalog.startPass(account.id, 1, pass.passToken, pass.firstCursor, new Date().toISOString());
  let cursor: string | null = pass.firstCursor;
  let items = 0;
  let lastReport = Date.now();
  while (cursor !== null) {
    // The mock parses what it serialized; parsing the same bytes again apart tells the two costs apart.
    const page = await timed('generate', () => connector.fetchPage(pass.passToken, cursor!));
    await timed('parse', () => readMockPage(page.raw));
    const sha256 = sha256Hex(page.raw);
    const capture = {
      sha256,
      key: rawCaptureKey(sha256),
      accountId: account.id,
      contentType: page.contentType,
      byteLength: page.raw.byteLength,
      source: page.source,
      capturedAt: new Date().toISOString(),
    };
    await timed('store', () => objectStore.put(capture.key, page.raw, { contentType: page.contentType }));
    // Prepare downloads media concurrently, so the mock's rendering is timed on its own, once more, beforehand.
    await timed('renderMedia', async () => {
      for (const item of page.items) {
        for (const { sourceUrl } of item.attachments) await connector.fetchMedia(sourceUrl);
      }
    });
    const prepared = await timed('prepare', () =>
      archiveItems({ catalog, objectStore }, connector, account.id, page.items),
    );
    await timed('minimalCatalog', () => insertMinimal(prepared.items, sha256));
    // Rows built outside the timing, as bench:ingest builds them outside its floor's.
    const bareRows = prepared.items.map((item): [string, string] => [item.text, item.author.name]);
    await timed('bareFts5', () => bare.insertRows(bareRows));
    const applied = await timed('catalog', () =>
      catalog.applyPage({
        accountId: account.id,
        passNumber: 1,
        capture,
        items: prepared.items,
        rejected: page.rejected,
        nextCursor: page.nextCursor,
        capturedAt: capture.capturedAt,
      }),
    );
    await timed('searchIndex', () => searchIndex.upsert(applied.changed));
    await timed('catalog', () => catalog.clearIndexBacklog(applied.changed));
    items += page.items.length;
    cursor = page.nextCursor;
    if (Date.now() - lastReport > 5000) {
      process.stderr.write(`ceiling: ${items} items so far\n`);
      lastReport = Date.now();
    }
  }
  bare.close();
  await searchIndex.close();
  await catalog.close();
  rmSync(dir, { recursive: true, force: true });

  // Each step timed the steps nested in it too: parse ran inside generate, renderMedia inside prepare.
  for (const [outer, inner] of [
    ['generate', 'parse'],
    ['prepare', 'renderMedia'],
  ] as const) {
    microseconds[outer] -= microseconds[inner];
    kernel[outer] -= kernel[inner];
  }
  const micro = Object.fromEntries(STEPS.map((step) => [step, perItem(microseconds[step], items)])) as Record<
    Step,
    number
  >;
  const floorRate = Math.round(1e6 / micro.bareFts5);
  const platform = micro.generate + micro.renderMedia;
  const ours = micro.parse + micro.store + micro.prepare;
  console.log(
    JSON.stringify({
      benchmark: 'ingest-ceiling',
      items,
      microsecondsPerItem: micro,
      // Of which in the kernel: file writes, and the files made (see fileCreationMicroseconds).
      kernelMicrosecondsPerItem: Object.fromEntries(STEPS.map((step) => [step, perItem(kernel[step], items)])),
      fileCreationMicroseconds: fileCreation,
      bareFts5RowsPerSecond: floorRate,
      // At half the floor's rate, two cores have this much CPU per item for everything.
      budgetAtHalfFloor: Math.round(4 * micro.bareFts5 * 100) / 100,
      minimal: twoCores(platform + ours + micro.minimalCatalog + micro.bareFts5, floorRate),
      minimalWithoutPlatform: twoCores(ours + micro.minimalCatalog + micro.bareFts5, floorRate),
      shipped: twoCores(platform + ours + micro.catalog + micro.searchIndex, floorRate),
    }),
  );
}

void main();
