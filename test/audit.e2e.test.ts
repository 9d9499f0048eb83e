import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

interface Entry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  details: Record<string, unknown> | null;
  hash: string;
  prevHash: string;
}

const AUDITOR = {
  name: 'Ada Auditor',
  email: 'ada@town.example',
  roles: ['auditor'],
  password: 'auditor passphrase 1',
};

describe('the audit log through the API', () => {
  let instance: TestInstance;
  let auditor: string;
  let accountId: string;
  let recordId: string;
  let personId: string;

  const entries = async (query: string, token = auditor): Promise<{ entries: Entry[]; nextCursor: string | null }> => {
    const { status, body } = await instance.request('GET', `/api/v1/audit?${query}`, undefined, token);
    expect(status).toBe(200);
    return body;
  };
  const signIn = (email: string, password: string) =>
    fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  beforeAll(async () => {
    instance = await startInstance();
    const created = await instance.request('POST', '/api/v1/users', AUDITOR);
    expect(created.status).toBe(201);
    personId = created.body.id;
    auditor = await createToken(instance, 'audit script', ['auditor']);
    accountId = await registerMockAccount(instance, { type: 'mock', seed: 3, posts: 3, maxCommentsPerPost: 2 });
    await syncOnce(instance, accountId);
  });
  afterAll(() => instance.stop());

  it('logs each kind of action with who did it, and the chain verifies', async () => {
    expect((await signIn(AUDITOR.email, 'not the passphrase')).status).toBe(401);
    expect((await signIn('nobody@town.example', 'whatever it is')).status).toBe(401);
    expect((await signIn(AUDITOR.email, AUDITOR.password)).status).toBe(200);
    const search = await instance.request('GET', '/api/v1/records?q=road&limit=1', undefined, auditor);
    expect(search.status).toBe(200);
    const listed = await instance.request('GET', `/api/v1/records?accountId=${accountId}&limit=1`, undefined, auditor);
    recordId = listed.body.records[0].id;
    const record = await instance.request('GET', `/api/v1/records/${recordId}`, undefined, auditor);
    expect(record.status).toBe(200);
    const captureSha = record.body.captures[0].sha256 as string;
    const capture = await fetch(`${instance.baseUrl}/api/v1/captures/${captureSha}`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(capture.status).toBe(200);
    await capture.arrayBuffer();
    const patched = await instance.request('PATCH', `/api/v1/accounts/${accountId}`, { displayName: 'Parks (new)' });
    expect(patched.status).toBe(200);
    const settings = await instance.request('PATCH', '/api/v1/foia-settings', { batesPrefix: 'WESTPORT' });
    expect(settings.status).toBe(200);

    const { entries: log } = await entries('limit=500');
    const find = (action: string, where: (entry: Entry) => boolean = () => true) =>
      log.find((entry) => entry.action === action && where(entry));
    const failed = log.filter((entry) => entry.action === 'session.sign-in' && entry.outcome === 'denied');
    expect(failed.map((entry) => entry.details)).toEqual([
      { email: 'nobody@town.example', reason: 'unknown email' },
      { email: AUDITOR.email, reason: 'wrong password' },
    ]);
    expect(JSON.stringify(log)).not.toContain('not the passphrase');
    expect(find('session.sign-in', (entry) => entry.outcome === 'success')).toMatchObject({
      actor: personId,
      target: personId,
    });
    expect(find('user.create')).toMatchObject({ target: personId, details: { roles: ['auditor'] } });
    expect(find('token.create')).toBeDefined();
    const roadSearch = find('records.search', (entry) => JSON.stringify(entry.details).includes('"q":"road"'));
    expect(roadSearch).toMatchObject({ details: { query: expect.objectContaining({ q: 'road' }) } });
    const tokenId = roadSearch!.actor;
    expect(tokenId).toMatch(/^tok_/);
    expect(find('record.read')).toMatchObject({ actor: tokenId, target: recordId });
    expect(find('capture.download')).toMatchObject({ actor: tokenId, target: captureSha });
    expect(find('account.sync')).toMatchObject({ target: accountId });
    expect(find('account.update')).toMatchObject({
      target: accountId,
      details: { fields: ['displayName'], after: { displayName: 'Parks (new)' } },
    });
    expect(find('foia-settings.update')).toMatchObject({
      details: { fields: ['batesPrefix'], after: { batesPrefix: 'WESTPORT' } },
    });
    expect((find('foia-settings.update')!.details!.before as Record<string, unknown>).batesPrefix).not.toBe('WESTPORT');
    for (let index = 0; index + 1 < log.length; index++) expect(log[index].prevHash).toBe(log[index + 1].hash);

    const verification = await instance.request('GET', '/api/v1/audit/verification', undefined, auditor);
    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({ ok: true, findings: [], last: { seq: log[0].seq } });
  });

  it('filters, pages with the cursor and refuses bad filters with a clear message', async () => {
    const reads = await entries(`action=record&target=${recordId}`);
    expect(reads.entries.map((entry) => entry.action)).toEqual(['record.read']);
    const denied = await entries('action=session.sign-in&limit=500');
    expect(denied.entries.every((entry) => entry.action === 'session.sign-in')).toBe(true);
    const byAuditor = await entries(`actor=${personId}`);
    expect(byAuditor.entries.map((entry) => entry.action)).toContain('session.sign-in');
    expect((await entries('from=2999-01-01')).entries).toEqual([]);
    expect((await entries('to=2000-01-01')).entries).toEqual([]);

    const all = await entries('limit=500');
    const pages: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await entries(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((entry) => entry.seq)).toEqual(all.entries.map((entry) => entry.seq));

    for (const query of ['limit=0', 'limit=lots', 'cursor=abc', 'from=yesterday', 'colour=red']) {
      const refused = await instance.request('GET', `/api/v1/audit?${query}`, undefined, auditor);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toEqual(expect.any(String));
    }
  });

  it('lets auditors, the attorney and IT read it, and no one else', async () => {
    for (const role of ['attorney', 'it-director', 'it-admin']) {
      const token = await createToken(instance, `reader ${role}`, [role]);
      expect((await instance.request('GET', '/api/v1/audit?limit=1', undefined, token)).status).toBe(200);
    }
    for (const role of ['foia-officer', 'moderator', 'communications-manager']) {
      const token = await createToken(instance, `not a reader ${role}`, [role]);
      expect((await instance.request('GET', '/api/v1/audit', undefined, token)).status).toBe(403);
      expect((await instance.request('GET', '/api/v1/audit/verification', undefined, token)).status).toBe(403);
    }
  });

  it('exports every matching entry as CSV with formula cells guarded, and logs the export', async () => {
    await instance.request(
      'GET',
      `/api/v1/records?q=${encodeURIComponent('=HYPERLINK("http://evil")')}`,
      undefined,
      auditor,
    );
    const viaAccept = await fetch(`${instance.baseUrl}/api/v1/audit?action=records.search`, {
      headers: { authorization: `Bearer ${auditor}`, accept: 'text/csv' },
    });
    expect(viaAccept.status).toBe(200);
    expect(viaAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(viaAccept.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-.*\.csv"/);
    const csv = await viaAccept.text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,outcome,details,hash,prevHash');
    expect(lines.length).toBeGreaterThan(2); // every search so far, newest first
    expect(lines.slice(1).every((line) => line.includes(',records.search,records,success,'))).toBe(true);
    expect(csv).toContain('HYPERLINK');
    expect(lines.some((line) => /(^|,)"?=/.test(line))).toBe(false);

    // A failed sign-in's target is the email as typed: a formula there reaches the CSV guarded, as text.
    expect((await signIn('=HYPERLINK("http://evil.example","x")', 'whatever it is')).status).toBe(401);
    const signIns = await fetch(`${instance.baseUrl}/api/v1/audit?format=csv&action=session.sign-in`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    const signInCsv = await signIns.text();
    expect(signInCsv).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",denied,`);

    const viaFormat = await fetch(`${instance.baseUrl}/api/v1/audit?format=csv&actor=nobody`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(
      (await viaFormat.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);
    const exports = await entries('action=audit.export');
    expect(exports.entries.map((entry) => entry.details)).toEqual([
      { actor: 'nobody', entries: 0 },
      { action: 'session.sign-in', entries: 4 },
      { action: 'records.search', entries: lines.length - 1 },
    ]);
  });

  it('describes the route in the OpenAPI document', async () => {
    const { body } = await instance.request('GET', '/api/v1/openapi.json');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/v1/audit', '/api/v1/audit/verification']));
  });
});
