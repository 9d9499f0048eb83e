import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { parse, serialize } from 'cookie';
import type { Sessions, SignedInSession, StartedSession } from '@verbatim/app';

export const SESSION_COOKIE = 'verbatim_session';

function readSessionSecret(request: Request): string | undefined {
  const header = request.header('cookie');
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}

/**
 * HttpOnly so page scripts never see it, SameSite=Lax so other sites cannot send it with their forms, and
 * Secure whenever the request came over TLS (directly or, with `trust proxy`, through a proxy).
 */
function writeSessionCookie(request: Request, response: Response, secret: string, expiresAt: Date): void {
  response.append(
    'set-cookie',
    serialize(SESSION_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure,
      path: '/',
      expires: expiresAt,
    }),
  );
}

/** The session of the request's cookie, if it is current. */
export function currentSession(sessions: Sessions, request: Request): Promise<SignedInSession | null> {
  return sessions.find(readSessionSecret(request));
}

/**
 * Checks the password and, when it is right, starts a session and sets its cookie on `response`. Throttling
 * counts failures per email and per `request.ip` (the proxy's client address with TRUST_PROXY).
 */
export async function signInWithCookie(
  sessions: Sessions,
  email: string,
  password: string,
  request: Request,
  response: Response,
) {
  const started = await sessions.signIn(email, password, request.ip ?? 'unknown');
  if (!started) return null;
  writeSessionCookie(request, response, started.secret, started.expiresAt);
  return { user: started.user, csrfToken: started.csrfToken };
}

/** Sets the cookie of a session started another way (through the town's identity provider). */
export function setSessionCookie(request: Request, response: Response, started: StartedSession) {
  writeSessionCookie(request, response, started.secret, started.expiresAt);
  return { user: started.user, csrfToken: started.csrfToken };
}

/** Ends the request's session on the server and clears its cookie. */
export async function signOutWithCookie(sessions: Sessions, request: Request, response: Response): Promise<void> {
  await sessions.signOut(readSessionSecret(request));
  writeSessionCookie(request, response, '', new Date(0));
}

/** Compares a CSRF token sent with a change against the session's, in time that does not depend on where they differ. */
export function csrfTokenMatches(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
