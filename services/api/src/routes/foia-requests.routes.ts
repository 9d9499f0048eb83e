import { z } from 'zod';
import { FOIA_OFFICER_ROLES, FOIA_READER_ROLES } from '@verbatim/core';
import { notFound } from '@verbatim/core';
import { NewFoiaRequestSchema } from '@verbatim/foia';
import { sendCsvDownload } from '@verbatim/http';
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
      summary: 'List FOIA requests, newest received first, with deadlines; `Accept: text/csv` for a spreadsheet',
      roles: REQUEST_READERS,
      query: RequestListQuerySchema,
      status: 200,
      response: z.object({ requests: z.array(FoiaRequestViewSchema) }),
      alternatives: {
        'text/csv':
          'Every matching request (not a page), one row each: number, received, response due, production target, ' +
          'status, requester, organization, email, description, attorney notification (pending, delivered, ' +
          "failed or none configured). Times on the town clock; cells that could start a formula begin with `'`.",
      },
      handle: async ({ query, principal, request, response }) => {
        response.vary('Accept');
        if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
          sendCsvDownload(response, await requestLog.exportCsv({ status: query.status }, principal));
          return undefined;
        }
        return { requests: await requestLog.list(principal.roles, { status: query.status }) };
      },
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
