import { RateLimitedError } from '@verbatim/core';
import { createConnector, parseConnectorConfig } from '../../connector-registry';
import { SLOW_DOWN_WAIT_MS } from '../graph-client';
import { FakeFacebook } from '../../facebook/testing/fake-facebook.server';
import { FakeRollingBudget, pagesRateLimit } from './fake-graph-rate-limit';

describe("the fake Graph's rolling BUC budget", () => {
  it('is 4,800 calls per engaged user per 24 hours, as Meta publishes it for Pages', () => {
    expect(pagesRateLimit(3)).toEqual({ calls: 14_400, windowMs: 86_400_000 });
  });

  it('reports the share spent, refuses beyond the budget until the oldest calls age out, then allows again', () => {
    let now = 0;
    const budget = new FakeRollingBudget({ calls: 4, windowMs: 10 * 60_000 }, () => now);
    expect([budget.spend(), budget.spend()].map((spent) => spent.percent)).toEqual([25, 50]);
    now = 3 * 60_000;
    budget.spend();
    expect(budget.spend()).toEqual({ allowed: true, percent: 100, regainMinutes: 0 });
    expect(budget.spend()).toEqual({ allowed: false, percent: 100, regainMinutes: 7 });
    now = 10 * 60_000;
    expect(budget.spend()).toEqual({ allowed: true, percent: 75, regainMinutes: 0 });
    expect(budget.spend().allowed).toBe(true);
    expect(budget.spend()).toEqual({ allowed: false, percent: 100, regainMinutes: 3 });
  });

  it('answers 80001 with the minutes to regain access, and the connector pauses at 90% before reaching it', async () => {
    const fake = await FakeFacebook.start({ seed: 5, posts: 120, rateLimit: { calls: 10, windowMs: 3_600_000 } });
    try {
      const connector = createConnector(
        parseConnectorConfig({
          type: 'facebook',
          pageId: fake.pageId,
          accessToken: fake.accessToken,
          graphUrl: fake.baseUrl,
        }),
        { requestConcurrency: 1 },
      );
      const { passToken, firstCursor } = await connector.beginPass(null);
      let stopped: unknown = null;
      for (let cursor: string | null = firstCursor; cursor !== null && stopped === null;) {
        cursor = await connector.fetchPage(passToken, cursor).then(
          (page) => page.nextCursor,
          (error: unknown) => ((stopped = error), null),
        );
      }
      expect(stopped).toBeInstanceOf(RateLimitedError);
      expect((stopped as RateLimitedError).retryAfterMs).toBeGreaterThan(SLOW_DOWN_WAIT_MS - 1000);
      const apiCalls = fake.requests.filter((request) => !request.startsWith('GET /media/'));
      expect(apiCalls).toHaveLength(9);
      const refused = await fetch(`${fake.baseUrl}/v21.0/${fake.pageId}?access_token=${fake.accessToken}`);
      await fetch(`${fake.baseUrl}/v21.0/${fake.pageId}?access_token=${fake.accessToken}`);
      const beyond = await fetch(`${fake.baseUrl}/v21.0/${fake.pageId}?access_token=${fake.accessToken}`);
      expect(refused.status).toBe(200);
      expect(beyond.status).toBe(400);
      expect(((await beyond.json()) as { error: { code: number } }).error.code).toBe(80001);
      const usage = JSON.parse(beyond.headers.get('x-business-use-case-usage')!) as Record<string, unknown[]>;
      expect(usage[fake.pageId][0]).toMatchObject({ call_count: 100, estimated_time_to_regain_access: 60 });
    } finally {
      await fake.close();
    }
  });
});
