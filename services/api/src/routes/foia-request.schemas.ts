import { z } from 'zod';
import {
  FoiaRequestStatusSchema,
  FoiaTransitionInputSchema,
  RecordsCategorySchema,
  RequestChannelSchema,
  RequesterSchema,
} from '@verbatim/foia';

const NotificationSummarySchema = z.object({
  id: z.string(),
  event: z.string(),
  channel: z.enum(['email', 'webhook']),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export const FoiaRequestViewSchema = z.object({
  id: z.string(),
  number: z.string(),
  requester: RequesterSchema,
  receivedAt: z.string(),
  channel: RequestChannelSchema,
  description: z.string(),
  recordsCategory: RecordsCategorySchema,
  assignedOfficer: z.string().nullable(),
  notes: z.string().nullable(),
  status: FoiaRequestStatusSchema,
  releaseKind: z.enum(['full', 'partial']).nullable(),
  deniedAt: z.string().nullable(),
  extendedUntil: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  responseDueAt: z
    .string()
    .describe('C.G.S. § 1-206(a): 4 business days after receipt (10 for personnel/medical files)'),
  productionTargetAt: z.string(),
  appealDeadlineAt: z.string().nullable(),
  nextDeadline: z
    .object({
      kind: z.enum(['response', 'production']),
      at: z.string(),
      dueSoon: z.boolean(),
      overdue: z.boolean(),
      businessDaysLeft: z.number(),
    })
    .nullable(),
  notifications: z.array(NotificationSummarySchema),
  allowedTransitions: z.array(z.string()),
});

export const FoiaTransitionSchema = z.object({
  from: FoiaRequestStatusSchema.nullable(),
  to: FoiaRequestStatusSchema,
  actor: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  sequence: z.number(),
});

export const FoiaRequestPatchSchema = z.strictObject({
  requester: RequesterSchema.optional(),
  description: z.string().trim().min(1).max(20_000).optional(),
  assignedOfficer: z.string().trim().min(1).max(200).nullable().optional(),
  notes: z.string().max(20_000).nullable().optional(),
  channel: RequestChannelSchema.optional(),
  recordsCategory: RecordsCategorySchema.optional(),
});

/** A status change; `extendedUntil` (a date or an instant) is required when moving to extended. */
export const TransitionBodySchema = FoiaTransitionInputSchema;

export const RequestListQuerySchema = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(FoiaRequestStatusSchema).optional()),
});
