import type Database from 'better-sqlite3';
import { newId } from '@verbatim/core';
import type { Delivery, DeliveryStatus, NewDelivery, TownDelivery } from '@verbatim/foia';
import type { DeliveryOwner } from '../../common-foia-row-mapping';
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
  private readonly selectForAccount: Database.Statement<[string], DeliveryRow>;
  private readonly selectForSubject: Database.Statement<[string], DeliveryRow>;
  private readonly selectUnrelayed: Database.Statement<[string, number], DeliveryRow>;
  private readonly setRelayed: Database.Statement<[string, string]>;
  private readonly setAttempt: Database.Statement;
  private readonly setHeld: Database.Statement<[string, string]>;
  private readonly setReopened: Database.Statement<[string]>;
  private readonly selectByStatus: Database.Statement<
    [string, number],
    DeliveryRow & { request_number: string | null }
  >;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO notification_outbox (id, request_id, account_id, subject, event, channel,
      recipients_json, payload_json, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.selectOne = db.prepare('SELECT * FROM notification_outbox WHERE id = ?');
    this.selectForRequest = db.prepare(
      'SELECT * FROM notification_outbox WHERE request_id = ? ORDER BY created_at, rowid',
    );
    this.selectForAccount = db.prepare(
      'SELECT * FROM notification_outbox WHERE account_id = ? ORDER BY created_at, rowid',
    );
    this.selectForSubject = db.prepare(
      'SELECT * FROM notification_outbox WHERE subject = ? ORDER BY created_at, rowid',
    );
    this.selectUnrelayed = db.prepare(`SELECT * FROM notification_outbox
      WHERE status = 'pending' AND (relayed_at IS NULL OR relayed_at < ?) ORDER BY created_at, rowid LIMIT ?`);
    this.setRelayed = db.prepare(`UPDATE notification_outbox SET relayed_at = ? WHERE id = ? AND status = 'pending'`);
    // A delivery that ended stays ended: a late duplicate attempt cannot turn delivered back into pending.
    this.setAttempt = db.prepare(`UPDATE notification_outbox SET attempts = attempts + 1, status = @status,
        last_error = @error, delivered_at = CASE WHEN @status = 'delivered' THEN @at ELSE delivered_at END
      WHERE id = @id AND status = 'pending'`);
    this.setHeld = db.prepare(`UPDATE notification_outbox SET last_error = ? WHERE id = ? AND status = 'pending'`);
    this.setReopened = db.prepare(
      `UPDATE notification_outbox SET status = 'pending', relayed_at = NULL WHERE id = ? AND status = 'failed'`,
    );
    this.selectByStatus = db.prepare(`SELECT o.*, r.number AS request_number
      FROM notification_outbox o LEFT JOIN foia_requests r ON r.id = o.request_id
      WHERE o.status IN (SELECT value FROM json_each(?)) ORDER BY o.created_at DESC, o.rowid DESC LIMIT ?`);
  }

  /** Call inside the caller's transaction. Deliveries whose dedupe key the owner already used are skipped. */
  add(owner: DeliveryOwner, deliveries: NewDelivery[], at: string): Delivery[] {
    const added: Delivery[] = [];
    for (const delivery of deliveries) {
      const id = newId('delivery');
      const { changes } = this.insert.run(
        id,
        owner.requestId ?? null,
        owner.accountId ?? null,
        owner.subject ?? null,
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

  listForAccount(accountId: string): Delivery[] {
    return this.selectForAccount.all(accountId).map(deliveryFromRow);
  }

  listForSubject(subject: string): Delivery[] {
    return this.selectForSubject.all(subject).map(deliveryFromRow);
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

  hold(id: string, reason: string): Delivery | null {
    return this.setHeld.run(reason, id).changes === 1 ? this.get(id) : null;
  }

  reopenFailed(id: string): Delivery | null {
    return this.setReopened.run(id).changes === 1 ? this.get(id) : null;
  }

  listByStatus(statuses: DeliveryStatus[], limit: number): TownDelivery[] {
    return this.selectByStatus
      .all(JSON.stringify(statuses), limit)
      .map((row) => ({ ...deliveryFromRow(row), requestNumber: row.request_number }));
  }
}
