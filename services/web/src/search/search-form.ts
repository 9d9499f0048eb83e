import { DateTime } from 'luxon';
import {
  PlatformSchema,
  POLICY_FLAG_KINDS,
  RecordKindSchema,
  RecordStatusSchema,
  type SearchQuery,
} from '@verbatim/core';

export const STATUSES = RecordStatusSchema.options;
export const KINDS = RecordKindSchema.options;
export const PLATFORMS = PlatformSchema.options;
export const FLAGS = POLICY_FLAG_KINDS;
export const SORTS = ['relevance', 'newest', 'oldest'] as const;

/**
 * A search as the search page's URL holds it. The names are the API's (`GET /api/v1/records`), so a search URL
 * reads the same in both. `postedFrom`/`postedTo` are days (YYYY-MM-DD) on the town's calendar, both inclusive.
 * Empty strings and lists mean "no filter".
 */
export interface SearchForm {
  q: string;
  agencyId: string;
  accountId: string;
  platform: string[];
  kind: string[];
  status: string[];
  /** Policy flags (suggestions for moderators): records raising any of these. */
  flag: string[];
  author: string;
  hasAttachments: '' | 'true' | 'false';
  postedFrom: string;
  postedTo: string;
  sort: '' | (typeof SORTS)[number];
}

export const FORM_FIELDS: readonly (keyof SearchForm)[] = [
  'q',
  'agencyId',
  'accountId',
  'platform',
  'kind',
  'status',
  'flag',
  'author',
  'hasAttachments',
  'postedFrom',
  'postedTo',
  'sort',
];

const one = (value: unknown) => (typeof value === 'string' ? value : '');
const many = (value: unknown) =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];
const among = <T extends string>(allowed: readonly T[], values: string[]) => [
  ...new Set(values.filter((value): value is T => allowed.includes(value as T))),
];

function day(value: unknown): string {
  const text = one(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid ? text : '';
}

/** Reads a search from a query string (or a posted form), dropping values no filter accepts. */
export function readSearchForm(query: Record<string, unknown>): SearchForm {
  const hasAttachments = one(query.hasAttachments);
  const sort = one(query.sort);
  return {
    q: one(query.q).slice(0, 2000),
    agencyId: one(query.agencyId).slice(0, 200),
    accountId: one(query.accountId).slice(0, 200),
    platform: among(PLATFORMS, many(query.platform)),
    kind: among(KINDS, many(query.kind)),
    status: among(STATUSES, many(query.status)),
    flag: among(FLAGS, many(query.flag)),
    author: one(query.author).slice(0, 300),
    hasAttachments: hasAttachments === 'true' || hasAttachments === 'false' ? hasAttachments : '',
    postedFrom: day(query.postedFrom),
    postedTo: day(query.postedTo),
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as SearchForm['sort']) : '',
  };
}

/** Whether any filter (anything but the words and the sort) narrows the search. */
export function hasFilters(form: SearchForm): boolean {
  return FORM_FIELDS.some((field) => field !== 'q' && field !== 'sort' && form[field].length > 0);
}

/** The first and last instants of the form's days on the town's wall clock, as the index's UTC bounds. */
export function postedBounds(form: SearchForm, timeZone: string): { postedFrom?: string; postedTo?: string } {
  const at = (text: string) => DateTime.fromISO(text, { zone: timeZone });
  return {
    ...(form.postedFrom ? { postedFrom: at(form.postedFrom).startOf('day').toUTC().toISO()! } : {}),
    ...(form.postedTo ? { postedTo: at(form.postedTo).endOf('day').toUTC().toISO()! } : {}),
  };
}

/** The index query a form asks for: one page of `limit` hits after `cursor`. */
export function toSearchQuery(
  form: SearchForm,
  options: { timeZone: string; cursor?: string; limit?: number },
): SearchQuery {
  const list = <T>(values: string[]) => (values.length > 0 ? (values as T[]) : undefined);
  const single = <T>(value: string) => (value ? [value as T] : undefined);
  const filters: NonNullable<SearchQuery['filters']> = {
    agencyId: single(form.agencyId),
    accountId: single(form.accountId),
    platform: list(form.platform),
    kind: list(form.kind),
    status: list(form.status),
    flag: list(form.flag),
    author: single(form.author),
    hasAttachments: form.hasAttachments ? form.hasAttachments === 'true' : undefined,
    ...postedBounds(form, options.timeZone),
  };
  for (const key of Object.keys(filters) as (keyof typeof filters)[])
    if (filters[key] === undefined) delete filters[key];
  return {
    q: form.q.trim() || undefined,
    sort: form.sort || undefined,
    limit: options.limit ?? 20,
    cursor: options.cursor || undefined,
    filters,
  };
}

/** The form as name/value pairs, empty fields left out, lists repeated: what a search link or hidden form carries. */
export function formEntries(form: SearchForm): Array<[string, string]> {
  return FORM_FIELDS.flatMap((field) => {
    const value = form[field];
    return (Array.isArray(value) ? value : [value]).filter(Boolean).map((item): [string, string] => [field, item]);
  });
}

/**
 * The search as a FOIA request's saved search carries it: the URL's fields, except that the days become the
 * UTC instants the search used, so the API's records query (which reads bare days as UTC) matches the same records.
 */
export function savedSearchEntries(form: SearchForm, timeZone: string): Array<[string, string]> {
  const bounds = postedBounds(form, timeZone);
  return formEntries(form).map(([name, value]): [string, string] => [
    name,
    name === 'postedFrom' || name === 'postedTo' ? bounds[name]! : value,
  ]);
}
