import { FakeMediaWiki, FAKE_EDITORS, MINUTES_CATEGORY, type FakeMediaWikiOptions } from '@verbatim/connectors/testing';
import { ConnectorConfigError, RateLimitedError, recordIdFor, sha256Hex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeMediaWiki;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(options: FakeMediaWikiOptions, settings: Record<string, unknown> = {}): Promise<void> {
  fake = await FakeMediaWiki.start(options);
  stack = await openSyncStack({ type: 'mediawiki', apiUrl: fake.apiUrl, ...settings } as never, 'wiki');
}

const recordOf = (pageid: number) => stack.catalog.getRecordByPlatformId(stack.accountId, String(pageid));
const versionsOf = (pageid: number) => stack.catalog.listVersions(recordIdFor(stack.accountId, String(pageid)));
const editorOf = (revision: { user: string; userid: number }) =>
  revision.userid ? { id: String(revision.userid), name: revision.user } : { name: revision.user };

describe('syncing a wiki from the fake MediaWiki Action API', () => {
  it('backfills every page of the main namespace, each revision a version by its editor at its time', async () => {
    await open({ seed: 3, pages: 60, maxRevisions: 5 });
    const result = await syncAccount(stack.deps, stack.accountId);
    const pages = fake.wiki.livePages(0);
    expect(result).toMatchObject({ phase: 'done', created: pages.length, quarantined: 0 });
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(pages.length);
    for (const page of pages) {
      const versions = await versionsOf(page.pageid);
      expect(versions.map((version) => [version.author, version.editedAt])).toEqual(
        page.revisions.map((revision) => [editorOf(revision), new Date(revision.timestamp).toISOString()]),
      );
    }
    // The second revision only turned bold into italics: the same plain text, still a version of its own.
    const copyedited = pages.find((page) => page.revisions.length >= 2)!;
    const [first, second] = await versionsOf(copyedited.pageid);
    expect(second.text).toBe(first.text);
    expect(second.attachments[0].sha256).toBe(sha256Hex(copyedited.revisions[1].text));
    const record = (await recordOf(copyedited.pageid))!;
    expect(record.text.startsWith(`${copyedited.title}\n\nAbout ${copyedited.title}`)).toBe(true);
    expect(record.text).not.toMatch(/'''|\{\{|\[\[|<ref>/);
    expect(record).toMatchObject({ platform: 'wiki', kind: 'post', author: editorOf(copyedited.revisions[0]) });
    expect(record.postedAt).toBe(new Date(copyedited.revisions[0].timestamp).toISOString());
    expect(record.url).toBe(`${fake.baseUrl}/w/index.php?curid=${copyedited.pageid}`);
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, String(fake.wiki.pages.at(-1)!.pageid))).toBe(
      null,
    ); // Project:About is in namespace 4
  });

  it('adds only the new revisions on the next pass, new pages, and tombstones a page the lookup says is missing', async () => {
    await open({ seed: 5, pages: 12, maxRevisions: 3 });
    await syncAccount(stack.deps, stack.accountId);
    const [edited, deleted, untouched] = fake.wiki.livePages(0);
    const countBefore = (await versionsOf(untouched.pageid)).length;
    fake.wiki.edit(edited.pageid, FAKE_EDITORS[2]);
    fake.wiki.edit(edited.pageid, FAKE_EDITORS[3]);
    fake.wiki.deletePage(deleted.pageid);
    const created = fake.wiki.createPage('Zoning Board', 0, [], FAKE_EDITORS[1]);
    const second = await syncAccount(stack.deps, stack.accountId);
    expect(second).toMatchObject({ created: 1, newVersions: 2, tombstoned: 1 });
    expect(fake.requests.some((request) => request.includes(`pageids=${deleted.pageid}`))).toBe(true);
    expect((await recordOf(deleted.pageid))!.status).toBe('deleted');
    expect((await versionsOf(deleted.pageid)).length).toBe(deleted.revisions.length);
    const versions = await versionsOf(edited.pageid);
    expect(versions.map((version) => version.author)).toEqual(edited.revisions.map(editorOf));
    expect(versions.at(-1)!.text).toContain(`Amendment ${edited.revisions.length - 1} to ${edited.title}`);
    expect((await versionsOf(untouched.pageid)).length).toBe(countBefore);
    expect((await recordOf(created.pageid))!.author).toEqual(editorOf(FAKE_EDITORS[1]));
    const third = await syncAccount(stack.deps, stack.accountId);
    expect(third).toMatchObject({ created: 0, newVersions: 0, tombstoned: 0 });
  });

  it('adds no version again when a pass reads revisions another pass already archived', async () => {
    await open({ seed: 7, pages: 5, maxRevisions: 2 });
    await syncAccount(stack.deps, stack.accountId);
    const firstPassToken = (await stack.catalog.getSyncState(stack.accountId)).lastCompletedPassToken;
    const page = fake.wiki.livePages(0)[1];
    fake.wiki.edit(page.pageid);
    fake.wiki.edit(page.pageid);
    expect(await syncAccount(stack.deps, stack.accountId)).toMatchObject({ newVersions: 2 });
    // A pass that starts again from the first one's end, as after a pass that never finished, reads those edits again:
    // the first is no longer the page's current text, and must not be taken for a new edit.
    const connector = stack.deps.createConnector((await stack.catalog.getAccount(stack.accountId))!.connector);
    const replay = await connector.beginPass(firstPassToken);
    const { passNumber } = await stack.catalog.getSyncState(stack.accountId);
    await stack.catalog.startPass(
      stack.accountId,
      passNumber + 1,
      replay.passToken,
      replay.firstCursor,
      new Date().toISOString(),
    );
    expect(await syncAccount(stack.deps, stack.accountId)).toMatchObject({ resumed: true, newVersions: 0, created: 0 });
    expect((await versionsOf(page.pageid)).length).toBe(page.revisions.length);
  });

  it('keeps a revision whose text or editor the wiki hid, saying so', async () => {
    await open({ seed: 6, pages: 3, maxRevisions: 1 });
    const page = fake.wiki.livePages(0)[0];
    const hiddenText = fake.wiki.edit(page.pageid);
    const hiddenEditor = fake.wiki.edit(page.pageid);
    fake.wiki.hide(hiddenText.revid, 'text');
    fake.wiki.hide(hiddenEditor.revid, 'user');
    await syncAccount(stack.deps, stack.accountId);
    const [, textGone, editorGone] = await versionsOf(page.pageid);
    expect(textGone.text).toContain(`The text of revision ${hiddenText.revid} was hidden`);
    expect(textGone.attachments).toEqual([]);
    expect(editorGone.author).toEqual({ name: '(editor hidden by the wiki)' });
  });

  it('stops on maxlag with the wiki’s Retry-After and resumes from the refused request', async () => {
    await open({ seed: 9, pages: 80, maxRevisions: 2 });
    fake.slowDownAfter(6, 'maxlag', 1);
    const stopped = syncAccount(stack.deps, stack.accountId);
    const error = (await stopped.catch((caught: unknown) => caught)) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.message).toMatch(/maxlag/);
    const refused = fake.requests.filter((request) => request.startsWith('GET /w/api.php')).at(-1)!;
    expect(refused).toContain('maxlag=5');
    await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs));
    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(fake.requests.filter((request) => request === refused)).toHaveLength(2);
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(fake.wiki.livePages(0).length);
  });

  it('waits a minute on `ratelimited`, which names no wait', async () => {
    await open({ seed: 9, pages: 4 });
    fake.slowDownAfter(2, 'ratelimited', null);
    const error = (await syncAccount(stack.deps, stack.accountId).catch(
      (caught: unknown) => caught,
    )) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(60_000);
  });

  it('quarantines a malformed revision with the page bytes and archives the rest', async () => {
    fake = await FakeMediaWiki.start({ seed: 4, pages: 6, maxRevisions: 3 });
    const page = fake.wiki.livePages(0).find((candidate) => candidate.revisions.length >= 2)!;
    const bad = page.revisions[0].revid;
    await fake.close();
    await open({ seed: 4, pages: 6, maxRevisions: 3, malformedRevisions: [bad] });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', quarantined: 1, created: 6 });
    const [entry] = await stack.catalog.listQuarantine(stack.accountId);
    expect(entry.reason).toContain('timestamp');
    const raw = JSON.parse(Buffer.from(await stack.objectStore.get(entry.rawCaptureKey)).toString('utf8'));
    expect(raw.query.pages[0].revisions[entry.itemIndex!].revid).toBe(bad);
    expect((await versionsOf(page.pageid)).length).toBe(page.revisions.length - 1);
  });

  it('archives only a category’s pages, or the titles given, a missing title skipped', async () => {
    await open({ seed: 2, pages: 10 }, { category: `Category:${MINUTES_CATEGORY}` });
    await syncAccount(stack.deps, stack.accountId);
    const members = fake.wiki.livePages(0).filter((page) => page.categories.includes(MINUTES_CATEGORY));
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(members.length);
    await stack.close();
    await fake.close();
    await open({ seed: 2, pages: 10 }, { pages: ['Town Page 1', 'Town Page 2', 'No Such Page'] });
    expect(await syncAccount(stack.deps, stack.accountId)).toMatchObject({ created: 2, quarantined: 0 });
  });

  it('says in plain words when apiUrl is not a wiki’s api.php or the category does not exist', async () => {
    await open({ seed: 1, pages: 2 });
    const attempt = async (settings: Record<string, unknown>) => {
      await stack.close();
      stack = await openSyncStack({ type: 'mediawiki', apiUrl: fake.apiUrl, ...settings } as never, 'wiki');
      return syncAccount(stack.deps, stack.accountId);
    };
    await expect(attempt({ apiUrl: `${fake.baseUrl}/html/api.php` })).rejects.toThrow(
      /does not answer like a MediaWiki API \(200, text\/html\): check apiUrl/,
    );
    await expect(attempt({ apiUrl: `${fake.baseUrl}/wiki/api.php` })).rejects.toThrow(ConnectorConfigError);
    await expect(attempt({ category: 'Parking' })).rejects.toThrow('the wiki has no category “Parking”');
    await expect(attempt({ apiUrl: `${fake.baseUrl}/wiki/Main_Page` })).rejects.toThrow(/api\.php address/);
    fake.denyReading();
    await expect(attempt({})).rejects.toThrow(/lets only signed-in users read it \(readapidenied\)/);
    await expect(attempt({ pages: ['A'], namespace: 4 })).rejects.toThrow(
      /at most one of pages, category or namespace/,
    );
  });
});
