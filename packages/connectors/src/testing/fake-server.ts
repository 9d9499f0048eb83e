import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake platform answers: a status, headers and a body (a string or bytes; objects are sent as JSON). */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | object;
}

export type FakeHandler = (request: IncomingMessage & { body: Buffer }, url: URL) => FakeAnswer | Promise<FakeAnswer>;

export interface RunningFake {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  /** Every request path and query received, in order (what a test asserts paging and lookups on). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A fake platform over real HTTP on a loopback port: the connectors under test talk to it exactly as to the
 * platform. The handler decides everything; this only carries bytes and records what was asked.
 */
export async function startFakeServer(handler: FakeHandler): Promise<RunningFake> {
  const requests: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      Promise.resolve()
        .then(() => handler(Object.assign(request, { body: Buffer.concat(chunks) }), url))
        .then(
          (answer) => send(response, answer),
          (error: Error) => send(response, { status: 500, body: { error: `fake server bug: ${error.message}` } }),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, answer: FakeAnswer): void {
  const isJson = answer.body !== undefined && typeof answer.body === 'object' && !(answer.body instanceof Uint8Array);
  const body = isJson ? JSON.stringify(answer.body) : (answer.body ?? '');
  response.writeHead(answer.status ?? 200, {
    ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...answer.headers,
  });
  response.end(body);
}
