import { metricsRefusal } from './metrics-access';

const TOKEN = 'a-metrics-token-of-enough-length';

describe('who may scrape /metrics', () => {
  it('lets loopback read, with or without a token configured', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(metricsRefusal(address, undefined, undefined)).toBeNull();
      expect(metricsRefusal(address, undefined, TOKEN)).toBeNull();
    }
  });

  it('refuses other addresses unless they bring METRICS_TOKEN, and says how to scrape', () => {
    expect(metricsRefusal('10.0.0.8', `Bearer ${TOKEN}`, TOKEN)).toBeNull();
    expect(metricsRefusal('10.0.0.8', 'Bearer not-the-token', TOKEN)).toEqual({
      status: 401,
      message: expect.stringContaining('METRICS_TOKEN') as string,
    });
    expect(metricsRefusal('10.0.0.8', undefined, TOKEN)?.status).toBe(401);
    expect(metricsRefusal('10.0.0.8', `Bearer ${TOKEN}`, undefined)).toEqual({
      status: 403,
      message: expect.stringContaining('loopback only') as string,
    });
    expect(metricsRefusal(undefined, undefined, undefined)?.status).toBe(403);
  });
});
