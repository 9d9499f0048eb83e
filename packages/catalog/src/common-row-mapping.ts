import type { Agency, QuarantineEntry, RawCapture, SyncState, Tombstone } from '@verbatim/core';

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
    accountId, passNumber: 0, passToken: null, cursor: null, status: 'never', startedAt: null, completedAt: null,
    lastError: null, lastCompletedPassToken: null, lastCompletedAt: null, pagesFetched: 0, itemsSeen: 0,
  };
}
