import { randomBytes } from 'node:crypto';
import type {
  DisposedRecord,
  Disposition,
  DispositionCandidate,
  LegalHold,
  RecordKind,
  RetentionRule,
} from '@verbatim/core';

/** A new id for a rule (`ret_`), hold (`hold_`) or disposition (`dsp_`), random as the catalog's other ids. */
export function newRetentionId(prefix: 'ret' | 'hold' | 'dsp'): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/** A FOIA request's automatic hold is named after the request; it has no row of its own. */
export const automaticHoldId = (requestId: string) => `foia-${requestId}`;

/** Statuses after which a request no longer holds what it gathered (a denial can still be appealed). */
export const RELEASING_STATUSES = ['closed', 'withdrawn'] as const;
export const RELEASING_STATUSES_SQL = `(${RELEASING_STATUSES.map((status) => `'${status}'`).join(', ')})`;

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (value: string | Date) => new Date(value).toISOString();
const isoOrNull = (value: string | Date | null) => (value === null ? null : iso(value));

export interface RuleRow {
  id: string;
  agency_id: string | null;
  account_id: string | null;
  kind: RecordKind | null;
  retention_days: number | null;
  citation: string;
  created_by: string;
  created_at: string;
  retired_by: string | null;
  retired_at: string | null;
}

export function ruleFromRow(row: RuleRow): RetentionRule {
  return {
    id: row.id,
    agencyId: row.agency_id,
    accountId: row.account_id,
    kind: row.kind,
    retention: row.retention_days === null ? 'permanent' : { days: row.retention_days },
    citation: row.citation,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    retiredBy: row.retired_by,
    retiredAt: isoOrNull(row.retired_at),
  };
}

export interface HoldRow {
  id: string;
  scope: 'account' | 'saved-search';
  account_id: string | null;
  saved_search_id: string | null;
  reason: string;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
  release_note: string | null;
  /** The request whose saved search a saved-search hold names. */
  request_id: string | null;
}

/** Selects holds with the request of their saved search (a `WHERE` or `ORDER BY` may follow). */
export const HOLDS_SELECT = `SELECT h.*, s.request_id FROM legal_holds h
  LEFT JOIN foia_saved_searches s ON s.id = h.saved_search_id`;

export function holdFromRow(row: HoldRow): LegalHold {
  return {
    id: row.id,
    scope: row.scope,
    automatic: false,
    accountId: row.account_id,
    savedSearchId: row.saved_search_id,
    requestId: row.request_id,
    reason: row.reason,
    placedBy: row.placed_by,
    placedAt: iso(row.placed_at),
    releasedBy: row.released_by,
    releasedAt: isoOrNull(row.released_at),
    releaseNote: row.release_note,
  };
}

/** One request that gathered records, with the transition that closed it (if it is closed). */
export interface AutomaticHoldRow {
  request_id: string;
  number: string;
  status: string;
  items: number;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
}

export function automaticHoldFromRow(row: AutomaticHoldRow): LegalHold {
  const released = (RELEASING_STATUSES as readonly string[]).includes(row.status);
  return {
    id: automaticHoldId(row.request_id),
    scope: 'foia-request',
    automatic: true,
    accountId: null,
    savedSearchId: null,
    requestId: row.request_id,
    reason: `FOIA request ${row.number} gathered ${row.items} record${row.items === 1 ? '' : 's'}`,
    placedBy: row.placed_by,
    placedAt: iso(row.placed_at),
    releasedBy: released ? row.released_by : null,
    releasedAt: released && row.released_at !== null ? iso(row.released_at) : null,
    releaseNote: released ? `the request was ${row.status}` : null,
  };
}

export interface CandidateRow {
  id: string;
  account_id: string;
  agency_id: string;
  kind: RecordKind;
  posted_at: string;
  rule_id: string;
  retention_days: number;
}

export function candidateFromRow(row: CandidateRow): DispositionCandidate {
  const postedAt = iso(row.posted_at);
  return {
    recordId: row.id,
    accountId: row.account_id,
    agencyId: row.agency_id,
    kind: row.kind,
    postedAt,
    ruleId: row.rule_id,
    retentionEndedAt: new Date(Date.parse(postedAt) + row.retention_days * DAY_MS).toISOString(),
  };
}

export interface DispositionRow {
  id: string;
  approved_by: string;
  approved_at: string;
  note: string;
  rule_ids: string[] | null;
  completed_at: string | null;
  records_disposed: number;
}

export function dispositionFromRow(row: DispositionRow): Disposition {
  return {
    id: row.id,
    approvedBy: row.approved_by,
    approvedAt: iso(row.approved_at),
    note: row.note,
    ruleIds: row.rule_ids,
    completedAt: isoOrNull(row.completed_at),
    recordsDisposed: row.records_disposed,
  };
}

export interface DisposedRecordRow {
  record_id: string;
  account_id: string;
  platform_id: string;
  kind: RecordKind;
  posted_at: string;
  disposition_id: string;
  approved_by: string;
  rule_id: string;
  citation: string;
  disposed_at: string;
  content_hashes: string[];
  raw_capture_sha256: string[];
  media_sha256: string[];
}

export function disposedRecordFromRow(row: DisposedRecordRow): DisposedRecord {
  return {
    recordId: row.record_id,
    accountId: row.account_id,
    platformId: row.platform_id,
    kind: row.kind,
    postedAt: iso(row.posted_at),
    dispositionId: row.disposition_id,
    approvedBy: row.approved_by,
    ruleId: row.rule_id,
    citation: row.citation,
    disposedAt: iso(row.disposed_at),
    contentHashes: row.content_hashes,
    rawCaptureSha256: row.raw_capture_sha256,
    mediaSha256: row.media_sha256,
  };
}

/** What a record's versions used, gathered before disposition empties them. */
export interface VersionUse {
  content_hash: string;
  raw_capture_sha256: string;
  raw_capture_key: string;
  attachments: Array<{ sha256?: string; archiveKey?: string }>;
}

/** The tombstone's hashes and the object keys a record's versions used, without repeats, in version order. */
export function summarizeVersions(versions: VersionUse[]): {
  contentHashes: string[];
  rawCaptureSha256: string[];
  mediaSha256: string[];
  objectKeys: string[];
} {
  const unique = (values: Array<string | undefined>) => [...new Set(values.filter((v): v is string => !!v))];
  const attachments = versions.flatMap((version) => version.attachments);
  return {
    contentHashes: versions.map((version) => version.content_hash),
    rawCaptureSha256: unique(versions.map((version) => version.raw_capture_sha256)),
    mediaSha256: unique(attachments.map((attachment) => attachment.sha256)),
    objectKeys: unique([
      ...versions.map((version) => version.raw_capture_key),
      ...attachments.map((attachment) => attachment.archiveKey),
    ]),
  };
}
