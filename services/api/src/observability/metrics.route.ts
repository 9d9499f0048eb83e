import type { RequestHandler } from 'express';
import { metricsRefusal, type ProcessMetrics } from '@verbatim/runtime';

/**
 * GET /metrics in the Prometheus text format: open to loopback (a scraper or agent on the same machine), and
 * from elsewhere to `Authorization: Bearer <METRICS_TOKEN>` only; refused from afar when no token is set.
 */
export function metricsHandler(metrics: ProcessMetrics, token: string | undefined): RequestHandler {
  return async (request, response) => {
    const refusal = metricsRefusal(request.ip ?? request.socket.remoteAddress, request.header('authorization'), token);
    if (refusal) {
      response.status(refusal.status).type('text/plain').send(`${refusal.message}\n`);
      return;
    }
    const { contentType, body } = await metrics.render();
    response.status(200).set('content-type', contentType).set('cache-control', 'no-store').send(body);
  };
}
