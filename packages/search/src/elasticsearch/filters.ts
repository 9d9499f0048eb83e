import type { estypes } from '@elastic/elasticsearch';
import {
  POLICY_FLAG_KINDS,
  PlatformSchema,
  RecordKindSchema,
  RecordStatusSchema,
  SearchQueryError,
  type SearchFilters,
} from '@verbatim/core';

type Dsl = estypes.QueryDslQueryContainer;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters as clauses for the bool query's filter context (not scored, cacheable). An empty list constrains
 * nothing; a value never indexed matches nothing. Date bounds are inclusive, and a date-only `postedTo`
 * includes that whole day, as in the SQLite index. Throws `SearchQueryError` for an unreadable date or an
 * unknown platform, kind, status or flag.
 */
export function translateFilters(filters: SearchFilters | undefined): Dsl[] {
  const given = filters ?? {};
  const clauses: Dsl[] = [];
  const addTerms = (field: string, values: readonly string[] | undefined): void => {
    if (values && values.length > 0) clauses.push({ terms: { [field]: [...values] } });
  };
  addTerms('agencyId', given.agencyId);
  addTerms('accountId', given.accountId);
  addTerms('platform', checkKnown(given.platform, PlatformSchema.options, 'platform'));
  addTerms('kind', checkKnown(given.kind, RecordKindSchema.options, 'kind'));
  addTerms('status', checkKnown(given.status, RecordStatusSchema.options, 'status'));
  addTerms('authorName.keyword', given.author);
  addTerms('policyFlags', checkKnown(given.flag, POLICY_FLAG_KINDS, 'flag'));
  if (given.hasAttachments !== undefined) clauses.push({ term: { hasAttachments: given.hasAttachments } });
  const range = dateRange(given.postedFrom, given.postedTo);
  if (range) clauses.push({ range: { postedAt: range } });
  return clauses;
}

function dateRange(from: string | undefined, to: string | undefined): estypes.QueryDslDateRangeQuery | undefined {
  if (from === undefined && to === undefined) return undefined;
  const range: estypes.QueryDslDateRangeQuery = {};
  if (from !== undefined) range.gte = new Date(parseBound(from, 'postedFrom')).toISOString();
  if (to !== undefined)
    range.lte = new Date(parseBound(to, 'postedTo') + (DATE_ONLY.test(to) ? DAY_MS - 1 : 0)).toISOString();
  return range;
}

function parseBound(value: string, name: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new SearchQueryError(`${name} "${value}" is not an ISO-8601 date or date-time`);
  return time;
}

function checkKnown<T extends string>(
  values: readonly T[] | undefined,
  known: readonly T[],
  name: string,
): readonly T[] | undefined {
  for (const value of values ?? []) {
    if (!known.includes(value))
      throw new SearchQueryError(`unknown ${name} "${value}": expected one of ${known.join(', ')}`);
  }
  return values;
}
