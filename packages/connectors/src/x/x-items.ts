import type { PlatformItem } from '@verbatim/core';
import { XMediaSchema, type XPage, type XTweet } from './x-payload.schema';

/** The images of a page's posts by media key: a photo's own file, a video's or GIF's preview image. */
export function mediaByKey(page: XPage): Map<string, string> {
  const media = new Map<string, string>();
  for (const element of page.includes?.media ?? []) {
    const parsed = XMediaSchema.safeParse(element);
    const url = parsed.success ? (parsed.data.url ?? parsed.data.preview_image_url) : undefined;
    if (parsed.success && url) media.set(parsed.data.media_key, url);
  }
  return media;
}

/**
 * A post as an item, keyed on the first id of its edit chain (every edit is a new id; the chain is one record
 * with a version per edit). The town's own posts are posts, or replies when they answer another; residents'
 * replies are comments on the thread's first post, or replies to the comment they answer.
 */
export function itemOfTweet(
  tweet: XTweet,
  authors: Map<string, { name: string; username: string }>,
  media: Map<string, string>,
  own: boolean,
): PlatformItem {
  const firstId = tweet.edit_history_tweet_ids[0];
  const repliedTo = tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id;
  const root = tweet.conversation_id ?? firstId;
  const author = authors.get(tweet.author_id ?? '');
  const item: PlatformItem = {
    platformId: firstId,
    kind: repliedTo === undefined ? 'post' : own || repliedTo !== root ? 'reply' : 'comment',
    author: { id: tweet.author_id, name: author?.name ?? tweet.author_id ?? 'unknown', handle: author?.username },
    text: tweet.text,
    url: `https://x.com/i/status/${tweet.id}`,
    postedAt: new Date(tweet.created_at).toISOString(),
    hidden: false,
    attachments: (tweet.attachments?.media_keys ?? []).flatMap((key) => {
      const url = media.get(key);
      return url ? [{ kind: 'image' as const, sourceUrl: url }] : [];
    }),
  };
  if (repliedTo !== undefined) {
    item.parentPlatformId = repliedTo;
    item.threadRootPlatformId = root;
  }
  return item;
}
