import type Database from 'better-sqlite3';
import { newId } from '@verbatim/core';
import type { Delivery, DeliveryStatus, NewDelivery } from '@verbatim/foia';
import { deliveryFromRow, type DeliveryRow } from './foia-row-mapping';

/**
 * The notification outbox: deliveries written in the transaction of the change they report, then relayed to
 * the queue and marked as they are attempted. A delivery is never deleted; its attempts and outcome are the
 * record of who was told what, and when.
 */
export class OutboxRepository {
  private readonly insert: Database.Statement;
  private readonly selectOne: Database.Statement<[string], DeliveryRow>;
  private readonly selectForRequest: Database.Statement<[string], DeliveryRow>;
  private readonly selectUnrelayed: Database.Statement<[string, number], DeliveryRow>;
  private readonly setRelayed: Database.Statement<[string, string]>;
  private readonly setAttempt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO notification_outbox (id, request_id, event, channel, recipients_json,
      payload_json, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.selectOne = db.prepare('SELECT * FROM notification_outbox WHERE id = ?');
    this.selectForRequest = db.prepare(
      'SELECT * FROM notification_outbox WHERE request_id = ? ORDER BY created_at, rowid',
    );
    this.selectUnrelayed = db.prepare(`SELECT * FROM notification_outbox
      WHERE status = 'pending' AND (relayed_at IS NULL OR relayed_at < ?) ORDER BY created_at, rowid LIMIT ?`);
    this.setRelayed = db.prepare(`UPDATE notification_outbox SET relayed_at = ? WHERE id = ? AND status = 'pending'`);
    // A delivery that ended stays ended: a late duplicate attempt cannot turn delivered back into pending.
    this.setAttempt = db.prepare(`UPDATE notification_outbox SET attempts = attempts + 1, status = @status,
        last_error = @error, delivered_at = CASE WHEN @status = 'delivered' THEN @at ELSE delivered_at END
      WHERE id = @id AND status = 'pending'`);
  }

  /** Call inside the caller's transaction. Deliveries whose dedupe key the request already used are skipped. */
  add(requestId: string, deliveries: NewDelivery[], at: string): Delivery[] {
    const added: Delivery[] = [];
    for (const delivery of deliveries) {
      const id = newId('delivery');
      const { changes } = this.insert.run(
        id,
        requestId,
        delivery.event,
        delivery.channel,
        JSON.stringify(delivery.recipients),
        JSON.stringify(delivery.payload),
        delivery.dedupeKey,
        at,
      );
      if (changes === 1) added.push(deliveryFromRow(this.selectOne.get(id)!));
    }
    return added;
  }

  get(id: string): Delivery | null {
    const row = this.selectOne.get(id);
    return row ? deliveryFromRow(row) : null;
  }

  listForRequest(requestId: string): Delivery[] {
    return this.selectForRequest.all(requestId).map(deliveryFromRow);
  }

  listUnrelayed(relayedBefore: string, limit: number): Delivery[] {
    return this.selectUnrelayed.all(relayedBefore, limit).map(deliveryFromRow);
  }

  markRelayed(ids: string[], at: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.setRelayed.run(at, id);
    })();
  }

  recordAttempt(id: string, outcome: DeliveryStatus, at: string, error?: string): Delivery | null {
    this.setAttempt.run({ id, status: outcome, error: error ?? null, at });
    return this.get(id);
  }
}
