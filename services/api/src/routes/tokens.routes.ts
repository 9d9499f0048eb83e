import { z } from 'zod';
import { RoleSchema } from '@verbatim/core';
import { createApiToken, NewApiTokenSchema } from '@verbatim/app';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';

export function tokenRoutes({ catalog }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/tokens',
      summary: 'Create a bearer token with roles (the secret is shown once)',
      roles: ['it-admin'],
      body: NewApiTokenSchema,
      status: 201,
      response: z.object({
        id: z.string(),
        name: z.string(),
        roles: z.array(RoleSchema),
        token: z.string(),
        createdAt: z.string(),
      }),
      handle: ({ body, principal }) => createApiToken(catalog, body, principal.id),
    }),
  ];
}
