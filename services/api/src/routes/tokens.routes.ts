import { z } from 'zod';
import { RoleSchema, sha256Hex } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { generateTokenSecret } from '../auth';
import { defineRoute } from '../route';

const NewTokenSchema = z.object({
  name: z.string().trim().min(1).max(200),
  roles: z.array(RoleSchema).min(1).max(5),
});

export function tokenRoutes({ catalog }: ApiContext) {
  return [
    defineRoute({
      method: 'post', path: '/tokens', summary: 'Create a bearer token with roles (the secret is shown once)', roles: ['it-admin'],
      body: NewTokenSchema, status: 201,
      response: z.object({ id: z.string(), name: z.string(), roles: z.array(RoleSchema), token: z.string(), createdAt: z.string() }),
      handle: async ({ body, principal }) => {
        const secret = generateTokenSecret();
        const token = await catalog.createToken({ name: body.name, roles: [...new Set(body.roles)], secretSha256: sha256Hex(secret) });
        await catalog.appendAudit({ actor: principal.id, action: 'token.create', target: token.id, details: { roles: token.roles } });
        return { ...token, token: secret };
      },
    }),
  ];
}
