import type { Delivery, FoiaRequest, FoiaTransition } from '@verbatim/foia';

/**
 * FOIA rows both catalog adapters share. Each adapter's foia-row-mapping.ts adds its JSON columns (text in
 * SQLite, parsed jsonb in PostgreSQL) and passes them in parsed.
 */
export interface FoiaRequestColumns {
  id: string;
  number: string;
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

export function foiaRequestFromColumns(row: FoiaRequestColumns, requester: FoiaRequest['requester']): FoiaRequest {
  return {
    id: row.id,
    number: row.number,
    requester,
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

/**
 * Whom an outbox row belongs to: a FOIA request, an account whose health it announces, or another subject
 * (`person:<id>`, `token:<id>`, `object:<key>`, `town`). Each owner's dedupe keys are its own.
 */
export type DeliveryOwner =
  | { requestId: string; accountId?: never; subject?: never }
  | { accountId: string; requestId?: never; subject?: never }
  | { subject: string; requestId?: never; accountId?: never };

export interface DeliveryColumns {
  id: string;
  request_id: string | null;
  account_id: string | null;
  subject: string | null;
  event: string;
  channel: Delivery['channel'];
  status: Delivery['status'];
  attempts: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  relayed_at: string | null;
}

export function deliveryFromColumns(row: DeliveryColumns, json: Pick<Delivery, 'recipients' | 'payload'>): Delivery {
  return {
    id: row.id,
    requestId: row.request_id,
    accountId: row.account_id,
    subject: row.subject,
    event: row.event,
    channel: row.channel,
    recipients: json.recipients,
    payload: json.payload,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    relayedAt: row.relayed_at,
  };
}
