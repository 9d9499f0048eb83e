import { z } from 'zod';
import { AccountPersonSchema, type Role } from '@verbatim/core';
import { AccountComplianceSchema } from '@verbatim/app';
import { sendCsvDownload } from '@verbatim/http';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { policyRoutes } from './policies.routes';

/** Who reads the registry's compliance: IT, the Director of IT, the Communications Manager and auditors. */
export const COMPLIANCE_READERS: readonly Role[] = ['it-admin', 'it-director', 'communications-manager', 'auditor'];

const PeopleChangeSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  role: z.enum(['administrator', 'moderator']),
  change: z.enum(['added', 'changed', 'removed']),
  person: AccountPersonSchema,
  previous: AccountPersonSchema.nullable().describe('the person before a change; null otherwise'),
  changedBy: z.string(),
  changedAt: z.string(),
});

const ApprovalSchema = z.object({ accountId: z.string(), approvedBy: z.string(), approvedAt: z.string() });

const ReportQuerySchema = z.strictObject({
  agencyId: z.string().min(1).optional(),
  format: z.enum(['pdf', 'csv']).default('pdf'),
});

export function complianceRoutes(context: ApiContext) {
  const { compliance } = context;
  return [
    defineRoute({
      method: 'get',
      path: '/compliance',
      summary: "Every account's computed compliance with the town policies, with what is missing in plain words",
      roles: COMPLIANCE_READERS,
      query: z.strictObject({ agencyId: z.string().min(1).optional() }),
      status: 200,
      response: z.object({ accounts: z.array(AccountComplianceSchema) }),
      handle: async ({ query }) => ({ accounts: await compliance.assess({ agencyId: query.agencyId }) }),
    }),
    defineRoute({
      method: 'get',
      path: '/compliance/report',
      summary: 'The compliance report of the town, or of one agency (`agencyId`), as PDF (default) or CSV',
      roles: COMPLIANCE_READERS,
      query: ReportQuerySchema,
      status: 200,
      produces: 'application/pdf',
      alternatives: { 'text/csv': 'with `format=csv`: one row per account, what is missing joined by ` | `' },
      handle: async ({ query, response }) => {
        const file = await compliance.report({ agencyId: query.agencyId }, query.format);
        if (typeof file.content === 'string') {
          sendCsvDownload(response, { fileName: file.fileName, content: file.content });
          return undefined;
        }
        response.status(200).type('application/pdf').set('Cache-Control', 'no-store');
        response.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
        response.send(file.content);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/accounts/:id/people-history',
      summary: "Every change of the account's administrators and moderators, oldest first",
      roles: COMPLIANCE_READERS,
      status: 200,
      response: z.object({ changes: z.array(PeopleChangeSchema) }),
      handle: async ({ params }) => ({ changes: await compliance.listPeopleHistory(params.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/accounts/:id/approval',
      summary: 'Approve a new account pending approval (the Communications Manager): it becomes active and is synced',
      roles: ['communications-manager'],
      status: 200,
      response: ApprovalSchema,
      handle: async ({ params, principal }) => compliance.approveAccount(params.id, principal.id),
    }),
    ...policyRoutes(context),
  ];
}
