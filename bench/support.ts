import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@verbatim/config';
import type { Account } from '@verbatim/core';
import { MockPlatform } from '@verbatim/connectors';
import type { SyncResult } from '@verbatim/ingest';
import { getJobStatus, enqueueSync } from '@verbatim/queue';
import { Shutdown, createLogger } from '@verbatim/runtime';
import { runProcess, RunningProcess } from '@verbatim/embedded-service';
import { startS3rverProcess } from '@verbatim/storage/testing';

/** Mock config sized so that one pass lists about `targetItems` items. */
export function mockConfigFor(targetItems: number, seed = 2026) {
  const itemsPerPost =
    new MockPlatform({ type: 'mock', seed, posts: 2000, maxCommentsPerPost: 10 }).groundTruth(1).total / 2000;
  const posts = Math.ceil(targetItems / itemsPerPost);
  return { type: 'mock' as const, seed, posts, maxCommentsPerPost: 10, pageSize: 1000, imageRate: 0.01 };
}

export interface BenchInstance {
  running: RunningProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The embedded stack (API and worker in this process) on a data directory, with an isolated queue prefix. The
 * backends come from the environment as for npm start (CATALOG_BACKEND, SEARCH_BACKEND, STORAGE_BACKEND and
 * their settings); BENCH_S3RVER=1 starts a private s3rver under the data directory and points STORAGE_BACKEND=s3
 * at it, for measuring the S3 path here.
 */
export async function startEmbedded(
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-')),
  extraEnv: Record<string, string> = {},
): Promise<BenchInstance> {
  const s3 =
    process.env.BENCH_S3RVER === '1' ? await startS3rverProcess(path.join(dataDir, 's3rver'), ['bench-archive']) : null;
  const s3Env: Record<string, string> = s3
    ? {
        STORAGE_BACKEND: 's3',
        S3_BUCKET: 'bench-archive',
        S3_ENDPOINT: s3.endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
      }
    : {};
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    ...s3Env,
    ...extraEnv,
  });
  const shutdown = new Shutdown();
  if (s3) shutdown.register('s3rver', () => s3.stop());
  const running = await runProcess(config, config.redis.url, createLogger('silent', 'bench'), shutdown);
  return { running, dataDir, stop: () => shutdown.run() };
}

/** The backends a run used, for its JSON output. */
export function backendsInUse(instance: BenchInstance): Record<string, string> {
  const env = process.env;
  return {
    catalog: env.CATALOG_BACKEND ?? 'sqlite',
    search: env.SEARCH_BACKEND ?? 'sqlite',
    storage: env.BENCH_S3RVER === '1' ? 's3 (s3rver)' : (env.STORAGE_BACKEND ?? 'fs'),
    dataDir: instance.dataDir,
  };
}

/** Registers one account of a bench department (pending approval: no schedule syncs it); returns its id. */
export async function createBenchAccount(
  instance: BenchInstance,
  connector: Account['connector'],
  platform: Account['platform'] = 'facebook',
): Promise<string> {
  const { catalog } = instance.running.backends;
  const agency = await catalog.createAgency({ name: 'Bench Department', kind: 'department' });
  const account = await catalog.createAccount({
    agencyId: agency.id,
    platform,
    handle: `bench-${randomBytes(3).toString('hex')}`,
    status: 'pending-approval',
    connector,
    syncIntervalMinutes: 60,
    administrators: [],
    moderators: [],
  });
  return account.id;
}

/** Registers one mock account and runs its first pass through the real sync job; returns seconds taken. */
export async function ingestThroughQueue(
  instance: BenchInstance,
  connector: ReturnType<typeof mockConfigFor>,
  onProgress?: (items: number) => void,
): Promise<{ accountId: string; seconds: number; result: SyncResult }> {
  const { catalog } = instance.running.backends;
  const accountId = await createBenchAccount(instance, connector);
  const started = process.hrtime.bigint();
  const jobId = await enqueueSync(instance.running.queue, catalog, accountId);
  for (;;) {
    const status = await getJobStatus(instance.running.queue, jobId);
    if (status?.state === 'completed') {
      // What the sync job's handler returned, as BullMQ stored it.
      return {
        accountId,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        result: status.result as SyncResult,
      };
    }
    if (status?.state === 'failed') throw new Error(`ingest job failed: ${status.error}`);
    onProgress?.((status?.progress as { items?: number } | undefined)?.items ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function peakRssMegabytes(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const SLOW_FILE_CREATION_MICROSECONDS = 100;

/**
 * Kernel CPU in µs to make one empty file under `dir`, for printing beside a benchmark's figures. It is ~20 µs
 * normally, but on an ext4 without a journal (as on the benchmark machine) up to ~0.6 ms for up to six minutes
 * after many files were deleted, as the end of a previous benchmark run or a test suite does: new inodes are then
 * found by skipping the recently freed ones. A run that paid that can be told apart. The probe's files stay
 * until `dir` is removed, since deleting them would slow what follows.
 */
export function fileCreationMicroseconds(dir: string, files = 200): number {
  const probeDir = mkdtempSync(path.join(dir, 'probe-'));
  const started = process.cpuUsage();
  for (let index = 0; index < files; index++) closeSync(openSync(path.join(probeDir, String(index)), 'wx'));
  const microseconds = Math.round(process.cpuUsage(started).system / files);
  if (microseconds > SLOW_FILE_CREATION_MICROSECONDS) {
    process.stderr.write(
      `warning: making a file costs ${microseconds} µs of kernel CPU here right now, against ~20 µs ` +
        'normally, probably because many files were deleted in the last six minutes; wait that long and run ' +
        'again for figures comparable with other runs\n',
    );
  }
  return microseconds;
}

/**
 * Writes the kernel's dirty pages to disk (`sync`), so a measured phase does not pay for the writeback of the
 * one before it: a bare FTS5 insert right after a million-item ingest measured anywhere from 93k to 163k rows/s.
 */
export function flushFileSystems(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/**
 * The floor the ingest target is measured against: a bare FTS5 table of the items' text and author, in a WAL file
 * of its own. Returns a function inserting rows of [text, author] in one transaction.
 */
export function openBareFts5(file: string): { insertRows: (rows: Array<[string, string]>) => void; close(): void } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE bare USING fts5(text, author, tokenize = 'unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO bare (text, author) VALUES (?, ?)');
  const insertRows = db.transaction((rows: Array<[string, string]>) => {
    for (const row of rows) insert.run(row[0], row[1]);
  });
  return { insertRows, close: () => db.close() };
}
