import { FakeDiscourse } from '@verbatim/connectors/testing';
import { registerMockAccount, startInstance, syncOnce, waitForJob, type TestInstance } from './support/start-instance';

/**
 * The Discourse connector through a running instance: registered over the API as a message board (its settings
 * validated, the key never shown back), synced by a worker against the fake forum over HTTP, its topics and
 * replies found by search with their edits as versions, and a revoked key reported on the account in plain words
 * without retries.
 */
describe('a Discourse forum archived by a running instance', () => {
  let instance: TestInstance;
  let forum: FakeDiscourse;

  beforeAll(async () => {
    forum = await FakeDiscourse.start({ seed: 8, topics: 30, maxRepliesPerTopic: 4, editRate: 0.3, deleteRate: 0 });
    instance = await startInstance();
  });
  afterAll(async () => {
    await instance.stop();
    await forum.close();
  });

  it('archives topics and replies as plain text, edits as versions, and says plainly when the key is revoked', async () => {
    const connector = { type: 'discourse', baseUrl: forum.baseUrl, apiKey: forum.apiKey };
    const refused = await instance.request('POST', '/api/v1/accounts', {
      agencyId: 'agency_missing',
      platform: 'message-board',
      handle: 'forum',
      connector: { type: 'discourse', baseUrl: forum.baseUrl, apiUsername: 'townclerk' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('apiUsername is only used with an apiKey');
    const accountId = await registerMockAccount(instance, connector, 'forum', { platform: 'message-board' });
    const shown = (await instance.request('GET', `/api/v1/accounts/${accountId}`)).body;
    expect(shown.connector.apiKey).toBe('••••');
    expect(JSON.stringify(shown)).not.toContain(forum.apiKey);

    await syncOnce(instance, accountId);
    const expected = forum.expected();
    const listed = await instance.request('GET', `/api/v1/records?${new URLSearchParams({ accountId, limit: '1' })}`);
    expect(listed.body.total).toBe(expected.size);
    const twice = forum.forum.liveTopics().find((n) => forum.forum.editTimes({ n, p: 0 }).length === 2)!;
    const words = `"notice ${twice} from the Town"`;
    const found = await instance.request('GET', `/api/v1/records?${new URLSearchParams({ accountId, q: words })}`);
    expect(found.body.total).toBe(1);
    const detail = (await instance.request('GET', `/api/v1/records/${found.body.records[0].id}`)).body;
    expect(detail).toMatchObject({ platform: 'message-board', kind: 'post', status: 'edited' });
    expect(detail.text).toBe(forum.forum.recordText({ n: twice, p: 0 }, 2));
    expect(detail.versions.map((version: { text: string }) => version.text)).toEqual(
      [0, 1, 2].map((k) => forum.forum.recordText({ n: twice, p: 0 }, k)),
    );

    forum.revokeKey();
    const started = await instance.request('POST', `/api/v1/accounts/${accountId}/sync`);
    const job = await waitForJob(instance, started.body.jobId);
    expect(job.state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    const account = (await instance.request('GET', `/api/v1/accounts/${accountId}`)).body;
    expect(account.sync.lastError).toMatch(/^the Discourse API key was refused by .* revoked or expired/);
  });
});
