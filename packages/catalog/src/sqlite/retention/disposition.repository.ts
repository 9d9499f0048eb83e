import type Database from 'better-sqlite3';
import type { DisposedBatch, DisposedObject, DisposedRecord, DispositionCandidate } from '@verbatim/core';
import {
  candidateFromRow,
  disposedRecordFromRow,
  summarizeVersions,
  type CandidateRow,
  type DisposedRecordRow,
} from '../../retention/retention-row-mapping';
import { SEQS_OF_IDS } from '../record-id-index';
import { DECIDING_RULE, NOT_DISPOSED_NOR_HELD } from './retention-queries.sql';

interface VersionRow {
  content_hash: string;
  raw_capture_sha256: string;
  raw_capture_key: string;
  attachments_json: string;
}

type SqliteDisposedRow = Omit<DisposedRecordRow, 'content_hashes' | 'raw_capture_sha256' | 'media_sha256'> & {
  content_hashes_json: string;
  raw_capture_sha256_json: string;
  media_sha256_json: string;
};

const parseList = (json: string) => JSON.parse(json) as string[];

/** The disposition report's query, the disposition itself and the bookkeeping of the objects it frees. */
export class SqliteDispositionRepository {
  private readonly selectVersions: Database.Statement<[number], VersionRow>;

  constructor(private readonly db: Database.Database) {
    this.selectVersions = db.prepare(`SELECT v.content_hash, v.raw_capture_sha256, c.key AS raw_capture_key,
        v.attachments_json FROM record_versions v JOIN raw_captures c ON c.sha256 = v.raw_capture_sha256
      WHERE v.record_seq = ? ORDER BY v.version`);
  }

  /** Candidates on `asOf`; only among `recordIds` when given. */
  candidates(
    asOf: string,
    limit: number,
    ruleIds: string[] | null,
    recordIds: string[] | null,
  ): Array<DispositionCandidate & { seq: number }> {
    const sql = `WITH ruled AS (
        SELECT r.seq, r.id, r.account_id, r.agency_id, r.kind, r.posted_at, ${DECIDING_RULE} AS rule_id
        FROM records r
        WHERE ${NOT_DISPOSED_NOR_HELD} ${recordIds ? `AND r.seq IN (${SEQS_OF_IDS})` : ''})
      SELECT ruled.*, ru.retention_days FROM ruled JOIN retention_rules ru ON ru.id = ruled.rule_id
      WHERE ru.retention_days IS NOT NULL
        AND julianday(ruled.posted_at) + ru.retention_days <= julianday(@asOf)
        AND (@ruleIds IS NULL OR ru.id IN (SELECT value FROM json_each(@ruleIds)))
      ORDER BY ruled.posted_at, ruled.seq LIMIT @limit`;
    const rows = this.db.prepare<object, CandidateRow & { seq: number }>(sql).all({
      asOf,
      limit,
      ruleIds: ruleIds ? JSON.stringify(ruleIds) : null,
      ...(recordIds ? { ids: JSON.stringify(recordIds) } : {}),
    });
    return rows.map((row) => ({ ...candidateFromRow(row), seq: row.seq }));
  }

  /** See RetentionStore.disposeRecords: one immediate transaction, candidates re-checked inside it. */
  dispose(dispositionId: string, recordIds: string[], at: string): DisposedBatch {
    const run = this.db.transaction((): DisposedBatch => {
      const objectKeys = new Set<string>();
      const candidates = this.candidates(at, recordIds.length, null, recordIds);
      for (const candidate of candidates) {
        for (const key of this.disposeOne(dispositionId, candidate, at)) objectKeys.add(key);
      }
      const disposed = candidates.map((candidate) => this.tombstones({ recordId: candidate.recordId })[0]);
      return { disposed, objectKeys: [...objectKeys] };
    });
    return run.immediate();
  }

  private disposeOne(dispositionId: string, candidate: DispositionCandidate & { seq: number }, at: string): string[] {
    const versions = this.selectVersions.all(candidate.seq).map((row) => ({
      ...row,
      attachments: JSON.parse(row.attachments_json) as Array<{ sha256?: string; archiveKey?: string }>,
    }));
    const summary = summarizeVersions(versions);
    this.db
      .prepare(
        `INSERT INTO disposed_records (record_seq, record_id, disposition_id, rule_id, citation, disposed_at,
          content_hashes_json, raw_capture_sha256_json, media_sha256_json)
         SELECT ?, ?, ?, id, citation, ?, ?, ?, ? FROM retention_rules WHERE id = ?`,
      )
      .run(
        candidate.seq,
        candidate.recordId,
        dispositionId,
        at,
        JSON.stringify(summary.contentHashes),
        JSON.stringify(summary.rawCaptureSha256),
        JSON.stringify(summary.mediaSha256),
        candidate.ruleId,
      );
    this.db
      .prepare(
        `UPDATE record_versions SET text = '', attachments_json = '[]', author_id = NULL, author_name = NULL,
          author_handle = NULL WHERE record_seq = ?`,
      )
      .run(candidate.seq);
    this.db
      .prepare(
        `UPDATE records SET text = '', prior_text = '', attachments_json = '[]', author_name = '',
          author_handle = NULL, author_id = NULL, revision = revision + 1 WHERE seq = ?`,
      )
      .run(candidate.seq);
    this.db
      .prepare('INSERT OR IGNORE INTO index_backlog (record_seq, record_id) VALUES (?, ?)')
      .run(candidate.seq, candidate.recordId);
    return summary.objectKeys;
  }

