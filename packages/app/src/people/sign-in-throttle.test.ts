import { UseCaseError } from '@verbatim/core';
import { SignInThrottle } from './sign-in-throttle';

const OPTIONS = {
  maxFailuresPerAccount: 3,
  maxFailuresPerAddress: 5,
  windowMs: 60_000,
  lockoutMs: 120_000,
  maxWaitingHashes: 2,
};

async function refusal(run: () => Promise<void>): Promise<UseCaseError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UseCaseError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('SignInThrottle', () => {
  it('locks an account after its failures, says until when, and lets it in again after the lockout', async () => {
    const throttle = new SignInThrottle(OPTIONS);
    const t0 = Date.parse('2026-04-01T09:00:00.000Z');
    for (let i = 0; i < 3; i += 1) {
      await throttle.refuseIfLocked('Ada@Town.example', '10.0.0.1', t0 + i);
      await throttle.recordFailure('Ada@Town.example', `10.0.0.${i + 1}`, t0 + i);
    }
    const locked = await refusal(() => throttle.refuseIfLocked('ada@town.example', '10.0.0.9', t0 + 10));
    expect(locked).toMatchObject({ kind: 'throttled', code: 'sign_in_locked' });
    expect(locked.message).toBe('too many failed sign-ins for this account; try again after 2026-04-01T09:02:00.002Z');
    expect(locked.details).toEqual({ retryAfterSeconds: 120, retryAt: '2026-04-01T09:02:00.002Z' });
    await expect(throttle.refuseIfLocked('bo@town.example', '10.0.0.9', t0 + 10)).resolves.toBeUndefined();
    await expect(throttle.refuseIfLocked('ada@town.example', '10.0.0.9', t0 + 120_003)).resolves.toBeUndefined();
  });

  it('forgets failures older than the window, and a right password clears the account', async () => {
    const throttle = new SignInThrottle(OPTIONS);
    await throttle.recordFailure('ada@town.example', 'a', 0);
    await throttle.recordFailure('ada@town.example', 'b', 1);
    await throttle.recordFailure('ada@town.example', 'c', 60_001);
    await expect(throttle.refuseIfLocked('ada@town.example', 'd', 60_002)).resolves.toBeUndefined();
    await throttle.recordSuccess('ada@town.example');
    await throttle.recordFailure('ada@town.example', 'e', 60_003);
    await throttle.recordFailure('ada@town.example', 'f', 60_004);
    await expect(throttle.refuseIfLocked('ada@town.example', 'g', 60_005)).resolves.toBeUndefined();
  });

  it('locks a client address guessing many emails', async () => {
    const throttle = new SignInThrottle(OPTIONS);
    for (let i = 0; i < 5; i += 1) await throttle.recordFailure(`person${i}@town.example`, '192.0.2.7', 1000 + i);
    const locked = await refusal(() => throttle.refuseIfLocked('someone@town.example', '192.0.2.7', 2000));
    expect(locked.message).toMatch(/^too many failed sign-ins from your address; try again after /);
    await expect(throttle.refuseIfLocked('someone@town.example', '192.0.2.8', 2000)).resolves.toBeUndefined();
  });

  it('hashes one at a time and refuses beyond the queue before hashing', async () => {
    const throttle = new SignInThrottle(OPTIONS);
    let running = 0;
    let most = 0;
    let started = 0;
    const hash = async () => {
      started += 1;
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return true;
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => throttle.runHash(hash)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(3);
    expect(refused[0].reason).toMatchObject({ kind: 'throttled', code: 'sign_in_busy' });
    expect(most).toBe(1);
    expect(started).toBe(3);
    // The gate opens again once the queue drained.
    await expect(throttle.runHash(hash)).resolves.toBe(true);
  });
});
