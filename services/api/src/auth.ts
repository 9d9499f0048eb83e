import type { RequestHandler } from 'express';
import { sha256Hex, type ApiToken, type Catalog, type Role } from '@verbatim/core';
import { tokenRefusal, type Sessions, type SignedInSession } from '@verbatim/app';
import { csrfTokenMatches, currentSession } from '@verbatim/http';
import { ApiError } from './api-error';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: ApiToken;
    /** Set when the caller signed in with a session cookie rather than a bearer token. */
    signedInSession?: SignedInSession;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller: `Authorization: Bearer <token>` (scripts and integrations), or the session cookie of a
 * person signed in to the web application. A cookie alone could be sent by another site's form, so every
 * state-changing request made with the cookie must also carry the session's `X-CSRF-Token`.
 */
export function authenticate(catalog: Catalog, sessions: Sessions): RequestHandler {
  return async (request, _response, next) => {
    const header = request.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) {
      const principal = await catalog.findTokenBySecretSha256(sha256Hex(match[1]));
      if (!principal) return next(new ApiError(401, 'unauthenticated', 'the bearer token is not recognised'));
      const refusal = tokenRefusal(principal);
      if (refusal) return next(new ApiError(401, principal.revokedAt ? 'token_revoked' : 'token_expired', refusal));
      request.principal = principal;
      return next();
    }
    const session = await currentSession(sessions, request);
    if (!session)
      return next(
        new ApiError(401, 'unauthenticated', 'sign in (POST /api/v1/session) or send Authorization: Bearer <token>'),
      );
    if (STATE_CHANGING.has(request.method) && !csrfTokenMatches(request.header('x-csrf-token'), session.csrfToken)) {
      return next(new ApiError(403, 'csrf_failed', 'send the X-CSRF-Token given at sign-in with every change'));
    }
    const { user } = session;
    request.principal = {
      id: user.id,
      name: user.name,
      roles: user.roles,
      createdAt: user.createdAt,
      expiresAt: session.expiresAt,
      revokedAt: null,
    };
    request.signedInSession = session;
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
