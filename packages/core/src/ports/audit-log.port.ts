export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

/** Who did what to which record, request or account: append-only, so it can be shown to an auditor as kept. */
export interface AuditLog {
  /** Appends an entry stamped with the current time; entries are never updated or removed. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The latest `limit` entries, newest first. */
  listAudit(limit: number): Promise<Array<AuditEntry & { id: number; at: string }>>;
}
