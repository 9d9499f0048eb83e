import { z } from 'zod';

/** What the archive saw happen to an item: the town hid it, or it vanished from the platform (tombstoned). */
export const LedgerChangeSchema = z.enum(['hidden', 'deleted']);
export type LedgerChange = z.infer<typeof LedgerChangeSchema>;

/** How the attorney's office settled an unreviewed entry: linked to a review after the fact, or why none was needed. */
export const LedgerResolutionSchema = z.object({
  reviewId: z.string().nullable(),
  reason: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type LedgerResolution = z.infer<typeof LedgerResolutionSchema>;

/**
 * One hide or disappearance, recorded once when the archive first sees it. `unreviewed` is set when a hide, or
 * the removal of a resident's comment, had no approved review on record then; the entry stays flagged until
 * `resolution` is recorded.
 */
export const ModerationLedgerEntrySchema = z.object({
  id: z.string(),
  recordId: z.string(),
  accountId: z.string(),
  change: LedgerChangeSchema,
  /** When the archive detected it: the hide's time, or the tombstone's. */
  detectedAt: z.string(),
  /** The approved review on record when it was detected, if any. */
  reviewId: z.string().nullable(),
  unreviewed: z.boolean(),
  resolution: LedgerResolutionSchema.nullable(),
});
export type ModerationLedgerEntry = z.infer<typeof ModerationLedgerEntrySchema>;

/** The body of `POST /moderation-ledger/:id/resolution`: a review, or why none was needed. */
export const LedgerResolutionInputSchema = z
  .object({
    reviewId: z.string().trim().min(1).optional(),
    reason: z.string().trim().min(3).max(2000).optional(),
  })
  .refine((input) => (input.reviewId === undefined) !== (input.reason === undefined), {
    message: 'give either reviewId (the review that approved it) or reason (why none was needed), not both',
  });
export type LedgerResolutionInput = z.infer<typeof LedgerResolutionInputSchema>;
