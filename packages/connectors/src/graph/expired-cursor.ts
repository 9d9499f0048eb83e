import { z } from 'zod';
import { INVALID_CURSOR_CODE, type GraphError } from './graph-error';

/**
 * Whether Graph refused `url` because its paging cursor expired: code 2642, or a 100 (invalid parameter, not
 * 100/33 "does not exist") that names the cursor. Only a URL that carries a cursor can have one expire; the
 * same refusal of a first page is an error like any other.
 */
export function isExpiredCursor(error: GraphError | null, url: string): boolean {
  if (error === null || !hasCursor(url)) return false;
  if (error.code === INVALID_CURSOR_CODE) return true;
  return error.code === 100 && error.error_subcode !== 33 && /cursor/i.test(error.message);
}

/** The same list from its first page: the URL without its paging cursors. */
export function firstPageOf(url: string): string {
  const parsed = new URL(url);
  for (const name of ['after', 'before']) parsed.searchParams.delete(name);
  return parsed.toString();
}

function hasCursor(url: string): boolean {
  const { searchParams } = new URL(url);
  return searchParams.has('after') || searchParams.has('before');
}

/**
 * The creation times of the newest and oldest post (or media) a pass has listed. Listings run newest first,
 * and the threads of each listed page are read before the next page, so when an expired cursor makes a pass
 * list again from the top, a post strictly between the two has had its thread read already and is not read
 * again; posts outside (new ones, and those at the edges, read twice at worst) are.
 */
export interface ListedSpan {
  newest: string;
  oldest: string;
}

export const ListedSpanSchema = z.strictObject({ newest: z.string(), oldest: z.string() });

/** The span grown to cover `times` (ISO 8601 instants in UTC, which sort as text). */
export function widenSpan(span: ListedSpan | undefined, times: string[]): ListedSpan | undefined {
  const all = span ? [span.newest, span.oldest, ...times] : times;
  if (all.length === 0) return undefined;
  const sorted = [...all].sort();
  return { newest: sorted[sorted.length - 1], oldest: sorted[0] };
}

/** Whether a post created at `time` lies strictly inside the span, so its thread was read already. */
export function wasListed(span: ListedSpan | undefined, time: string): boolean {
  return span !== undefined && span.oldest < time && time < span.newest;
}
