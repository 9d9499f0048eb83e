import type Database from 'better-sqlite3';
import type { RawCapture } from '@verbatim/core';

/**
 * Writes a capture that belongs to no page (a webhook delivery). One statement on the catalog's own connection:
 * the page writer may be another thread, and this needs nothing of its transaction.
 */
export class StandaloneCaptureWriter {
  private readonly insert: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO raw_captures (sha256, key, account_id, content_type,
      byte_length, source, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  }

  /** True when the capture was new; identical bytes already recorded change nothing. */
  record(capture: RawCapture): boolean {
    const { changes } = this.insert.run(
      capture.sha256,
      capture.key,
      capture.accountId,
      capture.contentType,
      capture.byteLength,
      capture.source,
      capture.capturedAt,
    );
    return changes > 0;
  }
}
