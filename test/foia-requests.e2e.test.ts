import {
  decodeQuotedPrintable,
  findClosedPort,
  startTestSmtpServer,
  type TestSmtpServer,
} from '@verbatim/notify/testing';
import { startTestWebhookReceiver } from '@verbatim/notify/testing';
import { verifyWebhookSignature } from '@verbatim/notify';
import { createToken, eventually, notifyEnv } from './support/foia-fixtures';
import { PrivateRedis } from './support/private-redis';
import { startInstance, type TestInstance } from './support/start-instance';

/** Received Tuesday 23 December 2025: Christmas (Thursday) and the weekend are skipped. */
const RECEIVED_AT = '2025-12-23T10:15:00-05:00';
/** Day 1 Wed 24, (Thu 25 Christmas), day 2 Fri 26, day 3 Mon 29, day 4 Tue 30: due at the end of that day. */
const RESPONSE_DUE_AT = '2025-12-31T04:59:59.999Z';

const REQUEST = {
  requester: { name: 'Dana Reyes', email: 'dana@example.org', organization: 'Westport News' },
  receivedAt: RECEIVED_AT,
  description: 'All comments removed from the Parks Department Facebook page in December 2025.',
};

/** The messages the server received for one delivery (its Message-ID derives from the delivery id). */
function messagesOf(smtp: TestSmtpServer, deliveryId: string) {
  return smtp.received.filter((message) => message.raw.includes(`Message-ID: <${deliveryId}@`));
}

