import {
  ConnectorCredentialsError,
  RateLimitedError,
  sha256Hex,
  type ConnectorPage,
  type PlatformItem,
} from '@verbatim/core';
import { PNG } from 'pngjs';
import type { MockConnectorConfigInput } from './mock-connector.config';
import { MockConnector } from './mock.connector';

const EXAMPLE = { type: 'mock', seed: 7, posts: 40, maxCommentsPerPost: 12 } as const;

/** Reads a whole pass, retrying rate-limited pages, as the ingest worker would. */
async function readPass(connector: MockConnector, passToken: string, firstCursor: string): Promise<ConnectorPage[]> {
  const pages: ConnectorPage[] = [];
  let cursor: string | null = firstCursor;
  while (cursor !== null) {
    const page: ConnectorPage = await connector.fetchPage(passToken, cursor);
    pages.push(page);
    cursor = page.nextCursor;
  }
  return pages;
}

async function passItems(
  config: MockConnectorConfigInput,
  passes: number,
): Promise<{ connector: MockConnector; items: PlatformItem[]; pages: ConnectorPage[] }> {
  const connector = new MockConnector(config);
  let token: string | null = null;
  let pages: ConnectorPage[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const start = await connector.beginPass(token);
    pages = await readPass(connector, start.passToken, start.firstCursor);
    token = start.passToken;
  }
  return { connector, items: pages.flatMap((page) => page.items), pages };
}

