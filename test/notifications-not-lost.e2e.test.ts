import { startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { createToken, eventually, loggedNotification, notifyEnv } from './support/foia-fixtures';
import { startInstance, type TestInstance } from './support/start-instance';

const REQUEST = {
  requester: { name: 'Dana Reyes', email: 'dana@example.org' },
  receivedAt: '2025-12-23T10:15:00-05:00',
  description: 'All comments removed from the Parks Department Facebook page in December 2025.',
};

/** notifyEnv without a mail server: the attorney list is set, SMTP_URL is not. */
function withoutMail(): Record<string, string> {
  const env = notifyEnv('smtp://unused');
  delete env.SMTP_URL;
  return env;
}

describe('a FOIA request logged while no mail server is configured', () => {
  let smtp: TestSmtpServer | undefined;
  let first: TestInstance | undefined;
  let restarted: TestInstance | undefined;
  afterAll(async () => {
    // The restarted process ran on the first one's data: the first one's stop removes it (and its schema).
    await restarted?.stop({ keepData: true });
    await first?.stop();
    await smtp?.close();
  });

  it('keeps its email pending with the reason, and sends it once at the start that has SMTP_URL', async () => {
    const before = await startInstance(withoutMail());
    first = before;
    const officer = await createToken(before, 'officer', ['foia-officer']);
    const { status, body: request } = await before.request('POST', '/api/v1/foia-requests', REQUEST, officer);
    expect(status).toBe(201);
    const waiting = await eventually(async () => {
      const notification = await loggedNotification(before, request.id, officer);
      return notification.lastError ? notification : undefined;
    }, 'the reason the email waits');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(waiting.lastError).toMatch(/^no mail server configured: set SMTP_URL/);
    // The relay loop comes round several times meanwhile; the email stays pending, never failed.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await loggedNotification(before, request.id, officer)).toMatchObject({ status: 'pending', attempts: 0 });

    // A restart on the same data and Redis keys, now with a mail server.
    await before.running.shutdown.run();
    smtp = await startTestSmtpServer();
    const { DATA_DIR, QUEUE_PREFIX, DATABASE_SCHEMA } = before.env;
    const after = await startInstance({
      ...withoutMail(),
      SMTP_URL: smtp.url,
      DATA_DIR,
      QUEUE_PREFIX,
      ...(DATABASE_SCHEMA ? { DATABASE_SCHEMA } : {}),
    });
    restarted = after;
    const delivered = await eventually(async () => {
      const notification = await loggedNotification(after, request.id, officer);
      return notification.status === 'delivered' ? notification : undefined;
    }, 'the email after the restart');
    expect(delivered).toMatchObject({ attempts: 1, lastError: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = smtp.received.filter((message) => message.raw.includes(`Message-ID: <${waiting.id}@`));
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual(['attorney@town.example']);
  });
});
