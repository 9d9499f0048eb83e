import { z } from 'zod';
import { AccountPatchSchema, NewAccountSchema } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { notFound } from '../api-error';
import { AccountViewSchema, viewAccount } from '../accounts/account-view';
import { registerAccount } from '../accounts/register-account';
import { startSync } from '../accounts/start-sync';
import { updateAccount } from '../accounts/update-account';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

export function accountRoutes(context: ApiContext) {
  const { catalog, jobs } = context;
  const loadAccount = async (id: string) => {
    const account = await catalog.getAccount(id);
    if (!account) throw notFound(`account ${id}`);
    return account;
  };
  return [
    defineRoute({
      method: 'post', path: '/accounts', summary: 'Register a social media account and its connector', roles: ['it-admin'],
      body: NewAccountSchema, status: 201, response: AccountViewSchema,
      handle: async ({ body, principal }) => viewAccount(catalog, await registerAccount({ catalog, jobs }, body, principal.id)),
    }),
    defineRoute({
      method: 'get', path: '/accounts', summary: 'List registered accounts', roles: ALL_ROLES,
      query: z.object({ agencyId: z.string().optional() }).strict(), status: 200,
      response: z.object({ accounts: z.array(AccountViewSchema) }),
      handle: async ({ query }) => {
        const accounts = await catalog.listAccounts({ agencyId: query.agencyId });
        return { accounts: await Promise.all(accounts.map((account) => viewAccount(catalog, account))) };
      },
    }),
    defineRoute({
      method: 'get', path: '/accounts/:id', summary: 'One account with its sync state', roles: ALL_ROLES,
      status: 200, response: AccountViewSchema,
      handle: async ({ params }) => viewAccount(catalog, await loadAccount(params.id)),
    }),
    defineRoute({
      method: 'patch', path: '/accounts/:id', summary: 'Change an account (status, schedule, connector, people)', roles: ['it-admin'],
      body: AccountPatchSchema, status: 200, response: AccountViewSchema,
      handle: async ({ params, body, principal }) => viewAccount(catalog, await updateAccount({ catalog, jobs }, params.id, body, principal.id)),
    }),
    defineRoute({
      method: 'post', path: '/accounts/:id/sync', summary: 'Start a sync now', roles: ['it-admin'],
      status: 202, response: z.object({ jobId: z.string() }),
      handle: async ({ params, principal }) => ({ jobId: await startSync({ catalog, jobs }, params.id, principal.id) }),
    }),
    defineRoute({
      method: 'get', path: '/accounts/:id/quarantine', summary: 'Platform payloads that failed validation, with their raw capture', roles: ['it-admin', 'auditor'],
      status: 200,
      handle: async ({ params }) => {
        await loadAccount(params.id);
        return { quarantine: await catalog.listQuarantine(params.id) };
      },
    }),
  ];
}
