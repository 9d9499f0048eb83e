import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const CONNECTOR = { type: 'mock', seed: 21, posts: 30, maxCommentsPerPost: 8 };
const REQUEST = {
  requester: { name: 'Lee Park' },
  receivedAt: '2025-11-03T09:00:00-05:00',
  description: 'Comments mentioning the budget',
};

describe('gathering records for a FOIA request', () => {
  let instance: TestInstance;
  let officer: string;
  let requestId: string;

  beforeAll(async () => {
    instance = await startInstance();
    officer = await createToken(instance, 'officer', ['foia-officer']);
    const accountId = await registerMockAccount(instance, CONNECTOR);
    await syncOnce(instance, accountId);
    requestId = (await instance.request('POST', '/api/v1/foia-requests', REQUEST, officer)).body.id;
  });
  afterAll(() => instance.stop());

  const items = async () =>
    (await instance.request('GET', `/api/v1/foia-requests/${requestId}/items`, undefined, officer)).body;

  it('attaches a saved search: the query is frozen, the matches snapshotted, and replies bring the posts they answer', async () => {
    const search = await instance.request(
      'GET',
      '/api/v1/records?q=budget&kind=comment,reply&limit=1000',
      undefined,
      officer,
    );
    expect(search.body.total).toBeGreaterThan(0);
    const attached = await instance.request(
      'POST',
      `/api/v1/foia-requests/${requestId}/items`,
      { query: { q: 'budget', kind: ['comment', 'reply'] } },
      officer,
    );
    expect(attached.status).toBe(201);
    expect(attached.body.savedSearch).toMatchObject({
      matched: search.body.total,
      query: { q: 'budget', filters: { kind: ['comment', 'reply'] } },
    });

    const { items: gathered, savedSearches } = await items();
    expect(savedSearches).toHaveLength(1);
    const fromSearch = gathered.filter((item: { source: string }) => item.source === 'search');
    expect(fromSearch.map((item: { recordId: string }) => item.recordId).sort()).toEqual(
      search.body.records.map((record: { id: string }) => record.id).sort(),
    );
    const context = gathered.filter((item: { source: string }) => item.source === 'thread-context');
    expect(context.length).toBeGreaterThan(0);
    expect(context.some((item: { record: { kind: string } }) => item.record.kind === 'post')).toBe(true);
    // Every gathered comment's parent is in the request too.
    const platformIds = new Set(gathered.map((item: { record: { platformId: string } }) => item.record.platformId));
    for (const item of fromSearch) expect(platformIds.has(item.record.parentPlatformId)).toBe(true);
    expect(attached.body.items).toBe(gathered.length);
  });

  it('attaches records by id, refusing unknown ids without adding anything', async () => {
    const list = await instance.request('GET', '/api/v1/records?kind=post&limit=3&sort=oldest', undefined, officer);
    const ids = list.body.records.map((record: { id: string }) => record.id);
    const before = (await items()).items.length;
    const refused = await instance.request(
      'POST',
      `/api/v1/foia-requests/${requestId}/items`,
      { recordIds: [...ids, 'rec_nope'] },
      officer,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('rec_nope');
    expect((await items()).items).toHaveLength(before);
    const picked = await instance.request(
      'POST',
      `/api/v1/foia-requests/${requestId}/items`,
      { recordIds: ids },
      officer,
    );
    expect(picked.status).toBe(201);
    const after = (await items()).items;
    for (const id of ids) expect(after.some((item: { recordId: string }) => item.recordId === id)).toBe(true);
  });

  it('withholds and redacts only with a catalogued exemption and a justification, and suggests PII to redact', async () => {
    const [item] = (await items()).items;
    const patch = (body: object) =>
      instance.request('PATCH', `/api/v1/foia-requests/${requestId}/items/${item.recordId}`, body, officer);
    expect((await patch({ disposition: 'withhold', justification: 'x' })).status).toBe(400);
    expect(
      (await patch({ disposition: 'withhold', exemptionCode: '9-999', justification: 'x' })).body.error.message,
    ).toContain('no exemption 9-999');
    expect((await patch({ disposition: 'withhold', exemptionCode: '1-210(b)(2)' })).status).toBe(400);
    const withheld = await patch({
      disposition: 'withhold',
      exemptionCode: '1-210(b)(2)',
      justification: 'Medical details of a named employee',
    });
    expect(withheld.status).toBe(200);
    expect(withheld.body).toMatchObject({ disposition: 'withhold', exemptionCode: '1-210(b)(2)' });

    const version = item.record.versionCount;
    const tooLong = await patch({
      disposition: 'redact',
      exemptionCode: '1-217',
      justification: 'Home address',
      redactions: [{ version, start: 0, end: 100_000, code: '1-217' }],
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('outside the text');
    const redacted = await patch({
      disposition: 'redact',
      exemptionCode: '1-217',
      justification: 'Home address',
      redactions: [{ version, start: 0, end: 4, code: '1-217' }],
    });
    expect(redacted.status).toBe(200);
    expect(redacted.body.redactions).toEqual([{ version, start: 0, end: 4, code: '1-217' }]);
    expect((await patch({ disposition: 'produce' })).body).toMatchObject({
      disposition: 'produce',
      exemptionCode: null,
      redactions: [],
    });

    // The mock writes phone numbers and emails into some posts: the finder points at them, nothing is redacted.
    const withPii = await instance.request('GET', '/api/v1/records?q=example+OR+555&limit=50', undefined, officer);
    const suggestionsFor = async (recordId: string) =>
      (await instance.request('GET', `/api/v1/foia-requests/${requestId}/items/${recordId}/pii`, undefined, officer))
        .body.suggestions;
    const candidates = withPii.body.records.map((record: { id: string }) => record.id).slice(0, 20);
    await instance.request('POST', `/api/v1/foia-requests/${requestId}/items`, { recordIds: candidates }, officer);
    const found = (await Promise.all(candidates.map(suggestionsFor))).flat();
    expect(found.length).toBeGreaterThan(0);
    for (const suggestion of found) expect(['email', 'phone', 'street-address']).toContain(suggestion.kind);
    expect((await items()).items.every((gathered: { disposition: string }) => gathered.disposition === 'produce')).toBe(
      true,
    );
  });

  it('keeps other roles out', async () => {
    const moderator = await createToken(instance, 'moderator', ['moderator']);
    expect(
      (await instance.request('GET', `/api/v1/foia-requests/${requestId}/items`, undefined, moderator)).status,
    ).toBe(403);
    expect(
      (await instance.request('POST', `/api/v1/foia-requests/${requestId}/items`, { recordIds: ['x'] }, moderator))
        .status,
    ).toBe(403);
  });
});
