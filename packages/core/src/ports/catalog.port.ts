import type { AccountRegistry } from './account-registry.port';
import type { ApiTokenStore } from './api-token-store.port';
import type { AuditLog } from './audit-log.port';
import type { CaptureReader } from './capture-reader.port';
import type { IndexBacklog } from './index-backlog.port';
import type { RecordReader } from './record-reader.port';
import type { SearchDocumentSource } from './search-document-source.port';
import type { SyncStateStore } from './sync-state-store.port';

/**
 * The catalog: source of truth for agencies, accounts, records and their versions, in one database. Code that
 * uses the catalog takes only the roles it needs; this combination exists for the adapters (one class each,
 * sharing one connection, so writes across roles can share a transaction) and for the code that opens one.
 */
export interface Catalog
  extends AccountRegistry,
    ApiTokenStore,
    SyncStateStore,
    RecordReader,
    CaptureReader,
    AuditLog,
    IndexBacklog,
    SearchDocumentSource {
  /** Throws when the database cannot answer; used by /healthz and at start. */
  ping(): Promise<void>;
  /** Releases the database (close a search index sharing its SQLite handle first); closing twice is harmless. */
  close(): Promise<void>;
}
