import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { notificationGaps, notificationWarnings, type AppConfig } from '@verbatim/config';
import { bootstrapAdminToken, type Application } from '@verbatim/app';
import type { Logger, ProcessMetrics, Shutdown } from '@verbatim/runtime';
import { createApp } from './app';

export const API_VERSION = '0.1.0';

export interface StartedApi {
  server: Server;
  port: number;
}

/**
 * Starts the HTTP API on the configured port, with `pages` (the web application, wired by the host process)
 * mounted beside it and `metrics` served at /metrics, and registers its shutdown.
 */
export async function startApi(
  config: Readonly<AppConfig>,
  application: Application,
  logger: Logger,
  shutdown: Shutdown,
  pages?: Router,
  metrics?: ProcessMetrics,
): Promise<StartedApi> {
  const { catalog } = application;
  if (await bootstrapAdminToken(catalog, config.bootstrapAdminToken)) {
    logger.info('created the it-admin token given in BOOTSTRAP_ADMIN_TOKEN');
  } else if ((await catalog.countTokens()) === 0) {
    logger.warn(
      'no API token exists yet: restart once with BOOTSTRAP_ADMIN_TOKEN set to a secret of 24+ characters to create the first it-admin token (or run npm run demo)',
    );
  }
  const app = createApp(
    {
      ...application,
      trustProxy: config.http.trustProxy,
      version: API_VERSION,
      facebookWebhookVerifyToken: config.webhooks.facebookVerifyToken,
      notificationGaps: notificationGaps(config.notify),
      notificationWarnings: notificationWarnings(config.notify),
      metrics,
      metricsToken: config.metrics.token,
      accessLogger: logger.child({ name: 'access' }),
    },
    (error) => logger.error({ err: error }, 'request failed'),
    pages,
  );
  const server = app.listen(config.http.port, config.http.host);
  await once(server, 'listening');
  shutdown.register(
    'http server',
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  );
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { port },
    `API listening on http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}`,
  );
  return { server, port };
}
