import type { Account, Attachment, ArchiveRecord, RecordVersion, SearchDocument } from '@verbatim/core';
import {
  accountFromColumns,
  recordFromColumns,
  searchDocumentFromColumns,
  versionFromColumns,
  type AccountColumns,
  type RecordColumns,
  type SearchDocumentColumns,
  type VersionColumns,
} from '../common-row-mapping';
export {
  agencyFromRow,
  captureFromRow,
  quarantineFromRow,
  tombstoneFromRow,
  type AgencyRow,
  type QuarantineRow,
  type RawCaptureRow,
  type TombstoneRow,
} from '../common-row-mapping';

/**
 * Rows as pg returns them through the catalog pool: snake_case columns, NULL for absent values, jsonb already
 * parsed, timestamptz as ISO strings and int8 as numbers (see postgres-pool.ts).
 */
export interface AccountRow extends AccountColumns {
  connector: Account['connector'];
  administrators: Account['administrators'];
  moderators: Account['moderators'];
}

export const RECORD_COLUMNS = `id, account_id, agency_id, platform, kind, platform_id, parent_platform_id,
  thread_root_platform_id, author_id, author_name, author_handle, text, url, posted_at, edited_at, first_captured_at,
  last_seen_at, hidden_at, status, attachments, version_count, content_hash`;

export interface RecordRow extends RecordColumns {
  attachments: Attachment[];
}

/** The columns a SearchDocument needs; selected by every path that produces documents, so they agree. */
export const SEARCH_DOCUMENT_COLUMNS = `id, account_id, agency_id, platform, kind, status, author_name, text, prior_text,
  posted_at, jsonb_array_length(attachments) > 0 AS has_attachments, revision`;

export type SearchDocumentRow = SearchDocumentColumns & { has_attachments: boolean };

export interface VersionRow extends VersionColumns {
  attachments: Attachment[];
}

export function accountFromRow(row: AccountRow): Account {
  return accountFromColumns(row, row);
}

export function recordFromRow(row: RecordRow): ArchiveRecord {
  return recordFromColumns(row, row.attachments);
}

export function searchDocumentFromRow(row: SearchDocumentRow): SearchDocument {
  return searchDocumentFromColumns(row, row.has_attachments);
}

export function versionFromRow(row: VersionRow): RecordVersion {
  return versionFromColumns(row, row.attachments);
}
