import type { AccountRegistry, AuditLog, JobControl, SyncStateStore } from '@verbatim/core';

/** What registering, changing and syncing accounts needs: the catalog and the queue's schedule. */
export interface AccountServices {
  catalog: AccountRegistry & SyncStateStore & AuditLog;
  jobs: JobControl;
}
