import {
  createNewFoiaRequestSchema,
  formatRequestNumber,
  FoiaTransitionInputSchema,
  parseRequestNumber,
  requestNumberYear,
} from './foia-request.schema';

const NOW = new Date('2026-03-10T15:00:00Z');
const schema = createNewFoiaRequestSchema(() => NOW);
const minimal = {
  requester: { name: 'Ada Clerk' },
  receivedAt: '2026-03-10T09:30:00-04:00',
  description: 'All posts on the town page in February',
};

describe('NewFoiaRequestSchema', () => {
  it('applies the defaults: email channel, general records', () => {
    expect(schema.parse(minimal)).toEqual({ ...minimal, channel: 'email', recordsCategory: 'general' });
  });

  it('accepts a back-dated walk-in request with every optional field', () => {
    const input = {
      requester: { name: 'B. Reporter', email: 'b@example.org', phone: '203-555-0100', organization: 'The Courier' },
      receivedAt: '2025-12-30T16:45:00-05:00',
      channel: 'walk-in',
      description: 'Deleted comments',
      assignedOfficer: 'usr_1',
      notes: 'Left a paper form at the counter',
      recordsCategory: 'personnel-medical',
    };
    expect(schema.parse(input)).toEqual(input);
  });

  it('allows a few minutes of clock skew but rejects a receipt time further in the future', () => {
    expect(schema.safeParse({ ...minimal, receivedAt: '2026-03-10T15:04:00Z' }).success).toBe(true);
    const result = schema.safeParse({ ...minimal, receivedAt: '2026-03-10T15:06:00Z' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['receivedAt']);
  });

  it.each([
    ['a time without an offset', { ...minimal, receivedAt: '2026-03-10T09:30:00' }, 'receivedAt'],
    ['an empty requester name', { ...minimal, requester: { name: '  ' } }, 'requester'],
    ['a bad email', { ...minimal, requester: { name: 'A', email: 'not-an-email' } }, 'requester'],
    ['an unknown top-level field', { ...minimal, status: 'released' }, ''],
    ['an unknown requester field', { ...minimal, requester: { name: 'A', ssn: '1' } }, 'requester'],
    ['an unknown channel', { ...minimal, channel: 'pigeon' }, 'channel'],
    ['an unknown records category', { ...minimal, recordsCategory: 'secret' }, 'recordsCategory'],
    ['an empty description', { ...minimal, description: '' }, 'description'],
  ])('rejects %s', (_label, input, field) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(String(result.error?.issues[0]?.path[0] ?? '')).toBe(field);
  });
});

describe('FoiaTransitionInputSchema', () => {
  it('requires a release kind exactly when moving to released', () => {
    expect(FoiaTransitionInputSchema.safeParse({ to: 'released', releaseKind: 'partial' }).success).toBe(true);
    expect(FoiaTransitionInputSchema.safeParse({ to: 'released' }).success).toBe(false);
    expect(FoiaTransitionInputSchema.safeParse({ to: 'closed', releaseKind: 'full' }).success).toBe(false);
    expect(FoiaTransitionInputSchema.safeParse({ to: 'closed', note: 'fulfilled' }).success).toBe(true);
  });
});

describe('request numbers', () => {
  it('formats a year and a zero-padded sequence of at least four digits', () => {
    expect(formatRequestNumber(2026, 1)).toBe('2026-0001');
    expect(formatRequestNumber(2026, 999)).toBe('2026-0999');
    expect(formatRequestNumber(2026, 12345)).toBe('2026-12345');
  });

  it('refuses sequences below 1 and years without four digits', () => {
    expect(() => formatRequestNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatRequestNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatRequestNumber(26, 1)).toThrow(RangeError);
  });

  it('parses only the canonical spelling', () => {
    expect(parseRequestNumber('2026-0001')).toEqual({ year: 2026, sequence: 1 });
    expect(parseRequestNumber('2026-12345')).toEqual({ year: 2026, sequence: 12345 });
    expect(parseRequestNumber('2026-00001')).toBeNull();
    expect(parseRequestNumber('2026-001')).toBeNull();
    expect(parseRequestNumber('2026-0000')).toBeNull();
    expect(parseRequestNumber(' 2026-0001')).toBeNull();
    expect(parseRequestNumber('26-0001')).toBeNull();
  });

  it('numbers a request by the local year of receipt, not the UTC year', () => {
    // 11:30 p.m. on New Year's Eve in Connecticut is already 2027 in UTC.
    expect(requestNumberYear('2027-01-01T04:30:00Z', 'America/New_York')).toBe(2026);
    expect(requestNumberYear('2027-01-01T05:00:00Z', 'America/New_York')).toBe(2027);
  });
});
