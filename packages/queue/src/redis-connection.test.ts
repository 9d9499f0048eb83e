import { openRedis, reconnectWhenStuck } from './redis-connection';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('reconnectWhenStuck', () => {
  it('reconnects a producer whose commands fail while Redis itself answers, and leaves a healthy one alone', async () => {
    const producer = openRedis(REDIS_URL, 'producer');
    producer.on('error', () => undefined);
    if (producer.status !== 'ready') await new Promise((resolve) => producer.once('ready', resolve));
    const stuck: string[] = [];
    let reconnects = 0;
    producer.on('ready', () => {
      reconnects += 1;
    });
    // The state seen in the wild: "ready", yet every command refused.
    const realPing = producer.ping.bind(producer);
    producer.ping = (() =>
      Promise.reject(new Error('Reached the max retries per request limit (which is 1).'))) as typeof producer.ping;
    const stop = reconnectWhenStuck(producer, REDIS_URL, (error) => stuck.push(error.message), 50);
    try {
      for (let waited = 0; stuck.length === 0 && waited < 3000; waited += 25)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(stuck[0]).toContain('max retries per request');
      producer.ping = realPing;
      const count = stuck.length;
      for (let waited = 0; producer.status !== 'ready' && waited < 3000; waited += 25)
        await new Promise((resolve) => setTimeout(resolve, 25));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await producer.ping()).toBe('PONG');
      expect(reconnects).toBeGreaterThan(0);
      expect(stuck).toHaveLength(count);
    } finally {
      stop();
      producer.disconnect();
    }
  });
});
