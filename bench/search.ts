/**
 * Search benchmark: p50/p95 latency through the HTTP API at RECORDS records (default 1,000,000) for a fixed
 * query mix. The corpus is ingested once through the real pipeline into bench/out/search-<n> (reused later;
 * delete the folder to rebuild). Prints one JSON object.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@verbatim/core';
import { rebuildSearchIndex, searchIndexNeedsRebuild } from '@verbatim/ingest';
import { BenchInstance, backendsInUse, ingestThroughQueue, mockConfigFor, startEmbedded } from './support';

const RECORDS = Number(process.env.RECORDS ?? 1_000_000);
const ACCOUNTS = 10;
const RUNS = Number(process.env.RUNS ?? 40);

async function ensureCorpus(instance: BenchInstance): Promise<void> {
  const { catalog } = instance.running.backends;
  if ((await catalog.countRecords()) >= RECORDS * 0.95) {
    // A corpus from before the index had its own file: index it once, here, since the API role does not.
    if (await searchIndexNeedsRebuild(instance.running.backends)) {
      process.stderr.write('corpus: indexing the reused catalog\n');
      await rebuildSearchIndex(instance.running.backends);
    }
    return;
  }
  for (let index = 0; index < ACCOUNTS; index += 1) {
    const connector = { ...mockConfigFor(RECORDS / ACCOUNTS, 100 + index) };
    const { seconds, result } = await ingestThroughQueue(instance, connector);
    process.stderr.write(
      `corpus: account ${index + 1}/${ACCOUNTS}: ${result.items} items in ${seconds.toFixed(1)} s\n`,
    );
  }
}

/** What this benchmark reads of a GET /api/v1/records answer. */
interface RecordsPage {
  total: number;
  nextCursor: string | null;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function main(): Promise<void> {
  // A corpus per set of backends: one built on SQLite is no use to a PostgreSQL or S3 run.
  const tag = [
    process.env.CATALOG_BACKEND,
    process.env.SEARCH_BACKEND,
    process.env.BENCH_S3RVER === '1' ? 's3' : process.env.STORAGE_BACKEND,
  ]
    .filter(Boolean)
    .join('-');
  const dataDir = path.resolve(__dirname, 'out', `search-${RECORDS}${tag ? `-${tag}` : ''}`);
  const reused = existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const token = `bench-${randomBytes(16).toString('hex')}`;
  // A reused corpus is served by the API alone, so no sync runs while latencies are measured.
  const instance = await startEmbedded(dataDir, reused ? { ROLES: 'api' } : {});
  await ensureCorpus(instance);
  const { catalog } = instance.running.backends;
  await catalog.createToken({ name: 'bench', roles: ['foia-officer'], secretSha256: sha256Hex(token) });
  const accounts = await catalog.listAccounts();
  const base = `http://127.0.0.1:${instance.running.port}/api/v1/records`;
  const get = async (params: Record<string, string>) => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${base}?${new URLSearchParams(params)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as RecordsPage;
    if (response.status !== 200)
      throw new Error(`${JSON.stringify(params)} → ${response.status} ${JSON.stringify(body)}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, body };
  };
  const pick = <T>(values: T[], run: number) => values[run % values.length];
  const mix: Record<string, (run: number) => Promise<{ ms: number; body: RecordsPage }>> = {
    rare: (run) => get({ q: String(1000 + ((run * 7919) % 8999)) }),
    common: (run) => get({ q: pick(['street', 'town', 'meeting', 'the'], run) }),
    phrase: (run) =>
      get({ q: pick(['"road closure"', '"budget hearing"', '"leaf collection"', '"public hearing"'], run) }),
    prefix: (run) => get({ q: pick(['zon*', 'hear*', 'plow*', 'recyc*'], run) }),
    filtered: (run) =>
      get({
        q: pick(['hearing', 'closed', 'park'], run),
        accountId: pick(accounts, run).id,
        kind: 'comment,reply',
        postedFrom: '2026-01-01',
        postedTo: '2026-01-02',
      }),
    faceted: (run) =>
      get({
        q: pick(['snow', 'budget', 'zoning'], run),
        status: 'live,edited,hidden,deleted',
        hasAttachments: pick(['true', 'false'], run),
      }),
    listNewest: (run) => get({ accountId: pick(accounts, run).id }),
    deepPage: async (run) => {
      let cursor: string | null = null;
      let last: { ms: number; body: RecordsPage } = { ms: 0, body: { total: 0, nextCursor: null } };
      for (let page = 1; page <= 50; page += 1) {
        last = await get({
          q: pick(['street', 'hearing'], run),
          sort: pick(['relevance', 'newest'], run),
          ...(cursor ? { cursor } : {}),
        });
        cursor = last.body.nextCursor;
        if (!cursor) break;
      }
      return last;
    },
  };
  const results: Record<string, { p50Ms: number; p95Ms: number; maxMs: number; sampleTotal: number }> = {};
  for (const [kind, run] of Object.entries(mix)) {
    await run(0);
    const timings: number[] = [];
    let sampleTotal = 0;
    for (let index = 0; index < (kind === 'deepPage' ? Math.ceil(RUNS / 4) : RUNS); index += 1) {
      const { ms, body } = await run(index);
      timings.push(ms);
      sampleTotal = body.total;
    }
    timings.sort((a, b) => a - b);
    results[kind] = {
      p50Ms: round(percentile(timings, 0.5)),
      p95Ms: round(percentile(timings, 0.95)),
      maxMs: round(timings[timings.length - 1]),
      sampleTotal,
    };
  }
  const records = await catalog.countRecords();
  await instance.stop();
  console.log(
    JSON.stringify(
      {
        benchmark: 'search',
        backends: backendsInUse(instance),
        records,
        corpusReused: reused,
        runsPerKind: RUNS,
        results,
        targets: { p95Ms: 50 },
      },
      null,
      2,
    ),
  );
}

const round = (value: number) => Math.round(value * 10) / 10;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
