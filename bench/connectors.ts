/**
 * Connector benchmark: a Mastodon account of POSTS posts (default 100,000) with residents' replies, served by the
 * fake instance over loopback HTTP from a child process, backfilled through the real embedded pipeline (sync job →
 * connector pages → raw captures in the object store → catalog → media → search index), at the published rate
 * limit and without one, and read by the connector alone:
 *
 * - limited: the instance enforces Mastodon's published limit (300 API requests per 5 minutes, X-RateLimit
 *   headers, 429 beyond it) and the sync waits as the headers say (the job is parked until the reset). A whole
 *   backfill at that rate takes about a day, so this run is a slice: LIMITED_WINDOWS full windows (default 1),
 *   from the job's start until the first request of the next window.
 * - unlimited: no rate limit; the whole account, checked against what the instance shows.
 * - connector: the connector alone reading the whole account (pages and media, parsed, then dropped): what the
 *   fake instance, loopback HTTP and parsing allow before our pipeline does anything.
 *
 * Each run's wall time is split between the platform (a request in flight, or sleeping for the rate limit) and
 * our own work (the rest), as PlatformWaitMeter sees it from Node's fetch. The limited run goes first so that
 * each peak RSS is its own run's. RUNS (default limited,unlimited,connector) picks runs. Prints one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnector } from '@verbatim/connectors';
import { MASTODON_RATE_LIMIT } from '@verbatim/connectors/testing';
import type { SyncResult } from '@verbatim/ingest';
import { enqueueSync, getJobStatus } from '@verbatim/queue';
import { startFakeMastodonProcess } from './fake-mastodon-process';
import { PlatformWaitMeter } from './platform-wait';
import {
  backendsInUse,
  createBenchAccount,
  fileCreationMicroseconds,
  peakRssMegabytes,
  startEmbedded,
} from './support';

const POSTS = Number(process.env.POSTS ?? 100_000);
const LIMITED_WINDOWS = Number(process.env.LIMITED_WINDOWS ?? 1);
const RUNS = (process.env.RUNS ?? 'limited,unlimited,connector').split(',') as Run[];
const SEED = 2026;
const TOKEN = 'bench-token';
const TARGETS = { unlimitedItemsPerSecond: 5000, limitedOwnShareOfWall: 0.05 };

type Run = 'limited' | 'unlimited' | 'connector';

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const load = () => os.loadavg().map((value) => round(value));

async function backfill(run: Run) {
  const limited = run === 'limited';
  const fake = await startFakeMastodonProcess({
    seed: SEED,
    posts: POSTS,
    accessToken: TOKEN,
    rateLimit: limited ? MASTODON_RATE_LIMIT : false,
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-connectors-'));
  const fileCreation = fileCreationMicroseconds(dir);
  const instance = await startEmbedded(path.join(dir, 'data'));
  const { catalog } = instance.running.backends;
  const accountId = await createBenchAccount(instance, accountSettings(fake.baseUrl), 'mastodon');
  // Counted the instant the meter stops: in a slice, before the first answer of the next window can be applied.
  let archived: Promise<number> | null = null;
  const lastApiRequest = limited ? LIMITED_WINDOWS * MASTODON_RATE_LIMIT.requests : null;
  const meter = new PlatformWaitMeter(fake.baseUrl, lastApiRequest, () => {
    archived = catalog.countRecords({ accountId });
  });
  const loadBefore = load();
  const fakeCpuBefore = await fake.cpuSeconds();
  const cpuBefore = process.cpuUsage();
  meter.start();
  const jobId = await enqueueSync(instance.running.queue, catalog, accountId);
  const rssMb: number[] = [];
  const result = await waitForJob(instance.running.queue, jobId, meter, run, rssMb);
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
    rateLimit: limited
      ? `${MASTODON_RATE_LIMIT.requests} API requests / ${MASTODON_RATE_LIMIT.windowMs / 1000} s`
      : 'none',
    measured: limited
      ? `a slice: the first ${LIMITED_WINDOWS} rate-limit window(s), ${lastApiRequest} API requests, until the first request of the next`
      : 'the whole backfill, until the sync job completed',
    // Statuses archived (the town's posts and the residents' replies): records in the catalog.
    items,
    ...figures(meter, items, cpu, fakeCpuSeconds),
    // Unlimited only: what the sync job emitted (an edited status once per version), and the instance's truth.
    syncResult: result && { items: result.items, pages: result.pages, mediaArchived: result.mediaArchived },
    expected: truth,
    complete: truth === null ? null : items === truth.statuses && result!.items === truth.versions,
    peakRssMb,
    rssMbEvery30s: rssMb,
    fileCreationMicroseconds: fileCreation,
    loadAverage: { before: loadBefore, after: load() },
    backends,
  };
}

/** The account's connector settings: the town's account on the fake instance, with the town's token. */
function accountSettings(instanceUrl: string) {
  return { type: 'mastodon' as const, instanceUrl, account: 'townofx', accessToken: TOKEN };
}

