import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@verbatim/config';
import type { FoiaService } from '@verbatim/foia';
import type { RenderPdfToFile } from '@verbatim/bundles/src/production';
import type { Backends, Logger, Shutdown } from '@verbatim/runtime';
import { createApp } from './app';
import { bootstrapAdminToken } from './auth';
import { bullmqJobControl } from './bullmq-job-control';
import { FoiaDesk } from './foia/foia-desk';
import { bullmqReindexControl } from './search-index/reindex-control';
import { currentSession, signIn, signOut } from './people/sign-in';
import { webItScreens } from './accounts/web-it-screens';
import { webRoutes } from '@verbatim/web-service';

export const API_VERSION = '0.1.0';

/** What the API needs beyond the backends: the FOIA request log and the hand-off of its notifications. */
export interface ApiServices {
  foia: FoiaService;
  relayNotifications(): Promise<void>;
  enqueueBundle(bundleId: string): Promise<void>;
  renderPdf: RenderPdfToFile;
  /** Where reindex jobs go (the index role runs them). */
  searchIndexQueue: Queue;
}

export interface StartedApi {
  server: Server;
  port: number;
}

/** Starts the HTTP API on the configured port and registers its shutdown. */
export async function startApi(config: Readonly<AppConfig>, backends: Backends, services: ApiServices, queue: Queue, redis: Redis, logger: Logger, shutdown: Shutdown): Promise<StartedApi> {
  if (await bootstrapAdminToken(backends.catalog, config.bootstrapAdminToken)) {
    logger.info('created the it-admin token given in BOOTSTRAP_ADMIN_TOKEN');
  } else if ((await backends.catalog.countTokens()) === 0) {
    logger.warn('no API token exists yet: restart once with BOOTSTRAP_ADMIN_TOKEN set to a secret of 24+ characters to create the first it-admin token (or run npm run demo)');
  }
  const { catalog, people } = backends;
  const jobs = bullmqJobControl(queue, redis, backends.catalog, [services.searchIndexQueue]);
  const foiaDesk = new FoiaDesk({ ...backends, townName: config.town.name, enqueueBundle: services.enqueueBundle, renderPdf: services.renderPdf });
  const pages = webRoutes({
    catalog, searchIndex: backends.searchIndex, townName: config.town.name, timeZone: config.town.timeZone,
    currentSession: (request) => currentSession(people, request),
    signIn: async (email, password, request, response) => (await signIn(people, catalog, email, password, request, response)) !== null,
    signOut: (request, response) => signOut(people, catalog, request, response),
    logError: (error) => logger.error({ err: error }, 'page failed'),
    foia: services.foia, foiaStore: backends.foiaStore, relayNotifications: services.relayNotifications,
    foiaDesk,
    it: webItScreens({ catalog, people, jobs }),
  });
  const app = createApp(
    { ...backends, ...services, foiaDesk, reindexControl: bullmqReindexControl(services.searchIndexQueue), townName: config.town.name, trustProxy: config.http.trustProxy, jobs, version: API_VERSION },
    (error) => logger.error({ err: error }, 'request failed'),
    pages,
  );
  const server = app.listen(config.http.port, config.http.host);
  await once(server, 'listening');
  shutdown.register('http server', () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  }));
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, `API listening on http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}`);
  return { server, port };
}
