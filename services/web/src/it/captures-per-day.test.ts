import { capturesPerDay, capturesSince } from './captures-per-day';

describe("captures per day in the town's zone", () => {
  const now = new Date('2025-03-10T15:00:00Z'); // 11:00 in New York (EDT since March 9)

  it("asks the catalog from the start of the first day, in the town's zone", () => {
    expect(capturesSince(now, 'America/New_York', 3)).toBe('2025-03-08T05:00:00.000Z'); // EST midnight, before the change
    expect(capturesSince(now, 'UTC', 1)).toBe('2025-03-10T00:00:00.000Z');
  });

  it('groups UTC hours into local days, every day present, oldest first, ending today', () => {
    const days = capturesPerDay(
      [
        { hour: '2025-03-08T04', captures: 9, bytes: 900 }, // still Mar 7 in New York: before the range
        { hour: '2025-03-09T03', captures: 2, bytes: 200 }, // Mar 8, 22:00 EST
        { hour: '2025-03-09T05', captures: 3, bytes: 300 }, // Mar 9, 01:00 EST
        { hour: '2025-03-10T03', captures: 4, bytes: 400 }, // Mar 9, 23:00 EDT
        { hour: '2025-03-10T14', captures: 5, bytes: 500 }, // Mar 10
      ],
      now,
      'America/New_York',
      3,
    );
    expect(days).toEqual([
      { day: '2025-03-08', captures: 2, bytes: 200 },
      { day: '2025-03-09', captures: 7, bytes: 700 },
      { day: '2025-03-10', captures: 5, bytes: 500 },
    ]);
  });

  it('gives zeros for days without captures', () => {
    expect(capturesPerDay([], now, 'UTC', 2)).toEqual([
      { day: '2025-03-09', captures: 0, bytes: 0 },
      { day: '2025-03-10', captures: 0, bytes: 0 },
    ]);
  });
});
