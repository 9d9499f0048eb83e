import { z } from 'zod';
import { NewPolicyDocumentSchema, NewPolicyVersionSchema, OwnReceiptSchema, PaperReceiptSchema } from '@verbatim/app';
import type { Role } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

const POLICY_READERS: readonly Role[] = ALL_ROLES;
const RECEIPT_READERS: readonly Role[] = ['it-admin', 'it-director', 'communications-manager', 'auditor'];

const PolicyVersionSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  version: z.number(),
  text: z.string(),
  effectiveOn: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
const PolicyDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  requiresReceipt: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  versions: z.array(PolicyVersionSchema).describe('oldest first; the last is the current version'),
});
const PolicyReceiptSchema = z.object({
  id: z.string(),
  versionId: z.string(),
  documentId: z.string(),
  version: z.number(),
  personName: z.string(),
  personEmail: z.string(),
  method: z.enum(['web', 'paper']).describe('web: acknowledged by the person; paper: a signed copy IT recorded'),
  signedOn: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
const ReceiptResultSchema = z.object({
  receipt: PolicyReceiptSchema,
  created: z.boolean().describe('false when a receipt of this version by this person was already on record'),
});

export function policyRoutes({ compliance }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/policies',
      summary: "The town's policy documents with every version",
      roles: POLICY_READERS,
      status: 200,
      response: z.object({ policies: z.array(PolicyDocumentSchema) }),
      handle: async () => ({ policies: await compliance.listPolicies() }),
    }),
    defineRoute({
      method: 'post',
      path: '/policies',
      summary: 'Upload a policy document (its text) as its first version',
      roles: ['it-admin'],
      body: NewPolicyDocumentSchema,
      status: 201,
      response: PolicyDocumentSchema,
      handle: ({ body, principal }) => compliance.createPolicy(body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/policies/:id',
      summary: 'One policy document with every version',
      roles: POLICY_READERS,
      status: 200,
      response: PolicyDocumentSchema,
      handle: ({ params }) => compliance.getPolicy(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/policies/:id/versions',
      summary: 'Upload the next version of a policy document; receipts are then due for it',
      roles: ['it-admin'],
      body: NewPolicyVersionSchema,
      status: 201,
      response: PolicyDocumentSchema,
      handle: ({ params, body, principal }) => compliance.addPolicyVersion(params.id, body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/policy-receipts',
      summary: "Receipts of policy versions, oldest first; one person's with `email`",
      roles: RECEIPT_READERS,
      query: z.strictObject({ email: z.email().optional() }),
      status: 200,
      response: z.object({ receipts: z.array(PolicyReceiptSchema) }),
      handle: async ({ query }) => ({ receipts: await compliance.listReceipts(query.email) }),
    }),
    defineRoute({
      method: 'post',
      path: '/policy-receipts',
      summary: "Record a person's signed paper receipt of a policy version (IT)",
      roles: ['it-admin'],
      body: PaperReceiptSchema,
      status: 201,
      response: ReceiptResultSchema,
      handle: ({ body, principal }) => compliance.recordPaperReceipt(body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/policy-receipts/mine',
      summary: 'The receipts of the person signed in',
      roles: ALL_ROLES,
      status: 200,
      response: z.object({ receipts: z.array(PolicyReceiptSchema) }),
      handle: async ({ principal }) => ({ receipts: await compliance.listOwnReceipts(principal.id) }),
    }),
    defineRoute({
      method: 'post',
      path: '/policy-receipts/mine',
      summary: 'Acknowledge a policy version as the person signed in',
      roles: ALL_ROLES,
      body: OwnReceiptSchema,
      status: 201,
      response: ReceiptResultSchema,
      handle: ({ body, principal }) => compliance.recordOwnReceipt(body, principal.id),
    }),
  ];
}
