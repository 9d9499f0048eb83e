import { createHmac } from 'node:crypto';
import { FakeFacebook } from '@verbatim/connectors/testing';
import { rawCaptureKey, sha256Hex } from '@verbatim/core';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const VERIFY_TOKEN = 'town-verify-token-0123456789';
const APP_SECRET = 'meta-app-secret-0123456789abcdef';
const HOOK = '/api/v1/webhooks/facebook';

/** Meta's signature of a delivery: HMAC-SHA256 of the exact bytes with the app secret. */
function signatureOf(body: string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('the Facebook Page webhook', () => {
  let fake: FakeFacebook;
  let instance: TestInstance;
  let accountId: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    fake = await FakeFacebook.start({ seed: 8, posts: 15, newCommentRate: 0.6, deleteRate: 0.1, editRate: 0.2 });
    instance = await startInstance({ FACEBOOK_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN }, { logLines });
    accountId = await registerMockAccount(instance, {
      type: 'facebook',
      pageId: fake.pageId,
      accessToken: fake.accessToken,
      graphUrl: fake.baseUrl,
      appSecret: APP_SECRET,
    });
    await syncOnce(instance, accountId);
  });
  afterAll(async () => {
    await instance.stop();
    await fake.close();
  });

  const post = (body: string, signature?: string) =>
    fetch(`${instance.baseUrl}${HOOK}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
      body,
    });
  const catalog = () => instance.running.backends.catalog;
  const syncState = async () => (await instance.request('GET', `/api/v1/accounts/${accountId}`)).body.sync;

  async function waitForPass(passNumber: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const sync = await syncState();
      if (sync.passNumber === passNumber && sync.status === 'completed') return;
      if (Date.now() > deadline) throw new Error(`pass ${passNumber} did not complete: ${JSON.stringify(sync)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A delivery announcing the Page's changes since the first sync, as Meta would send it. */
  function deliveryOfChanges(before: Set<string>): { body: string; added: string[]; removed: string[] } {
    const now = fake.existingIds();
    const added = now.filter((id) => !before.has(id) && !id.startsWith(`${fake.pageId}_`));
    const removed = [...before].filter((id) => fake.objectOf(id) === undefined);
    const postOf = (id: string) => `${fake.pageId}_${id.split('_')[0]}`;
    const changes = [
      ...added.map((id) => {
        const comment = fake.objectOf(id)!;
        return {
          field: 'feed',
          value: {
            item: 'comment',
            verb: 'add',
            comment_id: id,
            post_id: postOf(id),
            parent_id: (comment.parent as { id: string } | undefined)?.id ?? postOf(id),
            message: comment.message,
            from: comment.from,
            created_time: Math.floor(Date.parse(comment.created_time as string) / 1000),
          },
        };
      }),
      ...removed.map((id) => ({ field: 'feed', value: { item: 'comment', verb: 'remove', comment_id: id } })),
    ];
    const body = JSON.stringify({ object: 'page', entry: [{ id: fake.pageId, time: 1_735_700_000, changes }] });
    return { body, added, removed };
  }

  it('answers the subscription handshake with the challenge, and refuses a wrong token', async () => {
    const query = (token: string, mode = 'subscribe') =>
      `${instance.baseUrl}${HOOK}?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=1158201444`;
    const ok = await fetch(query(VERIFY_TOKEN));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(query('not-the-token'))).status).toBe(403);
    expect((await fetch(query(VERIFY_TOKEN, 'unsubscribe'))).status).toBe(403);
  });

  it('refuses a wrongly signed or unsigned delivery and stores nothing', async () => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: fake.pageId, time: 1, changes: [] }] });
    expect((await post(body, signatureOf(body, 'another-secret-0123456789'))).status).toBe(403);
    expect((await post(body)).status).toBe(403);
    const unknownPage = JSON.stringify({ object: 'page', entry: [{ id: '999000', time: 1, changes: [] }] });
    expect((await post(unknownPage, signatureOf(unknownPage))).status).toBe(403);
    expect(await catalog().getCapture(sha256Hex(Buffer.from(body)))).toBeNull();
    expect(await catalog().getCapture(sha256Hex(Buffer.from(unknownPage)))).toBeNull();
    expect(logLines.join('\n')).toMatch(/X-Hub-Signature-256 of a delivery for Page \d+ is wrong/);
    expect(await syncState()).toMatchObject({ passNumber: 1, status: 'completed' });
  });

  it('archives a signed delivery byte for byte and syncs its changes at once; a replay changes nothing', async () => {
    const before = new Set(fake.existingIds());
    fake.advance();
    const { body, added, removed } = deliveryOfChanges(before);
    expect(added.length + removed.length).toBeGreaterThan(0);
    const response = await post(body, signatureOf(body));
    expect(response.status).toBe(200);
    const sha256 = sha256Hex(Buffer.from(body));
    expect(await catalog().getCapture(sha256)).toMatchObject({ accountId, key: rawCaptureKey(sha256) });
    expect(Buffer.from(await instance.running.backends.objectStore.get(rawCaptureKey(sha256))).toString()).toBe(body);
    await waitForPass(2);
    for (const id of added) {
      expect(await catalog().getRecordByPlatformId(accountId, id)).toMatchObject({ text: fake.objectOf(id)!.message });
    }
    for (const id of removed) expect((await catalog().getRecordByPlatformId(accountId, id))!.status).toBe('deleted');

    const records = await catalog().countRecords();
    expect((await post(body, signatureOf(body))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await syncState()).toMatchObject({ passNumber: 2, status: 'completed' });
    expect(await catalog().countRecords()).toBe(records);
  });

  it('archives a delivery batched for several Pages once, naming each, and syncs every account it names', async () => {
    const otherPage = '104000000000888';
    const neverSynced = await registerMockAccount(instance, {
      type: 'facebook',
      pageId: otherPage,
      accessToken: fake.accessToken,
      graphUrl: fake.baseUrl,
      appSecret: APP_SECRET,
    });
    const passBefore = (await syncState()).passNumber as number;
    const body = JSON.stringify({
      object: 'page',
      entry: [
        { id: otherPage, time: 1_735_800_000, changes: [{ field: 'feed', value: { item: 'status', verb: 'add' } }] },
        { id: fake.pageId, time: 1_735_800_000, changes: [{ field: 'feed', value: { item: 'status', verb: 'add' } }] },
      ],
    });
    const response = await post(body, signatureOf(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const capture = await catalog().getCapture(sha256Hex(Buffer.from(body)));
    expect(capture).toMatchObject({ accountId: neverSynced, byteLength: Buffer.byteLength(body) });
    expect(capture!.source).toBe(
      `facebook webhook delivery (feed) for Pages ${otherPage} (account ${neverSynced}), ${fake.pageId} (account ${accountId})`,
    );
    await waitForPass(passBefore + 1);
    // The second Page is not the fake's: its queued sync ran and says so on the account, in plain words.
    const deadline = Date.now() + 30_000;
    let other = (await instance.request('GET', `/api/v1/accounts/${neverSynced}`)).body.sync;
    while (!other.lastError && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      other = (await instance.request('GET', `/api/v1/accounts/${neverSynced}`)).body.sync;
    }
    expect(other.lastError).toMatch(`cannot read a Facebook Page with id ${otherPage}`);
  });

  it('refuses deliveries for a Page whose account has no app secret, and says why in the log', async () => {
    const other = await FakeFacebook.start({ seed: 9, posts: 2 });
    try {
      const pageless = {
        type: 'facebook',
        pageId: '104000000000777',
        accessToken: other.accessToken,
        graphUrl: other.baseUrl,
      };
      await registerMockAccount(instance, pageless);
      const body = JSON.stringify({ object: 'page', entry: [{ id: '104000000000777', time: 1, changes: [] }] });
      expect((await post(body, signatureOf(body))).status).toBe(403);
      expect(logLines.join('\n')).toMatch(/Page 104000000000777\) has no appSecret in its connector settings/);
    } finally {
      await other.close();
    }
  });
});
