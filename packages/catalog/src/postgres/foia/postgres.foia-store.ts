import type { Pool } from 'pg';
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
  FoiaItem,
  FoiaRequest,
  FoiaRequestPatch,
  FoiaRequestStatus,
  FoiaSettings,
  FoiaStore,
  FoiaTransition,
  HealthChange,
  ItemDecision,
  ItemSource,
  NewDelivery,
  NewFoiaRequestRecord,
  SavedSearch,
  TownDelivery,
  TransitionChange,
} from '@verbatim/foia';
import { withTransaction, type Queryable } from '../postgres-pool';
import { ArchiveObjectNoticeRepository } from '../notices/archive-object-notice.repository';
import { distinctObservations, objectStateChange } from '../../archive-object-notice-rules';
import { FoiaItemRepository } from './foia-item.repository';
import { FoiaRequestRepository } from './foia-request.repository';
import { FoiaSettingsRepository } from './foia-settings.repository';
import { OutboxRepository } from './outbox.repository';
import { AccountHealthRepository } from '../account-health.repository';

/**
 * The FoiaStore in the catalog's PostgreSQL schema (migration 3), so a request and its outbox rows share one
 * transaction. Takes a pool on that schema (see createCatalogPool and runPostgresMigrations); does not own it.
 */
export class PostgresFoiaStore implements FoiaStore {
  private readonly requests: FoiaRequestRepository;
  private readonly outbox: OutboxRepository;
  private readonly settings: FoiaSettingsRepository;
  private readonly items: FoiaItemRepository;
  private readonly health: AccountHealthRepository;
  private readonly objectNotices: ArchiveObjectNoticeRepository;

  constructor(private readonly pool: Pool) {
    this.health = new AccountHealthRepository(pool);
    this.objectNotices = new ArchiveObjectNoticeRepository(pool);
    this.requests = new FoiaRequestRepository(pool);
    this.outbox = new OutboxRepository(pool);
    this.settings = new FoiaSettingsRepository(pool);
    this.items = new FoiaItemRepository(pool);
  }

  /** If building the deliveries throws, nothing is written and the number is not used up. */
  logRequest(
    input: NewFoiaRequestRecord,
    deliveries: (request: FoiaRequest) => NewDelivery[],
  ): Promise<{ request: FoiaRequest; deliveries: Delivery[] }> {
    return withTransaction(this.pool, async (client) => {
      const request = await this.requests.create(client, input);
      return {
        request,
        deliveries: await this.outbox.add(client, { requestId: request.id }, deliveries(request), input.createdAt),
      };
    });
  }

  getRequest(id: string): Promise<FoiaRequest | null> {
    return this.requests.get(id);
  }

  listRequests(filter?: { status?: FoiaRequestStatus[] }): Promise<FoiaRequest[]> {
    return this.requests.list(filter);
  }

  transitionRequest(id: string, change: TransitionChange, deliveries: NewDelivery[] = []): Promise<FoiaRequest | null> {
    return withTransaction(this.pool, async (client) => {
      if (!(await this.requests.transition(client, id, change))) return null;
      await this.outbox.add(client, { requestId: id }, deliveries, change.at);
      return this.requests.get(id, client);
    });
  }

  updateRequest(id: string, patch: FoiaRequestPatch, at: string): Promise<FoiaRequest | null> {
    return this.requests.update(id, patch, at);
  }

  listTransitions(requestId: string): Promise<FoiaTransition[]> {
    return this.requests.listTransitions(requestId);
  }

  addDeliveries(requestId: string, deliveries: NewDelivery[], at: string): Promise<Delivery[]> {
    return withTransaction(this.pool, (client) => this.outbox.add(client, { requestId }, deliveries, at));
  }

  getDelivery(id: string): Promise<Delivery | null> {
    return this.outbox.get(id);
  }

  listDeliveries(requestId: string): Promise<Delivery[]> {
    return this.outbox.listForRequest(requestId);
  }

  listUnrelayed(relayedBefore: string, limit: number): Promise<Delivery[]> {
    return this.outbox.listUnrelayed(relayedBefore, limit);
  }

  markRelayed(ids: string[], at: string): Promise<void> {
    return this.outbox.markRelayed(ids, at);
  }

  recordAttempt(id: string, outcome: DeliveryStatus, at: string, error?: string): Promise<Delivery | null> {
    return this.outbox.recordAttempt(id, outcome, at, error);
  }

  holdDelivery(id: string, reason: string): Promise<Delivery | null> {
    return this.outbox.hold(id, reason);
  }

  reopenFailedDelivery(id: string): Promise<Delivery | null> {
    return this.outbox.reopenFailed(id);
  }

  getAnnouncedHealth(accountId: string): Promise<AnnouncedHealth | null> {
    return this.health.get(accountId);
  }

