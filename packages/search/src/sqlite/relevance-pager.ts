import type { MatchLeaf } from './fts-match';
import type { SearchSnapshot } from './point-in-time';
import type { Ranker, RankedRows } from './ranking';
import { matchesIn, windowBelow, type RelevanceWindow } from './relevance-window';

export interface RelevancePage {
  docs: number[];
  scores: number[];
  /** Where the next page starts: window lo, hi, and how many of its ranked matches were returned. */
  next: [number, number, number] | null;
  /** Memory the snapshot gained from newly ranked windows. */
  addedBytes: number;
}

/**
 * Pages through relevance order. Matches are ranked in windows of the most recently indexed `windowSize`
 * (all of them when there are fewer): scoring reads each candidate's text, so ranking 300,000 matches for one
 * page would cost seconds, while a window costs ~10 ms. Page one shows the best of the newest window; paging
 * continues through that window, then the next older one. Ranked windows are kept in the snapshot, so later
 * pages neither rescore nor see scores move as the corpus changes.
 */
export class RelevancePager {
  constructor(
    private readonly ranker: Ranker,
    private readonly leaves: MatchLeaf[],
    private readonly windowSize: number,
  ) {}

  page(snapshot: SearchSnapshot, from: [number, number, number] | undefined, limit: number): RelevancePage {
    const result: RelevancePage = { docs: [], scores: [], next: null, addedBytes: 0 };
    let window: RelevanceWindow | null = from
      ? { lo: from[0], hi: from[1] }
      : windowBelow(snapshot.matches, Infinity, this.windowSize);
    let offset = from ? from[2] : 0;
    while (window) {
      const ranked = this.ranked(snapshot, window, result);
      while (offset < ranked.docs.length && result.docs.length < limit) {
        result.docs.push(ranked.docs[offset]);
        result.scores.push(ranked.scores[offset]);
        offset += 1;
      }
      if (offset < ranked.docs.length) {
        result.next = [window.lo, window.hi, offset];
        break;
      }
      window = windowBelow(snapshot.matches, window.lo, this.windowSize);
      offset = 0;
      if (window && result.docs.length === limit) {
        result.next = [window.lo, window.hi, 0];
        break;
      }
    }
    return result;
  }

  private ranked(snapshot: SearchSnapshot, window: RelevanceWindow, result: RelevancePage): RankedRows {
    const known = snapshot.windows.get(window.hi);
    if (known) return known;
    const leaves = this.leaves.map((leaf) => ({ leaf, documentCount: snapshot.leafCounts.get(leaf.expression) ?? 0 }));
    const ranked = this.ranker.rank(matchesIn(snapshot.matches, window), leaves, snapshot.corpusSize);
    snapshot.windows.set(window.hi, ranked);
    result.addedBytes += ranked.docs.byteLength + ranked.scores.byteLength;
    return ranked;
  }
}
