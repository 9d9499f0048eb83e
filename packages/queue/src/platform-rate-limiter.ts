import type { Redis } from 'ioredis';
import type { PlatformRateLimit, PlatformRateLimiter } from '@verbatim/core';

/**
 * A sliding-window log in Redis, one sorted set per platform: every granted call is a member scored by its time.
 * Granting is one Lua script, so workers in any number of processes never spend more than the budget between
 * them. Denied calls are told when the oldest call in the window leaves it.
 */
const ACQUIRE = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
  return -1
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now
`;

export function redisPlatformRateLimiter(
  redis: Redis,
  prefix: string,
  limits: Readonly<Record<string, PlatformRateLimit>>,
): PlatformRateLimiter {
  let sequence = 0;
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    async acquire(platform) {
      const limit = limits[platform];
      if (!limit) return { granted: true };
      // Redis's clock, not this machine's: every worker then measures the window on the same clock.
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      sequence += 1;
      const wait = Number(
        await redis.eval(
          ACQUIRE,
          1,
          `${prefix}:platform-rate:${platform}`,
          now,
          limit.windowMs,
          limit.calls,
          `${now}-${tag}-${sequence}`,
        ),
      );
      return wait < 0 ? { granted: true } : { granted: false, retryAfterMs: Math.max(1, wait) };
    },
  };
}
