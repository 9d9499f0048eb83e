import type {
  Account,
  Agency,
  ArchiveRecord,
  Attachment,
  QuarantineEntry,
  RawCapture,
  RecordVersion,
  SearchDocument,
  SyncState,
  Tombstone,
} from '@verbatim/core';

/**
 * Rows and mappings both catalog adapters share: tables whose columns read back the same from SQLite and from
 * PostgreSQL (text, numbers, ISO times). Each adapter's row-mapping.ts adds the ones that differ (JSON columns).
 */
export interface AgencyRow {
  id: string;
  name: string;
  kind: Agency['kind'];
  created_at: string;
}

export interface TombstoneRow {
  record_id: string;
  detected_at: string;
  last_seen_at: string;
  reason: Tombstone['reason'];
}

export interface RawCaptureRow {
  sha256: string;
  key: string;
  account_id: string;
  content_type: string;
  byte_length: number;
  source: string;
  captured_at: string;
}

export interface QuarantineRow {
  id: string;
  account_id: string;
  raw_capture_sha256: string;
  raw_capture_key: string;
  item_index: number | null;
  reason: string;
  quarantined_at: string;
}
/** NULL becomes an absent property, as the zod schemas' optional fields expect. */

export function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

export function agencyFromRow(row: AgencyRow): Agency {
  return { id: row.id, name: row.name, kind: row.kind, createdAt: row.created_at };
}

export function tombstoneFromRow(row: TombstoneRow): Tombstone {
  return { recordId: row.record_id, detectedAt: row.detected_at, lastSeenAt: row.last_seen_at, reason: row.reason };
}

export function captureFromRow(row: RawCaptureRow): RawCapture {
  return {
    sha256: row.sha256,
    key: row.key,
    accountId: row.account_id,
    contentType: row.content_type,
    byteLength: row.byte_length,
    source: row.source,
    capturedAt: row.captured_at,
  };
}

export function quarantineFromRow(row: QuarantineRow): QuarantineEntry {
  return {
    id: row.id,
    accountId: row.account_id,
    rawCaptureSha256: row.raw_capture_sha256,
    rawCaptureKey: row.raw_capture_key,
    itemIndex: row.item_index,
    reason: row.reason,
    quarantinedAt: row.quarantined_at,
  };
}

export interface SyncStateRow {
  account_id: string;
  pass_number: number;
  pass_token: string | null;
  cursor: string | null;
  status: SyncState['status'];
  started_at: string | null;
  completed_at: string | null;
  last_error: string | null;
  last_completed_pass_token: string | null;
  last_completed_at: string | null;
  pages_fetched: number;
  items_seen: number;
}

export function syncStateFromRow(row: SyncStateRow): SyncState {
  return {
    accountId: row.account_id,
    passNumber: row.pass_number,
    passToken: row.pass_token,
    cursor: row.cursor,
    status: row.status,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    lastError: row.last_error,
    lastCompletedPassToken: row.last_completed_pass_token,
    lastCompletedAt: row.last_completed_at,
    pagesFetched: row.pages_fetched,
    itemsSeen: row.items_seen,
  };
}

/** The state of an account no pass has started for. */
export function neverSynced(accountId: string): SyncState {
  return {
    accountId,
    passNumber: 0,
    passToken: null,
    cursor: null,
    status: 'never',
    startedAt: null,
    completedAt: null,
    lastError: null,
    lastCompletedPassToken: null,
    lastCompletedAt: null,
    pagesFetched: 0,
    itemsSeen: 0,
  };
}

/**
 * The columns of accounts, records and versions that read back the same from both adapters; each adapter's row
 * adds its JSON columns (text in SQLite, parsed jsonb in PostgreSQL) and passes them in parsed.
 */
export interface AccountColumns {
  id: string;
  agency_id: string;
  platform: Account['platform'];
  handle: string;
  display_name: string | null;
  url: string | null;
  status: Account['status'];
  sync_interval_minutes: number;
  created_at: string;
  updated_at: string;
}

export interface RecordColumns {
  id: string;
  account_id: string;
  agency_id: string;
  platform: ArchiveRecord['platform'];
  kind: ArchiveRecord['kind'];
  platform_id: string;
  parent_platform_id: string | null;
  thread_root_platform_id: string | null;
  author_id: string | null;
  author_name: string;
  author_handle: string | null;
  text: string;
  url: string | null;
  posted_at: string;
  edited_at: string | null;
  first_captured_at: string;
  last_seen_at: string;
  hidden_at: string | null;
  status: ArchiveRecord['status'];
  version_count: number;
  content_hash: string;
}

