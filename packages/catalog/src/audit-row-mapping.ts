import type { AuditOutcome, StoredAuditRow } from '@verbatim/core';

/** An audit_log row as both adapters read it, its details aside (SQLite's JSON text, PostgreSQL's jsonb). */
export interface AuditRowColumns {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The chain's head row: the last entry's position and hash. */
export interface AuditHeadRow {
  seq: number;
  hash: string;
}

/** The row as the chain walker sees it, with its details as the adapter decoded them. */
export function storedAuditRow(row: AuditRowColumns, details: Record<string, unknown> | null): StoredAuditRow {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Details as they will read back (JSON round-tripped; jsonb's key order aside, which the canonical encoding
 * ignores), so the hash covers exactly what is stored.
 */
export function storedAuditDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | null {
  return details === undefined ? null : (JSON.parse(JSON.stringify(details)) as Record<string, unknown>);
}
