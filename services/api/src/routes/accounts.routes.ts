import { z } from 'zod';
import { AccountPatchSchema, NewAccountSchema, notFound } from '@verbatim/core';
import { AccountViewSchema } from '@verbatim/app';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

export function accountRoutes({ it, catalog }: ApiContext) {
  const loadAccount = async (id: string) => {
    const account = await it.getAccount(id);
    if (!account) throw notFound(`account ${id}`);
    return account;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/accounts',
      summary: 'Register a social media account and its connector',
      roles: ['it-admin'],
      body: NewAccountSchema,
      status: 201,
      response: AccountViewSchema,
      handle: async ({ body, principal }) => it.registerAccount(body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/accounts',
      summary: 'List registered accounts',
      roles: ALL_ROLES,
      query: z.object({ agencyId: z.string().optional() }).strict(),
      status: 200,
      response: z.object({ accounts: z.array(AccountViewSchema) }),
      handle: async ({ query }) => ({ accounts: await it.listAccounts({ agencyId: query.agencyId }) }),
    }),
    defineRoute({
      method: 'get',
      path: '/accounts/:id',
      summary: 'One account with its sync state',
      roles: ALL_ROLES,
      status: 200,
      response: AccountViewSchema,
      handle: async ({ params }) => loadAccount(params.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/accounts/:id',
      summary: 'Change an account (status, schedule, connector, people)',
      roles: ['it-admin'],
      body: AccountPatchSchema,
      status: 200,
      response: AccountViewSchema,
      handle: async ({ params, body, principal }) => it.updateAccount(params.id, body, principal.id),
    }),
    defineRoute({
      method: 'post',
      path: '/accounts/:id/sync',
      summary: 'Start a sync now',
      roles: ['it-admin'],
      status: 202,
      response: z.object({ jobId: z.string() }),
      handle: async ({ params, principal }) => ({ jobId: await it.startSync(params.id, principal.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/accounts/:id/quarantine',
      summary: 'Platform payloads that failed validation, with their raw capture',
      roles: ['it-admin', 'auditor'],
      status: 200,
      handle: async ({ params }) => {
        if (!(await catalog.getAccount(params.id))) throw notFound(`account ${params.id}`);
        return { quarantine: await catalog.listQuarantine(params.id) };
      },
    }),
  ];
}
