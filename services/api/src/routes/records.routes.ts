import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ArchiveRecordSchema, PolicyFlagKindSchema, RecordVersionSchema, TombstoneSchema } from '@verbatim/core';
import { policyFlagsOfRecord, RecordsQuerySchema } from '@verbatim/app';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ModerationReviewViewSchema } from './moderation.schemas';
import { DisposedRecordSchema } from './retention.schemas';
import { RECORD_READERS } from './roles';

const RecordSummarySchema = ArchiveRecordSchema.extend({
  highlight: z.string().optional(),
  score: z.number().optional(),
});

const SearchResponseSchema = z.object({
  total: z.number(),
  records: z.array(RecordSummarySchema),
  facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number() }))),
  nextCursor: z.string().nullable(),
});

const RecordDetailSchema = ArchiveRecordSchema.extend({
  versions: z.array(RecordVersionSchema),
  tombstone: TombstoneSchema.nullable(),
  thread: z.object({ ancestors: z.array(ArchiveRecordSchema), replies: z.array(ArchiveRecordSchema) }),
  captures: z.array(
    z.object({
      sha256: z.string(),
      key: z.string(),
      contentType: z.string(),
      byteLength: z.number(),
      capturedAt: z.string(),
      source: z.string(),
    }),
  ),
  moderationReviews: z
    .array(ModerationReviewViewSchema)
    .describe('every moderation review of the record, newest first: the archived item is kept whatever is decided'),
  policyFlags: z
    .array(
      z.object({
        flag: PolicyFlagKindSchema,
        category: z.string().describe('the Exhibit A category (seed id) it suggests'),
        reason: z.string(),
        evidence: z.array(z.string()),
      }),
    )
    .describe('suggestions for moderators, never actions: what the text may break of the comment policy'),
  integrity: z
    .object({
      ok: z.boolean(),
      problems: z.array(
        z.object({
          kind: z.string(),
          key: z.string().nullable().describe('the object concerned'),
          sha256: z.string().nullable(),
          accountId: z.string().nullable(),
          message: z.string(),
        }),
      ),
    })
    .describe(
      "whether the record's raw captures and media still hash to what was archived; a corrupt object is named " +
        '(and its download answers 409 archive_corrupt)',
    ),
  disposition: DisposedRecordSchema.extend({ approvedAt: z.string(), approvalNote: z.string() })
    .nullable()
    .describe(
      'set once the record was disposed of under a retention rule: its content is gone, the tombstone keeps its ' +
        'hashes, the rule and citation, the approval and the date',
    ),
});

/** The path parameter of everything addressed by its content: captures and media. */
const Sha256ParamsSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits') });

/** Media types a browser may show inline; anything else (SVG, HTML) is sent as a download, so it cannot run here. */
const INLINE_MEDIA = /^(image\/(png|jpeg|gif|webp|avif)|video\/(mp4|webm))$/;

export function recordRoutes({ records, moderationDesk, dispositionDesk }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/records',
      summary: 'Full-text search with filters, facets, highlights and cursor paging',
      roles: RECORD_READERS,
      query: RecordsQuerySchema,
      status: 200,
      response: SearchResponseSchema,
      handle: ({ query, principal }) => records.search(query, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/records/:id',
      summary: 'One record with every version, its tombstone, thread context and archive hashes',
      roles: RECORD_READERS,
      status: 200,
      response: RecordDetailSchema,
      handle: async ({ params, principal }) => {
        const detail = await records.read(params.id, principal.id);
        return {
          ...detail,
          moderationReviews: await moderationDesk.historyOf(params.id),
          policyFlags: policyFlagsOfRecord(detail),
          disposition: await dispositionDesk.dispositionOf(detail.id),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/captures/:sha256',
      summary: 'Download a raw platform response exactly as received',
      roles: RECORD_READERS,
      params: Sha256ParamsSchema,
      status: 200,
      produces: 'application/octet-stream',
      handle: async ({ params, principal, response }) => {
        const { capture, bytes } = await records.capture(params.sha256, principal.id);
        response.setHeader('content-type', capture.contentType);
        response.setHeader('x-content-sha256', capture.sha256);
        response.setHeader('content-disposition', `attachment; filename="${capture.sha256}.json"`);
        response.status(200).end(Buffer.from(bytes));
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/media/:sha256',
      summary:
        'An archived attachment (image, video, file) by its SHA-256, with the content type it was downloaded with',
      roles: RECORD_READERS,
      params: Sha256ParamsSchema,
      status: 200,
      produces: 'application/octet-stream',
      handle: async ({ params, principal, response }) => {
        const { info, stream } = await records.media(params.sha256, principal.id);
        const inline = INLINE_MEDIA.test(info.contentType);
        response.setHeader('content-type', inline ? info.contentType : 'application/octet-stream');
        response.setHeader('content-length', String(info.byteLength));
        response.setHeader('x-content-type-options', 'nosniff');
        response.setHeader('content-security-policy', "default-src 'none'; sandbox");
        response.setHeader('x-content-sha256', params.sha256);
        if (!inline) response.setHeader('content-disposition', `attachment; filename="${params.sha256}"`);
        response.status(200);
        // Streamed, so a large video never sits in memory whole; a read that fails midway cuts the response short.
        await pipeline(stream, response);
        return undefined;
      },
    }),
  ];
}
