/**
 * Connector benchmark: a Mastodon account and a Facebook Page of `--posts` posts (default 2,000; the issue's
 * figure is 100,000) with residents' replies or comments, each served by its fake over loopback HTTP from a
 * child process, backfilled through the real embedded pipeline (sync job → connector pages → raw captures in
 * the object store → catalog → media → search index), at the published rate limit and without one, and read by
 * the connector alone:
 *
 * - limited: the fake enforces the platform's published limit and the sync waits as the answers say (the job is
 *   parked until then). Mastodon: 300 API requests per 5 minutes, X-RateLimit headers, 429 beyond. Facebook:
 *   Meta's Pages limit, 4,800 calls per engaged user (`--engaged-users`, default 1) over a rolling 24 hours,
 *   usage in X-Business-Use-Case-Usage, 80001 beyond; the connector pauses at 90% of it. A whole backfill at
 *   either limit takes a day or more, so this run is a slice: from the job's start until the first API request
 *   after the client's `--windows`-th sleep for the limit (default 1).
 * - unlimited: no rate limit; the whole account, checked against what the fake shows.
 * - connector: the connector alone reading the whole account (pages and media, parsed, then dropped): what the
 *   fake, loopback HTTP and parsing allow before our pipeline does anything.
 *
 * `--concurrency 1,4` runs each run once per value, in that order (the connectors' requestConcurrency, given to
 * the worker as CONNECTOR_REQUEST_CONCURRENCY): `1,4,1,4` alternates requests one at a time with four at once.
 * Each run's wall time is split between the platform (a request in flight, or sleeping for the rate limit) and
 * our own work (the rest), as PlatformWaitMeter sees it from Node's fetch. Limited runs go first so that each
 * peak RSS is its own run's. Prints one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConnector, DEFAULT_REQUEST_CONCURRENCY } from '@verbatim/connectors';
import type { SyncResult } from '@verbatim/ingest';
import { enqueueSync, getJobStatus } from '@verbatim/queue';
import { PLATFORMS, type BenchPlatform, type BenchSettings, type PlatformName } from './connector-platforms';
import { PlatformWaitMeter } from './platform-wait';
import {
  backendsInUse,
  createBenchAccount,
  fileCreationMicroseconds,
  peakRssMegabytes,
  startEmbedded,
} from './support';

const TARGETS = { unlimitedItemsPerSecond: 5000, limitedOwnShareOfWall: 0.05 };
const RUNS = ['limited', 'unlimited', 'connector'] as const;
type Run = (typeof RUNS)[number];

const { values: flags } = parseArgs({
  options: {
    platform: { type: 'string', default: 'both' },
    posts: { type: 'string', default: '2000' },
    runs: { type: 'string', default: RUNS.join(',') },
    windows: { type: 'string', default: '1' },
    'engaged-users': { type: 'string', default: '1' },
    concurrency: { type: 'string', default: String(DEFAULT_REQUEST_CONCURRENCY) },
  },
});
const platforms: PlatformName[] =
  flags.platform === 'both' ? ['mastodon', 'facebook'] : [flags.platform as PlatformName];
const runs = flags.runs.split(',') as Run[];
const concurrencies = flags.concurrency.split(',').map(Number);
const settings: BenchSettings = {
  seed: 2026,
  posts: Number(flags.posts),
  engagedUsers: Number(flags['engaged-users']),
};
const windows = Number(flags.windows);
for (const name of platforms) if (!(name in PLATFORMS)) throw new Error(`--platform: mastodon, facebook or both`);
for (const run of runs) if (!RUNS.includes(run)) throw new Error(`--runs: some of ${RUNS.join(',')}`);

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const load = () => os.loadavg().map((value) => round(value));

async function backfill(platform: BenchPlatform, run: Run, concurrency: number) {
  const limited = run === 'limited';
  const fake = await platform.startFake(settings, limited);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-connectors-'));
  const fileCreation = fileCreationMicroseconds(dir);
  const instance = await startEmbedded(path.join(dir, 'data'), { CONNECTOR_REQUEST_CONCURRENCY: String(concurrency) });
  const { catalog } = instance.running.backends;
  const accountId = await createBenchAccount(instance, platform.accountSettings(fake.baseUrl), platform.name);
  // Counted the instant the meter stops: in a slice, before the first answer after the sleep can be applied.
  let archived: Promise<number> | null = null;
  const meter = new PlatformWaitMeter(fake.baseUrl, platform.traffic, limited ? windows : null, () => {
    archived = catalog.countRecords({ accountId });
  });
  const loadBefore = load();
  const fakeCpuBefore = await fake.cpuSeconds();
  const cpuBefore = process.cpuUsage();
  meter.start();
  const jobId = await enqueueSync(instance.running.queue, catalog, accountId);
  const rssMb: number[] = [];
  const result = await waitForJob(instance.running.queue, jobId, meter, `${platform.name} ${run}`, rssMb);
  meter.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const fakeCpuSeconds = (await fake.cpuSeconds()) - fakeCpuBefore;
  const items = await archived!;
  const truth = result === null ? null : await fake.truth();
  const peakRssMb = peakRssMegabytes();
  const backends = backendsInUse(instance);
  await instance.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });

  return {
    run,
    requestConcurrency: concurrency,
    rateLimit: limited ? platform.rateLimit(settings) : 'none',
    measured:
      result === null
        ? `a slice: from the job's start until the first API request after the client's sleep number ${windows} for the limit`
        : `the whole backfill, until the sync job completed${limited ? ' (within the limit: fewer calls than it allows)' : ''}`,
    items,
    ...figures(meter, items, cpu, fakeCpuSeconds),
    // Unlimited only: what the sync job emitted (an edited status once per version), and the fake's truth.
    syncResult: result && { items: result.items, pages: result.pages, mediaArchived: result.mediaArchived },
    expected: truth,
    complete: truth === null ? null : items === truth.records && result!.items === truth.versions,
    peakRssMb,
    rssMbEvery30s: rssMb,
    fileCreationMicroseconds: fileCreation,
    loadAverage: { before: loadBefore, after: load() },
    backends,
  };
}

/** The connector alone through the whole account, without a rate limit: no storage, catalog nor index. */
async function readAlone(platform: BenchPlatform, concurrency: number) {
  const fake = await platform.startFake(settings, false);
  const connector = createConnector(platform.accountSettings(fake.baseUrl), { requestConcurrency: concurrency });
  const meter = new PlatformWaitMeter(fake.baseUrl, platform.traffic);
  const records = new Set<string>();
  const loadBefore = load();
  const fakeCpuBefore = await fake.cpuSeconds();
  const cpuBefore = process.cpuUsage();
  meter.start();
  const { passToken, firstCursor } = await connector.beginPass(null);
  for (let cursor: string | null = firstCursor; cursor !== null;) {
    const page = await connector.fetchPage(passToken, cursor);
    for (const item of page.items) {
      records.add(item.platformId);
      for (const attachment of item.attachments) await connector.fetchMedia(attachment.sourceUrl);
    }
    cursor = page.nextCursor;
  }
  meter.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const fakeCpuSeconds = (await fake.cpuSeconds()) - fakeCpuBefore;
  await fake.stop();
  return {
    run: 'connector',
    requestConcurrency: concurrency,
    rateLimit: 'none',
    measured: 'the connector alone reading the whole account: pages fetched and parsed, media downloaded, all dropped',
    items: records.size,
    ...figures(meter, records.size, cpu, fakeCpuSeconds),
    loadAverage: { before: loadBefore, after: load() },
  };
}

