import type Database from 'better-sqlite3';
import type { AuditEntry } from '@verbatim/core';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details_json: string | null;
}

/** The append-only audit log; triggers in the schema refuse any UPDATE or DELETE of it. */
export class AuditRepository {
  private readonly insert: Database.Statement;
  private readonly selectNewest: Database.Statement<[number], AuditRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor, action, target, details_json) VALUES (?, ?, ?, ?, ?)');
    this.selectNewest = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  }

  appendAudit(entry: AuditEntry): void {
    const details = entry.details === undefined ? null : JSON.stringify(entry.details);
    this.insert.run(new Date().toISOString(), entry.actor, entry.action, entry.target, details);
  }

  /** Newest first: the id orders entries even when two share a timestamp. */
  listAudit(limit: number): Array<AuditEntry & { id: number; at: string }> {
    return this.selectNewest.all(limit).map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      ...(row.details_json === null ? {} : { details: JSON.parse(row.details_json) as Record<string, unknown> }),
    }));
  }
}
