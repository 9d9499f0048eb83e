import type { Client, estypes } from '@elastic/elasticsearch';
import { SearchQueryError, type SearchHit, type SearchResult } from '@verbatim/core';
import { decodeCursor, encodeCursor, type ElasticsearchCursor } from './cursor';
import { readFacets } from './facets';
import { readHighlight } from './highlights';
import type { PreparedSearch } from './search-request';

export interface SearchRunnerOptions {
  client: Client;
  alias: string;
  /** How long a point in time lives between two pages, e.g. `5m`. */
  keepAlive: string;
  /** Signs cursors. */
  cursorKey: string;
}

/**
 * Runs searches on points in time. Every search reads a point in time opened for its first page, so the first
 * page and every later one see the same snapshot: documents added or changed while someone pages are neither
 * repeated nor skipped (the port's promise). Pages continue with `search_after` from the last hit's sort values,
 * never with `from`, so depth costs nothing and the 10,000-hit window never applies. The point in time is closed
 * as soon as a page has no successor; an abandoned one expires after `keepAlive` (each page renews it).
 */
export class SearchRunner {
  constructor(private readonly options: SearchRunnerOptions) {}

  async run(prepared: PreparedSearch): Promise<SearchResult> {
    const cursor =
      prepared.cursor === undefined
        ? undefined
        : decodeCursor(prepared.cursor, this.options.cursorKey, prepared.queryHash);
    const pointInTimeId = cursor?.pointInTimeId ?? (await this.openPointInTime());
    let response: estypes.SearchResponse;
    try {
      response = await this.options.client.search(this.buildRequest(prepared, pointInTimeId, cursor));
    } catch (error) {
      if (!cursor) await this.closePointInTime(pointInTimeId);
      if (cursor && isMissingPointInTime(error)) {
        throw new SearchQueryError(
          `the cursor has expired: its snapshot was released after ${this.options.keepAlive} without a request; run the search again from the first page`,
        );
      }
      throw error;
    }
    return this.readResponse(prepared, response, response.pit_id ?? pointInTimeId);
  }

  buildRequest(
    prepared: PreparedSearch,
    pointInTimeId: string,
    cursor: ElasticsearchCursor | undefined,
  ): estypes.SearchRequest {
    return {
      pit: { id: pointInTimeId, keep_alive: this.options.keepAlive },
      query: prepared.query,
      sort: prepared.sort,
      ...(cursor ? { search_after: cursor.searchAfter } : {}),
      // One more than asked, to know whether a next page exists without counting.
      size: prepared.limit + 1,
      track_total_hits: true,
      _source: false,
      aggregations: prepared.aggregations,
      ...(prepared.highlight ? { highlight: prepared.highlight } : {}),
    };
  }

  private async readResponse(
    prepared: PreparedSearch,
    response: estypes.SearchResponse,
    pointInTimeId: string,
  ): Promise<SearchResult> {
    const hits = response.hits.hits.slice(0, prepared.limit);
    const last = hits[hits.length - 1];
    const hasMore = response.hits.hits.length > prepared.limit && last?.sort !== undefined;
    if (!hasMore) await this.closePointInTime(pointInTimeId);
    return {
      total: readTotal(response.hits.total),
      hits: hits.map((hit) => readHit(hit, prepared.scored)),
      facets: readFacets(response.aggregations),
      nextCursor: hasMore
        ? encodeCursor(
            {
              queryHash: prepared.queryHash,
              pointInTimeId,
              searchAfter: last.sort as ElasticsearchCursor['searchAfter'],
            },
            this.options.cursorKey,
          )
        : null,
    };
  }

  private async openPointInTime(): Promise<string> {
    const opened = await this.options.client.openPointInTime({
      index: this.options.alias,
      keep_alive: this.options.keepAlive,
    });
    return opened.id;
  }

  /** Releases a snapshot early. Failing to is harmless (it expires), so errors are not the caller's concern. */
  private async closePointInTime(id: string): Promise<void> {
    await this.options.client.closePointInTime({ id }).catch(() => undefined);
  }
}

function readHit(hit: estypes.SearchHit, scored: boolean): SearchHit {
  const result: SearchHit = { id: hit._id ?? '' };
  if (scored && typeof hit._score === 'number') result.score = hit._score;
  const highlight = readHighlight(hit.highlight);
  if (highlight !== undefined) result.highlight = highlight;
  return result;
}

function readTotal(total: estypes.SearchTotalHits | number | undefined): number {
  if (typeof total === 'number') return total;
  return total?.value ?? 0;
}

/** An expired or released point in time answers 404 with a search_context_missing_exception somewhere inside. */
function isMissingPointInTime(error: unknown): boolean {
  const meta = (error as { meta?: { statusCode?: number; body?: unknown } })?.meta;
  return meta?.statusCode === 404 && JSON.stringify(meta.body ?? '').includes('search_context_missing_exception');
}
