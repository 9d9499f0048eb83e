import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
} from '@verbatim/core';
import { DEFAULT_REQUEST_CONCURRENCY, type ConnectorOptions } from '../connector-options';
import { jsonOf, type PlatformResponse } from '../http/platform-http';
import { RequestPrefetch, type UpcomingRequest } from '../http/request-prefetch';
import { MastodonClient } from './mastodon-client';
import type { MastodonConnectorConfig } from './mastodon-connector.config';
import {
  decodeCursor,
  decodePass,
  encodeCursor,
  encodePass,
  type MastodonCursor,
  type MastodonPass,
  type MastodonTask,
} from './mastodon-cursor';
import { nextLinkOf } from './link-header';
import { MastodonAccountSchema } from './mastodon-payload.schema';
import { readContextPage, readHistoryPage, readStatusesPage, type PageReading } from './mastodon-pages';

/** Mastodon's maximum page size for account statuses. */
const STATUSES_PER_PAGE = 40;
/** Direct status lookups in flight at once while confirming deletions. */
const LOOKUP_CONCURRENCY = 4;

/**
 * Archives one Mastodon account. A pass lists the account's statuses to the end (following `Link: rel="next"`),
 * and for each status fetches its thread (`/context`) and, when edited, its history (`/history`): one request
 * per page, each stored as received. The cursor carries the next listing page and the threads and histories
 * still to fetch, so a rate limit or crash resumes exactly there. Those requests are made a few at a time ahead
 * of their turn (`requestConcurrency`) and handed out in the cursor's order (see RequestPrefetch).
 */
export class MastodonConnector implements Connector {
  private readonly client: MastodonClient;
  private readonly prefetch: RequestPrefetch<PlatformResponse>;

  constructor(
    private readonly config: MastodonConnectorConfig,
    options: ConnectorOptions = {},
  ) {
    this.client = new MastodonClient(config.instanceUrl, config.accessToken);
    this.prefetch = new RequestPrefetch(options.requestConcurrency ?? DEFAULT_REQUEST_CONCURRENCY);
  }

  /** Resolves the account (by username or id) and reads the instance's clock, which splits edits by pass. */
  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    this.prefetch.clear();
    const account = this.config.account.replace(/^@/, '');
    const path = /^\d+$/.test(account)
      ? `/api/v1/accounts/${account}`
      : `/api/v1/accounts/lookup?acct=${encodeURIComponent(account)}`;
    const response = await this.client.get(path, signal);
    if (response.status === 404 || response.status === 410) {
      throw new ConnectorConfigError(
        `there is no Mastodon account "${this.config.account}" on ${new URL(this.client.origin).host}: check the account setting`,
      );
    }
    if (response.status !== 200) throw this.client.unexpected(response, 'the account lookup');
    const parsed = MastodonAccountSchema.safeParse(jsonOf(response));
    if (!parsed.success) throw new Error(`the account lookup on ${this.client.origin} did not return an account`);
    const pass: MastodonPass = {
      accountId: parsed.data.id,
      at: instanceTimeOf(response),
      since: previousAt(previousPassToken),
    };
    const cursor: MastodonCursor = {
      listing: `/api/v1/accounts/${encodeURIComponent(pass.accountId)}/statuses?limit=${STATUSES_PER_PAGE}`,
      tasks: [],
    };
    return { passToken: encodePass(pass), firstCursor: encodeCursor(cursor) };
  }

  /** Fetches the next thread or history due, else the next listing page. */
  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodePass(passToken);
    const cursor = decodeCursor(cursorText);
    const [task, ...rest] = cursor.tasks;
    if (task === undefined && cursor.listing === null) throw new Error('the Mastodon cursor has nothing left to fetch');
    const response = await this.prefetch.take(this.upcoming(cursor, signal));
    if (task !== undefined) {
      if (response.status !== 200 && ![403, 404, 410].includes(response.status)) {
        throw this.client.unexpected(response, `the ${task.kind} of status ${task.statusId}`);
      }
      const reading = readTask(response, task, pass);
      return this.pageOf(response, reading, { listing: cursor.listing, tasks: [...reading.tasks, ...rest] });
    }
    if (response.status !== 200) throw this.client.unexpected(response, "the account's statuses");
    const reading = readStatusesPage(response, pass);
    const next = nextLinkOf(response.headers.get('link'), this.client.origin);
    return this.pageOf(response, reading, { listing: next === cursor.listing ? null : next, tasks: reading.tasks });
  }

  /** The requests the cursor still holds, in its order: the threads and histories, then the listing page. */
  private upcoming(cursor: MastodonCursor, signal?: AbortSignal): Array<UpcomingRequest<PlatformResponse>> {
    const requests = cursor.tasks.map((task) => {
      const path = `/api/v1/statuses/${encodeURIComponent(task.statusId)}/${task.kind}`;
      return { key: path, make: () => this.client.get(path, signal) };
    });
    const listing = cursor.listing;
    if (listing !== null) requests.push({ key: listing, make: () => this.client.get(listing, signal) });
    return requests;
  }

  /** Downloads a media file; the instance's token is not sent (media often lives on another host). */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    const response = await this.client.getMedia(sourceUrl, signal);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /** Looks each status up directly: 404 (Mastodon's "Record not found") or 410 means deleted. */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone = new Set<string>();
    let next = 0;
    const lookUp = async () => {
      while (next < platformIds.length) {
        const id = platformIds[next++];
        const response = await this.client.get(`/api/v1/statuses/${encodeURIComponent(id)}`, signal);
        if (response.status === 404 || response.status === 410) gone.add(id);
        else if (response.status !== 200 && response.status !== 403) {
          throw this.client.unexpected(response, `the lookup of status ${id}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, platformIds.length) }, lookUp));
    return platformIds.filter((id) => gone.has(id));
  }

  private pageOf(response: PlatformResponse, reading: PageReading, next: MastodonCursor): ConnectorPage {
    const done = next.listing === null && next.tasks.length === 0;
    return {
      raw: response.raw,
      contentType: response.contentType,
      source: response.url,
      items: reading.items,
      rejected: reading.rejected,
      nextCursor: done ? null : encodeCursor(next),
    };
  }
}

function readTask(response: PlatformResponse, task: MastodonTask, pass: MastodonPass): PageReading {
  return task.kind === 'context'
    ? readContextPage(response, task.statusId, pass)
    : readHistoryPage(response, task, pass);
}

/** The instance's clock (its `Date` header, to the second), so our clock's drift cannot misplace an edit. */
function instanceTimeOf(response: PlatformResponse): string {
  const date = Date.parse(response.headers.get('date') ?? '');
  return new Date(Number.isFinite(date) ? date : Date.now()).toISOString();
}

function previousAt(previousPassToken: string | null): string | null {
  if (previousPassToken === null) return null;
  try {
    return decodePass(previousPassToken).at;
  } catch {
    return null; // a token from an older format: every edit is emitted again, as on a first pass
  }
}
