import type { AccountHealthPayload, NotificationPayload } from './notification-event';

/** A logged request as the notify tests use it: deadlines in winter (EST), a requester with every field. */
export function buildSamplePayload(overrides: Partial<NotificationPayload> = {}): NotificationPayload {
  return {
    requestId: 'req_01JH3Z',
    number: '2026-0042',
    requester: { name: 'Jane Q. Public', email: 'jane@example.org', organization: 'Hartford Ledger' },
    description: 'All comments removed from the Parks Department Facebook page in December 2025.',
    receivedAt: '2026-01-05T14:30:00Z',
    responseDueAt: '2026-01-09T22:00:00Z',
    productionTargetAt: '2026-02-02T22:00:00Z',
    status: 'received',
    url: 'https://verbatim.town.example/foia-requests/req_01JH3Z',
    ...overrides,
  };
}

/** An account that started failing, as the notify tests use it. */
export function buildSampleAccountPayload(overrides: Partial<AccountHealthPayload> = {}): AccountHealthPayload {
  return {
    accountId: 'acc_01JH40',
    platform: 'facebook',
    handle: 'westportparks',
    displayName: 'Westport Parks',
    agency: 'Parks & Recreation',
    health: 'failing',
    problem: 'The last sync failed: the Page access token has expired (HTTP 401)',
    advice: 'The platform rejected the credentials. Get a new token from the account’s administrators.',
    lastSuccessAt: '2026-01-05T14:30:00Z',
    syncIntervalMinutes: 60,
    url: 'https://verbatim.town.example/accounts/acc_01JH40',
    ...overrides,
  };
}
