import { deliverNotification, type RequestNotificationDelivery } from './deliver-notification';
import { DeliveryError } from './delivery.error';
import type { EmailSender, WebhookSender } from './notification-sender.port';
import { buildSampleAccountPayload, buildSamplePayload } from './notification-payload.fixture';
import { createSmtpEmailSender } from './smtp.email-sender';
import { decodeQuotedPrintable, findClosedPort, startTestSmtpServer, type TestSmtpServer } from './smtp.test-server';
import { verifyWebhookSignature } from './webhook-signature';
import { createWebhookSender } from './webhook.sender';
import { startTestWebhookReceiver, type TestWebhookReceiver } from './webhook.test-receiver';

const SECRET = 'whsec-deliver-test';

function buildDelivery(overrides: Partial<RequestNotificationDelivery> = {}): RequestNotificationDelivery {
  return {
    id: 'outbox-17-email',
    channel: 'email',
    event: 'request.logged',
    payload: buildSamplePayload(),
    recipients: ['attorney@town.example'],
    occurredAt: '2026-01-05T14:31:02.000Z',
    ...overrides,
  };
}

async function deliverAndCatch(...args: Parameters<typeof deliverNotification>): Promise<DeliveryError> {
  const error = await deliverNotification(...args).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('deliverNotification through real SMTP and HTTP servers', () => {
  let smtpServer: TestSmtpServer;
  let receiver: TestWebhookReceiver;
  let email: EmailSender;
  let webhook: WebhookSender;

  beforeAll(async () => {
    [smtpServer, receiver] = await Promise.all([startTestSmtpServer(), startTestWebhookReceiver()]);
    email = createSmtpEmailSender({ smtpUrl: smtpServer.url, from: 'foia@town.example' });
    webhook = createWebhookSender({ url: receiver.url, secret: SECRET });
  });

  afterAll(async () => {
    await email.close();
    await Promise.all([smtpServer.close(), receiver.close()]);
  });

  beforeEach(() => {
    smtpServer.received.splice(0);
    receiver.received.splice(0);
  });

  it('emails the attorney the number, requester, description and deadlines of a logged request', async () => {
    const receipt = await deliverNotification(buildDelivery(), { email, webhook });

    expect(receipt).toEqual({
      channel: 'email',
      messageId: '<outbox-17-email@verbatim.local>',
      accepted: ['attorney@town.example'],
      rejected: [],
    });
    expect(smtpServer.received).toHaveLength(1);
    const { raw, to } = smtpServer.received[0];
    const message = decodeQuotedPrintable(raw);
    expect(to).toEqual(['attorney@town.example']);
    expect(raw).toMatch(/^Message-ID: <outbox-17-email@verbatim\.local>\r$/m);
    expect(raw).toMatch(/^Subject: FOIA request 2026-0042 logged: Jane Q. Public\r$/m);
    expect(message).toContain('Jane Q. Public, Hartford Ledger <jane@example.org>');
    expect(message).toContain('All comments removed from the Parks Department Facebook page in December 2025.');
    expect(message).toContain('Mon, Jan 5, 2026, 9:30 AM EST (2026-01-05 14:30 UTC)');
    expect(message).toMatch(/^Response due: +Fri, Jan 9, 2026, 5:00 PM EST \(2026-01-09 22:00 UTC\)\r$/m);
  });

  it('emails IT about an account that stopped archiving, and posts the same notice to the webhook', async () => {
    const notice = {
      id: 'outbox-18-email',
      channel: 'email',
      event: 'account.failing',
      payload: buildSampleAccountPayload(),
      recipients: ['it@town.example'],
      occurredAt: '2026-01-06T08:00:00.000Z',
    };
    await deliverNotification(notice, { email, webhook });
    const [{ raw, to }] = smtpServer.received;
    expect(to).toEqual(['it@town.example']);
    expect(raw).toMatch(/^Subject: Archiving stopped: @westportparks on Facebook \(Parks & Recreation\)\r$/m);
    expect(decodeQuotedPrintable(raw)).toContain('the Page access token has expired');

    await deliverNotification({ ...notice, id: 'outbox-18-webhook', channel: 'webhook', recipients: [] }, { webhook });
    expect(JSON.parse(receiver.received[0].rawBody.toString('utf8'))).toEqual({
      id: 'outbox-18-webhook',
      event: 'account.failing',
      occurredAt: '2026-01-06T08:00:00.000Z',
      data: buildSampleAccountPayload(),
    });
  });

  it("refuses an account notice whose payload is a request's", async () => {
    const mixed = { ...buildDelivery(), event: 'account.failing' };
    expect(await deliverAndCatch(mixed, { email, webhook })).toMatchObject({ kind: 'invalid', retryable: false });
  });

  it('posts the payload as the signed webhook data, with the time the event occurred', async () => {
    // Shaped like a stored outbox row: no recipients for a webhook, and columns deliverNotification ignores.
    const row = buildDelivery({ id: 'outbox-17-webhook', channel: 'webhook', recipients: [] });
    const delivery = { ...row, status: 'pending', attempts: 2, lastError: 'webhook answered HTTP 503' };

    const receipt = await deliverNotification(delivery, { email, webhook });

    expect(receipt).toEqual({ channel: 'webhook', status: 204 });
    const [request] = receiver.received;
    expect(JSON.parse(request.rawBody.toString('utf8'))).toEqual({
      id: 'outbox-17-webhook',
      event: 'request.logged',
      occurredAt: '2026-01-05T14:31:02.000Z',
      data: buildSamplePayload(),
    });
    const signature = String(request.headers['verbatim-signature']);
    expect(verifyWebhookSignature(request.rawBody, signature, SECRET)).toMatchObject({ valid: true });
    expect(smtpServer.received).toHaveLength(0);
  });

  it.each([
    ['an invalid payload', buildDelivery({ payload: buildSamplePayload({ number: 'unnumbered' }) })],
    ['an email delivery without recipients', buildDelivery({ recipients: [] })],
    ['a delivery id unfit for a header', buildDelivery({ id: 'outbox 17' })],
  ])('refuses %s permanently and sends nothing', async (_label, delivery) => {
    const error = await deliverAndCatch(delivery, { email, webhook });

    expect(error).toMatchObject({ kind: 'invalid', retryable: false });
    expect(smtpServer.received).toHaveLength(0);
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a channel that has no sender configured as unconfigured, naming the settings to set', async () => {
    const toWebhook = buildDelivery({ channel: 'webhook' });

    await expect(deliverAndCatch(toWebhook, { email })).resolves.toMatchObject({
      kind: 'unconfigured',
      retryable: false,
      message: expect.stringContaining('NOTIFY_WEBHOOK_URL'),
    });
    await expect(deliverAndCatch(buildDelivery(), { webhook })).resolves.toMatchObject({
      kind: 'unconfigured',
      message: expect.stringMatching(/^no mail server configured: set SMTP_URL/),
    });
  });
});

describe('deliverNotification when SMTP is down', () => {
  it('passes on the sender’s retryable DeliveryError', async () => {
    const smtpUrl = `smtp://127.0.0.1:${await findClosedPort()}`;
    const email = createSmtpEmailSender({ smtpUrl, from: 'foia@town.example' });
    try {
      const error = await deliverAndCatch(buildDelivery(), { email });
      expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
    } finally {
      await email.close();
    }
  });
});
