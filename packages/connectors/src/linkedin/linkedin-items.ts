import type { PlatformItem } from '@verbatim/core';
import type { LinkedinComment, LinkedinPost } from './linkedin-payload.schema';

/** The organization whose posts these are, as the lookup named it. */
export interface LinkedinOrganization {
  urn: string;
  name: string;
  vanityName?: string;
}

/**
 * A post as an item: its commentary as the text, its images (`urn:li:image:…`) as attachments whose source is
 * the Images API address (stable across syncs; the short-lived download link is asked for at capture).
 * `lastModifiedAt` later than the creation is the edit time, which a changed text's version carries.
 */
export function itemOfPost(
  post: LinkedinPost,
  organization: LinkedinOrganization,
  imageUrl: (imageUrn: string) => string,
): PlatformItem {
  const createdAt = post.publishedAt ?? post.createdAt;
  const imageUrns = [
    ...(post.content?.media ? [post.content.media.id] : []),
    ...(post.content?.multiImage?.images.map((image) => image.id) ?? []),
  ].filter((urn) => urn.startsWith('urn:li:image:'));
  const text = [littleTextToPlain(post.commentary), post.content?.article?.source ?? '']
    .filter((part) => part.trim())
    .join('\n\n');
  const item: PlatformItem = {
    platformId: post.id,
    kind: 'post',
    author: authorOf(post.author, organization),
    text,
    url: `https://www.linkedin.com/feed/update/${post.id}/`,
    postedAt: new Date(createdAt).toISOString(),
    hidden: false,
    attachments: imageUrns.map((urn) => ({ kind: 'image' as const, sourceUrl: imageUrl(urn) })),
  };
  if (post.lastModifiedAt !== undefined && post.lastModifiedAt > createdAt)
    item.editedAt = new Date(post.lastModifiedAt).toISOString();
  return item;
}

/** A comment on a post (its parent the post), or a reply (its parent the comment it names). */
export function itemOfComment(
  comment: LinkedinComment,
  postUrn: string,
  organization: LinkedinOrganization,
): PlatformItem {
  const urn = commentUrnOf(comment);
  const item: PlatformItem = {
    platformId: urn,
    kind: comment.parentComment ? 'reply' : 'comment',
    parentPlatformId: comment.parentComment ?? postUrn,
    threadRootPlatformId: postUrn,
    author: authorOf(comment.actor, organization),
    text: littleTextToPlain(comment.message.text),
    url: `https://www.linkedin.com/feed/update/${postUrn}/?commentUrn=${encodeURIComponent(urn)}`,
    postedAt: new Date(comment.created.time).toISOString(),
    hidden: false,
    attachments: [],
  };
  if (comment.lastModified && comment.lastModified.time > comment.created.time)
    item.editedAt = new Date(comment.lastModified.time).toISOString();
  return item;
}

export function commentUrnOf(comment: LinkedinComment): string {
  return (comment.commentUrn ?? comment.$URN)!;
}

/**
 * The organization by its name; a member by their URN, since the Community Management API does not give
 * commenters' names (a profile lookup needs each member's own consent).
 */
function authorOf(actor: string, organization: LinkedinOrganization): PlatformItem['author'] {
  if (actor === organization.urn) return { id: actor, name: organization.name, handle: organization.vanityName };
  return { id: actor, name: actor };
}

/**
 * LinkedIn's "little text" as people read it: `@[Name](urn:…)` mentions as the name, `{hashtag|\#|civic}` as
 * `#civic`, and backslash-escaped reserved characters unescaped.
 */
export function littleTextToPlain(text: string): string {
  return text
    .replace(/\{hashtag\|\\?#\|([^}]*)\}/g, '#$1')
    .replace(/@\[([^\]]*)\]\(urn:li:[^)]*\)/g, '$1')
    .replace(/\\([|{}@[\]()<>#\\*_~])/g, '$1');
}
