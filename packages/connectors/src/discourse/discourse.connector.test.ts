import { RateLimitedError, type Connector, type PlatformItem } from '@verbatim/core';
import { createConnector, parseConnectorConfig } from '../connector-registry';
import { contentOfCooked, sidesOfRevision } from './discourse-items';
import { readTopic } from './discourse-pages';
import { FakeDiscourse } from './testing/fake-discourse.server';

async function readPass(connector: Connector, previous: string | null) {
  const { passToken, firstCursor } = await connector.beginPass(previous);
  const items: PlatformItem[] = [];
  for (let cursor: string | null = firstCursor; cursor !== null;) {
    try {
      const page = await connector.fetchPage(passToken, cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
    }
  }
  return { passToken, items };
}

describe('Discourse connector settings', () => {
  const base = { type: 'discourse', baseUrl: 'https://forum.townofx.gov/' };

  it('accepts a forum alone, with a category, or with a key acting as system unless told', () => {
    expect(parseConnectorConfig(base)).toEqual({ type: 'discourse', baseUrl: 'https://forum.townofx.gov' });
    const keyed = parseConnectorConfig({ ...base, category: 'town-council', apiKey: 'k'.repeat(64) });
    expect(keyed).toMatchObject({ category: 'town-council', apiKey: 'k'.repeat(64) });
    expect(parseConnectorConfig({ ...base, apiKey: 'k'.repeat(64), apiUsername: 'townclerk' })).toMatchObject({
      apiUsername: 'townclerk',
    });
  });

  it.each([
    [{ ...base, apiUsername: 'townclerk' }, 'apiUsername is only used with an apiKey'],
    [{ ...base, baseUrl: 'http://forum.townofx.gov' }, 'use https'],
    [{ ...base, category: 'town council/5' }, 'a category is its slug'],
    [{ ...base, apiKey: 'short' }, 'a Discourse API key is 64 characters'],
    [{ ...base, username: 'townclerk' }, 'username'],
  ])('refuses %j', (config, message) => {
    expect(() => parseConnectorConfig(config)).toThrow(message);
  });
});

describe('reading revisions', () => {
  it('takes both sides of a side-by-side diff, their words kept, emoji and avatars not taken for pictures', () => {
    const sides = sidesOfRevision(
      '<div class="revision-content"><p>Meeting at <del>7</del> pm</p></div><div class="revision-content"><p>Meeting at <ins>8</ins> pm <img src="/images/emoji/twitter/smile.png?v=12" class="emoji" alt=":smile:"></p><p><img src="/uploads/default/original/1X/ab.png" width="20" height="12"></p></div>',
    )!;
    expect(contentOfCooked(sides.before, 'https://forum.town.gov')).toEqual({
      text: 'Meeting at 7 pm',
      attachments: [],
    });
    expect(contentOfCooked(sides.after, 'https://forum.town.gov')).toEqual({
      text: 'Meeting at 8 pm',
      attachments: [
        {
          kind: 'image',
          sourceUrl: 'https://forum.town.gov/uploads/default/original/1X/ab.png',
          width: 20,
          height: 12,
        },
      ],
    });
    expect(sidesOfRevision('<div class="inline-diff">x</div>')).toBeNull();
  });
});

describe('reading a topic page', () => {
  const post = (id: number, number: number, extra: object = {}) => ({
    id,
    post_number: number,
    topic_id: 7,
    username: `user${number}`,
    created_at: '2026-03-01T10:00:00.000Z',
    cooked: `<p>Post ${number}</p>`,
    version: 1,
    ...extra,
  });
  const responseOf = (body: object) => ({
    url: 'https://forum.town.gov/t/7.json',
    status: 200,
    headers: new Headers(),
    contentType: 'application/json',
    raw: new TextEncoder().encode(JSON.stringify(body)),
  });
  const pass = { at: '2026-03-02T00:00:00.000Z', since: null };

  it('leaves out what are not a post’s words now, and hangs a reply to a post it cannot see on the topic', () => {
    const posts = [
      post(70, 1),
      post(71, 2, { user_deleted: true, cooked: '<p>(post deleted by author)</p>' }),
      post(72, 3, { post_type: 3, cooked: '' }),
      post(73, 4, { cooked_hidden: true, cooked: '', hidden: true }),
      post(75, 6, { reply_to_post_number: 4 }),
      post(76, 7, { reply_to_post_number: 5 }),
    ];
    const reading = readTopic(
      responseOf({ id: 7, slug: 'budget', post_stream: { posts, stream: [70, 71, 72, 73, 75, 76] } }),
      pass,
      'https://forum.town.gov',
    );
    expect(reading.rejected).toEqual([]);
    expect(reading.tasks).toEqual([]);
    expect(reading.items.map((item) => [item.platformId, item.kind, item.parentPlatformId])).toEqual([
      ['70', 'post', undefined],
      ['75', 'reply', '73'],
      ['76', 'comment', '70'],
    ]);
    expect(reading.items[1].url).toBe('https://forum.town.gov/t/budget/7/6');
  });
});

describe('edits split between passes by the forum’s clock', () => {
  let fake: FakeDiscourse;
  afterEach(() => fake.close());

  it('emits an edit made while a pass runs in the next pass, once, at its own time', async () => {
    fake = await FakeDiscourse.start({ seed: 21, topics: 25, maxRepliesPerTopic: 3, editRate: 0.4, deleteRate: 0 });
    const connector = createConnector(
      parseConnectorConfig({ type: 'discourse', baseUrl: fake.baseUrl, apiKey: fake.apiKey }),
    );
    const { passToken, firstCursor } = await connector.beginPass(null);
    fake.advance(1); // edits and a topic land after the pass began, before its pages are read
    const { forum } = fake;
    const refs = [...forum.expected().keys()].map((id) => forum.refOf(Number(id))!);
    const late = refs.find(
      (ref) => forum.createdAt(ref) <= forum.now(0) && (forum.editTimes(ref).at(-1) ?? 0) > forum.now(0),
    )!;
    const versions = forum.editTimes(late).length;
    const id = String(forum.postId(late));

    const first: PlatformItem[] = [];
    for (let cursor: string | null = firstCursor; cursor !== null;) {
      const page = await connector.fetchPage(passToken, cursor);
      first.push(...page.items);
      cursor = page.nextCursor;
    }
    const firstTexts = first.filter((item) => item.platformId === id).map((item) => item.text);
    expect(firstTexts).toEqual(Array.from({ length: versions }, (_, k) => forum.recordText(late, k)));

    const second = await readPass(connector, passToken);
    const latest = second.items.filter((item) => item.platformId === id);
    expect(latest).toHaveLength(1);
    expect(latest[0].text).toBe(forum.recordText(late, versions));
    expect(latest[0].editedAt).toBe(new Date(forum.editTimes(late).at(-1)!).toISOString());

    // What the catalog makes of both passes (a version at each change of text): every post's versions, in order.
    for (const ref of refs) {
      const texts = [...first, ...second.items]
        .filter((item) => item.platformId === String(forum.postId(ref)))
        .map((item) => item.text)
        .filter((text, index, all) => index === 0 || all[index - 1] !== text);
      expect(texts).toEqual(
        Array.from({ length: forum.editTimes(ref).length + 1 }, (_, k) => forum.recordText(ref, k)),
      );
    }
  });
});
