import type { Account, ExportBatch, ExportFile, ExportReader, ExportTally, PlatformItem } from '@verbatim/core';
import type { z } from 'zod';
import { jsonArrayElements } from '../json-array-elements';
import {
  FacebookDownloadPostSchema,
  InstagramDownloadPostSchema,
  type FacebookDownloadPost,
  type InstagramDownloadPost,
} from './meta-download.schema';
import { repairMetaText } from './repair-meta-text';

const FACEBOOK_POSTS = /(^|\/)(your_posts|profile_posts)(_\d+)?\.json$/;
const INSTAGRAM_POSTS = /(^|\/)content\/posts(_\d+)?\.json$/;

/** What a post of either download becomes, before its media are matched with the download's files. */
interface DownloadPost {
  timestamp: number;
  editedTimestamp?: number;
  text: string;
  mediaUris: string[];
}

/**
 * Facebook's "Download your information" (JSON) of a Page or profile: its posts, with the photos and videos it
 * holds. The download gives posts no id, so a post's platform id is its time (`facebook-download-<unix time>`):
 * the same post in a later download, edited or not, meets its record. Text is repaired (see repairMetaText).
 */
export const facebookDownloadReader: ExportReader = {
  format: 'facebook-download',
  recognizes: (names) => names.some((name) => FACEBOOK_POSTS.test(name)),
  read: (file, account, tally, batchSize) =>
    readDownload(file, account, tally, batchSize, FACEBOOK_POSTS, FacebookDownloadPostSchema, facebookPost),
};

/** Instagram's download (JSON): each post's media and caption; ids as for Facebook (`instagram-download-…`). */
export const instagramDownloadReader: ExportReader = {
  format: 'instagram-download',
  recognizes: (names) => names.some((name) => INSTAGRAM_POSTS.test(name)),
  read: (file, account, tally, batchSize) =>
    readDownload(file, account, tally, batchSize, INSTAGRAM_POSTS, InstagramDownloadPostSchema, instagramPost),
};

function facebookPost(post: FacebookDownloadPost): DownloadPost {
  const text =
    post.data
      .map((entry) => entry.post ?? '')
      .join('\n')
      .trim() ||
    (post.title ?? '');
  const updated = Math.max(0, ...post.data.map((entry) => entry.update_timestamp ?? 0));
  const mediaUris = post.attachments.flatMap((attachment) =>
    attachment.data.flatMap((entry) => (entry.media ? [entry.media.uri] : [])),
  );
  return {
    timestamp: post.timestamp,
    editedTimestamp: updated > post.timestamp ? updated : undefined,
    text,
    mediaUris,
  };
}

function instagramPost(post: InstagramDownloadPost): DownloadPost {
  const timestamp = post.creation_timestamp ?? post.media[0].creation_timestamp ?? 0;
  return { timestamp, text: post.title ?? post.media[0].title ?? '', mediaUris: post.media.map((media) => media.uri) };
}

async function* readDownload<Post>(
  file: ExportFile,
  account: Account,
  tally: ExportTally,
  batchSize: number,
  postsFile: RegExp,
  schema: z.ZodType<Post>,
  toPost: (post: Post) => DownloadPost,
): AsyncGenerator<ExportBatch> {
  const platform = postsFile === FACEBOOK_POSTS ? 'facebook' : 'instagram';
  const media = file.names.filter((name) => /\.(jpe?g|png|gif|webp|mp4|mov)$/i.test(name));
  tally.foundMedia(media.length);
  const author = { name: account.displayName ?? account.handle, handle: account.handle };
  let batch: ExportBatch = { items: [], rejected: [], mediaFiles: new Map() };
  let ordinal = 0;
  for (const name of file.names.filter((entry) => postsFile.test(entry))) {
    let index = 0;
    for await (const bytes of jsonArrayElements(await file.open(name))) {
      const where = `${name} element ${index}`;
      index += 1;
      const parsed = parse(bytes, schema);
      if (typeof parsed === 'string') batch.rejected.push({ itemIndex: ordinal, reason: `${where}: ${parsed}` });
      else batch.items.push(itemOf(toPost(parsed), platform, author, media, batch.mediaFiles));
      ordinal += 1;
      if (batch.items.length + batch.rejected.length >= batchSize) {
        yield batch;
        batch = { items: [], rejected: [], mediaFiles: new Map() };
      }
    }
  }
  if (batch.items.length + batch.rejected.length > 0) yield batch;
}

/** The post, or what is wrong with it. */
function parse<Post>(bytes: Buffer, schema: z.ZodType<Post>): Post | string {
  try {
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (parsed.success) return parsed.data;
    return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  } catch (error) {
    return (error as Error).message;
  }
}

function itemOf(
  post: DownloadPost,
  platform: string,
  author: PlatformItem['author'],
  media: string[],
  mediaFiles: Map<string, string>,
): PlatformItem {
  const item: PlatformItem = {
    platformId: `${platform}-download-${post.timestamp}`,
    kind: 'post',
    author,
    text: repairMetaText(post.text),
    postedAt: new Date(post.timestamp * 1000).toISOString(),
    hidden: false,
    attachments: post.mediaUris.map((uri) => {
      // The uri is the file's path inside the download, from its top folder (which a ZIP may wrap in another).
      const stored = media.find((name) => name === uri || name.endsWith(`/${uri}`));
      if (stored) mediaFiles.set(uri, stored);
      return { kind: /\.(mp4|mov)$/i.test(uri) ? ('video' as const) : ('image' as const), sourceUrl: uri };
    }),
  };
  if (post.editedTimestamp) item.editedAt = new Date(post.editedTimestamp * 1000).toISOString();
  return item;
}
