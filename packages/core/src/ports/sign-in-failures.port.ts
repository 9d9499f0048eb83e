/**
 * Counts of failed sign-ins, per account and per client address, kept where every process that signs people in
 * sees them (Redis in a deployment; this process's memory for a lone process or a test). A key names what is
 * counted; it never carries the email in clear.
 */
export interface SignInFailures {
  /** Until when (milliseconds since the epoch) each key is locked out; 0 for one that is not. */
  lockedUntil(keys: readonly string[], now: number): Promise<number[]>;
  /**
   * Counts a failure at `now`; once `limit.maxFailures` fall within `limit.windowMs`, the key is locked for
   * `limit.lockoutMs` and its count starts again.
   */
  recordFailure(key: string, limit: SignInFailureLimit, now: number): Promise<void>;
  /** Forgets a key's failures and lockout (a right password). */
  clear(key: string): Promise<void>;
}

export interface SignInFailureLimit {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
}
