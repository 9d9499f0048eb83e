import type { Account, ArchiveRecord, Attachment, RecordVersion, SearchDocument } from '@verbatim/core';
import { optional } from '../common-row-mapping';
export { agencyFromRow, captureFromRow, quarantineFromRow, tombstoneFromRow, type AgencyRow, type QuarantineRow, type RawCaptureRow, type TombstoneRow } from '../common-row-mapping';

/**
 * Rows as pg returns them through the catalog pool: snake_case columns, NULL for absent values, jsonb already
 * parsed, timestamptz as ISO strings and int8 as numbers (see postgres-pool.ts).
 */
export interface AccountRow {
  id: string;
  agency_id: string;
  platform: Account['platform'];
  handle: string;
  display_name: string | null;
  url: string | null;
  status: Account['status'];
  connector: Account['connector'];
  sync_interval_minutes: number;
  administrators: Account['administrators'];
  moderators: Account['moderators'];
  created_at: string;
  updated_at: string;
}

export const RECORD_COLUMNS = `id, account_id, agency_id, platform, kind, platform_id, parent_platform_id,
  thread_root_platform_id, author_id, author_name, author_handle, text, url, posted_at, edited_at, first_captured_at,
  last_seen_at, hidden_at, status, attachments, version_count, content_hash`;

export interface RecordRow {
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
  attachments: Attachment[];
  version_count: number;
  content_hash: string;
}

/** The columns a SearchDocument needs; selected by every path that produces documents, so they agree. */
export const SEARCH_DOCUMENT_COLUMNS = `id, account_id, agency_id, platform, kind, status, author_name, text, prior_text,
  posted_at, jsonb_array_length(attachments) > 0 AS has_attachments`;

export type SearchDocumentRow = Pick<
  RecordRow,
  'id' | 'account_id' | 'agency_id' | 'platform' | 'kind' | 'status' | 'author_name' | 'text' | 'posted_at'
> & { prior_text: string; has_attachments: boolean };

export interface VersionRow {
  record_id: string;
  version: number;
  text: string;
  attachments: Attachment[];
  edited_at: string | null;
  content_hash: string;
  captured_at: string;
  raw_capture_sha256: string;
  raw_capture_key: string;
}

export function accountFromRow(row: AccountRow): Account {
  return {
    id: row.id,
    agencyId: row.agency_id,
    platform: row.platform,
    handle: row.handle,
    ...optional('displayName', row.display_name),
    ...optional('url', row.url),
    status: row.status,
    connector: row.connector,
    syncIntervalMinutes: row.sync_interval_minutes,
    administrators: row.administrators,
    moderators: row.moderators,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function recordFromRow(row: RecordRow): ArchiveRecord {
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
    attachments: row.attachments,
    versionCount: row.version_count,
    contentHash: row.content_hash,
  };
}

export function searchDocumentFromRow(row: SearchDocumentRow): SearchDocument {
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
    hasAttachments: row.has_attachments,
  };
}

export function versionFromRow(row: VersionRow): RecordVersion {
  return {
    recordId: row.record_id,
    version: row.version,
    text: row.text,
    attachments: row.attachments,
    ...optional('editedAt', row.edited_at),
    contentHash: row.content_hash,
    capturedAt: row.captured_at,
    rawCaptureSha256: row.raw_capture_sha256,
    rawCaptureKey: row.raw_capture_key,
  };
}

