import type { FoiaRequestView, NotificationSummary } from '@verbatim/foia';
import { attorneyNotificationStatus, requestLogCsv, townDate } from './request-log-csv';

const notification = (overrides: Partial<NotificationSummary>): NotificationSummary => ({
  id: 'dlv_1',
  event: 'request.logged',
  channel: 'email',
  status: 'delivered',
  attempts: 1,
  lastError: null,
  createdAt: '2025-12-23T15:15:00.000Z',
  deliveredAt: '2025-12-23T15:15:01.000Z',
  ...overrides,
});

const request = (overrides: Partial<FoiaRequestView>) =>
  ({
    number: '2025-0007',
    requester: { name: 'Dana Reyes', organization: 'Westport News', email: 'dana@example.org' },
    receivedAt: '2025-12-23T15:15:00.000Z',
    responseDueAt: '2025-12-31T04:59:59.999Z',
    productionTargetAt: '2026-01-08T04:59:59.999Z',
    status: 'received',
    description: 'Removed comments on the Parks page',
    notifications: [notification({})],
    ...overrides,
  }) as unknown as FoiaRequestView;

describe('the request log as CSV', () => {
  it('writes one row per request, times on the town clock and deadlines as the day they end', () => {
    const lines = requestLogCsv([request({})], 'America/New_York').split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFNumber,Received,Response due,Production target,Status,Requester,Organization,Email,Description,Attorney notification',
    );
    expect(lines[1]).toBe(
      '2025-0007,2025-12-23 10:15,2025-12-30,2026-01-07,received,Dana Reyes,Westport News,dana@example.org,Removed comments on the Parks page,delivered',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('guards and quotes what requesters typed', () => {
    const csv = requestLogCsv(
      [request({ requester: { name: '=HYPERLINK("x")' }, description: 'Parks, "Rec"\nand more' })],
      'America/New_York',
    );
    expect(csv).toContain(',"\'=HYPERLINK(""x"")",,,"Parks, ""Rec""\nand more",');
  });

  it("sums up the logged request's deliveries, the worst first, ignoring later events", () => {
    const status = (...notifications: NotificationSummary[]) => attorneyNotificationStatus(request({ notifications }));
    expect(status()).toBe('none configured');
    expect(status(notification({}), notification({ channel: 'webhook', status: 'pending' }))).toBe('pending');
    expect(status(notification({ status: 'failed' }), notification({ status: 'pending' }))).toBe('failed');
    expect(status(notification({}), notification({ event: 'request.overdue', status: 'failed' }))).toBe('delivered');
  });

  it("dates on the town's calendar, not UTC's", () => {
    expect(townDate('2025-12-31T04:59:59.999Z', 'America/New_York')).toBe('2025-12-30');
    expect(townDate('2025-12-31T04:59:59.999Z', 'UTC')).toBe('2025-12-31');
  });
});
