import type { AccountRegistry } from './account-registry.port';
import type { ApiTokenStore } from './api-token-store.port';
import type { AuditLog } from './audit-log.port';
import type { ArchiveIntegrityReader } from './capture-chain.port';
import type { CaptureReader } from './capture-reader.port';
import type { IndexBacklog } from './index-backlog.port';
import type { RecordReader } from './record-reader.port';
import type { SearchDocumentSource } from './search-document-source.port';
import type { SyncRunLog } from './sync-run-log.port';
import type { SyncStateStore } from './sync-state-store.port';

/**
 * The catalog: source of truth for agencies, accounts, records and their versions, in one database. Code that
 * uses the catalog should take only the roles it needs; this combination is for the adapters (one class each, on
 * one database) and the code that opens one. Every write that must be atomic is one method of one role, so an
 * adapter can make it one transaction.
 */
export interface Catalog
  extends
    AccountRegistry,
    ApiTokenStore,
    SyncStateStore,
    SyncRunLog,
    RecordReader,
    CaptureReader,
    ArchiveIntegrityReader,
    AuditLog,
    IndexBacklog,
    SearchDocumentSource {
  /** Throws when the database cannot answer; used by /healthz and at start. */
  ping(): Promise<void>;
  /** Releases the database (close a search index sharing its SQLite handle first); closing twice is harmless. */
  close(): Promise<void>;
}
