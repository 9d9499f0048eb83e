import { z } from 'zod';
import { notFound, parseInput, type AccountRegistry, type AuditLog, type VerificationControl } from '@verbatim/core';

export const VerificationRequestSchema = z.strictObject({
  accountId: z.string().min(1).max(200).optional().describe('only this account'),
  since: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .optional()
    .describe('only captures made at or after this instant; the chains are walked whole'),
});
export type VerificationRequest = z.infer<typeof VerificationRequestSchema>;

/** Verifications of the archive asked for through the API; each runs as a job whose result is the report. */
export class VerificationDesk {
  constructor(
    private readonly deps: { catalog: AccountRegistry & AuditLog; verificationControl: VerificationControl },
  ) {}

  /** Queues a verification, audited; 400 for a bad request, 404 for an unknown account. Returns the job id. */
  async start(input: unknown, actorId: string): Promise<{ jobId: string }> {
    const request = parseInput(VerificationRequestSchema, input ?? {});
    if (request.accountId && !(await this.deps.catalog.getAccount(request.accountId)))
      throw notFound(`account ${request.accountId}`);
    const since = request.since === undefined ? undefined : new Date(request.since).toISOString();
    const jobId = await this.deps.verificationControl.enqueue({
      accountId: request.accountId,
      since,
      requestedBy: actorId,
    });
    await this.deps.catalog.appendAudit({
      actor: actorId,
      action: 'archive.verify',
      target: request.accountId ?? 'archive',
      details: { jobId, since: since ?? null },
    });
    return { jobId };
  }
}
