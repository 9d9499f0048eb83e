import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { batesNumber } from '@verbatim/bundles';
import type { Bundle } from '@verbatim/foia';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { REQUEST_READERS, REQUEST_WORKERS } from './foia-requests.routes';

const BundleViewSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  status: z.enum(['queued', 'building', 'completed', 'failed']),
  progress: z
    .object({ phase: z.string(), itemsDone: z.number(), itemsTotal: z.number(), pages: z.number() })
    .nullable(),
  pages: z.number().nullable(),
  sha256: z.string().nullable(),
  zipSha256: z.string().nullable(),
  firstBates: z.string().nullable(),
  lastBates: z.string().nullable(),
  error: z.string().nullable(),
  /** When redacted words would have appeared in clear: each place (see the README, "Redactions"). */
  unredacted: z
    .array(
      z.object({
        recordId: z.string(),
        text: z.string(),
        section: z.string(),
        where: z.string(),
        files: z.array(z.string()),
        count: z.number(),
      }),
    )
    .nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export function viewBundle(bundle: Bundle) {
  const bates = (number: number | null) => (number === null ? null : batesNumber(bundle.batesPrefix, number));
  return {
    id: bundle.id,
    requestId: bundle.requestId,
    status: bundle.status,
    progress: bundle.progress,
    pages: bundle.pages,
    sha256: bundle.sha256,
    zipSha256: bundle.zipSha256,
    firstBates: bates(bundle.batesFirst),
    lastBates: bates(bundle.batesLast),
    error: bundle.error,
    unredacted: bundle.unredacted,
    createdAt: bundle.createdAt,
    completedAt: bundle.completedAt,
  };
}

export function bundleRoutes({ foiaDesk }: ApiContext) {
  const download = (kind: 'pdf' | 'zip') =>
    defineRoute({
      method: 'get',
      path: `/bundles/:id/${kind}`,
      summary: `Download a completed bundle's ${kind === 'pdf' ? 'PDF' : 'ZIP (PDF, records JSON, CSV index, SHA-256 manifest)'}`,
      roles: REQUEST_READERS,
      status: 200,
      produces: kind === 'pdf' ? 'application/pdf' : 'application/zip',
      handle: async ({ params, principal, response }) => {
        const { fileName, sha256, stream } = await foiaDesk.download(params.id, kind, principal.id);
        response.status(200).type(kind === 'pdf' ? 'application/pdf' : 'application/zip');
        response.setHeader('content-disposition', `attachment; filename="${fileName}"`);
        response.setHeader('x-content-sha256', sha256);
        await pipeline(stream, response);
        return undefined;
      },
    });
  return [
    defineRoute({
      method: 'post',
      path: '/foia-requests/:id/bundles',
      summary: 'Build a response bundle from the gathered records (asynchronous)',
      roles: REQUEST_WORKERS,
      status: 202,
      response: z.object({ id: z.string(), status: z.string() }),
      handle: async ({ params, principal }) => {
        const bundle = await foiaDesk.createBundle(params.id, principal.id);
        return { id: bundle.id, status: bundle.status };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/foia-requests/:id/bundles',
      summary: 'The bundles built for a request',
      roles: REQUEST_READERS,
      status: 200,
      response: z.object({ bundles: z.array(BundleViewSchema) }),
      handle: async ({ params }) => ({ bundles: (await foiaDesk.listBundles(params.id)).map(viewBundle) }),
    }),
    defineRoute({
      method: 'get',
      path: '/bundles/:id',
      summary: "A bundle's status and progress; pages, Bates range and SHA-256 once completed",
      roles: REQUEST_READERS,
      status: 200,
      response: BundleViewSchema,
      handle: async ({ params }) => viewBundle(await foiaDesk.getBundle(params.id)),
    }),
    download('pdf'),
    download('zip'),
    defineRoute({
      method: 'post',
      path: '/bundles/:id/verify',
      summary: "Recompute the bundle's hashes and its originals' from storage (and, with rebuild, re-render it)",
      roles: REQUEST_READERS,
      query: z.strictObject({ rebuild: z.enum(['true', 'false']).optional() }),
      status: 200,
      response: z.unknown(),
      handle: ({ params, query, principal }) => foiaDesk.verify(params.id, query.rebuild === 'true', principal.id),
    }),
  ];
}
