import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { redisAnswers } from '@verbatim/queue';
import {
  canInstallDebianPackages,
  commandExists,
  installDebianPackages,
  type Logger,
  type Shutdown,
} from '@verbatim/runtime';

/** Thrown when no Redis answers and none can be started; the message says what to install. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** Installs Debian's redis-server package when this process may (root with apt-get); false otherwise. */
function tryInstallRedis(logger: Logger): boolean {
  if (!canInstallDebianPackages()) return false;
  logger.info('redis-server is not installed: installing Debian package redis-server');
  return installDebianPackages(['redis-server']) && commandExists('redis-server');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Returns a Redis URL to use: REDIS_URL when a server answers there, otherwise a redis-server started here
 * with its append-only file under DATA_DIR/redis (so queued jobs survive a restart), stopped at shutdown.
 */
export async function ensureRedis(
  options: { url: string; autostart: boolean; dataDir: string },
  logger: Logger,
  shutdown: Shutdown,
): Promise<string> {
  if (await redisAnswers(options.url)) return options.url;
  const hint = `no Redis answers at ${options.url}`;
  if (!options.autostart) throw new RedisUnavailableError(`${hint}: start one or point REDIS_URL at it`);
  if (!commandExists('redis-server') && !tryInstallRedis(logger)) {
    throw new RedisUnavailableError(
      `${hint} and redis-server is not installed: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL`,
    );
  }
  const port = await freePort();
  const dir = path.join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  shutdown.register('local redis-server', () => {
    child.kill('SIGTERM');
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await redisAnswers(url, 500)) {
      logger.info({ url, dir }, 'started a local redis-server');
      return url;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`${hint}, and the local redis-server started on port ${port} did not answer`);
}
