import type { ArchiveRecord, Attachment, RecordStatus, RecordVersion, Tombstone } from '../record.schema';

export interface RecordFilter {
  accountId?: string;
  status?: ArchiveRecord['status'];
}

/**
 * Archived records as they stand: their versions, tombstones, threads and media. Read-only: records are written
 * only by a sync (see SyncStateStore), so what a reader sees is always what was captured.
 */
export interface RecordReader {
  /** Null when there is no record with this id. */
  getRecord(id: string): Promise<ArchiveRecord | null>;
  /** In the order of `ids`; unknown ids are left out, so callers match results by id. */
  getRecords(ids: string[]): Promise<ArchiveRecord[]>;
  /** The account's record of this platform item, or null when it was never archived. */
  getRecordByPlatformId(accountId: string, platformId: string): Promise<ArchiveRecord | null>;
  /** Direct replies to the given platform item, oldest first by postedAt. */
  listReplies(accountId: string, parentPlatformId: string): Promise<ArchiveRecord[]>;
  /** Every version of the record, ascending (earlier texts are kept); empty for an unknown record. */
  listVersions(recordId: string): Promise<RecordVersion[]>;
  /** The open tombstone, or null; a record restored on the platform has none (the old one stays stored). */
  getTombstone(recordId: string): Promise<Tombstone | null>;
  /** Every record, or those of one account and/or status. */
  countRecords(filter?: RecordFilter): Promise<number>;
  /** Every record counted by status, each status present (0 when none); cheap at millions of records. */
  countRecordsByStatus(): Promise<Record<RecordStatus, number>>;
  /**
   * Archived media already stored for these source URLs of the account, keyed by URL (absent when never
   * archived), so they are not downloaded again.
   */
  findArchivedMedia(accountId: string, sourceUrls: string[]): Promise<Map<string, Attachment>>;
}
