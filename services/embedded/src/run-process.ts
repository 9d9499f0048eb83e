import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@verbatim/config';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Account } from '@verbatim/core';
import { createConnector, findExportReader } from '@verbatim/connectors';
import { rebuildSearchIndex, reindexOutdatedSearchIndex, searchIndexNeedsRebuild } from '@verbatim/ingest';
import {
  ArchiveVerifier,
  CorruptObjectNotices,
  createApplication,
  DispositionRun,
  loadExamplePolicies,
  MemorySignInFailures,
  resumeUnfinishedDispositions,
} from '@verbatim/app';
import {
  bullmqDispositionControl,
  bullmqVerificationControl,
  bullmqImportControl,
  bullmqJobControl,
  bullmqRecentJobs,
  bullmqReindexControl,
  createSyncQueue,
  openRedis,
  reconcileSchedules,
  reconnectWhenStuck,
  redisPlatformRateLimiter,
  redisSignInFailures,
} from '@verbatim/queue';
import { Backends, Logger, ProcessMetrics, Shutdown, openBackends, timeSearches } from '@verbatim/runtime';
import { loadOrCreateTownSigningKey } from '@verbatim/bundles/production';
import { startApi } from '@verbatim/api-service';
import { OpenIdClientProvider } from '@verbatim/http';
import { webRoutes } from '@verbatim/web-service';
import { startSyncWorker } from '@verbatim/worker-service';
import { startNotifications, type Notifications } from './notifications';
import { startBundles, type Bundles } from './bundles';
import { startSearchIndexJobs, type SearchIndexJobs } from './search-index';
import { countRunCaptures, observeJobDurations, startProcessMetrics } from './observability';

export interface RunningProcess {
  backends: Backends;
  queue: Queue;
  /** The producer connection the queue and API use. */
  redis: Redis;
  worker?: Worker;
  notifications: Notifications;
  bundles: Bundles;
  searchIndexJobs: SearchIndexJobs;
  port?: number;
  /** This process's Prometheus metrics (served at /metrics, or on METRICS_PORT by a process without the api role). */
  metrics: ProcessMetrics;
  /** Where a process without the api role serves /metrics (METRICS_PORT), when it does. */
  metricsPort?: number;
  shutdown: Shutdown;
}

/**
 * Starts the roles the configuration names (api, ingest, index, bundle, notify; `worker` is the last four) on
 * one set of backends. Every opened
 * resource is registered with the shutdown registry in opening order, so it closes in reverse.
 */
