import type { AttachmentSchema, Author, RecordKind } from '../record.schema';
import type { z } from 'zod';

/** An item as the connector read it from the platform, mapped to our model but not yet archived. */
export interface PlatformItem {
  platformId: string;
  kind: RecordKind;
  parentPlatformId?: string;
  threadRootPlatformId?: string;
  author: Author;
  text: string;
  url?: string;
  postedAt: string;
  editedAt?: string;
  hidden: boolean;
  attachments: Array<Pick<z.infer<typeof AttachmentSchema>, 'kind' | 'sourceUrl' | 'mediaType' | 'width' | 'height'>>;
}

/** A payload (or one item in it) that failed validation; `itemIndex` is null when the whole page was unreadable. */
export interface RejectedPayload {
  itemIndex: number | null;
  reason: string;
}

/** One response from the platform: its exact bytes, what could be read from them, and where to go next. */
export interface ConnectorPage {
  /** The response body exactly as received. The archive stores these bytes, never a re-serialization. */
  raw: Uint8Array;
  contentType: string;
  /** What was requested (URL or description), kept with the capture as provenance. */
  source: string;
  items: PlatformItem[];
  rejected: RejectedPayload[];
  /** Opaque cursor of the next page of this pass; null when the pass has seen everything. */
  nextCursor: string | null;
  /**
   * What the platform would not give, in plain words with what reaches it (an access tier without search, say):
   * kept with the sync run and shown on the account, so nothing is skipped silently.
   */
  notices?: string[];
}

export interface MediaDownload {
  bytes: Uint8Array;
  contentType: string;
}

/** Opens a pass over the account's content. */
export interface PassStart {
  /** Opaque token that identifies this pass to the connector; handed back to `beginPass` next time. */
  passToken: string;
  firstCursor: string;
}

/**
 * A platform API seen through one account. A connector never writes storage: it returns bytes and items,
 * and the ingest worker archives them.
 */
export interface Connector {
  /**
   * True when a pass may list an item's earlier states again (a wiki page's revisions read anew after a pass
   * that did not finish): the sync then leaves out items whose content is already one of the record's
   * versions, so they are not taken for new edits.
   */
  readonly replaysHistory?: boolean;
  /**
   * Starts a new full pass over the account, given the token of the last completed pass (null on the first).
   * The mock platform advances its simulated clock one step here.
   */
  beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart>;
  /** Fetches one page of the pass. Throws `RateLimitedError` when the platform asks us to wait. */
  fetchPage(passToken: string, cursor: string, signal?: AbortSignal): Promise<ConnectorPage>;
  /** Downloads an attachment's bytes (platform media links expire, so this happens at ingest). */
  fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload>;
  /**
   * Looks the given items up directly and returns those the platform confirms are gone. Items missing from a
   * listing are only tombstoned after this confirms it, because listings can omit items that still exist.
   */
  confirmGone(passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]>;
}

/** Thrown by a connector when the platform rate-limits us; the worker waits `retryAfterMs` and resumes. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    message = `platform rate limit reached; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
  ) {
    super(message);
  }
}

/** Thrown when a connector's config is unusable; retrying will not help, the account's settings must change. */
export class ConnectorConfigError extends Error {
  override readonly name: string = 'ConnectorConfigError';
}

/**
 * Thrown when the platform refuses the account's credentials (an expired or revoked token). The message says it
 * in plain words with what to do ("the Page's access token is invalid or expired: reconnect the Page"); like a
 * config error it is not retried, since only a new token helps.
 */
export class ConnectorCredentialsError extends ConnectorConfigError {
  override readonly name = 'ConnectorCredentialsError';
}
