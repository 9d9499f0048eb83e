import {
  POLICY_FLAG_KINDS,
  policyFlagKindsOf,
  type FacetCount,
  type FacetName,
  type SearchDocument,
  type SearchFilters,
  type SearchIndex,
  type SearchQuery,
} from '@verbatim/core';
import { FIXTURE_DOCUMENTS } from './fixture';

/** A fresh, empty index of one adapter, and how to dispose of it. */
export interface SearchIndexUnderTest {
  index: SearchIndex;
  cleanup(): Promise<void>;
}

/** One adapter as the conformance suite sees it. */
export interface SearchIndexFactory {
  name: string;
  create(): Promise<SearchIndexUnderTest>;
}

/**
 * Gives each describe block an index loaded with the fixture (created before its tests, disposed after).
 * Returns a getter, since the index only exists once the hook has run.
 */
export function useFixtureIndex(factory: SearchIndexFactory): () => SearchIndex {
  let subject: SearchIndexUnderTest | undefined;
  beforeAll(async () => {
    subject = await factory.create();
    await subject.index.upsert(FIXTURE_DOCUMENTS);
  });
  afterAll(async () => {
    await subject?.cleanup();
  });
  return () => {
    if (!subject) throw new Error('the fixture index is not ready');
    return subject.index;
  };
}

/** Ids of every match, sorted (the query must match at most 1000 documents). */
export async function matchingIds(index: SearchIndex, q: string, filters?: SearchFilters): Promise<string[]> {
  const result = await index.search({ q, filters, limit: 1000 });
  expect(result.nextCursor).toBeNull();
  return result.hits.map((hit) => hit.id).sort();
}

/** Follows nextCursor to the end; `between` runs after every page but the last. */
export async function pageThrough(
  index: SearchIndex,
  query: SearchQuery,
  between?: (page: number) => Promise<void>,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 1; page < 1000; page += 1) {
    const result = await index.search({ ...query, cursor });
    seen.push(...result.hits.map((hit) => hit.id));
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
    await between?.(page);
  }
  throw new Error('paging did not end');
}

/** Fixture ids whose documents satisfy a predicate, sorted. */
export function fixtureIds(predicate: (document: SearchDocument) => boolean): string[] {
  return FIXTURE_DOCUMENTS.filter(predicate)
    .map((document) => document.id)
    .sort();
}

/** Facets as the port defines them, computed directly over documents. */
export function expectedFacets(documents: SearchDocument[]): Record<FacetName, FacetCount[]> {
  const count = (pick: (document: SearchDocument) => string, top = Infinity): FacetCount[] => {
    const counts = new Map<string, number>();
    for (const document of documents) counts.set(pick(document), (counts.get(pick(document)) ?? 0) + 1);
    return [...counts]
      .map(([value, total]) => ({ value, count: total }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, top);
  };
  return {
    agencyId: count((document) => document.agencyId),
    accountId: count((document) => document.accountId),
    platform: count((document) => document.platform),
    kind: count((document) => document.kind),
    status: count((document) => document.status),
    author: count((document) => document.authorName, 20),
    hasAttachments: count((document) => String(document.hasAttachments)),
    flag: sortedCounts(
      POLICY_FLAG_KINDS.map((kind) => ({
        value: kind,
        count: documents.filter((document) => policyFlagKindsOf(document.text).includes(kind)).length,
      })).filter((facet) => facet.count > 0),
    ),
  };
}

function sortedCounts(counts: FacetCount[]): FacetCount[] {
  return counts.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