export async function runProcess(
  config: Readonly<AppConfig>,
  redisUrl: string,
  logger: Logger,
  shutdown = new Shutdown(),
): Promise<RunningProcess> {
  const signingKey = await loadOrCreateTownSigningKey(config.signing.keyFile);
  const backends = await openBackends(config, { logger, ingests: config.roles.includes('ingest') });
  shutdown.register('backends', () => backends.close());
  const producer = openRedis(redisUrl, 'producer');
  producer.on('error', (error) => logger.warn({ err: error.message }, 'redis (producer) connection problem'));
  shutdown.register('redis producer', () => void producer.disconnect());
  const stopWatching = reconnectWhenStuck(producer, redisUrl, (error) =>
    logger.warn({ err: error.message }, 'redis (producer) connection stuck while Redis answers; reconnecting'),
  );
  shutdown.register('redis producer watch', stopWatching);
  const queue = createSyncQueue(producer, config.queue.prefix);
  queue.on('error', (error) => logger.warn({ err: error.message }, 'sync queue: Redis connection problem'));
  shutdown.register('sync queue', () => queue.close());
  const notifications = startNotifications(config, backends, producer, redisUrl, logger, shutdown);
  const bundles = startBundles(config, backends, notifications.foia, signingKey, producer, redisUrl, logger, shutdown);
  const searchIndexJobs = startSearchIndexJobs(config, backends, producer, redisUrl, logger, shutdown);
  const queues = [queue, bundles.bundleQueue, notifications.notifyQueue, searchIndexJobs.queue];
  const { metrics, port: metricsPort } = await startProcessMetrics(
    config,
    { queues, foiaStore: backends.foiaStore },
    logger,
    shutdown,
  );
  const running: RunningProcess = {
    backends,
    queue,
    redis: producer,
    notifications,
    bundles,
    searchIndexJobs,
    metrics,
    metricsPort,
    shutdown,
  };

  if (config.roles.includes('ingest')) {
    const connection = openRedis(redisUrl, 'worker');
    shutdown.register('redis worker connection', () => void connection.disconnect());
    const limits = config.queue.platformRateLimits;
    const rateLimiter =
      Object.keys(limits).length > 0 ? redisPlatformRateLimiter(connection, config.queue.prefix, limits) : undefined;
    const connectorOptions = { requestConcurrency: config.queue.connectorRequestConcurrency };
    const deps = {
      ...backends,
      createConnector: (settings: Account['connector']) => createConnector(settings, connectorOptions),
      rateLimiter,
    };
    running.worker = startSyncWorker({
      connection,
      prefix: config.queue.prefix,
      queue,
      deps,
      imports: { exportImports: backends.exportImports, findExportReader, scratchDir: scratchDirOf(config) },
      dispositions: new DispositionRun(backends),
      verifier: new ArchiveVerifier({
        ...backends,
        corruptObjects: new CorruptObjectNotices({
          store: backends.foiaStore,
          settings: notifications.foia,
          people: backends.people,
          catalog: backends.catalog,
          relayNotifications: notifications.relayNotifications,
        }),
      }),
      signal: shutdown.signal,
      concurrency: config.queue.syncConcurrency,
      lockDurationMs: config.queue.lockDurationMs,
      logger,
      onRunEnded: countRunCaptures(metrics, (id) => backends.catalog.getAccount(id)),
    });
    shutdown.register('sync worker', () => running.worker!.close());
    const scheduled = await reconcileSchedules(queue, backends.catalog);
    logger.info({ scheduled }, 'ingest worker started; account schedules reconciled');
    await resumeDispositions(backends, queue, logger);
  }
  observeJobDurations(
    [running.worker, notifications.notifyWorker, bundles.bundleWorker, searchIndexJobs.worker],
    metrics,
  );
  if (config.roles.includes('index')) {
    await rebuildLostSearchIndex(backends, logger, shutdown);
    await upgradeOutdatedSearchIndex(backends, searchIndexJobs, logger);
  }
  if (config.roles.includes('api')) {
    const examples = await loadExamplePolicies(backends.complianceStore);
    if (examples > 0)
      logger.info({ examples }, 'policy documents: the example policies are loaded (no receipt required)');
    // The use cases, wired to this process's adapters; the JSON API and the pages are two views of them.
    const application = createApplication({
      ...backends,
      searchIndex: timeSearches(backends.searchIndex, metrics),
      recentJobs: bullmqRecentJobs(queues),
      jobs: bullmqJobControl(queue, producer, backends.catalog, [searchIndexJobs.queue]),
      reindexControl: bullmqReindexControl(searchIndexJobs.queue),
      importControl: bullmqImportControl(queue),
      dispositionControl: bullmqDispositionControl(queue),
      verificationControl: bullmqVerificationControl(queue),
      scratchDir: scratchDirOf(config),
      foia: notifications.foia,
      relayNotifications: notifications.relayNotifications,
      enqueueBundle: bundles.enqueueBundle,
      renderPdf: bundles.renderPdf,
      townSigningKey: signingKey,
      townName: config.town.name,
      timeZone: config.town.timeZone,
      publicUrl: config.town.publicUrl,
      requireAccountApproval: config.registry.requireAccountApproval,
      signInFailures: redisSignInFailures(producer, config.queue.prefix, new MemorySignInFailures(), (error) =>
        logger.warn(
          { err: error.message },
          'sign-in throttling: Redis unreachable; counting in this process until it is back',
        ),
      ),
      oidc: openIdProvider(config, logger),
    });
    const pages = webRoutes({
      ...application,
      logError: (error) => logger.error({ err: error }, 'page failed'),
    });
    running.port = (await startApi(config, application, logger, shutdown, pages, metrics)).port;
  }
  return running;
}

