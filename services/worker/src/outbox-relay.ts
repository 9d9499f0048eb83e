import type { Queue } from 'bullmq';
import type { FoiaService, FoiaStore } from '@verbatim/foia';
import { relayOutbox } from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';

export interface OutboxRelayOptions {
  store: FoiaStore;
  service: FoiaService;
  queue: Queue;
  intervalMs: number;
  logger: Logger;
  signal: AbortSignal;
  /** Why this process cannot send on a channel (its sender is not configured); such deliveries are held. */
  holdReason?: (channel: string) => string | undefined;
  /**
   * Evaluates every scheduled account's health and writes notices of the changes to the outbox (see
   * AccountHealthWatch); returns how many changed. Run before each relay, so the notices go out in the same run.
   */
  checkAccountHealth?: () => Promise<number>;
}

/**
 * The outbox relay: every interval, raises due-soon and overdue notifications and notices of account health
 * changes, then hands every delivery the queue has not taken to the notify queue. While Redis is down it logs and
 * tries again next time, so a request logged during the outage is announced once Redis is back. Any number of
 * workers may run it.
 *
 * Its first run after a start looks at every pending delivery, however recently relayed: one held because its
 * channel was not configured goes out as soon as a start has that channel configured.
 */
export function startOutboxRelay(options: OutboxRelayOptions): { runNow(): Promise<void>; stop(): void } {
  let running: Promise<void> | null = null;
  let redisWasDown = false;
  let started = false;
  const runOnce = async () => {
    await checkAccountHealth(options);
    try {
      await options.service.sweepDeadlines();
      const { queued, held } = await relayOutbox(options.store, options.queue, {
        holdReason: options.holdReason,
        ...(started ? {} : { staleAfterMs: 0 }),
      });
      started = true;
      if (queued > 0) options.logger.info({ relayed: queued }, 'outbox: notifications handed to the queue');
      if (held > 0)
        options.logger.warn({ held }, 'outbox: notifications wait, pending, for a channel this start does not have');
      if (redisWasDown) options.logger.info('outbox: the queue answers again');
      redisWasDown = false;
    } catch (error) {
      if (!redisWasDown)
        options.logger.warn({ err: (error as Error).message }, 'outbox: cannot relay notifications yet; retrying');
      redisWasDown = true;
    }
  };
  const runNow = () =>
    (running ??= runOnce().finally(() => {
      running = null;
    }));
  const timer = setInterval(() => void runNow(), options.intervalMs);
  timer.unref();
  options.signal.addEventListener('abort', () => clearInterval(timer));
  void runNow();
  return { runNow, stop: () => clearInterval(timer) };
}

/** A catalog hiccup while checking accounts must not stop the relay: it is logged and the next run checks again. */
async function checkAccountHealth(options: OutboxRelayOptions): Promise<void> {
  if (!options.checkAccountHealth) return;
  try {
    const changed = await options.checkAccountHealth();
    if (changed > 0) options.logger.info({ changed }, 'account health: IT is told of accounts whose health changed');
  } catch (error) {
    options.logger.warn(
      { err: (error as Error).message },
      'account health: cannot check the accounts now; the next relay run tries again',
    );
  }
}
