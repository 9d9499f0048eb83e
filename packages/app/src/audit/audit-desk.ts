import {
  csvDocument,
  type AuditChainReport,
  type AuditLog,
  type AuditPage,
  type AuditQuery,
  type SealedAuditEntry,
} from '@verbatim/core';

/** Who reads the audit log: auditors, the attorney's office and IT (the roles are the routes' and pages'). */
export const AUDIT_READERS = ['auditor', 'attorney', 'it-director', 'it-admin'] as const;

/** The most entries one CSV export holds; narrow the filters for more. */
export const AUDIT_CSV_MAX_ENTRIES = 100_000;

export const AUDIT_CSV_HEADER = [
  'seq',
  'at',
  'actor',
  'action',
  'target',
  'outcome',
  'details',
  'hash',
  'prevHash',
] as const;

/** An entry as one CSV row; details as their canonical JSON, so a spreadsheet shows what was hashed. */
function csvRow(entry: SealedAuditEntry): Array<string | number> {
  return [
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.target,
    entry.outcome,
    entry.details === null ? '' : JSON.stringify(entry.details),
    entry.hash,
    entry.prevHash,
  ];
}

/**
 * Reading the audit log: a page at a time, as CSV, and the chain's verification. An export is itself
 * audited (who took a copy of the log, with which filters).
 */
export class AuditDesk {
  constructor(private readonly catalog: AuditLog) {}

  list(query: AuditQuery): Promise<AuditPage> {
    return this.catalog.listAuditEntries(query);
  }

  /** Every entry matching the filters (up to AUDIT_CSV_MAX_ENTRIES), newest first, formula-guarded CSV. */
  async csv(actorId: string, query: Omit<AuditQuery, 'limit' | 'cursor'>): Promise<string> {
    const rows: Array<Array<string | number>> = [];
    let cursor: number | undefined;
    do {
      const page = await this.catalog.listAuditEntries({ ...query, limit: 1000, cursor });
      for (const entry of page.entries) rows.push(csvRow(entry));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && rows.length < AUDIT_CSV_MAX_ENTRIES);
    await this.catalog.appendAudit({
      actor: actorId,
      action: 'audit.export',
      target: 'audit-log',
      details: { ...query, entries: rows.length },
    });
    return csvDocument(AUDIT_CSV_HEADER, rows.slice(0, AUDIT_CSV_MAX_ENTRIES));
  }

  verify(): Promise<AuditChainReport> {
    return this.catalog.verifyAuditChain();
  }
}
