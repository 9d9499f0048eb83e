import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@verbatim/config';
import { createConnector } from '@verbatim/connectors';
import { createSyncQueue, openRedis, reconcileSchedules } from '@verbatim/queue';
import { Backends, Logger, Shutdown, openBackends } from '@verbatim/runtime';
import { startApi } from '@verbatim/api-service';
import { startSyncWorker } from '@verbatim/worker-service';

export interface RunningProcess {
  backends: Backends;
  queue: Queue;
  /** The producer connection the queue and API use. */
  redis: Redis;
  worker?: Worker;
  port?: number;
  shutdown: Shutdown;
}

/**
 * Starts the roles the configuration names (api, worker, or both) on one set of backends. Every opened
 * resource is registered with the shutdown registry in opening order, so it closes in reverse.
 */
export async function runProcess(config: Readonly<AppConfig>, redisUrl: string, logger: Logger, shutdown = new Shutdown()): Promise<RunningProcess> {
  const backends = await openBackends(config);
  shutdown.register('backends', () => backends.close());
  const producer = openRedis(redisUrl, 'producer');
  producer.on('error', (error) => logger.warn({ err: error.message }, 'redis (producer) connection problem'));
  shutdown.register('redis producer', () => void producer.disconnect());
  const queue = createSyncQueue(producer, config.queue.prefix);
  shutdown.register('sync queue', () => queue.close());
  const running: RunningProcess = { backends, queue, redis: producer, shutdown };

  if (config.roles.includes('worker')) {
    const connection = openRedis(redisUrl, 'worker');
    shutdown.register('redis worker connection', () => void connection.disconnect());
    const deps = { ...backends, createConnector };
    running.worker = startSyncWorker({
      connection, prefix: config.queue.prefix, queue, deps, signal: shutdown.signal,
      concurrency: config.queue.syncConcurrency, lockDurationMs: config.queue.lockDurationMs, logger,
    });
    shutdown.register('sync worker', () => running.worker!.close());
    const scheduled = await reconcileSchedules(queue, backends.catalog);
    logger.info({ scheduled }, 'worker started; account schedules reconciled');
  }
  if (config.roles.includes('api')) {
    running.port = (await startApi(config, backends, queue, producer, logger, shutdown)).port;
  }
  return running;
}
