import { z } from 'zod';
import { ArchiveRecordSchema, Catalog, ObjectNotFoundError, RecordVersionSchema, TombstoneSchema, mediaKey } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { ApiError, notFound } from '../api-error';
import { defineRoute } from '../route';
import { RECORD_READERS } from './roles';
import { RecordsQuerySchema, toSearchQuery } from './records-query.schema';
import { loadThread } from '@verbatim/core';

const RecordSummarySchema = ArchiveRecordSchema.extend({ highlight: z.string().optional(), score: z.number().optional() });

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
  captures: z.array(z.object({ sha256: z.string(), key: z.string(), contentType: z.string(), byteLength: z.number(), capturedAt: z.string(), source: z.string() })),
});

/** Media types a browser may show inline; anything else (SVG, HTML) is sent as a download, so it cannot run here. */
const INLINE_MEDIA = /^(image\/(png|jpeg|gif|webp|avif)|video\/(mp4|webm))$/;

async function loadCaptures(catalog: Catalog, shas: string[]) {
  const captures = await Promise.all([...new Set(shas)].map((sha) => catalog.getCapture(sha)));
  return captures.filter((capture) => capture !== null);
}

export function recordRoutes({ catalog, searchIndex, objectStore }: ApiContext) {
  return [
    defineRoute({
      method: 'get', path: '/records', summary: 'Full-text search with filters, facets, highlights and cursor paging', roles: RECORD_READERS,
      query: RecordsQuerySchema, status: 200, response: SearchResponseSchema,
      handle: async ({ query, principal }) => {
        const result = await searchIndex.search(toSearchQuery(query));
        const records = new Map((await catalog.getRecords(result.hits.map((hit) => hit.id))).map((record) => [record.id, record]));
        await catalog.appendAudit({ actor: principal.id, action: 'records.search', target: 'records', details: { query, returned: result.hits.length } });
        return {
          total: result.total,
          records: result.hits.filter((hit) => records.has(hit.id)).map((hit) => ({ ...records.get(hit.id)!, highlight: hit.highlight, score: hit.score })),
          facets: result.facets,
          nextCursor: result.nextCursor,
        };
      },
    }),
    defineRoute({
      method: 'get', path: '/records/:id', summary: 'One record with every version, its tombstone, thread context and archive hashes', roles: RECORD_READERS,
      status: 200, response: RecordDetailSchema,
      handle: async ({ params, principal }) => {
        const record = await catalog.getRecord(params.id);
        if (!record) throw notFound(`record ${params.id}`);
        const [versions, tombstone, thread] = await Promise.all([catalog.listVersions(record.id), catalog.getTombstone(record.id), loadThread(catalog, record)]);
        const captures = await loadCaptures(catalog, versions.map((version) => version.rawCaptureSha256));
        await catalog.appendAudit({ actor: principal.id, action: 'record.read', target: record.id });
        return { ...record, versions, tombstone, thread, captures };
      },
    }),
    defineRoute({
      method: 'get', path: '/captures/:sha256', summary: 'Download a raw platform response exactly as received', roles: RECORD_READERS,
      status: 200, produces: 'application/octet-stream',
      handle: async ({ params, principal, response }) => {
        if (!/^[0-9a-f]{64}$/.test(params.sha256)) throw new ApiError(400, 'validation_failed', 'sha256 must be 64 lowercase hex digits');
        const capture = await catalog.getCapture(params.sha256);
        if (!capture) throw notFound(`capture ${params.sha256}`);
        const bytes = await objectStore.get(capture.key).catch((error) => {
          if (error instanceof ObjectNotFoundError) throw new ApiError(500, 'archive_missing', `capture ${capture.sha256} is catalogued but missing from the object store`);
          throw error;
        });
        await catalog.appendAudit({ actor: principal.id, action: 'capture.download', target: capture.sha256 });
        response.setHeader('content-type', capture.contentType);
        response.setHeader('x-content-sha256', capture.sha256);
        response.setHeader('content-disposition', `attachment; filename="${capture.sha256}.json"`);
        response.status(200).end(Buffer.from(bytes));
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/media/:sha256', summary: 'An archived attachment (image, video, file) by its SHA-256, with the content type it was downloaded with', roles: RECORD_READERS,
      status: 200, produces: 'application/octet-stream',
      handle: async ({ params, principal, response }) => {
        if (!/^[0-9a-f]{64}$/.test(params.sha256)) throw new ApiError(400, 'validation_failed', 'sha256 must be 64 lowercase hex digits');
        const key = mediaKey(params.sha256);
        const info = await objectStore.head(key);
        if (!info) throw notFound(`media ${params.sha256}`);
        const bytes = await objectStore.get(key);
        await catalog.appendAudit({ actor: principal.id, action: 'media.download', target: params.sha256 });
        const inline = INLINE_MEDIA.test(info.contentType);
        response.setHeader('content-type', inline ? info.contentType : 'application/octet-stream');
        response.setHeader('x-content-type-options', 'nosniff');
        response.setHeader('content-security-policy', "default-src 'none'; sandbox");
        response.setHeader('x-content-sha256', params.sha256);
        if (!inline) response.setHeader('content-disposition', `attachment; filename="${params.sha256}"`);
        response.status(200).end(Buffer.from(bytes));
        return undefined;
      },
    }),
  ];
}
