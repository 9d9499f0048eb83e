import { z } from 'zod';
import { RecordKindSchema, RetentionPeriodSchema } from '@verbatim/core';

const Nullable = z.string().nullable();

export const RetentionRuleSchema = z.object({
  id: z.string(),
  agencyId: Nullable,
  accountId: Nullable,
  kind: RecordKindSchema.nullable(),
  retention: RetentionPeriodSchema,
  citation: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  retiredBy: Nullable,
  retiredAt: Nullable,
});

export const LegalHoldSchema = z.object({
  id: z.string(),
  scope: z.enum(['account', 'saved-search', 'foia-request']),
  automatic: z.boolean(),
  accountId: Nullable,
  savedSearchId: Nullable,
  requestId: Nullable,
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  releasedBy: Nullable,
  releasedAt: Nullable,
  releaseNote: Nullable,
});

const CandidateSchema = z.object({
  recordId: z.string(),
  accountId: z.string(),
  agencyId: z.string(),
  kind: RecordKindSchema,
  postedAt: z.string(),
  ruleId: z.string(),
  retentionEndedAt: z.string(),
});

const WaitingObjectSchema = z.object({
  key: z.string(),
  dispositionId: z.string(),
  deletedAt: Nullable,
  lockedUntil: Nullable,
  message: z.string(),
});

export const DispositionReportSchema = z.object({
  asOf: z.string(),
  total: z.number(),
  truncated: z.boolean(),
  rules: z.array(z.object({ rule: RetentionRuleSchema, count: z.number(), records: z.array(CandidateSchema) })),
  waitingObjects: z.array(WaitingObjectSchema),
});

export const DispositionSchema = z.object({
  id: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  note: z.string(),
  ruleIds: z.array(z.string()).nullable(),
  completedAt: Nullable,
  recordsDisposed: z.number(),
});

export const DisposedRecordSchema = z.object({
  recordId: z.string(),
  accountId: z.string(),
  platformId: z.string(),
  kind: RecordKindSchema,
  postedAt: z.string(),
  dispositionId: z.string(),
  approvedBy: z.string(),
  ruleId: z.string(),
  citation: z.string(),
  disposedAt: z.string(),
  contentHashes: z.array(z.string()),
  rawCaptureSha256: z.array(z.string()),
  mediaSha256: z.array(z.string()),
});
