import { graphTimeToIso } from './graph-time';
import { usageOf } from './graph-usage';
import { stableMediaUrl } from './graph-media-link';

describe('Graph helpers', () => {
  it('reads Graph times as ISO in UTC, and nothing else', () => {
    expect(graphTimeToIso('2017-08-31T18:10:30+0000')).toBe('2017-08-31T18:10:30.000Z');
    expect(graphTimeToIso('2025-03-01T09:00:00-0500')).toBe('2025-03-01T14:00:00.000Z');
    expect(graphTimeToIso('2025-03-01 09:00')).toBeNull();
  });

  it('reads the highest usage and the time to regain access from either header', () => {
    const headers = new Headers({
      'x-app-usage': '{"call_count":12,"total_cputime":3,"total_time":4}',
      'x-business-use-case-usage':
        '{"1111":[{"type":"pages","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19}]}',
    });
    expect(usageOf(headers)).toEqual({ percent: 100, regainAccessMs: 19 * 60_000 });
    expect(usageOf(new Headers({ 'x-app-usage': 'not json' }))).toEqual({ percent: 0, regainAccessMs: null });
    expect(usageOf(new Headers({ 'x-app-usage': '{"call_count":95}' }))).toEqual({ percent: 95, regainAccessMs: null });
  });

  it('keys a signed CDN link by its path', () => {
    const signed = 'https://scontent.xx.fbcdn.net/v/t39.30808-6/1_2_n.jpg?_nc_cat=1&oh=abc&oe=67F1A2B3';
    expect(stableMediaUrl(signed)).toBe('https://scontent.xx.fbcdn.net/v/t39.30808-6/1_2_n.jpg');
  });
});
