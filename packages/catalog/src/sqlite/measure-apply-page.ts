/**
 * Throughput check of the ingest hot path (not a test): applies 200 pages of 1000 new items each to a fresh
 * catalog in a temp directory and prints items per second as JSON. Run: npx tsx packages/catalog/src/sqlite/measure-apply-page.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHashOf, sha256Hex, type ApplyPageInput, type PreparedItem } from '@verbatim/core';
import { openSqliteCatalog } from './open-sqlite-catalog';

const PAGES = Number(process.env.PAGES ?? 200);
const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 1000);
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
    accountId, passNumber: 1, items, rejected: [], nextCursor: `cursor-${page + 1}`, capturedAt,
    capture: { sha256, key: `raw/${sha256}`, accountId, contentType: 'application/json', byteLength: 1, source: 'measure', capturedAt },
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-measure-'));
  const { catalog } = openSqliteCatalog({ file: join(dir, 'catalog.sqlite') });
  try {
    const agency = await catalog.createAgency({ name: 'Clerk', kind: 'department' });
    const account = await catalog.createAccount({
      agencyId: agency.id, platform: 'mock', handle: 'town', status: 'active', connector: { type: 'mock' },
      syncIntervalMinutes: 60, administrators: [], moderators: [],
    });
    await catalog.startPass(account.id, 1, 'pass-1', 'cursor-0', new Date().toISOString());
    const pages = Array.from({ length: PAGES }, (_, page) => pageFor(account.id, page));
    let applySeconds = 0;
    let clearSeconds = 0;
    for (const page of pages) {
      const started = process.hrtime.bigint();
      const applied = await catalog.applyPage(page);
      const applied_at = process.hrtime.bigint();
      await catalog.clearIndexBacklog(applied.changed.map((document) => document.id));
      applySeconds += Number(applied_at - started) / 1e9;
      clearSeconds += Number(process.hrtime.bigint() - applied_at) / 1e9;
    }
    const items = PAGES * PAGE_SIZE;
    console.log(JSON.stringify({
      pages: PAGES,
      pageSize: PAGE_SIZE,
      items,
      applySeconds: Number(applySeconds.toFixed(3)),
      itemsPerSecond: Math.round(items / applySeconds),
      withBacklogClearItemsPerSecond: Math.round(items / (applySeconds + clearSeconds)),
      records: await catalog.countRecords(),
    }));
  } finally {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
