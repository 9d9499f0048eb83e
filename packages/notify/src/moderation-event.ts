import { z } from 'zod';

/**
 * What the attorney's office is told of moderation: a moderator proposed a removal or a ban for review, or
 * the archive saw a comment hidden or removed with no approved review on record (once per item).
 */
export const MODERATION_EVENTS = ['moderation.review-proposed', 'moderation.unreviewed'] as const;
export const ModerationEventSchema = z.enum(MODERATION_EVENTS);
export type ModerationEvent = z.infer<typeof ModerationEventSchema>;

export function isModerationEvent(event: string): event is ModerationEvent {
  return (MODERATION_EVENTS as readonly string[]).includes(event);
}

/**
 * A snapshot of the item a moderation notice is about, taken when the outbox row is written. `reviewId` and
 * `action` are set for a proposal, `change` (`hidden` or `deleted`) and `detectedAt` for an unreviewed one.
 */
export const ModerationPayloadSchema = z.object({
  recordId: z.string().min(1),
  accountId: z.string().min(1),
  /** `@townofx on Facebook (Parks & Recreation)`. */
  account: z.string().min(1),
  author: z.string(),
  text: z.string(),
  reviewId: z.string().optional(),
  action: z.enum(['remove-comment', 'ban-user']).optional(),
  /** The labels of the categories the proposal cites. */
  categories: z.array(z.string()).optional(),
  note: z.string().optional(),
  proposedBy: z.string().optional(),
  change: z.enum(['hidden', 'deleted']).optional(),
  detectedAt: z.string().optional(),
  /** Where it opens in the UI. Only http(s): it becomes a link in the HTML email. */
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type ModerationPayload = z.infer<typeof ModerationPayloadSchema>;
