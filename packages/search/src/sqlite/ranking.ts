import type { Database, Statement } from 'better-sqlite3';
import { tokenizeFolded } from '../text/fold-text';
import type { MatchLeaf } from './fts-match';
import type { RowSet } from './row-set';

/** Column weights: the current text counts most, the author's name next, edited-away text least. */
const WEIGHTS = [4, 1, 2] as const;
const K1 = 1.2;
const B = 0.75;

export interface RankedRows {
  /** Best first; equal scores newest first. */
  docs: Int32Array;
  scores: Float64Array;
}

/** What a leaf contributes to scoring: its tokens and how many documents it matches. */
export interface ScoredLeaf {
  leaf: MatchLeaf;
  documentCount: number;
}

/**
 * BM25 computed in JS for a bounded set of candidates, the same formula FTS5's bm25() uses (per-column weighted
 * term frequency, document length normalisation). Why not bm25() itself: before scoring its first row, it
 * walks every phrase's whole doclist to count documents, ~25 ms for a term in 300,000 documents, every time.
 * Here the document counts are already known exactly (the leaves' match lists) and only candidates' text is read.
 * Length normalisation uses the candidates' average length, not the corpus's: it only orders candidates.
 */
export class Ranker {
  private readonly readText: Statement<[number]>;

  constructor(db: Database) {
    this.readText = db
      .prepare('SELECT text, prior_text, author_name FROM search_fts WHERE rowid = CAST(? AS INTEGER)')
      .raw();
  }

  /** Scores and orders candidates. `totalDocuments` is the corpus size used for idf. */
  rank(candidates: RowSet, leaves: ScoredLeaf[], totalDocuments: number): RankedRows {
    const frequencies = new Float64Array(candidates.length * leaves.length);
    const lengths = new Float64Array(candidates.length);
    candidates.forEach((doc, index) => {
      const columns = (this.readText.get(doc) as [string, string, string] | undefined) ?? ['', '', ''];
      lengths[index] = countFrequencies(columns, leaves, frequencies, index * leaves.length);
    });
    const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, candidates.length) || 1;
    const idf = leaves.map(({ documentCount }) =>
      Math.max(1e-6, Math.log((totalDocuments - documentCount + 0.5) / (documentCount + 0.5))),
    );
    const scores = new Float64Array(candidates.length);
    for (let index = 0; index < candidates.length; index += 1) {
      const norm = K1 * (1 - B + (B * lengths[index]) / averageLength);
      let score = 0;
      for (let leaf = 0; leaf < leaves.length; leaf += 1) {
        const frequency = frequencies[index * leaves.length + leaf];
        score += (idf[leaf] * frequency * (K1 + 1)) / (frequency + norm);
      }
      scores[index] = score;
    }
    return order(candidates, scores);
  }
}

/** Fills the weighted frequency of each leaf in one document; returns the document's length in tokens. */
function countFrequencies(
  columns: [string, string, string],
  leaves: ScoredLeaf[],
  out: Float64Array,
  offset: number,
): number {
  let length = 0;
  columns.forEach((text, column) => {
    if (!text) return;
    const tokens = tokenizeFolded(text);
    length += tokens.length;
    leaves.forEach(({ leaf }, index) => {
      out[offset + index] += WEIGHTS[column] * countOccurrences(tokens, leaf);
    });
  });
  return length;
}

/** Occurrences of a leaf's token sequence; with a prefix leaf the last token only has to start the word. */
export function countOccurrences(tokens: string[], leaf: MatchLeaf): number {
  const wanted = leaf.tokens;
  if (wanted.length === 0) return 0;
  const last = wanted.length - 1;
  let count = 0;
  for (let start = 0; start + last < tokens.length; start += 1) {
    let matched = true;
    for (let offset = 0; offset <= last && matched; offset += 1) {
      const token = tokens[start + offset];
      matched = offset === last && leaf.prefix ? token.startsWith(wanted[offset]) : token === wanted[offset];
    }
    if (matched) count += 1;
  }
  return count;
}

function order(candidates: RowSet, scores: Float64Array): RankedRows {
  const indexes = Array.from(candidates.keys()).sort((a, b) => scores[b] - scores[a] || candidates[b] - candidates[a]);
  return {
    docs: Int32Array.from(indexes, (index) => candidates[index]),
    scores: Float64Array.from(indexes, (index) => scores[index]),
  };
}
