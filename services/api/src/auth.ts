import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiToken, Catalog, Role, sha256Hex } from '@verbatim/core';
import { ApiError } from './api-error';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: ApiToken;
  }
}

/** A new bearer token secret. Only its SHA-256 is stored; the secret is shown once, at creation. */
export function generateTokenSecret(): string {
  return `vbt_${randomBytes(32).toString('base64url')}`;
}

/** Resolves `Authorization: Bearer <token>` to its principal; 401 when absent or unknown. */
export function authenticate(catalog: Catalog): RequestHandler {
  return async (request, _response, next) => {
    const header = request.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(new ApiError(401, 'unauthenticated', 'send Authorization: Bearer <token>'));
    const principal = await catalog.findTokenBySecretSha256(sha256Hex(match[1]));
    if (!principal) return next(new ApiError(401, 'unauthenticated', 'the bearer token is not recognised'));
    request.principal = principal;
    next();
  };
}

/** 403 unless the principal holds one of `roles`. */
export function requireRole(roles: readonly Role[]): RequestHandler {
  return (request, _response, next) => {
    const held = request.principal?.roles ?? [];
    if (held.some((role) => roles.includes(role))) return next();
    next(new ApiError(403, 'forbidden', `this needs one of the roles: ${roles.join(', ')}`));
  };
}

/**
 * Creates the first it-admin token from BOOTSTRAP_ADMIN_TOKEN when the catalog has no token at all, so a
 * fresh installation can be administered. Later starts leave tokens alone.
 */
export async function bootstrapAdminToken(catalog: Catalog, secret: string | undefined): Promise<boolean> {
  if (!secret || (await catalog.countTokens()) > 0) return false;
  await catalog.createToken({ name: 'bootstrap admin', roles: ['it-admin'], secretSha256: sha256Hex(secret) });
  return true;
}
