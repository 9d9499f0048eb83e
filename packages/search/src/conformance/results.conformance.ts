import { SearchQueryError } from '@verbatim/core';
import { FIXTURE_DOCUMENTS, fixtureDocument } from './fixture';
import { expectedFacets, fixtureIds, matchingIds, useFixtureIndex, type SearchIndexFactory } from './harness';

/** Filters, sort orders, facets and highlights. */
export function describeResults(factory: SearchIndexFactory): void {
  describe('filters', () => {
    const index = useFixtureIndex(factory);

    it('filters by each field', async () => {
      expect(await matchingIds(index(), '', { agencyId: ['agy_parks'] })).toEqual(
        fixtureIds((d) => d.agencyId === 'agy_parks'),
      );
      expect(await matchingIds(index(), '', { accountId: ['acc_clerk_x', 'acc_police_fb'] })).toEqual(
        fixtureIds((d) => d.accountId === 'acc_clerk_x' || d.accountId === 'acc_police_fb'),
      );
      expect(await matchingIds(index(), '', { platform: ['instagram'] })).toEqual(
        fixtureIds((d) => d.platform === 'instagram'),
      );
      expect(await matchingIds(index(), '', { kind: ['comment', 'reply'] })).toEqual(
        fixtureIds((d) => d.kind === 'comment' || d.kind === 'reply'),
      );
      expect(await matchingIds(index(), '', { status: ['hidden', 'deleted'] })).toEqual(
        fixtureIds((d) => d.status === 'hidden' || d.status === 'deleted'),
      );
      expect(await matchingIds(index(), '', { hasAttachments: true })).toEqual(fixtureIds((d) => d.hasAttachments));
      expect(await matchingIds(index(), '', { hasAttachments: false })).toEqual(fixtureIds((d) => !d.hasAttachments));
    });

    it('filters by exact author names', async () => {
      expect(await matchingIds(index(), '', { author: ['Sam Lee'] })).toEqual(['d12', 'd17']);
      expect(await matchingIds(index(), '', { author: ['Sam Lee', 'María José Pérez'] })).toEqual([
        'd03',
        'd12',
        'd17',
        'd31',
      ]);
      expect(await matchingIds(index(), '', { author: ['sam lee'] })).toEqual([]);
    });

    it('includes both date bounds', async () => {
      const filters = { postedFrom: fixtureDocument('d15').postedAt, postedTo: fixtureDocument('d19').postedAt };
      expect(await matchingIds(index(), '', filters)).toEqual(['d15', 'd16', 'd17', 'd18', 'd19']);
      expect(await matchingIds(index(), '', { postedFrom: '2024-03-04', postedTo: '2024-03-04' })).toEqual([
        'd06',
        'd07',
        'd08',
      ]);
      expect(await matchingIds(index(), '', { postedFrom: '2024-03-21T00:00:00Z' })).toEqual(['d31', 'd32']);
    });

    it('combines filters with each other and with the query', async () => {
      const filters = {
        agencyId: ['agy_clerk'],
        kind: ['post' as const],
        status: ['live' as const],
        postedFrom: '2024-03-05',
      };
      expect(await matchingIds(index(), 'meeting', filters)).toEqual(['d22', 'd23']);
    });

    it('matches nothing for a value never indexed, and refuses an unreadable date', async () => {
      expect(await matchingIds(index(), '', { agencyId: ['agy_nowhere'] })).toEqual([]);
      await expect(index().search({ filters: { postedFrom: 'last tuesday' } })).rejects.toBeInstanceOf(
        SearchQueryError,
      );
    });
  });

  describe('sorting, facets and highlights', () => {
    const index = useFixtureIndex(factory);
    const byDate = [...FIXTURE_DOCUMENTS].sort((a, b) => a.postedAt.localeCompare(b.postedAt)).map((d) => d.id);

    it('sorts newest first by default without a query, oldest first on request', async () => {
      expect((await index().search({ limit: 100 })).hits.map((hit) => hit.id)).toEqual([...byDate].reverse());
      expect((await index().search({ sort: 'oldest', limit: 100 })).hits.map((hit) => hit.id)).toEqual(byDate);
      const filtered = await index().search({ q: 'budget', sort: 'oldest' });
      expect(filtered.hits.map((hit) => hit.id)).toEqual(['d01', 'd02', 'd21', 'd31']);
    });

    it('sorts by relevance by default with a query, scores descending, current text above edited-away text', async () => {
      const result = await index().search({ q: 'cancelled' });
      expect(result.hits.map((hit) => hit.id)).toEqual(['d23', 'd02']);
      const scores = (await index().search({ q: 'budget OR meeting' })).hits.map((hit) => hit.score!);
      expect(scores.every((score, at) => typeof score === 'number' && (at === 0 || scores[at - 1] >= score))).toBe(
        true,
      );
    });

    it('counts facets over every match', async () => {
      expect((await index().search({ limit: 1 })).facets).toEqual(expectedFacets(FIXTURE_DOCUMENTS));
      const meeting = FIXTURE_DOCUMENTS.filter((d) => /meeting/i.test(d.text));
      expect((await index().search({ q: 'meeting', limit: 1 })).facets).toEqual(expectedFacets(meeting));
      const clerkLive = FIXTURE_DOCUMENTS.filter((d) => d.agencyId === 'agy_clerk' && d.status === 'live');
      const filtered = await index().search({ filters: { agencyId: ['agy_clerk'], status: ['live'] }, limit: 2 });
      expect(filtered.facets).toEqual(expectedFacets(clerkLive));
      expect(filtered.total).toBe(clerkLive.length);
    });

    it('marks matches and escapes everything else', async () => {
      const [script] = (await index().search({ q: 'script' })).hits;
      expect(script.highlight).toMatch(/<mark>script<\/mark>/);
      expect(script.highlight).toContain('&lt;');
      expect(script.highlight).not.toMatch(/<script/);
      const [watches] = (await index().search({ q: 'watches' })).hits;
      expect(watches.highlight).toMatch(/<mark>watches<\/mark> &amp; more/);
      const [cafe] = (await index().search({ q: 'cafe', filters: { kind: ['post'] } })).hits;
      expect(cafe.highlight).toMatch(/<mark>Café<\/mark>/);
      const [japanese] = (await index().search({ q: '会議' })).hits;
      expect(japanese.highlight).toMatch(/<mark>[^<]*会/);
      expect(japanese.highlight!.replace(/<\/?mark>/g, '')).toBe('市議会の会議は明日の午後です');
    });

    it('highlights edited-away text when that is where the match is', async () => {
      const [hit] = (await index().search({ q: 'proposal' })).hits;
      expect(hit.highlight).toMatch(/<mark>proposal<\/mark>/);
    });
  });
}
