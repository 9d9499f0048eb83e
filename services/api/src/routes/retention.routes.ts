import { z } from 'zod';
import {
  ATTORNEY_ONLY_ROLES,
  DispositionApprovalSchema,
  HOLD_PLACER_ROLES,
  LegalHoldReleaseSchema,
  NewLegalHoldSchema,
  NewRetentionRuleSchema,
  notFound,
  RETENTION_READER_ROLES,
  RETENTION_RULE_ROLES,
} from '@verbatim/core';
import type { Response } from 'express';
import type { ReportFile } from '@verbatim/app';
import { sendCsvDownload } from '@verbatim/http';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import {
  DispositionReportSchema,
  DispositionSchema,
  DisposedRecordSchema,
  LegalHoldSchema,
  RetentionRuleSchema,
} from './retention.schemas';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/** Sends a report as a download: CSV through the shared writer, PDF as is. */
function sendReportFile(response: Response, file: ReportFile): void {
  if (typeof file.content === 'string')
    return sendCsvDownload(response, { fileName: file.fileName, content: file.content });
  response.status(200).type('application/pdf').set('Cache-Control', 'no-store');
  response.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
  response.send(file.content);
}

/** Rules and holds: IT and the attorney's office keep them; only the attorney releases a hold. */
export function retentionRoutes({ retentionDesk }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/retention-rules',
      summary: 'Retention rules by agency, account and record kind, retired ones included',
      roles: RETENTION_READER_ROLES,
      status: 200,
      response: z.object({ rules: z.array(RetentionRuleSchema) }),
      handle: async () => ({ rules: await retentionDesk.listRules() }),
    }),
    defineRoute({
      method: 'post',
      path: '/retention-rules',
      summary: 'Add a retention rule (days or permanent) with its Connecticut schedule citation',
      roles: RETENTION_RULE_ROLES,
      body: NewRetentionRuleSchema,
      status: 201,
      response: RetentionRuleSchema,
      handle: ({ body, principal }) => retentionDesk.addRule(body, principal.id),
    }),
    defineRoute({
      method: 'post',
      path: '/retention-rules/:id/retire',
      summary: 'Retire a rule: it stops applying and is kept, as tombstones name it',
      roles: RETENTION_RULE_ROLES,
      params: IdParams,
      status: 200,
      response: RetentionRuleSchema,
      handle: ({ params, principal }) => retentionDesk.retireRule(params.id, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/legal-holds',
      summary: "Legal holds, hand-placed and each FOIA request's automatic one, newest first",
      roles: RETENTION_READER_ROLES,
      status: 200,
      response: z.object({ holds: z.array(LegalHoldSchema) }),
      handle: async () => ({ holds: await retentionDesk.listHolds() }),
    }),
    defineRoute({
      method: 'post',
      path: '/legal-holds',
      summary: 'Place a legal hold on an account or a FOIA saved search, with the reason',
      roles: HOLD_PLACER_ROLES,
      body: NewLegalHoldSchema,
      status: 201,
      response: LegalHoldSchema,
      handle: ({ body, principal }) => retentionDesk.placeHold(body, principal.id),
    }),
    defineRoute({
      method: 'post',
      path: '/legal-holds/:id/release',
      summary: 'Release a hand-placed hold, with a note (a FOIA request releases its own when closed)',
      roles: ATTORNEY_ONLY_ROLES,
      params: IdParams,
      body: LegalHoldReleaseSchema,
      status: 200,
      response: LegalHoldSchema,
      handle: ({ params, body, principal }) => retentionDesk.releaseHold(params.id, body.note, principal.id),
    }),
  ];
}

/** The disposition report for readers, and disposition itself for the attorney alone. */
export function dispositionRoutes({ dispositionDesk }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/disposition-report',
      summary:
        'Records past retention and not held, per rule; objects waiting for their lock. `Accept: text/csv` or ' +
        '`application/pdf` for the files',
      roles: RETENTION_READER_ROLES,
      status: 200,
      response: DispositionReportSchema,
      alternatives: {
        'text/csv':
          'One row per due record: rule, citation, retention, record, account, agency, kind, posted, retention ' +
          'ended; then one row per object waiting for its Object Lock, with the date in the last column.',
        'application/pdf': 'The same report for the attorney: due records under each rule and its citation.',
      },
      handle: async ({ request, response }) => {
        response.vary('Accept');
        const format = request.accepts(['application/json', 'text/csv', 'application/pdf']);
        if (format === 'text/csv' || format === 'application/pdf') {
          sendReportFile(response, await dispositionDesk.reportFile(format === 'text/csv' ? 'csv' : 'pdf'));
          return undefined;
        }
        return dispositionDesk.report();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/dispositions',
      summary:
        "The attorney's approval: records it, then a job disposes of what is due (holds re-checked), keeping " +
        'tombstones; `GET /api/v1/jobs/:jobId` follows it',
      roles: ATTORNEY_ONLY_ROLES,
      body: DispositionApprovalSchema,
      status: 202,
      response: z.object({ jobId: z.string(), dispositionId: z.string() }),
      handle: async ({ body, principal }) => {
        const started = await dispositionDesk.approve(body, principal.id);
        return { jobId: started.jobId, dispositionId: started.disposition.id };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/dispositions',
      summary: 'Past dispositions, newest first: who approved, when, how many records',
      roles: RETENTION_READER_ROLES,
      status: 200,
      response: z.object({ dispositions: z.array(DispositionSchema) }),
      handle: async () => ({ dispositions: await dispositionDesk.listDispositions() }),
    }),
    defineRoute({
      method: 'get',
      path: '/dispositions/:id',
      summary: 'One disposition with the tombstone of every record it disposed',
      roles: RETENTION_READER_ROLES,
      params: IdParams,
      status: 200,
      response: z.object({ disposition: DispositionSchema, records: z.array(DisposedRecordSchema) }),
      handle: async ({ params }) => {
        const outcome = await dispositionDesk.getOutcome(params.id);
        if (!outcome) throw notFound(`disposition ${params.id}`);
        return outcome;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/dispositions/:id/report',
      summary: "What a disposition left, for the file: its approval and each record's tombstone (PDF or CSV)",
      roles: RETENTION_READER_ROLES,
      params: IdParams,
      query: z.strictObject({ format: z.enum(['pdf', 'csv']).default('pdf') }),
      status: 200,
      produces: 'application/pdf',
      alternatives: {
        'text/csv': 'with `format=csv`: one row per disposed record with the approval, rule, citation, date and hashes',
      },
      handle: async ({ params, query, response }) => {
        sendReportFile(response, await dispositionDesk.tombstonesFile(params.id, query.format));
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/disposed-records/:id',
      summary: "A disposed record's tombstone: hashes, rule, approval and date",
      roles: RETENTION_READER_ROLES,
      params: IdParams,
      status: 200,
      response: DisposedRecordSchema,
      handle: async ({ params }) => {
        const tombstone = await dispositionDesk.getTombstone(params.id);
        if (!tombstone) throw notFound(`disposed record ${params.id}`);
        return tombstone;
      },
    }),
  ];
}
