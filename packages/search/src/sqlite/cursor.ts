import { createHmac, timingSafeEqual } from 'node:crypto';
import { SearchQueryError } from '@verbatim/core';
import { z } from 'zod';

/**
 * Where the next page starts. Self-contained, so paging still works when the point in time it names has been
 * evicted (or was taken by another process): the search is recomputed within the same snapshot bound and
 * continues from the position given here.
 */
export const CursorStateSchema = z.object({
  /** Index epoch: a cursor from before a clear() is refused. */
  epoch: z.string(),
  /** Digest of the query, filters and sort the cursor belongs to. */
  queryHash: z.string(),
  pointInTime: z.string(),
  /** Snapshot bound: documents numbered higher were added after the first page and are left out. */
  bound: z.number().int().nonnegative(),
  /** Date sorts: the last hit returned, as (postedAt, document number). */
  after: z.tuple([z.number(), z.number().int()]).optional(),
  /** Relevance: the window of matches being ranked (document numbers lo..hi) and how many of it were returned. */
  window: z.tuple([z.number().int(), z.number().int(), z.number().int().nonnegative()]).optional(),
});
export type CursorState = z.infer<typeof CursorStateSchema>;

const MAC_BYTES = 16;

/** Encodes a cursor as opaque base64url, signed so a tampered cursor is refused rather than misread. */
export function encodeCursor(state: CursorState, secret: string): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** Decodes a cursor. Throws `SearchQueryError` for anything this index did not issue. */
export function decodeCursor(cursor: string, secret: string): CursorState {
  const [payload, mac, extra] = cursor.split('.');
  const given = Buffer.from(mac ?? '', 'base64url');
  const expected = sign(payload ?? '', secret);
  if (extra !== undefined || given.length !== MAC_BYTES || !timingSafeEqual(given, expected)) {
    throw new SearchQueryError('the cursor is not one this search index issued (altered or truncated)');
  }
  const parsed = CursorStateSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!parsed.success) throw new SearchQueryError('the cursor is not one this search index issued (unknown format)');
  return parsed.data;
}

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
