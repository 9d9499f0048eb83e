import { z } from 'zod';
import { AccountPatchSchema, NewAccountSchema, notFound } from '@verbatim/core';
import { AccountViewSchema } from '@verbatim/app';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

const SyncRunSchema = z.object({
  accountId: z.string(),
  passNumber: z.number(),
  startedAt: z.string(),
  endedAt: z.string(),
  outcome: z.enum(['completed', 'failed', 'paused']).describe('paused: a rate limit or a shutdown; it resumes'),
  error: z.string().nullable(),
  resumed: z.boolean().describe('the run picked its pass up from the saved cursor'),
  pages: z.number(),
  items: z.number().describe('posts and comments listed'),
  created: z.number().describe('records seen for the first time'),
  newVersions: z.number().describe('records whose content changed'),
  tombstoned: z.number().describe('records the platform confirmed deleted'),
  mediaArchived: z.number(),
  quarantined: z.number().describe('payloads set aside for failing validation'),
  notices: z
    .array(z.string())
    .describe(
      "what the platform would not give this run, in plain words (e.g. what the app's X access tier cannot reach)",
    ),
});

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
    defineRoute({
      method: 'get',
      path: '/accounts/:id/runs',
      summary: "The account's recent sync runs, newest first, with what each captured",
      roles: ['it-admin', 'auditor'],
      status: 200,
      response: z.object({ runs: z.array(SyncRunSchema) }),
      handle: async ({ params }) => {
        if (!(await catalog.getAccount(params.id))) throw notFound(`account ${params.id}`);
        return { runs: await it.listSyncRuns(params.id) };
      },
    }),
  ];
}
