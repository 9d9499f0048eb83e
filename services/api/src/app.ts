import express, { Express, Router } from 'express';
import type { ApiContext } from './api-context';
import { ApiError, errorHandler } from './api-error';
import { parseJsonBody, refuseMalformedUrl } from './input-guard';
import { authenticate } from './auth';
import { checkHealth } from './health';
import { accessLog } from './observability/access-log';
import { metricsHandler } from './observability/metrics.route';
import { securityHeaders } from './security-headers';
import { buildOpenApiDocument } from './openapi';
import { RouteDefinition, mountRoutes } from './route';
import { accountRoutes } from './routes/accounts.routes';
import { agencyRoutes } from './routes/agencies.routes';
import { jobRoutes } from './routes/jobs.routes';
import { recordRoutes } from './routes/records.routes';
import { tokenRoutes } from './routes/tokens.routes';
import { foiaRequestRoutes } from './routes/foia-requests.routes';
import { foiaSettingsRoutes } from './routes/foia-settings.routes';
import { foiaItemRoutes } from './routes/foia-items.routes';
import { bundleRoutes } from './routes/bundles.routes';
import { notificationRoutes } from './routes/notifications.routes';
import { peopleRoutes } from './routes/people.routes';
import { searchIndexRoutes } from './routes/search-index.routes';
import { complianceRoutes } from './routes/compliance.routes';
import { moderationReviewRoutes } from './routes/moderation-reviews.routes';
import { policyCategoryRoutes } from './routes/policy-categories.routes';
import { moderationLedgerRoutes } from './routes/moderation-ledger.routes';
import { auditRoutes } from './routes/audit.routes';
import { facebookWebhookRouter } from './routes/facebook-webhook.routes';
import { dispositionRoutes, retentionRoutes } from './routes/retention.routes';
import { verificationRoutes } from './routes/verifications.routes';
import { importRoutes, isImportUpload } from './routes/imports.routes';
import { isPolicyFileUpload } from './routes/policies.routes';

export function apiRoutes(context: ApiContext): RouteDefinition[] {
  return [
    ...agencyRoutes(context),
    ...accountRoutes(context),
    ...jobRoutes(context),
    ...recordRoutes(context),
    ...tokenRoutes(context),
    ...foiaRequestRoutes(context),
    ...foiaSettingsRoutes(context),
    ...foiaItemRoutes(context),
    ...notificationRoutes(context),
    ...bundleRoutes(context),
    ...peopleRoutes(context),
    ...searchIndexRoutes(context),
    ...retentionRoutes(context),
    ...dispositionRoutes(context),
    ...complianceRoutes(context),
    ...policyCategoryRoutes(context),
    ...moderationReviewRoutes(context),
    ...moderationLedgerRoutes(context),
    ...auditRoutes(context),
    ...importRoutes(context),
    ...verificationRoutes(context),
  ];
}

/** The HTTP API of DESIGN.md: JSON under /api/v1 with bearer tokens, plus /healthz and the OpenAPI document. */
export function createApp(context: ApiContext, logError: (error: unknown) => void, pages?: Router): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (context.trustProxy) app.set('trust proxy', context.trustProxy);
  app.use(securityHeaders());
  const routes = apiRoutes(context);
  const openApi = buildOpenApiDocument(routes, context.version);
  app.use(accessLog(context.accessLogger, context.metrics));
  if (context.metrics) app.get('/metrics', metricsHandler(context.metrics, context.metricsToken));

  app.get('/healthz', async (_request, response) => {
    const health = await checkHealth(context);
    response.status(health.status).json(health.body);
  });
  app.get('/api/v1/openapi.json', (_request, response) => {
    response.json(openApi);
  });

  // Public and read raw (its signature covers the exact bytes), so mounted before the JSON API's body parser.
  app.use('/api/v1/webhooks/facebook', facebookWebhookRouter(context, logError));

  const api = Router();
  api.use(refuseMalformedUrl);
  // An export upload is streamed by its route, whatever its content type (a lone outbox.json is JSON too).
  api.use((request, response, next) =>
    isImportUpload(request) || isPolicyFileUpload(request) ? next() : parseJsonBody(request, response, next),
  );
  mountRoutes(
    api,
    routes.filter((route) => route.public),
  );
  api.use(authenticate(context.catalog, context.sessions));
  mountRoutes(
    api,
    routes.filter((route) => !route.public),
  );
  api.use((request, _response, next) =>
    next(new ApiError(404, 'not_found', `no route ${request.method} ${request.baseUrl}${request.path}`)),
  );
  app.use('/api/v1', api);
  if (pages) app.use(pages);
  app.use((request, _response, next) =>
    next(new ApiError(404, 'not_found', `no route ${request.method} ${request.path}`)),
  );
  app.use(errorHandler(logError));
  return app;
}
