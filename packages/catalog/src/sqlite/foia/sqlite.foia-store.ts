import type Database from 'better-sqlite3';
import type { AccountHealthState } from '@verbatim/core';
import type {
  AnnouncedHealth,
  AnnouncedObject,
  ObjectStateChange,
  ObservedObject,
  SubjectNotices,
  ClosureDay,
  Delivery,
  DeliveryStatus,
  FoiaRequest,
  FoiaRequestPatch,
  FoiaRequestStatus,
  FoiaSettings,
  FoiaStore,
  FoiaTransition,
  HealthChange,
  NewDelivery,
  NewFoiaRequestRecord,
  TownDelivery,
  TransitionChange,
} from '@verbatim/foia';
import type { FoiaItem, ItemDecision, ItemSource, SavedSearch } from '@verbatim/foia';
import { FoiaItemRepository } from './foia-item.repository';
import { FoiaRequestRepository } from './foia-request.repository';
import { FoiaSettingsRepository } from './foia-settings.repository';
import { OutboxRepository } from './outbox.repository';
import { AccountHealthRepository } from '../account-health.repository';
import { ArchiveObjectNoticeRepository } from '../notices/archive-object-notice.repository';
import { distinctObservations, objectStateChange } from '../../archive-object-notice-rules';

/** The FoiaStore in the catalog's SQLite file, so a request and its outbox rows share one transaction. */
export class SqliteFoiaStore implements FoiaStore {
  private readonly requests: FoiaRequestRepository;
  private readonly outbox: OutboxRepository;
  private readonly settings: FoiaSettingsRepository;
  private readonly items: FoiaItemRepository;
  private readonly health: AccountHealthRepository;
  private readonly objectNotices: ArchiveObjectNoticeRepository;

  constructor(private readonly db: Database.Database) {
    this.health = new AccountHealthRepository(db);
    this.objectNotices = new ArchiveObjectNoticeRepository(db);
    this.requests = new FoiaRequestRepository(db);
    this.outbox = new OutboxRepository(db);
    this.settings = new FoiaSettingsRepository(db);
    this.items = new FoiaItemRepository(db);
  }

  async logRequest(input: NewFoiaRequestRecord, deliveries: (request: FoiaRequest) => NewDelivery[]) {
    return this.db
      .transaction(() => {
        const request = this.requests.create(input);
        return {
          request,
          deliveries: this.outbox.add({ requestId: request.id }, deliveries(request), input.createdAt),
        };
      })
      .immediate();
  }

  async getRequest(id: string): Promise<FoiaRequest | null> {
    return this.requests.get(id);
  }

  async listRequests(filter?: { status?: FoiaRequestStatus[] }): Promise<FoiaRequest[]> {
    return this.requests.list(filter);
  }

  async transitionRequest(
    id: string,
    change: TransitionChange,
    deliveries: NewDelivery[] = [],
  ): Promise<FoiaRequest | null> {
    return this.db
      .transaction(() => {
        if (!this.requests.transition(id, change)) return null;
        this.outbox.add({ requestId: id }, deliveries, change.at);
        return this.requests.get(id);
      })
      .immediate();
  }

  async updateRequest(id: string, patch: FoiaRequestPatch, at: string): Promise<FoiaRequest | null> {
    return this.requests.update(id, patch, at);
  }

  async listTransitions(requestId: string): Promise<FoiaTransition[]> {
    return this.requests.listTransitions(requestId);
  }

  async addDeliveries(requestId: string, deliveries: NewDelivery[], at: string): Promise<Delivery[]> {
    return this.db.transaction(() => this.outbox.add({ requestId }, deliveries, at)).immediate();
  }

  async getDelivery(id: string): Promise<Delivery | null> {
    return this.outbox.get(id);
  }

  async listDeliveries(requestId: string): Promise<Delivery[]> {
    return this.outbox.listForRequest(requestId);
  }

  async listUnrelayed(relayedBefore: string, limit: number): Promise<Delivery[]> {
    return this.outbox.listUnrelayed(relayedBefore, limit);
  }

  async markRelayed(ids: string[], at: string): Promise<void> {
    this.outbox.markRelayed(ids, at);
  }

  async recordAttempt(id: string, outcome: DeliveryStatus, at: string, error?: string): Promise<Delivery | null> {
    return this.outbox.recordAttempt(id, outcome, at, error);
  }