/**
 * The town's identity provider when OIDC_ISSUER is set. It is asked for its discovery document now, without
 * waiting: a provider that does not answer is a warning in the log and a disabled button, never a failed start.
 */
function openIdProvider(config: Readonly<AppConfig>, logger: Logger) {
  const settings = config.oidc;
  if (!settings) return undefined;
  const provider = new OpenIdClientProvider(settings);
  void provider.checkReachable().then((reachable) => {
    if (reachable) logger.info({ issuer: settings.issuer }, 'OpenID Connect: the identity provider answered');
    else
      logger.warn(
        { issuer: settings.issuer, problem: provider.lastProblem },
        'OpenID Connect: cannot reach the identity provider; its sign-in button stays disabled until it answers (tried again every 30 s). Check OIDC_ISSUER and the network.',
      );
  });
  return { provider, requireEmailVerified: settings.requireEmailVerified, only: settings.only };
}

/** Approved dispositions not completed (Redis down when approved, or their job failed for good) are queued again. */
async function resumeDispositions(backends: Backends, queue: Queue, logger: Logger): Promise<void> {
  const dispositionControl = bullmqDispositionControl(queue);
  try {
    const resumed = await resumeUnfinishedDispositions({ retention: backends.retention, dispositionControl });
    if (resumed > 0) logger.info({ resumed }, 'dispositions approved but not completed: queued again');
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'unfinished dispositions not queued again; the next start retries');
  }
}

/**
 * Where uploads and exports being read are spooled: under DATA_DIR rather than the system's temp directory,
 * which is often a small in-memory file system, too small for an export of several GB.
 */
function scratchDirOf(config: Readonly<AppConfig>): string {
  const dir = path.join(config.dataDir, 'tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * An index written by an older version (before policy flags were indexed) is rebuilt beside the live one by a
 * reindex job, queued here; searches go on meanwhile and the new generation goes live when it is complete.
 */
async function upgradeOutdatedSearchIndex(backends: Backends, jobs: SearchIndexJobs, logger: Logger): Promise<void> {
  if (!backends.searchGenerations) return;
  const reason = await reindexOutdatedSearchIndex({
    searchIndex: backends.searchIndex,
    reindexControl: bullmqReindexControl(jobs.queue),
  });
  if (reason) logger.warn({ reason }, 'the search index is outdated: a reindex is queued to bring it up to date');
}

/**
 * A search index missing records the catalog has (its file was deleted or lost, or a rebuild was cut short)
 * is rebuilt in the background, with progress in the log; searches fill in as it goes.
 */
async function rebuildLostSearchIndex(backends: Backends, logger: Logger, shutdown: Shutdown): Promise<void> {
  if (!(await searchIndexNeedsRebuild(backends))) return;
  logger.warn('the search index is missing records the catalog has: rebuilding it from the catalog');
  let lastLog = Date.now();
  const rebuilding = rebuildSearchIndex(backends, {
    signal: shutdown.signal,
    onProgress: (indexed) => {
      if (Date.now() - lastLog < 5000) return;
      lastLog = Date.now();
      logger.info({ indexed }, 'rebuilding the search index');
    },
  });
  rebuilding.then(
    (indexed) => logger.info({ indexed }, 'search index rebuilt'),
    (error: unknown) =>
      shutdown.signal.aborted
        ? undefined
        : logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'search index rebuild failed; delete the search file and restart to retry',
          ),
  );
}
