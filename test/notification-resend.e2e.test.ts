import { startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { createToken, eventually, loggedNotification, notifyEnv, type NotificationBody } from './support/foia-fixtures';
import { startInstance, type TestInstance } from './support/start-instance';

const REQUEST = {
  requester: { name: 'Dana Reyes', email: 'dana@example.org' },
  receivedAt: '2025-12-23T10:15:00-05:00',
  description: 'All comments removed from the Parks Department Facebook page in December 2025.',
};

describe('failed notifications: listed across the town and sent again from the API or the request page', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let refuse = true;
  let officer: { id: string; token: string };
  let attorney: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer({ refuseRecipient: () => (refuse ? 550 : undefined) });
    instance = await startInstance(notifyEnv(smtp.url));
    const created = await instance.request('POST', '/api/v1/tokens', { name: 'officer', roles: ['foia-officer'] });
    officer = { id: created.body.id, token: created.body.token };
    attorney = await createToken(instance, 'attorney', ['attorney']);
  });
  afterAll(async () => {
    await instance.stop();
    await smtp.close();
  });
  beforeEach(() => {
    refuse = true;
  });

  /** Logs a request while the mail server refuses the attorney, and waits for its email to fail for good. */
  async function logAndFail(): Promise<{ requestId: string; number: string; failed: NotificationBody }> {
    const { body: request } = await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer.token);
    const failed = await eventually(async () => {
      const notification = await loggedNotification(instance, request.id, officer.token);
      return notification.status === 'failed' ? notification : undefined;
    }, 'the refused email to fail');
    return { requestId: request.id, number: request.number, failed };
  }

  const sentFor = (deliveryId: string) =>
    smtp.received.filter((message) => message.raw.includes(`Message-ID: <${deliveryId}@`));

  async function auditOf(deliveryId: string) {
    const entries = await instance.running.backends.catalog.listAudit(50);
    return entries.filter((entry) => entry.action === 'notification.resend' && entry.target === deliveryId);
  }

  it('lists undelivered notifications to IT and the attorney, by status, refusing others and a bad status', async () => {
    const { requestId, number, failed } = await logAndFail();
    const listed = await instance.request('GET', '/api/v1/notifications', undefined, attorney);
    expect(listed.status).toBe(200);
    const entry = listed.body.notifications.find((notification: { id: string }) => notification.id === failed.id);
    expect(entry).toMatchObject({
      requestId,
      requestNumber: number,
      event: 'request.logged',
      channel: 'email',
      recipients: ['attorney@town.example'],
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('550'),
      createdAt: expect.any(String),
    });
    expect(entry.payload).toBeUndefined();
    const asAdmin = await instance.request('GET', '/api/v1/notifications?status=failed');
    expect(asAdmin.status).toBe(200);
    expect(
      asAdmin.body.notifications.every((notification: { status: string }) => notification.status === 'failed'),
    ).toBe(true);
    const delivered = await instance.request('GET', '/api/v1/notifications?status=delivered', undefined, attorney);
    expect(delivered.body.notifications.map((notification: { id: string }) => notification.id)).not.toContain(
      failed.id,
    );

    const auditor = await createToken(instance, 'auditor', ['auditor']);
    expect((await instance.request('GET', '/api/v1/notifications', undefined, officer.token)).status).toBe(403);
    expect((await instance.request('GET', '/api/v1/notifications', undefined, auditor)).status).toBe(403);
    const bad = await instance.request('GET', '/api/v1/notifications?status=lost', undefined, attorney);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.message).toMatch(/use pending, failed or delivered/);
    expect((await instance.request('GET', '/api/v1/notifications?limit=0', undefined, attorney)).status).toBe(400);
    expect((await instance.request('GET', '/api/v1/notifications?surprise=1', undefined, attorney)).status).toBe(400);

    const document = (await (await fetch(`${instance.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    };
    expect(document.paths['/api/v1/notifications'].get.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['status', 'limit']),
    );
    expect(document.paths['/api/v1/notifications/{id}/resend'].post).toBeDefined();
  });

  it('sends a failed notification again through the API, once, and audits who did', async () => {
    const { failed } = await logAndFail();
    refuse = false;
    const resent = await instance.request(
      'POST',
      `/api/v1/notifications/${failed.id}/resend`,
      undefined,
      officer.token,
    );
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ id: failed.id, status: 'pending' });
    const delivered = await eventually(async () => {
      const notification = await loggedNotification(instance, resent.body.requestId, officer.token);
      return notification.status === 'delivered' ? notification : undefined;
    }, 'the email sent again');
    expect(delivered.attempts).toBe(2);
    expect(sentFor(failed.id)).toHaveLength(1);
    expect(await auditOf(failed.id)).toEqual([
      expect.objectContaining({ actor: officer.id, details: expect.objectContaining({ channel: 'email' }) }),
    ]);

    const again = await instance.request('POST', `/api/v1/notifications/${failed.id}/resend`, undefined, attorney);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'not_failed', message: expect.stringContaining('delivered') });
    const auditor = await createToken(instance, 'auditor-resend', ['auditor']);
    expect(
      (await instance.request('POST', `/api/v1/notifications/${failed.id}/resend`, undefined, auditor)).status,
    ).toBe(403);
    expect((await instance.request('POST', '/api/v1/notifications/delivery_missing/resend')).status).toBe(404);
  });

  it('sends a failed notification again from the request page, only with the form’s CSRF token', async () => {
    const { requestId, failed } = await logAndFail();
    const person = { name: 'Jordan Blake', email: 'jordan.blake@town.example', roles: ['attorney'] };
    const password = 'another long passphrase';
    expect((await instance.request('POST', '/api/v1/users', { ...person, password })).status).toBe(201);
    const session = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password }),
    });
    const { user, csrfToken } = (await session.json()) as { user: { id: string }; csrfToken: string };
    const cookie = session.headers.get('set-cookie')!.split(';')[0];

    const page = await (await fetch(`${instance.baseUrl}/requests/${requestId}`, { headers: { cookie } })).text();
    const action = `/requests/${requestId}/notifications/${failed.id}/resend`;
    expect(page).toContain(`action="${action}"`);
    expect(page).toContain('Send again');
    const submit = (fields: Record<string, string>) =>
      fetch(`${instance.baseUrl}${action}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });

    refuse = false;
    expect((await submit({ csrf: 'forged' })).status).toBe(403);
    expect(await loggedNotification(instance, requestId, attorney)).toMatchObject({ status: 'failed' });
    expect(await auditOf(failed.id)).toEqual([]);

    const sent = await submit({ csrf: csrfToken });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/requests/${requestId}?resent=1`);
    await eventually(async () => {
      const notification = await loggedNotification(instance, requestId, attorney);
      return notification.status === 'delivered' ? notification : undefined;
    }, 'the email sent again from the page');
    expect(sentFor(failed.id)).toHaveLength(1);
    expect(await auditOf(failed.id)).toEqual([expect.objectContaining({ actor: user.id })]);
    const after = await (await fetch(`${instance.baseUrl}/requests/${requestId}`, { headers: { cookie } })).text();
    expect(after).not.toContain(`action="${action}"`);
    // Sent already: a second press says why nothing happens.
    const twice = await submit({ csrf: csrfToken });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('only a failed notification can be sent again');
  });
});
