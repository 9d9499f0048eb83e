import type { Redis } from 'ioredis';
import type { SignInFailureLimit, SignInFailures } from '@verbatim/core';

/**
 * One failure counted: a sliding-window log per key (a sorted set of failure times) and, once the window holds
 * the limit, a lockout key that expires of itself. One script, so failures arriving at several processes at
 * once are all counted and lock exactly once.
 */
const RECORD_FAILURE = `
local failures, lock = KEYS[1], KEYS[2]
local now, window, limit, lockout, member = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
redis.call('ZREMRANGEBYSCORE', failures, '-inf', now - window)
redis.call('ZADD', failures, now, member)
redis.call('PEXPIRE', failures, window)
if redis.call('ZCARD', failures) >= limit then
  redis.call('DEL', failures)
  redis.call('SET', lock, now + lockout, 'PX', lockout)
end
return 0
`;

/**
 * Failed sign-ins counted in Redis, so every API and web process of a town shares one count and one lockout.
 * While Redis cannot be reached, `fallback` (this process's memory) counts instead, so sign-in keeps working
 * and keeps being throttled; `onRedisError` hears why once per outage.
 */
export function redisSignInFailures(
  redis: Redis,
  prefix: string,
  fallback: SignInFailures,
  onRedisError: (error: Error) => void = () => {},
): SignInFailures {
  let sequence = 0;
  let outage = false;
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const failuresKey = (key: string) => `${prefix}:sign-in:failures:${key}`;
  const lockKey = (key: string) => `${prefix}:sign-in:lock:${key}`;
  async function either<T>(viaRedis: () => Promise<T>, viaFallback: () => Promise<T>): Promise<T> {
    if (redis.status !== 'ready') return viaFallback();
    try {
      const answer = await viaRedis();
      outage = false;
      return answer;
    } catch (error) {
      if (!outage) onRedisError(error as Error);
      outage = true;
      return viaFallback();
    }
  }
  return {
    lockedUntil: (keys, now) =>
      either(
        async () => {
          const untils = await redis.mget(...keys.map(lockKey));
          const ownUntils = await fallback.lockedUntil(keys, now);
          // A lockout counted in memory during an outage still holds once Redis is back.
          return untils.map((until, index) =>
            Math.max(until && Number(until) > now ? Number(until) : 0, ownUntils[index]),
          );
        },
        () => fallback.lockedUntil(keys, now),
      ),
    recordFailure: (key, limit: SignInFailureLimit, now) =>
      either(
        async () => {
          sequence += 1;
          await redis.eval(
            RECORD_FAILURE,
            2,
            failuresKey(key),
            lockKey(key),
            now,
            limit.windowMs,
            limit.maxFailures,
            limit.lockoutMs,
            `${now}-${tag}-${sequence}`,
          );
        },
        () => fallback.recordFailure(key, limit, now),
      ),
    clear: async (key) => {
      await fallback.clear(key);
      await either(
        async () => void (await redis.del(failuresKey(key), lockKey(key))),
        async () => undefined,
      );
    },
  };
}