  /**
   * The account's health row is locked for the transaction, so concurrent checks take turns; when there is none
   * yet, the first insert wins and a check that lost reads the winner's row and compares with it.
   */
  recordAccountHealth(
    accountId: string,
    health: { state: AccountHealthState; problem: string | null; at: string },
    announce: (previous: AnnouncedHealth | null) => NewDelivery[],
  ): Promise<HealthChange | null> {
    return withTransaction(this.pool, async (client) => {
      const current = { accountId, state: health.state, problem: health.problem, changedAt: health.at };
      let previous = await this.health.lock(client, accountId);
      if (!previous) {
        if (await this.health.insertIfAbsent(client, current)) {
          return {
            previous,
            current,
            deliveries: await this.outbox.add(client, { accountId }, announce(null), health.at),
          };
        }
        previous = await this.health.lock(client, accountId);
      }
      if (!previous || previous.state === health.state) return null;
      await this.health.update(client, current);
      return {
        previous,
        current,
        deliveries: await this.outbox.add(client, { accountId }, announce(previous), health.at),
      };
    });
  }

  listAccountDeliveries(accountId: string): Promise<Delivery[]> {
    return this.outbox.listForAccount(accountId);
  }

  listAnnouncedProblems(keys?: readonly string[]): Promise<AnnouncedObject[]> {
    return this.objectNotices.listProblems(keys);
  }

  /** Rows locked in key order, so two transactions finding the same objects take turns without a deadlock. */
  recordObjectStates(
    observed: readonly ObservedObject[],
    at: string,
    announce: (changes: ObjectStateChange[]) => SubjectNotices[],
  ): Promise<{ changes: ObjectStateChange[]; deliveries: Delivery[] }> {
    return withTransaction(this.pool, async (client) => {
      const changes: ObjectStateChange[] = [];
      for (const object of distinctObservations(observed)) {
        const change = await this.recordObjectState(client, object, at);
        if (change) changes.push(change);
      }
      const deliveries: Delivery[] = [];
      if (changes.length === 0) return { changes, deliveries };
      for (const notices of announce(changes))
        deliveries.push(...(await this.outbox.add(client, { subject: notices.subject }, notices.deliveries, at)));
      return { changes, deliveries };
    });
  }

  private async recordObjectState(
    client: Queryable,
    object: ObservedObject,
    at: string,
  ): Promise<ObjectStateChange | null> {
    let previous = await this.objectNotices.lock(client, object.key);
    if (!previous) {
      const change = objectStateChange(null, object, at);
      if (!change) return null;
      if (await this.objectNotices.insertIfAbsent(client, change.current)) return change;
      previous = await this.objectNotices.lock(client, object.key);
    }
    const change = objectStateChange(previous, object, at);
    if (change) await this.objectNotices.update(client, change.current);
    return change;
  }

  listSubjectDeliveries(subject: string): Promise<Delivery[]> {
    return this.outbox.listForSubject(subject);
  }

  listDeliveriesByStatus(statuses: DeliveryStatus[], limit: number): Promise<TownDelivery[]> {
    return this.outbox.listByStatus(statuses, limit);
  }

  addItems(
    requestId: string,
    items: Array<{ recordId: string; source: ItemSource }>,
    meta: { addedBy: string; at: string; savedSearch?: { query: unknown; matched: number } },
  ): Promise<{ added: number; savedSearch: SavedSearch | null }> {
    return this.items.add(requestId, items, meta);
  }

  listItems(requestId: string): Promise<FoiaItem[]> {
    return this.items.list(requestId);
  }

  getItem(requestId: string, recordId: string): Promise<FoiaItem | null> {
    return this.items.get(requestId, recordId);
  }

  updateItem(requestId: string, recordId: string, decision: ItemDecision, at: string): Promise<FoiaItem | null> {
    return this.items.update(requestId, recordId, decision, at);
  }

  removeItem(requestId: string, recordId: string): Promise<boolean> {
    return this.items.remove(requestId, recordId);
  }

  listSavedSearches(requestId: string): Promise<SavedSearch[]> {
    return this.items.listSavedSearches(requestId);
  }

  getSettings(): Promise<FoiaSettings> {
    return this.settings.get();
  }

  updateSettings(patch: Partial<FoiaSettings>): Promise<FoiaSettings> {
    return this.settings.update(patch);
  }

  listClosureDays(): Promise<ClosureDay[]> {
    return this.settings.listClosureDays();
  }

  addClosureDay(day: ClosureDay): Promise<boolean> {
    return this.settings.addClosureDay(day);
  }

  removeClosureDay(date: string): Promise<boolean> {
    return this.settings.removeClosureDay(date);
  }
}
