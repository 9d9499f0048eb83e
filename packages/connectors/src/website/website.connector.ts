import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
  type PlatformItem,
} from '@verbatim/core';
import { z } from 'zod';
import { siteRateLimit, webGet } from '../http/web-fetch';
import { decodeToken, encodeToken } from '../opaque-token';
import { ROBOTS_AGENT, SiteRules } from './site-rules';
import { readWebPage } from './web-page';
import type { WebsiteConnectorConfig } from './website-connector.config';

const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
/** Pages one pass snapshots at most: links beyond are left for a narrower `urls` list, and the README says so. */
export const MAX_PAGES_PER_PASS = 500;

const QueuedSchema = z.strictObject({ url: z.string().min(1), depth: z.number().int().min(0) });
const CursorSchema = z.strictObject({ queue: z.array(QueuedSchema), seen: z.array(z.string()) });
type WebsiteCursor = z.infer<typeof CursorSchema>;
const PassSchema = z.strictObject({ sequence: z.number().int().min(1) });

/**
 * Snapshots a town's web pages that have no feed. A pass fetches each configured page and, up to `depth` links
 * away, the pages it links to on the same site (same origin), never what robots.txt disallows, at the pace the
 * site asks for (one request a second unless its Crawl-delay says otherwise). Each page is a post whose id is its
 * address and whose text is what a visitor reads; the page's bytes are the capture, so every pass keeps a
 * snapshot, and a new version is recorded only when the visible text changed. A page that answers 404 or 410 is
 * confirmed gone; one that is merely no longer linked is not.
 */
export class WebsiteConnector implements Connector {
  constructor(
    private readonly config: WebsiteConnectorConfig,
    private readonly rules = new SiteRules(),
    private readonly now: () => number = Date.now,
  ) {}

  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    const seeds = [...new Set(this.config.urls.map(withoutFragment))];
    const allowed: string[] = [];
    for (const url of seeds) if (await this.rules.isAllowed(url, signal)) allowed.push(url);
    if (allowed.length === 0) {
      throw new ConnectorConfigError(
        `robots.txt of ${new URL(seeds[0]).host} disallows every page in urls for ${ROBOTS_AGENT}: ask the site's owner to allow it, or archive the pages another way`,
      );
    }
    const sequence = previousPassToken === null ? 1 : sequenceOf(previousPassToken) + 1;
    const cursor: WebsiteCursor = { queue: allowed.map((url) => ({ url, depth: 0 })), seen: allowed };
    return { passToken: encodeToken({ sequence }), firstCursor: encodeToken(cursor) };
  }

  async fetchPage(_passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const cursor = decodeToken(cursorText, CursorSchema, 'website cursor');
    const [next, ...queue] = cursor.queue;
    if (next === undefined) throw new Error('the website cursor has nothing left to fetch');
    await this.rules.pace(next.url, signal);
    const response = await webGet(next.url, HTML_ACCEPT, signal);
    const limited = siteRateLimit(response, this.now());
    if (limited) throw limited;
    if (response.status >= 500)
      throw new Error(`${new URL(next.url).host} answered ${response.status} for ${next.url}; the sync will try again`);
    const items: PlatformItem[] = [];
    const seen = new Set(cursor.seen);
    if (response.status === 200 && /html/i.test(response.contentType)) {
      const page = readWebPage(new TextDecoder().decode(response.raw), next.url);
      items.push(this.itemOf(next.url, page.title, page.text, response.headers.get('last-modified')));
      if (next.depth < this.config.depth) {
        for (const link of page.links) {
          if (seen.size >= MAX_PAGES_PER_PASS) break;
          if (seen.has(link) || !this.isSameSite(link, next.url) || !(await this.rules.isAllowed(link, signal)))
            continue;
          seen.add(link);
          queue.push({ url: link, depth: next.depth + 1 });
        }
      }
    }
    const nextCursor = queue.length > 0 ? encodeToken({ queue, seen: [...seen] }) : null;
    return {
      raw: response.raw,
      contentType: response.contentType,
      source: next.url,
      items,
      rejected: [],
      nextCursor,
    };
  }

  /** Pages carry no attachments of their own: their bytes are the capture. */
  async fetchMedia(sourceUrl: string): Promise<MediaDownload> {
    throw new Error(`the website connector downloads no attachments (asked for ${sourceUrl})`);
  }

  /** A page is gone when its address answers 404 or 410 (asked at the site's pace); anything else is not proof. */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone: string[] = [];
    for (const url of platformIds) {
      if (!(await this.rules.isAllowed(url, signal))) continue;
      await this.rules.pace(url, signal);
      const response = await webGet(url, HTML_ACCEPT, signal);
      const limited = siteRateLimit(response, this.now());
      if (limited) throw limited;
      if (response.status === 404 || response.status === 410) gone.push(url);
    }
    return gone;
  }

  private itemOf(url: string, title: string, text: string, lastModified: string | null): PlatformItem {
    const modified = lastModified ? Date.parse(lastModified) : NaN;
    const host = new URL(url).host;
    return {
      platformId: url,
      kind: 'post',
      author: { id: host, name: host },
      text: [title, text].filter(Boolean).join('\n\n'),
      url,
      postedAt: new Date(Number.isFinite(modified) ? modified : this.now()).toISOString(),
      hidden: false,
      attachments: [],
    };
  }

  /** Same site: the origin of one of the configured pages, so a link out to another site is never followed. */
  private isSameSite(link: string, from: string): boolean {
    const origin = new URL(link).origin;
    return origin === new URL(from).origin || this.config.urls.some((url) => new URL(url).origin === origin);
  }
}

function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.toString();
}

function sequenceOf(passToken: string): number {
  try {
    return decodeToken(passToken, PassSchema, 'website pass token').sequence;
  } catch {
    return 0;
  }
}
