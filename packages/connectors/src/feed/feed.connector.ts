import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
  type PlatformItem,
  type RejectedPayload,
} from '@verbatim/core';
import { z } from 'zod';
import { siteRateLimit, webGet } from '../http/web-fetch';
import type { PlatformResponse } from '../http/platform-http';
import { decodeToken, encodeToken } from '../opaque-token';
import type { FeedConnectorConfig } from './feed-connector.config';
import { readFeedDocument, type FeedDocument } from './feed-document';
import { itemOfEntry } from './feed-entry.mapper';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
/** A paged feed longer than this is cut off: a loop of `next` links must end. */
const MAX_FEED_PAGES = 5000;

const CursorSchema = z.strictObject({ url: z.string().min(1), page: z.number().int().min(0) });
type FeedCursor = z.infer<typeof CursorSchema>;
const PassSchema = z.strictObject({ sequence: z.number().int().min(1) });

/**
 * Archives a blog or news page through its RSS 2.0 or Atom feed. A pass reads the feed, and the pages of a
 * paged feed (RFC 5005 `next` links) to their end; each entry is a post, an entry whose text changed a new
 * version, and each entry's page is fetched at capture and kept as it was served. A feed lists only its latest
 * entries, so one missing from it says nothing: entries are never marked deleted (see confirmGone).
 */
export class FeedConnector implements Connector {
  constructor(
    private readonly config: FeedConnectorConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async beginPass(previousPassToken: string | null): Promise<PassStart> {
    const sequence = previousPassToken === null ? 1 : sequenceOf(previousPassToken) + 1;
    return { passToken: encodeToken({ sequence }), firstCursor: encodeToken({ url: this.config.url, page: 0 }) };
  }

  async fetchPage(_passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const cursor: FeedCursor = decodeToken(cursorText, CursorSchema, 'feed cursor');
    const response = await webGet(cursor.url, FEED_ACCEPT, signal);
    const limited = siteRateLimit(response, this.now());
    if (limited) throw limited;
    if (response.status !== 200) throw refusal(response, cursor.page === 0);
    const document = readFeedDocument(new TextDecoder().decode(response.raw), cursor.url);
    if ('problem' in document) {
      if (cursor.page === 0) {
        throw new ConnectorConfigError(
          `${cursor.url} is not a feed: ${document.problem}. Use the address of the site's RSS or Atom feed`,
        );
      }
      return pageOf(response, [], [{ itemIndex: null, reason: document.problem }], null);
    }
    const { items, rejected } = this.readEntries(document);
    const next =
      document.next && document.next !== cursor.url && cursor.page + 1 < MAX_FEED_PAGES ? document.next : null;
    return pageOf(response, items, rejected, next ? encodeToken({ url: next, page: cursor.page + 1 }) : null);
  }

  /** Entry pages, photos and files: the address without its snapshot fragment, as the site serves it. */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    const url = new URL(sourceUrl);
    url.hash = '';
    const response = await webGet(url.toString(), '*/*', signal);
    const limited = siteRateLimit(response, this.now());
    if (limited) throw limited;
    if (response.status !== 200) throw new Error(`${url.host} answered ${response.status} for ${url.toString()}`);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /**
   * Never confirms a deletion: a feed drops its older entries as new ones come, and an entry's page may move,
   * so neither says the town removed it. Entries stay as last captured.
   */
  async confirmGone(): Promise<string[]> {
    return [];
  }

  private readEntries(document: FeedDocument): { items: PlatformItem[]; rejected: RejectedPayload[] } {
    const feedDate = document.updated ? Date.parse(document.updated) : NaN;
    const context = {
      feedTitle: document.title || new URL(this.config.url).host,
      undatedAt: new Date(Number.isFinite(feedDate) ? feedDate : this.now()).toISOString(),
    };
    const items: PlatformItem[] = [];
    const rejected: RejectedPayload[] = [];
    document.entries.forEach((entry, index) => {
      const read = 'problem' in entry ? entry : itemOfEntry(entry, context);
      if ('problem' in read) rejected.push({ itemIndex: index, reason: `entry ${index + 1}: ${read.problem}` });
      else items.push(read);
    });
    return { items, rejected };
  }
}

function refusal(response: PlatformResponse, first: boolean): Error {
  const { host } = new URL(response.url);
  const what = `${host} answered ${response.status} for the feed ${response.url}`;
  if (response.status === 404 || response.status === 410)
    return new ConnectorConfigError(`${what}: there is no feed there now; check the url setting`);
  if (response.status === 401 || response.status === 403)
    return new ConnectorConfigError(`${what}: the feed is not public; ask the site's owner, or check the url setting`);
  if (first && response.status >= 400 && response.status < 500) return new ConnectorConfigError(what);
  return new Error(`${what}; the sync will try again`);
}

function pageOf(
  response: PlatformResponse,
  items: PlatformItem[],
  rejected: RejectedPayload[],
  nextCursor: string | null,
): ConnectorPage {
  return { raw: response.raw, contentType: response.contentType, source: response.url, items, rejected, nextCursor };
}

function sequenceOf(passToken: string): number {
  try {
    return decodeToken(passToken, PassSchema, 'feed pass token').sequence;
  } catch {
    return 0;
  }
}
