import {
  FAKE_EDITORS,
  FakeBluesky,
  FakeFeed,
  FakeLinkedin,
  FakeMastodon,
  FakeMediaWiki,
} from '@verbatim/connectors/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { popplerPageTexts } from '@verbatim/bundles/testing';
import { createToken, eventually } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, waitForJob, type TestInstance } from './support/start-instance';

/**
 * The real connectors through a running instance: registered over the API (their settings validated, the
 * token never shown back), synced by a worker against their fake platforms over HTTP, their records found by
 * search, and a refused token reported on the account in plain words without retries.
 */
describe('real platform connectors in a running instance', () => {
  let instance: TestInstance;
  let mastodon: FakeMastodon;
  let bluesky: FakeBluesky;
  let feed: FakeFeed;
  let wiki: FakeMediaWiki;
  let linkedin: FakeLinkedin;

  beforeAll(async () => {
    mastodon = await FakeMastodon.start({
      seed: 5,
      posts: 25,
      newPostsPerStep: 2,
      maxRepliesPerPost: 3,
      newReplyRate: 0.3,
      editRate: 0.1,
      deleteRate: 0,
      mediaRate: 0.2,
      privateRate: 0,
      accessToken: 'town-token',
    });
    bluesky = await FakeBluesky.start({ seed: 5, posts: 25, maxRepliesPerPost: 3, imageRate: 0.2 });
    feed = await FakeFeed.start({ format: 'rss', seed: 5, posts: 15, photoRate: 0.3 });
    wiki = await FakeMediaWiki.start({ seed: 5, pages: 8, maxRevisions: 3 });
    linkedin = await FakeLinkedin.start({ seed: 5, posts: 12, maxCommentsPerPost: 3, imageRate: 0.3 });
    instance = await startInstance();
  });
  afterAll(async () => {
    await instance.stop();
    await mastodon.close();
    await bluesky.close();
    await feed.close();
    await wiki.close();
    await linkedin.close();
  });

  const recordsOf = async (accountId: string) =>
    (await instance.request('GET', `/api/v1/records?${new URLSearchParams({ accountId, limit: '100' })}`)).body as {
      total: number;
      records: Array<{ platform: string; text: string; kind: string }>;
    };

  it('archives a Mastodon account, keeps its token secret, and says plainly when the token is refused', async () => {
    const connector = {
      type: 'mastodon',
      instanceUrl: mastodon.baseUrl,
      account: 'townofx',
      accessToken: 'town-token',
    };
    const refused = await instance.request('POST', '/api/v1/accounts', {
      agencyId: 'agency_missing',
      platform: 'mastodon',
      handle: 'townofx',
      connector: { ...connector, account: undefined, instanceUrl: 'ftp://nowhere' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/connector\.(account|instanceUrl)/);
    const accountId = await registerMockAccount(instance, connector, 'townofx', { platform: 'mastodon' });
    const shown = (await instance.request('GET', `/api/v1/accounts/${accountId}`)).body;
    expect(shown.connector.accessToken).toBe('••••');
    expect(JSON.stringify(shown)).not.toContain('town-token');

    await syncOnce(instance, accountId);
    const { total, records } = await recordsOf(accountId);
    expect(total).toBeGreaterThan(25);
    expect(records.every((record) => record.platform === 'mastodon')).toBe(true);
    expect(records.some((record) => record.kind !== 'post')).toBe(true);
    expect(records.every((record) => !/<\/?p>|<br/.test(record.text))).toBe(true);

    mastodon.revokeToken();
    const started = await instance.request('POST', `/api/v1/accounts/${accountId}/sync`);
    const job = await waitForJob(instance, started.body.jobId);
    expect(job.state).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    const account = (await instance.request('GET', `/api/v1/accounts/${accountId}`)).body;
    expect(account.sync.lastError).toMatch(/^the Mastodon access token was refused \(401\)/);
  });

  it('archives a Bluesky account from its public feed, residents’ replies included, found by search', async () => {
    const accountId = await registerMockAccount(
      instance,
      { type: 'bluesky', actor: bluesky.world.options.handle, serviceUrl: bluesky.baseUrl, cdnUrl: bluesky.baseUrl },
      bluesky.world.options.handle,
      { platform: 'bluesky' },
    );
    await syncOnce(instance, accountId);
    const { total, records } = await recordsOf(accountId);
    expect(total).toBeGreaterThan(25);
    expect(records.every((record) => record.platform === 'bluesky')).toBe(true);
    expect(records.some((record) => record.kind !== 'post')).toBe(true);
    const word = records[0].text.split(/\s+/).find((candidate) => /^[A-Za-z]{5,}$/.test(candidate))!;
    const found = (await instance.request('GET', `/api/v1/records?${new URLSearchParams({ accountId, q: word })}`))
      .body;
    expect(found.total).toBeGreaterThan(0);
  });

  it('archives a town blog from its RSS feed, each entry with its page as served, found by search', async () => {
    const accountId = await registerMockAccount(instance, { type: 'feed', url: feed.feedUrl }, 'clerk-news', {
      platform: 'blog',
    });
    await syncOnce(instance, accountId);
    const { total, records } = await recordsOf(accountId);
    expect(total).toBe(15);
    expect(records.every((record) => record.platform === 'blog' && record.kind === 'post')).toBe(true);
    const found = await instance.request(
      'GET',
      `/api/v1/records?${new URLSearchParams({ accountId, q: '"notice 7"' })}`,
    );
    expect(found.body.total).toBe(1);
    const detail = (await instance.request('GET', `/api/v1/records/${found.body.records[0].id}`)).body;
    const page = detail.attachments.find((attachment: { kind: string }) => attachment.kind === 'link');
    const served = await fetch(`${instance.baseUrl}/api/v1/media/${page.sha256}`, {
      headers: { authorization: `Bearer ${instance.adminToken}` },
    });
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(await served.text()).toContain('<h1>');
  });

  it('archives a town wiki: each revision a version with its editor and time, a new edit added on the next sync', async () => {
    const refused = await instance.request('POST', '/api/v1/accounts', {
      agencyId: 'agency_missing',
      platform: 'wiki',
      handle: 'townwiki',
      connector: { type: 'mediawiki', apiUrl: `${wiki.baseUrl}/wiki/Main_Page`, category: 'Minutes', namespace: 0 },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('api.php address');
    expect(JSON.stringify(refused.body)).toContain('at most one of pages, category or namespace');
    const accountId = await registerMockAccount(instance, { type: 'mediawiki', apiUrl: wiki.apiUrl }, 'townwiki', {
      platform: 'wiki',
    });
    await syncOnce(instance, accountId);
    const { total, records } = await recordsOf(accountId);
    expect(total).toBe(wiki.wiki.livePages(0).length);
    expect(records.every((record) => record.platform === 'wiki' && !record.text.includes("'''"))).toBe(true);

    const page = wiki.wiki.livePages(0)[0];
    wiki.wiki.edit(page.pageid, FAKE_EDITORS[3]);
    await syncOnce(instance, accountId);
    const found = await instance.request(
      'GET',
      `/api/v1/records?${new URLSearchParams({ accountId, q: `"Amendment ${page.revisions.length - 1}"` })}`,
    );
    const detail = (
      await instance.request(
        'GET',
        `/api/v1/records/${found.body.records.find((record: { platformId: string }) => record.platformId === String(page.pageid)).id}`,
      )
    ).body;
    expect(
      detail.versions.map((version: { author: { name: string }; editedAt: string }) => [
        version.author.name,
        version.editedAt,
      ]),
    ).toEqual(page.revisions.map((revision) => [revision.user, new Date(revision.timestamp).toISOString()]));
    expect(detail.versions.at(-1).author).toEqual({ id: String(FAKE_EDITORS[3].userid), name: FAKE_EDITORS[3].user });

    // A response bundle of the page names the editor of each version another person made.
    const officer = await createToken(instance, 'officer', ['foia-officer']);
    const logged = await instance.request(
      'POST',
      '/api/v1/foia-requests',
      {
        requester: { name: 'Morgan Lee', email: 'morgan@example.org' },
        receivedAt: new Date().toISOString(),
        description: 'The history of the town wiki page',
      },
      officer,
    );
    expect(logged.status).toBe(201);
    const added = await instance.request(
      'POST',
      `/api/v1/foia-requests/${logged.body.id}/items`,
      { recordIds: [detail.id] },
      officer,
    );
    expect(added.status).toBe(201);
    const started = await instance.request(
      'POST',
      `/api/v1/foia-requests/${logged.body.id}/bundles`,
      undefined,
      officer,
    );
    expect(started.status).toBe(202);
    await eventually(async () => {
      const { body } = await instance.request('GET', `/api/v1/bundles/${started.body.id}`, undefined, officer);
      if (body.status === 'failed') throw new Error(`bundle failed: ${body.error}`);
      return body.status === 'completed' ? body : undefined;
    }, 'the bundle to complete');
    const pdf = await fetch(`${instance.baseUrl}/api/v1/bundles/${started.body.id}/pdf`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'verbatim-wiki-bundle-'));
    const file = path.join(scratch, 'bundle.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const printed = (await popplerPageTexts(file)).join(' ').replace(/\s+/g, ' ');
    rmSync(scratch, { recursive: true, force: true });
    const byOthers = (detail.versions as Array<{ author: { id: string; name: string } }>).filter(
      (version) => version.author.id !== detail.author.id,
    );
    expect(byOthers.length).toBeGreaterThan(0);
    for (const version of byOthers) expect(printed).toContain(` by ${version.author.name}`);
    expect(printed).toContain(`Author ${detail.author.name}`);
  });

  it('archives a LinkedIn organization, keeps its token secret, and names the permission LinkedIn wants', async () => {
    const connector = {
      type: 'linkedin',
      organizationId: linkedin.organizationId,
      accessToken: linkedin.accessToken,
      apiUrl: linkedin.apiUrl,
    };
    const refused = await instance.request('POST', '/api/v1/accounts', {
      agencyId: 'agency_missing',
      platform: 'linkedin',
      handle: 'townofx',
      connector: { ...connector, organizationId: 'town-of-x', version: '202401' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/connector\.organizationId/);
    expect(JSON.stringify(refused.body)).toMatch(/version/); // strict: an unknown setting is refused, not dropped
    const accountId = await registerMockAccount(instance, connector, 'townofx', { platform: 'linkedin' });
    const shown = (await instance.request('GET', `/api/v1/accounts/${accountId}`)).body;
    expect(shown.connector.accessToken).toBe('••••');
    expect(JSON.stringify(shown)).not.toContain(linkedin.accessToken);

    await syncOnce(instance, accountId);
    const { total, records } = await recordsOf(accountId);
    expect(total).toBe(linkedin.expected().size);
    expect(records.every((record) => record.platform === 'linkedin')).toBe(true);
    expect(records.some((record) => record.kind === 'comment')).toBe(true);
    const found = await instance.request(
      'GET',
      `/api/v1/records?${new URLSearchParams({ accountId, q: '"Public Works"' })}`,
    );
    expect(found.body.total).toBe(12);

    const failedSync = async () => {
      const started = await instance.request('POST', `/api/v1/accounts/${accountId}/sync`);
      const job = await waitForJob(instance, started.body.jobId);
      expect(job.state).toBe('failed');
      const account = (await instance.request('GET', `/api/v1/accounts/${accountId}`)).body;
      return { attempts: job.attemptsMade, lastError: account.sync.lastError as string };
    };
    // Refused without retries: only new access helps.
    linkedin.withdrawPartnerAccess();
    const forbidden = await failedSync();
    expect(forbidden.attempts).toBe(1);
    expect(forbidden.lastError).toMatch(
      /^LinkedIn refused to show the organization's posts \(403 .*the r_organization_social permission/,
    );
    linkedin.expireToken();
    expect((await failedSync()).lastError).toMatch(
      /^the LinkedIn access token has expired \(LinkedIn access tokens last 60 days\)/,
    );
  });
});
