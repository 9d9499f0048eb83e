import path from 'node:path';
import { sha256Hex } from '@verbatim/core';
import { writeZip } from '@verbatim/connectors/testing';
import { openImportStack, type ImportStack } from './import-stack.test-fixture';

/** What Facebook writes for "Café ouvert 😀": the Latin-1 reading of the UTF-8 bytes, escaped. */
const MISENCODED = 'Caf\\u00c3\\u00a9 ouvert \\u00f0\\u009f\\u0098\\u0080';
const PHOTO = Buffer.from('a photo of the café');

let stack: ImportStack;
beforeEach(async () => {
  stack = await openImportStack();
});
afterEach(() => stack.close());

describe('importing Facebook and Instagram downloads', () => {
  it('reads a Facebook download: posts by time, their photos, the text repaired, an edit as a version', async () => {
    const posts = (text: string, updated?: number) =>
      `[{"timestamp":1767261600,"data":[{"post":"${text}"${updated ? `,"update_timestamp":${updated}` : ''}}],` +
      `"attachments":[{"data":[{"media":{"uri":"your_facebook_activity/posts/media/cafe.jpg","creation_timestamp":1767261600}}]}]},` +
      `{"timestamp":1767175200,"data":[{"post":"Library hours"}]},{"data":[]}]`;
    const first = path.join(stack.dir, 'facebook-townpage-1.zip');
    await writeZip(first, {
      'your_facebook_activity/posts/your_posts_1.json': posts(MISENCODED),
      'your_facebook_activity/posts/media/cafe.jpg': PHOTO,
    });
    const { report } = await stack.upload(first);
    expect(report).toMatchObject({
      format: 'facebook-download',
      itemsFound: 2,
      created: 2,
      quarantined: 1,
      mediaArchived: 1,
    });
    const post = await stack.catalog.getRecordByPlatformId(stack.accountId, 'facebook-download-1767261600');
    expect(post).toMatchObject({ text: 'Café ouvert 😀', postedAt: '2026-01-01T10:00:00.000Z', kind: 'post' });
    expect(post!.attachments).toEqual([expect.objectContaining({ sha256: sha256Hex(PHOTO), kind: 'image' })]);

    const second = path.join(stack.dir, 'facebook-townpage-2.zip');
    await writeZip(second, {
      'your_facebook_activity/posts/your_posts_1.json': posts('Cafe open until 9', 1767265200),
    });
    expect((await stack.upload(second)).report).toMatchObject({ created: 0, newVersions: 1, unchanged: 1 });
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, 'facebook-download-1767261600')).toMatchObject({
      text: 'Cafe open until 9',
      versionCount: 2,
      editedAt: '2026-01-01T11:00:00.000Z',
    });
  });

  it('reads an Instagram download: each post its media and repaired caption', async () => {
    const file = path.join(stack.dir, 'instagram-town.zip');
    await writeZip(file, {
      'your_instagram_activity/content/posts_1.json': `[{"media":[{"uri":"media/posts/202601/a.jpg","creation_timestamp":1767261600,"title":"${MISENCODED}"}]}]`,
      'media/posts/202601/a.jpg': PHOTO,
    });
    const { report } = await stack.upload(file);
    expect(report).toMatchObject({ format: 'instagram-download', created: 1, mediaArchived: 1 });
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, 'instagram-download-1767261600')).toMatchObject({
      text: 'Café ouvert 😀',
    });
  });
});
