import type { QuarantineEntry, RawCapture } from '../record.schema';

/** Raw captures stored in one UTC hour. */
export interface CaptureCount {
  /** The hour, as `YYYY-MM-DDTHH` in UTC. */
  hour: string;
  captures: number;
  /** Bytes of the captures as stored. */
  bytes: number;
}

/**
 * The provenance behind the records: raw captures (platform responses exactly as received) and quarantined
 * payloads that failed validation. Written only by a sync's `applyPage`.
 */
export interface CaptureReader {
  /** The capture's metadata (its bytes are in the object store under its `key`); null when unknown. */
  getCapture(sha256: string): Promise<RawCapture | null>;
  /** Rejected payloads kept for review, oldest first; of one account, or of all. */
  listQuarantine(accountId?: string): Promise<QuarantineEntry[]>;
  /**
   * Raw captures (pages as received; identical bytes are one capture) stored at or after `since`, counted per
   * UTC hour, oldest first, hours without captures left out. Callers group hours into days in their time zone.
   */
  countCapturesByHour(since: string): Promise<CaptureCount[]>;
}
