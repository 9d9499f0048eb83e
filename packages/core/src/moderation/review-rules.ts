import type { Role } from '../role.schema';
import { UseCaseError } from '../use-case-error';
import type {
  ModerationAction,
  ModerationDecision,
  ModerationReview,
  ModerationReviewStatus,
  ReviewerCapacity,
} from './moderation-review.schema';

/**
 * Who must approve each action (Westport's Use Policy): a comment is removed only with the Town Attorney's
 * Office's approval; a user is banned only with the approval of both the Director of IT and that office.
 */
export const REQUIRED_APPROVALS: Record<ModerationAction, readonly ReviewerCapacity[]> = {
  'remove-comment': ['attorney'],
  'ban-user': ['attorney', 'it-director'],
};

/** Who may decide on reviews at all. */
export const REVIEWER_ROLES: readonly Role[] = ['attorney', 'it-director'];

/**
 * The capacity in which someone with `roles` decides on `review`: the first office whose decision the review
 * still needs (an attorney who is also IT director signs once per decision, as one office, then the other).
 * Refused (forbidden) for anyone who is neither, and for an office that cannot or already did decide.
 */
export function capacityFor(review: ModerationReview, roles: readonly Role[]): ReviewerCapacity {
  const offices = (['attorney', 'it-director'] as const).filter((office) => roles.includes(office));
  if (offices.length === 0)
    throw new UseCaseError(
      'forbidden',
      'forbidden',
      "only the attorney's office or the Director of IT decide on moderation reviews",
      {
        requiredRoles: REVIEWER_ROLES,
      },
    );
  const needed = REQUIRED_APPROVALS[review.action];
  const open = offices.filter(
    (office) => needed.includes(office) && !review.decisions.some((decision) => decision.capacity === office),
  );
  if (open.length > 0) return open[0];
  const asked = offices.find((office) => needed.includes(office));
  if (!asked)
    throw new UseCaseError(
      'forbidden',
      'forbidden',
      `a ${review.action} review is decided by the attorney's office; the Director of IT decides only on bans`,
      { requiredRoles: needed },
    );
  throw new UseCaseError('conflict', 'already_decided', `the ${asked} has already decided on this review`);
}

/** The status a review has with `decisions`: denied by any denial, approved once every required office approved. */
export function statusAfter(
  action: ModerationAction,
  decisions: readonly ModerationDecision[],
): ModerationReviewStatus {
  if (decisions.some((decision) => decision.decision === 'deny')) return 'denied';
  const approved = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.capacity));
  return REQUIRED_APPROVALS[action].every((office) => approved.has(office)) ? 'approved' : 'pending';
}

/**
 * Adds a decision to a pending review and returns the review as it then stands. A decided review (approved or
 * denied) is refused: a denial ends it, and an approval is not taken back by a later denial.
 */
export function applyDecision(
  review: ModerationReview,
  input: { decision: 'approve' | 'deny'; note: string; by: string; roles: readonly Role[]; at: string },
): ModerationReview {
  const capacity = capacityFor(review, input.roles);
  if (review.status !== 'pending')
    throw new UseCaseError(
      'conflict',
      'review_closed',
      `this review is already ${review.status}: nothing more to decide`,
      {
        status: review.status,
      },
    );
  const decision: ModerationDecision = {
    decision: input.decision,
    by: input.by,
    capacity,
    note: input.note,
    at: input.at,
  };
  const decisions = [...review.decisions, decision];
  return { ...review, decisions, status: statusAfter(review.action, decisions) };
}

/** The offices whose approval a pending review still waits for. */
export function awaitedApprovals(review: ModerationReview): ReviewerCapacity[] {
  if (review.status !== 'pending') return [];
  return REQUIRED_APPROVALS[review.action].filter(
    (office) => !review.decisions.some((decision) => decision.capacity === office),
  );
}
