import type { Pool } from 'pg';
import {
  AuditChainWalker,
  auditEntryContent,
  sealAuditEntry,
  type AuditChainReport,
  type AuditEntry,
  type AuditOutcome,
  type AuditPage,
  type AuditQuery,
  type SealedAuditEntry,
  type StoredAuditRow,
} from '@verbatim/core';
import { storedAuditDetails, storedAuditRow, type AuditHeadRow, type AuditRowColumns } from '../audit-row-mapping';
import { withTransaction, type Queryable } from './postgres-pool';

interface AuditRow extends AuditRowColumns {
  details: Record<string, unknown> | null;
}

function storedRow(row: AuditRow): StoredAuditRow {
  return storedAuditRow(row, row.details);
}

const WALK_PAGE = 1000;

/**
 * The append-only, hash-chained audit log. A trigger refuses any UPDATE, DELETE or TRUNCATE and any row
 * inserted without its seq and hashes. Each append locks the single chain-head row (`SELECT … FOR UPDATE`),
 * so appends from every process queue one behind the other and the chain never forks.
 */
export class AuditRepository {
  private legacySealed: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.sealLegacyEntries();
    const content = {
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome ?? 'success',
      details: storedAuditDetails(entry.details),
    };
    await withTransaction(this.pool, async (client) => {
      const head = await this.lockHead(client);
      await this.insertSealed(client, sealAuditEntry(content, head));
    });
  }

  /** Newest first: the id orders entries even when two share a timestamp. */
  async listAudit(limit: number): Promise<Array<AuditEntry & { id: number; at: string }>> {
    const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      outcome: row.outcome as AuditOutcome,
      ...(row.details === null ? {} : { details: row.details }),
    }));
  }

  async listAuditEntries(query: AuditQuery): Promise<AuditPage> {
    await this.sealLegacyEntries();
    const where = ['seq IS NOT NULL'];
    const values: Array<string | number> = [];
    const param = (value: string | number): string => (values.push(value), `$${values.length}`);
    if (query.actor !== undefined) where.push(`actor = ${param(query.actor)}`);
    if (query.target !== undefined) where.push(`target = ${param(query.target)}`);
    if (query.action !== undefined) {
      where.push(`(action = ${param(query.action)} OR starts_with(action, ${param(`${query.action}.`)}))`);
    }
    if (query.from !== undefined) where.push(`at >= ${param(query.from)}`);
    if (query.to !== undefined) where.push(`at < ${param(query.to)}`);
    if (query.cursor !== undefined) where.push(`seq < ${param(query.cursor)}`);
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${param(query.limit + 1)}`,
      values,
    );
    const entries = rows.slice(0, query.limit).map((row) => storedRow(row) as SealedAuditEntry);
    return { entries, nextCursor: rows.length > query.limit ? entries[entries.length - 1].seq : null };
  }

  /**
   * Walks every row, sealed ones by seq a page at a time and then any unsealed, in one REPEATABLE READ
   * transaction so appends running meanwhile do not show up half-way as a head mismatch.
   */
  async verifyAuditChain(): Promise<AuditChainReport> {
    await this.sealLegacyEntries();
    return withTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const walker = new AuditChainWalker();
      let after = -1;
      for (;;) {
        const { rows } = await client.query<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
          after,
          WALK_PAGE,
        ]);
        for (const row of rows) walker.add(storedRow(row));
        if (rows.length < WALK_PAGE) break;
        after = rows[rows.length - 1].seq!;
      }
      const unsealed = await client.query<AuditRow>('SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id');
      for (const row of unsealed.rows) walker.add(storedRow(row));
      const head = await client.query<AuditHeadRow>('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
      const recorded = head.rows[0];
      return walker.finish(recorded && recorded.seq > 0 ? recorded : null);
    });
  }

  private async lockHead(client: Queryable): Promise<AuditHeadRow | null> {
    const { rows } = await client.query<AuditHeadRow>('SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
    return rows[0].seq === 0 ? null : rows[0];
  }

  private async insertSealed(client: Queryable, sealed: SealedAuditEntry): Promise<void> {
    await client.query(
      `INSERT INTO audit_log (at, actor, action, target, outcome, details, seq, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
      [
        sealed.at,
        sealed.actor,
        sealed.action,
        sealed.target,
        sealed.outcome,
        sealed.details === null ? null : JSON.stringify(sealed.details),
        sealed.seq,
        sealed.prevHash,
        sealed.hash,
      ],
    );
    await client.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1', [sealed.seq, sealed.hash]);
  }

  /**
   * Chains, once per process, the rows written before the chain existed (those `audit_chain_legacy` names), in
   * id order. The head row's lock makes concurrent processes do it once; it finds nothing left afterwards.
   */
  private sealLegacyEntries(): Promise<void> {
    this.legacySealed ??= withTransaction(this.pool, async (client) => {
      let head = await this.lockHead(client);
      const { rows } = await client.query<AuditRow>(
        `SELECT * FROM audit_log WHERE hash IS NULL AND seq IS NULL
           AND id <= (SELECT up_to_id FROM audit_chain_legacy) ORDER BY id`,
      );
      if (rows.length === 0) return;
      if (head !== null)
        throw new Error('audit_log: rows from before the hash chain remain unsealed after new entries');
      for (const row of rows) {
        const sealed = sealAuditEntry(auditEntryContent(storedRow(row)), head);
        await client.query('UPDATE audit_log SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4', [
          sealed.seq,
          sealed.prevHash,
          sealed.hash,
          row.id,
        ]);
        head = { seq: sealed.seq, hash: sealed.hash };
      }
      await client.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1', [head!.seq, head!.hash]);
    }).catch((error: unknown) => {
      this.legacySealed = null;
      throw error;
    });
    return this.legacySealed;
  }
}