/** A run's rates and its wall time split between the platform and our own work. */
function figures(meter: PlatformWaitMeter, items: number, cpu: NodeJS.CpuUsage, fakeCpuSeconds: number) {
  const wall = meter.wallSeconds;
  const requests = meter.apiRequests + meter.mediaRequests;
  return {
    itemsPerSecond: Math.round(items / wall),
    requests: { api: meter.apiRequests, media: meter.mediaRequests, refusedForRateLimit: meter.refused },
    apiRequestsPerSecond: round(meter.apiRequests / wall),
    wallSeconds: round(wall),
    platformSeconds: {
      requestsInFlight: round(meter.seconds.http),
      sleepingForRateLimit: round(meter.seconds.sleeping),
    },
    ownSeconds: round(meter.seconds.own),
    ownShareOfWall: round(meter.seconds.own / wall, 4),
    platformShareOfWall: round((meter.seconds.http + meter.seconds.sleeping) / wall, 4),
    // This process (every thread: catalog and index writers, garbage collection) against the fake's process.
    cpuSeconds: {
      ours: round((cpu.user + cpu.system) / 1e6),
      // Of which in the kernel: loopback TCP (sending a request runs the receiving side too) and file writes.
      oursInKernel: round(cpu.system / 1e6),
      fake: round(fakeCpuSeconds),
    },
    cpuMicrosecondsPerRequest: {
      ours: Math.round((cpu.user + cpu.system) / requests),
      fake: Math.round((fakeCpuSeconds * 1e6) / requests),
    },
  };
}

/**
 * Polls the job until it completes (its result) or the meter stopped a slice (null). Every 30 s it reports
 * progress on stderr and adds this process's RSS to `rssMb`, which tells growth from a plateau.
 */
async function waitForJob(
  queue: Parameters<typeof getJobStatus>[0],
  jobId: string,
  meter: PlatformWaitMeter,
  label: string,
  rssMb: number[],
): Promise<SyncResult | null> {
  let lastReport = Date.now();
  for (;;) {
    if (meter.stopped) return null;
    const status = await getJobStatus(queue, jobId);
    if (status?.state === 'completed') return status.result as SyncResult;
    if (status?.state === 'failed') throw new Error(`the sync job failed: ${status.error}`);
    if (Date.now() - lastReport > 30_000) {
      const items = (status?.progress as { items?: number } | undefined)?.items ?? 0;
      rssMb.push(Math.round(process.memoryUsage().rss / 2 ** 20));
      process.stderr.write(
        `${label}: ${status?.state}, ${meter.apiRequests} API requests, ${items} items, RSS ${rssMb.at(-1)} MB\n`,
      );
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Figures = { run: string; itemsPerSecond: number; ownShareOfWall: number };

async function benchPlatform(platform: BenchPlatform) {
  const results: Figures[] = [];
  for (const run of runs) {
    for (const concurrency of concurrencies) {
      process.stderr.write(
        `${platform.name} ${run} (${concurrency} request(s) at once): ${settings.posts} posts from the fake\n`,
      );
      results.push(
        run === 'connector' ? await readAlone(platform, concurrency) : await backfill(platform, run, concurrency),
      );
    }
  }
  const of = (run: Run) => results.filter((result) => result.run === run);
  return {
    records: platform.records,
    runs: results,
    met: {
      unlimitedItemsPerSecond: of('unlimited').map((r) => r.itemsPerSecond >= TARGETS.unlimitedItemsPerSecond),
      limitedOwnShareOfWall: of('limited').map((r) => r.ownShareOfWall < TARGETS.limitedOwnShareOfWall),
    },
  };
}

async function main(): Promise<void> {
  const byPlatform: Record<string, unknown> = {};
  for (const name of platforms) byPlatform[name] = await benchPlatform(PLATFORMS[name]);
  const output = { benchmark: 'connectors', posts: settings.posts, platforms: byPlatform, targets: TARGETS };
  console.log(JSON.stringify(output, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
