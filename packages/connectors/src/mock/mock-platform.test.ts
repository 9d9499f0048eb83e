import type { MockItem } from './mock-item';
import { MockPlatform } from './mock-platform';

const EXAMPLE = { type: 'mock', seed: 7, posts: 40, maxCommentsPerPost: 12 } as const;

function listAll(platform: MockPlatform, step: number): MockItem[] {
  return [...platform.listItems(step)];
}

describe('MockPlatform', () => {
  const platform = new MockPlatform(EXAMPLE);

  it('is deterministic: the same seed and step give the same items; another seed differs', () => {
    const again = new MockPlatform(EXAMPLE);
    expect(listAll(again, 3)).toEqual(listAll(platform, 3));
    const other = new MockPlatform({ ...EXAMPLE, seed: 8 });
    expect(listAll(other, 1).map((item) => item.text)).not.toEqual(listAll(platform, 1).map((item) => item.text));
  });

  it('has exactly `posts` posts at step 1, each with 0..maxCommentsPerPost comments, nothing changed yet', () => {
    const items = listAll(platform, 1);
    expect(items.filter((item) => item.kind === 'post')).toHaveLength(40);
    const perPost = new Map<string, number>();
    for (const item of items)
      if (item.kind !== 'post') perPost.set(item.postPlatformId, (perPost.get(item.postPlatformId) ?? 0) + 1);
    expect(Math.max(...perPost.values())).toBeLessThanOrEqual(12);
    expect(items.every((item) => item.editCount === 0 && !item.hidden && !item.deleted)).toBe(true);
    expect(platform.groundTruth(1)).toMatchObject({ posts: 40, deleted: 0, edited: 0, hidden: 0, total: items.length });
  });

  it('nests threads: comment → reply → reply, never deeper than 3', () => {
    const items = listAll(platform, 1);
    const byId = new Map(items.map((item) => [item.platformId, item]));
    expect(Math.max(...items.map((item) => item.depth))).toBe(3);
    for (const item of items) {
      if (item.kind === 'post') continue;
      const parent = byId.get(item.parentPlatformId!)!;
      expect(parent.depth).toBe(item.depth - 1);
      expect(item.kind).toBe(item.depth === 1 ? 'comment' : 'reply');
      expect(parent.postedAt < item.postedAt).toBe(true);
    }
  });

  it.each([2, 3, 4, 5, 6, 7, 8])(
    'at step %i adds posts and edits, hides and deletes at least one item each',
    (step) => {
      const before = new Map(listAll(platform, step - 1).map((item) => [item.platformId, item]));
      const after = listAll(platform, step);
      const afterIds = new Set(after.map((item) => item.platformId));
      const newPosts = after.filter((item) => item.kind === 'post' && !before.has(item.platformId));
      const edited = after.filter(
        (item) => before.has(item.platformId) && before.get(item.platformId)!.text !== item.text,
      );
      const hidden = after.filter(
        (item) => item.hidden && before.has(item.platformId) && !before.get(item.platformId)!.hidden,
      );
      const deleted = [...before.keys()].filter((id) => !afterIds.has(id));
      expect(newPosts).toHaveLength(2);
      expect(edited.length).toBeGreaterThanOrEqual(1);
      expect(hidden.length).toBeGreaterThanOrEqual(1);
      expect(deleted.length).toBeGreaterThanOrEqual(1);
      for (const item of edited) expect(item.editedAt! > item.postedAt).toBe(true);
      const truth = platform.groundTruth(step);
      expect(truth.changedThisStep).toMatchObject({
        edited: edited.length,
        hidden: hidden.length,
        deleted: deleted.length,
      });
    },
  );

  it('keeps the replies of a deleted comment, like Facebook', () => {
    const step = 12;
    const all = listAll(platform, step);
    const listed = new Set(all.map((item) => item.platformId));
    const orphans = all.filter((item) => item.parentPlatformId !== undefined && !listed.has(item.parentPlatformId));
    expect(orphans.length).toBeGreaterThan(0);
    for (const orphan of orphans) expect(platform.itemAt(step, orphan.parentPlatformId!)?.deleted).toBe(true);
  });

  it('ground truth agrees with the listing', () => {
    for (const step of [1, 4, 9]) {
      const items = listAll(platform, step);
      const truth = platform.groundTruth(step);
      expect(truth.total).toBe(items.length);
      expect(truth.posts).toBe(items.filter((item) => item.kind === 'post').length);
      expect(truth.replies).toBe(items.filter((item) => item.kind === 'reply').length);
      expect(truth.hidden).toBe(items.filter((item) => item.hidden).length);
      expect(truth.edited).toBe(items.filter((item) => !item.hidden && item.editCount > 0).length);
      expect(truth.withImage).toBe(items.filter((item) => item.image !== undefined).length);
      expect(truth.live + truth.edited + truth.hidden).toBe(truth.total);
      expect(truth.created).toBe(truth.total + truth.deleted);
    }
  });

  it('looks any item up directly, as the listing shows it', () => {
    const items = listAll(platform, 5);
    for (const item of items.filter((_, index) => index % 7 === 0))
      expect(platform.itemAt(5, item.platformId)).toEqual(item);
    expect(platform.itemAt(1, `${platform.pageId}_41`)).toBeUndefined();
    expect(platform.itemAt(2, `${platform.pageId}_41`)?.kind).toBe('post');
    expect(platform.itemAt(5, 'nonsense')).toBeUndefined();
    expect(platform.itemAt(5, '1_999')).toBeUndefined();
  });

  it('changes an edited item’s text and stamps editedAt; hidden items stay listed', () => {
    const edited = listAll(platform, 10).find((item) => item.editCount > 0)!;
    const original = platform.itemAt(edited.createdStep, edited.platformId)!;
    expect(edited.text).not.toBe(original.text);
    expect(edited.text.startsWith(original.text)).toBe(true);
    expect(edited.editedAt).toBeDefined();
    expect(listAll(platform, 10).some((item) => item.hidden)).toBe(true);
  });

  it('mixes the scripts, links and contact details a town archive must handle', () => {
    const corpus = listAll(new MockPlatform({ ...EXAMPLE, posts: 300 }), 1)
      .map((item) => `${item.text} ${item.author.name}`)
      .join('\n');
    expect(corpus).toMatch(/🎉|🚧|❄️/u);
    expect(corpus).toMatch(/café|José|Müller|résumé/);
    expect(corpus).toMatch(/\p{Script=Han}|\p{Script=Hangul}/u);
    expect(corpus).toMatch(/\p{Script=Arabic}/u);
    expect(corpus).toMatch(/\p{Script=Hebrew}/u);
    expect(corpus).toMatch(/https:\/\/town\.example\.gov\/\S+/);
    expect(corpus).toMatch(/#[A-Z][A-Za-z]+/);
    expect(corpus).toMatch(/@[A-Za-z]+/);
    expect(corpus).toMatch(/\b203-555-0\d{3}\b/);
    expect(corpus).toMatch(/[a-z]+@town\.example\.gov/);
  });

  it('runs a simulated clock: step N happens in the hour before 2026-01-01T00:00Z + N h', () => {
    expect(platform.passTime(1)).toBe('2026-01-01T01:00:00.000Z');
    for (const item of listAll(platform, 3).filter((entry) => entry.createdStep === 3)) {
      expect(item.postedAt.startsWith('2026-01-01T02:')).toBe(true);
      expect(item.postedAt.endsWith('+0000')).toBe(true);
    }
  });

  it('renders deterministic PNGs for its image URLs and nothing else', () => {
    const withImage = listAll(platform, 1).find((item) => item.image !== undefined)!;
    const first = platform.renderMedia(withImage.image!.sourceUrl)!;
    expect(first.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(platform.renderMedia(withImage.image!.sourceUrl)!.bytes).toEqual(first.bytes);
    expect(platform.renderMedia(withImage.image!.sourceUrl.replace('/7/', '/8/'))).toBeUndefined();
    expect(platform.renderMedia('https://example.com/a.png')).toBeUndefined();
  });
});
