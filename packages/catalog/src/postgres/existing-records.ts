import type { ApplyPageInput, PageApplied, PreparedItem, RecordStatus } from '@verbatim/core';
import { hiddenAtAfter, statusOf } from '../record-status-rules';
import type { Queryable } from './postgres-pool';
import { SEARCH_DOCUMENT_COLUMNS, searchDocumentFromRow, type SearchDocumentRow } from './row-mapping';

/** Only what deciding an item's fate needs: no text, no JSON. */
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
 * Locks in platform-id order, the order every page takes them in, so two pages sharing records queue rather
 * than deadlock. NO KEY UPDATE, not UPDATE: keys never change, and the weaker lock lets other transactions'
 * foreign-key checks against these rows (versions, backlog) through.
 */
const LOCK_RECORDS = `SELECT platform_id, seq, id, content_hash, hidden_at, status, version_count
  FROM records WHERE account_id = $1 AND platform_id = ANY($2::text[]) ORDER BY platform_id FOR NO KEY UPDATE`;

const INSERT_VERSION = `INSERT INTO record_versions (record_seq, version, text, attachments, edited_at, content_hash,
  captured_at, raw_capture_sha256, author_id, author_name, author_handle)
  VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11)`;

/** Right-hand sides read the row as it was, so `text` here is the text being replaced. */
const UPDATE_CONTENT = `UPDATE records SET
    prior_text = CASE WHEN text = $2 THEN prior_text WHEN prior_text = '' THEN text ELSE prior_text || chr(10) || text END,
    text = $2, attachments = $3::jsonb, edited_at = $4, content_hash = $5, version_count = $6, status = $7,
    hidden_at = $8, revision = revision + 1, last_seen_at = GREATEST(last_seen_at, $9), last_seen_pass = GREATEST(last_seen_pass, $10)
  WHERE seq = $1 RETURNING ${SEARCH_DOCUMENT_COLUMNS}`;

const UPDATE_STATUS = `UPDATE records SET status = $2, hidden_at = $3, revision = revision + 1, last_seen_at = GREATEST(last_seen_at, $4), last_seen_pass = GREATEST(last_seen_pass, $5)
  WHERE seq = $1 RETURNING ${SEARCH_DOCUMENT_COLUMNS}`;

/** Media archived since the last capture is not a content change (no version), but worth showing. */
const UPDATE_ATTACHMENTS = 'UPDATE records SET attachments = $2::jsonb WHERE seq = $1 AND attachments <> $2::jsonb';

/** Never backwards: a late page of an older pass must not make a record look unseen by the current one. */
const MARK_SEEN =
  'UPDATE records SET last_seen_at = GREATEST(last_seen_at, $1), last_seen_pass = GREATEST(last_seen_pass, $2) WHERE seq = ANY($3::bigint[])';

const CLOSE_TOMBSTONE = 'UPDATE tombstones SET restored_at = $2 WHERE record_seq = $1 AND restored_at IS NULL';

const QUEUE_FOR_INDEX = 'INSERT INTO index_backlog (record_seq, record_id) VALUES ($1, $2) ON CONFLICT DO NOTHING';

/**
 * Applies items to records that exist. Content changes add a version numbered from the locked row, so two
 * workers applying the same record number their versions one after the other, never both n+1; hidden,
 * unhidden and reappearance after a tombstone change the status. A record that was tombstoned and shows up
 * again was restored on the platform: its open tombstone is closed (kept, with `restored_at`, for history).
 */
export class ExistingRecordWriter {
  /** Locks the account's records among these platform ids until the transaction ends; by platform id. */
  async lock(client: Queryable, accountId: string, platformIds: string[]): Promise<Map<string, ExistingRecord>> {
    if (platformIds.length === 0) return new Map();
    const { rows } = await client.query<ExistingRecord>(LOCK_RECORDS, [accountId, platformIds]);
    return new Map(rows.map((row) => [row.platform_id, row]));
  }

  /**
   * Applies each item to its (locked) record and counts the outcome in `result`. Items are applied in order,
   * so an item repeated within the page sees the first occurrence's effect: `existing` is kept current.
   */
  async apply(
    client: Queryable,
    input: ApplyPageInput,
    pairs: Array<[PreparedItem, ExistingRecord]>,
    result: PageApplied,
  ): Promise<void> {
    const seen: number[] = [];
    for (const [item, existing] of pairs) {
      if (existing.content_hash !== item.contentHash) {
        await this.addVersion(client, input, item, existing, result);
      } else if (statusOf(item.hidden, existing.version_count) !== existing.status) {
        await this.changeStatus(client, input, item, existing, result);
      } else {
        result.unchanged += 1;
        seen.push(existing.seq);
        if (item.attachments.some((attachment) => attachment.sha256)) {
          await client.query(UPDATE_ATTACHMENTS, [existing.seq, JSON.stringify(item.attachments)]);
        }
      }
    }
    if (seen.length > 0) await client.query(MARK_SEEN, [input.capturedAt, input.passNumber, seen]);
  }

  private async addVersion(
    client: Queryable,
    input: ApplyPageInput,
    item: PreparedItem,
    existing: ExistingRecord,
    result: PageApplied,
  ): Promise<void> {
    const version = existing.version_count + 1;
    const attachments = JSON.stringify(item.attachments);
    const status = statusOf(item.hidden, version);
    const hiddenAt = hiddenAtAfter(existing.hidden_at, item, input.capturedAt);
    await client.query(INSERT_VERSION, [
      existing.seq,
      version,
      item.text,
      attachments,
      item.editedAt ?? null,
      item.contentHash,
      input.capturedAt,
      input.capture.sha256,
      item.author.id ?? null,
      item.author.name,
      item.author.handle ?? null,
    ]);
    const { rows } = await client.query<SearchDocumentRow>(UPDATE_CONTENT, [
      existing.seq,
      item.text,
      attachments,
      item.editedAt ?? null,
      item.contentHash,
      version,
      status,
      hiddenAt,
      input.capturedAt,
      input.passNumber,
    ]);
    await this.afterChange(client, input, existing, status, hiddenAt);
    Object.assign(existing, { content_hash: item.contentHash, version_count: version });
    result.newVersions += 1;
    result.changed.push(searchDocumentFromRow(rows[0]));
  }

  private async changeStatus(
    client: Queryable,
    input: ApplyPageInput,
    item: PreparedItem,
    existing: ExistingRecord,
    result: PageApplied,
  ): Promise<void> {
    const status = statusOf(item.hidden, existing.version_count);
    const hiddenAt = hiddenAtAfter(existing.hidden_at, item, input.capturedAt);
    const { rows } = await client.query<SearchDocumentRow>(UPDATE_STATUS, [
      existing.seq,
      status,
      hiddenAt,
      input.capturedAt,
      input.passNumber,
    ]);
    await this.afterChange(client, input, existing, status, hiddenAt);
    result.unchanged += 1;
    result.changed.push(searchDocumentFromRow(rows[0]));
  }

  /** Closes a tombstone the item outlived, queues the record for indexing, and keeps `existing` current. */
  private async afterChange(
    client: Queryable,
    input: ApplyPageInput,
    existing: ExistingRecord,
    status: RecordStatus,
    hiddenAt: string | null,
  ): Promise<void> {
    if (existing.status === 'deleted') await client.query(CLOSE_TOMBSTONE, [existing.seq, input.capturedAt]);
    await client.query(QUEUE_FOR_INDEX, [existing.seq, existing.id]);
    Object.assign(existing, { status, hidden_at: hiddenAt });
  }
}
