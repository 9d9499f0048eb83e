import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsRefusal } from './metrics-access';
import type { ProcessMetrics } from './process-metrics';

/**
 * Serves GET /metrics on a port of its own, for a process without the api role (a worker): the same access
 * rule as on the API port (loopback, or the METRICS_TOKEN bearer).
 */
export async function startMetricsServer(
  metrics: ProcessMetrics,
  options: { port: number; host: string; token?: string },
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
      return;
    }
    const refusal = metricsRefusal(request.socket.remoteAddress, request.headers.authorization, options.token);
    if (refusal) {
      response.writeHead(refusal.status, { 'content-type': 'text/plain' }).end(`${refusal.message}\n`);
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be read\n'),
    );
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}
