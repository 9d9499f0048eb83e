/** One link of an account's capture chain: the capture at `position` and the SHA-256 of the one before it. */
export interface CaptureChainLink {
  /** 1 for the account's first capture, then one more per capture, in the order they were recorded. */
  position: number;
  sha256: string;
  /** The SHA-256 of the account's capture at `position - 1`; null for the first. */
  previousSha256: string | null;
  /** The capture's catalog row (object key and when it was captured); null when the row is gone. */
  capture: { key: string; capturedAt: string } | null;
}

/** An account's capture chain, and the account's captures that are in no link of it. */
export interface CaptureChain {
  accountId: string;
  links: CaptureChainLink[];
  /** Captures of the account whose SHA-256 no link names: added or altered behind the application's back. */
  unlinked: Array<{ sha256: string; key: string; capturedAt: string }>;
}

/**
 * What verification reads of the catalog. The capture chain: each raw capture of an account records the SHA-256 of the account's previous capture, in
 * the transaction that records the capture, one append at a time per account (concurrent workers never fork it).
 */
export interface ArchiveIntegrityReader {
  /** The account's chain in position order (empty for an account without captures or unknown). */
  readCaptureChain(accountId: string): Promise<CaptureChain>;
  /** The media files archived for the account (each once), with the SHA-256 the catalog recorded for each. */
  listArchivedMedia(accountId: string): Promise<Array<{ sha256: string; key: string }>>;
}
