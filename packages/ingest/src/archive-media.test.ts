import { contentHashOf, type Attachment, type PlatformItem } from '@verbatim/core';
import { prepareItem } from './archive-media';

describe('prepareItem', () => {
  // Required<>: a field added to PlatformItem later must be added here, and then must survive preparing.
  const everyField: Required<PlatformItem> = {
    platformId: 'c-1',
    kind: 'reply',
    parentPlatformId: 'c-0',
    threadRootPlatformId: 'p-1',
    author: { id: 'u-1', name: 'Zoë Park', handle: 'zoe' },
    text: 'Road repair on Elm St. 🚧',
    url: 'https://social.example/c-1',
    postedAt: '2026-01-02T03:04:05.000Z',
    editedAt: '2026-01-03T03:04:05.000Z',
    hidden: true,
    attachments: [{ kind: 'image', sourceUrl: 'mock://media/1.png', mediaType: 'image/png', width: 4, height: 3 }],
  };
  const archived: Attachment[] = [
    { ...everyField.attachments[0], sha256: 'a'.repeat(64), archiveKey: `media/aa/${'a'.repeat(64)}`, byteLength: 99 },
  ];

  it('keeps every field of the item, with the archived attachments and the content hash', () => {
    expect(prepareItem(everyField, archived)).toStrictEqual({
      ...everyField,
      attachments: archived,
      contentHash: contentHashOf(everyField),
    });
  });

  it('leaves absent optional fields absent rather than undefined', () => {
    const { parentPlatformId, threadRootPlatformId, url, editedAt, ...post } = everyField;
    const prepared = prepareItem({ ...post, kind: 'post' }, []);
    expect(Object.keys(prepared).sort()).toEqual([
      'attachments',
      'author',
      'contentHash',
      'hidden',
      'kind',
      'platformId',
      'postedAt',
      'text',
    ]);
  });
});
