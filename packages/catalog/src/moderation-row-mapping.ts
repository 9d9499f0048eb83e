import type { CarriedOut, ModerationDecision, ModerationReview, PolicyCategory } from '@verbatim/core';

export interface PolicyCategoryRow {
  id: string;
  label: string;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

export function categoryFromRow(row: PolicyCategoryRow): PolicyCategory {
  return {
    id: row.id,
    label: row.label,
    retiredAt: row.retired_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A moderation_reviews row with its JSON columns already parsed (pg parses jsonb; SQLite's are parsed first). */
export interface ModerationReviewRow {
  id: string;
  record_id: string;
  account_id: string;
  action: ModerationReview['action'];
  categories: string[];
  note: string;
  status: ModerationReview['status'];
  proposed_by: string;
  proposed_at: string;
  decisions: ModerationDecision[];
  carried_out: CarriedOut | null;
}

export function reviewFromRow(row: ModerationReviewRow): ModerationReview {
  return {
    id: row.id,
    recordId: row.record_id,
    accountId: row.account_id,
    action: row.action,
    categories: row.categories,
    note: row.note,
    status: row.status,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    decisions: row.decisions,
    carriedOut: row.carried_out,
  };
}
