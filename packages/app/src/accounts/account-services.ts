import type { AccountRegistry, AuditLog, JobControl, SyncStateStore } from '@verbatim/core';
import type { ComplianceStore } from '@verbatim/foia';

/** What registering, changing and syncing accounts needs: the catalog, the queue's schedule and the registry's history. */
export interface AccountServices {
  catalog: AccountRegistry & SyncStateStore & AuditLog;
  jobs: JobControl;
  /** Where each change of administrators and moderators is kept, and approvals recorded. */
  compliance: Pick<ComplianceStore, 'appendPeopleChanges' | 'recordApproval'>;
  /** REQUIRE_ACCOUNT_APPROVAL: new accounts start pending and only the Communications Manager approves them. */
  requireAccountApproval: boolean;
}
