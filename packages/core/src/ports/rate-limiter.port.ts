/**
 * A budget of platform calls shared by every worker process: before each call to a platform, a worker asks
 * for one; when the budget for the window is spent it is told how long to wait.
 */
export interface PlatformRateLimiter {
  /**
   * Takes one call from the platform's shared budget (always granted for a platform without one), or says how
   * long until the window has room again.
   */
  acquire(platform: string): Promise<{ granted: true } | { granted: false; retryAfterMs: number }>;
}

/** At most `calls` calls to the platform in any window of `windowMs`. */
export interface PlatformRateLimit {
  calls: number;
  windowMs: number;
}
