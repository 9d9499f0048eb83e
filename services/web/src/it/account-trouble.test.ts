import { adviceForFailure, findAccountTrouble } from './account-trouble';

const now = new Date('2025-06-01T12:00:00Z');
const account = (
  overrides: Partial<Parameters<typeof findAccountTrouble>[0]> = {},
  sync: Partial<Parameters<typeof findAccountTrouble>[0]['sync']> = {},
) => ({
  status: 'active' as const,
  syncIntervalMinutes: 60,
  createdAt: '2025-05-01T00:00:00Z',
  ...overrides,
  sync: {
    status: 'completed' as const,
    passNumber: 3,
    lastCompletedAt: '2025-06-01T11:00:00Z',
    lastError: null,
    ...sync,
  },
});

describe('which accounts need attention', () => {
  it('is stale once the last success is more than twice the sync interval ago, not before', () => {
    expect(findAccountTrouble(account({}, { lastCompletedAt: '2025-06-01T10:00:00Z' }), now)).toBeNull(); // exactly 2 intervals
    expect(findAccountTrouble(account({}, { lastCompletedAt: '2025-06-01T09:59:00Z' }), now)).toEqual({
      kind: 'stale',
      lastSuccessAt: '2025-06-01T09:59:00Z',
    });
    expect(
      findAccountTrouble(account({ syncIntervalMinutes: 24 * 60 }, { lastCompletedAt: '2025-05-31T00:00:00Z' }), now),
    ).toBeNull();
  });

  it('counts from registration when an account never synced', () => {
    expect(
      findAccountTrouble(
        account({ createdAt: '2025-06-01T11:30:00Z' }, { status: 'never', lastCompletedAt: null }),
        now,
      ),
    ).toBeNull();
    expect(findAccountTrouble(account({}, { status: 'never', lastCompletedAt: null }), now)).toEqual({
      kind: 'stale',
      lastSuccessAt: null,
    });
  });

  it('reports a failed last pass with its error, even when recent', () => {
    expect(findAccountTrouble(account({}, { status: 'failed', lastError: 'HTTP 401 from platform' }), now)).toEqual({
      kind: 'failing',
      error: 'HTTP 401 from platform',
    });
  });

  it('leaves accounts off the schedule alone; abandoned accounts are still watched', () => {
    expect(findAccountTrouble(account({ status: 'retired' }, { status: 'failed', lastError: 'x' }), now)).toBeNull();
    expect(
      findAccountTrouble(account({ status: 'pending-approval' }, { status: 'never', lastCompletedAt: null }), now),
    ).toBeNull();
    expect(
      findAccountTrouble(account({ status: 'abandoned' }, { status: 'failed', lastError: 'x' }), now),
    ).toMatchObject({ kind: 'failing' });
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
