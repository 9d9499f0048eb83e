import { MockPlatform } from '@verbatim/connectors';
import { recordIdFor } from '@verbatim/core';
import { TestInstance, registerMockAccount, startInstance, syncOnce } from './support/start-instance';

const CONNECTOR = { type: 'mock' as const, seed: 21, posts: 30, maxCommentsPerPost: 8 };
const STEPS = 4;

describe('successive syncs keep every edit, hide and deletion', () => {
  let instance: TestInstance;
  let accountId: string;
  const platform = new MockPlatform(CONNECTOR);

  const countWhere = async (filters: Record<string, string>) => {
    const { body } = await instance.request(
      'GET',
      `/api/v1/records?${new URLSearchParams({ accountId, limit: '1', ...filters })}`,
    );
    return body.total as number;
  };

  beforeAll(async () => {
    instance = await startInstance();
    accountId = await registerMockAccount(instance, CONNECTOR);
  });
  afterAll(() => instance.stop());

  it('matches the mock platform ground truth after every sync', async () => {
    for (let step = 1; step <= STEPS; step += 1) {
      const job = await syncOnce(instance, accountId);
      const truth = platform.groundTruth(step);
      expect(job.result.passNumber).toBe(step);
      expect(await countWhere({})).toBe(truth.created);
      expect(await countWhere({ status: 'deleted' })).toBe(truth.deleted);
      expect(await countWhere({ status: 'hidden' })).toBe(truth.hidden);
      expect(await countWhere({ status: 'edited' })).toBe(truth.edited);
      expect(await countWhere({ status: 'live' })).toBe(truth.live);
      if (step > 1) {
        expect(truth.changedThisStep.edited).toBeGreaterThanOrEqual(1);
        expect(truth.changedThisStep.hidden).toBeGreaterThanOrEqual(1);
        expect(truth.changedThisStep.deleted).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('keeps the old text of an edited item as an earlier version', async () => {
    const edited = [...platform.listItems(STEPS)].find(
      (item) => item.editCount > 0 && item.createdStep < (item.lastEditStep ?? 0) && !item.hidden,
    )!;
    const { body } = await instance.request('GET', `/api/v1/records/${recordIdFor(accountId, edited.platformId)}`);
    expect(body.status).toBe('edited');
    expect(body.text).toBe(edited.text);
    expect(body.versions.length).toBeGreaterThanOrEqual(2);
    expect(body.versions[0].text).not.toBe(edited.text);
    expect(body.versions.at(-1).text).toBe(edited.text);
    // The edited-away words are still found by search.
    const oldWord = body.versions[0].text
      .split(/\s+/)
      .find((word: string) => /^[a-z]{5,}$/i.test(word) && !edited.text.includes(word));
    if (oldWord) {
      const found = await instance.request(
        'GET',
        `/api/v1/records?${new URLSearchParams({ q: oldWord, accountId, limit: '1000' })}`,
      );
      expect(found.body.records.map((record: { id: string }) => record.id)).toContain(body.id);
    }
  });

  it('keeps a deleted item with its text and a tombstone saying when the deletion was detected', async () => {
    const truthItems = new Map([...platform.listItems(1)].map((item) => [item.platformId, item]));
    const { body: deletedList } = await instance.request(
      'GET',
      `/api/v1/records?${new URLSearchParams({ accountId, status: 'deleted', limit: '50' })}`,
    );
    expect(deletedList.records.length).toBeGreaterThan(0);
    const deleted = deletedList.records[0];
    const { body } = await instance.request('GET', `/api/v1/records/${deleted.id}`);
    expect(body.status).toBe('deleted');
    expect(body.tombstone).toMatchObject({ recordId: deleted.id, reason: 'deleted-on-platform' });
    expect(Date.parse(body.tombstone.detectedAt)).toBeGreaterThanOrEqual(Date.parse(body.tombstone.lastSeenAt));
    expect(body.text.length).toBeGreaterThan(0);
    expect(body.versions.length).toBeGreaterThanOrEqual(1);
    const original = truthItems.get(body.platformId);
    if (original) expect(body.versions[0].text).toBe(original.text);
  });

  it('marks hidden items', async () => {
    const hidden = [...platform.listItems(STEPS)].find((item) => item.hidden)!;
    const { body } = await instance.request('GET', `/api/v1/records/${recordIdFor(accountId, hidden.platformId)}`);
    expect(body.status).toBe('hidden');
    expect(body.hiddenAt).toBeDefined();
  });
});
