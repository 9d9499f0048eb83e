import type { SignInFailureLimit, SignInFailures } from '@verbatim/core';

interface FailureCount {
  failures: number[];
  lockedUntil: number;
}

/** Keys kept before stale ones are swept, so a flood of made-up emails cannot grow memory without end. */
const SWEEP_ABOVE = 10_000;

/** Failed sign-ins counted in this process's memory: for a lone process, tests, and while Redis is away. */
export class MemorySignInFailures implements SignInFailures {
  private readonly counts = new Map<string, FailureCount & { windowMs: number }>();

  async lockedUntil(keys: readonly string[], now: number): Promise<number[]> {
    return keys.map((key) => {
      const until = this.counts.get(key)?.lockedUntil ?? 0;
      return until > now ? until : 0;
    });
  }

  async recordFailure(key: string, limit: SignInFailureLimit, now: number): Promise<void> {
    if (this.counts.size > SWEEP_ABOVE) this.sweep(now);
    const entry = this.counts.get(key) ?? { failures: [], lockedUntil: 0, windowMs: limit.windowMs };
    entry.failures = [...entry.failures.filter((at) => at > now - limit.windowMs), now];
    if (entry.failures.length >= limit.maxFailures) {
      entry.lockedUntil = now + limit.lockoutMs;
      entry.failures = [];
    }
    this.counts.set(key, entry);
  }

  async clear(key: string): Promise<void> {
    this.counts.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counts)
      if (entry.lockedUntil <= now && entry.failures.every((at) => at <= now - entry.windowMs)) this.counts.delete(key);
  }
}
