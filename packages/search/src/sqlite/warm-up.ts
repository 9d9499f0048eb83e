import type { Database } from 'better-sqlite3';
import { tokenizeFolded } from '../text/fold-text';
import type { ColumnCache } from './column-cache';
import { toLeaf } from './fts-match';
import type { LeafCache } from './leaf-cache';

export interface WarmUpOptions {
  /** Documents sampled to find frequent words. Default 2,000. */
  sampleSize?: number;
  /** A word found in at least this share of the sample is precomputed. Default 0.02 (2 %). */
  minDocumentShare?: number;
  /** At most this many words. Default 300. */
  maxTerms?: number;
}

export interface WarmUpReport {
  terms: number;
  ms: number;
}

/**
 * Fills the leaf cache with the match lists of the most frequent words, found by sampling documents. Those are
 * the leaves that would cost tens of milliseconds on first use (a word in 30 % of a million documents: ~50 ms);
 * once cached they are kept current incrementally. Rare words need no warming: FTS5 answers them in
 * microseconds.
 */
export function warmUpFrequentTerms(
  db: Database,
  columns: ColumnCache,
  leaves: LeafCache,
  options: WarmUpOptions = {},
): WarmUpReport {
  const started = Date.now();
  const sampleSize = options.sampleSize ?? 2000;
  columns.refresh();
  const counts = countSampledWords(db, columns, sampleSize);
  const threshold = Math.max(2, (options.minDocumentShare ?? 0.02) * sampleSize);
  const frequent = [...counts]
    .filter(([, count]) => count >= threshold)
    .sort((a, b) => b[1] - a[1])
    .slice(0, options.maxTerms ?? 300);
  for (const [word] of frequent) {
    const leaf = toLeaf(word, false);
    if (leaf) leaves.rowsFor(leaf.expression, columns.maxDoc);
  }
  return { terms: frequent.length, ms: Date.now() - started };
}

/** In how many sampled documents each word occurs. */
function countSampledWords(db: Database, columns: ColumnCache, sampleSize: number): Map<string, number> {
  const read = db
    .prepare('SELECT text, prior_text, author_name FROM search_fts WHERE rowid = CAST(? AS INTEGER)')
    .raw();
  const counts = new Map<string, number>();
  const size = Math.min(sampleSize, columns.maxDoc);
  for (let drawn = 0; drawn < size; drawn += 1) {
    const doc = 1 + Math.floor(Math.random() * columns.maxDoc);
    const row = read.get(doc) as string[] | undefined;
    if (!row) continue;
    for (const word of new Set(tokenizeFolded(row.join(' ')))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
