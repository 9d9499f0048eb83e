import type { Pool } from 'pg';
import type {
  ModerationNotice,
  ModerationReview,
  ModerationReviewFilter,
  ModerationStore,
  PolicyCategory,
} from '@verbatim/core';
import {
  categoryFromRow,
  reviewFromRow,
  type ModerationReviewRow,
  type PolicyCategoryRow,
} from '../../moderation-row-mapping';
import { OutboxRepository } from '../foia/outbox.repository';
import { withTransaction } from '../postgres-pool';

/**
 * The removal categories and moderation reviews in the catalog's PostgreSQL schema (migration 17). Takes a pool
 * on a migrated schema; does not own it.
 */
export class PostgresModerationStore implements ModerationStore {
  private readonly outbox: OutboxRepository;

  constructor(private readonly pool: Pool) {
    this.outbox = new OutboxRepository(pool);
  }

  async listCategories(): Promise<PolicyCategory[]> {
    const { rows } = await this.pool.query<PolicyCategoryRow>('SELECT * FROM policy_categories ORDER BY position');
    return rows.map(categoryFromRow);
  }

  async addCategory(category: PolicyCategory): Promise<PolicyCategory> {
    // The table lock keeps two additions from taking the same position.
    return withTransaction(this.pool, async (client) => {
      await client.query('LOCK TABLE policy_categories IN SHARE ROW EXCLUSIVE MODE');
      const { rows } = await client.query<PolicyCategoryRow>(
        `INSERT INTO policy_categories (id, label, retired_at, created_at, updated_at, position)
        VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM policy_categories)) RETURNING *`,
        [category.id, category.label, category.retiredAt, category.createdAt, category.updatedAt],
      );
      return categoryFromRow(rows[0]);
    });
  }

  async updateCategory(
    id: string,
    change: { label?: string; retiredAt?: string | null; updatedAt: string },
  ): Promise<PolicyCategory | null> {
    const { rows } = await this.pool.query<PolicyCategoryRow>(
      `UPDATE policy_categories SET label = COALESCE($2, label),
        retired_at = CASE WHEN $3 THEN $4 ELSE retired_at END, updated_at = $5
      WHERE id = $1 RETURNING *`,
      [id, change.label ?? null, change.retiredAt !== undefined, change.retiredAt ?? null, change.updatedAt],
    );
    return rows.length ? categoryFromRow(rows[0]) : null;
  }

  async createReview(review: ModerationReview, notices: ModerationNotice[], at: string): Promise<ModerationReview> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ModerationReviewRow>(
        `INSERT INTO moderation_reviews (id, record_id, account_id, action, categories, note, status, proposed_by,
          proposed_at, decisions, carried_out) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10::jsonb, $11::jsonb)
        RETURNING *`,
        [
          review.id,
          review.recordId,
          review.accountId,
          review.action,
          JSON.stringify(review.categories),
          review.note,
          review.status,
          review.proposedBy,
          review.proposedAt,
          JSON.stringify(review.decisions),
          review.carriedOut ? JSON.stringify(review.carriedOut) : null,
        ],
      );
      await this.outbox.add(client, { accountId: review.accountId }, notices, at);
      return reviewFromRow(rows[0]);
    });
  }

  async getReview(id: string): Promise<ModerationReview | null> {
    const { rows } = await this.pool.query<ModerationReviewRow>('SELECT * FROM moderation_reviews WHERE id = $1', [id]);
    return rows.length ? reviewFromRow(rows[0]) : null;
  }

  async listReviews(filter: ModerationReviewFilter = {}): Promise<ModerationReview[]> {
    const { rows } = await this.pool.query<ModerationReviewRow>(
      `SELECT * FROM moderation_reviews
      WHERE ($1::text[] IS NULL OR status = ANY($1::text[])) AND ($2::text IS NULL OR record_id = $2)
        AND ($3::text IS NULL OR proposed_by = $3)
      ORDER BY seq DESC`,
      [filter.status ? [...filter.status] : null, filter.recordId ?? null, filter.proposedBy ?? null],
    );
    return rows.map(reviewFromRow);
  }

  async updateReview(
    id: string,
    change: (review: ModerationReview) => ModerationReview,
  ): Promise<ModerationReview | null> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ModerationReviewRow>(
        'SELECT * FROM moderation_reviews WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (rows.length === 0) return null;
      const next = change(reviewFromRow(rows[0]));
      const updated = await client.query<ModerationReviewRow>(
        `UPDATE moderation_reviews SET status = $2, decisions = $3::jsonb, carried_out = $4::jsonb WHERE id = $1
        RETURNING *`,
        [id, next.status, JSON.stringify(next.decisions), next.carriedOut ? JSON.stringify(next.carriedOut) : null],
      );
      return reviewFromRow(updated.rows[0]);
    });
  }
}
