import { z } from 'zod';
import { ExportImportSchema } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';

/** `POST /accounts/:id/imports` reads its body itself, as a stream: the JSON body parser must leave it alone. */
export function isImportUpload(request: { method: string; path: string }): boolean {
  return request.method === 'POST' && /^\/accounts\/[^/]+\/imports\/?$/.test(request.path);
}

export function importRoutes({ imports }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/accounts/:id/imports',
      summary:
        'Import a platform export (X archive, Mastodon archive or outbox.json, Facebook or Instagram JSON download, Slack or Discord channel export): the file is the request body, streamed; `fileName` names it',
      roles: ['it-admin'],
      query: z.strictObject({ fileName: z.string().optional() }),
      uploads: {
        contentTypes: ['application/zip', 'application/json', 'application/octet-stream'],
        description:
          'The export file itself, streamed (several GB are fine); its format is recognised from its contents, whatever the content type',
      },
      status: 202,
      response: z.object({ jobId: z.string(), importId: z.string() }),
      handle: async ({ params, query, request, principal }) =>
        imports.startImport(params.id, { fileName: query.fileName, body: request }, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/accounts/:id/imports',
      summary: "The account's imports, newest first, each with what it found, archived and skipped",
      roles: ['it-admin', 'auditor'],
      status: 200,
      response: z.object({ imports: z.array(ExportImportSchema) }),
      handle: async ({ params }) => ({ imports: await imports.listImports(params.id) }),
    }),
  ];
}
