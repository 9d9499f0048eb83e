import { lowerBound, type RowSet } from './row-set';

/** A run of matches ranked together for relevance: documents numbered lo..hi. */
export interface RelevanceWindow {
  lo: number;
  hi: number;
}

/**
 * The window below `before` (exclusive): the `size` most recently indexed matches there. Relevance over a
 * huge match set ranks the newest `size` matches first, then the next `size`, and so on; a set no larger than
 * `size` is ranked whole. Null when no match is left.
 */
export function windowBelow(matches: RowSet, before: number, size: number): RelevanceWindow | null {
  const end = lowerBound(matches, before, 0);
  if (end === 0) return null;
  return { lo: matches[Math.max(0, end - size)], hi: matches[end - 1] };
}

/** The matches inside a window. */
export function matchesIn(matches: RowSet, window: RelevanceWindow): RowSet {
  return matches.subarray(lowerBound(matches, window.lo, 0), lowerBound(matches, window.hi + 1, 0));
}
