import { sha256Hex, type PlatformItem } from '@verbatim/core';
import { htmlToText } from '../text/html-to-text';
import type { FeedEntryFields } from './feed-document';

/** The fragment that marks an entry's page snapshot; it names the text the page was fetched for. */
export const SNAPSHOT_FRAGMENT = 'verbatim-snapshot-';

/** What an entry is read in: the feed's title (the author of entries that name none) and a date for undated ones. */
export interface FeedContext {
  feedTitle: string;
  /** When an entry gives no date at all: the feed's own date, else the time of capture. */
  undatedAt: string;
}

/**
 * An entry as a post, or why it cannot be one. Its id is the entry's own (`guid`, Atom `id`), else its link;
 * its text the title and the body as a person reads them; its photos and files (enclosures) attachments, and
 * its page a `link` attachment fetched at capture. That attachment's address carries a fragment naming the
 * entry's text, so an entry updated with new text gets its page fetched again, while the same text does not.
 */
export function itemOfEntry(entry: FeedEntryFields, context: FeedContext): PlatformItem | { problem: string } {
  const platformId = entry.id ?? entry.link;
  if (!platformId && !entry.title)
    return { problem: 'the entry has no id, link or title, so it cannot be told apart from others' };
  const published = dateOf(entry.published);
  if (published === null) return { problem: `its date "${entry.published}" is not a date` };
  const updated = dateOf(entry.updated);
  if (updated === null) return { problem: `its updated date "${entry.updated}" is not a date` };
  const postedAt = published ?? updated ?? context.undatedAt;
  const body = entry.html !== undefined ? htmlToText(entry.html) : (entry.text ?? '');
  const text = [entry.title, body].filter((part) => part && part.trim()).join('\n\n');
  const author = entry.author ?? context.feedTitle;
  const item: PlatformItem = {
    platformId: platformId ?? `title:${sha256Hex(`${entry.title}|${postedAt}`).slice(0, 32)}`,
    kind: 'post',
    author: { id: author, name: author },
    text,
    postedAt,
    hidden: false,
    attachments: entry.enclosures.map((enclosure) => ({
      kind: kindOf(enclosure.type),
      sourceUrl: enclosure.url,
      ...(enclosure.type ? { mediaType: enclosure.type } : {}),
    })),
  };
  if (entry.link) {
    item.url = entry.link;
    const snapshot = new URL(entry.link);
    snapshot.hash = `${SNAPSHOT_FRAGMENT}${sha256Hex(text).slice(0, 16)}`;
    item.attachments.push({ kind: 'link', sourceUrl: snapshot.toString(), mediaType: 'text/html' });
  }
  if (published && updated && updated > published) item.editedAt = updated;
  return item;
}

/** An ISO instant; undefined when absent, null when given but unreadable (RFC 822 and ISO 8601 are read). */
function dateOf(value: string | undefined): string | undefined | null {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

function kindOf(type: string | undefined): 'image' | 'video' | 'file' {
  if (type?.startsWith('image/')) return 'image';
  if (type?.startsWith('video/')) return 'video';
  return 'file';
}
