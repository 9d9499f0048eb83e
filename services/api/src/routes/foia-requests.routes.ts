import { z } from 'zod';
import { FOIA_OFFICER_ROLES, FOIA_READER_ROLES } from '@verbatim/core';
import { notFound } from '@verbatim/core';
import { NewFoiaRequestSchema } from '@verbatim/foia';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import {
  FoiaRequestPatchSchema,
  FoiaRequestViewSchema,
  FoiaTransitionSchema,
  RequestListQuerySchema,
  TransitionBodySchema,
} from './foia-request.schemas';

/** Who works requests, and who reads them. */
export const REQUEST_WORKERS = FOIA_OFFICER_ROLES;
export const REQUEST_READERS = FOIA_READER_ROLES;

export function foiaRequestRoutes(context: ApiContext) {
  const { foia, foiaStore, requestLog } = context;
  return [
    defineRoute({
      method: 'post',
      path: '/foia-requests',
      summary: "Log a FOIA request; the attorney's office is notified",
      roles: REQUEST_WORKERS,
      body: NewFoiaRequestSchema,
      status: 201,
      response: FoiaRequestViewSchema,
      handle: ({ body, principal }) => requestLog.log(body, principal),
    }),
    defineRoute({
      method: 'get',
      path: '/foia-requests',
      summary: 'List FOIA requests, newest received first, with deadlines',
      roles: REQUEST_READERS,
      query: RequestListQuerySchema,
      status: 200,
      response: z.object({ requests: z.array(FoiaRequestViewSchema) }),
      handle: async ({ query, principal }) => ({
        requests: await foia.listRequests(principal.roles, { status: query.status }),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/foia-requests/:id',
      summary: 'One FOIA request with deadlines, notifications and its history',
      roles: REQUEST_READERS,
      status: 200,
      response: FoiaRequestViewSchema.extend({ transitions: z.array(FoiaTransitionSchema) }),
      handle: async ({ params, principal }) => {
        const view = await foia.getRequest(params.id, principal.roles);
        if (!view) throw notFound(`FOIA request ${params.id}`);
        return { ...view, transitions: await foiaStore.listTransitions(view.id) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/foia-requests/:id',
      summary: "Edit a request's details (status changes go through /transitions)",
      roles: REQUEST_WORKERS,
      body: FoiaRequestPatchSchema,
      status: 200,
      response: FoiaRequestViewSchema,
      handle: ({ params, body, principal }) => requestLog.update(params.id, body, principal),
    }),
    defineRoute({
      method: 'post',
      path: '/foia-requests/:id/transitions',
      summary: 'Move a request to another status (409 lists the allowed ones)',
      roles: REQUEST_READERS,
      body: TransitionBodySchema,
      status: 200,
      response: FoiaRequestViewSchema,
      handle: ({ params, body, principal }) => requestLog.transition(params.id, body, principal),
    }),
  ];
}
