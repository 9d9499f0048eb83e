import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@verbatim/config';
import { renderBundlePdfInWorker } from '@verbatim/bundles';
import type { RenderPdfToFile, TownSigningKey } from '@verbatim/bundles/production';
import type { FoiaService } from '@verbatim/foia';
import { createBundleQueue, enqueueBundleBuild, openRedis } from '@verbatim/queue';
import type { Backends, Logger, Shutdown } from '@verbatim/runtime';
import { startBundleWorker } from '@verbatim/worker-service';

export interface Bundles {
  bundleQueue: Queue;
  bundleWorker?: Worker;
  enqueueBundle: (bundleId: string) => Promise<void>;
  renderPdf: RenderPdfToFile;
}

/** Renders in a worker thread, capped so one bundle cannot take the host's memory. */
export const renderPdfOffThread: RenderPdfToFile = (input, file, options) =>
  renderBundlePdfInWorker(input, file, { ...options, resourceLimits: { maxOldGenerationSizeMb: 512 } });

/** The bundle queue, and its worker when this process runs the worker role. */
export function startBundles(
  config: Readonly<AppConfig>,
  backends: Backends,
  foia: FoiaService,
  signingKey: TownSigningKey,
  producer: Redis,
  redisUrl: string,
  logger: Logger,
  shutdown: Shutdown,
): Bundles {
  const bundleQueue = createBundleQueue(producer, config.queue.prefix);
  bundleQueue.on('error', (error) => logger.warn({ err: error.message }, 'bundle queue: Redis connection problem'));
  shutdown.register('bundle queue', () => bundleQueue.close());
  const bundles: Bundles = {
    bundleQueue,
    enqueueBundle: (bundleId) => enqueueBundleBuild(bundleQueue, bundleId),
    renderPdf: renderPdfOffThread,
  };
  if (config.roles.includes('bundle')) {
    const connection = openRedis(redisUrl, 'worker');
    shutdown.register('redis bundle connection', () => void connection.disconnect());
    bundles.bundleWorker = startBundleWorker({
      connection,
      prefix: config.queue.prefix,
      logger,
      deps: {
        catalog: backends.catalog,
        objectStore: backends.objectStore,
        foiaStore: backends.foiaStore,
        bundles: backends.bundleStore,
        foia,
        town: config.town,
        renderPdf: renderPdfOffThread,
        signingKey,
      },
    });
    shutdown.register('bundle worker', () => bundles.bundleWorker!.close());
  }
  return bundles;
}
