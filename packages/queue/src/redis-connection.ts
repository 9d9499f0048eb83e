import IORedis, { Redis, RedisOptions } from 'ioredis';

/**
 * Opens a Redis connection for BullMQ. Workers block on Redis and must never give up a command
 * (`maxRetriesPerRequest: null`, required by BullMQ); producers such as the API fail fast instead, so a
 * request gets a clear 503 rather than hanging while Redis is down.
 */
export function openRedis(url: string, purpose: 'producer' | 'worker'): Redis {
  const options: RedisOptions =
    purpose === 'worker'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  return new IORedis(url, options);
}

/** True when a Redis server answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new IORedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Watches a fail-fast producer connection: if it says it is ready yet a PING through it fails while a fresh
 * connection to the same server answers, it is stuck (seen after a Redis restart under load: every command
 * refused with "max retries per request"), so it is reconnected. Returns a function that stops watching.
 */
export function reconnectWhenStuck(
  producer: Redis,
  url: string,
  onStuck: (error: Error) => void,
  intervalMs = 3000,
): () => void {
  let checking = false;
  const check = async () => {
    if (checking || producer.status !== 'ready') return;
    checking = true;
    try {
      await producer.ping();
    } catch (error) {
      if (await redisAnswers(url)) {
        onStuck(error as Error);
        producer.disconnect(true);
      }
    } finally {
      checking = false;
    }
  };
  // A check handles its own failures (redisAnswers() answers false rather than throw), so nothing awaits it.
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
