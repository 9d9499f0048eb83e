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

/** The `missing` field of each start warning that names `setting`. */
function warningsNaming(logLines: string[], setting: string): string[][] {
  return logLines
    .map((line) => JSON.parse(line) as { level: number; missing?: string[]; msg: string })
    .filter((entry) => entry.level === 40 && entry.missing?.some((missing) => missing.includes(setting)))
    .map((entry) => entry.missing!);
}

/** /healthz once the backends answer (the queue's connection may still be opening right after a start). */
async function health(instance: TestInstance) {
  return eventually(async () => {
    const response = await fetch(`${instance.baseUrl}/healthz`);
    const body = (await response.json()) as { checks: { queue: { ok: boolean } } };
    return body.checks.queue.ok ? { status: response.status, body } : undefined;
  }, 'the backends to answer /healthz');
}

describe('a process started without notification settings', () => {
  it('warns naming each missing setting and reports notifications not ready, still answering 200', async () => {
    const logLines: string[] = [];
    const instance = await startInstance({}, { logLines });
    try {
      expect(warningsNaming(logLines, 'ATTORNEY_NOTIFY_EMAILS')).toEqual([
        ['ATTORNEY_NOTIFY_EMAILS', 'SMTP_URL or NOTIFY_WEBHOOK_URL'],
      ]);
      expect(logLines.join('\n')).toContain('logged FOIA requests notify no one');
      expect(await health(instance)).toEqual({
        status: 200,
        body: expect.objectContaining({
          status: 'incomplete',
          checks: expect.objectContaining({
            queue: { ok: true },
            notifications: {
              ok: false,
              missing: ['ATTORNEY_NOTIFY_EMAILS', 'SMTP_URL or NOTIFY_WEBHOOK_URL'],
              error: expect.stringContaining('there is no channel to notify anyone by'),
              warnings: [expect.stringContaining('IT_NOTIFY_EMAILS is not set')],
            },
          }),
        }),
      });
    } finally {
      await instance.stop();
    }
  });
});

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
    const logLines: string[] = [];
    const before = await startInstance(withoutMail(), { logLines });
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

    // Said at start and on /healthz, which still answers 200: the archive and the request log work meanwhile.
    expect(warningsNaming(logLines, 'SMTP_URL')).toEqual([['SMTP_URL']]);
    expect(await health(before)).toMatchObject({
      status: 200,
      body: { status: 'incomplete', checks: { notifications: { ok: false, missing: ['SMTP_URL'] } } },
    });

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
    expect(await health(after)).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { notifications: { ok: true } } },
    });
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
