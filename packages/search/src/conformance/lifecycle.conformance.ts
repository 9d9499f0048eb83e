import { SearchQueryError, type SearchDocument, type SearchIndex, type SearchQuery } from '@verbatim/core';
import { FIXTURE_DOCUMENTS, fixtureDocument } from './fixture';
import { fixtureIds, matchingIds, pageThrough, type SearchIndexFactory, type SearchIndexUnderTest } from './harness';

/** A document not in the fixture. */
function newDocument(id: string, text: string, postedAt: string): SearchDocument {
  return { ...fixtureDocument('d01'), id, text, priorText: '', postedAt };
}

/** Upserts, paging (also while the index changes), clear, and refusals. */
export function describeLifecycle(factory: SearchIndexFactory): void {
  describe('changes and paging', () => {
    let subject: SearchIndexUnderTest;
    let index: SearchIndex;
    beforeEach(async () => {
      subject = await factory.create();
      index = subject.index;
      await index.upsert(FIXTURE_DOCUMENTS);
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('replaces a document on upsert: old text gone, new text found, count unchanged', async () => {
      expect(await index.count()).toBe(FIXTURE_DOCUMENTS.length);
      await index.upsert([{ ...fixtureDocument('d28'), text: 'Brush pickup schedule for the fall', status: 'edited' }]);
      expect(await matchingIds(index, 'leaf')).toEqual([]);
      expect(await matchingIds(index, 'brush')).toEqual(['d28']);
      expect(await matchingIds(index, 'schedule', { status: ['edited'] })).toEqual(['d28']);
      expect(await index.count()).toBe(FIXTURE_DOCUMENTS.length);
      await index.upsert([{ ...fixtureDocument('d19'), status: 'live' }]);
      expect(await matchingIds(index, 'snow', { status: ['deleted'] })).toEqual([]);
    });

    it('keeps the newest revision of a document: an older one given later is ignored, an equal one replaces', async () => {
      await index.upsert([{ ...fixtureDocument('d28'), text: 'Brush pickup schedule', status: 'edited', revision: 3 }]);
      await index.upsert([{ ...fixtureDocument('d28'), text: 'Stale leaf text', revision: 2 }]);
      expect(await matchingIds(index, 'stale')).toEqual([]);
      expect(await matchingIds(index, 'brush', { status: ['edited'] })).toEqual(['d28']);
      // Within one call too: the older state listed last does not win.
      await index.upsert([
        { ...fixtureDocument('d28'), text: 'Chipper schedule', status: 'hidden', revision: 5 },
        { ...fixtureDocument('d28'), text: 'Superseded chipper wording', revision: 4 },
      ]);
      expect(await matchingIds(index, 'chipper', { status: ['hidden'] })).toEqual(['d28']);
      expect(await matchingIds(index, 'superseded')).toEqual([]);
      await index.upsert([{ ...fixtureDocument('d28'), text: 'Mulch schedule', revision: 5 }]);
      expect(await matchingIds(index, 'mulch', { status: ['live'] })).toEqual(['d28']);
      if (index.verify)
        expect(await index.verify([{ ...fixtureDocument('d28'), text: 'Mulch schedule', revision: 5 }])).toEqual([
          { id: 'd28', state: 'same' },
        ]);
      expect(await index.count()).toBe(FIXTURE_DOCUMENTS.length);
    });

    const pagedQueries: Array<[string, SearchQuery, string[]]> = [
      ['everything, newest', { sort: 'newest' }, fixtureIds(() => true)],
      ['everything, oldest', { sort: 'oldest' }, fixtureIds(() => true)],
      ['a query, relevance', { q: 'budget OR meeting OR street OR park*' }, []],
      ['a query, newest', { q: 'the OR street', sort: 'newest' }, []],
    ];

    it.each(pagedQueries)('pages through %s with small pages, each match exactly once', async (_, query, known) => {
      const expected = known.length > 0 ? known : await matchingIds(index, query.q!);
      for (const limit of [1, 3, 7]) {
        const seen = await pageThrough(index, { ...query, limit });
        expect([...seen].sort()).toEqual(expected);
      }
    });

    it.each(pagedQueries)(
      'keeps paging through %s exact while documents are added and changed',
      async (_, query, known) => {
        const expected = known.length > 0 ? known : await matchingIds(index, query.q!);
        const seen = await pageThrough(index, { ...query, limit: 3 }, async (page) => {
          await index.upsert([
            newDocument(
              `new-${page}-a`,
              'budget meeting on Elm Street park',
              `2030-01-0${(page % 9) + 1}T00:00:00.000Z`,
            ),
            newDocument(`new-${page}-b`, 'the street budget', `2000-01-0${(page % 9) + 1}T00:00:00.000Z`),
            { ...fixtureDocument('d15'), status: page % 2 ? 'deleted' : 'live' },
            { ...fixtureDocument('d31'), text: `Is the meeting budget online? Asked ${page} times on the street` },
            { ...fixtureDocument('d24'), priorText: `revision ${page}` },
          ]);
        });
        expect(seen.length).toBe(new Set(seen).size);
        expect([...seen].sort()).toEqual(expected);
      },
    );

    it('clear() empties the index', async () => {
      await index.clear();
      expect(await index.count()).toBe(0);
      expect((await index.search({})).total).toBe(0);
      expect((await index.search({ q: 'budget' })).hits).toEqual([]);
      await index.upsert([fixtureDocument('d01')]);
      expect(await matchingIds(index, 'budget')).toEqual(['d01']);
    });
  });

  describe('refusals', () => {
    let subject: SearchIndexUnderTest;
    beforeAll(async () => {
      subject = await factory.create();
      await subject.index.upsert(FIXTURE_DOCUMENTS);
    });
    afterAll(async () => {
      await subject.cleanup();
    });

    it.each([
      '"unclosed phrase',
      'budget (meeting',
      'budget)',
      'budget AND',
      'OR budget',
      'NOT',
      'budget - meeting',
      '()',
      'a AND OR b',
      '*',
    ])('refuses the query %j with SearchQueryError', async (q) => {
      await expect(subject.index.search({ q })).rejects.toBeInstanceOf(SearchQueryError);
      await expect(subject.index.search({ q })).rejects.toThrow(/position/);
    });

    it('refuses a cursor it did not issue for this query', async () => {
      const first = await subject.index.search({ q: 'budget OR meeting', limit: 2 });
      const cursor = first.nextCursor!;
      const middle = Math.floor(cursor.length / 2);
      const tampered = cursor.slice(0, middle) + (cursor[middle] === 'A' ? 'B' : 'A') + cursor.slice(middle + 1);
      for (const bad of ['not-a-cursor', tampered, cursor.slice(0, -2), `${cursor}x`]) {
        await expect(subject.index.search({ q: 'budget OR meeting', cursor: bad })).rejects.toBeInstanceOf(
          SearchQueryError,
        );
      }
      await expect(subject.index.search({ q: 'budget', cursor })).rejects.toBeInstanceOf(SearchQueryError);
      await expect(subject.index.search({ q: 'budget OR meeting', cursor })).resolves.toBeDefined();
    });

    it('refuses a limit outside 1..1000', async () => {
      await expect(subject.index.search({ limit: 0 })).rejects.toBeInstanceOf(SearchQueryError);
      await expect(subject.index.search({ limit: 1001 })).rejects.toBeInstanceOf(SearchQueryError);
    });

    it('answers ping', async () => {
      await expect(subject.index.ping()).resolves.toBeUndefined();
    });
  });
}
