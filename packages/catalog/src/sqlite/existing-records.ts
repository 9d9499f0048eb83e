import type Database from 'better-sqlite3';
import type { ApplyPageInput, PageApplied, PreparedItem, RecordStatus } from '@verbatim/core';
import { hiddenAtAfter, statusOf } from '../record-status-rules';
import {
  attachmentsToJson,
  SEARCH_DOCUMENT_COLUMNS,
  searchDocumentFromRow,
  type SearchDocumentRow,
} from './row-mapping';

/** Only what deciding an item's fate needs: no text, no JSON, so the common paths parse nothing. */
export interface ExistingRecord {
  platform_id: string;
  seq: number;
  id: string;
  content_hash: string;
  hidden_at: string | null;
  status: RecordStatus;
  version_count: number;
}

/**
 * Applies items the catalog already has. Content changes add a version; hidden/unhidden and reappearance
 * after a tombstone change the status. A record that was tombstoned and shows up again was restored on the
 * platform: its open tombstone is closed (kept, with `restored_at`, for history) and its status returns to
 * hidden, edited or live. Items with nothing new only get their last-seen pass, in one statement per page.
 */
export class ExistingRecordWriter {
  private readonly lookup: Database.Statement<[string, string], ExistingRecord>;
  private readonly insertVersion: Database.Statement;
  private readonly updateContent: Database.Statement<Record<string, unknown>, SearchDocumentRow>;
  private readonly updateStatus: Database.Statement<Record<string, unknown>, SearchDocumentRow>;
  private readonly updateAttachments: Database.Statement<[{ json: string; seq: number }]>;
  private readonly markSeen: Database.Statement<[string, number, string]>;
  private readonly closeTombstone: Database.Statement<[string, number]>;
  private readonly queueForIndex: Database.Statement<[number, string]>;

