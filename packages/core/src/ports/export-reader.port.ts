import type { Readable } from 'node:stream';
import type { Account } from '../account.schema';
import type { ExportFormat } from '../export-import.schema';
import type { PlatformItem, RejectedPayload } from './connector.port';

/** A platform export as its files: the entries of a ZIP, or one file uploaded alone. */
export interface ExportFile {
  /** Names of the files in the export (directories left out), in the order they are stored. */
  readonly names: readonly string[];
  /** Streams one file's bytes. Throws when the export has no such file. */
  open(name: string): Promise<Readable>;
}

/** Items read from an export, handed to the pipeline a batch at a time. */
export interface ExportBatch {
  /** In the order they must be applied: an edited item's versions oldest first. */
  items: PlatformItem[];
  /** Elements that failed validation; the reason names the file and element (the export keeps the bytes). */
  rejected: RejectedPayload[];
  /** The export's file holding each attachment's bytes, by the attachment's `sourceUrl`. */
  mediaFiles: Map<string, string>;
  /**
   * Items the export itself records as deleted from the platform (an X archive's deleted tweets), with when. Their
   * records are tombstoned, with that time, once the batch's items are applied; the text stays archived.
   */
  deletions?: ExportDeletion[];
}

export interface ExportDeletion {
  platformId: string;
  deletedAt: string;
}

/** Where a reader says what it left out; counted per reason in the import's report. */
export interface ExportSkips {
  skip(reason: string, example: string): void;
}

/** What a reader reports besides its items. */
export interface ExportTally extends ExportSkips {
  /** Counts media files the export holds (attached or not). */
  foundMedia(count: number): void;
}

/**
 * Reads one platform's export format into items. Like a connector, it never writes storage: the import pipeline
 * archives the export, its media and its items.
 */
export interface ExportReader {
  readonly format: ExportFormat;
  /** True when the export's file names are this format's. */
  recognizes(names: readonly string[]): boolean;
  /** Yields the export's items in batches of about `batchSize`. */
  read(file: ExportFile, account: Account, tally: ExportTally, batchSize: number): AsyncIterable<ExportBatch>;
}
