import { RateLimitedError, RecordKindSchema, type Connector, type ConnectorPage } from '@verbatim/core';
import { createConnector, parseConnectorConfig } from './connector-registry';
import {
  FakeBluesky,
  FakeDiscourse,
  FakeFacebook,
  FakeFeed,
  FakeInstagram,
  FakeLinkedin,
  FakeMastodon,
  FakeMediaWiki,
  FakeX,
  FakeYoutube,
  FAKE_CHANNEL_ID,
} from './testing';

let bluesky: FakeBluesky;
let mastodon: FakeMastodon;
let facebook: FakeFacebook;
let instagram: FakeInstagram;
let feed: FakeFeed;
let youtube: FakeYoutube;
let x: FakeX;
let wiki: FakeMediaWiki;
let linkedin: FakeLinkedin;
let discourse: FakeDiscourse;
beforeAll(async () => {
  bluesky = await FakeBluesky.start({ seed: 11, posts: 120, maxRepliesPerPost: 5, imageRate: 0.3 });
  bluesky.advance();
  mastodon = await FakeMastodon.start({
    seed: 11,
    posts: 60,
    newPostsPerStep: 2,
    maxRepliesPerPost: 4,
    newReplyRate: 0.3,
    editRate: 0.2,
    deleteRate: 0,
    mediaRate: 0.3,
    privateRate: 0,
    rateLimit: false, // the contract's several passes would spend the published 300 requests per 5 minutes
  });
  mastodon.advance();
  facebook = await FakeFacebook.start({ seed: 11, posts: 80, maxCommentsPerPost: 6, mediaRate: 0.3 });
  facebook.advance();
  instagram = await FakeInstagram.start({ seed: 11, media: 60, maxCommentsPerPost: 6, nestedReplies: 1 });
  instagram.advance();
  feed = await FakeFeed.start({ format: 'atom', seed: 11, posts: 40, atomPageSize: 15, editRate: 0.3 });
  feed.advance();
  youtube = await FakeYoutube.start({ seed: 11, videos: 30, maxRepliesPerThread: 8, editRate: 0.3 });
  youtube.advance();
  x = await FakeX.start({ seed: 11, posts: 60, editRate: 0.3, mediaRate: 0.3 });
  x.advance();
  wiki = await FakeMediaWiki.start({ seed: 11, pages: 40, maxRevisions: 4 });
  linkedin = await FakeLinkedin.start({ seed: 11, posts: 40, editRate: 0.3, imageRate: 0.3, maxPageSize: 7 });
  linkedin.advance();
  discourse = await FakeDiscourse.start({ seed: 11, topics: 40, maxRepliesPerTopic: 25, editRate: 0.3 });
  discourse.advance();
});
afterAll(async () => {
  await bluesky.close();
  await mastodon.close();
  await facebook.close();
  await instagram.close();
  await feed.close();
  await youtube.close();
  await x.close();
  await wiki.close();
  await linkedin.close();
  await discourse.close();
});

/**
 * The contract every connector honours, run against each one. Real platforms join this list with a config
 * pointing at their local fake server.
 */
const CONNECTORS: Array<[string, () => Connector]> = [
  [
    'mock',
    () =>
      createConnector(
        parseConnectorConfig({
          type: 'mock',
          seed: 11,
          posts: 30,
          maxCommentsPerPost: 8,
          pageSize: 25,
          imageRate: 0.2,
        }),
      ),
  ],
  [
    'mastodon',
    () =>
      createConnector(parseConnectorConfig({ type: 'mastodon', instanceUrl: mastodon.baseUrl, account: 'townofx' })),
  ],
  [
    'bluesky',
    () =>
      createConnector(
        parseConnectorConfig({
          type: 'bluesky',
          actor: bluesky.world.options.handle,
          serviceUrl: bluesky.baseUrl,
          cdnUrl: bluesky.baseUrl,
        }),
      ),
  ],
  [
    'facebook',
    () =>
      createConnector(
        parseConnectorConfig({
          type: 'facebook',
          pageId: facebook.pageId,
          accessToken: facebook.accessToken,
          graphUrl: facebook.baseUrl,
        }),
      ),
  ],
  [
    'instagram',
    () =>
      createConnector(
        parseConnectorConfig({
          type: 'instagram',
          igUserId: instagram.igUserId,
          accessToken: instagram.accessToken,
          graphUrl: instagram.baseUrl,
        }),
      ),
  ],
  ['feed', () => createConnector(parseConnectorConfig({ type: 'feed', url: feed.feedUrl }))],
  [
    'x',
    () =>
      createConnector(
        parseConnectorConfig({ type: 'x', username: 'townofx', bearerToken: x.bearerToken, apiUrl: x.apiUrl }),
      ),
  ],
  [
    'youtube',
    () =>
      createConnector(
        parseConnectorConfig({
          type: 'youtube',
          channelId: FAKE_CHANNEL_ID,
          apiKey: youtube.apiKey,
          apiUrl: youtube.apiUrl,
        }),
      ),
  ],
  ['mediawiki', () => createConnector(parseConnectorConfig({ type: 'mediawiki', apiUrl: wiki.apiUrl }))],
  [
    'linkedin',
    () =>
      createConnector(
        parseConnectorConfig({
          type: 'linkedin',
          organizationId: linkedin.organizationId,
          accessToken: linkedin.accessToken,
          apiUrl: linkedin.apiUrl,
        }),
      ),
  ],
  [
    'discourse',
    () =>
      createConnector(
        parseConnectorConfig({ type: 'discourse', baseUrl: discourse.baseUrl, apiKey: discourse.apiKey }),
      ),
  ],
  ['website', () => createConnector(parseConnectorConfig({ type: 'website', urls: [`${feed.baseUrl}/`], depth: 2 }))],
];

