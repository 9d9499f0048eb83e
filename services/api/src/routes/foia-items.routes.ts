import { z } from 'zod';
import type { ApiContext } from '../api-context';
import { AddItemsSchema, ItemDecisionSchema } from '@verbatim/app';
import { defineRoute } from '../route';
import { REQUEST_READERS } from './foia-requests.routes';

export function foiaItemRoutes({ foiaDesk }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/foia-requests/:id/items',
      summary:
        'Attach records: a saved search (frozen query, matches snapshotted now) or explicit record ids; thread context comes along',
      roles: REQUEST_READERS,
      body: AddItemsSchema,
      status: 201,
      response: z.object({
        added: z.number(),
        items: z.number(),
        savedSearch: z.object({ id: z.string(), query: z.unknown(), matched: z.number() }).nullable(),
      }),
      handle: ({ params, body, principal }) => foiaDesk.addItems(params.id, body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/foia-requests/:id/items',
      summary: 'The gathered records with their decisions, and the saved searches',
      roles: REQUEST_READERS,
      status: 200,
      response: z.object({ items: z.array(z.unknown()), savedSearches: z.array(z.unknown()) }),
      handle: ({ params, principal }) => foiaDesk.listItems(params.id, principal.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/foia-requests/:id/items/:recordId',
      summary: 'Produce, withhold or redact a gathered record, citing an exemption',
      roles: REQUEST_READERS,
      body: ItemDecisionSchema,
      status: 200,
      response: z.unknown(),
      handle: ({ params, body, principal }) => foiaDesk.decide(params.id, params.recordId, body, principal.id),
    }),
    defineRoute({
      method: 'delete',
      path: '/foia-requests/:id/items/:recordId',
      summary: 'Remove a record from the request',
      roles: REQUEST_READERS,
      status: 200,
      response: z.object({ removed: z.string() }),
      handle: async ({ params, principal }) => {
        await foiaDesk.removeItem(params.id, params.recordId, principal.id);
        return { removed: params.recordId };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/foia-requests/:id/items/:recordId/pii',
      summary: 'Suggested redactions (emails, phone numbers, street addresses) for the officer to accept or not',
      roles: REQUEST_READERS,
      status: 200,
      response: z.object({
        suggestions: z.array(
          z.object({ version: z.number(), kind: z.string(), start: z.number(), end: z.number(), text: z.string() }),
        ),
      }),
      handle: async ({ params }) => ({ suggestions: await foiaDesk.piiSuggestions(params.id, params.recordId) }),
    }),
  ];
}
