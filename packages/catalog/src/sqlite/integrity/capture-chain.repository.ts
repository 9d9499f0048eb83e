import type Database from 'better-sqlite3';
import type { CaptureChain } from '@verbatim/core';

const APPEND_LINK = `INSERT INTO capture_chain (account_id, position, sha256, previous_sha256)
  SELECT @accountId, COALESCE(MAX(position), 0) + 1, @sha256,
    (SELECT sha256 FROM capture_chain WHERE account_id = @accountId ORDER BY position DESC LIMIT 1)
  FROM capture_chain WHERE account_id = @accountId`;

interface LinkRow {
  position: number;
  sha256: string;
  previous_sha256: string | null;
  key: string | null;
  captured_at: string | null;
}

/**
 * Appends to and reads the capture chain. An append is one statement run where the capture is inserted: SQLite
 * has one writer at a time, so two appends for one account never read the same last link (never fork).
 */
export class CaptureChainRepository {
  private readonly appendLink: Database.Statement;
  private readonly selectLinks: Database.Statement;
  private readonly selectUnlinked: Database.Statement;
  private readonly selectMedia: Database.Statement;

  constructor(db: Database.Database) {
    this.appendLink = db.prepare(APPEND_LINK);
    this.selectLinks = db.prepare(`SELECT l.position, l.sha256, l.previous_sha256, c.key, c.captured_at
      FROM capture_chain l LEFT JOIN raw_captures c ON c.sha256 = l.sha256
      WHERE l.account_id = ? ORDER BY l.position`);
    this.selectUnlinked = db.prepare(`SELECT c.sha256, c.key, c.captured_at FROM raw_captures c
      WHERE c.account_id = ? AND NOT EXISTS (SELECT 1 FROM capture_chain l WHERE l.sha256 = c.sha256)
      ORDER BY c.captured_at, c.sha256`);
    this.selectMedia = db.prepare(`SELECT DISTINCT json_extract(attachment_json, '$.sha256') AS sha256,
        json_extract(attachment_json, '$.archiveKey') AS key
      FROM archived_media WHERE account_id = ? AND json_extract(attachment_json, '$.archiveKey') IS NOT NULL
      ORDER BY key`);
  }

  listArchivedMedia(accountId: string): Array<{ sha256: string; key: string }> {
    return this.selectMedia.all(accountId) as Array<{ sha256: string; key: string }>;
  }

  /** Links a capture just inserted (call it only when the insert added a row) after the account's last one. */
  append(accountId: string, sha256: string): void {
    this.appendLink.run({ accountId, sha256 });
  }

  read(accountId: string): CaptureChain {
    const links = (this.selectLinks.all(accountId) as LinkRow[]).map((row) => ({
      position: row.position,
      sha256: row.sha256,
      previousSha256: row.previous_sha256,
      capture: row.key === null ? null : { key: row.key, capturedAt: row.captured_at! },
    }));
    const unlinked = (
      this.selectUnlinked.all(accountId) as Array<{ sha256: string; key: string; captured_at: string }>
    ).map((row) => ({ sha256: row.sha256, key: row.key, capturedAt: row.captured_at }));
    return { accountId, links, unlinked };
  }
}
