import type Database from 'better-sqlite3';
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

type StoredReviewRow = Omit<ModerationReviewRow, 'categories' | 'decisions' | 'carried_out'> & {
  categories_json: string;
  decisions_json: string;
  carried_out_json: string | null;
};

function parseReviewRow(row: StoredReviewRow): ModerationReview {
  return reviewFromRow({
    ...row,
    categories: JSON.parse(row.categories_json) as string[],
    decisions: JSON.parse(row.decisions_json) as ModerationReview['decisions'],
    carried_out: row.carried_out_json ? (JSON.parse(row.carried_out_json) as ModerationReview['carriedOut']) : null,
  });
}

/** The removal categories and moderation reviews in the catalog's SQLite file (migration 20). */
export class SqliteModerationStore implements ModerationStore {
  private readonly outbox: OutboxRepository;

  constructor(private readonly db: Database.Database) {
    this.outbox = new OutboxRepository(db);
  }

  async listCategories(): Promise<PolicyCategory[]> {
    const rows = this.db.prepare('SELECT * FROM policy_categories ORDER BY position').all() as PolicyCategoryRow[];
    return rows.map(categoryFromRow);
  }

  async addCategory(category: PolicyCategory): Promise<PolicyCategory> {
    this.db
      .prepare(
        `INSERT INTO policy_categories (id, label, retired_at, created_at, updated_at, position)
        VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM policy_categories))`,
      )
      .run(category.id, category.label, category.retiredAt, category.createdAt, category.updatedAt);
    return this.getCategory(category.id) as PolicyCategory;
  }

  async updateCategory(
    id: string,
    change: { label?: string; retiredAt?: string | null; updatedAt: string },
  ): Promise<PolicyCategory | null> {
    const { changes } = this.db
      .prepare(
        `UPDATE policy_categories SET label = COALESCE(@label, label),
          retired_at = CASE WHEN @setRetired THEN @retiredAt ELSE retired_at END, updated_at = @updatedAt
        WHERE id = @id`,
      )
      .run({
        id,
        label: change.label ?? null,
        setRetired: change.retiredAt === undefined ? 0 : 1,
        retiredAt: change.retiredAt ?? null,
        updatedAt: change.updatedAt,
      });
    return changes === 1 ? this.getCategory(id) : null;
  }

  async createReview(review: ModerationReview, notices: ModerationNotice[], at: string): Promise<ModerationReview> {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO moderation_reviews (id, record_id, account_id, action, categories_json, note, status,
              proposed_by, proposed_at, decisions_json, carried_out_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...this.columnsOf(review));
        this.outbox.add({ accountId: review.accountId }, notices, at);
      })
      .immediate();
    return (await this.getReview(review.id))!;
  }

  async getReview(id: string): Promise<ModerationReview | null> {
    const row = this.db.prepare('SELECT * FROM moderation_reviews WHERE id = ?').get(id) as StoredReviewRow | undefined;
    return row ? parseReviewRow(row) : null;
  }

  async listReviews(filter: ModerationReviewFilter = {}): Promise<ModerationReview[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM moderation_reviews
        WHERE (@status IS NULL OR status IN (SELECT value FROM json_each(@status)))
          AND (@recordId IS NULL OR record_id = @recordId) AND (@proposedBy IS NULL OR proposed_by = @proposedBy)
        ORDER BY seq DESC`,
      )
      .all({
        status: filter.status ? JSON.stringify(filter.status) : null,
        recordId: filter.recordId ?? null,
        proposedBy: filter.proposedBy ?? null,
      }) as StoredReviewRow[];
    return rows.map(parseReviewRow);
  }

  async updateReview(
    id: string,
    change: (review: ModerationReview) => ModerationReview,
  ): Promise<ModerationReview | null> {
    // IMMEDIATE takes the write lock before the read, so two decisions are applied one after the other.
    const updated = this.db
      .transaction((): boolean => {
        const row = this.db.prepare('SELECT * FROM moderation_reviews WHERE id = ?').get(id) as
          StoredReviewRow | undefined;
        if (!row) return false;
        const next = change(parseReviewRow(row));
        this.db
          .prepare(`UPDATE moderation_reviews SET status = ?, decisions_json = ?, carried_out_json = ? WHERE id = ?`)
          .run(
            next.status,
            JSON.stringify(next.decisions),
            next.carriedOut ? JSON.stringify(next.carriedOut) : null,
            id,
          );
        return true;
      })
      .immediate();
    return updated ? this.getReview(id) : null;
  }

  private getCategory(id: string): PolicyCategory | null {
    const row = this.db.prepare('SELECT * FROM policy_categories WHERE id = ?').get(id) as
      PolicyCategoryRow | undefined;
    return row ? categoryFromRow(row) : null;
  }

  private columnsOf(review: ModerationReview): unknown[] {
    return [
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
    ];
  }
}
