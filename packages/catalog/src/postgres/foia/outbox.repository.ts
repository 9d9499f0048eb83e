import type { Pool } from 'pg';
import { newId } from '@verbatim/core';
import type { Delivery, DeliveryStatus, NewDelivery, TownDelivery } from '@verbatim/foia';
import type { Queryable } from '../postgres-pool';
import type { DeliveryOwner } from '../../common-foia-row-mapping';
import { deliveryFromRow, type DeliveryRow } from './foia-row-mapping';

const INSERT = `INSERT INTO notification_outbox
    (id, request_id, account_id, subject, event, channel, recipients, payload, dedupe_key, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10) ON CONFLICT DO NOTHING RETURNING *`;

/** A delivery that ended stays ended: a late duplicate attempt cannot turn delivered back into pending. */
const RECORD_ATTEMPT = `UPDATE notification_outbox SET attempts = attempts + 1, status = $2, last_error = $3,
    delivered_at = CASE WHEN $2 = 'delivered' THEN $4 ELSE delivered_at END
  WHERE id = $1 AND status = 'pending'`;

/**
 * The notification outbox: deliveries written in the transaction of the change they report, then relayed to
 * the queue and marked as they are attempted. A delivery is never deleted; its attempts and outcome are the
 * record of who was told what, and when.
 */
export class OutboxRepository {
  constructor(private readonly pool: Pool) {}

  /** Call inside the caller's transaction. Deliveries whose dedupe key the owner already used are skipped. */
  async add(client: Queryable, owner: DeliveryOwner, deliveries: NewDelivery[], at: string): Promise<Delivery[]> {
    const added: Delivery[] = [];
    for (const delivery of deliveries) {
      const { rows } = await client.query<DeliveryRow>(INSERT, [
        newId('delivery'),
        owner.requestId ?? null,
        owner.accountId ?? null,
        owner.subject ?? null,
        delivery.event,
        delivery.channel,
        JSON.stringify(delivery.recipients),
        JSON.stringify(delivery.payload),
        delivery.dedupeKey,
        at,
      ]);
      if (rows.length === 1) added.push(deliveryFromRow(rows[0]));
    }
    return added;
  }

  async get(id: string): Promise<Delivery | null> {
    const { rows } = await this.pool.query<DeliveryRow>('SELECT * FROM notification_outbox WHERE id = $1', [id]);
    return rows.length ? deliveryFromRow(rows[0]) : null;
  }

  async listForRequest(requestId: string): Promise<Delivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      'SELECT * FROM notification_outbox WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
    return rows.map(deliveryFromRow);
  }

  async listForAccount(accountId: string): Promise<Delivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      'SELECT * FROM notification_outbox WHERE account_id = $1 ORDER BY seq',
      [accountId],
    );
    return rows.map(deliveryFromRow);
  }

  async listForSubject(subject: string): Promise<Delivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      'SELECT * FROM notification_outbox WHERE subject = $1 ORDER BY seq',
      [subject],
    );
    return rows.map(deliveryFromRow);
  }

  /** Compared as instants, so `…00Z` and `…00.000Z` (or another offset) agree. */
  async listUnrelayed(relayedBefore: string, limit: number): Promise<Delivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT * FROM notification_outbox
      WHERE status = 'pending' AND (relayed_at IS NULL OR relayed_at::timestamptz < $1::timestamptz)
      ORDER BY seq LIMIT $2`,
      [relayedBefore, limit],
    );
    return rows.map(deliveryFromRow);
  }

  async markRelayed(ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE notification_outbox SET relayed_at = $1 WHERE id = ANY($2::text[]) AND status = 'pending'`,
      [at, ids],
    );
  }

  async recordAttempt(id: string, outcome: DeliveryStatus, at: string, error?: string): Promise<Delivery | null> {
    await this.pool.query(RECORD_ATTEMPT, [id, outcome, error ?? null, at]);
    return this.get(id);
  }

  async hold(id: string, reason: string): Promise<Delivery | null> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `UPDATE notification_outbox SET last_error = $2 WHERE id = $1 AND status = 'pending' RETURNING *`,
      [id, reason],
    );
    return rows.length ? deliveryFromRow(rows[0]) : null;
  }

  async reopenFailed(id: string): Promise<Delivery | null> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `UPDATE notification_outbox SET status = 'pending', relayed_at = NULL WHERE id = $1 AND status = 'failed'
      RETURNING *`,
      [id],
    );
    return rows.length ? deliveryFromRow(rows[0]) : null;
  }

  async listByStatus(statuses: DeliveryStatus[], limit: number): Promise<TownDelivery[]> {
    const { rows } = await this.pool.query<DeliveryRow & { request_number: string | null }>(
      `SELECT o.*, r.number AS request_number
      FROM notification_outbox o LEFT JOIN foia_requests r ON r.id = o.request_id
      WHERE o.status = ANY($1::text[]) ORDER BY o.seq DESC LIMIT $2`,
      [statuses, limit],
    );
    return rows.map((row) => ({ ...deliveryFromRow(row), requestNumber: row.request_number }));
  }
}
