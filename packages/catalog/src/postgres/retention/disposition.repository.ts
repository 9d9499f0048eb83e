import type { Pool, PoolClient } from 'pg';
import type { DisposedBatch, DisposedObject, DisposedRecord, DispositionCandidate } from '@verbatim/core';
import {
  candidateFromRow,
  disposedRecordFromRow,
  summarizeVersions,
  type CandidateRow,
  type DisposedRecordRow,
  type VersionUse,
} from '../../retention/retention-row-mapping';
import { withTransaction, type Queryable } from '../postgres-pool';
import { CANDIDATES, TOMBSTONES } from './retention-queries.sql';

/** Serialises dispositions: two runs never dispose the same record at once. Arbitrary, fixed. */
const DISPOSITION_LOCK = 0x4449_5350; // "DISP"

/** The disposition report's query, the disposition itself and the bookkeeping of the objects it frees. */
export class PostgresDispositionRepository {
  constructor(private readonly pool: Pool) {}

  async candidates(
    db: Queryable,
    asOf: string,
    limit: number,
    ruleIds: string[] | null,
    recordIds: string[] | null,
  ): Promise<Array<DispositionCandidate & { seq: number }>> {
    const { rows } = await db.query<CandidateRow & { seq: number }>(CANDIDATES, [asOf, limit, ruleIds, recordIds]);
    return rows.map((row) => ({ ...candidateFromRow(row), seq: row.seq }));
  }

  dispose(dispositionId: string, recordIds: string[], at: string): Promise<DisposedBatch> {
    return withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [DISPOSITION_LOCK]);
      const objectKeys = new Set<string>();
      const candidates = await this.candidates(client, at, recordIds.length, null, recordIds);
      for (const candidate of candidates) {
        for (const key of await this.disposeOne(client, dispositionId, candidate, at)) objectKeys.add(key);
      }
      const disposed: DisposedRecord[] = [];
      for (const candidate of candidates)
        disposed.push(...(await this.tombstones(client, { recordId: candidate.recordId })));
      return { disposed, objectKeys: [...objectKeys] };
    });
  }

  private async disposeOne(
    client: PoolClient,
    dispositionId: string,
    candidate: DispositionCandidate & { seq: number },
    at: string,
  ): Promise<string[]> {
    const { rows: versions } = await client.query<VersionUse>(
      `SELECT v.content_hash, v.raw_capture_sha256, c.key AS raw_capture_key, v.attachments
       FROM record_versions v JOIN raw_captures c ON c.sha256 = v.raw_capture_sha256
       WHERE v.record_seq = $1 ORDER BY v.version`,
      [candidate.seq],
    );
    const summary = summarizeVersions(versions);
    await client.query(
      `INSERT INTO disposed_records (record_seq, record_id, disposition_id, rule_id, citation, disposed_at,
         content_hashes, raw_capture_sha256, media_sha256)
       SELECT $1, $2, $3, id, citation, $4, $5, $6, $7 FROM retention_rules WHERE id = $8`,
      [
        candidate.seq,
        candidate.recordId,
        dispositionId,
        at,
        JSON.stringify(summary.contentHashes),
        JSON.stringify(summary.rawCaptureSha256),
        JSON.stringify(summary.mediaSha256),
        candidate.ruleId,
      ],
    );
    await client.query(
      `UPDATE record_versions SET text = '', attachments = '[]'::jsonb, author_id = NULL, author_name = NULL,
         author_handle = NULL WHERE record_seq = $1`,
      [candidate.seq],
    );
    await client.query(
      `UPDATE records SET text = '', prior_text = '', attachments = '[]'::jsonb, author_name = '',
         author_handle = NULL, author_id = NULL, revision = revision + 1 WHERE seq = $1`,
      [candidate.seq],
    );
    await client.query('INSERT INTO index_backlog (record_seq, record_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      candidate.seq,
      candidate.recordId,
    ]);
    return summary.objectKeys;
  }

  async unusedObjects(keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT k.key FROM unnest($1::text[]) AS k(key), LATERAL (SELECT regexp_replace(k.key, '^.*/', '') AS sha) s
       WHERE NOT EXISTS (SELECT 1 FROM raw_captures c JOIN record_versions v ON v.raw_capture_sha256 = c.sha256
           WHERE c.sha256 = s.sha AND c.key = k.key AND NOT EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = v.record_seq))
         AND NOT EXISTS (SELECT 1 FROM raw_captures c JOIN quarantine q ON q.raw_capture_sha256 = c.sha256
           WHERE c.sha256 = s.sha AND c.key = k.key)
         AND NOT EXISTS (SELECT 1 FROM record_versions v, jsonb_array_elements(v.attachments) a
           WHERE a->>'archiveKey' = k.key)`,
      [keys],
    );
    const unused = new Set(rows.map((row) => row.key));
    return keys.filter((key) => unused.has(key));
  }

  async recordObjectOutcome(object: DisposedObject): Promise<void> {
    await this.pool.query(
      `INSERT INTO disposed_objects (key, disposition_id, deleted_at, locked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET disposition_id = excluded.disposition_id,
         deleted_at = excluded.deleted_at, locked_until = excluded.locked_until`,
      [object.key, object.dispositionId, object.deletedAt, object.lockedUntil],
    );
    // Media is archived once per account and source URL: forget a deleted file, so a later capture fetches it again.
    if (object.deletedAt !== null) {
      await this.pool.query(`DELETE FROM archived_media WHERE attachment->>'archiveKey' = $1`, [object.key]);
    }
  }

  async waitingObjects(): Promise<DisposedObject[]> {
    const { rows } = await this.pool.query<{ key: string; disposition_id: string; locked_until: string | null }>(
      'SELECT key, disposition_id, locked_until FROM disposed_objects WHERE deleted_at IS NULL ORDER BY locked_until, key',
    );
    return rows.map((row) => ({
      key: row.key,
      dispositionId: row.disposition_id,
      deletedAt: null,
      lockedUntil: row.locked_until,
    }));
  }

  async disposedObject(key: string): Promise<DisposedObject | null> {
    const { rows } = await this.pool.query<{
      key: string;
      disposition_id: string;
      deleted_at: string | null;
      locked_until: string | null;
    }>('SELECT key, disposition_id, deleted_at, locked_until FROM disposed_objects WHERE key = $1', [key]);
    const [row] = rows;
    if (!row) return null;
    return {
      key: row.key,
      dispositionId: row.disposition_id,
      deletedAt: row.deleted_at,
      lockedUntil: row.locked_until,
    };
  }

  async tombstones(db: Queryable, where: { dispositionId?: string; recordId?: string }): Promise<DisposedRecord[]> {
    const filter = where.recordId !== undefined ? 'd.record_id = $1' : 'd.disposition_id = $1';
    const { rows } = await db.query<DisposedRecordRow>(
      `${TOMBSTONES} WHERE ${filter} ORDER BY d.disposed_at, d.record_seq`,
      [where.recordId ?? where.dispositionId],
    );
    return rows.map(disposedRecordFromRow);
  }
}
