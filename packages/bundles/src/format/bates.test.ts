import { formatBates } from './bates';

describe('formatBates', () => {
  test('prefix plus a zero-padded counter starting at startNumber', () => {
    const numbering = { prefix: 'WESTPORT', startNumber: 1, digits: 6 };
    expect(formatBates(numbering, 0)).toBe('WESTPORT000001');
    expect(formatBates(numbering, 122)).toBe('WESTPORT000123');
    expect(formatBates({ ...numbering, startNumber: 5001, digits: 8 }, 0)).toBe('WESTPORT00005001');
  });

  test('refuses a counter wider than its digits instead of breaking the fixed width', () => {
    expect(formatBates({ prefix: 'X', startNumber: 999_999, digits: 6 }, 0)).toBe('X999999');
    expect(() => formatBates({ prefix: 'X', startNumber: 999_999, digits: 6 }, 1)).toThrow(RangeError);
  });
});
