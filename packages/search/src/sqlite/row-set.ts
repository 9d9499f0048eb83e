/**
 * Sets of document numbers as ascending Int32Arrays: the form FTS5 returns matches in, compact, and fast to
 * intersect, merge and scan.
 */
export type RowSet = Int32Array;

export const EMPTY_ROW_SET: RowSet = new Int32Array(0);

/**
 * Parses `group_concat(rowid)` output ("3,17,42"). One aggregated string crosses from SQLite to JS far faster
 * than one row per match (measured: ~2x at 300,000 matches).
 */
export function parseRowList(text: string | null): RowSet {
  if (!text) return EMPTY_ROW_SET;
  let out: Int32Array = new Int32Array(Math.max(16, (text.length >> 2) + 1));
  let count = 0;
  let value = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 44) {
      if (count === out.length) out = growTo(out, count * 2);
      out[count++] = value;
      value = 0;
    } else value = value * 10 + code - 48;
  }
  if (count === out.length) out = growTo(out, count + 1);
  out[count++] = value;
  return out.subarray(0, count);
}

/** Documents in both sets: a linear merge for similar sizes, galloping through the larger set otherwise. */
export function intersect(a: RowSet, b: RowSet): RowSet {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Int32Array(small.length);
  let count = 0;
  if (large.length < small.length * 16) {
    let i = 0;
    let j = 0;
    while (i < small.length && j < large.length) {
      if (small[i] < large[j]) i += 1;
      else if (small[i] > large[j]) j += 1;
      else {
        out[count++] = small[i++];
        j += 1;
      }
    }
    return out.subarray(0, count);
  }
  let low = 0;
  for (let index = 0; index < small.length && low < large.length; index += 1) {
    const value = small[index];
    low = lowerBound(large, value, low);
    if (low < large.length && large[low] === value) out[count++] = value;
  }
  return out.subarray(0, count);
}

/** Documents in either set. */
export function union(a: RowSet, b: RowSet): RowSet {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out[count++] = a[i++];
    else if (a[i] > b[j]) out[count++] = b[j++];
    else {
      out[count++] = a[i++];
      j += 1;
    }
  }
  while (i < a.length) out[count++] = a[i++];
  while (j < b.length) out[count++] = b[j++];
  return out.subarray(0, count);
}

/** Documents in `a` but not in `b`. */
export function difference(a: RowSet, b: RowSet): RowSet {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length);
  let count = 0;
  let low = 0;
  for (let index = 0; index < a.length; index += 1) {
    const value = a[index];
    low = lowerBound(b, value, low);
    if (low >= b.length || b[low] !== value) out[count++] = value;
  }
  return out.subarray(0, count);
}

/** The prefix of a set holding documents numbered at most `bound`. */
export function upTo(set: RowSet, bound: number): RowSet {
  const end = lowerBound(set, bound + 1, 0);
  return end === set.length ? set : set.subarray(0, end);
}

/** True when the set holds the document. */
export function has(set: RowSet, doc: number): boolean {
  const index = lowerBound(set, doc, 0);
  return index < set.length && set[index] === doc;
}

/**
 * First index at or after `from` whose value is >= target: exponential probing, then binary search, so a walk
 * through a large set with increasing targets costs O(log gap) per step.
 */
export function lowerBound(set: RowSet, target: number, from: number): number {
  let step = 1;
  let high = from;
  while (high < set.length && set[high] < target) {
    from = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, set.length);
  while (from < high) {
    const middle = (from + high) >>> 1;
    if (set[middle] < target) from = middle + 1;
    else high = middle;
  }
  return from;
}

function growTo(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}
