import type Database from 'better-sqlite3';
import { newId } from '@verbatim/core';
import type { FoiaItem, ItemDecision, ItemSource, SavedSearch } from '@verbatim/foia';

interface ItemRow {
  request_id: string;
  record_id: string;
  source: string;
  saved_search_id: string | null;
  added_at: string;
  added_by: string;
  disposition: string;
  exemption_code: string | null;
  justification: string | null;
  redactions_json: string;
  intended_occurrences_json: string;
  updated_at: string;
}

interface SavedSearchRow {
  id: string;
  request_id: string;
  query_json: string;
  matched: number;
  created_at: string;
  created_by: string;
}

function itemFromRow(row: ItemRow): FoiaItem {
  return {
    requestId: row.request_id,
    recordId: row.record_id,
    source: row.source as ItemSource,
    savedSearchId: row.saved_search_id,
    addedAt: row.added_at,
    addedBy: row.added_by,
    disposition: row.disposition as FoiaItem['disposition'],
    exemptionCode: row.exemption_code,
    justification: row.justification,
    redactions: JSON.parse(row.redactions_json) as FoiaItem['redactions'],
    intendedOccurrences: JSON.parse(row.intended_occurrences_json) as FoiaItem['intendedOccurrences'],
    updatedAt: row.updated_at,
  };
}

function savedSearchFromRow(row: SavedSearchRow): SavedSearch {
  return {
    id: row.id,
    requestId: row.request_id,
    query: JSON.parse(row.query_json),
    matched: row.matched,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** Records gathered for requests, and the searches that gathered them. */
export class FoiaItemRepository {
  private readonly insertItem: Database.Statement;
  private readonly insertSavedSearch: Database.Statement;
  private readonly selectItems: Database.Statement<[string], ItemRow>;
  private readonly selectItem: Database.Statement<[string, string], ItemRow>;
  private readonly updateDecision: Database.Statement;
  private readonly deleteItem: Database.Statement<[string, string]>;
  private readonly selectSavedSearches: Database.Statement<[string], SavedSearchRow>;

  constructor(private readonly db: Database.Database) {
    this.insertItem =
      db.prepare(`INSERT INTO foia_items (request_id, record_id, source, saved_search_id, added_at, added_by, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.insertSavedSearch =
      db.prepare(`INSERT INTO foia_saved_searches (id, request_id, query_json, matched, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?)`);
    this.selectItems = db.prepare('SELECT * FROM foia_items WHERE request_id = ? ORDER BY rowid');
    this.selectItem = db.prepare('SELECT * FROM foia_items WHERE request_id = ? AND record_id = ?');
    this.updateDecision =
      db.prepare(`UPDATE foia_items SET disposition = @disposition, exemption_code = @exemption_code,
      justification = @justification, redactions_json = @redactions_json,
      intended_occurrences_json = @intended_occurrences_json, updated_at = @at WHERE request_id = @request_id AND record_id = @record_id`);
    this.deleteItem = db.prepare('DELETE FROM foia_items WHERE request_id = ? AND record_id = ?');
    this.selectSavedSearches = db.prepare(
      'SELECT * FROM foia_saved_searches WHERE request_id = ? ORDER BY created_at, rowid',
    );
  }

  add(
    requestId: string,
    items: Array<{ recordId: string; source: ItemSource }>,
    meta: { addedBy: string; at: string; savedSearch?: { query: unknown; matched: number } },
  ): { added: number; savedSearch: SavedSearch | null } {
    return this.db
      .transaction(() => {
        let savedSearch: SavedSearch | null = null;
        if (meta.savedSearch) {
          savedSearch = {
            id: newId('savedSearch'),
            requestId,
            ...meta.savedSearch,
            createdAt: meta.at,
            createdBy: meta.addedBy,
          };
          this.insertSavedSearch.run(
            savedSearch.id,
            requestId,
            JSON.stringify(savedSearch.query),
            savedSearch.matched,
            meta.at,
            meta.addedBy,
          );
        }
        let added = 0;
        for (const item of items) {
          const savedSearchId = item.source === 'pick' ? null : (savedSearch?.id ?? null);
          added += this.insertItem.run(
            requestId,
            item.recordId,
            item.source,
            savedSearchId,
            meta.at,
            meta.addedBy,
            meta.at,
          ).changes;
        }
        return { added, savedSearch };
      })
      .immediate();
  }

  list(requestId: string): FoiaItem[] {
    return this.selectItems.all(requestId).map(itemFromRow);
  }

  get(requestId: string, recordId: string): FoiaItem | null {
    const row = this.selectItem.get(requestId, recordId);
    return row ? itemFromRow(row) : null;
  }

  update(requestId: string, recordId: string, decision: ItemDecision, at: string): FoiaItem | null {
    this.updateDecision.run({
      request_id: requestId,
      record_id: recordId,
      disposition: decision.disposition,
      exemption_code: decision.exemptionCode,
      justification: decision.justification,
      redactions_json: JSON.stringify(decision.redactions),
      intended_occurrences_json: JSON.stringify(decision.intendedOccurrences),
      at,
    });
    return this.get(requestId, recordId);
  }

  remove(requestId: string, recordId: string): boolean {
    return this.deleteItem.run(requestId, recordId).changes === 1;
  }

  listSavedSearches(requestId: string): SavedSearch[] {
    return this.selectSavedSearches.all(requestId).map(savedSearchFromRow);
  }
}
