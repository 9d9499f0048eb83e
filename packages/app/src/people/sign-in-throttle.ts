import { UseCaseError } from '@verbatim/core';

/** Limits of sign-in throttling; the defaults suit a town hall (many people behind one address). */
export interface SignInThrottleOptions {
  /** Failed sign-ins to one email within `windowMs` before it is locked. */
  maxFailuresPerAccount: number;
  /** Failed sign-ins from one client address within `windowMs` before it is locked. */
  maxFailuresPerAddress: number;
  windowMs: number;
  /** How long a lockout lasts. */
  lockoutMs: number;
  /** Sign-ins waiting for the one password hash at a time; more are refused at once, before any hashing. */
  maxWaitingHashes: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottleOptions = {
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
  maxWaitingHashes: 16,
};

interface FailureCount {
  failures: number[];
  lockedUntil: number;
}

/** Keys kept before stale ones are swept, so a flood of made-up emails cannot grow memory without end. */
const SWEEP_ABOVE = 10_000;

function throttled(code: string, message: string, until: number, now: number): UseCaseError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new UseCaseError('throttled', code, message, { retryAfterSeconds, retryAt: new Date(until).toISOString() });
}

/**
 * Sign-in throttling, in this process's memory: a lockout per account and per client address after repeated
 * failures, and one password hash at a time with a short queue, so a flood of guesses is refused before it
 * reaches scrypt and never starves searches of CPU. Every refusal is a UseCaseError `throttled` (429) whose
 * details carry `retryAfterSeconds`.
 */
export class SignInThrottle {
  private readonly counts = new Map<string, FailureCount>();
  private hashing = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: SignInThrottleOptions = DEFAULT_SIGN_IN_THROTTLE) {}

  /** Throws while the account or the address is locked out. */
  refuseIfLocked(email: string, address: string, now = Date.now()): void {
    const account = this.counts.get(accountKey(email));
    if (account && account.lockedUntil > now)
      throw throttled(
        'sign_in_locked',
        `too many failed sign-ins for this account; try again after ${new Date(account.lockedUntil).toISOString()}`,
        account.lockedUntil,
        now,
      );
    const client = this.counts.get(addressKey(address));
    if (client && client.lockedUntil > now)
      throw throttled(
        'sign_in_locked',
        `too many failed sign-ins from your address; try again after ${new Date(client.lockedUntil).toISOString()}`,
        client.lockedUntil,
        now,
      );
  }

  recordFailure(email: string, address: string, now = Date.now()): void {
    if (this.counts.size > SWEEP_ABOVE) this.sweep(now);
    this.count(accountKey(email), this.options.maxFailuresPerAccount, now);
    this.count(addressKey(address), this.options.maxFailuresPerAddress, now);
  }

  /** A right password clears the account's failures (not the address's: others may be guessing from it). */
  recordSuccess(email: string): void {
    this.counts.delete(accountKey(email));
  }

  /** Runs `hash` when no other is running; throws `sign_in_busy` at once when the queue is full. */
  async runHash<T>(hash: () => Promise<T>): Promise<T> {
    if (this.hashing) {
      if (this.waiting.length >= this.options.maxWaitingHashes) {
        const now = Date.now();
        throw throttled('sign_in_busy', 'too many sign-ins at once; try again in a few seconds', now + 2000, now);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.hashing = true;
    try {
      return await hash();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.hashing = false;
    }
  }

  private count(key: string, max: number, now: number): void {
    const entry = this.counts.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = [...entry.failures.filter((at) => at > now - this.options.windowMs), now];
    if (entry.failures.length >= max) {
      entry.lockedUntil = now + this.options.lockoutMs;
      entry.failures = [];
    }
    this.counts.set(key, entry);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counts)
      if (entry.lockedUntil <= now && entry.failures.every((at) => at <= now - this.options.windowMs))
        this.counts.delete(key);
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
