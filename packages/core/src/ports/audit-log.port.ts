import type { AuditChainReport, AuditOutcome, SealedAuditEntry } from '../audit-chain';

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  /** What came of it (default `success`): `denied` when refused (a failed sign-in), `failure` when it broke. */
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

/** Which entries to list, newest first; every filter optional. */
export interface AuditQuery {
  actor?: string;
  /** An action (`record.read`) or a family of them (`record` matches `record.read`, `record.search`…). */
  action?: string;
  target?: string;
  /** ISO instants: at or after `from`, before `to`. */
  from?: string;
  to?: string;
  limit: number;
  /** From a previous page's `nextCursor`: the entries before it. */
  cursor?: number;
}

export interface AuditPage {
  entries: SealedAuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: number | null;
}

/**
 * Who did what to which record, request or account: append-only, and hash-chained (see audit-chain.ts) so an
 * entry altered or removed behind the application's back is found by walking the chain.
 */
export interface AuditLog {
  /**
   * Appends an entry stamped with the current time, chained to the previous one; appends from concurrent
   * processes are serialized so the chain never forks. Entries are never updated or removed.
   */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The latest `limit` entries, newest first. */
  listAudit(limit: number): Promise<Array<AuditEntry & { id: number; at: string }>>;
  /** Entries matching the query, newest first, a page at a time. */
  listAuditEntries(query: AuditQuery): Promise<AuditPage>;
  /**
   * Walks the whole chain from entry 1 and reports every finding (altered, missing, broken link, unsealed row,
   * head mismatch); `ok` when there is none. Reads only: safe while the service runs.
   */
  verifyAuditChain(): Promise<AuditChainReport>;
}
