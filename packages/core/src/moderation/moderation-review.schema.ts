import { z } from 'zod';

/** What a moderator proposes to do on the platform. The archive keeps the item whatever is decided. */
export const ModerationActionSchema = z.enum(['remove-comment', 'ban-user']);
export type ModerationAction = z.infer<typeof ModerationActionSchema>;

export const ModerationReviewStatusSchema = z.enum(['pending', 'approved', 'denied']);
export type ModerationReviewStatus = z.infer<typeof ModerationReviewStatusSchema>;

/** The office a decision is made in: the Town Attorney's Office, or the Director of IT (bans only). */
export const ReviewerCapacitySchema = z.enum(['attorney', 'it-director']);
export type ReviewerCapacity = z.infer<typeof ReviewerCapacitySchema>;

export const ModerationDecisionSchema = z.object({
  decision: z.enum(['approve', 'deny']),
  /** The reviewer's id (a person or token). */
  by: z.string(),
  capacity: ReviewerCapacitySchema,
  note: z.string(),
  at: z.string(),
});
export type ModerationDecision = z.infer<typeof ModerationDecisionSchema>;

/** When the moderator did on the platform what was approved: the platform action itself stays manual. */
export const CarriedOutSchema = z.object({ at: z.string(), by: z.string(), note: z.string() });
export type CarriedOut = z.infer<typeof CarriedOutSchema>;

export const ModerationReviewSchema = z.object({
  id: z.string(),
  recordId: z.string(),
  accountId: z.string(),
  action: ModerationActionSchema,
  /** Ids of the policy categories the comment is said to violate. */
  categories: z.array(z.string()),
  note: z.string(),
  status: ModerationReviewStatusSchema,
  proposedBy: z.string(),
  proposedAt: z.string(),
  decisions: z.array(ModerationDecisionSchema),
  carriedOut: CarriedOutSchema.nullable(),
});
export type ModerationReview = z.infer<typeof ModerationReviewSchema>;

/** The body of `POST /moderation-reviews`. */
export const NewModerationReviewSchema = z.object({
  recordId: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe("the record's id, or the comment's id or link on the platform (what a moderator sees there)"),
  action: ModerationActionSchema,
  categories: z.array(z.string().trim().min(1)).min(1, 'choose at least one policy category').max(13),
  note: z.string().trim().min(1, 'say why the comment breaks the policy').max(4000),
});
export type NewModerationReview = z.infer<typeof NewModerationReviewSchema>;

/** The body of `POST /moderation-reviews/:id/decisions`. A denial needs its reason. */
export const ModerationDecisionInputSchema = z
  .object({ decision: z.enum(['approve', 'deny']), note: z.string().trim().max(4000).default('') })
  .refine((input) => input.decision === 'approve' || input.note.length > 0, {
    message: 'a denial says why',
    path: ['note'],
  });
export type ModerationDecisionInput = z.infer<typeof ModerationDecisionInputSchema>;

/** The body of `POST /moderation-reviews/:id/carried-out`. */
export const CarriedOutInputSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(4000).default(''),
});
export type CarriedOutInput = z.infer<typeof CarriedOutInputSchema>;
