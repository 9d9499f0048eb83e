import type { AccountRegistry, PeopleStore, SyncStateStore } from '@verbatim/core';
import {
  deliveriesFor,
  type AnnouncedCompliance,
  type ComplianceChange,
  type ComplianceStore,
  type FoiaStore,
  type NewDelivery,
} from '@verbatim/foia';
import type { AccountCompliancePayload } from '@verbatim/notify';
import { assessCompliance, type AccountCompliance } from './assess-compliance';
import { itRecipients } from '../accounts/it-recipients';

export interface ComplianceWatchOptions {
  catalog: AccountRegistry & SyncStateStore;
  people: PeopleStore;
  complianceStore: ComplianceStore;
  /** The notification rules live with the FOIA settings. */
  settings: Pick<FoiaStore, 'getSettings'>;
  /** IT_NOTIFY_EMAILS; when empty, the active IT administrators' addresses. */
  itEmails: readonly string[];
  webhookConfigured: boolean;
  timeZone: string;
  /** PUBLIC_URL: notices link the account's compliance page when set. */
  publicUrl?: string;
  /** The clock; tests move it. */
  now?: () => Date;
}

/**
 * Tells IT when an account falls out of compliance or returns: each check computes every account's compliance
 * and the store records a change with its notices in one transaction, so IT hears of each change once, not at
 * every check. The first compliance recorded for an account is its baseline, written without a notice (an
 * upgrade must not mail IT about every account at once; the compliance page shows them all).
 */
export class ComplianceWatch {
  constructor(private readonly options: ComplianceWatchOptions) {}

  /** Checks every account now; returns the changes recorded. */
  async check(): Promise<ComplianceChange[]> {
    const { complianceStore, settings } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const assessed = await assessCompliance(this.options, {}, now);
    if (assessed.length === 0) return [];
    const [{ notificationRules }, itEmails] = await Promise.all([
      settings.getSettings(),
      itRecipients(this.options.itEmails, this.options.people),
    ]);
    const changes: ComplianceChange[] = [];
    for (const account of assessed) {
      // A plain read first: most checks change nothing, and need not take the write lock to learn it.
      if ((await complianceStore.getAnnouncedCompliance(account.accountId))?.compliant === account.compliant) continue;
      const change = await complianceStore.recordAccountCompliance(
        account.accountId,
        { compliant: account.compliant, reasons: account.reasons, at: now.toISOString() },
        this.noticesOf(account, notificationRules, itEmails),
      );
      if (change) changes.push(change);
    }
    return changes;
  }

  private noticesOf(account: AccountCompliance, rules: unknown[] | null, itEmails: readonly string[]) {
    return (previous: AnnouncedCompliance | null): NewDelivery[] => {
      if (previous === null) return [];
      const event = account.compliant ? 'account.compliant' : 'account.noncompliant';
      const reasons = account.compliant ? previous.reasons : account.reasons;
      return deliveriesFor(event, `after:${previous.changedAt}`, this.payloadOf(account, reasons), rules, {
        attorneyEmails: [],
        itEmails,
        webhookConfigured: this.options.webhookConfigured,
      });
    };
  }

  private payloadOf(account: AccountCompliance, reasons: string[]): AccountCompliancePayload {
    const { publicUrl } = this.options;
    return {
      accountId: account.accountId,
      platform: account.platform,
      handle: account.handle,
      ...(account.displayName ? { displayName: account.displayName } : {}),
      agency: account.agency,
      compliant: account.compliant,
      reasons,
      ...(publicUrl ? { url: new URL(`/compliance/accounts/${account.accountId}`, publicUrl).toString() } : {}),
    };
  }
}
