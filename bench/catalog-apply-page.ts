/**
 * Throughput check of the ingest hot path (not a test): applies 200 pages of 1000 new items each to a fresh
 * catalog in a temp directory, then the same pages again as the next pass, and prints items per second as JSON
 * beside a bare FTS5 insert rate measured on the same text. PAGES and ITEMS_PER_PAGE override the sizes.
 * Run: npm run bench:catalog-apply-page
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHashOf, sha256Hex, type ApplyPageInput, type Catalog, type PreparedItem } from '@verbatim/core';
import Database from 'better-sqlite3';
import { openSqliteCatalog } from '@verbatim/catalog';

const PAGES = Number(process.env.PAGES ?? 200);
const PAGE_SIZE = Number(process.env.ITEMS_PER_PAGE ?? 1000);
const WORDS = 'town council meeting agenda budget road repair library hours park permit zoning vote'.split(' ');

function itemFor(n: number): PreparedItem {
  const words = Array.from({ length: 12 + (n % 20) }, (_, i) => WORDS[(n * 7 + i * 3) % WORDS.length]);
  const isPost = n % 10 === 0;
  const base = {
    platformId: `item-${n}`,
    kind: isPost ? ('post' as const) : ('comment' as const),
    ...(isPost ? {} : { parentPlatformId: `item-${n - (n % 10)}`, threadRootPlatformId: `item-${n - (n % 10)}` }),
    author: { id: `user-${n % 5000}`, name: `Resident ${n % 5000}`, handle: `resident${n % 5000}` },
    text: words.join(' '),
    url: `https://example.test/p/${n}`,
    postedAt: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
    hidden: n % 97 === 0,
    attachments: [],
  };
  return { ...base, contentHash: contentHashOf(base) };
}

function pageFor(accountId: string, page: number): ApplyPageInput {
  const items = Array.from({ length: PAGE_SIZE }, (_, i) => itemFor(page * PAGE_SIZE + i));
  const sha256 = sha256Hex(`page-${page}`);
  const capturedAt = new Date().toISOString();
  return {
    accountId,
    passNumber: 1,
    items,
    rejected: [],
    nextCursor: `cursor-${page + 1}`,
    capturedAt,
    capture: {
      sha256,
      key: `raw/${sha256}`,
      accountId,
      contentType: 'application/json',
      byteLength: 1,
      source: 'measure',
      capturedAt,
    },
  };
}

/**
 * The same items' text inserted into a bare FTS5 table, in the same transactions: a yardstick measured under the
 * same machine load, since the ingest benchmark judges the pipeline against a bare FTS5 insert rate.
 */
function measureBareFts5(file: string, pages: ApplyPageInput[]): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE VIRTUAL TABLE bare USING fts5(text)');
  const insert = db.prepare('INSERT INTO bare (text) VALUES (?)');
  const insertPage = db.transaction((page: ApplyPageInput) => {
    for (const item of page.items) insert.run(item.text);
  });
  const started = process.hrtime.bigint();
  for (const page of pages) insertPage(page);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return Math.round((pages.length * PAGE_SIZE) / seconds);
}

async function createAccount(catalog: Catalog): Promise<string> {
  const agency = await catalog.createAgency({ name: 'Clerk', kind: 'department' });
  const account = await catalog.createAccount({
    agencyId: agency.id,
    platform: 'mock',
    handle: 'town',
    status: 'active',
    connector: { type: 'mock' },
    syncIntervalMinutes: 60,
    administrators: [],
    moderators: [],
  });
  return account.id;
}

/** Applies every page as pass 1 (all items new), confirming each page's documents as the pipeline does. */
async function measureNewItems(catalog: Catalog, pages: ApplyPageInput[]) {
  let applySeconds = 0;
  let clearSeconds = 0;
  const cpuBefore = process.cpuUsage();
  for (const page of pages) {
    const started = process.hrtime.bigint();
    const applied = await catalog.applyPage(page);
    const appliedAt = process.hrtime.bigint();
    await catalog.clearIndexBacklog(applied.changed);
    applySeconds += Number(appliedAt - started) / 1e9;
    clearSeconds += Number(process.hrtime.bigint() - appliedAt) / 1e9;
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { applySeconds, clearSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The steady state: the next pass lists the same items again, unchanged. */
async function measureUnchangedItems(catalog: Catalog, pages: ApplyPageInput[]): Promise<number> {
  await catalog.startPass(pages[0].accountId, 2, 'pass-2', 'cursor-0', new Date().toISOString());
  const started = process.hrtime.bigint();
  for (const page of pages) await catalog.applyPage({ ...page, passNumber: 2 });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-measure-'));
  const { catalog } = openSqliteCatalog({ file: join(dir, 'catalog.sqlite') });
  try {
    const accountId = await createAccount(catalog);
    await catalog.startPass(accountId, 1, 'pass-1', 'cursor-0', new Date().toISOString());
    // Round-tripped through JSON, as a connector's parsed response would be: V8 then holds every string flat,
    // and binding flat strings is several times cheaper than binding concatenated ones.
    const pages = JSON.parse(
      JSON.stringify(Array.from({ length: PAGES }, (_, page) => pageFor(accountId, page))),
    ) as ApplyPageInput[];
    const created = await measureNewItems(catalog, pages);
    const unchangedSeconds = await measureUnchangedItems(catalog, pages);
    const items = PAGES * PAGE_SIZE;
    console.log(
      JSON.stringify({
        pages: PAGES,
        pageSize: PAGE_SIZE,
        items,
        applySeconds: Number(created.applySeconds.toFixed(3)),
        itemsPerSecond: Math.round(items / created.applySeconds),
        withBacklogClearItemsPerSecond: Math.round(items / (created.applySeconds + created.clearSeconds)),
        // CPU seconds of this process (apply and clear): less sensitive to other load on the machine than wall time.
        itemsPerCpuSecond: Math.round(items / created.cpuSeconds),
        unchangedItemsPerSecond: Math.round(items / unchangedSeconds),
        bareFts5ItemsPerSecond: measureBareFts5(join(dir, 'bare-fts5.sqlite'), pages),
        loadAverage: Number(loadavg()[0].toFixed(2)),
        records: await catalog.countRecords(),
      }),
    );
  } finally {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
