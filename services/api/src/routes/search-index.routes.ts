import { z } from 'zod';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { JobStatusSchema } from './jobs.routes';

const DriftReportSchema = z.object({
  checkedAt: z.string(),
  ok: z.boolean(),
  totals: z.object({ catalog: z.number(), index: z.number() }),
  accounts: z.array(z.object({ accountId: z.string(), catalog: z.number(), index: z.number() })),
  sample: z.object({
    compared: z.boolean(),
    checked: z.number(),
    missing: z.array(z.string()),
    different: z.array(z.string()),
  }),
});

/** The search index for IT: its state, a zero-downtime rebuild from the catalog, and the drift check. */
export function searchIndexRoutes({ searchIndexDesk }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/search-index',
      summary: 'Documents indexed against records catalogued, and the latest reindex with its progress',
      roles: ['it-admin'],
      status: 200,
      response: z.object({
        documents: z.number(),
        catalogRecords: z.number(),
        rebuildable: z.boolean(),
        reindex: JobStatusSchema.nullable(),
      }),
      handle: () => searchIndexDesk.status(),
    }),
    defineRoute({
      method: 'post',
      path: '/search-index/reindex',
      summary:
        'Rebuild the search index from the catalog beside the live one, then switch to it (a job; resumable; searches go on meanwhile)',
      roles: ['it-admin'],
      status: 202,
      response: z.object({ jobId: z.string() }),
      handle: async ({ principal }) => ({ jobId: await searchIndexDesk.reindex(principal.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/search-index/drift-check',
      summary: 'Compare the index with the catalog: counts per account and a random sample of documents field by field',
      roles: ['it-admin'],
      body: z.strictObject({ sampleSize: z.number().int().min(1).max(5000).optional() }).optional(),
      status: 200,
      response: DriftReportSchema,
      handle: ({ body, principal }) => searchIndexDesk.checkDrift(body?.sampleSize, principal.id),
    }),
  ];
}
