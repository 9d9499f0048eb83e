import { z } from 'zod';
import { VerificationRequestSchema } from '@verbatim/app';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';

/** Who may have the archive verified and read the report. */
const VERIFIERS = ['it-admin', 'auditor'] as const;

export function verificationRoutes({ verifications }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/verifications',
      summary:
        'Verify the archive in the background, as `verbatim verify` does: every capture and media object re-hashed ' +
        'against its key and catalog row, the capture chains (and the audit chain) walked. ' +
        '`GET /api/v1/jobs/:jobId` reports progress `{ checked, total }` and, once done, the report as its result: ' +
        '`{ ok, problems: [{ kind, key, sha256, accountId, message }], objectsChecked, … }`',
      roles: [...VERIFIERS],
      body: VerificationRequestSchema,
      status: 202,
      response: z.object({ jobId: z.string() }),
      handle: ({ body, principal }) => verifications.start(body, principal.id),
    }),
  ];
}
