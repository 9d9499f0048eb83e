import type { OutboxNotice } from './outbox-notice';
import type { PolicyCategory } from '../moderation/policy-category.schema';
import type { ModerationReview, ModerationReviewStatus } from '../moderation/moderation-review.schema';

/** A notice for the notification outbox; moderation notices belong to the account the record is on. */
export type ModerationNotice = OutboxNotice;

/** Which reviews to list, newest first. */
export interface ModerationReviewFilter {
  status?: readonly ModerationReviewStatus[];
  recordId?: string;
  proposedBy?: string;
}

/**
 * The town's removal categories and the moderation reviews, in the catalog's database. Reviews are never
 * deleted; a decision is appended, never changed.
 */
export interface ModerationStore {
  /** Every category, the retired ones included, in the order they were added (the seed first). */
  listCategories(): Promise<PolicyCategory[]>;
  /** Adds a category; the id is the caller's. */
  addCategory(category: PolicyCategory): Promise<PolicyCategory>;
  /** Changes a category's label or retirement; null when there is no such category. */
  updateCategory(
    id: string,
    change: { label?: string; retiredAt?: string | null; updatedAt: string },
  ): Promise<PolicyCategory | null>;
  /** Stores a new review and the notices announcing it, together. */
  createReview(review: ModerationReview, notices: ModerationNotice[], at: string): Promise<ModerationReview>;
  /** Null when there is no such review. */
  getReview(id: string): Promise<ModerationReview | null>;
  listReviews(filter?: ModerationReviewFilter): Promise<ModerationReview[]>;
  /**
   * In one transaction, with the review locked: `change` gets the review as stored and returns it as it should
   * be (a decision added, its status, or its carrying out recorded); what it throws is rethrown and nothing is
   * written. Two reviewers deciding at once are thereby applied one after the other. Null when there is no
   * such review.
   */
  updateReview(id: string, change: (review: ModerationReview) => ModerationReview): Promise<ModerationReview | null>;
}