export type SearchDocumentColumns = Pick<
  RecordColumns,
  'id' | 'account_id' | 'agency_id' | 'platform' | 'kind' | 'status' | 'author_name' | 'text' | 'posted_at'
> & { prior_text: string; revision: number };

export interface VersionColumns {
  record_id: string;
  version: number;
  text: string;
  edited_at: string | null;
  content_hash: string;
  captured_at: string;
  raw_capture_sha256: string;
  raw_capture_key: string;
  /** The version's own editor, null for versions captured before editors were recorded (or disposed of). */
  version_author_id: string | null;
  version_author_name: string | null;
  version_author_handle: string | null;
  record_author_id: string | null;
  record_author_name: string;
  record_author_handle: string | null;
}

/**
 * The editor columns a version read selects (`v` the version, `r` its record): the version's own, and the
 * record's author for versions without one.
 */
export const VERSION_EDITOR_COLUMNS = `v.author_id AS version_author_id, v.author_name AS version_author_name,
  v.author_handle AS version_author_handle, r.author_id AS record_author_id, r.author_name AS record_author_name,
  r.author_handle AS record_author_handle`;

export function accountFromColumns(
  row: AccountColumns,
  json: Pick<Account, 'connector' | 'administrators' | 'moderators'>,
): Account {
  return {
    id: row.id,
    agencyId: row.agency_id,
    platform: row.platform,
    handle: row.handle,
    ...optional('displayName', row.display_name),
    ...optional('url', row.url),
    status: row.status,
    connector: json.connector,
    syncIntervalMinutes: row.sync_interval_minutes,
    administrators: json.administrators,
    moderators: json.moderators,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function recordFromColumns(row: RecordColumns, attachments: Attachment[]): ArchiveRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    agencyId: row.agency_id,
    platform: row.platform,
    kind: row.kind,
    platformId: row.platform_id,
    ...optional('parentPlatformId', row.parent_platform_id),
    ...optional('threadRootPlatformId', row.thread_root_platform_id),
    author: {
      ...optional('id', row.author_id),
      name: row.author_name,
      ...optional('handle', row.author_handle),
    },
    text: row.text,
    ...optional('url', row.url),
    postedAt: row.posted_at,
    ...optional('editedAt', row.edited_at),
    firstCapturedAt: row.first_captured_at,
    lastSeenAt: row.last_seen_at,
    ...optional('hiddenAt', row.hidden_at),
    status: row.status,
    attachments,
    versionCount: row.version_count,
    contentHash: row.content_hash,
  };
}

export function searchDocumentFromColumns(row: SearchDocumentColumns, hasAttachments: boolean): SearchDocument {
  return {
    id: row.id,
    accountId: row.account_id,
    agencyId: row.agency_id,
    platform: row.platform,
    kind: row.kind,
    status: row.status,
    authorName: row.author_name,
    text: row.text,
    priorText: row.prior_text,
    postedAt: row.posted_at,
    hasAttachments,
    revision: row.revision,
  };
}

export function versionFromColumns(row: VersionColumns, attachments: Attachment[]): RecordVersion {
  return {
    recordId: row.record_id,
    version: row.version,
    text: row.text,
    attachments,
    ...optional('editedAt', row.edited_at),
    author: versionEditorOf(row),
    contentHash: row.content_hash,
    capturedAt: row.captured_at,
    rawCaptureSha256: row.raw_capture_sha256,
    rawCaptureKey: row.raw_capture_key,
  };
}

/**
 * Who made the version: its own editor when recorded; otherwise the record's author, the only person who could
 * edit a post on the platforms archived before editors were recorded per version.
 */
function versionEditorOf(row: VersionColumns): RecordVersion['author'] {
  if (row.version_author_name === null) {
    return {
      ...optional('id', row.record_author_id),
      name: row.record_author_name,
      ...optional('handle', row.record_author_handle),
    };
  }
  return {
    ...optional('id', row.version_author_id),
    name: row.version_author_name,
    ...optional('handle', row.version_author_handle),
  };
}
