import type { PlatformItem } from '@verbatim/core';
import { ImagesEmbedSchema, POST_URI, type PostView } from './bluesky-payload.schema';

const IMAGES = 'app.bsky.embed.images';
const RECORD_WITH_MEDIA = 'app.bsky.embed.recordWithMedia';

/** The web address a person opens: by DID, which, unlike a handle, never changes hands. */
export function webUrlOf(postUri: string): string {
  const [, did, rkey] = POST_URI.exec(postUri) ?? [];
  return `https://bsky.app/profile/${did}/post/${rkey}`;
}

/** The DID in a post's at:// URI. */
export function didOf(postUri: string): string | undefined {
  return POST_URI.exec(postUri)?.[1];
}

/**
 * A post as a record. Structure comes from the record's own `reply` refs: no `reply` is a post, a reply to the
 * thread's root a comment, a reply to a reply a reply. Throws when an image embed is unreadable, so the
 * item is quarantined rather than archived without its pictures.
 */
export function itemOfPost(post: PostView, cdnUrl: string): PlatformItem {
  const { record, author } = post;
  const reply = record.reply;
  const item: PlatformItem = {
    platformId: post.uri,
    kind: reply === undefined ? 'post' : reply.parent.uri === reply.root.uri ? 'comment' : 'reply',
    author: { id: author.did, name: author.displayName?.trim() || author.handle, handle: author.handle },
    text: record.text,
    url: webUrlOf(post.uri),
    postedAt: isoOf(record.createdAt) ?? isoOf(post.indexedAt) ?? record.createdAt,
    hidden: false,
    attachments: imagesOf(record.embed, author.did, cdnUrl),
  };
  if (reply !== undefined) {
    item.parentPlatformId = reply.parent.uri;
    item.threadRootPlatformId = reply.root.uri;
  }
  return item;
}

/**
 * The post's images as CDN links built from the record's blob refs (stable: a blob's CID is its content), in
 * the documented form `<cdn>/img/feed_fullsize/plain/<did>/<cid>@jpeg`. Videos and link cards are not archived.
 */
function imagesOf(embed: { $type: string } | undefined, did: string, cdnUrl: string): PlatformItem['attachments'] {
  const images = embed?.$type === IMAGES ? embed : embed?.$type === RECORD_WITH_MEDIA ? mediaOf(embed) : undefined;
  if (images === undefined) return [];
  const parsed = ImagesEmbedSchema.safeParse(images);
  if (!parsed.success) throw new Error(`unreadable image embed: ${parsed.error.issues[0].message}`);
  return parsed.data.images.map(({ image, aspectRatio }) => ({
    kind: 'image' as const,
    sourceUrl: `${cdnUrl}/img/feed_fullsize/plain/${did}/${image.ref.$link}@jpeg`,
    mediaType: 'image/jpeg',
    ...(aspectRatio === undefined ? {} : { width: aspectRatio.width, height: aspectRatio.height }),
  }));
}

function mediaOf(embed: object): { $type: string } | undefined {
  const media = (embed as { media?: { $type?: unknown } }).media;
  return media?.$type === IMAGES ? (media as { $type: string }) : undefined;
}

function isoOf(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}
