import { z } from 'zod';

const PolicyTextSchema = z.string().trim().min(20, 'give the policy text (at least 20 characters)').max(500_000);

/** `POST /api/v1/policies`: a town policy document and its first version. */
export const NewPolicyDocumentSchema = z.strictObject({
  title: z.string().trim().min(3).max(300),
  text: PolicyTextSchema,
  requiresReceipt: z
    .boolean()
    .default(true)
    .describe('every administrator and moderator must acknowledge its current version'),
  effectiveOn: z.iso.date().optional(),
});

/** `POST /api/v1/policies/:id/versions`: the next version of a document, which becomes the current one. */
export const NewPolicyVersionSchema = z.strictObject({
  text: PolicyTextSchema,
  effectiveOn: z.iso.date().optional(),
});

/** An uploaded policy file as the next version of a document (`POST /api/v1/policies/:id/versions/file`). */
export const PolicyFileVersionSchema = z.strictObject({
  documentId: z.string().min(1),
  effectiveOn: z.iso.date().optional(),
});

/** An uploaded policy file as a new document's first version (`POST /api/v1/policies/file`). */
export const PolicyFileDocumentSchema = z.strictObject({
  title: z.string().trim().min(3, 'give the policy a title (at least 3 characters)').max(300),
  requiresReceipt: z.boolean().default(true),
  effectiveOn: z.iso.date().optional(),
});

/** `POST /api/v1/policy-receipts`: IT records a signed paper copy. */
export const PaperReceiptSchema = z.strictObject({
  versionId: z.string().min(1),
  personName: z.string().trim().min(1).max(200),
  personEmail: z.email(),
  signedOn: z.iso.date(),
});

/** `POST /api/v1/policy-receipts/mine`: the person signed in acknowledges a version themself. */
export const OwnReceiptSchema = z.strictObject({ versionId: z.string().min(1) });
