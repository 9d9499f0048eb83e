import type { Catalog, JobControl } from '@verbatim/core';

/** What registering, changing and syncing accounts needs: the catalog and the queue's schedule. */
export interface AccountServices {
  catalog: Catalog;
  jobs: JobControl;
}
