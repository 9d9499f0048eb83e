import { z } from 'zod';
import { FOIA_OFFICER_ROLES, FOIA_READER_ROLES } from '@verbatim/core';
import {
  IllegalTransitionError, MissingExtensionDateError, StaleRequestError, TransitionNotPermittedError,
  NewFoiaRequestSchema, type FoiaRequest,
} from '@verbatim/foia';
import type { ApiContext } from '../api-context';
import { ApiError, notFound } from '../api-error';
import { defineRoute } from '../route';
import {
  FoiaRequestPatchSchema, FoiaRequestViewSchema, FoiaTransitionSchema, RequestListQuerySchema, TransitionBodySchema,
} from './foia-request.schemas';

/** Who works requests, and who reads them. */
export const REQUEST_WORKERS = FOIA_OFFICER_ROLES;
export const REQUEST_READERS = FOIA_READER_ROLES;

function transitionError(error: unknown): unknown {
  if (error instanceof IllegalTransitionError) {
    return new ApiError(409, 'illegal_transition', error.message, { from: error.from, to: error.to, allowed: error.allowed });
  }
  if (error instanceof TransitionNotPermittedError) {
    return new ApiError(403, 'forbidden', error.message, { requiredRoles: error.requiredRoles });
  }
  if (error instanceof StaleRequestError) return new ApiError(409, 'conflict', error.message);
  if (error instanceof MissingExtensionDateError) {
    return new ApiError(400, 'validation_failed', error.message, [{ path: 'extendedUntil', message: 'required when moving to extended' }]);
  }
  return error;
}

export function foiaRequestRoutes(context: ApiContext) {
  const { foia, foiaStore, catalog } = context;
  const loadRequest = async (id: string): Promise<FoiaRequest> => {
    const request = await foiaStore.getRequest(id);
    if (!request) throw notFound(`FOIA request ${id}`);
    return request;
  };
  return [
    defineRoute({
      method: 'post', path: '/foia-requests', summary: 'Log a FOIA request; the attorney\'s office is notified', roles: REQUEST_WORKERS,
      body: NewFoiaRequestSchema,
      status: 201, response: FoiaRequestViewSchema,
      handle: async ({ body, principal }) => {
        const view = await foia.logRequest(body, principal);
        await catalog.appendAudit({ actor: principal.id, action: 'foia-request.log', target: view.id, details: { number: view.number } });
        await context.relayNotifications();
        return view;
      },
    }),
    defineRoute({
      method: 'get', path: '/foia-requests', summary: 'List FOIA requests, newest received first, with deadlines', roles: REQUEST_READERS,
      query: RequestListQuerySchema, status: 200, response: z.object({ requests: z.array(FoiaRequestViewSchema) }),
      handle: async ({ query, principal }) => ({ requests: await foia.listRequests(principal.roles, { status: query.status }) }),
    }),
    defineRoute({
      method: 'get', path: '/foia-requests/:id', summary: 'One FOIA request with deadlines, notifications and its history', roles: REQUEST_READERS,
      status: 200, response: FoiaRequestViewSchema.extend({ transitions: z.array(FoiaTransitionSchema) }),
      handle: async ({ params, principal }) => {
        const view = await foia.getRequest(params.id, principal.roles);
        if (!view) throw notFound(`FOIA request ${params.id}`);
        return { ...view, transitions: await foiaStore.listTransitions(view.id) };
      },
    }),
    defineRoute({
      method: 'patch', path: '/foia-requests/:id', summary: 'Edit a request\'s details (status changes go through /transitions)', roles: REQUEST_WORKERS,
      body: FoiaRequestPatchSchema, status: 200, response: FoiaRequestViewSchema,
      handle: async ({ params, body, principal }) => {
        await loadRequest(params.id);
        await foiaStore.updateRequest(params.id, body, new Date().toISOString());
        await catalog.appendAudit({ actor: principal.id, action: 'foia-request.update', target: params.id, details: { fields: Object.keys(body) } });
        return foia.getRequest(params.id, principal.roles);
      },
    }),
    defineRoute({
      method: 'post', path: '/foia-requests/:id/transitions', summary: 'Move a request to another status (409 lists the allowed ones)',
      roles: REQUEST_READERS, body: TransitionBodySchema, status: 200, response: FoiaRequestViewSchema,
      handle: async ({ params, body, principal }) => {
        const request = await loadRequest(params.id);
        const view = await foia.transition(request, body, principal).catch((error: unknown) => { throw transitionError(error); });
        await catalog.appendAudit({ actor: principal.id, action: 'foia-request.transition', target: request.id, details: { from: request.status, to: body.to } });
        await context.relayNotifications();
        return view;
      },
    }),
  ];
}
