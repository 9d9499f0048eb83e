import type { Account, ArchiveRecord, Attachment, RecordVersion, SearchDocument } from '@verbatim/core';
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

/** Rows as SQLite returns them: snake_case columns, NULL for absent values, JSON as text. */
export interface AccountRow extends AccountColumns {
  connector_json: string;
  administrators_json: string;
  moderators_json: string;
}

export interface RecordRow extends RecordColumns {
  attachments_json: string;
}

/** The columns a SearchDocument needs; selected by every path that produces documents, so they agree. */
export const SEARCH_DOCUMENT_COLUMNS =
  'id, account_id, agency_id, platform, kind, status, author_name, text, prior_text, posted_at, attachments_json, revision';

export type SearchDocumentRow = SearchDocumentColumns & Pick<RecordRow, 'attachments_json'>;

export interface VersionRow extends VersionColumns {
  attachments_json: string;
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
  return accountFromColumns(row, {
    connector: JSON.parse(row.connector_json) as Account['connector'],
    administrators: JSON.parse(row.administrators_json) as Account['administrators'],
    moderators: JSON.parse(row.moderators_json) as Account['moderators'],
  });
}

export function recordFromRow(row: RecordRow): ArchiveRecord {
  return recordFromColumns(row, attachmentsFromJson(row.attachments_json));
}

export function searchDocumentFromRow(row: SearchDocumentRow): SearchDocument {
  return searchDocumentFromColumns(row, row.attachments_json !== NO_ATTACHMENTS_JSON);
}

export function versionFromRow(row: VersionRow): RecordVersion {
  return versionFromColumns(row, attachmentsFromJson(row.attachments_json));
}
