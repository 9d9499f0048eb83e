import type { MockItem } from './mock-item';

/** A fault injected into one page, so tests can prove the pipeline quarantines bad input and goes on. */
export type MockPageDefect = 'none' | 'malformed-item' | 'corrupt';

/** How `malformed-item` breaks its item: the breakages real platforms produce now and then. */
type ItemBreakage = 'none' | 'missing-created-time' | 'message-not-string' | 'author-without-name';
const BREAKAGES: ItemBreakage[] = ['missing-created-time', 'message-not-string', 'author-without-name'];

/** Cursors (base64url) and URLs built from them need no escaping. */
export interface MockPaging {
  before: string;
  after: string | null;
  next: string | null;
}

/**
 * Writes items as the platform sends them: a Graph-like JSON page with non-ASCII escaped as `\uXXXX`, as Graph
 * does. The page is concatenated from pre-escaped ASCII parts (texts come with their JSON form), which measured
 * several times faster than JSON.stringify plus UTF-8 encoding, and ASCII bytes decode on a fast path.
 * `defectRoll` picks which item a `malformed-item` defect breaks and how, so a page always breaks the same way.
 */
export function serializeMockPage(items: MockItem[], paging: MockPaging, defect: MockPageDefect, defectRoll: number): Buffer {
  const broken = defect === 'malformed-item' && items.length > 0 ? defectRoll % items.length : -1;
  let json = '{"data":[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) json += ',';
    json += itemJson(items[index], index === broken ? BREAKAGES[(defectRoll >>> 8) % BREAKAGES.length] : 'none');
  }
  json += `],"paging":{"cursors":{"before":"${paging.before}"`;
  if (paging.after !== null) json += `,"after":"${paging.after}"`;
  json += paging.next === null ? '}}}' : `},"next":"${paging.next}"}}`;
  if (defect !== 'corrupt') return Buffer.from(json, 'latin1');
  // A proxy cut the connection mid-body and appended its own error page: the bytes are kept, nothing parses.
  return Buffer.from(`${json.slice(0, json.length >>> 1)}\n<html><body>502 Bad Gateway</body></html>\n`, 'latin1');
}

/** One item, fields in the Graph API's order; optional fields are left out rather than null, as Graph does. */
function itemJson(item: MockItem, breakage: ItemBreakage): string {
  let json = `{"id":"${item.platformId}","object_type":"${item.objectType}","message":`;
  json += breakage === 'message-not-string' ? '404' : `"${item.wire.text}"`;
  if (breakage !== 'missing-created-time') json += `,"created_time":"${item.postedAt}"`;
  if (item.editedAt !== undefined) json += `,"updated_time":"${item.editedAt}"`;
  json += breakage === 'author-without-name'
    ? `,"from":{"id":"${item.author.id}"}`
    : `,"from":{"id":"${item.author.id}","name":"${item.wire.authorName}"}`;
  if (item.objectType === 'comment') json += `,"post_id":"${item.postPlatformId}","parent":{"id":"${item.parentPlatformId}"}`;
  json += item.hidden ? ',"is_hidden":true' : ',"is_hidden":false';
  json += `,"permalink_url":"${item.permalinkUrl}"`;
  if (item.image !== undefined) {
    const { sourceUrl, width, height } = item.image;
    json += `,"attachments":{"data":[{"type":"photo","media_type":"photo","media":{"image":{"src":"${sourceUrl}","width":${width},"height":${height}}}}]}`;
  }
  return `${json}}`;
}
