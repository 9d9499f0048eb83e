import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountHealthWatch, ComplianceWatch, ModerationLedgerWatch } from '@verbatim/app';
import { notificationGaps, notificationWarnings, type AppConfig } from '@verbatim/config';
import { FoiaService } from '@verbatim/foia';
import { createSmtpEmailSender, createWebhookSender, missingSenderReason } from '@verbatim/notify';
import { createNotifyQueue, openRedis, relayOutbox } from '@verbatim/queue';
import type { Backends, Logger, Shutdown } from '@verbatim/runtime';
import { startNotifyWorker, startOutboxRelay } from '@verbatim/worker-service';

/** How long logging a request waits for its notifications to reach the queue before answering anyway. */
const FAST_RELAY_WAIT_MS = 1000;

export interface Notifications {
  foia: FoiaService;
  notifyQueue: Queue;
  notifyWorker?: Worker;
  /** Hands new deliveries to the queue now; logs and returns while Redis is down (the relay loop retries). */
  relayNotifications: () => Promise<void>;
}

/** The FOIA request log and its notification pipeline: outbox → notify queue → SMTP / webhook. */
export function startNotifications(
  config: Readonly<AppConfig>,
  backends: Backends,
  producer: Redis,
  redisUrl: string,
  logger: Logger,
  shutdown: Shutdown,
): Notifications {
  const { notify } = config;
  warnAboutGaps(config, logger);
  const foia = new FoiaService({
    store: backends.foiaStore,
    town: config.town,
    recipients: {
      attorneyEmails: notify.attorneyEmails,
      itEmails: notify.itEmails,
      webhookConfigured: notify.webhook !== undefined,
    },
  });
  const notifyQueue = createNotifyQueue(producer, config.queue.prefix);
  notifyQueue.on('error', (error) => logger.warn({ err: error.message }, 'notify queue: Redis connection problem'));
  shutdown.register('notify queue', () => notifyQueue.close());
  // The fast path after a request is logged: bounded, because while Redis reconnects the queue can wait for it
  // rather than fail, and the person logging the request must not wait with it. The relay loop catches up.
  const relayNotifications = async () => {
    const relayed = relayOutbox(backends.foiaStore, notifyQueue).then(
      () => undefined,
      (error: unknown) =>
        logger.warn({ err: (error as Error).message }, 'notifications stay in the outbox until the queue answers'),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      relayed,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FAST_RELAY_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  };
  const notifications: Notifications = { foia, notifyQueue, relayNotifications };
  if (config.roles.includes('notify')) {
    const connection = openRedis(redisUrl, 'worker');
    shutdown.register('redis notify connection', () => void connection.disconnect());
    const email = notify.smtpUrl ? createSmtpEmailSender({ smtpUrl: notify.smtpUrl, from: notify.from }) : undefined;
    if (email) shutdown.register('smtp sender', () => email.close());
    const webhook = notify.webhook ? createWebhookSender(notify.webhook) : undefined;
    notifications.notifyWorker = startNotifyWorker({
      connection,
      prefix: config.queue.prefix,
      logger,
      retryDelayMs: notify.retryDelayMs,
      retryMaxMs: notify.retryMaxMs,
      deps: { store: backends.foiaStore, email, webhook, timeZone: config.town.timeZone, signal: shutdown.signal },
    });
    shutdown.register('notify worker', () => notifications.notifyWorker!.close());
    // The relay's own queue handle on the worker connection: its commands wait for Redis to come back rather than
    // failing fast as the API's must, so a delivery is handed over as soon as Redis answers again.
    const relayQueue = createNotifyQueue(connection, config.queue.prefix);
    relayQueue.on('error', (error) =>
      logger.warn({ err: error.message }, 'notify relay queue: Redis connection problem'),
    );
    const healthWatch = new AccountHealthWatch({
      catalog: backends.catalog,
      people: backends.people,
      store: backends.foiaStore,
      itEmails: notify.itEmails,
      webhookConfigured: notify.webhook !== undefined,
      publicUrl: config.town.publicUrl,
    });
    const complianceWatch = new ComplianceWatch({
      catalog: backends.catalog,
      people: backends.people,
      complianceStore: backends.complianceStore,
      settings: backends.foiaStore,
      itEmails: notify.itEmails,
      webhookConfigured: notify.webhook !== undefined,
      timeZone: config.town.timeZone,
      publicUrl: config.town.publicUrl,
    });
    const ledgerWatch = new ModerationLedgerWatch({
      ledger: backends.moderationLedger,
      reviews: backends.moderation,
      catalog: backends.catalog,
      foia,
    });
    const relay = startOutboxRelay({
      store: backends.foiaStore,
      // Health first, then the compliance that reads it: one run tells IT of both kinds of change. The moderation
      // ledger is built on the same beat: hides and disappearances since the last run, each once.
      checkAccountHealth: async () =>
        (await healthWatch.check()).length +
        (await complianceWatch.check()).length +
        (await ledgerWatch.check()).length,
      service: foia,
      queue: relayQueue,
      intervalMs: notify.relayIntervalMs,
      logger,
      signal: shutdown.signal,
      holdReason: (channel) => missingSenderReason(channel, { email, webhook }),
    });
    shutdown.register('notify relay queue', () => relayQueue.close());
    shutdown.register('outbox relay', () => relay.stop());
  }
  return notifications;
}

/** One warning naming every setting notifications lack, one for those left to a fallback; /healthz says both. */
function warnAboutGaps(config: Readonly<AppConfig>, logger: Logger): void {
  const gaps = notificationGaps(config.notify);
  if (gaps.length > 0)
    logger.warn(
      { missing: gaps.map((gap) => gap.missing) },
      `notifications are not ready: ${gaps.map((gap) => gap.problem).join('; ')}`,
    );
  const fallbacks = notificationWarnings(config.notify);
  if (fallbacks.length > 0)
    logger.warn(
      { fallback: fallbacks.map((warning) => warning.missing) },
      `notification settings: ${fallbacks.map((warning) => warning.problem).join('; ')}`,
    );
}
