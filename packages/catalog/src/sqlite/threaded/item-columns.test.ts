import { contentHashOf, type PreparedItem } from '@verbatim/core';
import { itemsFromColumns, itemsToColumns } from './item-columns';

function prepared(item: Omit<PreparedItem, 'contentHash'>): PreparedItem {
  return { ...item, contentHash: contentHashOf(item) };
}

describe('a page of items as columns for the catalog thread', () => {
  const items: PreparedItem[] = [
    prepared({
      platformId: 'p1',
      kind: 'post',
      author: { id: 'u1', name: 'Town Clerk', handle: 'clerk' },
      text: 'Budget 🎉',
      url: 'https://example.test/p1',
      postedAt: '2024-01-01T00:00:00.000Z',
      hidden: false,
      attachments: [
        {
          kind: 'image',
          sourceUrl: 'mock://media/1.png',
          mediaType: 'image/png',
          width: 32,
          height: 48,
          sha256: 'a'.repeat(64),
          archiveKey: `media/aa/${'a'.repeat(64)}`,
          byteLength: 120,
        },
      ],
    }),
    prepared({
      platformId: 'c1',
      kind: 'reply',
      parentPlatformId: 'p1',
      threadRootPlatformId: 'p1',
      author: { name: 'Resident' },
      text: 'שָׁלוֹם',
      postedAt: '2024-01-02T00:00:00.000Z',
      editedAt: '2024-01-03T00:00:00.000Z',
      hidden: true,
      attachments: [],
    }),
  ];

  it('rebuilds every item exactly, optional fields absent where they were, after a structured clone', () => {
    const rebuilt = itemsFromColumns(structuredClone(itemsToColumns(items)));
    expect(rebuilt).toEqual(items);
    // structuredClone builds its objects in another realm, which toStrictEqual would count as a difference.
    expect(rebuilt.map((item) => Object.keys(item).sort())).toEqual(items.map((item) => Object.keys(item).sort()));
    expect(rebuilt.map((item) => Object.keys(item.author).sort())).toEqual([['handle', 'id', 'name'], ['name']]);
  });

  it('carries attachments only for the items that have them', () => {
    expect(itemsToColumns(items).attachments.map(([position]) => position)).toEqual([0]);
  });
});