  constructor(db: Database.Database) {
    this.lookup = db.prepare(`SELECT platform_id, seq, id, content_hash, hidden_at, status, version_count
      FROM records WHERE account_id = ? AND platform_id IN (SELECT value FROM json_each(?))`);
    this.insertVersion = db.prepare(`INSERT INTO record_versions (record_seq, version, text, attachments_json,
      edited_at, content_hash, captured_at, raw_capture_sha256, author_id, author_name, author_handle)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Right-hand sides read the row as it was, so `text` here is the text being replaced.
    this.updateContent = db.prepare(`UPDATE records SET
        prior_text = CASE WHEN text = @text THEN prior_text WHEN prior_text = '' THEN text
                          ELSE prior_text || char(10) || text END,
        text = @text, attachments_json = @attachments_json, edited_at = @edited_at, content_hash = @content_hash,
        version_count = @version_count, status = @status, hidden_at = @hidden_at, revision = revision + 1,
        last_seen_at = max(last_seen_at, @last_seen_at), last_seen_pass = max(last_seen_pass, @last_seen_pass)
      WHERE seq = @seq RETURNING ${SEARCH_DOCUMENT_COLUMNS}`);
    this.updateStatus =
      db.prepare(`UPDATE records SET status = @status, hidden_at = @hidden_at, revision = revision + 1,
        last_seen_at = max(last_seen_at, @last_seen_at), last_seen_pass = max(last_seen_pass, @last_seen_pass)
      WHERE seq = @seq RETURNING ${SEARCH_DOCUMENT_COLUMNS}`);
    // Media archived since the last capture is not a content change (no version), but worth showing.
    this.updateAttachments = db.prepare(
      'UPDATE records SET attachments_json = @json WHERE seq = @seq AND attachments_json <> @json',
    );
    // Never backwards: a late page of an older pass must not make a record look unseen by the current one.
    this.markSeen =
      db.prepare(`UPDATE records SET last_seen_at = max(last_seen_at, ?), last_seen_pass = max(last_seen_pass, ?)
      WHERE seq IN (SELECT value FROM json_each(?))`);
    this.closeTombstone = db.prepare(
      'UPDATE tombstones SET restored_at = ? WHERE record_seq = ? AND restored_at IS NULL',
    );
    this.queueForIndex = db.prepare('INSERT OR IGNORE INTO index_backlog (record_seq, record_id) VALUES (?, ?)');
  }

  /** The account's records among these platform ids, by platform id: one statement for the whole page. */
  find(accountId: string, platformIds: string[]): Map<string, ExistingRecord> {
    const rows = this.lookup.all(accountId, JSON.stringify(platformIds));
    return new Map(rows.map((row) => [row.platform_id, row]));
  }

  /**
   * Applies each item to its record and counts the outcome in `result`. Every item here must have a record;
   * they are applied in order, so an item repeated within the page sees the first occurrence's effect.
   */
  apply(input: ApplyPageInput, pairs: Array<[PreparedItem, ExistingRecord]>, result: PageApplied): void {
    const seen: number[] = [];
    for (const [item, existing] of pairs) {
      if (existing.content_hash !== item.contentHash) {
        this.addVersion(input, item, existing, result);
      } else if (statusOf(item.hidden, existing.version_count) !== existing.status) {
        this.changeStatus(input, item, existing, result);
      } else {
        result.unchanged += 1;
        seen.push(existing.seq);
        if (item.attachments.some((attachment) => attachment.sha256)) {
          this.updateAttachments.run({ json: attachmentsToJson(item.attachments), seq: existing.seq });
        }
      }
    }
    if (seen.length > 0) this.markSeen.run(input.capturedAt, input.passNumber, JSON.stringify(seen));
  }

  private addVersion(input: ApplyPageInput, item: PreparedItem, existing: ExistingRecord, result: PageApplied): void {
    const version = existing.version_count + 1;
    const attachmentsJson = attachmentsToJson(item.attachments);
    const status = statusOf(item.hidden, version);
    const hiddenAt = hiddenAtAfter(existing.hidden_at, item, input.capturedAt);
    this.insertVersion.run(
      existing.seq,
      version,
      item.text,
      attachmentsJson,
      item.editedAt ?? null,
      item.contentHash,
      input.capturedAt,
      input.capture.sha256,
      item.author.id ?? null,
      item.author.name,
      item.author.handle ?? null,
    );
    const row = this.updateContent.get({
      seq: existing.seq,
      text: item.text,
      attachments_json: attachmentsJson,
      edited_at: item.editedAt ?? null,
      content_hash: item.contentHash,
      version_count: version,
      status,
      hidden_at: hiddenAt,
      last_seen_at: input.capturedAt,
      last_seen_pass: input.passNumber,
    })!;
    this.afterChange(input, existing, status, hiddenAt);
    Object.assign(existing, { content_hash: item.contentHash, version_count: version });
    result.newVersions += 1;
    result.changed.push(searchDocumentFromRow(row));
  }

  private changeStatus(input: ApplyPageInput, item: PreparedItem, existing: ExistingRecord, result: PageApplied): void {
    const status = statusOf(item.hidden, existing.version_count);
    const hiddenAt = hiddenAtAfter(existing.hidden_at, item, input.capturedAt);
    const row = this.updateStatus.get({
      seq: existing.seq,
      status,
      hidden_at: hiddenAt,
      last_seen_at: input.capturedAt,
      last_seen_pass: input.passNumber,
    })!;
    this.afterChange(input, existing, status, hiddenAt);
    result.unchanged += 1;
    result.changed.push(searchDocumentFromRow(row));
  }

  /** Closes a tombstone the item outlived, queues the record for indexing, and keeps `existing` current. */
  private afterChange(
    input: ApplyPageInput,
    existing: ExistingRecord,
    status: RecordStatus,
    hiddenAt: string | null,
  ): void {
    if (existing.status === 'deleted') this.closeTombstone.run(input.capturedAt, existing.seq);
    this.queueForIndex.run(existing.seq, existing.id);
    Object.assign(existing, { status, hidden_at: hiddenAt });
  }
}
