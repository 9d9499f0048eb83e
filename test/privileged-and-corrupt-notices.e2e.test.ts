import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { decodeQuotedPrintable, startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { axeViolations, launchBrowser, signIn } from './support/browser';
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

const BIN = path.join(__dirname, '..', 'services', 'cli', 'bin', 'verbatim.cjs');

/** `npx verbatim …` against the instance's data, as IT would run it on the server. */
function verbatim(instance: TestInstance, ...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...instance.env, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') reject(new Error('verbatim did not run', { cause: error }));
        else resolve({ code: error ? (error.code as number) : 0, stdout });
      },
    );
  });
}

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
  let personId: string;
  let accountId: string;

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
    personId = created.body.id as string;
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
    accountId = await registerMockAccount(instance, CONNECTOR, 'westportdpw');
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

  it('tells the attorney’s office of grants made with the command line too', async () => {
    const roles = await verbatim(instance, 'users', 'roles', personId, '--role', 'attorney', 'auditor');
    expect(roles.code).toBe(0);
    const email = await firstReceived(smtp, 'Privileged access granted: auditor to Jordan Lee');
    expect(decodeQuotedPrintable(email.raw)).toContain('the command line');
    const token = await verbatim(instance, 'tokens', 'create', '--name', 'counsel script', '--role', 'attorney');
    expect(token.code).toBe(0);
    await firstReceived(smtp, 'Privileged access granted: attorney to token counsel script');
    await severalRelayRuns();
    expect(received(smtp, 'Privileged access granted')).toHaveLength(4);
  }, 60_000);

  it('tells IT in one email of the objects a verification newly finds; the command line finds them told', async () => {
    const chain = await instance.running.backends.catalog.readCaptureChain(accountId);
    const told = new Set((await instance.running.backends.foiaStore.listAnnouncedProblems()).map((o) => o.key));
    const [altered, deleted] = chain.links.flatMap((link) => (link.capture ? [link.capture.key] : [])).slice(-2);
    expect(told.has(altered) || told.has(deleted)).toBe(false);
    tamperArchivedObject(instance, altered, 'tampered');
    rmSync(
      instance.env.STORAGE_BACKEND === 's3'
        ? path.join(instance.dataDir, 's3rver', instance.env.S3_BUCKET, `${deleted}._S3rver_object`)
        : path.join(instance.dataDir, 'objects', deleted),
    );

    const started = await instance.request('POST', '/api/v1/verifications', { accountId });
    expect((await waitForJob(instance, started.body.jobId)).state).toBe('completed');
    const email = await firstReceived(smtp, 'Archive objects altered or missing: 2 found');
    expect(email.to).toEqual([IT]);
    const text = decodeQuotedPrintable(email.raw).replace(/=\r\n/g, '');
    expect(text).toContain(`${altered}: altered`);
    expect(text).toContain(`${deleted}: missing`);

    const cli = await verbatim(instance, 'verify', '--account', accountId);
    expect(cli.code).toBe(1);
    await severalRelayRuns();
    expect(received(smtp, 'Archive object')).toHaveLength(2);
  }, 120_000);

  it('tells the attorney’s office of attorney granted on the People page, which IT reaches accessibly', async () => {
    const it = {
      name: 'Sam Ortiz',
      email: 'sam.ortiz@town.example',
      roles: ['it-admin'],
      password: 'a long it passphrase',
    };
    expect((await instance.request('POST', '/api/v1/users', it)).status).toBe(201);
    const morgan = {
      name: 'Morgan Diaz',
      email: 'morgan.diaz@town.example',
      roles: ['moderator'],
      password: 'a long moderator passphrase',
    };
    expect((await instance.request('POST', '/api/v1/users', morgan)).status).toBe(201);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await signIn(page, instance.baseUrl, it);
      await page.goto(`${instance.baseUrl}/people`);
      await page.getByRole('link', { name: `Change the roles of ${morgan.name} (${morgan.email})` }).click();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('checkbox', { name: 'Moderator' }).uncheck();
      await page.getByRole('button', { name: 'Save roles' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('The roles were not changed.');
      await expect(page.locator('#roles-error').textContent()).resolves.toBe('Choose at least one role.');
      await page.getByRole('checkbox', { name: 'Town attorney' }).check();
      await page.getByRole('button', { name: 'Save roles' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toContain(`${morgan.name}'s roles are saved.`);
    } finally {
      await browser.close();
    }
    const email = await firstReceived(smtp, `Privileged access granted: attorney to ${morgan.name}`);
    expect(decodeQuotedPrintable(email.raw)).toMatch(/Granted by: +Sam Ortiz <sam\.ortiz@town\.example>/);
    await severalRelayRuns();
    expect(received(smtp, `Privileged access granted: attorney to ${morgan.name}`)).toHaveLength(1);
  }, 120_000);
});
