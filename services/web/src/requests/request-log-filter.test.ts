import { requestLogFilterOf, requestLogQueryOf, requestLogSearch, statusesOf } from './request-log-filter';

describe('the request log filters', () => {
  it('shows open requests unless told otherwise, and refuses unknown statuses', () => {
    expect(requestLogFilterOf({})).toEqual({ show: 'open', deadline: '', text: '' });
    expect(statusesOf(requestLogFilterOf({}))).toContain('in-progress');
    expect(statusesOf(requestLogFilterOf({}))).not.toContain('closed');
    expect(statusesOf(requestLogFilterOf({ show: 'all' }))).toBeUndefined();
    expect(statusesOf(requestLogFilterOf({ show: 'closed' }))).toEqual(['closed']);
    expect(requestLogFilterOf({ show: 'nonsense' }).show).toBe('open');
  });

  it('hands the deadline mark and the words to the use case', () => {
    expect(requestLogQueryOf(requestLogFilterOf({ show: 'closed', deadline: 'late', text: ' dana ' }))).toEqual({
      status: ['closed'],
      late: true,
      words: 'dana',
    });
    expect(requestLogQueryOf(requestLogFilterOf({ deadline: 'soon' })).late).toBe(false);
  });

  it('writes the filters back as a query string a link can carry', () => {
    expect(requestLogSearch(requestLogFilterOf({}))).toBe('?show=open');
    expect(requestLogSearch(requestLogFilterOf({ show: 'all', deadline: 'late', text: 'Parks & Rec' }))).toBe(
      '?show=all&deadline=late&text=Parks+%26+Rec',
    );
  });
});
