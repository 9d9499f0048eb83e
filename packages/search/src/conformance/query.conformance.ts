import { fixtureIds, matchingIds, useFixtureIndex, type SearchIndexFactory } from './harness';

const words = (document: { text: string; priorText: string; authorName: string }): string =>
  `${document.text} ${document.priorText} ${document.authorName}`;

/** The query language: operators, phrases, prefixes, folding, scripts and special tokens. */
export function describeQueryLanguage(factory: SearchIndexFactory): void {
  describe('query language', () => {
    const index = useFixtureIndex(factory);

    it('requires every word (implicit AND), in any order and case', async () => {
      expect(await matchingIds(index(), 'budget meeting')).toEqual(['d01', 'd31']);
      expect(await matchingIds(index(), 'MEETING Budget')).toEqual(['d01', 'd31']);
      expect(await matchingIds(index(), 'budget AND meeting')).toEqual(['d01', 'd31']);
    });

    it('matches a quoted phrase only with its words adjacent and in order', async () => {
      expect(await matchingIds(index(), '"budget meeting"')).toEqual(['d01']);
      expect(await matchingIds(index(), '"meeting budget"')).toEqual(['d31']);
      expect(await matchingIds(index(), '"elm street reopened"')).toEqual(['d16']);
    });

    it('matches words by prefix', async () => {
      const expected = fixtureIds((document) => /(^|[^\p{L}\p{N}])park/iu.test(words(document)));
      expect(await matchingIds(index(), 'park*')).toEqual(expected);
      expect(await matchingIds(index(), 'permit*')).toEqual(['d18', 'd20']);
    });

    it('combines with OR, NOT, a leading minus and parentheses', async () => {
      expect(await matchingIds(index(), 'snow OR library')).toEqual(['d19', 'd23', 'd26']);
      expect(await matchingIds(index(), 'budget -draft')).toEqual(['d01', 'd02', 'd31']);
      expect(await matchingIds(index(), 'budget NOT hearing')).toEqual(['d01', 'd21', 'd31']);
      expect(await matchingIds(index(), '(snow OR water) main')).toEqual(['d15', 'd29']);
      expect(await matchingIds(index(), 'snow OR water main')).toEqual(['d15', 'd19', 'd23', 'd29']);
      expect(await matchingIds(index(), '-(budget OR meeting) -street')).toEqual(
        fixtureIds((document) => !/budget|meeting|street/i.test(words(document))),
      );
    });

    it('treats lowercase and/or/not as ordinary words', async () => {
      expect(await matchingIds(index(), 'snow or library')).toEqual([]);
    });

    it('lists everything except the excluded for a purely negative query', async () => {
      expect(await matchingIds(index(), '-budget')).toEqual(fixtureIds((document) => !/budget/i.test(words(document))));
    });

    it('folds accents and case both ways', async () => {
      expect(await matchingIds(index(), 'cafe')).toEqual(['d04', 'd05']);
      expect(await matchingIds(index(), 'CAFÉ')).toEqual(['d04', 'd05']);
      expect(await matchingIds(index(), 'creme brulee')).toEqual(['d05']);
      expect(await matchingIds(index(), 'perez')).toEqual(['d03', 'd31']);
      expect(await matchingIds(index(), 'zoe muller')).toEqual(['d05', 'd25']);
    });

    it('finds CJK words inside longer runs of characters', async () => {
      expect(await matchingIds(index(), '会議')).toEqual(['d06']);
      expect(await matchingIds(index(), '議会')).toEqual(['d06']);
      expect(await matchingIds(index(), '植树')).toEqual(['d07']);
      expect(await matchingIds(index(), '서관')).toEqual(['d08']);
      expect(await matchingIds(index(), '会社')).toEqual([]);
    });

    it('finds Arabic and Hebrew words, pointed or not', async () => {
      expect(await matchingIds(index(), 'اجتماع')).toEqual(['d09']);
      expect(await matchingIds(index(), 'שלום')).toEqual(['d10']);
      expect(await matchingIds(index(), 'העיר')).toEqual(['d10']);
    });

    it('finds hashtags, emails, URLs and phone numbers', async () => {
      expect(await matchingIds(index(), '#ParadeDay2024')).toEqual(['d11', 'd12']);
      expect(await matchingIds(index(), 'paradeday2024')).toEqual(['d11', 'd12']);
      expect(await matchingIds(index(), 'clerk@town.example.gov')).toEqual(['d13']);
      expect(await matchingIds(index(), 'https://town.example.gov/agenda/2024-03-05')).toEqual(['d01']);
      expect(await matchingIds(index(), '555-0100')).toEqual(['d13']);
    });

    it('ignores terms with nothing searchable, and matches nothing when only those remain', async () => {
      expect(await matchingIds(index(), 'parade 🎉')).toEqual(['d11']);
      expect(await matchingIds(index(), '🎉')).toEqual([]);
    });

    it('finds words that were edited away (priorText) and author names', async () => {
      expect(await matchingIds(index(), 'cancelled')).toEqual(['d02', 'd23']);
      expect(await matchingIds(index(), 'proposal')).toEqual(['d21']);
      expect(await matchingIds(index(), '"Jordan Smith"')).toEqual(['d18', 'd29']);
    });

    it('reads text that looks like search-engine syntax as plain words', async () => {
      const equivalents: Array<[string, string]> = [
        ['^budget', 'budget'],
        ['budget + meeting', 'budget meeting'],
        ['budget:*', 'budget*'],
        ['{text}: budget', 'text budget'],
        ['NEAR(budget meeting)', 'near budget meeting'],
        ['budget:draft', '"budget draft"'],
      ];
      for (const [tricky, plain] of equivalents) {
        expect(await matchingIds(index(), tricky)).toEqual(await matchingIds(index(), plain));
      }
      expect(await matchingIds(index(), 'budget:draft')).toEqual(['d21']);
    });
  });
}
