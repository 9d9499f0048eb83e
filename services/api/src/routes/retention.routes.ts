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
import { dispositionReportCsv } from '@verbatim/app';
import { sendCsvDownload } from '@verbatim/http';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import {
  DispositionOutcomeSchema,
  DispositionReportSchema,
  DispositionSchema,
  DisposedRecordSchema,
  LegalHoldSchema,
  RetentionRuleSchema,
} from './retention.schemas';

const IdParams = z.object({ id: z.string().min(1).max(100) });

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
      summary: 'Records past retention and not held, per rule; objects waiting for their lock. `Accept: text/csv`',
      roles: RETENTION_READER_ROLES,
      status: 200,
      response: DispositionReportSchema,
      alternatives: {
        'text/csv':
          'One row per due record: rule, citation, retention, record, account, agency, kind, posted, retention ' +
          'ended; then one row per object waiting for its Object Lock, with the date in the last column.',
      },
      handle: async ({ request, response }) => {
        response.vary('Accept');
        const report = await dispositionDesk.report();
        if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
          const fileName = `disposition-report-${report.asOf.slice(0, 10)}.csv`;
          sendCsvDownload(response, { fileName, content: dispositionReportCsv(report) });
          return undefined;
        }
        return report;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/dispositions',
      summary: "The attorney's approval: dispose of what is due now (holds re-checked), keeping tombstones",
      roles: ATTORNEY_ONLY_ROLES,
      body: DispositionApprovalSchema,
      status: 201,
      response: DispositionOutcomeSchema,
      handle: ({ body, principal }) => dispositionDesk.approve(body, principal.id),
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
