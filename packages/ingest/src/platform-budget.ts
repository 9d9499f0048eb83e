import { RateLimitedError, type Connector, type PlatformRateLimiter } from '@verbatim/core';

/**
 * The connector, spending the platform's shared call budget before every listing, pass start and lookup.
 * When the budget for the window is spent it throws RateLimitedError, exactly as if the platform had said
 * so: the sync job waits and resumes from its cursor. (Media downloads come from CDNs and are not counted.)
 */
export function withPlatformBudget(
  connector: Connector,
  limiter: PlatformRateLimiter | undefined,
  platform: string,
): Connector {
  if (!limiter) return connector;
  const spend = async () => {
    const answer = await limiter.acquire(platform);
    if (!answer.granted) {
      throw new RateLimitedError(
        answer.retryAfterMs,
        `the ${platform} call budget (PLATFORM_RATE_LIMITS) is spent; retry in ${Math.ceil(answer.retryAfterMs / 1000)} s`,
      );
    }
  };
  return {
    beginPass: async (...args) => {
      await spend();
      return connector.beginPass(...args);
    },
    fetchPage: async (...args) => {
      await spend();
      return connector.fetchPage(...args);
    },
    confirmGone: async (...args) => {
      await spend();
      return connector.confirmGone(...args);
    },
    fetchMedia: (...args) => connector.fetchMedia(...args),
  };
}
