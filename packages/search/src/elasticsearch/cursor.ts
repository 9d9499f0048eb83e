import { createHmac, timingSafeEqual } from 'node:crypto';
import { SearchQueryError } from '@verbatim/core';
import { z } from 'zod';

/**
 * Where the next page starts: the point in time every page of the search reads, and the sort values of the
 * last hit returned (passed back as `search_after`).
 */
export const ElasticsearchCursorSchema = z.object({
  /** Digest of the query, filters and sort the cursor belongs to. */
  queryHash: z.string(),
  pointInTimeId: z.string().min(1),
  searchAfter: z.array(z.union([z.number(), z.string(), z.boolean(), z.null()])).min(1),
});
export type ElasticsearchCursor = z.infer<typeof ElasticsearchCursorSchema>;

const MAC_BYTES = 16;

/** Encodes a cursor as opaque base64url, signed so an altered or truncated cursor is refused, not misread. */
export function encodeCursor(cursor: ElasticsearchCursor, key: string): string {
  const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
  return `${payload}.${sign(payload, key).toString('base64url')}`;
}

/** Decodes a cursor this index issued for this search. Throws `SearchQueryError` for anything else. */
export function decodeCursor(text: string, key: string, queryHash: string): ElasticsearchCursor {
  const [payload, mac, extra] = text.split('.');
  const given = Buffer.from(mac ?? '', 'base64url');
  if (extra !== undefined || given.length !== MAC_BYTES || !timingSafeEqual(given, sign(payload ?? '', key))) {
    throw new SearchQueryError('the cursor is not one this search index issued (altered or truncated)');
  }
  const parsed = ElasticsearchCursorSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!parsed.success) throw new SearchQueryError('the cursor is not one this search index issued (unknown format)');
  if (parsed.data.queryHash !== queryHash) {
    throw new SearchQueryError('the cursor belongs to another search: send it with the same q, filters and sort');
  }
  return parsed.data;
}

function sign(payload: string, key: string): Buffer {
  return createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