  unusedObjects(keys: string[]): string[] {
    const captureUsed = this.db.prepare<{ key: string; sha: string }, { used: number }>(`SELECT
      EXISTS (SELECT 1 FROM raw_captures c JOIN record_versions v ON v.raw_capture_sha256 = c.sha256
        WHERE c.sha256 = @sha AND c.key = @key AND NOT EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = v.record_seq))
      OR EXISTS (SELECT 1 FROM raw_captures c JOIN quarantine q ON q.raw_capture_sha256 = c.sha256
        WHERE c.sha256 = @sha AND c.key = @key)
      AS used`);
    const mediaUsed = this.db.prepare<{ key: string }, { used: number }>(`SELECT
      EXISTS (SELECT 1 FROM record_versions v, json_each(v.attachments_json) a
        WHERE json_extract(a.value, '$.archiveKey') = @key) AS used`);
    const isCapture = this.db.prepare<{ key: string; sha: string }>(
      'SELECT 1 FROM raw_captures WHERE sha256 = @sha AND key = @key',
    );
    return keys.filter((key) => {
      // A capture's key ends with its SHA-256, the table's primary key: no scan for the key.
      const sha = key.slice(key.lastIndexOf('/') + 1);
      if (isCapture.get({ key, sha })) return captureUsed.get({ key, sha })?.used === 0;
      return mediaUsed.get({ key })?.used === 0;
    });
  }

  recordObjectOutcome(object: DisposedObject): void {
    this.db
      .prepare(
        `INSERT INTO disposed_objects (key, disposition_id, deleted_at, locked_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET disposition_id = excluded.disposition_id,
           deleted_at = excluded.deleted_at, locked_until = excluded.locked_until`,
      )
      .run(object.key, object.dispositionId, object.deletedAt, object.lockedUntil);
    // Media is archived once per account and source URL: forget a deleted file, so a later capture fetches it again.
    if (object.deletedAt !== null) {
      this.db
        .prepare(`DELETE FROM archived_media WHERE json_extract(attachment_json, '$.archiveKey') = ?`)
        .run(object.key);
    }
  }

  waitingObjects(): DisposedObject[] {
    return this.db
      .prepare<[], { key: string; disposition_id: string; deleted_at: null; locked_until: string | null }>(
        'SELECT * FROM disposed_objects WHERE deleted_at IS NULL ORDER BY locked_until, key',
      )
      .all()
      .map((row) => ({
        key: row.key,
        dispositionId: row.disposition_id,
        deletedAt: null,
        lockedUntil: row.locked_until,
      }));
  }

  disposedObject(key: string): DisposedObject | null {
    const row = this.db
      .prepare<
        [string],
        { key: string; disposition_id: string; deleted_at: string | null; locked_until: string | null }
      >('SELECT * FROM disposed_objects WHERE key = ?')
      .get(key);
    if (!row) return null;
    return {
      key: row.key,
      dispositionId: row.disposition_id,
      deletedAt: row.deleted_at,
      lockedUntil: row.locked_until,
    };
  }

  tombstones(where: { dispositionId?: string; recordId?: string }): DisposedRecord[] {
    const filter = where.recordId !== undefined ? 'd.record_id = ?' : 'd.disposition_id = ?';
    return this.db
      .prepare<[string], SqliteDisposedRow>(
        `SELECT d.*, r.account_id, r.platform_id, r.kind, r.posted_at, p.approved_by
         FROM disposed_records d JOIN records r ON r.seq = d.record_seq JOIN dispositions p ON p.id = d.disposition_id
         WHERE ${filter} ORDER BY d.disposed_at, d.record_seq`,
      )
      .all(where.recordId ?? where.dispositionId!)
      .map(({ content_hashes_json, raw_capture_sha256_json, media_sha256_json, ...row }) =>
        disposedRecordFromRow({
          ...row,
          content_hashes: parseList(content_hashes_json),
          raw_capture_sha256: parseList(raw_capture_sha256_json),
          media_sha256: parseList(media_sha256_json),
        }),
      );
  }
}
