import type Database from 'better-sqlite3';
import type {
  ArchiveRecord,
  Attachment,
  QuarantineEntry,
  RawCapture,
  RecordFilter,
  RecordVersion,
  SearchDocument,
  Tombstone,
} from '@verbatim/core';
import {
  captureFromRow,
  quarantineFromRow,
  recordFromRow,
  SEARCH_DOCUMENT_COLUMNS,
  searchDocumentFromRow,
  tombstoneFromRow,
  versionFromRow,
  type QuarantineRow,
  type RawCaptureRow,
  type RecordRow,
  type SearchDocumentRow,
  type TombstoneRow,
  type VersionRow,
} from './row-mapping';
import { SEQ_OF_ID, SEQS_OF_IDS } from './record-id-index';
import { VERSION_EDITOR_COLUMNS } from '../common-row-mapping';

const RECORD_COLUMNS = `id, account_id, agency_id, platform, kind, platform_id, parent_platform_id,
  thread_root_platform_id, author_id, author_name, author_handle, text, url, posted_at, edited_at, first_captured_at,
  last_seen_at, hidden_at, status, attachments_json, version_count, content_hash`;

/** Reads of records and what hangs off them: versions, tombstones, captures, quarantine, media. */
export class RecordRepository {
  private readonly selectById: Database.Statement<[{ id: string }], RecordRow>;
  private readonly selectByIds: Database.Statement<[{ ids: string }], RecordRow>;
  private readonly selectByPlatformId: Database.Statement<[string, string], RecordRow>;
  private readonly selectVersions: Database.Statement<[{ id: string }], VersionRow>;
  private readonly selectTombstone: Database.Statement<[{ id: string }], TombstoneRow>;
  private readonly selectCapture: Database.Statement<[string], RawCaptureRow>;
  private readonly selectSeq: Database.Statement<[{ id: string }], number>;
  private readonly selectDocumentsAfter: Database.Statement<[number, number], SearchDocumentRow>;
  private readonly selectUnseen: Database.Statement<[string, number], { id: string; platformId: string }>;

  constructor(private readonly db: Database.Database) {
    this.selectById = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE seq IN (${SEQ_OF_ID})`);
    this.selectByIds = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE seq IN (${SEQS_OF_IDS})`);
    this.selectByPlatformId = db.prepare(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE account_id = ? AND platform_id = ?`,
    );
    this.selectVersions = db.prepare(`SELECT r.id AS record_id, v.version, v.text, v.attachments_json, v.edited_at,
        v.content_hash, v.captured_at, v.raw_capture_sha256, c.key AS raw_capture_key, ${VERSION_EDITOR_COLUMNS}
      FROM records r JOIN record_versions v ON v.record_seq = r.seq JOIN raw_captures c ON c.sha256 = v.raw_capture_sha256
      WHERE v.record_seq IN (${SEQ_OF_ID}) ORDER BY v.version`);
    this.selectTombstone = db.prepare(`SELECT r.id AS record_id, t.detected_at, t.last_seen_at, t.reason
      FROM records r JOIN tombstones t ON t.record_seq = r.seq
      WHERE t.record_seq IN (${SEQ_OF_ID}) AND t.restored_at IS NULL`);
    this.selectCapture = db.prepare('SELECT * FROM raw_captures WHERE sha256 = ?');
    this.selectSeq = db.prepare<[{ id: string }], number>(SEQ_OF_ID).pluck();
    this.selectDocumentsAfter = db.prepare(
      `SELECT ${SEARCH_DOCUMENT_COLUMNS} FROM records WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
    this.selectUnseen = db.prepare(`SELECT id, platform_id AS platformId FROM records
      WHERE account_id = ? AND last_seen_pass < ? AND status <> 'deleted' ORDER BY last_seen_pass, seq`);
  }

  getRecord(id: string): ArchiveRecord | null {
    const row = this.selectById.get({ id });
    return row ? recordFromRow(row) : null;
  }