describe('MockConnector', () => {
  it('numbers passes by step', async () => {
    const connector = new MockConnector(EXAMPLE);
    expect((await connector.beginPass(null)).passToken).toBe('1');
    expect((await connector.beginPass('1')).passToken).toBe('2');
    await expect(connector.beginPass('two')).rejects.toThrow(/pass token/);
  });

  it('sends byte-identical pages for the same seed and step, different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([
      passItems(EXAMPLE, 2),
      passItems(EXAMPLE, 2),
      passItems({ ...EXAMPLE, seed: 8 }, 2),
    ]);
    expect(Buffer.concat(a.pages.map((page) => page.raw))).toEqual(Buffer.concat(b.pages.map((page) => page.raw)));
    expect(Buffer.concat(a.pages.map((page) => page.raw))).not.toEqual(Buffer.concat(c.pages.map((page) => page.raw)));
  });

  it('sends the same bytes as every earlier version for a seed, defects included', async () => {
    // Archives hold these pages under their SHA-256, so a change to the wire format would make a re-sync of a mock
    // account archive every page again. Change this digest only when the format is meant to change.
    const config = {
      ...EXAMPLE,
      posts: 300,
      pageSize: 100,
      malformedEveryPages: 3,
      corruptPageEvery: 5,
      imageRate: 0.2,
    };
    const digests: string[] = [];
    const connector = new MockConnector(config);
    let token: string | null = null;
    for (let pass = 0; pass < 3; pass++) {
      const start = await connector.beginPass(token);
      for (const page of await readPass(connector, start.passToken, start.firstCursor))
        digests.push(sha256Hex(page.raw));
      token = start.passToken;
    }
    expect(digests).toHaveLength(82);
    expect(sha256Hex(digests.join())).toBe('0f0ec82e58db72116f3db368e668b0bfca63f9b40b23f3abd30fd64dabb92ba0');
  });

  it('sends Graph-like JSON pages and maps them to platform items', async () => {
    const { pages, connector } = await passItems(EXAMPLE, 1);
    const body = JSON.parse(Buffer.from(pages[0].raw).toString('utf8'));
    expect(body.paging.cursors.after).toBe(pages[0].nextCursor);
    expect(body.paging.next).toContain(`after=${pages[0].nextCursor}`);
    expect(body.data[0]).toMatchObject({
      object_type: 'post',
      created_time: expect.stringMatching(/\+0000$/),
      is_hidden: false,
    });
    expect(JSON.parse(Buffer.from(pages.at(-1)!.raw).toString('utf8')).paging.next).toBeUndefined();
    expect(pages[0].contentType).toMatch(/^application\/json/);
    // Like Graph, the body is pure ASCII: everything else travels as \uXXXX escapes.
    expect(pages.every((page) => page.raw.every((byte) => byte < 0x80))).toBe(true);
    const post = pages[0].items[0];
    const truth = connector.platform.itemAt(1, post.platformId)!;
    expect(post).toMatchObject({
      kind: 'post',
      text: truth.text,
      hidden: false,
      author: truth.author,
      postedAt: expect.stringMatching(/^2026-01-01T00:\d\d:\d\d\.000Z$/),
    });
  });

  it('maps threads: kind by depth, thread root is the post, parent is the item answered', async () => {
    const { items } = await passItems(EXAMPLE, 1);
    const byId = new Map(items.map((item) => [item.platformId, item]));
    for (const item of items) {
      if (item.kind === 'post') {
        expect(item.parentPlatformId).toBeUndefined();
        continue;
      }
      expect(byId.get(item.threadRootPlatformId!)?.kind).toBe('post');
      expect(item.kind).toBe(item.parentPlatformId === item.threadRootPlatformId ? 'comment' : 'reply');
    }
    expect(items.some((item) => item.kind === 'reply' && byId.get(item.parentPlatformId!)?.kind === 'reply')).toBe(
      true,
    );
  });

  it.each([1, 7, 100, 1000])(
    'pages through a pass with pageSize %i: every listed item exactly once, as ground truth says',
    async (pageSize) => {
      for (const passes of [1, 3]) {
        const { items, connector } = await passItems({ ...EXAMPLE, pageSize }, passes);
        const ids = items.map((item) => item.platformId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual([...connector.platform.listItems(passes)].map((item) => item.platformId));
        const truth = connector.platform.groundTruth(passes);
        expect(items).toHaveLength(truth.total);
        expect(items.filter((item) => item.hidden)).toHaveLength(truth.hidden);
        expect(items.filter((item) => item.kind === 'post')).toHaveLength(truth.posts);
      }
    },
  );

  it('resumes from a cursor in a fresh instance with the same page', async () => {
    const first = new MockConnector({ ...EXAMPLE, pageSize: 13 });
    const { passToken, firstCursor } = await first.beginPass('2');
    const page1 = await first.fetchPage(passToken, firstCursor);
    const page2 = await first.fetchPage(passToken, page1.nextCursor!);
    const resumed = await new MockConnector({ ...EXAMPLE, pageSize: 13 }).fetchPage(passToken, page1.nextCursor!);
    expect(Buffer.from(resumed.raw)).toEqual(Buffer.from(page2.raw));
    expect(resumed.items).toEqual(page2.items);
    expect(page1.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses cursors it did not issue or that belong to another pass', async () => {
    const connector = new MockConnector(EXAMPLE);
    const { firstCursor } = await connector.beginPass(null);
    await expect(connector.fetchPage('1', 'not-a-cursor')).rejects.toThrow(/invalid mock cursor/);
    await expect(connector.fetchPage('2', firstCursor)).rejects.toThrow(/pass 1/);
  });

  it('serves attachments as valid, decodable PNGs of the advertised size', async () => {
    const { items, connector } = await passItems({ ...EXAMPLE, imageRate: 0.3 }, 1);
    const images = items.flatMap((item) => item.attachments);
    expect(images.length).toBeGreaterThan(10);
    for (const image of images.slice(0, 5)) {
      expect(image).toMatchObject({
        kind: 'image',
        mediaType: 'image/png',
        sourceUrl: expect.stringMatching(/^mock:\/\/media\/7\/\d+_\d+\.png$/),
      });
      const media = await connector.fetchMedia(image.sourceUrl);
      expect(media.contentType).toBe('image/png');
      const png = PNG.sync.read(Buffer.from(media.bytes));
      expect([png.width, png.height]).toEqual([image.width, image.height]);
    }
    await expect(connector.fetchMedia('mock://media/7/1_99999.png')).rejects.toThrow(/not found/);
  });

  it('rejects malformed items with a readable reason while the rest of the page passes', async () => {
    const { pages } = await passItems({ ...EXAMPLE, pageSize: 10, malformedEveryPages: 2 }, 1);
    const clean = await passItems({ ...EXAMPLE, pageSize: 10 }, 1);
    pages.forEach((page, index) => {
      const expected = (index + 1) % 2 === 0 ? 1 : 0;
      expect(page.rejected).toHaveLength(expected);
      expect(page.items.length + page.rejected.length).toBe(clean.pages[index].items.length);
    });
    const reasons = pages.flatMap((page) => page.rejected.map((entry) => entry.reason));
    expect(reasons.some((reason) => /created_time/.test(reason))).toBe(true);
    expect(reasons.some((reason) => /message: .*expected string/.test(reason))).toBe(true);
    expect(pages[1].rejected[0].itemIndex).toEqual(expect.any(Number));
  });

  it('handles a page whose bytes are not JSON: nothing read, reason given, the pass goes on', async () => {
    const { pages } = await passItems({ ...EXAMPLE, pageSize: 20, corruptPageEvery: 3 }, 1);
    const corrupt = pages[2];
    expect(corrupt.items).toEqual([]);
    expect(corrupt.rejected).toEqual([{ itemIndex: null, reason: expect.stringMatching(/not valid JSON/) }]);
    expect(corrupt.raw.byteLength).toBeGreaterThan(0);
    expect(corrupt.nextCursor).not.toBeNull();
    expect(pages[3].items.length).toBeGreaterThan(0);
  });

  it('rate-limits every Nth fetch with the configured wait; the retry succeeds', async () => {
    const connector = new MockConnector({ ...EXAMPLE, pageSize: 10, rateLimitEveryPages: 2, rateLimitWaitMs: 1500 });
    const { passToken, firstCursor } = await connector.beginPass(null);
    const page1 = await connector.fetchPage(passToken, firstCursor);
    const refusal = await connector.fetchPage(passToken, page1.nextCursor!).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect((refusal as RateLimitedError).retryAfterMs).toBe(1500);
    const page2 = await connector.fetchPage(passToken, page1.nextCursor!);
    expect(page2.items.length).toBe(10);
  });

  it('confirms as gone only items deleted by the pass’s step, or never created', async () => {
    const connector = new MockConnector(EXAMPLE);
    const step2 = new Set([...connector.platform.listItems(2)].map((item) => item.platformId));
    const gone = [...connector.platform.listItems(1)].map((item) => item.platformId).filter((id) => !step2.has(id));
    expect(gone.length).toBeGreaterThan(0);
    const stillThere = [...step2].slice(0, 5);
    expect(await connector.confirmGone('2', [...gone, ...stillThere, 'nonsense', '9999_1'])).toEqual([
      ...gone,
      'nonsense',
      '9999_1',
    ]);
  });

  it('honours an aborted signal', async () => {
    const connector = new MockConnector(EXAMPLE);
    const controller = new AbortController();
    controller.abort();
    await expect(connector.beginPass(null, controller.signal)).rejects.toThrow();
  });

  it('fails every page as asked by failWith: refused credentials, or a platform out of reach', async () => {
    const refused = new MockConnector({ ...EXAMPLE, failWith: 'credentials' });
    const start = await refused.beginPass(null);
    await expect(refused.fetchPage(start.passToken, start.firstCursor)).rejects.toThrow(ConnectorCredentialsError);
    await expect(refused.fetchPage(start.passToken, start.firstCursor)).rejects.toThrow(/HTTP 401/);
    const away = new MockConnector({ ...EXAMPLE, failWith: 'unreachable' });
    await expect(away.fetchPage(start.passToken, start.firstCursor)).rejects.toThrow(/ECONNREFUSED/);
  });
});
