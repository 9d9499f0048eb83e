import type Database from 'better-sqlite3';
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

interface AuditRow extends AuditRowColumns {
  details_json: string | null;
}

function storedRow(row: AuditRow): StoredAuditRow {
  return storedAuditRow(
    row,
    row.details_json === null ? null : (JSON.parse(row.details_json) as Record<string, unknown>),
  );
}

/**
 * The append-only, hash-chained audit log. Triggers refuse any UPDATE or DELETE and any row inserted without
 * its seq and hashes; each append reads the head and writes the entry and the new head in one immediate
 * transaction, so writers in other processes queue behind it and the chain never forks.
 */
export class AuditRepository {
  private readonly insert: Database.Statement;
  private readonly selectNewest: Database.Statement<[number], AuditRow>;
  private readonly selectHead: Database.Statement<[], AuditHeadRow>;
  private readonly updateHead: Database.Statement<[number, string]>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, actor, action, target, outcome, details_json, seq, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectNewest = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
    this.selectHead = db.prepare('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
    this.updateHead = db.prepare('UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1');
    this.sealLegacyEntries();
  }

  appendAudit(entry: AuditEntry): void {
    const append = this.db.transaction(() => {
      const head = this.selectHead.get()!;
      const sealed = sealAuditEntry(
        {
          at: new Date().toISOString(),
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          outcome: entry.outcome ?? 'success',
          details: storedAuditDetails(entry.details),
        },
        head.seq === 0 ? null : head,
      );
      this.insertSealed(sealed);
    });
    append.immediate();
  }

  /** Newest first: the id orders entries even when two share a timestamp. */
  listAudit(limit: number): Array<AuditEntry & { id: number; at: string }> {
    return this.selectNewest.all(limit).map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      outcome: row.outcome as AuditOutcome,
      ...(row.details_json === null ? {} : { details: JSON.parse(row.details_json) as Record<string, unknown> }),
    }));
  }

  listAuditEntries(query: AuditQuery): AuditPage {
    const where = ['seq IS NOT NULL'];
    const values: Array<string | number> = [];
    const filter = (condition: string, ...parameters: Array<string | number>): void => {
      where.push(condition);
      values.push(...parameters);
    };
    if (query.actor !== undefined) filter('actor = ?', query.actor);
    if (query.target !== undefined) filter('target = ?', query.target);
    if (query.action !== undefined) {
      filter('(action = ? OR substr(action, 1, ?) = ?)', query.action, query.action.length + 1, `${query.action}.`);
    }
    if (query.from !== undefined) filter('at >= ?', query.from);
    if (query.to !== undefined) filter('at < ?', query.to);
    if (query.cursor !== undefined) filter('seq < ?', query.cursor);
    const rows = this.db
      .prepare<Array<string | number>, AuditRow>(
        `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`,
      )
      .all(...values, query.limit + 1);
    const entries = rows.slice(0, query.limit).map((row) => storedRow(row) as SealedAuditEntry);
    return { entries, nextCursor: rows.length > query.limit ? entries[entries.length - 1].seq : null };
  }

  /** Walks every row (sealed ones by seq, then any unsealed) inside one read transaction: a consistent view. */
  verifyAuditChain(): AuditChainReport {
    const walk = this.db.transaction(() => {
      const walker = new AuditChainWalker();
      const rows = this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq IS NULL, seq, id').iterate();
      for (const row of rows) walker.add(storedRow(row));
      const head = this.selectHead.get();
      return walker.finish(head && head.seq > 0 ? head : null);
    });
    return walk.deferred();
  }

  private insertSealed(sealed: SealedAuditEntry): void {
    const details = sealed.details === null ? null : JSON.stringify(sealed.details);
    this.insert.run(
      sealed.at,
      sealed.actor,
      sealed.action,
      sealed.target,
      sealed.outcome,
      details,
      sealed.seq,
      sealed.prevHash,
      sealed.hash,
    );
    this.updateHead.run(sealed.seq, sealed.hash);
  }

  /**
   * Chains, once, the rows written before the chain existed (those `audit_chain_legacy` names), in id order,
   * ahead of anything appended since. Runs at open; a no-op when there are none.
   */
  private sealLegacyEntries(): void {
    const seal = this.db.transaction(() => {
      const legacy = this.db
        .prepare<[], AuditRow>(
          `SELECT * FROM audit_log WHERE hash IS NULL AND seq IS NULL
             AND id <= (SELECT up_to_id FROM audit_chain_legacy) ORDER BY id`,
        )
        .all();
      if (legacy.length === 0) return;
      const sealedCount = this.db
        .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE seq IS NOT NULL')
        .get()!.n;
      if (sealedCount > 0)
        throw new Error('audit_log: rows from before the hash chain remain unsealed after new entries');
      const setSeal = this.db.prepare('UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?');
      let head: AuditHeadRow | null = null;
      for (const row of legacy) {
        const sealed = sealAuditEntry(auditEntryContent(storedRow(row)), head);
        setSeal.run(sealed.seq, sealed.prevHash, sealed.hash, row.id);
        head = { seq: sealed.seq, hash: sealed.hash };
      }
      this.updateHead.run(head!.seq, head!.hash);
    });
    seal.immediate();
  }
}
