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
import { webGet } from '../http/web-fetch';
import { decodeToken, encodeToken } from '../opaque-token';
import { MediawikiClient, type WikiAnswer } from './mediawiki-client';
import { DEFAULT_NAMESPACE, type MediawikiConnectorConfig } from './mediawiki-connector.config';
import { itemOfRevision, WIKITEXT_MEDIA_TYPE, type WikiAddresses } from './mediawiki-items';
import { WikiPageSchema, WikiRevisionSchema, type WikiRevision } from './mediawiki-payload.schema';

/** What the API allows per request when revisions' content is asked for (and for titles or page ids). */
const BATCH = 50;
const REVISION_PROPS = 'ids|timestamp|user|userid|comment|content|sha1|flags';

/** The wiki's newest revision when a pass began: a pass reads revisions up to it, the next one those after it. */
const BoundSchema = z.strictObject({ revid: z.number().int(), timestamp: z.string() });
type Bound = z.infer<typeof BoundSchema>;
const PassSchema = z.strictObject({
  sequence: z.number().int().min(1),
  after: BoundSchema.nullable(),
  upTo: BoundSchema.nullable(),
});
type WikiPass = z.infer<typeof PassSchema>;
/** A page whose revisions since the last pass are to be read, oldest first; `url` is the next request. */
const TaskSchema = z.strictObject({
  pageid: z.number().int(),
  title: z.string(),
  url: z.string(),
  createdAt: z.string().optional(),
});
type HistoryTask = z.infer<typeof TaskSchema>;
const CursorSchema = z.strictObject({ listings: z.array(z.string()), tasks: z.array(TaskSchema) });
type WikiCursor = z.infer<typeof CursorSchema>;

interface Reading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  tasks: HistoryTask[];
}

/**
 * Archives a MediaWiki wiki through its Action API: each page a record, each revision a version by its editor
 * at its time. A pass first notes the wiki's newest revision (`list=allrevisions`), then lists the chosen pages
 * with their latest revision (`generator=allpages` by namespace, `generator=categorymembers`, or `titles`),
 * following `continue`. A page with no revision since the last pass is seen as it is; a changed one has its new
 * revisions read oldest first (`prop=revisions&rvdir=newer`, `rvcontinue`), up to the noted revision so the
 * next pass starts exactly after it. Requests carry `maxlag`; a lagging or rate-limited wiki stops the pass
 * with its wait, and it resumes from the refused request. A page missing from the listing is tombstoned only
 * once a lookup by page id answers `missing`.
 */
export class MediawikiConnector implements Connector {
  readonly replaysHistory = true;
  private readonly client: MediawikiClient;
  private readonly addresses: WikiAddresses;