describe('FOIA requests over HTTP, with the attorney notified by email', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let officer: string;
  let attorney: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance(notifyEnv(smtp.url, 'attorney@town.example,deputy@town.example'));
    officer = await createToken(instance, 'officer', ['foia-officer']);
    attorney = await createToken(instance, 'attorney', ['attorney']);
  });
  afterAll(async () => {
    await instance.stop();
    await smtp.close();
  });

  it("logs a request with its number and deadline, and emails the attorney's office exactly once", async () => {
    const { status, body } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
    expect(status).toBe(201);
    expect(body.number).toBe('2025-0001');
    expect(body.status).toBe('received');
    expect(body.responseDueAt).toBe(RESPONSE_DUE_AT);
    // Back-dated past its deadline, it is overdue at once: that is announced too, separately.
    const logged = body.notifications.find(
      (notification: { event: string }) => notification.event === 'request.logged',
    );
    expect(logged).toMatchObject({ channel: 'email', status: 'pending' });

    const delivered = await eventually(async () => {
      const { body: view } = await instance.request('GET', `/api/v1/foia-requests/${body.id}`, undefined, attorney);
      return view.notifications.find((notification: { id: string }) => notification.id === logged.id).status ===
        'delivered'
        ? view
        : undefined;
    }, 'the email to be delivered');
    expect(delivered.notifications.find((notification: { id: string }) => notification.id === logged.id).attempts).toBe(
      1,
    );
    const emails = messagesOf(smtp, logged.id);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email.to.sort()).toEqual(['attorney@town.example', 'deputy@town.example']);
    const text = decodeQuotedPrintable(email.raw);
    expect(text).toContain('2025-0001');
    expect(text).toContain('Dana Reyes');
    expect(text).toContain('removed from the Parks Department Facebook page');
    expect(text).toContain('2025-12-31 04:59 UTC');
    expect(delivered.transitions).toEqual([expect.objectContaining({ from: null, to: 'received', sequence: 1 })]);
  });

  it('numbers requests per year in order, by the year of receipt', async () => {
    const log = async (receivedAt: string) =>
      (await instance.request('POST', '/api/v1/foia-requests', { ...REQUEST, receivedAt }, officer)).body
        .number as string;
    const sequence = (number: string) => Number(number.split('-')[1]);
    const lateDecember = await log('2025-12-30T09:00:00-05:00');
    const january = await log('2026-01-05T09:00:00-05:00');
    // Received on New Year's Eve, logged after a January request: still numbered under the year of receipt.
    const newYearsEve = await log('2025-12-31T16:00:00-05:00');
    expect(lateDecember).toMatch(/^2025-\d{4}$/);
    expect(january).toMatch(/^2026-\d{4}$/);
    expect(newYearsEve).toMatch(/^2025-\d{4}$/);
    expect(sequence(newYearsEve)).toBe(sequence(lateDecember) + 1);

    const received = await instance.request(
      'GET',
      '/api/v1/foia-requests?status=received,acknowledged',
      undefined,
      officer,
    );
    expect(received.status).toBe(200);
    expect(
      received.body.requests.every((request: { status: string }) =>
        ['received', 'acknowledged'].includes(request.status),
      ),
    ).toBe(true);
    expect(received.body.requests.map((request: { number: string }) => request.number)).toEqual(
      expect.arrayContaining([lateDecember, january, newYearsEve]),
    );
    expect((await instance.request('GET', '/api/v1/foia-requests?status=lost', undefined, officer)).status).toBe(400);
  });

  it('moves through the lifecycle by role, refusing illegal moves with the allowed ones', async () => {
    const { body: request } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
    const move = (to: string, token: string, extra: object = {}) =>
      instance.request('POST', `/api/v1/foia-requests/${request.id}/transitions`, { to, ...extra }, token);

    const illegal = await move('released', officer, { releaseKind: 'full' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe('illegal_transition');
    expect(illegal.body.error.details.allowed).toEqual(['acknowledged', 'denied', 'withdrawn']);
    expect(illegal.body.error.message).toBe(
      'a request cannot move from received to released; from received it can acknowledge (→ acknowledged), ' +
        'deny (→ denied) or withdraw (→ withdrawn)',
    );

    expect((await move('acknowledged', officer, { note: 'Acknowledged by email' })).status).toBe(200);
    expect((await move('in-progress', officer)).status).toBe(200);
    const extended = await move('extended', officer, { extendedUntil: '2026-01-29', note: 'Large volume' });
    expect(extended.status).toBe(200);
    expect(extended.body.productionTargetAt).toBe('2026-01-30T04:59:59.999Z');
    expect((await move('in-review', officer)).status).toBe(200);

    const officerRelease = await move('released', officer, { releaseKind: 'partial' });
    expect(officerRelease.status).toBe(403);
    const released = await move('released', attorney, { releaseKind: 'partial', note: 'Approved with redactions' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'released', releaseKind: 'partial', nextDeadline: null });

    const { body: view } = await instance.request('GET', `/api/v1/foia-requests/${request.id}`, undefined, attorney);
    expect(view.transitions.map((step: { to: string }) => step.to)).toEqual([
      'received',
      'acknowledged',
      'in-progress',
      'extended',
      'in-review',
      'released',
    ]);
    expect(view.transitions[5]).toMatchObject({ from: 'in-review', note: 'Approved with redactions' });
    // Moving to in-review told the attorney's office too.
    const events = view.notifications.map((notification: { event: string }) => notification.event);
    expect(events.filter((event: string) => event === 'request.in-review')).toHaveLength(1);
    expect(events[0]).toBe('request.logged');
  });

  it('recomputes open deadlines when IT adds a closure day', async () => {
    const { body: request } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
    const added = await instance.request('POST', '/api/v1/closure-days', {
      date: '2025-12-29',
      reason: 'Snow emergency',
    });
    expect(added.status).toBe(201);
    try {
      const { body: view } = await instance.request('GET', `/api/v1/foia-requests/${request.id}`, undefined, officer);
      expect(view.responseDueAt).toBe('2026-01-01T04:59:59.999Z');
      expect(
        (await instance.request('POST', '/api/v1/closure-days', { date: '2025-12-29', reason: 'again' })).status,
      ).toBe(409);
    } finally {
      expect((await instance.request('DELETE', '/api/v1/closure-days/2025-12-29')).status).toBe(200);
    }
    const { body: after } = await instance.request('GET', `/api/v1/foia-requests/${request.id}`, undefined, officer);
    expect(after.responseDueAt).toBe(RESPONSE_DUE_AT);
  });

  it('refuses bad input with the failing fields and writes nothing', async () => {
    const before = (await instance.request('GET', '/api/v1/foia-requests', undefined, officer)).body.requests.length;
    const cases = [
      { ...REQUEST, requester: { name: '' } },
      { ...REQUEST, receivedAt: '2025-12-23' },
      { ...REQUEST, receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
      { ...REQUEST, description: undefined },
      { ...REQUEST, surprise: true },
    ];
    for (const body of cases) {
      const response = await instance.request('POST', '/api/v1/foia-requests', body, officer);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.length).toBeGreaterThan(0);
    }
    expect((await instance.request('GET', '/api/v1/foia-requests', undefined, officer)).body.requests).toHaveLength(
      before,
    );
  });

  it('lets only officers log and only officers and the attorney read; others get 403', async () => {
    const auditor = await createToken(instance, 'auditor', ['auditor']);
    expect((await instance.request('POST', '/api/v1/foia-requests', REQUEST, auditor)).status).toBe(403);
    expect((await instance.request('GET', '/api/v1/foia-requests', undefined, auditor)).status).toBe(403);
    expect((await instance.request('POST', '/api/v1/foia-requests', REQUEST, attorney)).status).toBe(403);
    expect(
      (await instance.request('POST', '/api/v1/closure-days', { date: '2026-12-29', reason: 'x' }, officer)).status,
    ).toBe(403);
  });
});

