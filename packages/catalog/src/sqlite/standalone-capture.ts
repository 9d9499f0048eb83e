import type Database from 'better-sqlite3';
import type { RawCapture } from '@verbatim/core';
import { CaptureChainRepository } from './integrity/capture-chain.repository';

/**
 * Writes a capture that belongs to no page (a webhook delivery). One transaction (the capture and its chain link) on the catalog's own connection:
 * the page writer may be another thread, and this needs nothing of its transaction.
 */
export class StandaloneCaptureWriter {
  private readonly insert: Database.Statement;
  private readonly captureChain: CaptureChainRepository;
  private readonly transaction: Database.Transaction<(capture: RawCapture) => boolean>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO raw_captures (sha256, key, account_id, content_type,
      byte_length, source, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.captureChain = new CaptureChainRepository(db);
    this.transaction = db.transaction((capture: RawCapture) => this.recordInTransaction(capture));
  }

  /** True when the capture was new; identical bytes already recorded change nothing. */
  record(capture: RawCapture): boolean {
    return this.transaction.immediate(capture);
  }

  /** The capture and its link to the account's chain, together. */
  private recordInTransaction(capture: RawCapture): boolean {
    const { changes } = this.insert.run(
      capture.sha256,
      capture.key,
      capture.accountId,
      capture.contentType,
      capture.byteLength,
      capture.source,
      capture.capturedAt,
    );
    if (changes > 0) this.captureChain.append(capture.accountId, capture.sha256);
    return changes > 0;
  }
}
