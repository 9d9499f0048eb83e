import type { Author, PlatformItem } from '@verbatim/core';
import { stableMediaUrl } from '../graph/graph-media-link';
import type { SignedMediaLink } from '../graph/signed-link-memory';
import type { FacebookAttachment, FacebookComment, FacebookPost } from './facebook-payload.schema';

export interface ItemReading {
  item: PlatformItem;
  links: SignedMediaLink[];
}

type ItemAttachment = PlatformItem['attachments'][number];

/** Graph leaves `from` out of a comment when the person's privacy settings hide them from the app. */
const UNNAMED: Author = { name: 'Facebook user' };

function authorOf(from: FacebookPost['from'], fallback: Author): Author {
  if (!from?.name && !from?.id) return fallback;
  return { ...(from.id ? { id: from.id } : {}), name: from.name?.trim() || from.id || fallback.name };
}

/**
 * An attachment's files: an album's photos (its subattachments) or its own image. Images are archived by their
 * stable URL (see stableMediaUrl); a link share keeps its target URL, a video its poster image.
 */
export function readAttachments(
  attachments: FacebookAttachment[],
  objectId: string,
): { attachments: ItemAttachment[]; links: SignedMediaLink[] } {
  const result: { attachments: ItemAttachment[]; links: SignedMediaLink[] } = { attachments: [], links: [] };
  const parts = attachments.flatMap((attachment) =>
    attachment.subattachments?.data.length ? attachment.subattachments.data : [attachment],
  );
  for (const part of parts) {
    const image = part.media?.image;
    if (image) {
      const stableUrl = stableMediaUrl(image.src);
      result.attachments.push({
        kind: (part.type ?? part.media_type ?? '').includes('video') ? 'video' : 'image',
        sourceUrl: stableUrl,
        ...(image.width !== undefined ? { width: image.width } : {}),
        ...(image.height !== undefined ? { height: image.height } : {}),
      });
      result.links.push({ stableUrl, signedUrl: image.src, objectId });
    } else if (part.url && part.type === 'share') {
      result.attachments.push({ kind: 'link', sourceUrl: part.url });
    }
  }
  return result;
}

/** A post of the Page. Its text is the message (a share without one says what it is, from `story`). */
export function itemOfPost(post: FacebookPost, page: Author): ItemReading {
  const { attachments, links } = readAttachments(post.attachments?.data ?? [], post.id);
  const item: PlatformItem = {
    platformId: post.id,
    kind: 'post',
    author: authorOf(post.from, page),
    text: post.message ?? post.story ?? '',
    postedAt: post.created_time,
    hidden: post.is_hidden === true,
    attachments,
  };
  if (post.permalink_url) item.url = post.permalink_url;
  return { item, links };
}

/**
 * A comment from `filter=stream`: a top-level comment answers the post (its parent is the post), a reply answers
 * the comment in its `parent`. Hidden comments are still listed, with `is_hidden`, to a Page token.
 */
export function itemOfComment(comment: FacebookComment, postId: string): ItemReading {
  const { attachments, links } = readAttachments(comment.attachment ? [comment.attachment] : [], comment.id);
  const parent = comment.parent?.id;
  const item: PlatformItem = {
    platformId: comment.id,
    kind: parent ? 'reply' : 'comment',
    parentPlatformId: parent ?? postId,
    threadRootPlatformId: postId,
    author: authorOf(comment.from, UNNAMED),
    text: comment.message,
    postedAt: comment.created_time,
    hidden: comment.is_hidden === true,
    attachments,
  };
  if (comment.permalink_url) item.url = comment.permalink_url;
  return { item, links };
}
