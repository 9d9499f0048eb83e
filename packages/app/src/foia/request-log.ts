import { notFound, UseCaseError, type AuditLog, type Role } from '@verbatim/core';
import {
  IllegalTransitionError,
  MissingExtensionDateError,
  StaleRequestError,
  TransitionNotPermittedError,
  type Actor,
  type FoiaRequest,
  type FoiaRequestPatch,
  type FoiaRequestView,
  type FoiaService,
  type FoiaStore,
  type FoiaTransitionInput,
  type NewFoiaRequest,
} from '@verbatim/foia';
import { requestLogCsv, townDate } from './request-log-csv';
import { matchesRequestLogQuery, type RequestLogQuery } from './request-log-query';

export interface RequestLogOptions {
  catalog: AuditLog;
  foia: FoiaService;
  foiaStore: FoiaStore;
  /** Hands new notifications to the queue now; never throws (the relay catches up when Redis is back). */
  relayNotifications: () => Promise<void>;
  /** The town's IANA time zone: the export shows times on the town's clock. */
  timeZone: string;
  now?: () => Date;
}

/** The request log as a file to download. */
export interface RequestLogFile {
  fileName: string;
  content: string;
  rows: number;
}

/** The lifecycle's refusals as every adapter shows them. */
function refusalOfTransition(error: unknown): unknown {
  if (error instanceof IllegalTransitionError) {
    return new UseCaseError('conflict', 'illegal_transition', error.message, {
      from: error.from,
      to: error.to,
      allowed: error.allowed,
    });
  }
  if (error instanceof TransitionNotPermittedError)
    return new UseCaseError('forbidden', 'forbidden', error.message, { requiredRoles: error.requiredRoles });
  if (error instanceof StaleRequestError) return new UseCaseError('conflict', 'conflict', error.message);
  if (error instanceof MissingExtensionDateError) {
    return new UseCaseError('invalid', 'validation_failed', error.message, [
      { path: 'extendedUntil', message: 'required when moving to extended' },
    ]);
  }
  return error;
}

/**
 * The request log as officers keep it: logging (the attorney's office is notified), editing and moving requests
 * through their statuses. Every change is audited and its notifications handed to the queue at once.
 */
export class RequestLog {
  constructor(private readonly options: RequestLogOptions) {}

  async log(input: NewFoiaRequest, actor: Actor): Promise<FoiaRequestView> {
    const view = await this.options.foia.logRequest(input, actor);
    await this.options.catalog.appendAudit({
      actor: actor.id,
      action: 'foia-request.log',
      target: view.id,
      details: { number: view.number },
    });
    await this.options.relayNotifications();
    return view;
  }

  /** The log as `viewerRoles` may read it, newest received first, narrowed by `query`. */
  async list(viewerRoles: readonly Role[], query: RequestLogQuery = {}): Promise<FoiaRequestView[]> {
    const status = query.status ? [...query.status] : undefined;
    const views = await this.options.foia.listRequests(viewerRoles, { status });
    return views.filter((view) => matchesRequestLogQuery(view, query));
  }

  /**
   * Every request `query` matches (not a page of them) as CSV, named `foia-requests-<town date>.csv`. The export
   * carries requesters' names and addresses, so it is audited with the query that chose its rows.
   */
  async exportCsv(query: RequestLogQuery, actor: Actor): Promise<RequestLogFile> {
    const requests = await this.list(actor.roles, query);
    await this.options.catalog.appendAudit({
      actor: actor.id,
      action: 'foia-request.export',
      target: 'foia-requests',
      details: { format: 'csv', rows: requests.length, query: { ...query } },
    });
    const today = townDate((this.options.now?.() ?? new Date()).toISOString(), this.options.timeZone);
    return {
      fileName: `foia-requests-${today}.csv`,
      content: requestLogCsv(requests, this.options.timeZone),
      rows: requests.length,
    };
  }

  async update(id: string, patch: FoiaRequestPatch, actor: Actor): Promise<FoiaRequestView> {
    await this.load(id);
    await this.options.foiaStore.updateRequest(id, patch, new Date().toISOString());
    await this.options.catalog.appendAudit({
      actor: actor.id,
      action: 'foia-request.update',
      target: id,
      details: { fields: Object.keys(patch) },
    });
    return (await this.options.foia.getRequest(id, actor.roles))!;
  }

  /** Moves a request to another status; refused (`conflict`, with the allowed statuses) when the lifecycle forbids it. */
  async transition(id: string, change: FoiaTransitionInput, actor: Actor): Promise<FoiaRequestView> {
    const request = await this.load(id);
    const view = await this.options.foia.transition(request, change, actor).catch((error: unknown) => {
      throw refusalOfTransition(error);
    });
    await this.options.catalog.appendAudit({
      actor: actor.id,
      action: 'foia-request.transition',
      target: request.id,
      details: { from: request.status, to: change.to },
    });
    await this.options.relayNotifications();
    return view;
  }

  /** The stored request, or UseCaseError `not-found`. */
  async load(id: string): Promise<FoiaRequest> {
    const request = await this.options.foiaStore.getRequest(id);
    if (!request) throw notFound(`FOIA request ${id}`);
    return request;
  }
}
