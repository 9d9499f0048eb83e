import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Sends one outbox delivery (an email or a webhook call) and records the attempt on it. */
export const DeliverNotificationJob = {
  name: 'deliver-notification',
  payloadSchema: z.object({ deliveryId: z.string().min(1) }),
  /** One job per delivery: relaying a delivery twice (API fast path, then the relay loop) queues it once. */
  jobId(deliveryId: string): string {
    return `notify-${deliveryId}`;
  },
} as const;

export const NOTIFY_QUEUE_NAME = 'notify';
export const NOTIFY_QUEUE_JOB_NAMES = [DeliverNotificationJob.name] as const;

/**
 * "Retried until delivered": a thousand attempts, spaced by the notify worker's backoff (doubling up to a cap,
 * ten minutes by default), keep trying for about a week; past that the relay hands the delivery over again.
 */
export const NOTIFY_JOB_OPTIONS: JobsOptions = {
  attempts: 1000,
  backoff: { type: 'notify' },
  removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createNotifyQueue(connection: Redis, prefix: string): Queue {
  return new Queue(NOTIFY_QUEUE_NAME, { connection, prefix, defaultJobOptions: NOTIFY_JOB_OPTIONS });
}

/**
 * Queues a pending delivery unless its job is waiting or running. A job that ended while its delivery is still
 * pending (it gave up, or it found no sender for the channel and held the delivery) is run again from its first
 * attempt; when another process got there first, that run is left to it.
 */
export async function enqueueNotification(queue: Queue, deliveryId: string): Promise<void> {
  const jobId = DeliverNotificationJob.jobId(deliveryId);
  const existing = await queue.getJob(jobId);
  if (!existing) {
    await queue.add(DeliverNotificationJob.name, { deliveryId }, { jobId });
    return;
  }
  const state = await existing.getState();
  if (state !== 'completed' && state !== 'failed') return;
  try {
    await existing.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    if ((await existing.getState()) === state) throw error;
  }
}

/**
 * The notify queue's backoff: `delayMs`, doubling each attempt up to `maxMs`, and never sooner than a
 * receiver asked for (an HTTP Retry-After carried on the error as `retryAfterMs`).
 */
export function notifyBackoff(delayMs: number, maxMs: number) {
  return (attemptsMade: number, _type?: string, error?: Error): number => {
    const exponential = Math.min(maxMs, delayMs * 2 ** Math.max(0, attemptsMade - 1));
    const askedFor = (error as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 0;
    return Math.max(exponential, Math.min(askedFor, maxMs));
  };
}

/** A delivery handed to the queue but still pending after this long is handed over again (its job was lost). */
export const STALE_RELAY_MS = 60 * 60_000;

/** What the relay needs of the outbox; the FOIA store provides it. */
export interface RelayableOutbox {
  listUnrelayed(relayedBefore: string, limit: number): Promise<Array<{ id: string; channel: string }>>;
  markRelayed(ids: string[], at: string): Promise<void>;
  holdDelivery(id: string, reason: string): Promise<unknown>;
}

export interface RelayOptions {
  /** Hand over again deliveries relayed longer ago than this and still pending; default STALE_RELAY_MS. 0: all. */
  staleAfterMs?: number;
  now?: Date;
  limit?: number;
  /**
   * Why a delivery on this channel cannot be sent by this process (no sender configured), or undefined when it
   * can. Such a delivery is held in the outbox with that reason instead of being queued. Absent: queue them all.
   */
  holdReason?: (channel: string) => string | undefined;
}

/**
 * Hands pending deliveries to the queue: those never relayed, and those relayed longer than `staleAfterMs` ago
 * yet still pending (their job expired, gave up, or held them). Ones whose channel `holdReason` names are held
 * with that reason instead. Throws while Redis is down; the deliveries stay in the outbox and the next run picks
 * them up.
 */
export async function relayOutbox(
  outbox: RelayableOutbox,
  queue: Queue,
  options: RelayOptions = {},
): Promise<{ queued: number; held: number }> {
  const now = options.now ?? new Date();
  const relayedBefore = new Date(now.getTime() - (options.staleAfterMs ?? STALE_RELAY_MS)).toISOString();
  const deliveries = await outbox.listUnrelayed(relayedBefore, options.limit ?? 500);
  let held = 0;
  for (const delivery of deliveries) {
    const reason = options.holdReason?.(delivery.channel);
    if (reason === undefined) await enqueueNotification(queue, delivery.id);
    else {
      await outbox.holdDelivery(delivery.id, reason);
      held += 1;
    }
  }
  if (deliveries.length > 0)
    await outbox.markRelayed(
      deliveries.map((delivery) => delivery.id),
      now.toISOString(),
    );
  return { queued: deliveries.length - held, held };
}
