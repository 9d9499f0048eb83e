import type { GraphCall } from './fake-graph.server';

/**
 * A fake cursor: an index into the list and the generation of cursors it belongs to, opaque to the client as
 * Graph's are. FakeGraph.expireCursors starts a new generation, and refuses cursors of the older ones.
 */
export function encodeAfter(index: number, generation = 0): string {
  return Buffer.from(`i:${index}:g${generation}`).toString('base64url');
}

export function decodeAfter(cursor: string | null): number | null {
  return readCursor(cursor)?.index ?? null;
}

/** The cursor's index and generation, or null for no cursor or one the fake did not make. */
export function readCursor(cursor: string | null): { index: number; generation: number } | null {
  if (!cursor) return null;
  const match = /^i:(\d+):g(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { index: Number(match[1]), generation: Number(match[2]) } : null;
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
  const generation = call.cursorGeneration;
  const cursors = { before: encodeAfter(before, generation), after: encodeAfter(after ?? before, generation) };
  if (after === null) return { cursors };
  const next = new URL(path, baseUrl);
  call.params.forEach((value, name) => next.searchParams.set(name, value));
  next.searchParams.set('after', encodeAfter(after, generation));
  return { cursors, next: next.toString() };
}
