import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

interface SearchBody {
  total: number;
  records: Array<{ id: string; text: string }>;
  facets: Record<string, Array<{ value: string; count: number }>>;
}

describe('search by policy flag: computed when a record is indexed, filtered, counted and documented', () => {
  let instance: TestInstance;
  let accountId: string;

  beforeAll(async () => {
    instance = await startInstance();
    // The mock platform writes phone numbers and emails into some posts and comments.
    accountId = await registerMockAccount(instance, { type: 'mock', seed: 7, posts: 12, maxCommentsPerPost: 6 });
    await syncOnce(instance, accountId);
  });
  afterAll(async () => {
    await instance.stop();
  });

  const search = (query: string) => instance.request<SearchBody>('GET', `/api/v1/records?${query}`);

  it('finds the records raising a flag, as their record pages show it, and counts every flag as a facet', async () => {
    const all = await search(`accountId=${accountId}&limit=1000`);
    const flagged = await search(`accountId=${accountId}&flag=personal-information&limit=1000`);
    expect(flagged.status).toBe(200);
    expect(flagged.body.total).toBeGreaterThan(0);
    expect(flagged.body.total).toBeLessThan(all.body.total);
    expect(all.body.facets.flag).toContainEqual({ value: 'personal-information', count: flagged.body.total });
    expect(flagged.body.facets.flag).toContainEqual({ value: 'personal-information', count: flagged.body.total });
    // Like every filter, the flag facet is counted without its own choice: it says what picking another gives.
    expect(flagged.body.facets.flag).toEqual(all.body.facets.flag);
    for (const record of flagged.body.records.slice(0, 5)) {
      const detail = await instance.request('GET', `/api/v1/records/${record.id}`);
      expect(detail.body.policyFlags.map((flag: { flag: string }) => flag.flag)).toContain('personal-information');
    }
    // And the records left out raise none on their pages.
    const unflagged = all.body.records.find((record) => !flagged.body.records.some((hit) => hit.id === record.id))!;
    const detail = await instance.request('GET', `/api/v1/records/${unflagged.id}`);
    expect(detail.body.policyFlags.map((flag: { flag: string }) => flag.flag)).not.toContain('personal-information');
  });

  it('takes a comma list (any of them) and combines with the other filters', async () => {
    const one = await search(`accountId=${accountId}&flag=personal-information&kind=post&limit=1000`);
    const either = await search(`accountId=${accountId}&flag=personal-information,threat&kind=post&limit=1000`);
    const repeated = await search(`accountId=${accountId}&flag=personal-information&flag=threat&kind=post&limit=1000`);
    expect(either.body.total).toBeGreaterThanOrEqual(one.body.total);
    expect(repeated.body.total).toBe(either.body.total);
    expect(one.body.facets.kind).toEqual([{ value: 'post', count: one.body.total }]);
  });

  it('refuses an unknown flag with a 400 naming the valid ones', async () => {
    const refused = await instance.request('GET', '/api/v1/records?flag=rude');
    expect(refused.status).toBe(400);
    const text = JSON.stringify(refused.body.error);
    expect(text).toContain('flag');
    for (const valid of ['personal-information', 'spam', 'commercial', 'crowdfunding', 'profanity', 'threat'])
      expect(text).toContain(valid);
  });

  it('documents the flag parameter in the OpenAPI document', async () => {
    const { body } = await instance.request('GET', '/api/v1/openapi.json');
    const parameters = body.paths['/api/v1/records'].get.parameters as Array<{ name: string; schema: unknown }>;
    const flag = parameters.find((parameter) => parameter.name === 'flag');
    expect(JSON.stringify(flag?.schema)).toContain('crowdfunding');
  });
});