describe('FOIA request logged while the SMTP server is down', () => {
  it('is accepted at once and its email is delivered once the server is back, exactly once', async () => {
    const port = await findClosedPort();
    const instance = await startInstance(notifyEnv(`smtp://127.0.0.1:${port}`));
    let smtp: TestSmtpServer | undefined;
    try {
      const officer = await createToken(instance, 'officer', ['foia-officer']);
      const { status, body } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
      expect(status).toBe(201);
      const loggedId = body.notifications[0].id;
      const find = async () => {
        const { body: view } = await instance.request('GET', `/api/v1/foia-requests/${body.id}`, undefined, officer);
        return view.notifications.find((notification: { id: string }) => notification.id === loggedId);
      };
      const failedAttempt = await eventually(async () => {
        const notification = await find();
        return notification.attempts > 0 ? notification : undefined;
      }, 'a failed attempt');
      expect(failedAttempt.status).toBe('pending');
      expect(failedAttempt.lastError).toMatch(/ECONNREFUSED|connect/i);

      smtp = await startTestSmtpServer({ port });
      const delivered = await eventually(async () => {
        const notification = await find();
        return notification.status === 'delivered' ? notification : undefined;
      }, 'delivery after SMTP came back');
      expect(delivered.attempts).toBeGreaterThan(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const emails = messagesOf(smtp, loggedId);
      expect(emails).toHaveLength(1);
      expect(decodeQuotedPrintable(emails[0].raw)).toContain(body.number);
    } finally {
      await instance.stop();
      await smtp?.close();
    }
  });
});

describe('FOIA request logged while Redis is down', () => {
  it('is accepted at once and its email goes out once Redis is back, exactly once', async () => {
    const redis = await PrivateRedis.start();
    const smtp = await startTestSmtpServer();
    const instance = await startInstance({ ...notifyEnv(smtp.url), REDIS_URL: redis.url, REDIS_AUTOSTART: 'false' });
    try {
      const officer = await createToken(instance, 'officer', ['foia-officer']);
      await redis.down();
      const { status, body } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
      expect(status).toBe(201);
      const loggedId = body.notifications[0].id;
      expect(body.notifications[0]).toMatchObject({ event: 'request.logged', status: 'pending', attempts: 0 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(messagesOf(smtp, loggedId)).toHaveLength(0);

      await redis.up();
      await eventually(
        async () => {
          const { body: view } = await instance.request('GET', `/api/v1/foia-requests/${body.id}`, undefined, officer);
          const logged = view.notifications.find((notification: { id: string }) => notification.id === loggedId);
          return logged.status === 'delivered' ? logged : undefined;
        },
        'delivery after Redis came back',
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(messagesOf(smtp, loggedId)).toHaveLength(1);
    } finally {
      await instance.stop();
      await redis.down();
      await smtp.close();
    }
  }, 90_000);
});

describe('FOIA request announced to a signed webhook', () => {
  it('posts the logged request signed with the shared secret, retrying a receiver that is down with the same body', async () => {
    const receiver = await startTestWebhookReceiver();
    const secret = 'webhook-secret-0123456789';
    receiver.respondWith((_request, response) => response.writeHead(503).end());
    const instance = await startInstance({
      ...notifyEnv('smtp://127.0.0.1:9'),
      ATTORNEY_NOTIFY_EMAILS: '',
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_SECRET: secret,
    });
    try {
      const officer = await createToken(instance, 'officer', ['foia-officer']);
      const { body } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer);
      const webhookId = body.notifications.find(
        (notification: { event: string; channel: string }) =>
          notification.event === 'request.logged' && notification.channel === 'webhook',
      ).id;
      const callsOf = () => receiver.received.filter((call) => call.headers['verbatim-delivery'] === webhookId);
      await eventually(async () => (callsOf().length >= 2 ? true : undefined), 'two refused attempts');
      receiver.respondWith((_request, response) => response.writeHead(204).end());
      await eventually(async () => {
        const { body: view } = await instance.request('GET', `/api/v1/foia-requests/${body.id}`, undefined, officer);
        return view.notifications.find((notification: { id: string }) => notification.id === webhookId).status ===
          'delivered'
          ? true
          : undefined;
      }, 'the webhook delivery');
      const calls = callsOf();
      const last = calls[calls.length - 1];
      expect(calls.length).toBeGreaterThanOrEqual(3);
      expect(verifyWebhookSignature(last.rawBody, String(last.headers['verbatim-signature']), secret)).toMatchObject({
        valid: true,
      });
      expect(
        verifyWebhookSignature(last.rawBody, String(last.headers['verbatim-signature']), 'another-secret-0123456'),
      ).toMatchObject({ valid: false });
      const payload = JSON.parse(last.rawBody.toString('utf8'));
      expect(payload).toMatchObject({
        id: webhookId,
        event: 'request.logged',
        data: { number: body.number, requester: { name: 'Dana Reyes' } },
      });
      // Every attempt posts the same body, so a receiver can de-duplicate on it.
      expect(new Set(calls.map((call) => call.rawBody.toString('utf8'))).size).toBe(1);
    } finally {
      await instance.stop();
      await receiver.close();
    }
  });
});
