import type { Delivery, FoiaItem, FoiaRequest, FoiaTransition, SavedSearch } from '@verbatim/foia';

/** Rows as pg returns them: snake_case columns, NULL for absent values, jsonb already parsed, times as stored. */
export interface FoiaRequestRow {
  id: string;
  number: string;
  requester: FoiaRequest['requester'];
  received_at: string;
  channel: FoiaRequest['channel'];
  description: string;
  records_category: FoiaRequest['recordsCategory'];
  assigned_officer: string | null;
  notes: string | null;
  status: FoiaRequest['status'];
  release_kind: FoiaRequest['releaseKind'];
  denied_at: string | null;
  extended_until: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export function foiaRequestFromRow(row: FoiaRequestRow): FoiaRequest {
  return {
    id: row.id,
    number: row.number,
    requester: row.requester,
    receivedAt: row.received_at,
    channel: row.channel,
    description: row.description,
    recordsCategory: row.records_category,
    assignedOfficer: row.assigned_officer,
    notes: row.notes,
    status: row.status,
    releaseKind: row.release_kind,
    deniedAt: row.denied_at,
    extendedUntil: row.extended_until,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export interface FoiaTransitionRow {
  request_id: string;
  sequence: number;
  from_status: FoiaTransition['from'];
  to_status: FoiaTransition['to'];
  actor: string;
  at: string;
  note: string | null;
}

export function foiaTransitionFromRow(row: FoiaTransitionRow): FoiaTransition {
  return {
    requestId: row.request_id,
    sequence: row.sequence,
    from: row.from_status,
    to: row.to_status,
    actor: row.actor,
    at: row.at,
    note: row.note,
  };
}

export interface DeliveryRow {
  id: string;
  request_id: string;
  event: string;
  channel: Delivery['channel'];
  recipients: string[];
  payload: unknown;
  status: Delivery['status'];
  attempts: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  relayed_at: string | null;
}

export function deliveryFromRow(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    requestId: row.request_id,
    event: row.event,
    channel: row.channel,
    recipients: row.recipients,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    relayedAt: row.relayed_at,
  };
}

export interface ItemRow {
  request_id: string;
  record_id: string;
  source: FoiaItem['source'];
  saved_search_id: string | null;
  added_at: string;
  added_by: string;
  disposition: FoiaItem['disposition'];
  exemption_code: string | null;
  justification: string | null;
  redactions: FoiaItem['redactions'];
  updated_at: string;
}

export function itemFromRow(row: ItemRow): FoiaItem {
  return {
    requestId: row.request_id, recordId: row.record_id, source: row.source, savedSearchId: row.saved_search_id,
    addedAt: row.added_at, addedBy: row.added_by, disposition: row.disposition, exemptionCode: row.exemption_code,
    justification: row.justification, redactions: row.redactions, updatedAt: row.updated_at,
  };
}

export interface SavedSearchRow {
  id: string;
  request_id: string;
  query: unknown;
  matched: number;
  created_at: string;
  created_by: string;
}

export function savedSearchFromRow(row: SavedSearchRow): SavedSearch {
  return { id: row.id, requestId: row.request_id, query: row.query, matched: row.matched, createdAt: row.created_at, createdBy: row.created_by };
}
