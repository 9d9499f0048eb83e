/** A rate limit as Mastodon publishes it: `requests` API calls per `windowMs` (300 per 5 minutes). */
export interface FakeRateLimit {
  requests: number;
  windowMs: number;
}

export const MASTODON_RATE_LIMIT: FakeRateLimit = { requests: 300, windowMs: 5 * 60_000 };

/**
 * Counts API calls in fixed windows, as Mastodon's throttle does. A window opens at the first call after the
 * previous one closed (Mastodon aligns windows to the clock; opening them at the first call makes a benchmark's
 * waits the same from run to run). Over the limit a call is refused until the window closes.
 */
export class FakeRateWindow {
  private opened = 0;
  private used = 0;

  constructor(
    readonly limit: FakeRateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a call; returns whether it is allowed and the `X-RateLimit-*` headers to answer it with. */
  spend(): { allowed: boolean; headers: Record<string, string> } {
    const now = this.now();
    if (now >= this.opened + this.limit.windowMs) {
      this.opened = now;
      this.used = 0;
    }
    const allowed = this.used < this.limit.requests;
    if (allowed) this.used += 1;
    return { allowed, headers: this.headers(this.limit.requests - this.used) };
  }

  private headers(remaining: number): Record<string, string> {
    return limitHeaders(this.limit.requests, remaining, this.opened + this.limit.windowMs);
  }
}

/** Mastodon's `X-RateLimit-*` headers; the reset is an ISO timestamp, as Mastodon sends it. */
export function limitHeaders(limit: number, remaining: number, resetAt: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': new Date(resetAt).toISOString(),
  };
}