  /** Records in the order of the ids asked for; unknown ids are left out. */
  getRecords(ids: string[]): ArchiveRecord[] {
    if (ids.length === 0) return [];
    const rows = this.selectByIds.all({ ids: JSON.stringify(ids) });
    const byId = new Map(rows.map((row) => [row.id, recordFromRow(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  getRecordByPlatformId(accountId: string, platformId: string): ArchiveRecord | null {
    const row = this.selectByPlatformId.get(accountId, platformId);
    return row ? recordFromRow(row) : null;
  }

  listReplies(accountId: string, parentPlatformId: string): ArchiveRecord[] {
    return this.db
      .prepare<[string, string], RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM records
        WHERE account_id = ? AND parent_platform_id = ? ORDER BY posted_at, seq`,
      )
      .all(accountId, parentPlatformId)
      .map(recordFromRow);
  }

  listVersions(recordId: string): RecordVersion[] {
    return this.selectVersions.all({ id: recordId }).map(versionFromRow);
  }

  /** The tombstone of the record's current disappearance; null when it is not (or no longer) deleted. */
  getTombstone(recordId: string): Tombstone | null {
    const row = this.selectTombstone.get({ id: recordId });
    return row ? tombstoneFromRow(row) : null;
  }

  countRecords(filter: RecordFilter = {}): number {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.accountId !== undefined) {
      where.push('account_id = ?');
      params.push(filter.accountId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      params.push(filter.status);
    }
    const sql = `SELECT count(*) AS count FROM records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    return this.db.prepare<string[], { count: number }>(sql).get(...params)!.count;
  }

  /** Records of the account not seen since before `passNumber`, least recently seen first. */
  listUnseen(accountId: string, passNumber: number): Array<{ id: string; platformId: string }> {
    return this.selectUnseen.all(accountId, passNumber);
  }

  /** Random records' documents: random points in the creation order, each read by its key. */
  sampleSearchDocuments(size: number): SearchDocument[] {
    const last = this.db.prepare('SELECT coalesce(max(seq), 0) FROM records').pluck().get() as number;
    const picks = new Set<number>();
    for (let tries = 0; picks.size < Math.min(size, last) && tries < size * 4; tries += 1)
      picks.add(1 + Math.floor(Math.random() * last));
    if (picks.size === 0) return [];
    const select = this.db.prepare<[string], SearchDocumentRow>(
      `SELECT ${SEARCH_DOCUMENT_COLUMNS} FROM records WHERE seq IN (SELECT value FROM json_each(?))`,
    );
    return select.all(JSON.stringify([...picks])).map(searchDocumentFromRow);
  }

  /**
   * In creation (rowid) order, so records created during a rebuild come after the cursor rather than being
   * skipped. Throws for an `afterId` that names no record.
   */
  listSearchDocuments(afterId: string | null, limit: number): SearchDocument[] {
    let afterSeq = 0;
    if (afterId !== null) {
      const seq = this.selectSeq.get({ id: afterId });
      if (seq === undefined) throw new Error(`listSearchDocuments: no record ${afterId} to continue after`);
      afterSeq = seq;
    }
    return this.selectDocumentsAfter.all(afterSeq, limit).map(searchDocumentFromRow);
  }

  findArchivedMedia(accountId: string, sourceUrls: string[]): Map<string, Attachment> {
    const media = new Map<string, Attachment>();
    if (sourceUrls.length === 0) return media;
    const rows = this.db
      .prepare<[string, string], { source_url: string; attachment_json: string }>(
        `SELECT source_url, attachment_json
        FROM archived_media WHERE account_id = ? AND source_url IN (SELECT value FROM json_each(?))`,
      )
      .all(accountId, JSON.stringify(sourceUrls));
    for (const row of rows) media.set(row.source_url, JSON.parse(row.attachment_json) as Attachment);
    return media;
  }

  getCapture(sha256: string): RawCapture | null {
    const row = this.selectCapture.get(sha256);
    return row ? captureFromRow(row) : null;
  }

  /** Oldest first. */
  listQuarantine(accountId?: string): QuarantineEntry[] {
    const where = accountId === undefined ? '' : 'WHERE q.account_id = ?';
    return this.db
      .prepare<string[], QuarantineRow>(
        `SELECT q.id, q.account_id, q.raw_capture_sha256, c.key AS raw_capture_key,
          q.item_index, q.reason, q.quarantined_at
        FROM quarantine q JOIN raw_captures c ON c.sha256 = q.raw_capture_sha256 ${where} ORDER BY q.seq`,
      )
      .all(...(accountId === undefined ? [] : [accountId]))
      .map(quarantineFromRow);
  }
}
