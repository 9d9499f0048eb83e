import { nextPacificMidnight } from './youtube-client';

describe('when the YouTube quota resets', () => {
  it('is the next midnight in Los Angeles, in standard and in daylight time', () => {
    expect(new Date(nextPacificMidnight(Date.parse('2026-12-07T12:00:00Z'))).toISOString()).toBe(
      '2026-12-08T08:00:00.000Z',
    );
    expect(new Date(nextPacificMidnight(Date.parse('2026-07-01T12:00:00Z'))).toISOString()).toBe(
      '2026-07-02T07:00:00.000Z',
    );
    // 23:30 on the evening before the clocks go back: midnight is 30 minutes away, still daylight time.
    expect(new Date(nextPacificMidnight(Date.parse('2026-11-01T06:30:00Z'))).toISOString()).toBe(
      '2026-11-01T07:00:00.000Z',
    );
  });
});
