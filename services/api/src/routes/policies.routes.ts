import { z } from 'zod';
import {
  NewPolicyDocumentSchema,
  NewPolicyVersionSchema,
  OwnReceiptSchema,
  PaperReceiptSchema,
  POLICY_FILE_MAX_BYTES,
} from '@verbatim/app';
import type { Role } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';
import { attachmentDisposition, readUploadBody } from './upload-body';

const POLICY_READERS: readonly Role[] = ALL_ROLES;
const RECEIPT_READERS: readonly Role[] = ['it-admin', 'it-director', 'communications-manager', 'auditor'];

const PolicyVersionSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  version: z.number(),
  text: z.string(),
  effectiveOn: z.string().nullable(),
  file: z
    .object({ sha256: z.string(), contentType: z.string(), fileName: z.string(), byteLength: z.number() })
    .nullable()
    .describe('the file the version was uploaded as (download it from …/versions/:version/file); null when typed in'),
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

/** The file routes read their body themselves, as bytes: the JSON body parser must leave it alone. */
export function isPolicyFileUpload(request: { method: string; path: string }): boolean {
  return request.method === 'POST' && /^\/policies\/(file|[^/]+\/versions\/file)\/?$/.test(request.path);
}

const FileQuerySchema = z.strictObject({
  fileName: z.string().max(200).optional().describe('the name to keep with the file, e.g. social-media-policy.pdf'),
  effectiveOn: z.string().optional().describe('the day the version takes effect (YYYY-MM-DD)'),
});
const NewDocumentFileQuerySchema = FileQuerySchema.extend({
  title: z.string().optional(),
  requiresReceipt: z
    .enum(['true', 'false'], { error: 'use true or false' })
    .optional()
    .transform((value) => value !== 'false'),
});
const VersionParamsSchema = z.object({
  id: z.string(),
  version: z.coerce.number({ error: 'a version number' }).int().min(1),
});
const withEffectiveOn = (effectiveOn?: string) => (effectiveOn ? { effectiveOn } : {});

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
      method: 'post',
      path: '/policies/:id/versions/file',
      summary: `Upload the next version of a policy document as a file, the request body (PDF, text/plain or text/markdown, as its Content-Type; at most ${POLICY_FILE_MAX_BYTES / 1024 / 1024} MB); archived under its SHA-256; receipts are then due for it`,
      roles: ['it-admin'],
      query: FileQuerySchema,
      status: 201,
      response: PolicyDocumentSchema,
      handle: async ({ params, query, request, principal }) => {
        const target = { documentId: params.id, ...withEffectiveOn(query.effectiveOn) };
        const bytes = await readUploadBody(request, POLICY_FILE_MAX_BYTES);
        const upload = { contentType: request.get('content-type') ?? '', fileName: query.fileName ?? '', bytes };
        return compliance.uploadPolicyFile(target, upload, principal.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/policies/file',
      summary:
        'Upload a new policy document as a file, the request body (PDF, text/plain or text/markdown), titled `title`; its first version',
      roles: ['it-admin'],
      query: NewDocumentFileQuerySchema,
      status: 201,
      response: PolicyDocumentSchema,
      handle: async ({ query, request, principal }) => {
        const target = {
          title: query.title ?? '',
          requiresReceipt: query.requiresReceipt,
          ...withEffectiveOn(query.effectiveOn),
        };
        const bytes = await readUploadBody(request, POLICY_FILE_MAX_BYTES);
        const upload = { contentType: request.get('content-type') ?? '', fileName: query.fileName ?? '', bytes };
        return compliance.uploadPolicyFile(target, upload, principal.id);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/policies/:id/versions/:version/file',
      summary: 'Download the file a policy version was uploaded as, checked against its SHA-256',
      roles: POLICY_READERS,
      params: VersionParamsSchema,
      status: 200,
      produces: 'application/octet-stream',
      handle: async ({ params, response }) => {
        const { file, bytes } = await compliance.policyFile(params.id, params.version);
        response.setHeader('content-type', file.contentType);
        response.setHeader('content-length', String(bytes.byteLength));
        response.setHeader('content-disposition', attachmentDisposition(file.fileName));
        response.setHeader('x-content-type-options', 'nosniff');
        response.setHeader('content-security-policy', "default-src 'none'; sandbox");
        response.setHeader('x-content-sha256', file.sha256);
        response.status(200).end(Buffer.from(bytes));
        return undefined;
      },
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
