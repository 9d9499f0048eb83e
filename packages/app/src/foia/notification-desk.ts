import { z } from 'zod';
import { notFound, UseCaseError, type AuditLog } from '@verbatim/core';
import type { Actor, Delivery, DeliveryStatus, FoiaStore, TownDelivery } from '@verbatim/foia';

const DELIVERY_STATUSES = ['pending', 'failed', 'delivered'] as const satisfies readonly DeliveryStatus[];
/** What "undelivered" means when no status is asked for: everything still owed to someone. */
const UNDELIVERED: DeliveryStatus[] = ['pending', 'failed'];

/** `?status=pending,failed&limit=100`: a comma-separated list of statuses, undelivered ones when left out. */
export const NotificationListQuerySchema = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((status) => status.trim()) : UNDELIVERED))
    .pipe(
      z.array(
        z.enum(DELIVERY_STATUSES, {
          error: 'use pending, failed or delivered (comma-separated), or leave status out for pending and failed',
        }),
      ),
    ),
  limit: z.coerce
    .number({ error: 'limit must be a number from 1 to 500' })
    .int('limit must be a whole number from 1 to 500')
    .min(1, 'limit must be a number from 1 to 500')
    .max(500, 'limit must be a number from 1 to 500')
    .default(100),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

/** A notification as lists show it: who it was for and how sending it went, without the payload it carries. */
export type NotificationListing = Omit<TownDelivery, 'payload'>;

export interface NotificationDeskOptions {
  catalog: AuditLog;
  foiaStore: FoiaStore;
  /** Hands pending outbox deliveries to the queue now; never throws (the relay loop catches up). */
  relayNotifications: () => Promise<void>;
}

/**
 * The notifications owed across the town (to the attorney's office about requests, to IT about account health):
 * what is still undelivered, and sending a failed one again. The JSON API and the request page both call it, so both leave the same audit entry.
 */
export class NotificationDesk {
  constructor(private readonly options: NotificationDeskOptions) {}

  /** Deliveries in the asked statuses across every request and account, newest first. */
  async list(query: NotificationListQuery): Promise<NotificationListing[]> {
    const deliveries = await this.options.foiaStore.listDeliveriesByStatus(query.status, query.limit);
    return deliveries.map(({ payload: _payload, ...listing }) => listing);
  }

  /**
   * Puts a failed delivery back to pending, audits who did, and hands it to the queue. `scope`, when given, is
   * the request or account the caller saw it on: a delivery of another is not found. Refused (`conflict`) for a
   * delivery that did not fail: a pending one is still being sent, a delivered one arrived.
   */
  async resend(
    deliveryId: string,
    actor: Actor,
    scope: { requestId?: string; accountId?: string } = {},
  ): Promise<Delivery> {
    const { foiaStore } = this.options;
    const existing = await foiaStore.getDelivery(deliveryId);
    const outOfScope =
      (scope.requestId !== undefined && existing?.requestId !== scope.requestId) ||
      (scope.accountId !== undefined && existing?.accountId !== scope.accountId);
    if (!existing || outOfScope) throw notFound(`notification ${deliveryId}`);
    const reopened = await foiaStore.reopenFailedDelivery(deliveryId);
    if (!reopened) throw notResendable((await foiaStore.getDelivery(deliveryId)) ?? existing);
    await this.options.catalog.appendAudit({
      actor: actor.id,
      action: 'notification.resend',
      target: deliveryId,
      details: {
        requestId: reopened.requestId,
        accountId: reopened.accountId,
        event: reopened.event,
        channel: reopened.channel,
        lastError: reopened.lastError,
      },
    });
    await this.options.relayNotifications();
    return (await foiaStore.getDelivery(deliveryId)) ?? reopened;
  }
}

function notResendable(delivery: Delivery): UseCaseError {
  const why =
    delivery.status === 'delivered'
      ? 'it was delivered'
      : `it is still pending and goes out by itself${delivery.lastError ? ` (${delivery.lastError})` : ''}`;
  return new UseCaseError(
    'conflict',
    'not_failed',
    `notification ${delivery.id} cannot be sent again: ${why}; only a failed notification can be sent again`,
    { status: delivery.status },
  );
}
