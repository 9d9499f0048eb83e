import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@verbatim/config';
import { createSearchIndexQueue, openRedis } from '@verbatim/queue';
import type { Backends, Logger, Shutdown } from '@verbatim/runtime';
import { startSearchIndexWorker } from '@verbatim/worker-service';

export interface SearchIndexJobs {
  queue: Queue;
  worker?: Worker;
}

/** The search-index queue (reindex), and its worker when this process runs the index role. */
export function startSearchIndexJobs(
  config: Readonly<AppConfig>,
  backends: Backends,
  producer: Redis,
  redisUrl: string,
  logger: Logger,
  shutdown: Shutdown,
): SearchIndexJobs {
  const queue = createSearchIndexQueue(producer, config.queue.prefix);
  queue.on('error', (error) => logger.warn({ err: error.message }, 'search-index queue: Redis connection problem'));
  shutdown.register('search-index queue', () => queue.close());
  const jobs: SearchIndexJobs = { queue };
  if (config.roles.includes('index')) {
    const connection = openRedis(redisUrl, 'worker');
    shutdown.register('redis search-index connection', () => void connection.disconnect());
    jobs.worker = startSearchIndexWorker({
      connection,
      prefix: config.queue.prefix,
      logger,
      context: { catalog: backends.catalog, generations: backends.searchGenerations, signal: shutdown.signal },
    });
    shutdown.register('search-index worker', () => jobs.worker!.close());
  }
  return jobs;
}
