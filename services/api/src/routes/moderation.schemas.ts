import { z } from 'zod';
import { ModerationReviewSchema, ModerationReviewStatusSchema, ReviewerCapacitySchema } from '@verbatim/core';

/** A review as the API answers it: with its age while pending and the offices it still waits for. */
export const ModerationReviewViewSchema = ModerationReviewSchema.extend({
  ageHours: z.number().int().nullable().describe('whole hours since it was proposed, while pending; null once decided'),
  awaiting: z.array(ReviewerCapacitySchema).describe('the offices whose approval a pending review still needs'),
});

export const ModerationReviewListQuerySchema = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((status) => status.trim()) : undefined))
    .pipe(
      z
        .array(
          z.enum(ModerationReviewStatusSchema.options, {
            error: 'use pending, approved or denied (comma-separated), or leave status out for all',
          }),
        )
        .optional(),
    ),
});

export const PolicyCategoryListQuerySchema = z.strictObject({
  includeRetired: z
    .enum(['true', 'false'], { error: 'use true or false' })
    .optional()
    .transform((value) => value === 'true'),
});
