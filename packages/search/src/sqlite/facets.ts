import type { FacetCount, FacetName } from '@verbatim/core';
import type { ColumnCache } from './column-cache';
import type { Dictionary } from './dictionary';
import { POLICY_FLAG_KINDS } from '@verbatim/core';
import { KINDS, PLATFORMS, STATUSES } from './document-codes';
import type { RowSet } from './row-set';

const TOP_AUTHORS = 20;

export type Facets = Record<FacetName, FacetCount[]>;

/**
 * Raw facet counts: a histogram of the packed platform/kind/status/attachments value (8,192 buckets, from which
 * the four closed facets are summed) and one histogram per dictionary dimension, indexed by code.
 */
export interface FacetCounts {
  packed: Uint32Array;
  agency: Uint32Array;
  account: Uint32Array;
  author: Uint32Array;
  /** Documents raising each policy flag, by bit (a document counts once per flag it raises). */
  flags: Uint32Array;
}

export function emptyFacetCounts(codeLimit: number): FacetCounts {
  return {
    packed: new Uint32Array(1 << 13),
    agency: new Uint32Array(codeLimit),
    account: new Uint32Array(codeLimit),
    author: new Uint32Array(codeLimit),
    flags: new Uint32Array(POLICY_FLAG_KINDS.length),
  };
}

/** Adds (1) or removes (-1) one document's flag bits from per-flag counts. */
export function countFlags(counts: Uint32Array, bits: number, delta: number): void {
  for (let bit = 0; bits >> bit !== 0; bit += 1) if ((bits >> bit) & 1) counts[bit] += delta;
}

/**
 * Counts every facet over all matches in one pass over typed arrays: ~5 ms per million matches on an idle
 * core, where SQL GROUP BYs over a join took seconds.
 */
export function countFacets(rows: RowSet, columns: ColumnCache, codeLimit: number): FacetCounts {
  const counts = emptyFacetCounts(codeLimit);
  const { packed, agency, account, author, flags } = counts;
  const { enums, agency: agencyOf, account: accountOf, author: authorOf, flags: flagsOf } = columns;
  for (let index = 0; index < rows.length; index += 1) {
    const doc = rows[index];
    packed[enums[doc]] += 1;
    agency[agencyOf[doc]] += 1;
    account[accountOf[doc]] += 1;
    author[authorOf[doc]] += 1;
    if (flagsOf[doc] !== 0) countFlags(flags, flagsOf[doc], 1);
  }
  return counts;
}

/** Turns raw counts into the facets of a search result: values by count, authors limited to the top 20. */
export function toFacets(counts: FacetCounts, dictionary: Dictionary): Facets {
  const { packed } = counts;
  return {
    platform: closedFacet(packed, PLATFORMS, (value) => value & 15),
    kind: closedFacet(packed, KINDS, (value) => (value >> 4) & 15),
    status: closedFacet(packed, STATUSES, (value) => (value >> 8) & 15),
    hasAttachments: closedFacet(packed, ['false', 'true'], (value) => (value >> 12) & 1),
    agencyId: openFacet(counts.agency, dictionary, Infinity),
    accountId: openFacet(counts.account, dictionary, Infinity),
    author: openFacet(counts.author, dictionary, TOP_AUTHORS),
    flag: sortFacet(
      POLICY_FLAG_KINDS.map((value, bit) => ({ value, count: counts.flags[bit] })).filter((facet) => facet.count > 0),
    ),
  };
}

function closedFacet(packed: Uint32Array, names: readonly string[], pick: (value: number) => number): FacetCount[] {
  const counts = new Array<number>(names.length).fill(0);
  for (let value = 0; value < packed.length; value += 1) if (packed[value] > 0) counts[pick(value)] += packed[value];
  return sortFacet(names.map((value, index) => ({ value, count: counts[index] })).filter((facet) => facet.count > 0));
}

function openFacet(counts: Uint32Array, dictionary: Dictionary, top: number): FacetCount[] {
  // With thousands of authors, sort only those that can still make the top: at least the top-th largest count.
  const nonZero = counts.filter((count) => count > 0);
  const floor = nonZero.length > top ? nonZero.sort().reverse()[top - 1] : 1;
  const facets: FacetCount[] = [];
  for (let code = 0; code < counts.length; code += 1) {
    if (counts[code] >= floor) facets.push({ value: dictionary.valueOf(code), count: counts[code] });
  }
  return sortFacet(facets).slice(0, top);
}

/** Most frequent first; equal counts in value order, so results are stable. */
function sortFacet(facets: FacetCount[]): FacetCount[] {
  return facets.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
