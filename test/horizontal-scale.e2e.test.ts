import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { MockPlatform } from '@verbatim/connectors';
import { SYNC_QUEUE_NAME } from '@verbatim/queue';
import { TEST_REDIS_URL, TestInstance, registerMockAccount, startInstance, waitForJob } from './support/start-instance';

const ROOT = path.resolve(__dirname, '..');
const ACCOUNTS = 6;
const BUDGET = { calls: 12, windowMs: 1000 };
const connectorFor = (seed: number) => ({
  type: 'mock' as const,
  seed,
  posts: 40,
  maxCommentsPerPost: 4,
  pageSize: 15,
});

/** A worker process of the ingest role only, on the instance's data directory and queue prefix. */
function startIngestWorker(instance: TestInstance): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'services/embedded/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...instance.env,
      ROLES: 'ingest',
      SYNC_CONCURRENCY: '2',
      JOB_LOCK_MS: '5000',
      LOG_LEVEL: 'warn',
      PLATFORM_RATE_LIMITS: `facebook=${BUDGET.calls}/${BUDGET.windowMs / 1000}s`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** When each raw page was captured, read from the catalog's database (SQLite file or PostgreSQL schema). */
async function captureTimes(instance: TestInstance): Promise<number[]> {
  if (instance.env.CATALOG_BACKEND === 'postgres') {
    const pool = new Pool({ connectionString: instance.env.DATABASE_URL });
    try {
      const { rows } = await pool.query(`SELECT captured_at FROM "${instance.env.DATABASE_SCHEMA}".raw_captures`);
      return rows.map((row: { captured_at: Date | string }) => new Date(row.captured_at).getTime());
    } finally {
      await pool.end();
    }
  }
  const db = new Database(path.join(instance.dataDir, 'catalog.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT captured_at FROM raw_captures').pluck().all() as string[]).map((at) => Date.parse(at));
  } finally {
    db.close();
  }
}

/** The most captures (one per fetched page) stored in any stretch of `stretchMs`. */
function busiestStretch(times: number[], stretchMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && sorted[end] - sorted[start] < stretchMs) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}

/** Waits until at least `atLeast` worker connections listen on the sync queue; returns how many do. */
async function workersListening(queue: Queue, atLeast: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const count = (await queue.getWorkers()).length;
    if (count >= atLeast) return count;
    if (Date.now() > deadline) throw new Error(`only ${count} of ${atLeast} sync workers listened within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('several worker processes on one Redis', () => {
  let instance: TestInstance;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    instance = await startInstance({ ROLES: 'api' });
  });
  afterAll(async () => {
    for (const worker of workers) {
      if (worker.exitCode === null) {
        worker.kill('SIGTERM');
        await once(worker, 'exit');
      }
    }
    await instance.stop();
  });

  it('share the sync jobs with none run twice and none lost, keeping the platform budget between them', async () => {
    // Not yet approved, so no schedule syncs them behind the test's back; a manual sync still runs.
    const accounts: Array<{ id: string; seed: number }> = [];
    for (let index = 0; index < ACCOUNTS; index += 1) {
      const seed = 300 + index;
      accounts.push({
        id: await registerMockAccount(instance, connectorFor(seed), `scale-${index}`, { status: 'pending-approval' }),
        seed,
      });
    }
    // Both processes are listening before any job is queued: a process still starting would leave all to the other.
    const watcher = new Queue(SYNC_QUEUE_NAME, { connection: { url: TEST_REDIS_URL }, prefix: instance.queuePrefix });
    try {
      workers.push(startIngestWorker(instance));
      const perProcess = await workersListening(watcher, 1);
      workers.push(startIngestWorker(instance));
      await workersListening(watcher, perProcess * 2);
    } finally {
      await watcher.close();
    }
    const started = Date.now();
    const jobIds = await Promise.all(
      accounts.map(
        async (account) => (await instance.request('POST', `/api/v1/accounts/${account.id}/sync`)).body.jobId as string,
      ),
    );
    const jobs = await Promise.all(jobIds.map((jobId) => waitForJob(instance, jobId, 120_000)));
    const seconds = (Date.now() - started) / 1000;
    expect(jobs.map((job) => job.state)).toEqual(jobIds.map(() => 'completed'));

    // Each job ran to completion once, by one of the two processes, and both took a share.
    const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(SYNC_QUEUE_NAME, { connection: redis, prefix: instance.queuePrefix });
    try {
      const names = new Set(workers.map((worker) => `${hostname()}:${worker.pid}`));
      const finished = await Promise.all(jobIds.map((jobId) => queue.getJob(jobId)));
      for (const job of finished) {
        expect(names.has(job!.processedBy!)).toBe(true);
        expect(job!.failedReason).toBeFalsy();
      }
      expect(new Set(finished.map((job) => job!.processedBy)).size).toBe(2);
      expect(await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed')).toEqual({
        completed: ACCOUNTS,
        failed: 0,
        active: 0,
        waiting: 0,
        delayed: 0,
      });
    } finally {
      await queue.close();
      redis.disconnect();
    }

    // Every account holds exactly the platform's items, each once, in one version: nothing doubled or missed.
    for (const account of accounts) {
      const { body } = await instance.request('GET', `/api/v1/records?accountId=${account.id}&limit=1000`);
      const truth = new MockPlatform(connectorFor(account.seed)).groundTruth(1);
      expect(body.total).toBe(truth.total);
      expect(new Set(body.records.map((record: { id: string }) => record.id)).size).toBe(truth.total);
      expect(body.records.every((record: { versionCount: number }) => record.versionCount === 1)).toBe(true);
    }

    // The budget held across both processes: no stretch of a window saw more pages fetched than it allows
    // (a page is stored after its call was granted, and on a loaded machine a page granted late in one window
    // can be stored among the next window's, hence the margin; a budget not held at all still shows at once).
    const times = await captureTimes(instance);
    const pages = times.length;
    expect(pages).toBeGreaterThan(BUDGET.calls * 2);
    expect(busiestStretch(times, BUDGET.windowMs - 300)).toBeLessThanOrEqual(BUDGET.calls);
    // Spending the budget takes time: at least one window per budget's worth of pages, beyond the first.
    expect(seconds).toBeGreaterThanOrEqual(Math.floor(pages / BUDGET.calls - 1) * (BUDGET.windowMs / 1000));
  }, 180_000);
});
