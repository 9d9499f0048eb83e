import type { Author, PlatformItem } from '@verbatim/core';
import { stableMediaUrl } from '../graph/graph-media-link';
import type { SignedMediaLink } from '../graph/signed-link-memory';
import type { InstagramChild, InstagramComment, InstagramMedia } from './instagram-payload.schema';

export interface ItemReading {
  item: PlatformItem;
  links: SignedMediaLink[];
}

type ItemAttachment = PlatformItem['attachments'][number];

/** Graph leaves `from` and `username` out when it may not tell the app who wrote a comment. */
const UNNAMED: Author = { name: 'Instagram user' };

function authorOfComment(comment: InstagramComment): Author {
  const username = comment.from?.username ?? comment.username;
  const id = comment.from?.id;
  if (!username && !id) return UNNAMED;
  return { ...(id ? { id } : {}), name: username ?? id!, ...(username ? { handle: username } : {}) };
}

/**
 * The files of a media: its image, a video's poster image then the video itself, or every child of a carousel
 * the same way. Each is archived by its stable URL (see stableMediaUrl); the signed links are remembered under
 * the top-level media, whose lookup signs them afresh.
 */
export function readMediaFiles(
  media: Pick<InstagramMedia, 'id' | 'media_type' | 'media_url' | 'thumbnail_url' | 'children'>,
): { attachments: ItemAttachment[]; links: SignedMediaLink[] } {
  const result: { attachments: ItemAttachment[]; links: SignedMediaLink[] } = { attachments: [], links: [] };
  const add = (kind: ItemAttachment['kind'], signedUrl: string | undefined) => {
    if (!signedUrl) return;
    const stableUrl = stableMediaUrl(signedUrl);
    if (result.attachments.some((attachment) => attachment.sourceUrl === stableUrl)) return;
    result.attachments.push({ kind, sourceUrl: stableUrl });
    result.links.push({ stableUrl, signedUrl, objectId: media.id });
  };
  const parts: Array<Pick<InstagramChild, 'media_type' | 'media_url' | 'thumbnail_url'>> =
    media.media_type === 'CAROUSEL_ALBUM' ? (media.children?.data ?? []) : [media];
  for (const part of parts) {
    if (part.media_type === 'VIDEO') {
      add('image', part.thumbnail_url);
      add('video', part.media_url);
    } else if (part.media_type === 'IMAGE') {
      add('image', part.media_url);
    }
  }
  return result;
}

/** A media of the account: a post whose text is its caption, by the account itself. */
export function itemOfMedia(media: InstagramMedia, account: Author): ItemReading {
  const { attachments, links } = readMediaFiles(media);
  const item: PlatformItem = {
    platformId: media.id,
    kind: 'post',
    author: account,
    text: media.caption ?? '',
    postedAt: media.timestamp,
    hidden: false,
    attachments,
  };
  if (media.permalink) item.url = media.permalink;
  return { item, links };
}

/**
 * A comment on a media (its parent is the media) or a reply (its parent is the comment it answers: Instagram
 * threads one level deep, so `parent_id` is always a top-level comment). Hidden comments come back to the
 * account's token with `hidden: true`.
 */
export function itemOfComment(comment: InstagramComment, mediaId: string, parentCommentId?: string): PlatformItem {
  const parent = comment.parent_id ?? parentCommentId;
  return {
    platformId: comment.id,
    kind: parent ? 'reply' : 'comment',
    parentPlatformId: parent ?? mediaId,
    threadRootPlatformId: mediaId,
    author: authorOfComment(comment),
    text: comment.text,
    postedAt: comment.timestamp,
    hidden: comment.hidden === true,
    attachments: [],
  };
}
