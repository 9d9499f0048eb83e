import { POLICY_FLAG_KINDS, SearchQueryError, type SearchFilters } from '@verbatim/core';
import type { ColumnCache } from './column-cache';
import type { Dictionary } from './dictionary';
import { Dimension, KINDS, PLATFORMS, STATUSES, type DimensionId } from './document-codes';
import type { RowSet } from './row-set';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters compiled to lookup tables over the column cache's codes; null means "no constraint". */
export interface CompiledFilters {
  /** Indexed by the packed platform/kind/status/attachments value. */
  enums: Uint8Array | null;
  agency: Uint8Array | null;
  account: Uint8Array | null;
  author: Uint8Array | null;
  /** Policy flag bits of which a document must raise at least one; 0 means no constraint. */
  flags: number;
  postedFrom: number;
  postedTo: number;
}

/**
 * Compiles filters. An empty list means no constraint; a value the index has never seen matches nothing.
 * A date-only `postedTo` (2024-03-01) includes that whole day, as a person means it (and as Elasticsearch
 * rounds it). Throws `SearchQueryError` for an unreadable date or an unknown platform, kind, status or flag.
 */
export function compileFilters(filters: SearchFilters | undefined, dictionary: Dictionary): CompiledFilters {
  const given = filters ?? {};
  return {
    enums: compileEnums(given),
    agency: compileCodes(given.agencyId, Dimension.agency, dictionary),
    account: compileCodes(given.accountId, Dimension.account, dictionary),
    author: compileCodes(given.author, Dimension.author, dictionary),
    flags: compileFlags(given),
    postedFrom: given.postedFrom === undefined ? -Infinity : parseBound(given.postedFrom, 'postedFrom'),
    postedTo:
      given.postedTo === undefined
        ? Infinity
        : parseBound(given.postedTo, 'postedTo') + (DATE_ONLY.test(given.postedTo) ? DAY_MS - 1 : 0),
  };
}

/** True when the filters constrain nothing, so a match list can be used as it is. */
export function isUnfiltered(compiled: CompiledFilters): boolean {
  const { enums, agency, account, author, flags, postedFrom, postedTo } = compiled;
  return !enums && !agency && !account && !author && !flags && postedFrom === -Infinity && postedTo === Infinity;
}

/** The documents of `rows` that pass the filters. One tight loop: it can run over every document. */
export function applyFilters(rows: RowSet, compiled: CompiledFilters, columns: ColumnCache): RowSet {
  if (isUnfiltered(compiled)) return rows;
  const { enums, agency, account, author, flags, postedFrom, postedTo } = compiled;
  const { enums: enumsOf, agency: agencyOf, account: accountOf, author: authorOf, flags: flagsOf, postedAt } = columns;
  const checkDates = postedFrom !== -Infinity || postedTo !== Infinity;
  const out = new Int32Array(rows.length);
  let count = 0;
  for (let index = 0; index < rows.length; index += 1) {
    const doc = rows[index];
    if (enums !== null && enums[enumsOf[doc]] === 0) continue;
    if (agency !== null && agency[agencyOf[doc]] !== 1) continue;
    if (account !== null && account[accountOf[doc]] !== 1) continue;
    if (author !== null && author[authorOf[doc]] !== 1) continue;
    if (flags !== 0 && (flagsOf[doc] & flags) === 0) continue;
    if (checkDates && (postedAt[doc] < postedFrom || postedAt[doc] > postedTo)) continue;
    out[count++] = doc;
  }
  return out.subarray(0, count);
}

function compileEnums(filters: SearchFilters): Uint8Array | null {
  const platforms = allowedIndexes(filters.platform, PLATFORMS, 'platform');
  const kinds = allowedIndexes(filters.kind, KINDS, 'kind');
  const statuses = allowedIndexes(filters.status, STATUSES, 'status');
  const attachments = filters.hasAttachments === undefined ? null : new Set([filters.hasAttachments ? 1 : 0]);
  if (!platforms && !kinds && !statuses && !attachments) return null;
  const table = new Uint8Array(1 << 13);
  for (let packed = 0; packed < table.length; packed += 1) {
    const ok =
      (!platforms || platforms.has(packed & 15)) &&
      (!kinds || kinds.has((packed >> 4) & 15)) &&
      (!statuses || statuses.has((packed >> 8) & 15)) &&
      (!attachments || attachments.has((packed >> 12) & 1));
    table[packed] = ok ? 1 : 0;
  }
  return table;
}

/** The bits of the flags asked for (any of them matches), 0 for none asked. */
function compileFlags(filters: SearchFilters): number {
  let bits = 0;
  for (const index of allowedIndexes(filters.flag, POLICY_FLAG_KINDS, 'flag') ?? []) bits |= 1 << index;
  return bits;
}

function allowedIndexes(
  values: readonly string[] | undefined,
  known: readonly string[],
  name: string,
): Set<number> | null {
  if (!values || values.length === 0) return null;
  return new Set(
    values.map((value) => {
      const index = known.indexOf(value);
      if (index < 0) throw new SearchQueryError(`unknown ${name} "${value}": expected one of ${known.join(', ')}`);
      return index;
    }),
  );
}

function compileCodes(values: string[] | undefined, dimension: DimensionId, dictionary: Dictionary): Uint8Array | null {
  if (!values || values.length === 0) return null;
  const codes = values
    .map((value) => dictionary.findCode(dimension, value))
    .filter((code): code is number => code !== undefined);
  const table = new Uint8Array(Math.max(0, ...codes) + 1);
  for (const code of codes) table[code] = 1;
  // Code 0 is never handed out, so a table with no codes set matches nothing.
  return table;
}

function parseBound(value: string, name: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new SearchQueryError(`${name} "${value}" is not an ISO-8601 date or date-time`);
  return time;
}
