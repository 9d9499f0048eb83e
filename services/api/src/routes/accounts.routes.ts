import { z } from 'zod';
import { Account, AccountPatchSchema, AccountSchema, Catalog, NewAccountSchema, findAccountComplianceProblems } from '@verbatim/core';
import { ConnectorConfigSchemas } from '@verbatim/connectors';
import type { ApiContext } from '../api-context';
import { ApiError, notFound, validationError } from '../api-error';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

const AccountViewSchema = AccountSchema.extend({
  complianceProblems: z.array(z.string()),
  sync: z.object({
    status: z.enum(['never', 'running', 'completed', 'failed']),
    passNumber: z.number(),
    lastCompletedAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
});

/** Connector settings carry credentials; they are accepted but never shown back. */
const SECRET_FIELD = /secret|token|password|key/i;

function redactConnector(connector: Account['connector']): Account['connector'] {
  return Object.fromEntries(Object.entries(connector).map(([name, value]) => [name, SECRET_FIELD.test(name) ? '••••' : value])) as Account['connector'];
}

async function viewAccount(catalog: Catalog, account: Account) {
  const state = await catalog.getSyncState(account.id);
  return {
    ...account,
    connector: redactConnector(account.connector),
    complianceProblems: findAccountComplianceProblems(account),
    sync: { status: state.status, passNumber: state.passNumber, lastCompletedAt: state.lastCompletedAt, lastError: state.lastError },
  };
}

function checkConnector(connector: unknown): void {
  const result = ConnectorConfigSchemas.safeParse(connector);
  if (!result.success) {
    throw validationError('request body', new z.ZodError(result.error.issues.map((issue: z.core.$ZodIssue) => ({ ...issue, path: ['connector', ...issue.path] }))));
  }
}

async function checkAgency(catalog: Catalog, agencyId: string): Promise<void> {
  if (!(await catalog.getAgency(agencyId))) {
    throw new ApiError(400, 'validation_failed', `invalid request body: agencyId: no agency ${agencyId}`, [{ path: 'agencyId', message: `no agency ${agencyId}` }]);
  }
}

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
      handle: async ({ body, principal }) => {
        checkConnector(body.connector);
        await checkAgency(catalog, body.agencyId);
        const existing = await catalog.listAccounts();
        const duplicate = existing.find((account) => account.platform === body.platform && account.handle.toLowerCase() === body.handle.toLowerCase());
        if (duplicate) throw new ApiError(409, 'conflict', `${body.platform} account ${body.handle} is already registered as ${duplicate.id}`);
        const account = await catalog.createAccount(body);
        await catalog.appendAudit({ actor: principal.id, action: 'account.create', target: account.id });
        await jobs.schedule(account);
        return viewAccount(catalog, account);
      },
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
      handle: async ({ params, body, principal }) => {
        await loadAccount(params.id);
        if (body.connector) checkConnector(body.connector);
        if (body.agencyId) await checkAgency(catalog, body.agencyId);
        const account = (await catalog.updateAccount(params.id, body))!;
        await catalog.appendAudit({ actor: principal.id, action: 'account.update', target: account.id, details: { fields: Object.keys(body) } });
        await jobs.schedule(account);
        return viewAccount(catalog, account);
      },
    }),
    defineRoute({
      method: 'post', path: '/accounts/:id/sync', summary: 'Start a sync now', roles: ['it-admin'],
      status: 202, response: z.object({ jobId: z.string() }),
      handle: async ({ params, principal }) => {
        const account = await loadAccount(params.id);
        if (account.status === 'retired') throw new ApiError(409, 'account_retired', 'this account is retired; set its status to active or abandoned to sync it');
        const jobId = await jobs.enqueueSync(account.id);
        await catalog.appendAudit({ actor: principal.id, action: 'account.sync', target: account.id, details: { jobId } });
        return { jobId };
      },
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
