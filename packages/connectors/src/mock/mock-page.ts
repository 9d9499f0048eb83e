import type { MockItem } from './mock-item';

/** A fault injected into one page, so tests can prove the pipeline quarantines bad input and goes on. */
export type MockPageDefect = 'none' | 'malformed-item' | 'corrupt';

export interface MockPaging {
  before: string;
  after: string | null;
  next: string | null;
}

/**
 * Serializes items as the platform would send them: a Graph-like JSON page. `defectRoll` picks which item a
 * `malformed-item` defect breaks and how, so the same page is always broken the same way.
 */
export function serializeMockPage(items: MockItem[], paging: MockPaging, defect: MockPageDefect, defectRoll: number): string {
  const data: Array<Record<string, unknown>> = items.map(toPayload);
  if (defect === 'malformed-item' && data.length > 0) breakItem(data[defectRoll % data.length], defectRoll);
  const pagingPayload: Record<string, unknown> = { cursors: paging.after === null ? { before: paging.before } : { before: paging.before, after: paging.after } };
  if (paging.next !== null) pagingPayload.next = paging.next;
  const json = JSON.stringify({ data, paging: pagingPayload });
  // A proxy that cut the connection mid-body: the bytes are kept, but nothing in them can be trusted.
  if (defect === 'corrupt') return `${json.slice(0, Math.floor(json.length / 2))}\n<html><body>502 Bad Gateway</body></html>`;
  return json;
}

function toPayload(item: MockItem): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    id: item.platformId,
    object_type: item.objectType,
    message: item.text,
    created_time: item.postedAt,
  };
  if (item.editedAt !== undefined) payload.updated_time = item.editedAt;
  payload.from = item.author;
  if (item.objectType === 'comment') {
    payload.post_id = item.postPlatformId;
    payload.parent = { id: item.parentPlatformId };
  }
  payload.is_hidden = item.hidden;
  payload.permalink_url = item.permalinkUrl;
  if (item.image !== undefined) {
    const { sourceUrl, width, height } = item.image;
    payload.attachments = { data: [{ type: 'photo', media_type: 'photo', media: { image: { src: sourceUrl, width, height } } }] };
  }
  return payload;
}

/** The breakages real platforms produce now and then: a missing field, a wrong type. */
function breakItem(payload: Record<string, unknown>, roll: number): void {
  switch (roll % 3) {
    case 0:
      delete payload.created_time;
      break;
    case 1:
      payload.message = 404;
      break;
    default:
      payload.from = { id: payload.id };
  }
}