  async holdDelivery(id: string, reason: string): Promise<Delivery | null> {
    return this.outbox.hold(id, reason);
  }

  async reopenFailedDelivery(id: string): Promise<Delivery | null> {
    return this.outbox.reopenFailed(id);
  }

  async getAnnouncedHealth(accountId: string): Promise<AnnouncedHealth | null> {
    return this.health.get(accountId);
  }

  /** An immediate transaction: two processes checking one account take turns, the second sees the first's row. */
  async recordAccountHealth(
    accountId: string,
    health: { state: AccountHealthState; problem: string | null; at: string },
    announce: (previous: AnnouncedHealth | null) => NewDelivery[],
  ): Promise<HealthChange | null> {
    return this.db
      .transaction((): HealthChange | null => {
        const previous = this.health.get(accountId);
        if (previous?.state === health.state) return null;
        const current = { accountId, state: health.state, problem: health.problem, changedAt: health.at };
        this.health.put(current);
        return { previous, current, deliveries: this.outbox.add({ accountId }, announce(previous), health.at) };
      })
      .immediate();
  }

  async listAccountDeliveries(accountId: string): Promise<Delivery[]> {
    return this.outbox.listForAccount(accountId);
  }

  async listAnnouncedProblems(keys?: readonly string[]): Promise<AnnouncedObject[]> {
    return this.objectNotices.listProblems(keys);
  }

  /** An immediate transaction: two processes finding one object take turns, the second sees the first's row. */
  async recordObjectStates(
    observed: readonly ObservedObject[],
    at: string,
    announce: (changes: ObjectStateChange[]) => SubjectNotices[],
  ): Promise<{ changes: ObjectStateChange[]; deliveries: Delivery[] }> {
    return this.db
      .transaction(() => {
        const changes: ObjectStateChange[] = [];
        for (const object of distinctObservations(observed)) {
          const change = objectStateChange(this.objectNotices.get(object.key), object, at);
          if (!change) continue;
          this.objectNotices.put(change.current);
          changes.push(change);
        }
        if (changes.length === 0) return { changes, deliveries: [] };
        const deliveries = announce(changes).flatMap((notices) =>
          this.outbox.add({ subject: notices.subject }, notices.deliveries, at),
        );
        return { changes, deliveries };
      })
      .immediate();
  }

  async listSubjectDeliveries(subject: string): Promise<Delivery[]> {
    return this.outbox.listForSubject(subject);
  }

  async listDeliveriesByStatus(statuses: DeliveryStatus[], limit: number): Promise<TownDelivery[]> {
    return this.outbox.listByStatus(statuses, limit);
  }

  async addItems(
    requestId: string,
    items: Array<{ recordId: string; source: ItemSource }>,
    meta: { addedBy: string; at: string; savedSearch?: { query: unknown; matched: number } },
  ): Promise<{ added: number; savedSearch: SavedSearch | null }> {
    return this.items.add(requestId, items, meta);
  }

  async listItems(requestId: string): Promise<FoiaItem[]> {
    return this.items.list(requestId);
  }

  async getItem(requestId: string, recordId: string): Promise<FoiaItem | null> {
    return this.items.get(requestId, recordId);
  }

  async updateItem(requestId: string, recordId: string, decision: ItemDecision, at: string): Promise<FoiaItem | null> {
    return this.items.update(requestId, recordId, decision, at);
  }

  async removeItem(requestId: string, recordId: string): Promise<boolean> {
    return this.items.remove(requestId, recordId);
  }

  async listSavedSearches(requestId: string): Promise<SavedSearch[]> {
    return this.items.listSavedSearches(requestId);
  }

  async getSettings(): Promise<FoiaSettings> {
    return this.settings.get();
  }

  async updateSettings(patch: Partial<FoiaSettings>): Promise<FoiaSettings> {
    return this.settings.update(patch);
  }

  async listClosureDays(): Promise<ClosureDay[]> {
    return this.settings.listClosureDays();
  }

  async addClosureDay(day: ClosureDay): Promise<boolean> {
    return this.settings.addClosureDay(day);
  }

  async removeClosureDay(date: string): Promise<boolean> {
    return this.settings.removeClosureDay(date);
  }
}
