import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RoleSchema, sha256Hex, type ApiToken, type ApiTokenStore, type AuditLog } from '@verbatim/core';

export const NewApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(200),
  roles: z.array(RoleSchema).min(1).max(RoleSchema.options.length),
});
export type NewApiToken = z.infer<typeof NewApiTokenSchema>;

/** A new bearer token secret. Only its SHA-256 is stored; the secret is shown once, at creation. */
export function generateTokenSecret(): string {
  return `vbt_${randomBytes(32).toString('base64url')}`;
}

/** Creates a bearer token for a script or an integration, audited; returns it with its secret, shown this once. */
export async function createApiToken(
  catalog: ApiTokenStore & AuditLog,
  input: NewApiToken,
  actorId: string,
): Promise<ApiToken & { token: string }> {
  const secret = generateTokenSecret();
  const token = await catalog.createToken({
    name: input.name,
    roles: [...new Set(input.roles)],
    secretSha256: sha256Hex(secret),
  });
  await catalog.appendAudit({
    actor: actorId,
    action: 'token.create',
    target: token.id,
    details: { roles: token.roles },
  });
  return { ...token, token: secret };
}

/**
 * Creates the first it-admin token from BOOTSTRAP_ADMIN_TOKEN when the catalog has no token at all, so a
 * fresh installation can be administered. Later starts leave tokens alone.
 */
export async function bootstrapAdminToken(catalog: ApiTokenStore, secret: string | undefined): Promise<boolean> {
  if (!secret || (await catalog.countTokens()) > 0) return false;
  await catalog.createToken({ name: 'bootstrap admin', roles: ['it-admin'], secretSha256: sha256Hex(secret) });
  return true;
}
