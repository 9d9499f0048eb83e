import type { Pool } from 'pg';
import { newId } from '@verbatim/core';
import {
  formatRequestNumber,
  type FoiaRequest,
  type FoiaRequestPatch,
  type FoiaRequestStatus,
  type FoiaTransition,
  type NewFoiaRequestRecord,
  type TransitionChange,
} from '@verbatim/foia';
import type { Queryable } from '../postgres-pool';
import {
  foiaRequestFromRow,
  foiaTransitionFromRow,
  type FoiaRequestRow,
  type FoiaTransitionRow,
} from './foia-row-mapping';

const PATCH_COLUMNS: {
  [K in keyof FoiaRequestPatch]-?: { column: string; cast?: string; toSql(value: FoiaRequestPatch[K]): unknown };
} = {
  requester: { column: 'requester', cast: '::jsonb', toSql: (value) => JSON.stringify(value) },
  description: { column: 'description', toSql: (value) => value },
  assignedOfficer: { column: 'assigned_officer', toSql: (value) => value ?? null },
  notes: { column: 'notes', toSql: (value) => value ?? null },
  channel: { column: 'channel', toSql: (value) => value },
  recordsCategory: { column: 'records_category', toSql: (value) => value },
  receivedAt: { column: 'received_at', toSql: (value) => value },
};

/** The counter row stays locked until the request commits, so two officers never draw the same number. */
const NEXT_SEQUENCE = `INSERT INTO foia_number_counters (year, last_sequence) VALUES ($1, 1)
  ON CONFLICT (year) DO UPDATE SET last_sequence = foia_number_counters.last_sequence + 1 RETURNING last_sequence`;

/** Only from the status the caller saw: the row lock this takes also serializes the request's transitions. */
const UPDATE_STATUS = `UPDATE foia_requests SET status = $3, updated_at = $4,
    release_kind = CASE WHEN $3 = 'released' THEN $5 ELSE release_kind END,
    denied_at = coalesce($6, denied_at), extended_until = coalesce($7, extended_until)
  WHERE id = $1 AND status = $2`;

/** Numbered under the request's row lock (held by whoever inserts a transition), so sequences never collide. */
const INSERT_TRANSITION = `INSERT INTO foia_transitions (request_id, sequence, from_status, to_status, actor, at, note)
  VALUES ($1, (SELECT coalesce(max(sequence), 0) + 1 FROM foia_transitions WHERE request_id = $1), $2, $3, $4, $5, $6)`;

/** Requests and their append-only transitions. Numbers come from a per-year counter, never reused once committed. */
export class FoiaRequestRepository {
  constructor(private readonly pool: Pool) {}

  /** Call inside a transaction: numbers the request and writes it with its first transition. */
  async create(client: Queryable, input: NewFoiaRequestRecord): Promise<FoiaRequest> {
    const id = newId('foiaRequest');
    const {
      rows: [counter],
    } = await client.query<{ last_sequence: number }>(NEXT_SEQUENCE, [input.year]);
    const { rows } = await client.query<FoiaRequestRow>(
      `INSERT INTO foia_requests (id, number, requester, received_at,
        channel, description, records_category, assigned_officer, notes, status, created_at, created_by, updated_at)
      VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, 'received', $10, $11, $10) RETURNING *`,
      [
        id,
        formatRequestNumber(input.year, counter.last_sequence),
        JSON.stringify(input.requester),
        input.receivedAt,
        input.channel,
        input.description,
        input.recordsCategory,
        input.assignedOfficer ?? null,
        input.notes ?? null,
        input.createdAt,
        input.createdBy,
      ],
    );
    await client.query(INSERT_TRANSITION, [id, null, 'received', input.createdBy, input.createdAt, null]);
    return foiaRequestFromRow(rows[0]);
  }

  async get(id: string, client: Queryable = this.pool): Promise<FoiaRequest | null> {
    const { rows } = await client.query<FoiaRequestRow>('SELECT * FROM foia_requests WHERE id = $1', [id]);
    return rows.length ? foiaRequestFromRow(rows[0]) : null;
  }

  /** Newest received first, by instant: receipt times keep the offsets they were given in. */
  async list(filter: { status?: FoiaRequestStatus[] } = {}): Promise<FoiaRequest[]> {
    const statuses = filter.status ?? [];
    const where = statuses.length > 0 ? 'WHERE status = ANY($1::text[])' : '';
    const { rows } = await this.pool.query<FoiaRequestRow>(
      `SELECT * FROM foia_requests ${where} ORDER BY received_at::timestamptz DESC, number DESC`,
      statuses.length > 0 ? [statuses] : [],
    );
    return rows.map(foiaRequestFromRow);
  }

  /** Call inside a transaction. Returns false when the request is not (or no longer) in `change.from`. */
  async transition(client: Queryable, id: string, change: TransitionChange): Promise<boolean> {
    const { rowCount } = await client.query(UPDATE_STATUS, [
      id,
      change.from,
      change.to,
      change.at,
      change.releaseKind ?? null,
      change.deniedAt ?? null,
      change.extendedUntil ?? null,
    ]);
    if (!rowCount) return false;
    await client.query(INSERT_TRANSITION, [id, change.from, change.to, change.actor, change.at, change.note ?? null]);
    return true;
  }

  async update(id: string, patch: FoiaRequestPatch, at: string): Promise<FoiaRequest | null> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as Array<
      [keyof FoiaRequestPatch, unknown]
    >;
    if (entries.length === 0) return this.get(id);
    const values = entries.map(([field, value]) => (PATCH_COLUMNS[field].toSql as (value: unknown) => unknown)(value));
    const sets = entries.map(
      ([field], index) => `${PATCH_COLUMNS[field].column} = $${index + 1}${PATCH_COLUMNS[field].cast ?? ''}`,
    );
    const { rows } = await this.pool.query<FoiaRequestRow>(
      `UPDATE foia_requests SET ${sets.join(', ')}, updated_at = $${values.length + 1} WHERE id = $${values.length + 2} RETURNING *`,
      [...values, at, id],
    );
    return rows.length ? foiaRequestFromRow(rows[0]) : null;
  }

  async listTransitions(requestId: string): Promise<FoiaTransition[]> {
    const { rows } = await this.pool.query<FoiaTransitionRow>(
      'SELECT * FROM foia_transitions WHERE request_id = $1 ORDER BY sequence',
      [requestId],
    );
    return rows.map(foiaTransitionFromRow);
  }
}
