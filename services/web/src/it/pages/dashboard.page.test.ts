import { assessAccountHealth, nextScheduledSync, type Account } from '@verbatim/core';
import type { AccountView } from '@verbatim/app';
import { dashboardBody } from './dashboard.page';

const NOW = new Date('2026-03-02T17:00:00Z');

function accountView(handle: string, sync: AccountView['sync']): AccountView {
  const account: Account = {
    id: `acc_${handle}`,
    agencyId: 'agy_parks',
    platform: 'facebook',
    handle,
    status: 'active',
    connector: { type: 'mock' },
    syncIntervalMinutes: 60,
    administrators: [],
    moderators: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
  return {
    ...account,
    complianceProblems: [],
    sync,
    health: assessAccountHealth(account, sync, NOW),
    nextSync: nextScheduledSync(account, sync, NOW),
  };
}

const sync = (overrides: Partial<AccountView['sync']>): AccountView['sync'] => ({
  status: 'completed',
  passNumber: 4,
  lastCompletedAt: '2026-03-02T16:30:00Z',
  lastError: null,
  startedAt: '2026-03-02T16:29:00Z',
  completedAt: '2026-03-02T16:30:00Z',
  pagesFetched: 2,
  itemsSeen: 120,
  ...overrides,
});

describe('the dashboard list of accounts that need attention', () => {
  it('lists a failing and a stale account, each with its problem, last success and what to do', () => {
    const failing = accountView('westportparks', sync({ status: 'failed', lastError: 'HTTP 401 Unauthorized' }));
    const stale = accountView('westportlibrary', sync({ lastCompletedAt: '2026-03-02T12:00:00Z' }));
    const page = dashboardBody({
      recordsByStatus: { live: 0, edited: 0, hidden: 0, deleted: 0 },
      accountsByStatus: { active: 2, 'pending-approval': 0, abandoned: 0, retired: 0 },
      agencyCount: 1,
      days: [{ day: '2026-03-02', captures: 0, bytes: 0 }],
      troubled: [failing, stale],
      overdue: [],
      timeZone: 'America/New_York',
    }).toString();
    const section = page.slice(page.indexOf('id="trouble-heading"'), page.indexOf('id="overdue-heading"'));
    expect(section).toContain('<span class="badge badge-deleted">Failing</span>');
    expect(section).toContain('The last sync failed: HTTP 401 Unauthorized');
    expect(section).toContain('rejected the credentials');
    expect(section).toContain('<span class="badge badge-hidden">Stale</span>');
    expect(section).toContain('No successful capture for 5 hours, though it syncs every 60 minutes.');
    expect(section).toMatch(/Last successful capture: .*Mar 2, 2026/);
  });
});
