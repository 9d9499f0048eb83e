import type { Pool } from 'pg';
import { newId } from '@verbatim/core';
import type { FoiaItem, ItemDecision, ItemSource, SavedSearch } from '@verbatim/foia';
import { withTransaction } from '../postgres-pool';
import { itemFromRow, savedSearchFromRow, type ItemRow, type SavedSearchRow } from './foia-row-mapping';

/** Ones already gathered keep their source and decision. */
const INSERT_ITEMS = `INSERT INTO foia_items (request_id, record_id, source, saved_search_id, added_at, added_by, updated_at)
  SELECT $1, i.record_id, i.source, CASE WHEN i.source = 'pick' THEN NULL ELSE $2::text END, $3, $4, $3
  FROM unnest($5::text[], $6::text[]) WITH ORDINALITY AS i(record_id, source, position)
  ORDER BY i.position ON CONFLICT DO NOTHING`;

/** Records gathered for requests, and the searches that gathered them. */
export class FoiaItemRepository {
  constructor(private readonly pool: Pool) {}

  /** The saved search and the items commit together; returns how many items were new. */
  async add(
    requestId: string,
    items: Array<{ recordId: string; source: ItemSource }>,
    meta: { addedBy: string; at: string; savedSearch?: { query: unknown; matched: number } },
  ): Promise<{ added: number; savedSearch: SavedSearch | null }> {
    return withTransaction(this.pool, async (client) => {
      let savedSearch: SavedSearch | null = null;
      if (meta.savedSearch) {
        savedSearch = {
          id: newId('savedSearch'),
          requestId,
          ...meta.savedSearch,
          createdAt: meta.at,
          createdBy: meta.addedBy,
        };
        await client.query(
          `INSERT INTO foia_saved_searches (id, request_id, query, matched, created_at, created_by)
          VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
          [savedSearch.id, requestId, JSON.stringify(savedSearch.query), savedSearch.matched, meta.at, meta.addedBy],
        );
      }
      if (items.length === 0) return { added: 0, savedSearch };
      const { rowCount } = await client.query(INSERT_ITEMS, [
        requestId,
        savedSearch?.id ?? null,
        meta.at,
        meta.addedBy,
        items.map((item) => item.recordId),
        items.map((item) => item.source),
      ]);
      return { added: rowCount ?? 0, savedSearch };
    });
  }

  /** In the order they were added. */
  async list(requestId: string): Promise<FoiaItem[]> {
    const { rows } = await this.pool.query<ItemRow>('SELECT * FROM foia_items WHERE request_id = $1 ORDER BY seq', [
      requestId,
    ]);
    return rows.map(itemFromRow);
  }

  async get(requestId: string, recordId: string): Promise<FoiaItem | null> {
    const { rows } = await this.pool.query<ItemRow>(
      'SELECT * FROM foia_items WHERE request_id = $1 AND record_id = $2',
      [requestId, recordId],
    );
    return rows.length ? itemFromRow(rows[0]) : null;
  }

  async update(requestId: string, recordId: string, decision: ItemDecision, at: string): Promise<FoiaItem | null> {
    const { rows } = await this.pool.query<ItemRow>(
      `UPDATE foia_items SET disposition = $3, exemption_code = $4,
        justification = $5, redactions = $6::jsonb, updated_at = $7, intended_occurrences = $8::jsonb
      WHERE request_id = $1 AND record_id = $2 RETURNING *`,
      [
        requestId,
        recordId,
        decision.disposition,
        decision.exemptionCode,
        decision.justification,
        JSON.stringify(decision.redactions),
        at,
        JSON.stringify(decision.intendedOccurrences),
      ],
    );
    return rows.length ? itemFromRow(rows[0]) : null;
  }

  async remove(requestId: string, recordId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM foia_items WHERE request_id = $1 AND record_id = $2', [
      requestId,
      recordId,
    ]);
    return rowCount === 1;
  }

  async listSavedSearches(requestId: string): Promise<SavedSearch[]> {
    const { rows } = await this.pool.query<SavedSearchRow>(
      'SELECT * FROM foia_saved_searches WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
    return rows.map(savedSearchFromRow);
  }
}
