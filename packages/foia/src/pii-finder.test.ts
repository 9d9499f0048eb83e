import { findPii } from './pii-finder';

const wholeMatch = (text: string) => findPii(text).map(({ kind, text: found }) => [kind, found]);

describe('findPii', () => {
  it('finds a phone number and an email with their offsets', () => {
    expect(findPii('Call me at (203) 555-0142 or email jane.doe@example.com.')).toEqual([
      { kind: 'phone', start: 11, end: 25, text: '(203) 555-0142' },
      { kind: 'email', start: 35, end: 55, text: 'jane.doe@example.com' },
    ]);
  });

  it.each([
    '+1 203-555-0142',
    '+12035550142',
    '+1 (203) 555-0142',
    '1 (203) 555 0142',
    '1-203-555-0142',
    '203.555.0142',
    '203 555 0142',
    '(203)555-0142',
    '2035550142',
  ])('matches the phone format %s in full', (phone) => {
    expect(wholeMatch(`tel: ${phone}, thanks`)).toEqual([['phone', phone]]);
  });

  it.each([
    ['an ISO date', 'posted 2026-12-23 at noon'],
    ['a US date', 'posted 12/23/2026'],
    ['a ZIP+4 code', 'Greenwich, CT 06830-1234'],
    ['a long numeric id', 'ticket 120355501420 closed'],
    ['an 11-digit id starting with 1', 'order 12035550142'],
    ['a dashed id that continues', 'case 203-555-0142-77'],
    ['a number glued to letters', 'ref AB2035550142'],
    ['an area code starting with 1', 'call 123-456-7890'],
    ['an exchange starting with 0', 'call 203-055-0142'],
  ])('does not take %s for a phone number', (_label, text) => {
    expect(findPii(text)).toEqual([]);
  });

  it.each([
    ['12 Main Street', 'at 12 Main Street today'],
    ['1600 Pennsylvania Avenue', 'at 1600 Pennsylvania Avenue today'],
    ['221B Baker St', 'at 221B Baker St today'],
    ['350 5th Ave', 'at 350 5th Ave today'],
    ['7 N Main St', 'at 7 N Main St today'],
    ['10 Old Post Road, Suite 200', 'at 10 Old Post Road, Suite 200 today'],
    ['45 Elm St #2', 'at 45 Elm St #2 today'],
    ['88 Long Hill Tpke', 'at 88 Long Hill Tpke today'],
  ])('finds the street address %s', (address, text) => {
    expect(wholeMatch(text)).toEqual([['street-address', address]]);
  });

  it.each([
    ['an ordinary sentence ending in a suffix word', 'we have 3 kids on the way'],
    ['a year before a capitalised word', 'in 2026 Court rulings changed'],
    ['an address typed all in lower case (a known miss)', 'at 12 main street'],
    ['a suffix that is the start of a longer word', 'at 12 Main Streetcar'],
  ])('does not suggest %s', (_label, text) => {
    expect(findPii(text)).toEqual([]);
  });

  it('keeps UTF-16 offsets right around emoji, CJK and right-to-left text', () => {
    const text = '📞 203-555-0142 · 住所: 45 Elm St, Apt 3B · ✉️ مرحبا user@example.org שלום';
    const found = findPii(text);
    expect(found).toEqual([
      { kind: 'phone', start: 3, end: 15, text: '203-555-0142' },
      { kind: 'street-address', start: 22, end: 39, text: '45 Elm St, Apt 3B' },
      { kind: 'email', start: 51, end: 67, text: 'user@example.org' },
    ]);
    for (const suggestion of found) expect(text.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
  });

  it('finds PII glued to CJK text and after an astral-plane character', () => {
    expect(findPii('电话2035550142')).toEqual([{ kind: 'phone', start: 2, end: 12, text: '2035550142' }]);
    expect(findPii('邮箱alice@example.com。')).toEqual([
      { kind: 'email', start: 2, end: 19, text: 'alice@example.com' },
    ]);
    expect(findPii('𠮷野家 1 Main Street')).toEqual([
      { kind: 'street-address', start: 5, end: 18, text: '1 Main Street' },
    ]);
  });

  it('returns an email that contains a phone number once, as an email', () => {
    expect(findPii('write 2035550142@example.com')).toEqual([
      { kind: 'email', start: 6, end: 28, text: '2035550142@example.com' },
    ]);
  });

  it('returns nothing for text without PII, and the same result when called twice (no regex state leaks)', () => {
    expect(findPii('Thank you for the update on the budget!')).toEqual([]);
    const text = 'a@b.co and 203-555-0142';
    expect(findPii(text)).toEqual(findPii(text));
    expect(findPii(text)).toHaveLength(2);
  });
});
