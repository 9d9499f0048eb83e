import { MockPlatform } from '@verbatim/connectors';
import { recordIdFor, sha256Hex } from '@verbatim/core';
import { TestInstance, registerMockAccount, startInstance, syncOnce } from './support/start-instance';

const CONNECTOR = { type: 'mock' as const, seed: 7, posts: 40, maxCommentsPerPost: 12 };

describe('archive pipeline over HTTP', () => {
  let instance: TestInstance;
  let accountId: string;
  const platform = new MockPlatform(CONNECTOR);

  beforeAll(async () => {
    instance = await startInstance();
    accountId = await registerMockAccount(instance, CONNECTOR);
    await syncOnce(instance, accountId);
  });
  afterAll(() => instance.stop());

  it('finds a known comment by its words, with a highlight', async () => {
    const comment = [...platform.listItems(1)].find(
      (item) => item.kind === 'comment' && item.text.split(/\s+/).length >= 4,
    )!;
    const words = comment.text
      .split(/\s+/)
      .filter((word) => /^[a-z]{4,}$/i.test(word))
      .slice(0, 3);
    const query = new URLSearchParams({ q: words.join(' '), accountId, limit: '1000' });
    const { status, body } = await instance.request('GET', `/api/v1/records?${query}`);
    expect(status).toBe(200);
    const hit = body.records.find((record: { id: string }) => record.id === recordIdFor(accountId, comment.platformId));
    expect(hit).toBeDefined();
    expect(hit.text).toBe(comment.text);
    expect(hit.highlight).toMatch(/<mark>/);
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.facets.kind.length).toBeGreaterThan(0);
  });

  it('shows each record with the SHA-256 and key of its raw page, stored byte-for-byte', async () => {
    const post = [...platform.listItems(1)].find((item) => item.kind === 'post')!;
    const { status, body } = await instance.request(
      'GET',
      `/api/v1/records/${recordIdFor(accountId, post.platformId)}`,
    );
    expect(status).toBe(200);
    expect(body.versions).toHaveLength(1);
    const version = body.versions[0];
    expect(version.rawCaptureSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(version.rawCaptureKey).toBe(`raw/${version.rawCaptureSha256.slice(0, 2)}/${version.rawCaptureSha256}`);
    const stored = Buffer.from(await instance.running.backends.objectStore.get(version.rawCaptureKey));
    expect(sha256Hex(stored)).toBe(version.rawCaptureSha256);
    const page = JSON.parse(stored.toString('utf8'));
    expect(page.data.find((item: { id: string }) => item.id === post.platformId).message).toBe(post.text);
    expect(body.captures[0]).toMatchObject({ sha256: version.rawCaptureSha256, key: version.rawCaptureKey });

    const download = await fetch(`${instance.baseUrl}/api/v1/captures/${version.rawCaptureSha256}`, {
      headers: { authorization: `Bearer ${instance.adminToken}` },
    });
    expect(download.status).toBe(200);
    expect(sha256Hex(Buffer.from(await download.arrayBuffer()))).toBe(version.rawCaptureSha256);
  });

  it('gives a reply its thread context: ancestors up to the post', async () => {
    const reply = [...platform.listItems(1)].find((item) => item.depth >= 2)!;
    const { body } = await instance.request('GET', `/api/v1/records/${recordIdFor(accountId, reply.platformId)}`);
    expect(body.kind).toBe('reply');
    expect(body.thread.ancestors.length).toBe(reply.depth);
    expect(body.thread.ancestors[0].kind).toBe('post');
    expect(body.thread.ancestors.at(-1).platformId).toBe(reply.parentPlatformId);
  });

  it('archives images as real PNG bytes with their hash', async () => {
    const withImage = [...platform.listItems(1)].find((item) => item.image)!;
    const { body } = await instance.request('GET', `/api/v1/records/${recordIdFor(accountId, withImage.platformId)}`);
    const attachment = body.attachments[0];
    expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bytes = Buffer.from(await instance.running.backends.objectStore.get(attachment.archiveKey));
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(sha256Hex(bytes)).toBe(attachment.sha256);
  });

  it('lists everything the filters match when no query is given, newest first, with cursor paging', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let total: number;
    do {
      const query: URLSearchParams = new URLSearchParams({ accountId, limit: '100', ...(cursor ? { cursor } : {}) });
      const { status, body } = await instance.request('GET', `/api/v1/records?${query}`);
      expect(status).toBe(200);
      total = body.total;
      for (const record of body.records) {
        expect(seen.has(record.id)).toBe(false);
        seen.add(record.id);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(platform.groundTruth(1).total);
    expect(total).toBe(seen.size);
  });
});
