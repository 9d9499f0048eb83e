import type { FoiaRequestView } from '@verbatim/foia';
import { matchesRequestLogQuery } from './request-log-query';

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

describe('the request log query', () => {
  it('keeps only due-soon or overdue requests when asked', () => {
    expect(matchesRequestLogQuery(request({}), { late: true })).toBe(false);
    const overdue = request({ nextDeadline: { ...request({}).nextDeadline!, overdue: true } });
    expect(matchesRequestLogQuery(overdue, { late: true })).toBe(true);
    expect(matchesRequestLogQuery(request({ nextDeadline: null }), { late: true })).toBe(false);
    expect(matchesRequestLogQuery(request({ nextDeadline: null }), {})).toBe(true);
  });

  it('matches every word in the number, requester, organization or description, in any case', () => {
    expect(matchesRequestLogQuery(request({}), { words: 'dana PARKS' })).toBe(true);
    expect(matchesRequestLogQuery(request({}), { words: '2025-0007' })).toBe(true);
    expect(matchesRequestLogQuery(request({}), { words: 'westport news' })).toBe(true);
    expect(matchesRequestLogQuery(request({}), { words: 'dana library' })).toBe(false);
    expect(matchesRequestLogQuery(request({}), { words: '  ' })).toBe(true);
  });
});
