import type { Pool } from 'pg';
import type { AuditEntry } from '@verbatim/core';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown> | null;
}

/** The append-only audit log; a trigger in the schema refuses any UPDATE, DELETE or TRUNCATE of it. */
export class AuditRepository {
  constructor(private readonly pool: Pool) {}

  async appendAudit(entry: AuditEntry): Promise<void> {
    const details = entry.details === undefined ? null : JSON.stringify(entry.details);
    await this.pool.query(
      'INSERT INTO audit_log (at, actor, action, target, details) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [new Date().toISOString(), entry.actor, entry.action, entry.target, details],
    );
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
      ...(row.details === null ? {} : { details: row.details }),
    }));
  }
}
