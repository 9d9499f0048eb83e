import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { openSqliteCatalog } from '@verbatim/catalog';
import { createConnector } from '@verbatim/connectors';
import { FakeMastodon } from '@verbatim/connectors/testing';
import { Account, Catalog, Connector, ConnectorConfig } from '@verbatim/core';
import { openSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import type { SyncDependencies } from '@verbatim/ingest';
import { SyncAccountJob, createSyncQueue, enqueueSync } from '@verbatim/queue';
import { createLogger } from '@verbatim/runtime';
import { startSyncWorker } from './sync-worker';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTOR = { type: 'mock' as const, seed: 9, posts: 300, maxCommentsPerPost: 6, pageSize: 10 };

/** Real BullMQ on the machine's Redis under a random prefix, with the real SQLite catalog and index. */
describe('sync worker on BullMQ', () => {
  let dir: string;
  let catalog: Catalog;
  let closeCatalog: () => Promise<void>;
  let queue: Queue;
  let events: QueueEvents;
  let producer: IORedis;
  const prefix = `vw${randomBytes(5).toString('hex')}`;
  const workers: Worker[] = [];
  const connections: IORedis[] = [];
  const connect = () => {
    const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(connection);
    return connection;
  };
  let deps: SyncDependencies;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-worker-'));
    const opened = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
    catalog = opened.catalog;
    const searchIndex = openSqliteSearchIndex(opened.db);
    closeCatalog = async () => {
      await searchIndex.close();
      await catalog.close();
    };
    deps = {
      catalog,
      searchIndex,
      objectStore: await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') }),
      createConnector,
    };
    producer = new IORedis(REDIS_URL);
    queue = createSyncQueue(producer, prefix);
    events = new QueueEvents(queue.name, { connection: connect(), prefix });
    await events.waitUntilReady();
  });

  afterEach(() => stopWorkers());

  afterAll(async () => {
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    for (const connection of connections) connection.disconnect();
    await closeCatalog();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newAccount(connector: ConnectorConfig = CONNECTOR): Promise<Account> {
    const agency = await catalog.createAgency({ name: 'Town Clerk', kind: 'department' });
    return catalog.createAccount({
      agencyId: agency.id,
      platform: 'facebook',
      handle: `h${randomBytes(3).toString('hex')}`,
      status: 'pending-approval',
      connector,
      syncIntervalMinutes: 60,
      administrators: [],
      moderators: [],
    });
  }

  function startWorker(
    overrides: { createConnector?: (config: ConnectorConfig) => Connector; signal?: AbortSignal } = {},
  ): Worker {
    const worker = startSyncWorker({
      connection: connect(),
      prefix,
      queue,
      deps: { ...deps, ...(overrides.createConnector ? { createConnector: overrides.createConnector } : {}) },
      signal: overrides.signal ?? new AbortController().signal,
      concurrency: 1,
      lockDurationMs: 5000,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test'),
    });
    workers.push(worker);
    return worker;
  }

  async function stopWorkers(): Promise<void> {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
  }

  it('parks a rate-limited job as delayed for the platform wait, then completes it without spending attempts', async () => {
    const account = await newAccount({ ...CONNECTOR, posts: 30, rateLimitEveryPages: 4, rateLimitWaitMs: 400 });
    startWorker();
    const jobId = await enqueueSync(queue, catalog, account.id);
    const job = (await queue.getJob(jobId))!;
    let sawDelayed = false;
    // Each poll runs unawaited; one rejecting would still surface, as an unhandled rejection.
    const watch = setInterval(
      () =>
        void job.getState().then((state) => {
          if (state === 'delayed') sawDelayed = true;
        }),
      50,
    );
    const result = await job.waitUntilFinished(events, 60_000);
    clearInterval(watch);
    expect(sawDelayed).toBe(true);
    expect(result.phase).toBe('done');
    // BullMQ counts the attempt that finished the job: one attempt, however many waits it took.
    expect((await queue.getJob(jobId))!.attemptsMade).toBe(1);
    // The run history has each stretch: paused at each rate limit, then completed, adding up to the whole pass.
    const runs = (await catalog.listSyncRuns(account.id, 100)).reverse();
    expect(runs.at(-1)).toMatchObject({ outcome: 'completed', error: null, resumed: true, passNumber: 1 });
    expect(runs.slice(0, -1).every((run) => run.outcome === 'paused' && /rate limit/.test(run.error ?? ''))).toBe(true);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.at(-1)!.items).toBe(result.items);
  });

  it('retries a failing sync with backoff and resumes from the saved cursor', async () => {
    const account = await newAccount();
    let failures = 0;
    const flaky = (config: ConnectorConfig): Connector => {
      const real = createConnector(config);
      return {
        ...real,
        beginPass: (...args) => real.beginPass(...args),
        fetchMedia: (...args) => real.fetchMedia(...args),
        confirmGone: (...args) => real.confirmGone(...args),
        fetchPage: async (...args) => {
          const page = await real.fetchPage(...args);
          if (failures < 2 && Math.random() < 0.2) {
            failures += 1;
            throw new Error('platform answered 502 Bad Gateway');
          }
          return page;
        },
      };
    };
    startWorker({ createConnector: flaky });
    const jobId = SyncAccountJob.jobId(account.id, 1);
    const job = await queue.add(
      SyncAccountJob.name,
      { accountId: account.id },
      { jobId, attempts: 4, backoff: { type: 'fixed', delay: 100 } },
    );
    const result = await job.waitUntilFinished(events, 60_000);
    expect(failures).toBe(2);
    expect(result.resumed).toBe(true);
    expect((await queue.getJob(jobId))!.attemptsMade).toBe(3);
    expect((await catalog.getSyncState(account.id)).status).toBe('completed');
    const runs = await catalog.listSyncRuns(account.id, 10);
    expect(runs.map((run) => [run.outcome, run.error, run.resumed])).toEqual([
      ['completed', null, true],
      ['failed', 'platform answered 502 Bad Gateway', true],
      ['failed', 'platform answered 502 Bad Gateway', false],
    ]);
    expect(runs[0].created + runs[1].created + runs[2].created).toBeGreaterThan(0);
  });

  it('ends a job that cannot succeed as failed, with the error on the job and the account', async () => {
    const account = await newAccount();
    await catalog.updateAccount(account.id, { connector: { type: 'mock', seed: 'not-a-number' } });
    startWorker();
    const jobId = await enqueueSync(queue, catalog, account.id);
    const job = (await queue.getJob(jobId))!;
    await expect(job.waitUntilFinished(events, 60_000)).rejects.toThrow(/seed/);
    expect(await job.getState()).toBe('failed');
    expect(await enqueueSync(queue, catalog, account.id)).toBe(jobId);
  });

  it('ends a sync whose token the platform refuses, in plain words on the job, without retrying', async () => {
    const fake = await FakeMastodon.start({ seed: 1, posts: 5, accessToken: 'current-token' });
    try {
      const connector = { type: 'mastodon', instanceUrl: fake.baseUrl, account: 'townofx', accessToken: 'expired' };
      const account = await newAccount(connector);
      startWorker();
      const jobId = SyncAccountJob.jobId(account.id, 1);
      const job = await queue.add(
        SyncAccountJob.name,
        { accountId: account.id },
        { jobId, attempts: 3, backoff: { type: 'fixed', delay: 100 } },
      );
      await expect(job.waitUntilFinished(events, 60_000)).rejects.toThrow(/access token was refused/);
      expect((await queue.getJob(jobId))!.attemptsMade).toBe(1);
      expect((await queue.getJob(jobId))!.failedReason).toBe(
        "the Mastodon access token was refused (401): create a new token in the instance's Development settings and save it on the account",
      );
    } finally {
      await fake.close();
    }
  });

  it('returns a running job to the queue on shutdown, and the next worker resumes it', async () => {
    const account = await newAccount();
    const shutdown = new AbortController();
    startWorker({ signal: shutdown.signal });
    const jobId = await enqueueSync(queue, catalog, account.id);
    const job = (await queue.getJob(jobId))!;
    while ((((await queue.getJob(jobId))!.progress as { pages?: number } | undefined)?.pages ?? 0) < 5)
      await new Promise((resolve) => setTimeout(resolve, 20));
    shutdown.abort();
    await stopWorkers();
    expect(await job.getState()).toBe('waiting');
    const state = await catalog.getSyncState(account.id);
    expect(state.status).toBe('running');
    expect(state.cursor).not.toBeNull();
    startWorker();
    const result = await job.waitUntilFinished(events, 60_000);
    expect(result.resumed).toBe(true);
    expect(result.phase).toBe('done');
  });
});
