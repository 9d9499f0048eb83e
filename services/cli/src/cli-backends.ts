import { CorruptObjectNotices, GrantNotices, noticeSettingsOf } from '@verbatim/app';
import { loadConfig, type AppConfig } from '@verbatim/config';
import { openBackends, type Backends } from '@verbatim/runtime';
import pino from 'pino';

/** The actor audit entries name for what is done from the command line. */
export const COMMAND_LINE_ACTOR = 'command line';

/**
 * Opens the deployment's backends as `npm start` would (same environment: DATA_DIR, the catalog and storage
 * settings), runs `use`, and closes them. Logs go to stderr: stdout carries reports.
 */
export async function withBackends<T>(
  use: (backends: Backends, config: Readonly<AppConfig>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const backends = await openBackends(config, {
    logger: pino({ level: config.logLevel, name: 'verbatim' }, pino.destination(2)),
  });
  try {
    return await use(backends, config);
  } finally {
    await backends.close();
  }
}

/**
 * The notices the command line writes to the outbox like the service would (grants of attorney or auditor,
 * objects found corrupt). It reaches no queue: the running service's relay sends them within its interval.
 */
export function noticeServicesOf(backends: Backends, config: Readonly<AppConfig>) {
  const settings = noticeSettingsOf(
    backends.foiaStore,
    {
      attorneyEmails: config.notify.attorneyEmails,
      itEmails: config.notify.itEmails,
      webhookConfigured: config.notify.webhook !== undefined,
    },
    config.town.publicUrl,
  );
  return {
    grants: new GrantNotices({ settings, people: backends.people, tokens: backends.catalog }),
    corruptObjects: new CorruptObjectNotices({
      store: backends.foiaStore,
      settings,
      people: backends.people,
      catalog: backends.catalog,
    }),
  };
}
