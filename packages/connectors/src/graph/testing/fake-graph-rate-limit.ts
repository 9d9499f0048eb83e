/**
 * A Business Use Case rate limit as Meta publishes it: `calls` per rolling `windowMs`. For Pages (Page or
 * system-user tokens) the budget is 4,800 calls per engaged user of the Page per 24 hours
 * (developers.facebook.com/docs/graph-api/overview/rate-limiting, "Pages").
 */
export interface GraphRateLimit {
  calls: number;
  windowMs: number;
}

/** Meta's Pages BUC formula: calls within 24 hours = 4,800 × the Page's engaged users. */
export const CALLS_PER_ENGAGED_USER = 4800;

export function pagesRateLimit(engagedUsers: number): GraphRateLimit {
  return { calls: CALLS_PER_ENGAGED_USER * engagedUsers, windowMs: 24 * 3_600_000 };
}

/**
 * Counts calls over a rolling window, as Graph's BUC limits do: usage is the share of the budget spent in the
 * last `windowMs`, and a call beyond the budget is refused until the oldest calls age out. Keeps one timestamp
 * per call in the window (at most `calls` of them).
 */
export class FakeRollingBudget {
  private readonly times: number[] = [];
  private head = 0;

  constructor(
    readonly limit: GraphRateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts a call when the budget allows it. Returns the usage after it (percent, rounded up as Meta's headers
   * never say 0 of a spent budget) and, when refused, the minutes until a call is allowed again.
   */
  spend(): { allowed: boolean; percent: number; regainMinutes: number } {
    const now = this.now();
    this.forgetBefore(now - this.limit.windowMs);
    const allowed = this.used < this.limit.calls;
    if (allowed) this.times.push(now);
    const percent = Math.ceil((100 * this.used) / this.limit.calls);
    if (allowed) return { allowed, percent, regainMinutes: 0 };
    const regainMs = this.times[this.head] + this.limit.windowMs - now;
    return { allowed, percent, regainMinutes: Math.max(1, Math.ceil(regainMs / 60_000)) };
  }

  private get used(): number {
    return this.times.length - this.head;
  }

  private forgetBefore(cutoff: number): void {
    while (this.head < this.times.length && this.times[this.head] <= cutoff) this.head += 1;
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}
