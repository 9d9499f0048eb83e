import type { Queue, Worker } from 'bullmq';
import type { AppConfig } from '@verbatim/config';
import type { SyncRun } from '@verbatim/core';
import type { FoiaStore } from '@verbatim/foia';
import { ProcessMetrics, startMetricsServer, type Logger, type Shutdown } from '@verbatim/runtime';

/** More pending deliveries than this are reported as this many: the gauge says "a lot", the page says which. */
const OUTBOX_COUNT_CAP = 100_000;

/**
 * The process's metrics: queue depths and the outbox backlog read at scrape time. A process without the api
 * role serves them on METRICS_PORT when it is set; one with it serves them at /metrics on the API port.
 */
export async function startProcessMetrics(
  config: Readonly<AppConfig>,
  sources: { queues: readonly Queue[]; foiaStore: FoiaStore },
  logger: Logger,
  shutdown: Shutdown,
): Promise<{ metrics: ProcessMetrics; port?: number }> {
  const metrics = new ProcessMetrics();
  metrics.watchQueues(sources.queues);
  metrics.watchOutbox(
    async () => (await sources.foiaStore.listDeliveriesByStatus(['pending'], OUTBOX_COUNT_CAP)).length,
  );
  if (!config.roles.includes('api') && config.metrics.port !== undefined) {
    const { server, port } = await startMetricsServer(metrics, {
      port: config.metrics.port,
      host: config.http.host,
      token: config.metrics.token,
    });
    shutdown.register('metrics server', () => new Promise<void>((resolve) => server.close(() => resolve())));
    logger.info({ port }, `metrics served on http://${config.http.host}:${port}/metrics`);
    return { metrics, port };
  }
  return { metrics };
}

/** Observes each job attempt's duration, by queue and outcome, as the workers of this process finish them. */
export function observeJobDurations(workers: ReadonlyArray<Worker | undefined>, metrics: ProcessMetrics): void {
  for (const worker of workers) {
    if (!worker) continue;
    const observe = (outcome: 'completed' | 'failed', processedOn?: number, finishedOn?: number) => {
      if (processedOn && finishedOn) metrics.observeJob(worker.name, outcome, (finishedOn - processedOn) / 1000);
    };
    worker.on('completed', (job) => observe('completed', job.processedOn, job.finishedOn ?? Date.now()));
    worker.on('failed', (job) => observe('failed', job?.processedOn, job?.finishedOn ?? Date.now()));
  }
}

/** Counts a sync run's captures under its account's platform (looked up, since the run names only the account). */
export function countRunCaptures(
  metrics: ProcessMetrics,
  findAccount: (id: string) => Promise<{ platform: string } | null>,
): (run: SyncRun) => void {
  return (run) => {
    if (run.pages === 0 && run.items === 0) return;
    findAccount(run.accountId).then(
      (account) => metrics.countCaptures(account?.platform ?? 'unknown', run.pages, run.items),
      () => metrics.countCaptures('unknown', run.pages, run.items),
    );
  };
}