/** The connector alone through the whole account, without a rate limit: no storage, catalog nor index. */
async function readAlone() {
  const fake = await startFakeMastodonProcess({ seed: SEED, posts: POSTS, accessToken: TOKEN, rateLimit: false });
  const connector = createConnector(accountSettings(fake.baseUrl));
  const meter = new PlatformWaitMeter(fake.baseUrl);
  const statuses = new Set<string>();
  const loadBefore = load();
  const fakeCpuBefore = await fake.cpuSeconds();
  const cpuBefore = process.cpuUsage();
  meter.start();
  const { passToken, firstCursor } = await connector.beginPass(null);
  for (let cursor: string | null = firstCursor; cursor !== null;) {
    const page = await connector.fetchPage(passToken, cursor);
    for (const item of page.items) {
      statuses.add(item.platformId);
      for (const attachment of item.attachments) await connector.fetchMedia(attachment.sourceUrl);
    }
    cursor = page.nextCursor;
  }
  meter.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const fakeCpuSeconds = (await fake.cpuSeconds()) - fakeCpuBefore;
  await fake.stop();
  return {
    rateLimit: 'none',
    measured: 'the connector alone reading the whole account: pages fetched and parsed, media downloaded, all dropped',
    items: statuses.size,
    ...figures(meter, statuses.size, cpu, fakeCpuSeconds),
    loadAverage: { before: loadBefore, after: load() },
  };
}

/** A run's rates and its wall time split between the platform and our own work. */
function figures(meter: PlatformWaitMeter, items: number, cpu: NodeJS.CpuUsage, fakeCpuSeconds: number) {
  const wall = meter.wallSeconds;
  const requests = meter.apiRequests + meter.mediaRequests;
  return {
    itemsPerSecond: Math.round(items / wall),
    requests: { api: meter.apiRequests, media: meter.mediaRequests, refused429: meter.refused },
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
      fakeInstance: round(fakeCpuSeconds),
    },
    cpuMicrosecondsPerRequest: {
      ours: Math.round((cpu.user + cpu.system) / requests),
      fakeInstance: Math.round((fakeCpuSeconds * 1e6) / requests),
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
  run: Run,
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
        `${run}: ${status?.state}, ${meter.apiRequests} API requests, ${items} items, RSS ${rssMb.at(-1)} MB\n`,
      );
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const runs: Partial<Record<Run, { itemsPerSecond: number; ownShareOfWall: number }>> = {};
  for (const run of RUNS) {
    process.stderr.write(`${run}: reading ${POSTS} posts from the fake Mastodon instance\n`);
    runs[run] = run === 'connector' ? await readAlone() : await backfill(run);
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'connectors',
        platform: 'mastodon',
        posts: POSTS,
        runs,
        targets: TARGETS,
        met: {
          unlimitedItemsPerSecond: runs.unlimited && runs.unlimited.itemsPerSecond >= TARGETS.unlimitedItemsPerSecond,
          limitedOwnShareOfWall: runs.limited && runs.limited.ownShareOfWall < TARGETS.limitedOwnShareOfWall,
        },
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
