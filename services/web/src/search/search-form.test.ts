import { readSearchForm, savedSearchEntries, toSearchQuery } from './search-form';
import {
  FIRST_PAGE,
  MAX_TRAIL,
  nextPosition,
  pageNumber,
  previousPosition,
  readPosition,
  searchHref,
} from './search-paging';

describe('the search form in the URL', () => {
  const query = {
    q: 'road*',
    status: ['deleted', 'edited', 'bogus'],
    flag: ['threat', 'rude', 'personal-information'],
    kind: 'comment',
    platform: ['facebook'],
    agencyId: 'agy_1',
    accountId: '',
    author: 'Dana Reyes',
    hasAttachments: 'true',
    postedFrom: '2025-03-01',
    postedTo: '2025-02-30',
    sort: 'oldest',
    cursor: 'c2',
    back: 'c1',
  };

  it('keeps the values filters accept and drops the rest', () => {
    const form = readSearchForm(query);
    expect(form).toEqual({
      q: 'road*',
      agencyId: 'agy_1',
      accountId: '',
      platform: ['facebook'],
      kind: ['comment'],
      status: ['deleted', 'edited'],
      flag: ['threat', 'personal-information'],
      author: 'Dana Reyes',
      hasAttachments: 'true',
      postedFrom: '2025-03-01',
      postedTo: '',
      sort: 'oldest',
    });
  });

  it("reads the town's days as the instants the index compares (New York is UTC-5 in March before DST)", () => {
    const form = readSearchForm({ postedFrom: '2025-03-01', postedTo: '2025-03-02' });
    expect(toSearchQuery(form, { timeZone: 'America/New_York' }).filters).toEqual({
      postedFrom: '2025-03-01T05:00:00.000Z',
      postedTo: '2025-03-03T04:59:59.999Z',
    });
  });

  it('turns every filter into the index query', () => {
    const search = toSearchQuery(readSearchForm(query), { timeZone: 'UTC', cursor: 'c2' });
    expect(search).toEqual({
      q: 'road*',
      sort: 'oldest',
      limit: 20,
      cursor: 'c2',
      filters: {
        agencyId: ['agy_1'],
        platform: ['facebook'],
        kind: ['comment'],
        status: ['deleted', 'edited'],
        flag: ['threat', 'personal-information'],
        author: ['Dana Reyes'],
        hasAttachments: true,
        postedFrom: '2025-03-01T00:00:00.000Z',
      },
    });
  });

  it('builds a link that reads back to the same search and position', () => {
    const form = readSearchForm(query);
    const href = searchHref(form, readPosition(query));
    // As Express reads a query string: one value as a string, repeated ones as a list.
    const searchParams = new URL(href, 'http://x').searchParams;
    const params = Object.fromEntries(
      [...new Set(searchParams.keys())].map((key) => {
        const values = searchParams.getAll(key);
        return [key, values.length === 1 ? values[0] : values];
      }),
    );
    expect(readSearchForm(params)).toEqual(form);
    expect(readPosition(params)).toEqual({ cursor: 'c2', back: ['c1'] });
    expect(href.startsWith('/search?q=road*')).toBe(true);
    expect(searchHref(readSearchForm({}))).toBe('/search');
  });

  it('carries the saved search with the days as the instants the search used', () => {
    const form = readSearchForm({ q: 'pool', status: ['hidden', 'deleted'], postedFrom: '2025-07-04' });
    expect(savedSearchEntries(form, 'America/New_York')).toEqual([
      ['q', 'pool'],
      ['status', 'hidden'],
      ['status', 'deleted'],
      ['postedFrom', '2025-07-04T04:00:00.000Z'],
    ]);
  });
});

describe('paging by cursor', () => {
  it('walks forward and back through the trail of cursors', () => {
    const second = nextPosition(FIRST_PAGE, 'c1');
    const third = nextPosition(second, 'c2');
    expect([pageNumber(FIRST_PAGE), pageNumber(second), pageNumber(third)]).toEqual([1, 2, 3]);
    expect(third).toEqual({ cursor: 'c2', back: ['c1'] });
    expect(previousPosition(third)).toEqual(second);
    expect(previousPosition(second)).toEqual(FIRST_PAGE);
    expect(previousPosition(FIRST_PAGE)).toBeNull();
  });

  it('keeps only the last pages of a very long trail, and stops numbering pages it cannot count', () => {
    let position = FIRST_PAGE;
    for (let page = 1; page <= MAX_TRAIL + 5; page += 1) position = nextPosition(position, `c${page}`);
    expect(position.back).toHaveLength(MAX_TRAIL);
    expect(position.back.at(-1)).toBe(`c${MAX_TRAIL + 4}`);
    expect(pageNumber(position)).toBeNull();
  });
});
