import {
  assessAccountHealth,
  SCHEDULED_ACCOUNT_STATUSES,
  type Account,
  type AccountHealth,
  type AccountRegistry,
  type PeopleStore,
  type SyncStateStore,
} from '@verbatim/core';
import {
  deliveriesFor,
  type AnnouncedHealth,
  type FoiaStore,
  type HealthChange,
  type NewDelivery,
} from '@verbatim/foia';
import type { AccountHealthEvent, AccountHealthPayload } from '@verbatim/notify';
import { itRecipients } from './it-recipients';

export interface AccountHealthWatchOptions {
  catalog: AccountRegistry & SyncStateStore;
  people: PeopleStore;
  /** Where the announced health and the outbox live (and the notification rules). */
  store: Pick<FoiaStore, 'getAnnouncedHealth' | 'recordAccountHealth' | 'getSettings'>;
  /** IT_NOTIFY_EMAILS; when empty, the active IT administrators' addresses. */
  itEmails: readonly string[];
  webhookConfigured: boolean;
  /** PUBLIC_URL: notices link the account's page when set. */
  publicUrl?: string;
  /** The clock; tests move it. */
  now?: () => Date;
}

const EVENTS: Record<AccountHealth['state'], AccountHealthEvent> = {
  failing: 'account.failing',
  stale: 'account.stale',
  healthy: 'account.recovered',
};

/**
 * Tells IT when a scheduled account starts failing, goes stale, or comes back: each check evaluates every
 * scheduled account (assessAccountHealth) and the store records a change with its notices in one transaction,
 * so IT hears of each change once, not at every check. An account first seen healthy is recorded silently.
 */
export class AccountHealthWatch {
  constructor(private readonly options: AccountHealthWatchOptions) {}

  /** Checks every scheduled account now; returns the changes recorded. */
  async check(): Promise<HealthChange[]> {
    const { catalog, store } = this.options;
    const accounts = await catalog.listAccounts({ status: [...SCHEDULED_ACCOUNT_STATUSES] });
    if (accounts.length === 0) return [];
    const now = (this.options.now ?? (() => new Date()))();
    const [agencies, settings, itEmails] = await Promise.all([
      catalog.listAgencies(),
      store.getSettings(),
      itRecipients(this.options.itEmails, this.options.people),
    ]);
    const agencyNames = new Map(agencies.map((agency) => [agency.id, agency.name]));
    const changes: HealthChange[] = [];
    for (const account of accounts) {
      const health = assessAccountHealth(account, await catalog.getSyncState(account.id), now);
      // A plain read first: most checks change nothing, and need not take the write lock to learn it.
      if (!health || (await store.getAnnouncedHealth(account.id))?.state === health.state) continue;
      const payload = this.payloadOf(account, agencyNames.get(account.agencyId) ?? account.agencyId, health);
      const announce = this.noticesOf(payload, settings.notificationRules, itEmails);
      const at = now.toISOString();
      const change = await store.recordAccountHealth(
        account.id,
        { state: health.state, problem: health.problem, at },
        announce,
      );
      if (change) changes.push(change);
    }
    return changes;
  }

  /**
   * The notices of a change to `payload.health` from `previous`: none for an account first seen healthy; for a
   * recovery, the problem it recovered from. The dedupe key names the change it follows, so it is written once.
   */
  private noticesOf(payload: AccountHealthPayload, rules: unknown[] | null, itEmails: readonly string[]) {
    return (previous: AnnouncedHealth | null): NewDelivery[] => {
      if (payload.health === 'healthy' && previous === null) return [];
      const event = EVENTS[payload.health];
      const said = event === 'account.recovered' ? { problem: previous?.problem ?? null, advice: null } : {};
      return deliveriesFor(event, `after:${previous?.changedAt ?? 'first'}`, { ...payload, ...said }, rules, {
        attorneyEmails: [],
        itEmails,
        webhookConfigured: this.options.webhookConfigured,
      });
    };
  }

  private payloadOf(account: Account, agency: string, health: AccountHealth): AccountHealthPayload {
    const { publicUrl } = this.options;
    return {
      accountId: account.id,
      platform: account.platform,
      handle: account.handle,
      ...(account.displayName ? { displayName: account.displayName } : {}),
      agency,
      health: health.state,
      problem: health.problem,
      advice: health.advice,
      lastSuccessAt: health.lastSuccessAt,
      syncIntervalMinutes: account.syncIntervalMinutes,
      ...(publicUrl ? { url: new URL(`/accounts/${account.id}`, publicUrl).toString() } : {}),
    };
  }
}
