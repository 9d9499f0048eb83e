import type { SearchIndex } from './search-index.port';

/**
 * Rebuilding a search index without downtime: a new generation is built beside the live one (which goes on
 * answering searches, and receives new documents in both), then made live in one step — a file swap for
 * SQLite, an alias switch for Elasticsearch. A build cut short is resumed where its progress says.
 */
export interface SearchGenerations {
  /** Opens the generation being built, creating it or resuming it, with the last catalog id it has copied. */
  openNext(): Promise<{ index: SearchIndex; copiedThrough: string | null }>;
  /** Records how far the copy of the catalog has come, so a crash resumes from here. */
  saveProgress(copiedThrough: string): Promise<void>;
  /** Makes the built generation the live one and retires the old one. */
  promote(): Promise<void>;
}
