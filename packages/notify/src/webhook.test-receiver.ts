import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test fixture: a real HTTP receiver on a loopback port the OS picks, recording each request as received. */

export interface ReceivedWebhook {
  method: string;
  headers: IncomingHttpHeaders;
  /** The body bytes exactly as received, which is what a signature covers. */
  rawBody: Buffer;
}

/** Answers one request; the default answers 204. Not answering at all simulates a hung receiver. */
export type WebhookResponder = (request: ReceivedWebhook, response: ServerResponse) => void;

export interface TestWebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Replaces how the receiver answers from the next request on. */
  respondWith(responder: WebhookResponder): void;
  close(): Promise<void>;
}

export async function startTestWebhookReceiver(): Promise<TestWebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let responder: WebhookResponder = (_request, response) => response.writeHead(204).end();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhook = { method: request.method ?? '', headers: request.headers, rawBody: Buffer.concat(chunks) };
      received.push(webhook);
      responder(webhook, response);
    });
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://127.0.0.1:${port}/hooks/verbatim`,
    received,
    respondWith(next) {
      responder = next;
    },
    close: () => {
      // A hung-receiver test leaves a request unanswered; drop it rather than wait for it.
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
