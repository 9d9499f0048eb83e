import { TestInstance, registerMockAccount, startInstance } from './support/start-instance';

/** What this test reads of the OpenAPI document. */
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  parameters: Array<{ name: string }>;
  security?: unknown[];
  requestBody: { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> };
}

describe('API contract: validation, roles and documentation', () => {
  let instance: TestInstance;

  beforeAll(async () => {
    instance = await startInstance();
  });
  afterAll(() => instance.stop());

  const agencyCount = async () => (await instance.request('GET', '/api/v1/agencies')).body.agencies.length;

  it('rejects invalid bodies with 400, the failing fields, and writes nothing', async () => {
    const before = await agencyCount();
    const cases: Array<[unknown, string]> = [
      [{ name: '', kind: 'department' }, 'name'],
      [{ name: 'Parks', kind: 'club' }, 'kind'],
      [{ kind: 'board' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const response = await instance.request('POST', '/api/v1/agencies', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
    }
    const malformed = await instance.request('POST', '/api/v1/agencies', '{"name": "Parks",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    expect(await agencyCount()).toBe(before);
  });

  it('validates the connector config of a new account by its type and writes nothing on failure', async () => {
    const agency = (await instance.request('POST', '/api/v1/agencies', { name: 'Library Board', kind: 'board' })).body;
    const before = (await instance.request('GET', '/api/v1/accounts')).body.accounts.length;
    const badSeed = await instance.request('POST', '/api/v1/accounts', {
      agencyId: agency.id,
      platform: 'facebook',
      handle: 'library',
      connector: { type: 'mock', seed: 'seven', posts: 40, maxCommentsPerPost: 12 },
    });
    expect(badSeed.status).toBe(400);
    expect(badSeed.body.error.details.map((detail: { path: string }) => detail.path)).toContain('connector.seed');
    const unknownAgency = await instance.request('POST', '/api/v1/accounts', {
      agencyId: 'agy_missing',
      platform: 'facebook',
      handle: 'library',
      connector: { type: 'mock', seed: 7, posts: 40, maxCommentsPerPost: 12 },
    });
    expect(unknownAgency.status).toBe(400);
    expect(unknownAgency.body.error.details[0].path).toBe('agencyId');
    expect((await instance.request('GET', '/api/v1/accounts')).body.accounts.length).toBe(before);
  });

  it('accepts the documented account shape and flags missing administrators and moderators', async () => {
    const accountId = await registerMockAccount(instance, { type: 'mock', seed: 7, posts: 40, maxCommentsPerPost: 12 });
    const { status, body } = await instance.request('GET', `/api/v1/accounts/${accountId}`);
    expect(status).toBe(200);
    expect(body.status).toBe('active');
    expect(body.complianceProblems).toEqual([
      'register at least two administrators',
      'register at least one moderator',
    ]);
    const patched = await instance.request('PATCH', `/api/v1/accounts/${accountId}`, {
      administrators: [{ name: 'A. Admin' }, { name: 'B. Admin' }],
      moderators: [{ name: 'C. Moderator' }],
      status: 'abandoned',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.complianceProblems).toEqual([]);
    expect(patched.body.status).toBe('abandoned');
    expect((await instance.request('PATCH', `/api/v1/accounts/${accountId}`, {})).status).toBe(400);
    expect((await instance.request('PATCH', '/api/v1/accounts/acc_missing', { status: 'retired' })).status).toBe(404);
  });

  it('rejects unknown and malformed search parameters', async () => {
    const typo = await instance.request('GET', '/api/v1/records?stauts=deleted');
    expect(typo.status).toBe(400);
    const unbalanced = await instance.request('GET', `/api/v1/records?q=${encodeURIComponent('"budget hearing')}`);
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body.error.code).toBe('invalid_query');
    const limit = await instance.request('GET', '/api/v1/records?limit=5000');
    expect(limit.status).toBe(400);
  });

  it('requires a bearer token and enforces roles', async () => {
    const anonymous = await fetch(`${instance.baseUrl}/api/v1/agencies`);
    expect(anonymous.status).toBe(401);
    expect((await instance.request('GET', '/api/v1/agencies', undefined, 'not-a-token')).status).toBe(401);

    const created = await instance.request('POST', '/api/v1/tokens', {
      name: 'records clerk',
      roles: ['foia-officer'],
    });
    expect(created.status).toBe(201);
    const officer = created.body.token as string;
    expect((await instance.request('GET', '/api/v1/records', undefined, officer)).status).toBe(200);
    const forbidden = await instance.request(
      'POST',
      '/api/v1/agencies',
      { name: 'Zoning Commission', kind: 'commission' },
      officer,
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    expect((await instance.request('POST', '/api/v1/tokens', { name: 'x', roles: ['it-admin'] }, officer)).status).toBe(
      403,
    );

    const moderator = (await instance.request('POST', '/api/v1/tokens', { name: 'moderator', roles: ['moderator'] }))
      .body.token;
    expect((await instance.request('GET', '/api/v1/records', undefined, moderator)).status).toBe(403);
    expect((await instance.request('POST', '/api/v1/tokens', { name: 'bad', roles: ['mayor'] })).status).toBe(400);
  });

  it('reports unknown jobs and records as 404 in the error shape', async () => {
    const job = await instance.request('GET', '/api/v1/jobs/sync-nothing-pass-1');
    expect(job.status).toBe(404);
    expect(job.body.error).toMatchObject({ code: 'not_found' });
    expect((await instance.request('GET', '/api/v1/records/rec_missing')).status).toBe(404);
  });

  it('serves health and an OpenAPI document generated from the validation schemas', async () => {
    const health = await fetch(`${instance.baseUrl}/healthz`);
    // Every backend answers; started without notification settings, it serves and says what they lack.
    expect(health.status).toBe(200);
    const healthBody = (await health.json()) as { status: string; checks: unknown };
    expect(healthBody.status).toBe('incomplete');
    expect(healthBody.checks).toEqual({
      catalog: { ok: true },
      search: { ok: true },
      objectStore: { ok: true },
      queue: { ok: true },
      notifications: {
        ok: false,
        missing: ['ATTORNEY_NOTIFY_EMAILS', 'SMTP_URL or NOTIFY_WEBHOOK_URL'],
        error: expect.stringContaining('ATTORNEY_NOTIFY_EMAILS is not set'),
        warnings: [expect.stringContaining('IT_NOTIFY_EMAILS is not set')],
      },
    });

    const document = (await (await fetch(`${instance.baseUrl}/api/v1/openapi.json`)).json()) as OpenApiDocument;
    expect(document.openapi).toMatch(/^3\./);
    for (const route of [
      '/api/v1/agencies',
      '/api/v1/accounts',
      '/api/v1/accounts/{id}',
      '/api/v1/accounts/{id}/sync',
      '/api/v1/jobs/{jobId}',
      '/api/v1/records',
      '/api/v1/records/{id}',
      '/api/v1/tokens',
    ]) {
      expect(document.paths[route]).toBeDefined();
    }
    const webhook = document.paths['/api/v1/webhooks/facebook'];
    expect(webhook.get.security).toEqual([]);
    expect(webhook.post.parameters.map((parameter) => parameter.name)).toEqual(['X-Hub-Signature-256']);
    const agencyBody = document.paths['/api/v1/agencies'].post.requestBody.content['application/json'].schema;
    expect(agencyBody.properties.kind.enum).toEqual(['department', 'board', 'commission', 'task-force', 'committee']);
    expect(document.paths['/api/v1/records'].get.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['q', 'accountId', 'status', 'cursor']),
    );
  });

  it('answers 503 with what to do when Redis is down at sync time', async () => {
    const accountId = await registerMockAccount(instance, { type: 'mock', seed: 1, posts: 2, maxCommentsPerPost: 1 });
    instance.running.redis.disconnect();
    const response = await instance.request('POST', `/api/v1/accounts/${accountId}/sync`);
    expect(response.status).toBe(503);
    expect(response.body.error.message).toMatch(/Redis/);
    const health = await fetch(`${instance.baseUrl}/healthz`);
    expect(health.status).toBe(503);
  });
});
