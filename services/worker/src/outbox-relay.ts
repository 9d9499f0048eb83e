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
}

/**
 * The outbox relay: every interval, raises due-soon and overdue notifications, then hands every delivery the
 * queue has not taken to the notify queue. While Redis is down it logs and tries again next time, so a
 * request logged during the outage is announced once Redis is back. Any number of workers may run it.
 */
export function startOutboxRelay(options: OutboxRelayOptions): { runNow(): Promise<void>; stop(): void } {
  let running: Promise<void> | null = null;
  let redisWasDown = false;
  const runOnce = async () => {
    try {
      await options.service.sweepDeadlines();
      const relayed = await relayOutbox(options.store, options.queue);
      if (relayed > 0) options.logger.info({ relayed }, 'outbox: notifications handed to the queue');
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
