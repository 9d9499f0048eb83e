import { createToken } from './support/foia-fixtures';
import { startInstance, type TestInstance } from './support/start-instance';

const CONNECTOR = { type: 'mock', seed: 31, posts: 2, maxCommentsPerPost: 1 };

describe('new accounts where the town requires approval (REQUIRE_ACCOUNT_APPROVAL)', () => {
  let instance: TestInstance;

  beforeAll(async () => {
    instance = await startInstance({ REQUIRE_ACCOUNT_APPROVAL: 'true' });
  });
  afterAll(() => instance?.stop());

  it('starts pending and unsynced; only the Communications Manager approves it, recorded with who and when', async () => {
    const agency = await instance.request('POST', '/api/v1/agencies', {
      name: 'Health Department',
      kind: 'department',
    });
    const registered = await instance.request('POST', '/api/v1/accounts', {
      agencyId: agency.body.id,
      platform: 'facebook',
      handle: 'norwalkhealth',
      status: 'active',
      connector: CONNECTOR,
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ status: 'pending-approval', nextSync: null, health: null });
    const accountId = registered.body.id as string;

    // Not synced: neither by the schedule nor by "Sync now", which says why.
    const sync = await instance.request('POST', `/api/v1/accounts/${accountId}/sync`);
    expect(sync.status).toBe(409);
    expect(sync.body.error).toMatchObject({
      code: 'account_pending_approval',
      message: "this account is waiting for the Communications Manager's approval: it is not archived until approved",
    });
    const { body: compliance } = await instance.request('GET', '/api/v1/compliance');
    expect(compliance.accounts[0].reasons).toContain(
      'Waiting for the Communications Manager to approve the account: it is not archived until then.',
    );

    // IT can no longer flip it to active, and neither IT nor a moderator can approve it.
    const flipped = await instance.request('PATCH', `/api/v1/accounts/${accountId}`, { status: 'active' });
    expect(flipped.status).toBe(403);
    expect(flipped.body.error.code).toBe('approval_required');
    expect((await instance.request('POST', `/api/v1/accounts/${accountId}/approval`)).status).toBe(403);
    const moderator = await createToken(instance, 'moderator', ['moderator']);
    expect(
      (await instance.request('POST', `/api/v1/accounts/${accountId}/approval`, undefined, moderator)).status,
    ).toBe(403);
    expect((await instance.request('GET', `/api/v1/accounts/${accountId}`)).body.status).toBe('pending-approval');

    const manager = await createToken(instance, 'communications manager', ['communications-manager']);
    const before = Date.now();
    const approved = await instance.request('POST', `/api/v1/accounts/${accountId}/approval`, undefined, manager);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ accountId, approvedBy: expect.stringMatching(/^tok_/) as string });
    expect(Date.parse(approved.body.approvedAt)).toBeGreaterThanOrEqual(before - 1000);
    const { body: account } = await instance.request('GET', `/api/v1/accounts/${accountId}`);
    expect(account.status).toBe('active');
    expect(account.nextSync).not.toBeNull();
    expect((await instance.request('POST', `/api/v1/accounts/${accountId}/sync`)).status).toBe(202);

    const again = await instance.request('POST', `/api/v1/accounts/${accountId}/approval`, undefined, manager);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_pending_approval');
  });
});
