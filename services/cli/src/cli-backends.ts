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
