import { recordIdFor, type AccountRegistry, type ArchiveRecord, type RecordReader } from '@verbatim/core';

const RECORD_ID = /^rec_[0-9a-f]{24}$/;
/** Query parameters platforms put a comment's id in: Facebook's comment_id and reply_comment_id, YouTube's lc. */
const COMMENT_PARAMS = ['reply_comment_id', 'comment_id', 'lc', 'id'];

/**
 * The archived record a moderator names, however they have it: its record id (shown on its page), its id on the
 * platform, or its link as they see it there. A moderator reads comments on the platform, not in the archive, so
 * the link is what they have: its comment parameters and path segments are tried as platform ids in every
 * account (Facebook's `{post id}_{comment id}` form included, Bluesky's `at://` URI when the link names a DID),
 * and the record whose own link is exactly this one wins.
 */
export async function locateRecord(
  catalog: RecordReader & AccountRegistry,
  reference: string,
): Promise<ArchiveRecord | null> {
  const value = reference.trim();
  if (RECORD_ID.test(value)) return catalog.getRecord(value);
  const candidates = platformIdCandidates(value);
  const accounts = await catalog.listAccounts();
  const ids = accounts.flatMap((account) => candidates.map((candidate) => recordIdFor(account.id, candidate)));
  const found = ids.length === 0 ? [] : await catalog.getRecords(ids);
  const byId = new Map(found.map((record) => [record.id, record]));
  const matches = ids.map((id) => byId.get(id)).filter((record): record is ArchiveRecord => record !== undefined);
  return matches.find((record) => record.url === value) ?? matches[0] ?? null;
}

/** The platform ids a reference may stand for, the most specific first. */
export function platformIdCandidates(reference: string): string[] {
  const candidates = [reference];
  let url: URL;
  try {
    url = new URL(reference);
  } catch {
    return candidates;
  }
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  for (const name of COMMENT_PARAMS) {
    const comment = url.searchParams.get(name);
    if (!comment) continue;
    // Graph names a comment `{object id}_{comment id}`: the post's id is a path segment of the link.
    for (const segment of segments.filter((part) => /^\d+$/.test(part))) candidates.push(`${segment}_${comment}`);
    candidates.push(comment);
  }
  const bluesky = /^\/profile\/(did:[^/]+)\/post\/([^/]+)$/.exec(url.pathname);
  if (bluesky) candidates.push(`at://${bluesky[1]}/app.bsky.feed.post/${bluesky[2]}`);
  candidates.push(...[...segments].reverse());
  return [...new Set(candidates)];
}
