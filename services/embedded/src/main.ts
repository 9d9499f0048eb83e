import { ConfigError, loadConfig } from '@verbatim/config';
import { Shutdown, createLogger } from '@verbatim/runtime';
import { runDemo } from './demo';
import { RedisUnavailableError, ensureRedis } from './local-redis';
import { runProcess } from './run-process';

/** `npm start`: the embedded deployment (API and worker in one process by default; ROLES picks others). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'verbatim');
  const shutdown = new Shutdown();
  shutdown.installSignalHandlers((message, error) => logger.info({ err: error }, message));
  const redisUrl = await ensureRedis(
    { url: config.redis.url, autostart: config.redis.autostart, dataDir: config.dataDir },
    logger,
    shutdown,
  );
  const running = await runProcess(config, redisUrl, logger, shutdown);
  if (config.demo) {
    const { catalog, people } = running.backends;
    await runDemo({
      catalog,
      people,
      queue: running.queue,
      port: running.port,
      publicUrl: config.town.publicUrl,
      logger,
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) {
    process.stderr.write(`verbatim: ${error.message}\n`);
  } else {
    process.stderr.write(`verbatim: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
