import type { Role } from '@verbatim/core';
import type { RecipientDefaults } from '@verbatim/notify';
import { createBusinessCalendar, type BusinessCalendar } from '../business-calendar';
import { requestNumberYear, type FoiaTransitionInput, type NewFoiaRequest } from '../foia-request.schema';
import type { Delivery, FoiaRequest, FoiaSettings, FoiaStore, NewDelivery } from '../foia-store.port';
import { OPEN_STATUSES, planTransition } from '../request-lifecycle';
import { deliveriesFor, notificationPayload } from './foia-notifications';
import { deadlinesOf, nextDeadlineOf, viewRequest, type FoiaRequestView } from './foia-request.view';

export interface FoiaServiceOptions {
  store: FoiaStore;
  town: { name: string; timeZone: string; publicUrl?: string };
  recipients: RecipientDefaults;
  now?: () => Date;
}

export interface Actor {
  id: string;
  roles: readonly Role[];
}

/** The request changed status while this change was being made; the caller should reload and retry. */
export class StaleRequestError extends Error {
  override readonly name = 'StaleRequestError';
}

export class MissingExtensionDateError extends Error {
  override readonly name = 'MissingExtensionDateError';
}

/**
 * The FOIA request log: logging (numbered, with the attorney's notification in the same transaction),
 * status changes, deadline views and the sweep that raises due-soon and overdue notifications.
 */
export class FoiaService {
  private readonly now: () => Date;

  constructor(private readonly options: FoiaServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Who hears of an event by default, the routing rules IT set, and where the pages are: for notices about
   * other things than requests (moderation), written through the same outbox with the same rules.
   */
  async noticeSettings(): Promise<{ recipients: RecipientDefaults; rules: unknown[] | null; publicUrl?: string }> {
    const settings = await this.options.store.getSettings();
    return {
      recipients: this.options.recipients,
      rules: settings.notificationRules,
      publicUrl: this.options.town.publicUrl,
    };
  }

  /** The business calendar with today's holiday rules and closure days: deadlines follow every change. */
  async calendar(): Promise<{ calendar: BusinessCalendar; settings: FoiaSettings }> {
    const [settings, closures] = await Promise.all([
      this.options.store.getSettings(),
      this.options.store.listClosureDays(),
    ]);
    const calendar = createBusinessCalendar({
      timeZone: this.options.town.timeZone,
      ...(settings.holidayRules ? { holidayRules: settings.holidayRules } : {}),
      closureDates: closures.map((closure) => closure.date),
    });
    return { calendar, settings };
  }

  async logRequest(input: NewFoiaRequest, actor: Actor): Promise<FoiaRequestView> {
    const { calendar, settings } = await this.calendar();
    const at = this.now().toISOString();
    const { request } = await this.options.store.logRequest(
      {
        ...input,
        year: requestNumberYear(input.receivedAt, this.options.town.timeZone),
        createdBy: actor.id,
        createdAt: at,
      },
      (created) => this.deliveries('request.logged', 'logged', created, calendar, settings),
    );
    return this.view(request, actor.roles);
  }

  async getRequest(id: string, viewerRoles: readonly Role[]): Promise<FoiaRequestView | null> {
    const request = await this.options.store.getRequest(id);
    return request ? this.view(request, viewerRoles) : null;
  }

  async listRequests(
    viewerRoles: readonly Role[],
    filter?: Parameters<FoiaStore['listRequests']>[0],
  ): Promise<FoiaRequestView[]> {
    const requests = await this.options.store.listRequests(filter);
    const { calendar, settings } = await this.calendar();
    return Promise.all(requests.map(async (request) => this.viewWith(request, viewerRoles, calendar, settings)));
  }

  /** Throws IllegalTransitionError (409), TransitionNotPermittedError (403) or StaleRequestError (409). */
  async transition(request: FoiaRequest, change: FoiaTransitionInput, actor: Actor): Promise<FoiaRequestView> {
    const to = planTransition(request.status, change.to, { actorRoles: actor.roles });
    if (to === 'extended' && !change.extendedUntil)
      throw new MissingExtensionDateError('give extendedUntil (a date or date-time) when extending');
    const at = this.now().toISOString();
    const { calendar, settings } = await this.calendar();
    const moved: FoiaRequest = { ...request, status: to };
    const deliveries = to === 'in-review' ? this.deliveries('request.in-review', at, moved, calendar, settings) : [];
    const updated = await this.options.store.transitionRequest(
      request.id,
      {
        from: request.status,
        to,
        actor: actor.id,
        at,
        note: change.note,
        releaseKind: change.releaseKind,
        deniedAt: to === 'denied' ? at : undefined,
        extendedUntil: to === 'extended' ? change.extendedUntil : undefined,
      },
      deliveries,
    );
    if (!updated)
      throw new StaleRequestError(`request ${request.number} changed status meanwhile; reload it and try again`);
    return this.view(updated, actor.roles);
  }

  /**
   * Raises due-soon and overdue notifications for open requests, once per deadline (a moved deadline is a new
   * occasion). Safe to run from every worker at once: the outbox keeps one delivery per occasion.
   */
  async sweepDeadlines(): Promise<Delivery[]> {
    const { calendar, settings } = await this.calendar();
    const now = this.now();
    const added: Delivery[] = [];
    for (const request of await this.options.store.listRequests({ status: [...OPEN_STATUSES] })) {
      const next = nextDeadlineOf(request, deadlinesOf(request, calendar, settings), calendar, settings, now);
      if (!next || !(next.dueSoon || next.overdue)) continue;
      const event = next.overdue ? 'request.overdue' : 'request.due-soon';
      const deliveries = this.deliveries(event, `${next.kind}:${next.at}`, request, calendar, settings);
      added.push(...(await this.options.store.addDeliveries(request.id, deliveries, now.toISOString())));
    }
    return added;
  }

  private deliveries(
    event: Parameters<typeof deliveriesFor>[0],
    occasion: string,
    request: FoiaRequest,
    calendar: BusinessCalendar,
    settings: FoiaSettings,
  ): NewDelivery[] {
    const payload = notificationPayload(request, deadlinesOf(request, calendar, settings), this.options.town.publicUrl);
    return deliveriesFor(event, occasion, payload, settings.notificationRules, this.options.recipients);
  }

  private async view(request: FoiaRequest, viewerRoles: readonly Role[]): Promise<FoiaRequestView> {
    const { calendar, settings } = await this.calendar();
    return this.viewWith(request, viewerRoles, calendar, settings);
  }

  private async viewWith(
    request: FoiaRequest,
    viewerRoles: readonly Role[],
    calendar: BusinessCalendar,
    settings: FoiaSettings,
  ): Promise<FoiaRequestView> {
    const deliveries = await this.options.store.listDeliveries(request.id);
    return viewRequest(request, { calendar, settings, deliveries, now: this.now(), viewerRoles });
  }
}
