/** How one run of a sync job ended: the pass finished, failed, or paused (rate limit, shutdown) to resume. */
export type SyncRunOutcome = 'completed' | 'failed' | 'paused';

/**
 * One run of an account's sync job and what it captured. A pass interrupted and resumed takes several runs, each
 * with what it did; `resumed` marks a run that picked a pass up from its saved cursor.
 */
export interface SyncRun {
  accountId: string;
  passNumber: number;
  startedAt: string;
  endedAt: string;
  outcome: SyncRunOutcome;
  /** Why it failed or paused, as recorded; null when it completed. */
  error: string | null;
  resumed: boolean;
  pages: number;
  /** Posts and comments listed. */
  items: number;
  /** Records seen for the first time. */
  created: number;
  /** New versions of records whose content changed. */
  newVersions: number;
  /** Records the platform confirmed deleted (tombstoned). */
  tombstoned: number;
  /** Images and other attachments archived. */
  mediaArchived: number;
  /** Payloads that failed validation and were set aside with their raw bytes. */
  quarantined: number;
  /** What the platform would not give this run (its connector's notices), each once; empty when nothing. */
  notices: string[];
}

/** The history of an account's sync runs: what each captured, for the people who watch archiving. */
export interface SyncRunLog {
  /** Appends a run; throws for an unknown account. */
  recordSyncRun(run: SyncRun): Promise<void>;
  /** The account's most recent runs, newest first, at most `limit`. */
  listSyncRuns(accountId: string, limit: number): Promise<SyncRun[]>;
}
