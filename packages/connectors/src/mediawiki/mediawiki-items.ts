import type { Author, PlatformItem } from '@verbatim/core';
import type { WikiRevision } from './mediawiki-payload.schema';
import { wikitextToText } from './wikitext-to-text';

/** What a revision's raw wikitext is served as by `index.php?action=raw`. */
export const WIKITEXT_MEDIA_TYPE = 'text/x-wiki';

/** Where a page and its revisions live on the wiki, for links and the raw wikitext of each revision. */
export interface WikiAddresses {
  pageUrl(pageid: number): string;
  rawRevisionUrl(revid: number): string;
}

/**
 * One revision of a page as an item: the page is the record (keyed on its page id, which survives renames), and
 * each revision a version of it, by its editor at its time. The text is the title and the page's plain text;
 * the revision's own wikitext is attached as a file, so every revision is a version even when an edit changed
 * only markup, and its source is archived as the wiki served it. A revision whose text the wiki's
 * administrators hid says so in its text (and has no file to fetch); a hidden editor is named as hidden.
 */
export function itemOfRevision(
  page: { pageid: number; title: string },
  revision: WikiRevision,
  createdAt: string | undefined,
  addresses: WikiAddresses,
): PlatformItem {
  const hiddenText = revision.slots.main.texthidden === true || revision.slots.main.content === undefined;
  const body = hiddenText
    ? `[The text of revision ${revision.revid} was hidden by the wiki’s administrators.]`
    : wikitextToText(revision.slots.main.content ?? '');
  const timestamp = new Date(revision.timestamp).toISOString();
  return {
    platformId: String(page.pageid),
    kind: 'post',
    author: editorOf(revision),
    text: `${page.title}\n\n${body}`.trim(),
    url: addresses.pageUrl(page.pageid),
    postedAt: revision.parentid === 0 ? timestamp : (createdAt ?? timestamp),
    editedAt: timestamp,
    hidden: false,
    attachments: hiddenText
      ? []
      : [{ kind: 'file', sourceUrl: addresses.rawRevisionUrl(revision.revid), mediaType: WIKITEXT_MEDIA_TYPE }],
  };
}

/** The revision's editor: a registered user by id and name, an anonymous one by address (user id 0). */
function editorOf(revision: WikiRevision): Author {
  if (revision.userhidden || revision.user === undefined) return { name: '(editor hidden by the wiki)' };
  return revision.userid ? { id: String(revision.userid), name: revision.user } : { name: revision.user };
}
