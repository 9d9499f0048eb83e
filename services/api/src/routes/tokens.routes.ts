import { z } from 'zod';
import { RoleSchema } from '@verbatim/core';
import { createApiToken, NewApiTokenSchema, revokeApiToken } from '@verbatim/app';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

/** A token as listed: never its secret. */
const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function tokenRoutes({ catalog, grantNotices, relayNotifications }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/tokens',
      summary: 'Create a bearer token with roles and an optional expiry (the secret is shown once)',
      roles: ['it-admin'],
      body: NewApiTokenSchema,
      status: 201,
      response: TokenSchema.extend({ token: z.string() }),
      handle: async ({ body, principal }) => {
        const token = await createApiToken(catalog, body, principal.id, grantNotices);
        await relayNotifications();
        return token;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/tokens',
      summary: 'Every token, revoked and expired ones too, without secrets',
      roles: ['it-admin'],
      status: 200,
      response: z.object({ tokens: z.array(TokenSchema) }),
      handle: async () => ({ tokens: await catalog.listTokens() }),
    }),
    defineRoute({
      method: 'delete',
      path: '/tokens/:id',
      summary: 'Revoke a token: its next request gets 401',
      roles: ['it-admin'],
      params: z.object({ id: z.string().min(1).max(100) }),
      status: 204,
      handle: async ({ params, principal, response }) => {
        await revokeApiToken(catalog, params.id, principal.id);
        response.status(204).end();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/whoami',
      summary: 'The caller: a person signed in or a token, with its roles and expiry',
      roles: ALL_ROLES,
      status: 200,
      response: z.object({
        id: z.string(),
        kind: z.enum(['person', 'token']),
        name: z.string(),
        roles: z.array(RoleSchema),
        expiresAt: z.string().nullable(),
      }),
      handle: async ({ request, principal }) => ({
        id: principal.id,
        kind: request.signedInSession ? ('person' as const) : ('token' as const),
        name: principal.name,
        roles: principal.roles,
        expiresAt: principal.expiresAt,
      }),
    }),
  ];
}
