import {
  adviceForFailure,
  assessAccountHealth,
  describeDuration,
  nextScheduledSync,
  type AccountHealthFacts,
  type SyncHealthFacts,
} from './account-health';

const now = new Date('2025-06-01T12:00:00Z');
const account = (overrides: Partial<AccountHealthFacts> = {}): AccountHealthFacts => ({
  status: 'active',
  syncIntervalMinutes: 60,
  createdAt: '2025-05-01T00:00:00Z',
  ...overrides,
});
const sync = (overrides: Partial<SyncHealthFacts> = {}): SyncHealthFacts => ({
  status: 'completed',
  lastCompletedAt: '2025-06-01T11:00:00Z',
  lastError: null,
  ...overrides,
});
const stateOf = (facts: AccountHealthFacts, state: SyncHealthFacts) => assessAccountHealth(facts, state, now)?.state;

describe('the account health rule', () => {
  it('is stale once the last success is more than twice the sync interval ago, not before', () => {
    expect(stateOf(account(), sync({ lastCompletedAt: '2025-06-01T10:00:00Z' }))).toBe('healthy'); // exactly 2 intervals
    expect(assessAccountHealth(account(), sync({ lastCompletedAt: '2025-06-01T09:59:00Z' }), now)).toEqual({
      state: 'stale',
      problem: 'No successful capture for 2 hours, though it syncs every 60 minutes.',
      advice: expect.stringContaining('Check that the worker is running') as string,
      error: null,
      lastSuccessAt: '2025-06-01T09:59:00Z',
    });
    expect(stateOf(account({ syncIntervalMinutes: 24 * 60 }), sync({ lastCompletedAt: '2025-05-31T00:00:00Z' }))).toBe(
      'healthy',
    );
  });

  it('counts from registration when an account never synced', () => {
    const never = sync({ status: 'never', lastCompletedAt: null });
    expect(stateOf(account({ createdAt: '2025-06-01T11:30:00Z' }), never)).toBe('healthy');
    expect(assessAccountHealth(account(), never, now)).toMatchObject({
      state: 'stale',
      problem: expect.stringMatching(/^Never captured successfully in the 31 days since it was registered/) as string,
      lastSuccessAt: null,
    });
  });

  it('reports a failed last pass with its error and what to do, even when recent', () => {
    expect(
      assessAccountHealth(account(), sync({ status: 'failed', lastError: 'HTTP 401 from platform' }), now),
    ).toEqual({
      state: 'failing',
      problem: 'The last sync failed: HTTP 401 from platform',
      advice: expect.stringContaining('rejected the credentials') as string,
      error: 'HTTP 401 from platform',
      lastSuccessAt: '2025-06-01T11:00:00Z',
    });
  });

  it('reports a pass that could not begin (a refused token) as failing, and a running pass as not yet', () => {
    const refused = 'the Mastodon access token was refused (401): create a new token';
    expect(assessAccountHealth(account(), sync({ lastError: refused }), now)).toMatchObject({
      state: 'failing',
      error: refused,
      lastSuccessAt: '2025-06-01T11:00:00Z',
    });
    expect(stateOf(account(), sync({ status: 'never', lastCompletedAt: null, lastError: refused }))).toBe('failing');
    expect(stateOf(account(), sync({ status: 'running', lastError: null }))).toBe('healthy');
  });

  it('leaves accounts off the schedule alone; abandoned accounts are still watched', () => {
    expect(
      assessAccountHealth(account({ status: 'retired' }), sync({ status: 'failed', lastError: 'x' }), now),
    ).toBeNull();
    expect(
      assessAccountHealth(
        account({ status: 'pending-approval' }),
        sync({ status: 'never', lastCompletedAt: null }),
        now,
      ),
    ).toBeNull();
    expect(stateOf(account({ status: 'abandoned' }), sync({ status: 'failed', lastError: 'x' }))).toBe('failing');
  });
});

describe('what to do about a failure', () => {
  it('says a rate limit resolves by itself and rejected credentials need new settings', () => {
    expect(adviceForFailure('rate limited: retry after 60000 ms')).toContain('resumes by itself');
    expect(adviceForFailure('platform answered 401 Unauthorized')).toContain('rejected the credentials');
    expect(adviceForFailure('invalid mock connector config: posts: expected number')).toContain(
      'connector settings are not valid',
    );
    expect(adviceForFailure('connect ECONNREFUSED 10.0.0.1:443')).toContain('could not be reached');
    expect(adviceForFailure('something odd')).toContain('tries again by itself');
  });
});

describe('durations and the next sync', () => {
  it('says a duration in minutes, hours or days, rounded down', () => {
    expect(describeDuration(60_000)).toBe('1 minute');
    expect(describeDuration(119 * 60_000)).toBe('119 minutes');
    expect(describeDuration(47.9 * 3_600_000)).toBe('47 hours');
    expect(describeDuration(3 * 86_400_000)).toBe('3 days');
  });

  it('puts the next sync one interval after the last pass, due once that has passed', () => {
    const pass = { startedAt: '2025-06-01T11:20:00Z', completedAt: '2025-06-01T11:30:00Z' };
    expect(nextScheduledSync(account(), pass, now)).toEqual({ at: '2025-06-01T12:30:00.000Z', due: false });
    expect(nextScheduledSync(account(), { ...pass, completedAt: null }, now)).toEqual({
      at: '2025-06-01T12:20:00.000Z',
      due: false,
    });
    expect(nextScheduledSync(account(), { startedAt: null, completedAt: null }, now)).toMatchObject({ due: true });
    expect(nextScheduledSync(account({ status: 'retired' }), pass, now)).toBeNull();
  });
});
