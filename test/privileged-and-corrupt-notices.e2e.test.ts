import { decodeQuotedPrintable, startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { eventually, notifyEnv } from './support/foia-fixtures';
import {
  registerMockAccount,
  startInstance,
  syncOnce,
  tamperArchivedObject,
  waitForJob,
  type TestInstance,
} from './support/start-instance';

const ATTORNEY = 'counsel@town.example';
const IT = 'it@town.example';
const PERSON = {
  name: 'Jordan Lee',
  email: 'jordan.lee@town.example',
  roles: ['foia-officer'],
  password: 'a long officer passphrase',
};
const CONNECTOR = { type: 'mock', seed: 7, posts: 30, maxCommentsPerPost: 3, pageSize: 10 };

/** Several relay runs (every 200 ms here): long enough for a second notice to have gone out, were there one. */
const severalRelayRuns = () => new Promise((resolve) => setTimeout(resolve, 1500));

/** The messages received whose subject starts with `subject` (a long one is folded over lines: unfolded). */
const received = (smtp: TestSmtpServer, subject: string) =>
  smtp.received.filter((message) =>
    message.raw
      .replace(/\r\n[ \t]+/g, ' ')
      .split('\r\n')
      .some((line) => line.startsWith(`Subject: ${subject}`)),
  );

/** Waits for the first message whose subject starts with `subject`. */
const firstReceived = (smtp: TestSmtpServer, subject: string) =>
  eventually(async () => received(smtp, subject)[0], `an email "${subject}"`);

describe("privileged grants are told to the attorney's office, corrupt objects to IT, once each", () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance({
      ...notifyEnv(smtp.url, ATTORNEY),
      IT_NOTIFY_EMAILS: IT,
      PUBLIC_URL: 'https://verbatim.town.example',
    });
  }, 120_000);
  afterAll(async () => {
    await instance?.stop();
    await smtp?.close();
  });

  it("emails the attorney's office once when IT grants attorney to a person, and not for other roles", async () => {
    const created = await instance.request('POST', '/api/v1/users', PERSON);
    expect(created.status).toBe(201);
    const personId = created.body.id as string;
    expect((await instance.request('POST', '/api/v1/tokens', { name: 'ci', roles: ['moderator'] })).status).toBe(201);

    const refused = await instance.request('PUT', `/api/v1/users/${personId}/roles`, { roles: ['judge'] });
    expect(refused.status).toBe(400);
    const granted = await instance.request('PUT', `/api/v1/users/${personId}/roles`, {
      roles: ['foia-officer', 'attorney'],
    });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(['foia-officer', 'attorney']);
    // The same roles again grant nothing new.
    expect(
      (await instance.request('PUT', `/api/v1/users/${personId}/roles`, { roles: ['attorney', 'foia-officer'] }))
        .status,
    ).toBe(200);

    const email = await firstReceived(smtp, 'Privileged access granted: attorney to Jordan Lee');
    expect(email.to).toEqual([ATTORNEY]);
    const text = decodeQuotedPrintable(email.raw);
    expect(text).toContain('jordan.lee@town.example');
    expect(text).toMatch(/Granted by: +API token "bootstrap admin"/);
    expect(text).toContain('their roles were changed');
    expect(text).toContain('If you did not expect this grant');
    expect(text).toContain(`/api/v1/users/${personId}/disable`);
    await severalRelayRuns();
    expect(received(smtp, 'Privileged access granted')).toHaveLength(1);
    expect(smtp.received.filter((message) => message.to.includes(ATTORNEY))).toHaveLength(1);

    const audit = await instance.request('GET', `/api/v1/audit?action=role.grant&target=${personId}`);
    expect(audit.body.entries.map((entry: { details: unknown }) => entry.details)).toContainEqual(
      expect.objectContaining({ roles: ['attorney'], privileged: true }),
    );
  }, 60_000);

  it('emails once for a token created with auditor, naming the token and how to revoke it', async () => {
    const token = await instance.request('POST', '/api/v1/tokens', { name: 'audit export', roles: ['auditor'] });
    expect(token.status).toBe(201);
    const email = await firstReceived(smtp, 'Privileged access granted: auditor to token audit export');
    const text = decodeQuotedPrintable(email.raw);
    expect(text).toContain(`DELETE /api/v1/tokens/${token.body.id}`);
    await severalRelayRuns();
    expect(received(smtp, 'Privileged access granted')).toHaveLength(2);
  }, 60_000);

  it('tells IT once of a media file altered behind the archive’s back, however often it is read or downloaded', async () => {
    const accountId = await registerMockAccount(instance, CONNECTOR, 'westportdpw');
    await syncOnce(instance, accountId);
    const { body: list } = await instance.request('GET', `/api/v1/records?accountId=${accountId}&limit=100`);
    const withMedia = (
      list.records as Array<{ id: string; attachments: Array<{ archiveKey?: string; sha256?: string }> }>
    ).find((record) => record.attachments.some((attachment) => attachment.archiveKey));
    expect(withMedia).toBeDefined();
    const attachment = withMedia!.attachments.find((candidate) => candidate.archiveKey)!;
    const key = attachment.archiveKey!;
    tamperArchivedObject(instance, key, 'not the image that was archived');

    for (let read = 0; read < 3; read++) {
      const { status, body } = await instance.request('GET', `/api/v1/records/${withMedia!.id}`);
      expect(status).toBe(200);
      expect(body.integrity.ok).toBe(false);
      expect(body.integrity.problems).toEqual([expect.objectContaining({ kind: 'object_altered', key })]);
    }
    for (let download = 0; download < 2; download++) {
      const refused = await fetch(`${instance.baseUrl}/api/v1/media/${attachment.sha256}`, {
        headers: { authorization: `Bearer ${instance.adminToken}` },
      });
      expect(refused.status).toBe(409);
      const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('archive_corrupt');
      expect(error.message).toContain(key);
    }

    const email = await firstReceived(smtp, `Archive object altered: ${key}`);
    expect(email.to).toEqual([IT]);
    const text = decodeQuotedPrintable(email.raw);
    expect(text).toContain('@westportdpw on');
    expect(text).toContain(accountId);
    expect(text).toContain('npx verbatim verify');
    expect(text).toContain(`https://verbatim.town.example/records/${withMedia!.id}`);

    // A verification finds the same object: it was told of already, so nothing more is sent.
    const started = await instance.request('POST', '/api/v1/verifications', { accountId });
    expect((await waitForJob(instance, started.body.jobId)).state).toBe('completed');
    await severalRelayRuns();
    expect(received(smtp, 'Archive object')).toHaveLength(1);
    expect(smtp.received.filter((message) => message.to.includes(IT))).toHaveLength(1);
  }, 120_000);
});
