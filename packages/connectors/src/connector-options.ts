/** How a process runs its connectors, the same for every account (the settings of an account are its config). */
export interface ConnectorOptions {
  /**
   * Requests of a pass in flight at once (default 4): the per-post requests (a thread, an edit history, a page
   * of comments) and the next listing page are made ahead of their turn and handed out in order. 1 makes each
   * at its turn. Used by the Mastodon and Facebook connectors.
   */
  requestConcurrency?: number;
}

/** Requests in flight at once when the process does not say: enough to keep a loopback or nearby platform busy. */
export const DEFAULT_REQUEST_CONCURRENCY = 4;
