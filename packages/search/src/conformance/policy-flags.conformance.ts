import { SearchQueryError, type SearchDocument, type SearchIndex } from '@verbatim/core';
import { fixtureDocument } from './fixture';
import { matchingIds, type SearchIndexFactory, type SearchIndexUnderTest } from './harness';

/** Comments whose text raises known policy flags (the detector's own tests pin each kind). */
const FLAGGED: Array<[id: string, text: string]> = [
  ['f1', 'Call my neighbour at (203) 555-0187 about the fence'],
  ['f2', 'Huge discount on tires, use promo code ROAD. Give too: https://www.gofundme.com/f/my-trip'],
  ['f3', 'This budget is shit and I know where you live'],
  ['f4', 'Vote no on the budget. Vote no on the budget. Vote no on the budget.'],
  ['f5', 'The selectmen are wrong about the budget and I disagree with this decision'],
];

function flaggedDocument(id: string, text: string): SearchDocument {
  return { ...fixtureDocument('d05'), id, text, priorText: '', revision: 1 };
}

/**
 * Policy flags: the index computes the kinds a document's current text raises when it stores it, filters by
 * them (any of the listed kinds) and counts them as the `flag` facet.
 */
export function describePolicyFlags(factory: SearchIndexFactory): void {
  describe('policy flags', () => {
    let subject: SearchIndexUnderTest;
    let index: SearchIndex;
    beforeEach(async () => {
      subject = await factory.create();
      index = subject.index;
      await index.upsert(FLAGGED.map(([id, text]) => flaggedDocument(id, text)));
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('filters by flag, any of the listed kinds, alone or with a query and other filters', async () => {
      expect(await matchingIds(index, '', { flag: ['personal-information'] })).toEqual(['f1']);
      expect(await matchingIds(index, '', { flag: ['commercial'] })).toEqual(['f2']);
      expect(await matchingIds(index, '', { flag: ['crowdfunding', 'threat'] })).toEqual(['f2', 'f3']);
      expect(await matchingIds(index, '', { flag: ['spam'] })).toEqual(['f4']);
      expect(await matchingIds(index, 'budget', { flag: ['profanity', 'spam'] })).toEqual(['f3', 'f4']);
      expect(await matchingIds(index, '', { flag: ['threat'], status: ['deleted'] })).toEqual([]);
      expect(await matchingIds(index, '', { flag: [] })).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
    });

    it('counts each flag over the matches as the flag facet; an unflagged record counts in none', async () => {
      const { facets } = await index.search({ limit: 1 });
      expect(facets.flag).toEqual([
        { value: 'commercial', count: 1 },
        { value: 'crowdfunding', count: 1 },
        { value: 'personal-information', count: 1 },
        { value: 'profanity', count: 1 },
        { value: 'spam', count: 1 },
        { value: 'threat', count: 1 },
      ]);
      expect((await index.search({ q: 'budget', limit: 1 })).facets.flag).toEqual([
        { value: 'profanity', count: 1 },
        { value: 'spam', count: 1 },
        { value: 'threat', count: 1 },
      ]);
    });

    it('recomputes the flags when the text changes, and verifies them as stored', async () => {
      const edited = {
        ...flaggedDocument('f1', 'Call the town about the fence'),
        status: 'edited' as const,
        revision: 2,
      };
      await index.upsert([edited]);
      expect(await matchingIds(index, '', { flag: ['personal-information'] })).toEqual([]);
      await index.upsert([{ ...flaggedDocument('f5', 'Reach me at jane.doe@example.com'), revision: 2 }]);
      expect(await matchingIds(index, '', { flag: ['personal-information'] })).toEqual(['f5']);
      if (index.verify) {
        const verdicts = await index.verify([edited, flaggedDocument('f3', FLAGGED[2][1])]);
        expect(verdicts.map((verdict) => verdict.state)).toEqual(['same', 'same']);
      }
    });

    it('refuses an unknown flag', async () => {
      await expect(index.search({ filters: { flag: ['rude' as never] } })).rejects.toBeInstanceOf(SearchQueryError);
    });

    it('says a new index is current', async () => {
      if (index.outdated) expect(await index.outdated()).toBeNull();
    });
  });
}
