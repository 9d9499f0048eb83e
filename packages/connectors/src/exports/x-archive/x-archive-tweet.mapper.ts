import path from 'node:path';
import type { Author, PlatformItem } from '@verbatim/core';
import { decodeEntities } from '../../text/html-to-text';
import { chainOf } from './x-archive-edits';
import type { XMedia, XTweet } from './x-archive-payload.schema';

/** The archive's media files of each tweet: `data/tweets_media/<tweet id>-<name>`. */
export type TweetMediaFiles = Map<string, string[]>;

/**
 * The items of one tweet, or of one edit chain (oldest first): one record, whose platform id is the first
 * tweet's, with a version per edit. The archive escapes `&`, `<` and `>` in the text as HTML entities.
 */
export function itemsOfChain(
  chain: XTweet[],
  author: Author,
  media: TweetMediaFiles,
  mediaFiles: Map<string, string>,
): PlatformItem[] {
  const first = chain[0];
  const recordId = chainOf(first)?.initialId ?? first.id_str;
  const postedAt = recordId === first.id_str ? isoOf(first.created_at) : undefined;
  return chain.map((tweet, index) => {
    const item: PlatformItem = {
      platformId: recordId,
      kind: tweet.in_reply_to_status_id_str ? 'reply' : 'post',
      author,
      text: decodeEntities(tweet.full_text),
      url: `https://x.com/${author.handle ?? 'i'}/status/${recordId}`,
      // An edit whose first tweet is not in the archive still needs a posting time: the oldest one read.
      postedAt: postedAt ?? isoOf(first.created_at),
      hidden: false,
      attachments: (tweet.extended_entities?.media ?? []).map((entry) =>
        attachmentOf(tweet.id_str, entry, media, mediaFiles),
      ),
    };
    if (index > 0 || recordId !== tweet.id_str) item.editedAt = isoOf(tweet.created_at);
    if (tweet.in_reply_to_status_id_str) item.parentPlatformId = tweet.in_reply_to_status_id_str;
    return item;
  });
}

function attachmentOf(
  tweetId: string,
  entry: XMedia,
  media: TweetMediaFiles,
  mediaFiles: Map<string, string>,
): PlatformItem['attachments'][number] {
  const isPhoto = entry.type === 'photo';
  const sourceUrl = isPhoto ? entry.media_url_https : (bestVariant(entry) ?? entry.media_url_https);
  const files = media.get(tweetId) ?? [];
  const wanted = `${tweetId}-${path.posix.basename(sourceUrl.split(/[?#]/)[0])}`;
  const file =
    files.find((name) => path.posix.basename(name) === wanted) ??
    (isPhoto ? undefined : files.find((name) => name.endsWith('.mp4')));
  if (file) mediaFiles.set(sourceUrl, file);
  return { kind: isPhoto ? 'image' : 'video', sourceUrl };
}

/** The video's highest-bitrate MP4 (X lists several sizes and an HLS playlist). */
function bestVariant(entry: XMedia): string | undefined {
  const mp4 = (entry.video_info?.variants ?? []).filter((variant) => variant.content_type === 'video/mp4');
  mp4.sort((a, b) => Number(b.bitrate ?? 0) - Number(a.bitrate ?? 0));
  return mp4[0]?.url;
}

function isoOf(xDate: string): string {
  return new Date(xDate).toISOString();
}
