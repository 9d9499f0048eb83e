import {
  ConnectorCredentialsError,
  RateLimitedError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
} from '@verbatim/core';
import type { MockConnectorConfig, MockConnectorConfigInput } from './mock-connector.config';
import { decodeMockCursor, encodeMockCursor } from './mock-cursor';
import { serializeMockPage, type MockPageDefect } from './mock-page';
import { readMockPage } from './mock-payload.mapper';
import { MockPlatform } from './mock-platform';
import { hashInts } from './prng';

const CONTENT_TYPE = 'application/json; charset=UTF-8';

/**
 * The connector for the simulated platform. Each pass is one step of simulated time: the pass token is the
 * step number. Pages go through the same path as a real connector's: serialized to bytes as "sent", then
 * parsed and validated from those bytes, so quarantine and raw-capture code see real failures.
 */
export class MockConnector implements Connector {
  readonly platform: MockPlatform;
  private readonly config: MockConnectorConfig;
  private fetchCount = 0;
  /** The page refused last; its retry is let through so a rate limit never loops. */
  private lastRateLimited: string | undefined;

  constructor(config: MockConnectorConfigInput) {
    this.platform = new MockPlatform(config);
    this.config = this.platform.config;
  }

  /** Advances simulated time one step: the first pass is step 1, each later pass the previous step + 1. */
  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    signal?.throwIfAborted();
    const step = previousPassToken === null ? 1 : parseStep(previousPassToken) + 1;
    return { passToken: String(step), firstCursor: encodeMockCursor({ step, post: 0, comment: -1, page: 0 }) };
  }

  /** Serves `pageSize` listed items from the cursor's position; throws `RateLimitedError` when configured to. */
  async fetchPage(passToken: string, cursor: string, signal?: AbortSignal): Promise<ConnectorPage> {
    signal?.throwIfAborted();
    const step = parseStep(passToken);
    const position = decodeMockCursor(cursor);
    if (position.step !== step) throw new Error(`mock cursor belongs to pass ${position.step}, not pass ${passToken}`);
    this.failIfAsked();
    this.applyRateLimit(`${passToken}|${cursor}`);

    const { items, next } = this.platform.listPage(step, position, this.config.pageSize);
    const nextCursor = next === null ? null : encodeMockCursor({ step, ...next, page: position.page + 1 });
    const pageNumber = position.page + 1;
    const raw = serializeMockPage(
      items,
      { before: cursor, after: nextCursor, next: nextCursor === null ? null : this.sourceOf(step, nextCursor) },
      this.defectOf(pageNumber),
      hashInts(this.config.seed, step, pageNumber),
    );
    // Parse what was "received", never the objects we serialized: that is what a real connector does.
    const { items: parsed, rejected } = readMockPage(raw);
    // The next cursor is the platform's own, so it advances even when the page's bytes are unreadable.
    return { raw, contentType: CONTENT_TYPE, source: this.sourceOf(step, cursor), items: parsed, rejected, nextCursor };
  }

  /** Returns the PNG behind a `mock://media/…` URL this platform issued; throws for any other URL. */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    signal?.throwIfAborted();
    const media = this.platform.renderMedia(sourceUrl);
    if (media === undefined) throw new Error(`mock media not found: ${sourceUrl}`);
    return { bytes: media.bytes, contentType: 'image/png' };
  }

  /** Of `platformIds`, those deleted by the pass's step or never created. */
  async confirmGone(passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    signal?.throwIfAborted();
    const step = parseStep(passToken);
    return platformIds.filter((platformId) => {
      const item = this.platform.itemAt(step, platformId);
      return item === undefined || item.deleted;
    });
  }

  private sourceOf(step: number, cursor: string): string {
    return `https://graph.social.example/v21.0/${this.platform.pageId}/stream?pass=${step}&limit=${this.config.pageSize}&after=${cursor}`;
  }

  private defectOf(pageNumber: number): MockPageDefect {
    const { corruptPageEvery, malformedEveryPages } = this.config;
    if (corruptPageEvery !== undefined && pageNumber % corruptPageEvery === 0) return 'corrupt';
    if (malformedEveryPages !== undefined && pageNumber % malformedEveryPages === 0) return 'malformed-item';
    return 'none';
  }

  /** Refuses every Nth fetch, but never the retry of the page just refused. */
  private applyRateLimit(pageKey: string): void {
    const every = this.config.rateLimitEveryPages;
    if (every === undefined) return;
    this.fetchCount++;
    if (this.fetchCount % every !== 0) return;
    if (this.lastRateLimited === pageKey) {
      this.lastRateLimited = undefined;
      return;
    }
    this.lastRateLimited = pageKey;
    throw new RateLimitedError(this.config.rateLimitWaitMs);
  }

  /** The failure `failWith` asks for, worded as a real platform's would be. */
  private failIfAsked(): void {
    if (this.config.failWith === 'credentials')
      throw new ConnectorCredentialsError(
        'the mock platform refused the access token (HTTP 401 Unauthorized): it has expired or was revoked',
      );
    if (this.config.failWith === 'unreachable')
      throw new Error('connect ECONNREFUSED mock.platform.invalid:443: the mock platform could not be reached');
  }
}

function parseStep(passToken: string): number {
  const step = Number(passToken);
  if (!/^\d+$/.test(passToken) || !Number.isSafeInteger(step) || step < 1) {
    throw new Error(`invalid mock pass token "${passToken}": expected a step number`);
  }
  return step;
}
