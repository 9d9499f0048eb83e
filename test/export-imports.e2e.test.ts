import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { writeXArchive } from '@verbatim/connectors/testing';
import { registerMockAccount, startInstance, waitForJob, type TestInstance } from './support/start-instance';

const ACCOUNT = { accountId: '77', username: 'TownSnaps', accountDisplayName: 'Town of Example' };

/** Posts a file as the request body, streamed, as `curl --data-binary @file` does. */
async function upload(
  instance: TestInstance,
  accountId: string,
  body: Readable | string,
  query = '',
  contentType = 'application/zip',
): Promise<{ status: number; body: { jobId?: string; importId?: string; error?: { code: string } } }> {
  const response = await fetch(`${instance.baseUrl}/api/v1/accounts/${accountId}/imports${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${instance.adminToken}`, 'content-type': contentType },
    body: typeof body === 'string' ? body : (Readable.toWeb(body) as ReadableStream),
    duplex: 'half',
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('imports of platform exports into an import-only account', () => {
  let instance: TestInstance;
  let accountId: string;

  beforeAll(async () => {
    instance = await startInstance();
    accountId = await registerMockAccount(instance, { type: 'import-only' }, 'townsnaps', { platform: 'x' });
  });
  afterAll(() => instance?.stop());

  it('never schedules an import-only account, and refuses Sync now, saying why', async () => {
    const schedulers = await instance.running.queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key)).not.toContain(`schedule-${accountId}`);
    const account = await instance.request('GET', `/api/v1/accounts/${accountId}`);
    expect(account.body).toMatchObject({ status: 'active', connector: { type: 'import-only' } });
    const sync = await instance.request('POST', `/api/v1/accounts/${accountId}/sync`);
    expect(sync.status).toBe(409);
    expect(sync.body.error).toMatchObject({ code: 'account_import_only', message: expect.stringContaining('import') });
  });

  it('imports an uploaded X archive as a job, lists it with its report, and makes its tweets searchable', async () => {
    const file = path.join(instance.dataDir, 'twitter-2026.zip');
    await writeXArchive(file, ACCOUNT, [
      { id: '500', text: 'Snow emergency parking ban tonight', createdAt: '2026-01-05T18:00:00.000Z' },
      { id: '501', text: 'RT @nws: winter storm warning', createdAt: '2026-01-05T17:00:00.000Z' },
    ]);
    const started = await upload(instance, accountId, createReadStream(file), '?fileName=twitter-2026.zip');
    expect(started.status).toBe(202);
    const job = await waitForJob(instance, started.body.jobId!);
    expect(job).toMatchObject({ state: 'completed', result: { format: 'x-archive', created: 1 } });

    const listed = await instance.request('GET', `/api/v1/accounts/${accountId}/imports`);
    expect(listed.status).toBe(200);
    expect(listed.body.imports).toEqual([
      expect.objectContaining({
        id: started.body.importId,
        fileName: 'twitter-2026.zip',
        status: 'completed',
        report: expect.objectContaining({
          itemsFound: 1,
          created: 1,
          skipped: [expect.objectContaining({ count: 1 })],
        }),
      }),
    ]);
    const found = await instance.request('GET', '/api/v1/records?q=%22parking%20ban%22');
    expect(found.body.records).toEqual([expect.objectContaining({ platform: 'x', accountId })]);
  });

  it('refuses a bad upload with a clear error and records no import', async () => {
    expect(await upload(instance, accountId, '', '?fileName=empty.zip')).toMatchObject({
      status: 400,
      body: { error: { code: 'empty_export' } },
    });
    expect(await upload(instance, accountId, 'x', '?fileName=../../etc/passwd')).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed' } },
    });
    expect(await upload(instance, accountId, 'x', '?name=wrong')).toMatchObject({ status: 400 });
    expect((await upload(instance, 'acc_missing', 'x')).status).toBe(404);
    const listed = await instance.request('GET', `/api/v1/accounts/${accountId}/imports`);
    expect(listed.body.imports).toHaveLength(1);
  });

  it('documents the upload in the OpenAPI document as a binary body, not JSON to parse', async () => {
    const { paths } = (await instance.request('GET', '/api/v1/openapi.json')).body;
    const upload = paths['/api/v1/accounts/{id}/imports'].post;
    expect(upload.requestBody.content['application/zip'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(upload.requestBody.content['application/octet-stream'].schema.format).toBe('binary');
    expect(upload.parameters).toContainEqual(expect.objectContaining({ name: 'fileName', in: 'query' }));
  });

  it('fails an export it cannot read, and says so on the import (a JSON body is not parsed as the API JSON)', async () => {
    const started = await upload(
      instance,
      accountId,
      '{"not":"an export"}',
      '?fileName=notes.json',
      'application/json',
    );
    expect(started.status).toBe(202);
    const job = await waitForJob(instance, started.body.jobId!);
    expect(job.state).toBe('failed');
    const listed = await instance.request('GET', `/api/v1/accounts/${accountId}/imports`);
    expect(listed.body.imports[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('notes.json is no export format Verbatim reads'),
    });
  });

  it('takes an export from the account page form, streamed, only with the form’s CSRF token, and lists it there', async () => {
    const person = { name: 'Robin Reyes', email: 'robin.reyes@town.example', roles: ['it-admin'] };
    const password = 'a long it passphrase';
    expect((await instance.request('POST', '/api/v1/users', { ...person, password })).status).toBe(201);
    const session = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password }),
    });
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = session.headers.get('set-cookie')!.split(';')[0];
    const file = path.join(instance.dataDir, 'twitter-form.zip');
    await writeXArchive(file, ACCOUNT, [
      { id: '600', text: 'Leaf collection begins Monday', createdAt: '2026-02-01T09:00:00.000Z' },
    ]);
    const bytes = await readFile(file);
    const submit = (csrf: string) => {
      const form = new FormData();
      form.append('csrf', csrf);
      form.append('export', new Blob([bytes], { type: 'application/zip' }), 'twitter-form.zip');
      return fetch(`${instance.baseUrl}/accounts/${accountId}/imports`, {
        method: 'POST',
        headers: { cookie },
        body: form,
        redirect: 'manual',
      });
    };
    expect((await submit('forged')).status).toBe(403);
    const sent = await submit(csrfToken);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/accounts/${accountId}?imported=1#imports-heading`);
    const [latest] = (await instance.request('GET', `/api/v1/accounts/${accountId}/imports`)).body.imports;
    expect(latest).toMatchObject({ fileName: 'twitter-form.zip' });
    await waitForJob(instance, `import-${latest.id}`);
    const page = await (await fetch(`${instance.baseUrl}/accounts/${accountId}`, { headers: { cookie } })).text();
    expect(page).toContain('This account is import-only');
    expect(page).toContain('twitter-form.zip');
    expect(page).toContain('1 items found: 1 new');
    expect(page).toContain('enctype="multipart/form-data"');
  });
});
