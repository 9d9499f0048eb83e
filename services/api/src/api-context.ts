import type { Account, Catalog, ObjectStore, PeopleStore, SearchGenerations, SearchIndex } from '@verbatim/core';
import type { BundleStore, FoiaService, FoiaStore } from '@verbatim/foia';
import type { RenderPdfToFile } from '@verbatim/bundles/src/production';
import type { JobStatus } from '@verbatim/queue';
import type { FoiaDesk } from './foia/foia-desk';
import type { ReindexControl } from './search-index/reindex-control';

/** What the queue offers the API: enqueue, look up, schedule. Throws QueueUnavailableError when Redis is down. */
export interface JobControl {
  enqueueSync(accountId: string): Promise<string>;
  getStatus(jobId: string): Promise<JobStatus | null>;
  schedule(account: Account): Promise<void>;
  ping(): Promise<void>;
}

export interface ApiContext {
  catalog: Catalog;
  people: PeopleStore;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  jobs: JobControl;
  foia: FoiaService;
  foiaStore: FoiaStore;
  /** Hands new outbox deliveries to the queue now; never throws (the relay loop catches up when Redis is down). */
  relayNotifications(): Promise<void>;
  bundleStore: BundleStore;
  /** Queues a bundle's build; throws while Redis is down. */
  enqueueBundle(bundleId: string): Promise<void>;
  /** Renders a bundle's PDF off the event loop (verify rebuilds with it). */
  renderPdf: RenderPdfToFile;
  /** Gathering, decisions and bundles, shared with the web pages. */
  foiaDesk: FoiaDesk;
  /** Rebuilding the search index beside the live one; absent where the backend cannot yet. */
  searchGenerations?: SearchGenerations;
  reindexControl: ReindexControl;
  townName: string;
  /** Express `trust proxy` (TRUST_PROXY), so `request.secure` sees TLS ended at a proxy. */
  trustProxy?: string;
  version: string;
}