  constructor(private readonly config: MediawikiConnectorConfig) {
    this.client = new MediawikiClient(config);
    this.addresses = {
      pageUrl: (pageid) => this.client.indexUrl({ curid: String(pageid) }),
      rawRevisionUrl: (revid) => this.client.indexUrl({ action: 'raw', oldid: String(revid) }),
    };
  }

  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    const category = this.config.category;
    const { query } = await this.client.query(
      this.client.urlOf({
        list: 'allrevisions',
        arvlimit: '1',
        arvprop: 'ids|timestamp',
        ...(category ? { titles: `Category:${category}`, prop: 'categoryinfo' } : {}),
      }),
      signal,
    );
    if (category) {
      const page = WikiPageSchema.safeParse(query.query?.pages?.[0]);
      if (!page.success || (page.data.missing && !page.data.categoryinfo?.size)) {
        throw new ConnectorConfigError(
          `the wiki has no category “${category}”: check the category setting (its name without “Category:”)`,
        );
      }
    }
    const newest = query.query?.allrevisions?.[0]?.revisions[0];
    const previous = previousPass(previousPassToken);
    const pass: WikiPass = {
      sequence: (previous?.sequence ?? 0) + 1,
      after: previous?.upTo ?? null,
      upTo: newest ? { revid: newest.revid, timestamp: newest.timestamp } : null,
    };
    return { passToken: encodeToken(pass), firstCursor: encodeToken({ listings: this.listings(), tasks: [] }) };
  }

  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodeToken(passToken, PassSchema, 'wiki pass token');
    const cursor = decodeToken(cursorText, CursorSchema, 'wiki cursor');
    const [task, ...tasks] = cursor.tasks;
    if (task !== undefined) {
      const answer = await this.client.query(task.url, signal);
      const { reading, next } = this.readHistory(answer, task, pass);
      return pageOf(answer, task.url, reading, { ...cursor, tasks: next ? [next, ...tasks] : tasks });
    }
    const [listing, ...listings] = cursor.listings;
    if (listing === undefined) throw new Error('the wiki cursor has nothing left to fetch');
    const answer = await this.client.query(listing, signal);
    const reading = this.readListing(answer, pass);
    const more = answer.query.continue ? [continued(listing, answer.query.continue)] : [];
    return pageOf(answer, listing, reading, { listings: [...more, ...listings], tasks: reading.tasks });
  }

  /** A revision's wikitext as `index.php?action=raw` serves it. */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    const response = await webGet(sourceUrl, `${WIKITEXT_MEDIA_TYPE}, text/plain`, signal);
    if (response.status !== 200) throw new Error(`the wiki answered ${response.status} for ${sourceUrl}`);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /** Pages the wiki answers `missing` for when asked by page id: deleted (or moved out of reach of any reader). */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone: string[] = [];
    for (let start = 0; start < platformIds.length; start += BATCH) {
      const batch = platformIds.slice(start, start + BATCH);
      const { query } = await this.client.query(this.client.urlOf({ pageids: batch.join('|') }), signal);
      for (const element of query.query?.pages ?? []) {
        const page = WikiPageSchema.safeParse(element);
        if (page.success && page.data.missing && page.data.pageid !== undefined) gone.push(String(page.data.pageid));
      }
    }
    return gone.filter((id) => platformIds.includes(id));
  }

  /** The first request of each listing: one by namespace or category, or one per 50 titles. */
  private listings(): string[] {
    const latest = { prop: 'revisions', rvprop: REVISION_PROPS, rvslots: 'main' };
    const { pages, category } = this.config;
    if (pages) {
      const urls: string[] = [];
      for (let start = 0; start < pages.length; start += BATCH)
        urls.push(this.client.urlOf({ ...latest, titles: pages.slice(start, start + BATCH).join('|') }));
      return urls;
    }
    if (category) {
      const members = { generator: 'categorymembers', gcmtitle: `Category:${category}`, gcmtype: 'page' };
      return [this.client.urlOf({ ...latest, ...members, gcmlimit: String(BATCH) })];
    }
    const namespace = String(this.config.namespace ?? DEFAULT_NAMESPACE);
    return [this.client.urlOf({ ...latest, generator: 'allpages', gapnamespace: namespace, gaplimit: String(BATCH) })];
  }

  /**
   * The listed pages: one unchanged since the last pass is seen in its latest revision; a changed one (or every
   * one, on the first pass) becomes a task reading its revisions since.
   */
  private readListing(answer: WikiAnswer, pass: WikiPass): Reading {
    const reading: Reading = { items: [], rejected: [], tasks: [] };
    (answer.query.query?.pages ?? []).forEach((element, index) => {
      const page = WikiPageSchema.safeParse(element);
      if (!page.success) {
        reading.rejected.push({ itemIndex: index, reason: `query.pages[${index}]: ${page.error.issues[0].message}` });
        return;
      }
      const { pageid, title, revisions } = page.data;
      if (page.data.missing || page.data.invalid || pageid === undefined || title === undefined || !revisions?.length)
        return;
      const latest = WikiRevisionSchema.safeParse(revisions[0]);
      if (!latest.success) {
        const issue = latest.error.issues[0];
        reading.rejected.push({
          itemIndex: index,
          reason: `query.pages[${index}].revisions[0].${issue.path.join('.')}: ${issue.message}`,
        });
        return;
      }
      if (pass.after !== null && latest.data.revid <= pass.after.revid) {
        reading.items.push(itemOfRevision({ pageid, title }, latest.data, undefined, this.addresses));
      } else if (pass.upTo !== null) {
        reading.tasks.push({ pageid, title, url: this.historyUrl(pageid, pass.after) });
      }
    });
    return reading;
  }

  /** One request of a page's history: its revisions after the last pass and up to this one's, oldest first. */
  private readHistory(
    answer: WikiAnswer,
    task: HistoryTask,
    pass: WikiPass,
  ): { reading: Reading; next: HistoryTask | null } {
    const reading: Reading = { items: [], rejected: [], tasks: [] };
    const page = WikiPageSchema.safeParse(answer.query.query?.pages?.[0]);
    if (!page.success || page.data.missing) return { reading, next: null };
    let createdAt = task.createdAt;
    let reachedBound = false;
    (page.data.revisions ?? []).forEach((element, index) => {
      const revision = WikiRevisionSchema.safeParse(element);
      if (!revision.success) {
        const issue = revision.error.issues[0];
        reading.rejected.push({
          itemIndex: index,
          reason: `query.pages[0].revisions[${index}].${issue.path.join('.')}: ${issue.message}`,
        });
        return;
      }
      if (!isInPass(revision.data, pass)) {
        reachedBound ||= pass.upTo !== null && revision.data.revid > pass.upTo.revid;
        return;
      }
      if (revision.data.parentid === 0) createdAt = new Date(revision.data.timestamp).toISOString();
      reading.items.push(itemOfRevision(task, revision.data, createdAt, this.addresses));
    });
    const more = answer.query.continue;
    const next = more && !reachedBound ? { ...task, url: continued(task.url, more), createdAt } : null;
    return { reading, next };
  }

  private historyUrl(pageid: number, after: Bound | null): string {
    return this.client.urlOf({
      prop: 'revisions',
      pageids: String(pageid),
      rvprop: REVISION_PROPS,
      rvslots: 'main',
      rvlimit: String(BATCH),
      rvdir: 'newer',
      ...(after ? { rvstart: after.timestamp } : {}),
    });
  }
}

function isInPass(revision: WikiRevision, pass: WikiPass): boolean {
  return (
    (pass.after === null || revision.revid > pass.after.revid) &&
    pass.upTo !== null &&
    revision.revid <= pass.upTo.revid
  );
}

/**
 * The request again with the answer's `continue` values in place of the last ones (every continuation
 * parameter ends in `continue`), as the API asks clients to continue.
 */
function continued(url: string, values: Record<string, string | number>): string {
  const next = new URL(url);
  for (const name of [...next.searchParams.keys()]) if (name.endsWith('continue')) next.searchParams.delete(name);
  for (const [name, value] of Object.entries(values)) next.searchParams.set(name, String(value));
  return next.toString();
}

function pageOf(answer: WikiAnswer, source: string, reading: Reading, next: WikiCursor): ConnectorPage {
  const done = next.listings.length === 0 && next.tasks.length === 0;
  return {
    raw: answer.response.raw,
    contentType: answer.response.contentType,
    source,
    items: reading.items,
    rejected: reading.rejected,
    nextCursor: done ? null : encodeToken(next),
  };
}

function previousPass(token: string | null): WikiPass | null {
  if (token === null) return null;
  try {
    return decodeToken(token, PassSchema, 'wiki pass token');
  } catch {
    return null;
  }
}
