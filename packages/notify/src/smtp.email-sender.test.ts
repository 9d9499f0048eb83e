import { DeliveryError } from './delivery.error';
import type { EmailSender, OutgoingEmail } from './notification-sender.port';
import { createSmtpEmailSender } from './smtp.email-sender';
import { findClosedPort, startSilentServer, startTestSmtpServer, type TestSmtpServer } from './smtp.test-server';

const FROM = '"Verbatim FOIA" <foia@town.example>';

function buildEmail(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    deliveryId: 'delivery-1',
    to: ['attorney@town.example'],
    subject: 'FOIA request 2026-0042 logged',
    text: 'plain body',
    html: '<p>html body</p>',
    ...overrides,
  };
}

async function sendAndCatch(sender: EmailSender, email: OutgoingEmail): Promise<DeliveryError> {
  const error = await sender.send(email).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('createSmtpEmailSender against a real SMTP server', () => {
  let server: TestSmtpServer;
  let sender: EmailSender;

  beforeAll(async () => {
    // Anyone at refused.example is refused for good, anyone at busy.example is told to come back later.
    server = await startTestSmtpServer({
      refuseRecipient: (address) =>
        address.endsWith('@refused.example') ? 550 : address.endsWith('@busy.example') ? 451 : undefined,
    });
    sender = createSmtpEmailSender({ smtpUrl: server.url, from: FROM });
  });

  afterAll(async () => {
    await sender.close();
    await server.close();
  });

  beforeEach(() => server.received.splice(0));

  it('sends text and HTML with a Message-ID derived from the delivery id, the same on a retry', async () => {
    const first = await sender.send(buildEmail());
    const retry = await sender.send(buildEmail());

    expect(first).toEqual({
      messageId: '<delivery-1@verbatim.local>',
      accepted: ['attorney@town.example'],
      rejected: [],
    });
    expect(retry.messageId).toBe(first.messageId);
    expect(server.received).toHaveLength(2);
    for (const message of server.received) {
      expect(message.from).toBe('foia@town.example');
      expect(message.to).toEqual(['attorney@town.example']);
      expect(message.raw).toMatch(/^Message-ID: <delivery-1@verbatim\.local>\r$/m);
      expect(message.raw).toMatch(/^Subject: FOIA request 2026-0042 logged\r$/m);
      expect(message.raw).toContain('Content-Type: text/plain');
      expect(message.raw).toContain('Content-Type: text/html');
    }
  });

  it('delivers to the accepted recipients and reports the refused ones', async () => {
    const result = await sender.send(buildEmail({ to: ['attorney@town.example', 'gone@refused.example'] }));

    expect(result.accepted).toEqual(['attorney@town.example']);
    expect(result.rejected).toEqual(['gone@refused.example']);
    expect(server.received.map((message) => message.to)).toEqual([['attorney@town.example']]);
  });

  it('fails retryably when the server answers 451 for every recipient', async () => {
    const error = await sendAndCatch(sender, buildEmail({ to: ['attorney@busy.example'] }));

    expect(error).toMatchObject({ kind: 'deferred', retryable: true, responseCode: 451 });
    expect(server.received).toHaveLength(0);
  });

  it('fails permanently when the server answers 550 for every recipient', async () => {
    const error = await sendAndCatch(sender, buildEmail({ to: ['a@refused.example', 'b@refused.example'] }));

    expect(error).toMatchObject({ kind: 'rejected', retryable: false, responseCode: 550 });
    expect(server.received).toHaveLength(0);
  });

  it('stays retryable when every recipient is refused but one only for now', async () => {
    const error = await sendAndCatch(sender, buildEmail({ to: ['a@refused.example', 'b@busy.example'] }));

    expect(error).toMatchObject({ retryable: true, responseCode: 451 });
  });

  it('refuses, without sending, a delivery id that cannot go into a Message-ID', async () => {
    const error = await sendAndCatch(sender, buildEmail({ deliveryId: 'x@y>\r\nBcc: evil@example.org' }));

    expect(error).toMatchObject({ kind: 'invalid', retryable: false });
    expect(server.received).toHaveLength(0);
  });

  it('refuses an email with no recipients', async () => {
    const error = await sendAndCatch(sender, buildEmail({ to: [] }));

    expect(error).toMatchObject({ kind: 'invalid', retryable: false });
  });
});

describe('createSmtpEmailSender when the server is not there', () => {
  it('fails retryably on a closed port', async () => {
    const sender = createSmtpEmailSender({ smtpUrl: `smtp://127.0.0.1:${await findClosedPort()}`, from: FROM });
    try {
      const error = await sendAndCatch(sender, buildEmail());
      expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
      expect(error.message).toMatch(/ECONNREFUSED/);
    } finally {
      await sender.close();
    }
  });

  it('fails retryably when the server never greets', async () => {
    const silent = await startSilentServer();
    // Nodemailer reads transport options from the URL's query string.
    const smtpUrl = `smtp://127.0.0.1:${silent.port}?greetingTimeout=200`;
    const sender = createSmtpEmailSender({ smtpUrl, from: FROM });
    try {
      const error = await sendAndCatch(sender, buildEmail());
      expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    } finally {
      await sender.close();
      await silent.close();
    }
  });
});
