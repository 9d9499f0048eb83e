import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('reads Z and numeric offsets to the same instant', () => {
    expect(parseInstant('2026-12-23T15:00:00Z').toMillis()).toBe(Date.UTC(2026, 11, 23, 15));
    expect(parseInstant('2026-12-23T10:00:00-05:00').toMillis()).toBe(Date.UTC(2026, 11, 23, 15));
    expect(parseInstant('2026-12-23T10:00:00.250-0500').toMillis()).toBe(Date.UTC(2026, 11, 23, 15, 0, 0, 250));
    expect(parseInstant(new Date('2026-12-23T15:00:00Z')).toMillis()).toBe(Date.UTC(2026, 11, 23, 15));
  });

  it.each(['2026-12-23T10:00:00', '2026-12-23', 'yesterday', '2026-13-01T00:00:00Z'])(
    'refuses %s, which names no single instant',
    (text) => {
      expect(() => parseInstant(text)).toThrow(/with an offset/);
    },
  );

  it('refuses an invalid Date', () => {
    expect(() => parseInstant(new Date('nope'))).toThrow(RangeError);
  });
});
