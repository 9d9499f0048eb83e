import { createHash } from 'node:crypto';
import { UseCaseError, type SignInFailures } from '@verbatim/core';
import { MemorySignInFailures } from './memory-sign-in-failures';

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

function throttled(code: string, message: string, until: number, now: number): UseCaseError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new UseCaseError('throttled', code, message, { retryAfterSeconds, retryAt: new Date(until).toISOString() });
}

/**
 * Sign-in throttling: a lockout per account and per client address after repeated failures, counted where every
 * process that signs people in sees them (`SignInFailures`: Redis in a deployment, so a guesser gains nothing by
 * reaching another process), and one password hash at a time in this process with a short queue, so a flood of
 * guesses is refused before it reaches scrypt and never starves searches of CPU. Every refusal is a
 * UseCaseError `throttled` (429) whose details carry `retryAfterSeconds`.
 */
export class SignInThrottle {
  private hashing = false;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly options: SignInThrottleOptions = DEFAULT_SIGN_IN_THROTTLE,
    private readonly failures: SignInFailures = new MemorySignInFailures(),
  ) {}

  /** Throws while the account or the address is locked out. */
  async refuseIfLocked(email: string, address: string, now = Date.now()): Promise<void> {
    const [account, client] = await this.failures.lockedUntil([accountKey(email), addressKey(address)], now);
    if (account > now)
      throw throttled(
        'sign_in_locked',
        `too many failed sign-ins for this account; try again after ${new Date(account).toISOString()}`,
        account,
        now,
      );
    if (client > now)
      throw throttled(
        'sign_in_locked',
        `too many failed sign-ins from your address; try again after ${new Date(client).toISOString()}`,
        client,
        now,
      );
  }

  async recordFailure(email: string, address: string, now = Date.now()): Promise<void> {
    const { windowMs, lockoutMs } = this.options;
    await this.failures.recordFailure(
      accountKey(email),
      { maxFailures: this.options.maxFailuresPerAccount, windowMs, lockoutMs },
      now,
    );
    await this.failures.recordFailure(
      addressKey(address),
      { maxFailures: this.options.maxFailuresPerAddress, windowMs, lockoutMs },
      now,
    );
  }

  /** A right password clears the account's failures (not the address's: others may be guessing from it). */
  async recordSuccess(email: string): Promise<void> {
    await this.failures.clear(accountKey(email));
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
}

/** Keys name a hash, never the email or address typed (an email field sometimes receives a password). */
const keyOf = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex')}`;
const accountKey = (email: string) => keyOf('account', email.trim().toLowerCase());
const addressKey = (address: string) => keyOf('address', address);
