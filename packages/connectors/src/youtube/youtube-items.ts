import type { PlatformItem } from '@verbatim/core';
import type { PlaylistItem, YoutubeComment } from './youtube-payload.schema';

/** A video as a post: its title and description as the text, its largest thumbnail as an image. */
export function itemOfVideo(video: PlaylistItem, channel: { id: string; title: string }): PlatformItem {
  const thumbnails = Object.values(video.snippet.thumbnails ?? {});
  const largest = thumbnails.sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
  const { videoId } = video.contentDetails;
  return {
    platformId: videoId,
    kind: 'post',
    author: { id: channel.id, name: channel.title },
    text: [video.snippet.title, video.snippet.description].filter((part) => part.trim()).join('\n\n'),
    url: `https://www.youtube.com/watch?v=${videoId}`,
    postedAt: new Date(video.contentDetails.videoPublishedAt).toISOString(),
    hidden: false,
    attachments: largest
      ? [{ kind: 'image', sourceUrl: largest.url, width: largest.width, height: largest.height }]
      : [],
  };
}

/**
 * A comment (`parentId` absent: its parent is the video) or a reply (its parent is the thread's top comment).
 * Held comments (`heldForReview`, `likelySpam`, `rejected`, seen only with the owner's token) are hidden.
 */
export function itemOfComment(comment: YoutubeComment, videoId: string): PlatformItem {
  const { snippet } = comment;
  const publishedAt = new Date(snippet.publishedAt).toISOString();
  const updatedAt = snippet.updatedAt ? new Date(snippet.updatedAt).toISOString() : publishedAt;
  const item: PlatformItem = {
    platformId: comment.id,
    kind: snippet.parentId ? 'reply' : 'comment',
    parentPlatformId: snippet.parentId ?? videoId,
    threadRootPlatformId: videoId,
    author: { id: snippet.authorChannelId?.value, name: snippet.authorDisplayName },
    text: snippet.textOriginal ?? snippet.textDisplay ?? '',
    url: `https://www.youtube.com/watch?v=${videoId}&lc=${comment.id}`,
    postedAt: publishedAt,
    hidden: snippet.moderationStatus !== undefined && snippet.moderationStatus !== 'published',
    attachments: [],
  };
  if (updatedAt > publishedAt) item.editedAt = updatedAt;
  return item;
}
