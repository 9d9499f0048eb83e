import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { redisPlatformRateLimiter } from './platform-rate-limiter';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the platform call budget shared through Redis', () => {
  const connections = [new IORedis(REDIS_URL), new IORedis(REDIS_URL)];
  const prefix = `vt-rate-${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    const keys = await connections[0].keys(`${prefix}:*`);
    if (keys.length > 0) await connections[0].del(...keys);
    for (const connection of connections) connection.disconnect();
  });

  it('grants no more than the budget to two workers on separate connections, then again once the window moves on', async () => {
    const limits = { facebook: { calls: 5, windowMs: 1500 } };
    const [first, second] = connections.map((connection) => redisPlatformRateLimiter(connection, prefix, limits));
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? first : second).acquire('facebook')),
    );
    const granted = answers.filter((answer) => answer.granted);
    const denied = answers.filter((answer): answer is { granted: false; retryAfterMs: number } => !answer.granted);
    expect(granted).toHaveLength(5);
    expect(denied).toHaveLength(7);
    for (const answer of denied) {
      expect(answer.retryAfterMs).toBeGreaterThan(0);
      expect(answer.retryAfterMs).toBeLessThanOrEqual(1500);
    }
    const wait = Math.max(...denied.map((answer) => answer.retryAfterMs));
    await new Promise((resolve) => setTimeout(resolve, wait + 50));
    expect(await first.acquire('facebook')).toEqual({ granted: true });
  });

  it('keeps platforms apart and leaves platforms without a budget unlimited', async () => {
    const limiter = redisPlatformRateLimiter(connections[0], prefix, { x: { calls: 1, windowMs: 60_000 } });
    expect(await limiter.acquire('x')).toEqual({ granted: true });
    expect((await limiter.acquire('x')).granted).toBe(false);
    for (let call = 0; call < 20; call += 1) expect(await limiter.acquire('instagram')).toEqual({ granted: true });
  });
});
