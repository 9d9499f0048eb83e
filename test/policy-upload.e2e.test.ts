import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createToken } from './support/foia-fixtures';
import { startInstance, type TestInstance } from './support/start-instance';

const CONNECTOR = { type: 'mock', seed: 21, posts: 2, maxCommentsPerPost: 1 };
const ADA = { name: 'Ada Admin', email: 'ada@town.example', phone: '203 555 0101' };
const BO = { name: 'Bo Admin', email: 'bo@town.example', phone: '203 555 0102' };
const MO = { name: 'Mo Moderator', email: 'mo@town.example', phone: '203 555 0103' };
const TITLE = 'Westport Social Media Policy';
const VERSION_2 = '# Westport Social Media Policy\n\nComments are removed only for the categories of Exhibit A.\n';
/** A one-page PDF, as small as a PDF can be: what a town's scanner or word processor would send, in spirit. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

interface PolicyBody {
  id: string;
  versions: Array<{
    id: string;
    version: number;
    text: string;
    createdBy: string;
    createdAt: string;
    file: { sha256: string; contentType: string; fileName: string; byteLength: number } | null;
  }>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the town uploads its policy as a file: a new version, archived by SHA-256, which receipts must then be of', () => {
  let instance: TestInstance;
  let documentId: string;
  let accountId: string;

  /** Sends the file as the request body, as `curl --data-binary @policy.pdf -H 'content-type: …'` would. */
  const upload = async (urlPath: string, contentType: string, body: Uint8Array, token = instance.adminToken) => {
    const response = await fetch(`${instance.baseUrl}/api/v1${urlPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as PolicyBody & { error: { code: string; message: string } },
    };
  };
  /** The policy files in the object store (the filesystem store of this instance; under S3, none to list here). */
  const storedPolicyFiles = (): string[] => {
    const root = path.join(instance.dataDir, 'objects', 'policies');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  };
  const reasons = async (): Promise<string[]> =>
    (await instance.request('GET', '/api/v1/compliance')).body.accounts.find(
      (account: { accountId: string }) => account.accountId === accountId,
    ).reasons;
  const paperReceipt = async (versionId: string, person: { name: string; email: string }) =>
    expect(
      (
        await instance.request('POST', '/api/v1/policy-receipts', {
          versionId,
          personName: person.name,
          personEmail: person.email,
          signedOn: '2026-12-01',
        })
      ).status,
    ).toBe(201);

  beforeAll(async () => {
    instance = await startInstance({});
    const policy = await instance.request('POST', '/api/v1/policies', {
      title: TITLE,
      text: 'Version 1: every administrator and moderator receives this policy.',
    });
    documentId = policy.body.id;
    for (const person of [ADA, BO, MO]) await paperReceipt(policy.body.versions[0].id, person);
    const agency = await instance.request('POST', '/api/v1/agencies', {
      name: 'Parks & Recreation',
      kind: 'department',
    });
    const account = await instance.request('POST', '/api/v1/accounts', {
      agencyId: agency.body.id,
      platform: 'facebook',
      handle: 'westportparks',
      administrators: [ADA, BO],
      moderators: [MO],
      connector: CONNECTOR,
    });
    accountId = account.body.id;
    expect(await reasons()).toEqual([]);
  });
  afterAll(() => instance?.stop());

  it('refuses a file of another type, one whose bytes belie its type, one too large or not UTF-8, with a 400 that stores nothing', async () => {
    const refusals = [
      await upload(
        `/policies/${documentId}/versions/file?fileName=logo.png`,
        'image/png',
        Buffer.from('\x89PNG\r\n\x1a\n'),
      ),
      await upload(
        `/policies/${documentId}/versions/file`,
        'application/pdf',
        Buffer.from('not a pdf at all, just words'),
      ),
      await upload(`/policies/${documentId}/versions/file`, 'text/plain', Buffer.alloc(10 * 1024 * 1024 + 1, 'a')),
      await upload(`/policies/${documentId}/versions/file`, 'text/markdown', Buffer.from([0xc3, 0x28, 0x41, 0x42])),
      await upload(`/policies/${documentId}/versions/file`, 'text/plain', Buffer.alloc(0)),
    ];
    expect(refusals.map((refusal) => [refusal.status, refusal.body.error.code])).toEqual([
      [400, 'unsupported_file_type'],
      [400, 'not_a_pdf'],
      [400, 'file_too_large'],
      [400, 'not_utf8_text'],
      [400, 'empty_file'],
    ]);
    expect(refusals[0].body.error.message).toContain('PDF (application/pdf), text (text/plain) or Markdown');
    expect(refusals[2].body.error.message).toContain('larger than 10.0 MB');
    const unknown = await upload('/policies/pol_nope/versions/file', 'application/pdf', PDF);
    expect(unknown.status).toBe(404);
    const moderator = await createToken(instance, 'moderator script', ['moderator']);
    expect((await upload(`/policies/${documentId}/versions/file`, 'application/pdf', PDF, moderator)).status).toBe(403);

    expect((await instance.request('GET', `/api/v1/policies/${documentId}`)).body.versions).toHaveLength(1);
    expect(storedPolicyFiles()).toEqual([]);
    expect(await reasons()).toEqual([]);
  });

  it('stores an uploaded Markdown file as the next version; compliance then names everyone without a receipt of it', async () => {
    const bytes = Buffer.from(VERSION_2, 'utf8');
    const uploaded = await upload(
      `/policies/${documentId}/versions/file?fileName=social-media-policy.md&effectiveOn=2026-12-15`,
      'text/markdown; charset=utf-8',
      bytes,
    );
    expect(uploaded.status).toBe(201);
    const latest = uploaded.body.versions[1];
    expect(latest).toMatchObject({
      version: 2,
      text: VERSION_2,
      effectiveOn: '2026-12-15',
      file: {
        sha256: sha256(bytes),
        contentType: 'text/markdown',
        fileName: 'social-media-policy.md',
        byteLength: bytes.byteLength,
      },
    });
    expect(latest.createdBy).toMatch(/\S/);
    expect(Date.parse(latest.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    if (process.env.STORAGE_BACKEND !== 's3') expect(storedPolicyFiles()).toEqual([sha256(bytes)]);

    expect(await reasons()).toEqual([
      `Ada Admin (administrator) has no receipt of ${TITLE}, version 2.`,
      `Bo Admin (administrator) has no receipt of ${TITLE}, version 2.`,
      `Mo Moderator (moderator) has no receipt of ${TITLE}, version 2.`,
    ]);
    // Receipts of version 1 no longer count; one of version 2 does.
    await paperReceipt(latest.id, ADA);
    expect(await reasons()).toEqual([
      `Bo Admin (administrator) has no receipt of ${TITLE}, version 2.`,
      `Mo Moderator (moderator) has no receipt of ${TITLE}, version 2.`,
    ]);
  });

  it('takes a PDF as version 3 and gives the same bytes back, checked against their SHA-256', async () => {
    const uploaded = await upload(
      `/policies/${documentId}/versions/file?fileName=Policy%202026.pdf`,
      'application/pdf',
      PDF,
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.versions[2]).toMatchObject({
      version: 3,
      file: {
        sha256: sha256(PDF),
        contentType: 'application/pdf',
        fileName: 'Policy 2026.pdf',
        byteLength: PDF.byteLength,
      },
    });
    expect(uploaded.body.versions[2].text).toContain('PDF file "Policy 2026.pdf"');
    const moderator = await createToken(instance, 'a reader', ['moderator']);
    const response = await fetch(`${instance.baseUrl}/api/v1/policies/${documentId}/versions/3/file`, {
      headers: { authorization: `Bearer ${moderator}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-sha256')).toBe(sha256(PDF));
    expect(response.headers.get('content-disposition')).toContain('filename="Policy 2026.pdf"');
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await instance.request('GET', `/api/v1/policies/${documentId}/versions/1/file`)).status).toBe(404);
    expect((await reasons()).every((reason) => reason.endsWith(`${TITLE}, version 3.`))).toBe(true);
  });

  it('creates a new document from a text file, and lists the file routes in the OpenAPI document', async () => {
    const text = Buffer.from('Employees acknowledge this use policy in writing before posting.\n');
    const refused = await upload('/policies/file?title=x', 'text/plain', text);
    expect([refused.status, refused.body.error.message]).toEqual([400, expect.stringContaining('title')]);
    const created = await upload(
      '/policies/file?title=Norwalk%20Use%20Policy&requiresReceipt=false&fileName=use.txt',
      'text/plain',
      text,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Norwalk Use Policy', requiresReceipt: false });
    expect(created.body.versions[0].file).toMatchObject({ contentType: 'text/plain', fileName: 'use.txt' });
    const { body } = await instance.request('GET', '/api/v1/openapi.json');
    for (const route of [
      '/api/v1/policies/{id}/versions/file',
      '/api/v1/policies/file',
      '/api/v1/policies/{id}/versions/{version}/file',
    ])
      expect(Object.keys(body.paths)).toContain(route);
  });
});
