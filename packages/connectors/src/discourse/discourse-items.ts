import type { PlatformItem } from '@verbatim/core';
import { decodeEntities, htmlToText } from '../text/html-to-text';
import type { DiscoursePost } from './discourse-payload.schema';

/** Where a topic's posts sit: its id and slug (for links), its first post's id, and post numbers seen so far. */
export interface TopicPlace {
  topicId: number;
  slug: string;
  firstPostId: number;
  /** The topic's title, which heads its first post's text (absent from a posts page: the first post is not on it). */
  title?: string;
  /** Post number → post id of the topic's posts read so far (a reply names its parent by number). */
  numbers: Map<number, number>;
}

export type ItemContent = Pick<PlatformItem, 'text' | 'attachments'>;

const IMG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const REVISION_SIDE = /<div class="revision-content">/;

/**
 * A post as an item, keyed on the Discourse post id. The topic's first post is the post (the topic's record);
 * a reply that names no post, or the first post, is a comment on it; a reply to another reply is a reply with
 * that post as its parent. A reply to a post no longer in the topic (deleted) hangs on the first post.
 */
export function itemOfPost(post: DiscoursePost, place: TopicPlace, baseUrl: string): PlatformItem {
  const isFirst = post.post_number === 1 || post.id === place.firstPostId;
  const parent = post.reply_to_post_number ? place.numbers.get(post.reply_to_post_number) : undefined;
  const parentId = parent ?? place.firstPostId;
  const item: PlatformItem = {
    platformId: String(post.id),
    kind: isFirst ? 'post' : parentId === place.firstPostId ? 'comment' : 'reply',
    author: {
      id: post.user_id === null || post.user_id === undefined ? undefined : String(post.user_id),
      name: post.name || post.username,
      handle: post.username,
    },
    ...titled(contentOfCooked(post.cooked, baseUrl), isFirst ? place.title : undefined),
    url: `${baseUrl}/t/${place.slug}/${place.topicId}${isFirst ? '' : `/${post.post_number}`}`,
    postedAt: new Date(post.created_at).toISOString(),
    hidden: post.hidden === true,
  };
  if (!isFirst) {
    item.parentPlatformId = String(parentId);
    item.threadRootPlatformId = String(place.firstPostId);
  }
  if (post.version > 1 && post.updated_at) item.editedAt = new Date(post.updated_at).toISOString();
  return item;
}

/** The plain text of cooked HTML, and its pictures (uploads and linked images, not emoji or avatars). */
export function contentOfCooked(cooked: string, baseUrl: string): ItemContent {
  return { text: htmlToText(cooked), attachments: imagesOf(cooked, baseUrl) };
}

/** A topic's first post reads as the topic: its title, then its text (the title as it is now; its changes show as a new version). */
export function titled(content: ItemContent, title: string | undefined): ItemContent {
  return title ? { ...content, text: `${title}\n\n${content.text}` } : content;
}

/**
 * The two sides of a revision's `side_by_side` diff: the cooked HTML before and after it. Discourse marks what
 * changed with `<del>` and `<ins>`, inline tags whose words stay in the text.
 */
export function sidesOfRevision(sideBySide: string): { before: string; after: string } | null {
  const parts = sideBySide.split(REVISION_SIDE);
  if (parts.length !== 3) return null;
  const strip = (side: string) => side.replace(/<\/div>\s*$/, '');
  return { before: strip(parts[1]), after: strip(parts[2]) };
}

function imagesOf(cooked: string, baseUrl: string): PlatformItem['attachments'] {
  const images: PlatformItem['attachments'] = [];
  for (const [tag] of cooked.matchAll(IMG)) {
    const src = attribute(tag, 'src');
    const className = attribute(tag, 'class') ?? '';
    if (!src || /\b(emoji|avatar|site-icon)\b/.test(className) || src.includes('/images/emoji/')) continue;
    let sourceUrl: string;
    try {
      sourceUrl = new URL(src, `${baseUrl}/`).toString();
    } catch {
      continue;
    }
    if (!/^https?:/.test(sourceUrl) || images.some((image) => image.sourceUrl === sourceUrl)) continue;
    const width = Number(attribute(tag, 'width'));
    const height = Number(attribute(tag, 'height'));
    images.push({
      kind: 'image',
      sourceUrl,
      ...(Number.isInteger(width) && width > 0 ? { width } : {}),
      ...(Number.isInteger(height) && height > 0 ? { height } : {}),
    });
  }
  return images;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return value === undefined ? undefined : decodeEntities(value);
}
