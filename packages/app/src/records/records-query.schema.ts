import { z } from 'zod';
import {
  PlatformSchema,
  PolicyFlagKindSchema,
  RecordKindSchema,
  RecordStatusSchema,
  SearchQuery,
} from '@verbatim/core';

/** Accepts `a,b` or repeated parameters, so links stay short and forms work unchanged. */
function listParameter<T extends z.ZodType>(item: T, splitCommas = true) {
  return z.preprocess((value) => {
    if (value === undefined || value === '') return undefined;
    const values = (Array.isArray(value) ? value : [value]).map(String);
    return (splitCommas ? values.flatMap((entry) => entry.split(',')) : values)
      .map((entry) => entry.trim())
      .filter(Boolean);
  }, z.array(item).min(1).max(100).optional());
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateBound = (endOfDay: boolean) =>
  z
    .string()
    .refine(
      (value) => DATE_ONLY.test(value) || !Number.isNaN(Date.parse(value)),
      'use YYYY-MM-DD or an ISO-8601 date-time',
    )
    .transform((value) =>
      DATE_ONLY.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : new Date(value).toISOString(),
    )
    .optional();

export const RecordsQuerySchema = z
  .object({
    q: z.string().max(2000).optional(),
    agencyId: listParameter(z.string()),
    accountId: listParameter(z.string()),
    platform: listParameter(PlatformSchema),
    kind: listParameter(RecordKindSchema),
    status: listParameter(RecordStatusSchema),
    /** Policy flags the record's own text raises (suggestions for moderators); any of those listed. */
    flag: listParameter(PolicyFlagKindSchema),
    /** Author names may contain commas, so only repeated parameters give several. */
    author: listParameter(z.string(), false),
    postedFrom: dateBound(false),
    postedTo: dateBound(true),
    hasAttachments: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(20),
    cursor: z.string().max(4096).optional(),
  })
  .strict();
export type RecordsQuery = z.infer<typeof RecordsQuerySchema>;

export function toSearchQuery(query: RecordsQuery): SearchQuery {
  const { q, sort, limit, cursor, ...filters } = query;
  return { q: q?.trim() || undefined, sort, limit, cursor, filters };
}
