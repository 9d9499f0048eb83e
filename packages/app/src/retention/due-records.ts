import type { DispositionCandidate, RetentionStore, SearchIndex } from '@verbatim/core';
import type { FoiaStore } from '@verbatim/foia';
import { recordsHeldBySavedSearches } from './saved-search-holds';

/** A report or a run looks at this many due records at most; the rest wait for the next run. */
export const MAX_DUE = 10_000;

/** Due records on `asOf` (under these rules only, when given) that no hold covers, saved-search holds included. */
export async function dueRecords(
  deps: { retention: RetentionStore; foiaStore: FoiaStore; searchIndex: SearchIndex },
  asOf: string,
  ruleIds?: string[],
): Promise<{ due: DispositionCandidate[]; truncated: boolean }> {
  const candidates = await deps.retention.listDispositionCandidates(asOf, MAX_DUE + 1, ruleIds);
  const held = await recordsHeldBySavedSearches(deps, await deps.retention.listHolds());
  const due = candidates.slice(0, MAX_DUE).filter((candidate) => !held.has(candidate.recordId));
  return { due, truncated: candidates.length > MAX_DUE };
}
