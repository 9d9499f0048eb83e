import type { AccountHealthState } from '@verbatim/core';
import type { Delivery, NewDelivery } from './foia-store.port';

/** The health last announced for an account: what the next evaluation compares with. */
export interface AnnouncedHealth {
  accountId: string;
  state: AccountHealthState;
  /** The problem in plain words when it was recorded; null when healthy. */
  problem: string | null;
  /** When this health was first recorded (the change, not the last check). */
  changedAt: string;
}

/** The outcome of a health change: what it was, what it is now, and the deliveries written to announce it. */
export interface HealthChange {
  previous: AnnouncedHealth | null;
  current: AnnouncedHealth;
  deliveries: Delivery[];
}

/**
 * The health IT was last told about per account, kept beside the notification outbox so that recording a change
 * and the notices announcing it commit together: IT hears of each change once, however often it is checked.
 */
export interface AccountHealthStore {
  /** Null when no health was ever recorded for the account. */
  getAnnouncedHealth(accountId: string): Promise<AnnouncedHealth | null>;
  /**
   * In one transaction: compares `state` with the health last recorded for the account and, only when it differs
   * (or none was), records it with `problem` as of `at` and adds the deliveries `announce(previous)` returns, as
   * the account's (a dedupe key the account already used is skipped). Null when the state did not change: nothing
   * is written. Concurrent callers seeing the same change write it once.
   */
  recordAccountHealth(
    accountId: string,
    health: { state: AccountHealthState; problem: string | null; at: string },
    announce: (previous: AnnouncedHealth | null) => NewDelivery[],
  ): Promise<HealthChange | null>;
  /** Every delivery about the account, oldest first, ended ones included. */
  listAccountDeliveries(accountId: string): Promise<Delivery[]>;
}