/**
 * Connectors whose items carry images to download (a web page's bytes are its capture, not an attachment; a wiki
 * revision's attachment is its wikitext).
 */
const connectorListsImages = (name: string) => name !== 'website' && name !== 'mediawiki';

/**
 * Connectors whose pass reads an edited item's history pages, repeating its current text beside the older ones
 * (a wiki revision may change only markup: the same plain text, another wikitext attached).
 */
const connectorReadsHistory = (name: string) => name === 'mastodon' || name === 'mediawiki';

async function readPass(connector: Connector, passToken: string, firstCursor: string): Promise<ConnectorPage[]> {
  const pages: ConnectorPage[] = [];
  for (let cursor: string | null = firstCursor; cursor !== null;) {
    try {
      const page: ConnectorPage = await connector.fetchPage(passToken, cursor);
      pages.push(page);
      cursor = page.nextCursor;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
    }
    if (pages.length > 10_000) throw new Error('pass does not end');
  }
  return pages;
}

describe.each(CONNECTORS)('Connector contract: %s', (name, make) => {
  it('reads a pass to its end: raw bytes kept, every state of an item once, well-formed', async () => {
    const connector = make();
    const { passToken, firstCursor } = await connector.beginPass(null);
    const pages = await readPass(connector, passToken, firstCursor);
    const items = pages.flatMap((page) => page.items);
    expect(items.length).toBeGreaterThan(0);
    // An item comes once per state: an edited one may come again with each earlier text (its versions), never
    // twice with the same text in one page.
    for (const page of pages) {
      const states = page.items.map((item) => JSON.stringify([item.platformId, item.text, item.editedAt ?? null]));
      expect(new Set(states).size).toBe(states.length);
    }
    const texts = new Map<string, Set<string>>();
    for (const item of items) texts.set(item.platformId, (texts.get(item.platformId) ?? new Set()).add(item.text));
    const repeated = [...texts].filter(([id]) => items.filter((item) => item.platformId === id).length > 1);
    expect(repeated.every(([, seen]) => seen.size > 1 || connectorReadsHistory(name))).toBe(true);
    for (const page of pages) {
      expect(page.raw).toBeInstanceOf(Uint8Array);
      expect(page.raw.byteLength).toBeGreaterThan(0);
      expect(page.contentType).not.toBe('');
      expect(page.source).not.toBe('');
    }
    for (const item of items) {
      expect(RecordKindSchema.safeParse(item.kind).success).toBe(true);
      expect(Number.isNaN(Date.parse(item.postedAt))).toBe(false);
      if (item.kind !== 'post') expect(item.parentPlatformId).toBeDefined();
    }
  });

  it('chains passes and confirms nothing listed in the current pass is gone', async () => {
    const connector = make();
    const first = await connector.beginPass(null);
    const second = await connector.beginPass(first.passToken);
    expect(second.passToken).not.toBe(first.passToken);
    const listed = (await readPass(connector, second.passToken, second.firstCursor)).flatMap((page) =>
      page.items.map((item) => item.platformId),
    );
    expect(await connector.confirmGone(second.passToken, listed)).toEqual([]);
  });

  it('downloads the images it lists', async () => {
    const connector = make();
    const { passToken, firstCursor } = await connector.beginPass(null);
    const attachments = (await readPass(connector, passToken, firstCursor)).flatMap((page) =>
      page.items.flatMap((item) => item.attachments),
    );
    if (name === 'mediawiki') {
      const wikitext = await connector.fetchMedia(attachments[0].sourceUrl);
      expect(wikitext.contentType).toMatch(/^text\/x-wiki/);
      expect(new TextDecoder().decode(wikitext.bytes)).toContain('[[Notice board|this notice]]');
      return;
    }
    if (!connectorListsImages(name)) {
      expect(attachments).toEqual([]);
      return;
    }
    const attachment = attachments.find((listed) => listed.kind === 'image');
    expect(attachment).toBeDefined();
    const media = await connector.fetchMedia(attachment!.sourceUrl);
    expect(media.bytes.byteLength).toBeGreaterThan(0);
    expect(media.contentType).toMatch(/^image\//);
  });
});
