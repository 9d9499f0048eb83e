import type { Account, ArchiveRecord, Attachment, RecordVersion, SearchDocument } from '@verbatim/core';
import { optional } from '../common-row-mapping';
export { agencyFromRow, captureFromRow, quarantineFromRow, tombstoneFromRow, type AgencyRow, type QuarantineRow, type RawCaptureRow, type TombstoneRow } from '../common-row-mapping';

/** Rows as SQLite returns them: snake_case columns, NULL for absent values, JSON as text. */
export interface AccountRow {
  id: string;
  agency_id: string;
  platform: Account['platform'];
  handle: string;
  display_name: string | null;
  url: string | null;
  status: Account['status'];
  connector_json: string;
  sync_interval_minutes: number;
  administrators_json: string;
  moderators_json: string;
  created_at: string;
  updated_at: string;
}

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
  attachments_json: string;
  version_count: number;
  content_hash: string;
}

/** The columns a SearchDocument needs; selected by every path that produces documents, so they agree. */
export const SEARCH_DOCUMENT_COLUMNS =
  'id, account_id, agency_id, platform, kind, status, author_name, text, prior_text, posted_at, attachments_json';

export type SearchDocumentRow = Pick<
  RecordRow,
  'id' | 'account_id' | 'agency_id' | 'platform' | 'kind' | 'status' | 'author_name' | 'text' | 'posted_at' | 'attachments_json'
> & { prior_text: string };

export interface VersionRow {
  record_id: string;
  version: number;
  text: string;
  attachments_json: string;
  edited_at: string | null;
  content_hash: string;
  captured_at: string;
  raw_capture_sha256: string;
  raw_capture_key: string;
}

/** Attachments are stored as JSON text; an empty list is by far the most common value, so it is not parsed. */
export const NO_ATTACHMENTS_JSON = '[]';

export function attachmentsToJson(attachments: readonly Attachment[]): string {
  return attachments.length === 0 ? NO_ATTACHMENTS_JSON : JSON.stringify(attachments);
}

function attachmentsFromJson(json: string): Attachment[] {
  return json === NO_ATTACHMENTS_JSON ? [] : (JSON.parse(json) as Attachment[]);
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
    connector: JSON.parse(row.connector_json) as Account['connector'],
    syncIntervalMinutes: row.sync_interval_minutes,
    administrators: JSON.parse(row.administrators_json) as Account['administrators'],
    moderators: JSON.parse(row.moderators_json) as Account['moderators'],
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
    attachments: attachmentsFromJson(row.attachments_json),
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
    hasAttachments: row.attachments_json !== NO_ATTACHMENTS_JSON,
  };
}

export function versionFromRow(row: VersionRow): RecordVersion {
  return {
    recordId: row.record_id,
    version: row.version,
    text: row.text,
    attachments: attachmentsFromJson(row.attachments_json),
    ...optional('editedAt', row.edited_at),
    contentHash: row.content_hash,
    capturedAt: row.captured_at,
    rawCaptureSha256: row.raw_capture_sha256,
    rawCaptureKey: row.raw_capture_key,
  };
}

