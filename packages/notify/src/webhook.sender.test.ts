import { findClosedPort } from './smtp.test-server';
import { DeliveryError } from './delivery.error';
import type { OutgoingWebhook, WebhookSender } from './notification-sender.port';
import { verifyWebhookSignature } from './webhook-signature';
import { createWebhookSender } from './webhook.sender';
import { startTestWebhookReceiver, type TestWebhookReceiver } from './webhook.test-receiver';

const SECRET = 'whsec-test-0123456789abcdef';
const SENT_AT = new Date('2026-01-05T14:30:07Z');

const webhook: OutgoingWebhook = {
  deliveryId: 'delivery-7',
  event: 'request.logged',
  occurredAt: '2026-01-05T14:30:00.000Z',
  data: { number: '2026-0042', requester: { name: 'Jane Q. Public' } },
};

async function sendAndCatch(sender: WebhookSender, outgoing: OutgoingWebhook = webhook): Promise<DeliveryError> {
  const error = await sender.send(outgoing).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('createWebhookSender against a real HTTP receiver', () => {
  let receiver: TestWebhookReceiver;
  let sender: WebhookSender;

  beforeAll(async () => {
    receiver = await startTestWebhookReceiver();
    sender = createWebhookSender({ url: receiver.url, secret: SECRET, timeoutMs: 2000, now: () => SENT_AT });
  });

  afterAll(() => receiver.close());

  beforeEach(() => {
    receiver.received.splice(0);
    receiver.respondWith((_request, response) => response.writeHead(204).end());
  });

  it('posts the JSON body with event, delivery and signature headers a receiver can verify', async () => {
    await expect(sender.send(webhook)).resolves.toEqual({ status: 204 });

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['verbatim-event']).toBe('request.logged');
    expect(request.headers['verbatim-delivery']).toBe('delivery-7');
    expect(JSON.parse(request.rawBody.toString('utf8'))).toEqual({
      id: 'delivery-7',
      event: 'request.logged',
      occurredAt: '2026-01-05T14:30:00.000Z',
      data: webhook.data,
    });
    const header = String(request.headers['verbatim-signature']);
    expect(header).toMatch(/^t=1767623407,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(request.rawBody, header, SECRET, { now: SENT_AT })).toEqual({
      valid: true,
      timestampSeconds: 1767623407,
    });
  });

  it('produces a signature that fails for a tampered body or another secret', async () => {
    await sender.send(webhook);
    const [request] = receiver.received;
    const header = String(request.headers['verbatim-signature']);
    const tampered = Buffer.from(request.rawBody.toString('utf8').replace('2026-0042', '2026-0043'));

    expect(tampered.equals(request.rawBody)).toBe(false);
    expect(verifyWebhookSignature(tampered, header, SECRET, { now: SENT_AT })).toEqual({
      valid: false,
      reason: 'signature-mismatch',
    });
    expect(verifyWebhookSignature(request.rawBody, header, 'another-secret', { now: SENT_AT })).toMatchObject({
      valid: false,
    });
  });

  it('produces a signature that a receiver ten minutes later refuses as too old', async () => {
    await sender.send(webhook);
    const [request] = receiver.received;
    const header = String(request.headers['verbatim-signature']);
    const tenMinutesLater = new Date(SENT_AT.getTime() + 10 * 60_000);

    expect(verifyWebhookSignature(request.rawBody, header, SECRET, { now: tenMinutesLater })).toEqual({
      valid: false,
      reason: 'timestamp-outside-tolerance',
    });
    expect(
      verifyWebhookSignature(request.rawBody, header, SECRET, { now: tenMinutesLater, toleranceSeconds: 900 }),
    ).toMatchObject({ valid: true });
  });

  it('treats 503 as retryable', async () => {
    receiver.respondWith((_request, response) => response.writeHead(503).end('down for maintenance'));

    const error = await sendAndCatch(sender);
    expect(error).toMatchObject({ kind: 'deferred', retryable: true, responseCode: 503, retryAfterMs: undefined });
  });

  it('treats 400 as permanent', async () => {
    receiver.respondWith((_request, response) => response.writeHead(400).end('bad request'));

    const error = await sendAndCatch(sender);
    expect(error).toMatchObject({ kind: 'rejected', retryable: false, responseCode: 400 });
  });

  it('honours Retry-After in seconds on a 429', async () => {
    receiver.respondWith((_request, response) => response.writeHead(429, { 'Retry-After': '120' }).end());

    const error = await sendAndCatch(sender);
    expect(error).toMatchObject({ retryable: true, responseCode: 429, retryAfterMs: 120_000 });
  });

  it('honours Retry-After as an HTTP date, measured from the sender clock', async () => {
    const retryAt = new Date(SENT_AT.getTime() + 90_000).toUTCString();
    receiver.respondWith((_request, response) => response.writeHead(503, { 'Retry-After': retryAt }).end());

    const error = await sendAndCatch(sender);
    // SENT_AT has whole seconds, so the HTTP date (second precision) loses nothing.
    expect(error.retryAfterMs).toBe(90_000);
  });

  it('reports a redirect as permanent instead of following it', async () => {
    receiver.respondWith((_request, response) => response.writeHead(302, { Location: '/elsewhere' }).end());

    const error = await sendAndCatch(sender);
    expect(error).toMatchObject({ kind: 'rejected', retryable: false, responseCode: 302 });
    expect(receiver.received).toHaveLength(1);
  });

  it('times out retryably when the receiver does not answer', async () => {
    receiver.respondWith(() => undefined);
    const impatient = createWebhookSender({ url: receiver.url, secret: SECRET, timeoutMs: 200 });

    const error = await sendAndCatch(impatient);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('stays retryable when the worker aborts the call at shutdown', async () => {
    receiver.respondWith(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await sendAndCatch(sender, { ...webhook, signal: controller.signal });
    expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
  });
});

describe('createWebhookSender without a receiver', () => {
  it('fails retryably on a closed port', async () => {
    const sender = createWebhookSender({ url: `http://127.0.0.1:${await findClosedPort()}/`, secret: SECRET });

    const error = await sendAndCatch(sender);
    expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses at creation a URL it cannot post to or an empty secret', () => {
    expect(() => createWebhookSender({ url: 'ftp://town.example/hook', secret: SECRET })).toThrow(/http/);
    expect(() => createWebhookSender({ url: 'https://town.example/hook', secret: '' })).toThrow(/secret/);
  });
});
