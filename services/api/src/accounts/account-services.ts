import type { Catalog } from '@verbatim/core';
import type { JobControl } from '../api-context';

/** What registering, changing and syncing accounts needs: the catalog and the queue's schedule. */
export interface AccountServices {
  catalog: Catalog;
  jobs: JobControl;
}
