import type { RequestHandler } from 'express';
import type { Logger, ProcessMetrics } from '@verbatim/runtime';
import { principalIdOf, routePatternOf } from './route-pattern';

/**
 * One log line per request when it ends (and its latency in the HTTP histogram): method, route pattern, status,
 * duration and who asked. Never the URL, query, headers or body: search text and tokens stay out of the log
 * (searches are in the audit log, with their query, for those allowed to read it).
 */
export function accessLog(logger: Logger | undefined, metrics: ProcessMetrics | undefined): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePatternOf(request, response);
      const status = response.headersSent ? response.statusCode : 499;
      metrics?.observeRequest(request.method, route, status, seconds);
      logger?.info(
        {
          method: request.method,
          route,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          principal: principalIdOf(request, response) ?? null,
        },
        'request',
      );
    });
    next();
  };
}
