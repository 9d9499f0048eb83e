import type { Author, PlatformItem, RecordKind } from '@verbatim/core';
import { htmlToText } from '../text/html-to-text';
import type { MastodonAccount, MastodonMedia, MastodonStatus, MastodonStatusEdit } from './mastodon-payload.schema';

/** Where a status sits in a thread, from the status itself or, for a history entry, from its listing. */
export interface ThreadPlace {
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  threadRootId: string | null;
}

export function authorOf(account: MastodonAccount): Author {
  return {
    id: account.id,
    name: account.display_name?.trim() || account.username || account.acct,
    handle: account.acct,
  };
}

/**
 * A status that answers nothing is a post; one answering the town's account a comment (residents' replies to a
 * post, or the town continuing its own thread); one answering anybody else a reply. Decided from the status's
 * own fields, so the same status gets the same kind from a listing and from a thread.
 */
export function kindOf(place: ThreadPlace, townAccountId: string): RecordKind {
  if (!place.inReplyToId) return 'post';
  return place.inReplyToAccountId === townAccountId ? 'comment' : 'reply';
}

/** The record's text: the content warning, if any, as its first paragraph, then the content as plain text. */
export function textOf(content: { content: string; spoiler_text: string }): string {
  const body = htmlToText(content.content);
  const warning = content.spoiler_text.trim();
  return warning ? `${warning}\n\n${body}`.trim() : body;
}

/** Attachments with a downloadable file: the instance's copy, else the origin's for a remote one. */
export function attachmentsOf(media: MastodonMedia[]): PlatformItem['attachments'] {
  return media.flatMap((attachment) => {
    const sourceUrl = attachment.url ?? attachment.remote_url;
    if (!sourceUrl) return [];
    const size = attachment.meta?.original;
    return [
      {
        kind: attachmentKindOf(attachment.type),
        sourceUrl,
        ...(size?.width !== undefined ? { width: size.width } : {}),
        ...(size?.height !== undefined ? { height: size.height } : {}),
      },
    ];
  });
}

function attachmentKindOf(type: string): PlatformItem['attachments'][number]['kind'] {
  if (type === 'image') return 'image';
  if (type === 'video' || type === 'gifv') return 'video';
  return 'file';
}

/** A status as it is now. A boost is the town's act of sharing: its text names and quotes what was boosted. */
export function itemOfStatus(status: MastodonStatus, townAccountId: string, threadRootId: string | null): PlatformItem {
  const place = {
    inReplyToId: status.in_reply_to_id ?? null,
    inReplyToAccountId: status.in_reply_to_account_id ?? null,
  };
  const boosted = status.reblog;
  const text = boosted
    ? `Boosted ${boosted.url ?? boosted.uri} by @${boosted.account.acct}:\n\n${textOf(boosted)}`
    : textOf(status);
  const item: PlatformItem = {
    platformId: status.id,
    kind: kindOf({ ...place, threadRootId }, townAccountId),
    author: authorOf(status.account),
    text,
    postedAt: status.created_at,
    hidden: false,
    attachments: attachmentsOf(boosted ? boosted.media_attachments : status.media_attachments),
  };
  if (status.url ?? status.uri) item.url = status.url ?? status.uri;
  if (place.inReplyToId) item.parentPlatformId = place.inReplyToId;
  if (threadRootId && threadRootId !== status.id) item.threadRootPlatformId = threadRootId;
  if (status.edited_at) item.editedAt = status.edited_at;
  return item;
}

/**
 * The versions of an edited status this pass should emit, oldest first. The catalog adds a version whenever
 * an item's content differs from what it holds, so each edit must be emitted in exactly one pass: the one whose
 * window (previous pass's start, this pass's start] holds its time on the instance's clock. A pass with no new
 * edit emits the version current at its start (unchanged: it only marks the status seen); the first pass, or a
 * status first met in this one, emits its whole history up to the pass's start (at least the original).
 */
export function versionsToEmit<Entry extends { created_at: string }>(
  history: Entry[],
  since: string | null,
  at: string,
): Entry[] {
  const ordered = [...history].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  const sinceMs = since === null ? -Infinity : Date.parse(since);
  const atMs = Date.parse(at);
  let known = -1;
  let upTo = 0;
  ordered.forEach((entry, index) => {
    const time = Date.parse(entry.created_at);
    if (time <= sinceMs) known = index;
    if (time <= atMs) upTo = index;
  });
  if (ordered.length === 0) return [];
  return known >= upTo ? [ordered[upTo]] : ordered.slice(known + 1, upTo + 1);
}

/** One version from `/history`: the status's identity and place from its listing, the content of the entry. */
export function itemOfEdit(
  statusId: string,
  url: string | null,
  place: ThreadPlace,
  entry: MastodonStatusEdit,
  original: MastodonStatusEdit,
  townAccountId: string,
): PlatformItem {
  const item: PlatformItem = {
    platformId: statusId,
    kind: kindOf(place, townAccountId),
    author: authorOf(entry.account),
    text: textOf(entry),
    postedAt: original.created_at,
    hidden: false,
    attachments: attachmentsOf(entry.media_attachments),
  };
  if (url) item.url = url;
  if (place.inReplyToId) item.parentPlatformId = place.inReplyToId;
  if (place.threadRootId && place.threadRootId !== statusId) item.threadRootPlatformId = place.threadRootId;
  if (entry !== original) item.editedAt = entry.created_at;
  return item;
}
