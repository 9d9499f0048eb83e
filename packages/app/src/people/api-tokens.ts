import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RoleSchema, sha256Hex, notFound, type ApiToken, type ApiTokenStore, type AuditLog } from '@verbatim/core';
import { auditRoleGrant } from './role-grants';
import type { GrantNotices } from './grant-notices';

export const NewApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  roles: z.array(RoleSchema).min(1).max(RoleSchema.options.length),
  expiresAt: z.iso
    .datetime({ offset: true, message: 'an instant with its offset, e.g. 2027-01-31T17:00:00Z' })
    .refine((value) => Date.parse(value) > Date.now(), 'must be in the future')
    .optional(),
});
export type NewApiToken = z.infer<typeof NewApiTokenSchema>;

/** A new bearer token secret. Only its SHA-256 is stored; the secret is shown once, at creation. */
export function generateTokenSecret(): string {
  return `vbt_${randomBytes(32).toString('base64url')}`;
}

/**
 * Creates a bearer token for a script or an integration, audited as `token.create` and `role.grant` (flagged
 * privileged for attorney or auditor); with `grants`, a token with attorney or auditor is announced to the
 * attorney's office in the same transaction. Returns it with its secret, shown this once.
 */
export async function createApiToken(
  catalog: ApiTokenStore & AuditLog,
  input: NewApiToken,
  actorId: string,
  grants?: GrantNotices,
): Promise<ApiToken & { token: string }> {
  const roles = [...new Set(input.roles)];
  const secret = generateTokenSecret();
  const compose = await grants?.prepare(actorId, roles, 'created', new Date().toISOString());
  const token = await catalog.createToken(
    {
      name: input.name,
      roles,
      secretSha256: sha256Hex(secret),
      expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    },
    compose && ((created) => compose({ kind: 'token', ...created, previousRoles: [] })),
  );
  await catalog.appendAudit({
    actor: actorId,
    action: 'token.create',
    target: token.id,
    details: { roles: token.roles, expiresAt: token.expiresAt },
  });
  await auditRoleGrant(catalog, actorId, { kind: 'token', id: token.id, name: token.name }, token.roles);
  return { ...token, token: secret };
}

/** Revokes a token at once (its next request gets 401 "revoked"), audited. Throws not-found for an unknown id. */
export async function revokeApiToken(
  catalog: ApiTokenStore & AuditLog,
  tokenId: string,
  actorId: string,
): Promise<ApiToken> {
  const token = await catalog.revokeToken(tokenId, new Date().toISOString());
  if (!token) throw notFound(`token ${tokenId}`);
  await catalog.appendAudit({
    actor: actorId,
    action: 'token.revoke',
    target: token.id,
    details: { name: token.name },
  });
  return token;
}

/** Why a presented token is refused, in words for the caller; null when it may be used at `now`. */
export function tokenRefusal(token: ApiToken, now = new Date()): string | null {
  if (token.revokedAt) return `this token was revoked at ${token.revokedAt}; ask IT for a new one`;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime())
    return `this token expired at ${token.expiresAt}; ask IT for a new one`;
  return null;
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
