import { gzipSync } from 'node:zlib';
import { RoleSchema } from '@verbatim/core';
import { createToken, eventually } from './support/foia-fixtures';
import { stateDigest } from './support/state-digest';
import { TestInstance, registerMockAccount, startInstance } from './support/start-instance';

/** A raw request: any body bytes and headers, the answer's status, content type and text. */
async function send(
  instance: TestInstance,
  method: string,
  urlPath: string,
  options: { body?: string | Uint8Array; headers?: Record<string, string>; token?: string | null } = {},
): Promise<{ status: number; type: string; text: string }> {
  const token = options.token === undefined ? instance.adminToken : options.token;
  const response = await fetch(`${instance.baseUrl}${urlPath}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
    body: options.body,
    redirect: 'manual',
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

const errorOf = (text: string): { code: string; message: string } => JSON.parse(text).error;

describe('bad input is refused with a 400 or 415 and changes nothing', () => {
  let instance: TestInstance;
  let everyRole: string;
  let accountId: string;

  beforeAll(async () => {
    instance = await startInstance();
    everyRole = await createToken(instance, 'every role', [...RoleSchema.options]);
    accountId = await registerMockAccount(instance, { type: 'mock', seed: 3, posts: 2, maxCommentsPerPost: 1 });
    // The first sync runs at once; let it finish so that nothing but the requests under test changes the state.
    await eventually(async () => {
      const { body } = await instance.request('GET', `/api/v1/accounts/${accountId}`);
      return body.sync?.status === 'completed' ? true : undefined;
    }, 'the first sync');
  });
  afterAll(() => instance.stop());

  it('1. refuses a NUL character in a search, in the API, the web search and a saved search', async () => {
    const before = await stateDigest(instance);
    const api = await send(instance, 'GET', '/api/v1/records?q=a%00b');
    expect(api.status).toBe(400);
    expect(errorOf(api.text)).toEqual({
      code: 'invalid_query_text',
      message: expect.stringContaining('"q" that contains a NUL character'),
    });
    const web = await send(instance, 'GET', '/search?q=a%00b', { token: null });
    expect(web.status).toBe(400);
    expect(web.type).toContain('text/html');
    expect(web.text).toContain('contains a NUL character');
    const request = await instance.request('POST', '/api/v1/foia-requests', {
      requester: { name: 'R. Requester' },
      description: 'posts about the road',
      receivedOn: '2026-01-05',
    });
    const saved = await instance.request(
      'POST',
      `/api/v1/foia-requests/${request.body.id}/items`,
      { source: 'search', query: { q: 'a\u0000b' } },
      everyRole,
    );
    expect(saved.status).toBe(400);
    expect(saved.body.error.code).toBe('invalid_text');
    expect(saved.body.error.message).toContain('query.q contains a NUL character');
    const webSaved = await send(instance, 'POST', `/requests/${request.body.id}/items`, {
      body: 'source=search&q=a%00b&csrf=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
    });
    expect(webSaved.status).toBe(400);
    expect(webSaved.text).toContain('contains a NUL character');
    const afterRequest = await stateDigest(instance);
    await send(instance, 'GET', '/api/v1/records?q=a%00b');
    expect(await stateDigest(instance)).toEqual(afterRequest);
    expect(Object.keys(before).length).toBeGreaterThan(5);
  });

  it('2. refuses malformed percent-encoding in any path parameter', async () => {
    for (const urlPath of ['/api/v1/records/%FF', '/api/v1/accounts/%E0%A4%A', '/api/v1/agencies/a%00b']) {
      const response = await send(instance, 'GET', urlPath);
      expect(response.status).toBe(400);
      expect(errorOf(response.text).code).toBe('invalid_path');
    }
    const before = await stateDigest(instance);
    const patch = await send(instance, 'PATCH', '/api/v1/accounts/%FF', {
      body: JSON.stringify({ status: 'retired' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(patch.status).toBe(400);
    const web = await send(instance, 'GET', '/records/%FF', { token: null });
    expect(web.status).toBe(400);
    expect(web.text).toContain('not valid percent-encoded UTF-8');
    expect(await stateDigest(instance)).toEqual(before);
  });

  it('3. refuses a JSON body with an unsupported charset (415)', async () => {
    const before = await stateDigest(instance);
    for (const charset of ['latin1', 'utf-16le', 'shift_jis']) {
      const response = await send(instance, 'POST', '/api/v1/agencies', {
        body: JSON.stringify({ name: 'Parks', kind: 'department' }),
        headers: { 'content-type': `application/json; charset=${charset}` },
      });
      expect(response.status).toBe(415);
      expect(errorOf(response.text)).toEqual({
        code: 'unsupported_charset',
        message: expect.stringContaining('UTF-8'),
      });
    }
    expect(await stateDigest(instance)).toEqual(before);
  });

  it('4. refuses a Content-Encoding the body does not have, or one not read at all', async () => {
    const before = await stateDigest(instance);
    const body = JSON.stringify({ name: 'Parks', kind: 'department' });
    const notGzip = await send(instance, 'POST', '/api/v1/agencies', {
      body,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(notGzip.status).toBe(400);
    expect(errorOf(notGzip.text).code).toBe('invalid_body');
    const unknown = await send(instance, 'POST', '/api/v1/agencies', {
      body,
      headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
    });
    expect(unknown.status).toBe(415);
    expect(errorOf(unknown.text).code).toBe('unsupported_encoding');
    expect(await stateDigest(instance)).toEqual(before);
    // A body that is what it says is read.
    const gzipped = await send(instance, 'POST', '/api/v1/agencies', {
      body: gzipSync(body),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(gzipped.status).toBe(201);
  });

  it('5-6. answers 415 to a form or text body on every JSON PATCH route, saving nothing', async () => {
    const accountBefore = await instance.request('GET', `/api/v1/accounts/${accountId}`);
    const settingsBefore = await instance.request('GET', '/api/v1/foia-settings', undefined, everyRole);
    const before = await stateDigest(instance);
    const patches = [
      `/api/v1/accounts/${accountId}`,
      '/api/v1/foia-settings',
      '/api/v1/policy-categories/cat_missing',
      '/api/v1/foia-requests/req_missing',
      '/api/v1/foia-requests/req_missing/items/rec_missing',
    ];
    const bodies: Array<[string, string]> = [
      ['application/x-www-form-urlencoded', 'status=retired&responseDays=1'],
      ['text/plain', '{"status":"retired","responseDays":1}'],
      ['application/octet-stream', 'status=retired'],
    ];
    for (const urlPath of patches) {
      for (const [type, body] of bodies) {
        const response = await send(instance, 'PATCH', urlPath, {
          body,
          headers: { 'content-type': type },
          token: everyRole,
        });
        expect([urlPath, type, response.status]).toEqual([urlPath, type, 415]);
        expect(errorOf(response.text)).toEqual({
          code: 'unsupported_media_type',
          message: expect.stringContaining('send Content-Type: application/json'),
        });
      }
    }
    expect(await instance.request('GET', `/api/v1/accounts/${accountId}`)).toEqual(accountBefore);
    expect(await instance.request('GET', '/api/v1/foia-settings', undefined, everyRole)).toEqual(settingsBefore);
    expect(await stateDigest(instance)).toEqual(before);
  });

  it('7. refuses NUL characters anywhere in JSON strings, keys and the query', async () => {
    const before = await stateDigest(instance);
    const bodies = [
      { name: 'Parks\u0000', kind: 'department' },
      { name: 'Parks', kind: 'department', ['x\u0000']: 1 },
      { name: 'Parks', kind: 'department', nested: [{ deeper: ['\u0000'] }] },
    ];
    for (const body of bodies) {
      const response = await instance.request('POST', '/api/v1/agencies', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_text');
      expect(response.body.error.message).toContain('NUL');
    }
    const query = await send(instance, 'GET', '/api/v1/accounts?status=active%00');
    expect(query.status).toBe(400);
    expect(await stateDigest(instance)).toEqual(before);
  });

  it('8. refuses invalid UTF-8 in a JSON body, unpaired surrogates, and invalid UTF-8 in the query', async () => {
    const before = await stateDigest(instance);
    const invalidBytes = Buffer.concat([
      Buffer.from('{"name":"Parks '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('","kind":"department"}'),
    ]);
    const bytes = await send(instance, 'POST', '/api/v1/agencies', {
      body: invalidBytes,
      headers: { 'content-type': 'application/json' },
    });
    expect(bytes.status).toBe(400);
    expect(errorOf(bytes.text)).toEqual({ code: 'invalid_utf8', message: expect.stringContaining('not valid UTF-8') });
    const surrogate = await instance.request('POST', '/api/v1/agencies', '{"name":"Parks \\ud800","kind":"board"}');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.code).toBe('invalid_text');
    const query = await send(instance, 'GET', '/api/v1/records?q=caf%E9');
    expect(query.status).toBe(400);
    expect(errorOf(query.text).message).toContain('not valid UTF-8');
    const form = await send(instance, 'POST', '/sign-in', {
      body: 'email=a%FF%40town.example&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
    });
    expect(form.status).toBe(400);
    expect(form.text).toContain('not valid UTF-8');
    expect(await stateDigest(instance)).toEqual(before);
    // Real non-ASCII text is fine.
    const accented = await instance.request('POST', '/api/v1/agencies', { name: 'Café Commission', kind: 'board' });
    expect(accented.status).toBe(201);
  });

  it('answers an upload that is not the multipart form it claims with a refusal page instead of leaving it unanswered', async () => {
    const person = { name: 'I. T. Person', email: 'it@town.example', password: 'a long enough password' };
    expect((await instance.request('POST', '/api/v1/users', { ...person, roles: ['it-admin'] })).status).toBe(201);
    const signIn = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const before = await stateDigest(instance);
    const notMultipart = await fetch(`${instance.baseUrl}/accounts/${accountId}/imports`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=x' },
      body: `__proto__=%&csrf=${csrfToken}`,
      signal: AbortSignal.timeout(10_000),
    });
    // Answered (a refusal page), where it used to hang until the client gave up.
    expect([400, 403]).toContain(notMultipart.status);
    expect(await notMultipart.text()).toMatch(/The upload could not be read|The form expired/);
    expect(await stateDigest(instance)).toEqual(before);
  });
});
