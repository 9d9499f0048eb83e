import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import type { SignInFailureLimit, SignInFailures } from '@verbatim/core';
import { redisSignInFailures } from './redis-sign-in-failures';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT: SignInFailureLimit = { maxFailures: 3, windowMs: 60_000, lockoutMs: 120_000 };

/** The fallback the Redis store must use while Redis is away: it records what reaches it. */
function recordingFallback(): SignInFailures & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    lockedUntil: async (keys) => {
      calls.push(`lockedUntil ${keys.join(',')}`);
      return keys.map(() => 0);
    },
    recordFailure: async (key) => void calls.push(`recordFailure ${key}`),
    clear: async (key) => void calls.push(`clear ${key}`),
  };
}

describe('failed sign-ins counted in Redis, shared by every process', () => {
  const connections = [new IORedis(REDIS_URL), new IORedis(REDIS_URL)];
  const prefix = `vt-sign-in-${randomBytes(4).toString('hex')}`;
  beforeAll(() => Promise.all(connections.map((connection) => connection.ping())));
  afterAll(async () => {
    const keys = await connections[0].keys(`${prefix}:*`);
    if (keys.length > 0) await connections[0].del(...keys);
    for (const connection of connections) connection.disconnect();
  });

  it('locks a key once failures counted by two processes reach the limit, for the lockout, and clears it', async () => {
    const [first, second] = connections.map((connection) =>
      redisSignInFailures(connection, prefix, recordingFallback()),
    );
    const t0 = Date.now();
    await first.recordFailure('account:a', LIMIT, t0);
    await second.recordFailure('account:a', LIMIT, t0 + 1);
    expect(await first.lockedUntil(['account:a'], t0 + 2)).toEqual([0]);
    await first.recordFailure('account:a', LIMIT, t0 + 2);
    expect(await second.lockedUntil(['account:a', 'account:b'], t0 + 3)).toEqual([t0 + 2 + 120_000, 0]);
    expect(await second.lockedUntil(['account:a'], t0 + 2 + 120_001)).toEqual([0]);
    await second.clear('account:a');
    expect(await first.lockedUntil(['account:a'], t0 + 4)).toEqual([0]);
  });

  it('forgets failures older than the window', async () => {
    const store = redisSignInFailures(connections[0], prefix, recordingFallback());
    const t0 = Date.now();
    await store.recordFailure('address:x', LIMIT, t0 - 70_000);
    await store.recordFailure('address:x', LIMIT, t0 - 1);
    await store.recordFailure('address:x', LIMIT, t0);
    expect(await store.lockedUntil(['address:x'], t0 + 1)).toEqual([0]);
  });

  it('counts in the fallback while its Redis connection is not up, so sign-in keeps working', async () => {
    const closed = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    const fallback = recordingFallback();
    const store = redisSignInFailures(closed, prefix, fallback);
    await store.recordFailure('account:c', LIMIT, 1);
    expect(await store.lockedUntil(['account:c'], 2)).toEqual([0]);
    expect(fallback.calls).toEqual(['recordFailure account:c', 'lockedUntil account:c']);
    closed.disconnect();
  });
});
