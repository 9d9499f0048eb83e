import type { Delivery, FoiaRequest, FoiaTransition } from '@verbatim/foia';

export interface FoiaRequestRow {
  id: string;
  number: string;
  requester_json: string;
  received_at: string;
  channel: string;
  description: string;
  records_category: string;
  assigned_officer: string | null;
  notes: string | null;
  status: string;
  release_kind: string | null;
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
    requester: JSON.parse(row.requester_json),
    receivedAt: row.received_at,
    channel: row.channel as FoiaRequest['channel'],
    description: row.description,
    recordsCategory: row.records_category as FoiaRequest['recordsCategory'],
    assignedOfficer: row.assigned_officer,
    notes: row.notes,
    status: row.status as FoiaRequest['status'],
    releaseKind: row.release_kind as FoiaRequest['releaseKind'],
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
  from_status: string | null;
  to_status: string;
  actor: string;
  at: string;
  note: string | null;
}

export function foiaTransitionFromRow(row: FoiaTransitionRow): FoiaTransition {
  return {
    requestId: row.request_id,
    sequence: row.sequence,
    from: row.from_status as FoiaTransition['from'],
    to: row.to_status as FoiaTransition['to'],
    actor: row.actor,
    at: row.at,
    note: row.note,
  };
}

export interface DeliveryRow {
  id: string;
  request_id: string;
  event: string;
  channel: string;
  recipients_json: string;
  payload_json: string;
  status: string;
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
    channel: row.channel as Delivery['channel'],
    recipients: JSON.parse(row.recipients_json),
    payload: JSON.parse(row.payload_json),
    status: row.status as Delivery['status'],
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    relayedAt: row.relayed_at,
  };
}
