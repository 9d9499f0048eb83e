import type { FoiaRequestView } from '@verbatim/foia';
import { matchesLogFilter, requestLogFilterOf, statusesOf } from './request-log-filter';

const request = (overrides: Partial<FoiaRequestView>) =>
  ({
    number: '2025-0007',
    requester: { name: 'Dana Reyes', organization: 'Westport News' },
    description: 'Removed comments on the Parks page',
    nextDeadline: {
      kind: 'response',
      at: '2025-12-31T04:59:59.999Z',
      businessDaysLeft: 3,
      dueSoon: false,
      overdue: false,
    },
    ...overrides,
  }) as unknown as FoiaRequestView;

describe('the request log filters', () => {
  it('shows open requests unless told otherwise, and refuses unknown statuses', () => {
    expect(requestLogFilterOf({})).toEqual({ show: 'open', deadline: '', text: '' });
    expect(statusesOf(requestLogFilterOf({}))).toContain('in-progress');
    expect(statusesOf(requestLogFilterOf({}))).not.toContain('closed');
    expect(statusesOf(requestLogFilterOf({ show: 'all' }))).toBeUndefined();
    expect(statusesOf(requestLogFilterOf({ show: 'closed' }))).toEqual(['closed']);
    expect(requestLogFilterOf({ show: 'nonsense' }).show).toBe('open');
  });

  it('keeps only due-soon or overdue requests when asked', () => {
    const late = requestLogFilterOf({ deadline: 'late' });
    expect(matchesLogFilter(request({}), late)).toBe(false);
    expect(matchesLogFilter(request({ nextDeadline: { ...request({}).nextDeadline!, overdue: true } }), late)).toBe(
      true,
    );
    expect(matchesLogFilter(request({ nextDeadline: null }), late)).toBe(false);
  });

  it('matches every word in the number, requester, organization or description, in any case', () => {
    expect(matchesLogFilter(request({}), requestLogFilterOf({ text: 'dana PARKS' }))).toBe(true);
    expect(matchesLogFilter(request({}), requestLogFilterOf({ text: '2025-0007' }))).toBe(true);
    expect(matchesLogFilter(request({}), requestLogFilterOf({ text: 'westport news' }))).toBe(true);
    expect(matchesLogFilter(request({}), requestLogFilterOf({ text: 'dana library' }))).toBe(false);
  });
});
