import type { GraphCall } from './fake-graph.server';

/** A fake cursor: an index into the list, opaque to the client as Graph's are. */
export function encodeAfter(index: number): string {
  return Buffer.from(`i:${index}`).toString('base64url');
}

export function decodeAfter(cursor: string | null): number | null {
  if (!cursor) return null;
  const match = /^i:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** `limit` as Graph reads it: 1..100, `fallback` when absent or unreadable. */
export function limitOf(call: GraphCall, fallback = 25): number {
  return Math.min(100, Math.max(1, Number(call.params.get('limit') ?? fallback) || fallback));
}

/**
 * Graph's paging object: cursors always, `next` only when `after` is not null. `next` repeats the query (the
 * token included, as Graph's own links do) with the new `after`.
 */
export function graphPaging(
  baseUrl: string,
  call: GraphCall,
  path: string,
  before: number,
  after: number | null,
): object {
  const cursors = { before: encodeAfter(before), after: encodeAfter(after ?? before) };
  if (after === null) return { cursors };
  const next = new URL(path, baseUrl);
  call.params.forEach((value, name) => next.searchParams.set(name, value));
  next.searchParams.set('after', encodeAfter(after));
  return { cursors, next: next.toString() };
}
