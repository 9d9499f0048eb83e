import { Job, UnrecoverableError } from 'bullmq';
import type { FoiaStore } from '@verbatim/foia';
import { DeliveryError, deliverNotification, type EmailSender, type WebhookSender } from '@verbatim/notify';
import { DeliverNotificationJob } from '@verbatim/queue';

export interface NotifyDependencies {
  store: FoiaStore;
  email?: EmailSender;
  webhook?: WebhookSender;
  timeZone: string;
  signal: AbortSignal;
}

/**
 * Sends one outbox delivery and records the attempt on it, so the request shows its notification status.
 * Delivered or permanently failed deliveries are left alone: a repeated job sends nothing twice. A
 * retryable failure is thrown for the queue's backoff; a permanent one ends the job. A delivery whose channel
 * this process has no sender for stays pending with the reason, no attempt counted: the outbox relay of a start
 * that has the sender hands it over again.
 */
export async function handleDeliverNotification(deps: NotifyDependencies, job: Job): Promise<{ status: string }> {
  const { deliveryId } = DeliverNotificationJob.payloadSchema.parse(job.data);
  const delivery = await deps.store.getDelivery(deliveryId);
  if (!delivery) throw new UnrecoverableError(`delivery ${deliveryId} does not exist`);
  if (delivery.status !== 'pending') return { status: delivery.status };
  try {
    await deliverNotification(
      { ...delivery, occurredAt: delivery.createdAt },
      {
        email: deps.email,
        webhook: deps.webhook,
        timeZone: deps.timeZone,
        signal: deps.signal,
      },
    );
  } catch (error) {
    const failure =
      error instanceof DeliveryError
        ? error
        : new DeliveryError(String(error), { kind: 'invalid', retryable: false, cause: error });
    if (failure.kind === 'unconfigured') {
      await deps.store.holdDelivery(deliveryId, failure.message);
      return { status: 'held' };
    }
    const at = new Date().toISOString();
    if (failure.retryable) {
      await deps.store.recordAttempt(deliveryId, 'pending', at, failure.message);
      throw failure;
    }
    await deps.store.recordAttempt(deliveryId, 'failed', at, failure.message);
    throw new UnrecoverableError(failure.message);
  }
  await deps.store.recordAttempt(deliveryId, 'delivered', new Date().toISOString());
  return { status: 'delivered' };
}
