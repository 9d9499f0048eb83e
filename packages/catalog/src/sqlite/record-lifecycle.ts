import type Database from 'better-sqlite3';
import type { SearchDocument } from '@verbatim/core';
import { SEARCH_DOCUMENT_COLUMNS, searchDocumentFromRow, type SearchDocumentRow } from './row-mapping';

/**
 * Writes outside the page path: tombstoning records confirmed gone, and the index backlog that tells the search
 * index which documents are out of date. The backlog is keyed by record rowid, so "oldest first" means in
 * record-creation order; a record re-queued while still queued keeps its place.
 */
export class RecordLifecycle {
  private readonly selectForTombstone: Database.Statement<[string, string], { seq: number; status: string; last_seen_at: string }>;
  private readonly insertTombstone: Database.Statement;
  private readonly markDeleted: Database.Statement<[number], SearchDocumentRow>;
  private readonly queueForIndex: Database.Statement;
  private readonly selectBacklog: Database.Statement<[number], SearchDocumentRow>;
  private readonly clearBacklog: Database.Statement<[string]>;
  private readonly markGoneTransaction: (accountId: string, recordIds: string[], detectedAt: string) => SearchDocument[];

  constructor(db: Database.Database) {
    this.selectForTombstone = db.prepare('SELECT seq, status, last_seen_at FROM records WHERE id = ? AND account_id = ?');
    this.insertTombstone = db.prepare(`INSERT INTO tombstones (record_seq, detected_at, last_seen_at, reason)
      VALUES (?, ?, ?, 'deleted-on-platform')`);
    this.markDeleted = db.prepare(`UPDATE records SET status = 'deleted' WHERE seq = ? RETURNING ${SEARCH_DOCUMENT_COLUMNS}`);
    this.queueForIndex = db.prepare('INSERT OR IGNORE INTO index_backlog (record_seq) VALUES (?)');
    this.selectBacklog = db.prepare(`SELECT ${SEARCH_DOCUMENT_COLUMNS}
      FROM index_backlog b JOIN records r ON r.seq = b.record_seq ORDER BY b.record_seq LIMIT ?`);
    this.clearBacklog = db.prepare(`DELETE FROM index_backlog WHERE record_seq IN
      (SELECT seq FROM records WHERE id IN (SELECT value FROM json_each(?)))`);
    this.markGoneTransaction = db.transaction((accountId: string, recordIds: string[], detectedAt: string) =>
      recordIds.flatMap((id) => this.tombstone(accountId, id, detectedAt)),
    ).immediate;
  }

  /**
   * Tombstones records of the account; ids of other accounts, unknown ids and records already deleted are
   * skipped, so repeating the call changes nothing and returns no documents.
   */
  markGone(accountId: string, recordIds: string[], detectedAt: string): SearchDocument[] {
    return this.markGoneTransaction(accountId, recordIds, detectedAt);
  }

  listIndexBacklog(limit: number): SearchDocument[] {
    return this.selectBacklog.all(limit).map(searchDocumentFromRow);
  }

  clearIndexBacklog(recordIds: string[]): void {
    if (recordIds.length > 0) this.clearBacklog.run(JSON.stringify(recordIds));
  }

  private tombstone(accountId: string, id: string, detectedAt: string): SearchDocument[] {
    const record = this.selectForTombstone.get(id, accountId);
    if (!record || record.status === 'deleted') return [];
    this.insertTombstone.run(record.seq, detectedAt, record.last_seen_at);
    const row = this.markDeleted.get(record.seq)!;
    this.queueForIndex.run(record.seq);
    return [searchDocumentFromRow(row)];
  }
}
