import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@verbatim/config';
import { MockPlatform } from '@verbatim/connectors';
import { getJobStatus, enqueueSync } from '@verbatim/queue';
import { Shutdown, createLogger } from '@verbatim/runtime';
import { runProcess, RunningProcess } from '../services/embedded/src/run-process';

/** Mock config sized so that one pass lists about `targetItems` items. */
export function mockConfigFor(targetItems: number, seed = 2026) {
  const itemsPerPost = new MockPlatform({ type: 'mock', seed, posts: 2000, maxCommentsPerPost: 10 }).groundTruth(1).total / 2000;
  const posts = Math.ceil(targetItems / itemsPerPost);
  return { type: 'mock' as const, seed, posts, maxCommentsPerPost: 10, pageSize: 1000, imageRate: 0.01 };
}

export interface BenchInstance {
  running: RunningProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/** The embedded stack (API and worker in this process) on a data directory, with an isolated queue prefix. */
export async function startEmbedded(dataDir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-bench-')), extraEnv: Record<string, string> = {}): Promise<BenchInstance> {
  const config = loadConfig({
    ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `bench${randomBytes(4).toString('hex')}`, ...extraEnv,
  });
  const shutdown = new Shutdown();
  const running = await runProcess(config, config.redis.url, createLogger('silent', 'bench'), shutdown);
  return { running, dataDir, stop: () => shutdown.run() };
}

/** Registers one mock account and runs its first pass through the real sync job; returns seconds taken. */
export async function ingestThroughQueue(instance: BenchInstance, connector: ReturnType<typeof mockConfigFor>, onProgress?: (items: number) => void): Promise<{ accountId: string; seconds: number; result: any }> {
  const { catalog } = instance.running.backends;
  const agency = await catalog.createAgency({ name: 'Bench Department', kind: 'department' });
  const account = await catalog.createAccount({
    agencyId: agency.id, platform: 'facebook', handle: `bench-${randomBytes(3).toString('hex')}`, status: 'pending-approval',
    connector, syncIntervalMinutes: 60, administrators: [], moderators: [],
  });
  const started = process.hrtime.bigint();
  const jobId = await enqueueSync(instance.running.queue, catalog, account.id);
  for (;;) {
    const status = await getJobStatus(instance.running.queue, jobId);
    if (status?.state === 'completed') {
      return { accountId: account.id, seconds: Number(process.hrtime.bigint() - started) / 1e9, result: status.result };
    }
    if (status?.state === 'failed') throw new Error(`ingest job failed: ${status.error}`);
    onProgress?.((status?.progress as { items?: number } | undefined)?.items ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function peakRssMegabytes(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
