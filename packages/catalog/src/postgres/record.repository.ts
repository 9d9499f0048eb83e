import type { Pool } from 'pg';
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
  RECORD_COLUMNS,
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
import { VERSION_EDITOR_COLUMNS } from '../common-row-mapping';

/** Reads of records and what hangs off them: versions, tombstones, captures, quarantine, media. */
export class RecordRepository {
  constructor(private readonly pool: Pool) {}

  async getRecord(id: string): Promise<ArchiveRecord | null> {
    const { rows } = await this.pool.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records WHERE id = $1`, [id]);
    return rows.length ? recordFromRow(rows[0]) : null;
  }

  /** Records in the order of the ids asked for; unknown ids are left out. */
  async getRecords(ids: string[]): Promise<ArchiveRecord[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, recordFromRow(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async getRecordByPlatformId(accountId: string, platformId: string): Promise<ArchiveRecord | null> {
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE account_id = $1 AND platform_id = $2`,
      [accountId, platformId],
    );
    return rows.length ? recordFromRow(rows[0]) : null;
  }

  async listReplies(accountId: string, parentPlatformId: string): Promise<ArchiveRecord[]> {
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records
      WHERE account_id = $1 AND parent_platform_id = $2 ORDER BY posted_at, seq`,
      [accountId, parentPlatformId],
    );
    return rows.map(recordFromRow);
  }

  async listVersions(recordId: string): Promise<RecordVersion[]> {
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT r.id AS record_id, v.version, v.text, v.attachments,
        v.edited_at, v.content_hash, v.captured_at, v.raw_capture_sha256, c.key AS raw_capture_key,
        ${VERSION_EDITOR_COLUMNS}
      FROM records r JOIN record_versions v ON v.record_seq = r.seq JOIN raw_captures c ON c.sha256 = v.raw_capture_sha256
      WHERE r.id = $1 ORDER BY v.version`,
      [recordId],
    );
    return rows.map(versionFromRow);
  }

  /** The tombstone of the record's current disappearance; null when it is not (or no longer) deleted. */
  async getTombstone(recordId: string): Promise<Tombstone | null> {
    const { rows } = await this.pool.query<TombstoneRow>(
      `SELECT r.id AS record_id, t.detected_at, t.last_seen_at, t.reason
      FROM records r JOIN tombstones t ON t.record_seq = r.seq WHERE r.id = $1 AND t.restored_at IS NULL`,
      [recordId],
    );
    return rows.length ? tombstoneFromRow(rows[0]) : null;
  }

  async countRecords(filter: RecordFilter = {}): Promise<number> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.accountId !== undefined) {
      params.push(filter.accountId);
      where.push(`account_id = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    const sql = `SELECT count(*) AS count FROM records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const { rows } = await this.pool.query<{ count: number }>(sql, params);
    return rows[0].count;
  }

  /** Records of the account not seen since before `passNumber`, least recently seen first. */
  async listUnseen(accountId: string, passNumber: number): Promise<Array<{ id: string; platformId: string }>> {
    const { rows } = await this.pool.query<{ id: string; platformId: string }>(
      `SELECT id, platform_id AS "platformId"
      FROM records WHERE account_id = $1 AND last_seen_pass < $2 AND status <> 'deleted' ORDER BY last_seen_pass, seq`,
      [accountId, passNumber],
    );
    return rows;
  }

  /**
   * In creation (seq) order. Throws for an `afterId` that names no record. A record created while a rebuild
   * runs may commit with a seq below the cursor; it is in the index backlog all the same, so it is indexed.
   */
  async listSearchDocuments(afterId: string | null, limit: number): Promise<SearchDocument[]> {
    let afterSeq = 0;
    if (afterId !== null) {
      const { rows } = await this.pool.query<{ seq: number }>('SELECT seq FROM records WHERE id = $1', [afterId]);
      if (rows.length === 0) throw new Error(`listSearchDocuments: no record ${afterId} to continue after`);
      afterSeq = rows[0].seq;
    }
    const { rows } = await this.pool.query<SearchDocumentRow>(
      `SELECT ${SEARCH_DOCUMENT_COLUMNS} FROM records WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map(searchDocumentFromRow);
  }

  /**
   * About `size` documents of records picked at random: random points in the creation order, each resolved to
   * the first record at or after it by the primary key, so gaps in seq (rolled-back pages) cost no extra reads.
   */
  async sampleSearchDocuments(size: number): Promise<SearchDocument[]> {
    const {
      rows: [range],
    } = await this.pool.query<{ first: number | null; last: number | null }>(
      'SELECT min(seq) AS first, max(seq) AS last FROM records',
    );
    if (range.first === null || range.last === null || size <= 0) return [];
    const span = range.last - range.first + 1;
    const points = Array.from({ length: Math.min(size, span) }, () => range.first! + Math.floor(Math.random() * span));
    const { rows } = await this.pool.query<SearchDocumentRow>(
      `SELECT DISTINCT ON (r.seq) r.*
      FROM unnest($1::bigint[]) AS p(point)
      CROSS JOIN LATERAL (SELECT seq, ${SEARCH_DOCUMENT_COLUMNS} FROM records WHERE seq >= p.point ORDER BY seq LIMIT 1) AS r
      ORDER BY r.seq`,
      [points],
    );
    return rows.map(searchDocumentFromRow);
  }

  async findArchivedMedia(accountId: string, sourceUrls: string[]): Promise<Map<string, Attachment>> {
    const media = new Map<string, Attachment>();
    if (sourceUrls.length === 0) return media;
    const { rows } = await this.pool.query<{ source_url: string; attachment: Attachment }>(
      `SELECT source_url, attachment
      FROM archived_media WHERE account_id = $1 AND source_url = ANY($2::text[])`,
      [accountId, sourceUrls],
    );
    for (const row of rows) media.set(row.source_url, row.attachment);
    return media;
  }

  async getCapture(sha256: string): Promise<RawCapture | null> {
    const { rows } = await this.pool.query<RawCaptureRow>('SELECT * FROM raw_captures WHERE sha256 = $1', [sha256]);
    return rows.length ? captureFromRow(rows[0]) : null;
  }

  /** Oldest first. */
  async listQuarantine(accountId?: string): Promise<QuarantineEntry[]> {
    const where = accountId === undefined ? '' : 'WHERE q.account_id = $1';
    const { rows } = await this.pool.query<QuarantineRow>(
      `SELECT q.id, q.account_id, q.raw_capture_sha256,
        c.key AS raw_capture_key, q.item_index, q.reason, q.quarantined_at
      FROM quarantine q JOIN raw_captures c ON c.sha256 = q.raw_capture_sha256 ${where} ORDER BY q.seq`,
      accountId === undefined ? [] : [accountId],
    );
    return rows.map(quarantineFromRow);
  }
}
