import { randomBytes } from 'node:crypto';
import {
  applyDecision,
  awaitedApprovals,
  invalidFields,
  notFound,
  UseCaseError,
  type AccountRegistry,
  type AuditLog,
  type CarriedOutInput,
  type ModerationDecisionInput,
  type ModerationReview,
  type ModerationReviewStatus,
  type ModerationStore,
  type NewModerationReview,
  type RecordReader,
  type ReviewerCapacity,
} from '@verbatim/core';
import { locateRecord } from './locate-record';
import type { Actor, FoiaService } from '@verbatim/foia';
import { moderationNotices, proposalPayload } from './moderation-notice';

/** A review as people read it: its age while pending, and whose approval it still waits for. */
export interface ModerationReviewView extends ModerationReview {
  /** Whole hours since it was proposed, while pending; null once decided. */
  ageHours: number | null;
  awaiting: ReviewerCapacity[];
}

export interface ModerationDeskOptions {
  store: ModerationStore;
  catalog: RecordReader & AccountRegistry & AuditLog;
  foia: Pick<FoiaService, 'noticeSettings'>;
  /** Hands new notifications to the queue now; never throws. */
  relayNotifications: () => Promise<void>;
  now?: () => Date;
}

/** Who sees every review; a moderator sees the reviews they proposed. */
const REVIEW_READERS = ['attorney', 'it-director', 'it-admin', 'auditor'] as const;
/** Comments and replies are removed; a town's own post is not a comment to remove. */
const REMOVABLE_KINDS = new Set(['comment', 'reply', 'message']);

const HOUR_MS = 3_600_000;

/**
 * Moderation review (Westport's Use Policy): a moderator proposes removing a comment or banning a user, citing
 * the policy's categories; the attorney's office approves or denies (and the Director of IT too, for a ban).
 * The archive keeps the item whatever is decided; the platform action stays manual and is recorded here.
 */
export class ModerationDesk {
  constructor(private readonly options: ModerationDeskOptions) {}

  async propose(input: NewModerationReview, actor: Actor & { name?: string }): Promise<ModerationReviewView> {
    const { store, catalog } = this.options;
    const record = await locateRecord(catalog, input.recordId);
    if (!record)
      throw invalidFields('request body', [
        {
          path: 'recordId',
          message:
            'no archived record has this id or link: give the record id from its page, or the comment’s link on the platform as it was when archived (check that its account is archived and synced)',
        },
      ]);
    if (input.action === 'remove-comment' && !REMOVABLE_KINDS.has(record.kind))
      throw invalidFields('request body', [
        { path: 'action', message: `a ${record.kind} is the town's own, not a comment to remove` },
      ]);
    const categories = await store.listCategories();
    const usable = new Set(categories.filter((c) => c.retiredAt === null).map((c) => c.id));
    const unknown = [...new Set(input.categories)].filter((id) => !usable.has(id));
    if (unknown.length > 0)
      throw invalidFields('request body', [
        {
          path: 'categories',
          message: `not a category in use: ${unknown.join(', ')} (see GET /api/v1/policy-categories)`,
        },
      ]);
    const at = this.now();
    const review: ModerationReview = {
      id: `mrv_${randomBytes(10).toString('hex')}`,
      recordId: record.id,
      accountId: record.accountId,
      action: input.action,
      categories: [...new Set(input.categories)],
      note: input.note,
      status: 'pending',
      proposedBy: actor.id,
      proposedAt: at,
      decisions: [],
      carriedOut: null,
    };
    const account = await catalog.getAccount(record.accountId);
    const agency = account ? await catalog.getAgency(account.agencyId) : null;
    const notices = await moderationNotices(
      this.options.foia,
      'moderation.review-proposed',
      review.id,
      proposalPayload({ record, account, agency }, review, categories, actor.name ?? actor.id),
    );
    const created = await store.createReview(review, notices, at);
    await this.audit(actor, 'moderation-review.propose', created.id, {
      recordId: record.id,
      action: review.action,
      categories: review.categories,
    });
    await this.options.relayNotifications();
    return this.view(created);
  }

  async decide(id: string, input: ModerationDecisionInput, actor: Actor): Promise<ModerationReviewView> {
    const at = this.now();
    const decided = await this.options.store.updateReview(id, (review) =>
      applyDecision(review, { ...input, by: actor.id, roles: actor.roles, at }),
    );
    if (!decided) throw notFound('moderation review');
    const decision = decided.decisions.at(-1)!;
    await this.audit(actor, 'moderation-review.decide', id, {
      decision: decision.decision,
      capacity: decision.capacity,
      status: decided.status,
    });
    return this.view(decided);
  }

  /** The moderator records that the approved action was carried out on the platform, once. */
  async recordCarriedOut(id: string, input: CarriedOutInput, actor: Actor): Promise<ModerationReviewView> {
    const updated = await this.options.store.updateReview(id, (review) => {
      if (review.status !== 'approved')
        throw new UseCaseError(
          'conflict',
          'not_approved',
          `this review is ${review.status}: only an approved action is carried out`,
        );
      if (review.carriedOut)
        throw new UseCaseError(
          'conflict',
          'already_carried_out',
          `already recorded as carried out at ${review.carriedOut.at}`,
        );
      return { ...review, carriedOut: { at: new Date(input.at).toISOString(), by: actor.id, note: input.note } };
    });
    if (!updated) throw notFound('moderation review');
    await this.audit(actor, 'moderation-review.carried-out', id, { at: updated.carriedOut!.at });
    return this.view(updated);
  }

  /** One review: the moderator who proposed it, or anyone who reads every review. */
  async get(id: string, actor: Actor): Promise<ModerationReviewView> {
    const review = await this.options.store.getReview(id);
    if (!review || !this.maySee(review, actor)) throw notFound('moderation review');
    return this.view(review);
  }

  /** Newest first; a moderator's own only, unless they also read every review. */
  async list(actor: Actor, status?: readonly ModerationReviewStatus[]): Promise<ModerationReviewView[]> {
    const everyone = REVIEW_READERS.some((role) => actor.roles.includes(role));
    const reviews = await this.options.store.listReviews({ status, ...(everyone ? {} : { proposedBy: actor.id }) });
    return reviews.map((review) => this.view(review));
  }

  /** The review history of one record, newest first: shown with the record. */
  async historyOf(recordId: string): Promise<ModerationReviewView[]> {
    return (await this.options.store.listReviews({ recordId })).map((review) => this.view(review));
  }

  private maySee(review: ModerationReview, actor: Actor): boolean {
    return REVIEW_READERS.some((role) => actor.roles.includes(role)) || review.proposedBy === actor.id;
  }

  private view(review: ModerationReview): ModerationReviewView {
    const pending = review.status === 'pending';
    const ageMs = (this.options.now?.() ?? new Date()).getTime() - Date.parse(review.proposedAt);
    return {
      ...review,
      ageHours: pending ? Math.max(0, Math.floor(ageMs / HOUR_MS)) : null,
      awaiting: awaitedApprovals(review),
    };
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private audit(actor: Actor, action: string, target: string, details: Record<string, unknown>) {
    return this.options.catalog.appendAudit({ actor: actor.id, action, target, details });
  }
}
