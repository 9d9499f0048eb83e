import type { Request, Response } from 'express';
import { sha256Hex, type Catalog, type PeopleStore, type User } from '@verbatim/core';
import { hashPassword, verifyPassword } from './password';
import { SESSION_HOURS, clearSessionCookie, newCsrfToken, newSessionSecret, readSessionSecret, setSessionCookie } from './session-cookie';

/** A hash to compare against when no user has the email, so a wrong email takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/**
 * Checks the password and starts a session: its cookie is set on `response`, its CSRF token returned. Null when
 * the email or the password is wrong, or the person is disabled (one answer for all, so none can be probed).
 */
export async function signIn(people: PeopleStore, catalog: Catalog, email: string, password: string, request: Request, response: Response): Promise<{ user: User; csrfToken: string } | null> {
  const user = await people.findUserByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy password'))));
  if (!user || !valid || user.disabledAt) return null;
  const secret = newSessionSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const csrfToken = newCsrfToken();
  await people.createSession({ secretSha256: sha256Hex(secret), userId: user.id, csrfToken, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  await catalog.appendAudit({ actor: user.id, action: 'session.sign-in', target: user.id });
  setSessionCookie(request, response, secret, expiresAt);
  const { passwordHash: _hash, ...view } = user;
  return { user: view, csrfToken };
}

export interface SignedInSession {
  user: User;
  csrfToken: string;
  secretSha256: string;
}

/** The session of the request's cookie, if it is current. */
export async function currentSession(people: PeopleStore, request: Request): Promise<SignedInSession | null> {
  const secret = readSessionSecret(request);
  const found = secret ? await people.findSession(sha256Hex(secret), new Date().toISOString()) : null;
  return found ? { user: found.user, csrfToken: found.session.csrfToken, secretSha256: found.session.secretSha256 } : null;
}

/** Ends the request's session on the server and clears its cookie. */
export async function signOut(people: PeopleStore, catalog: Catalog, request: Request, response: Response): Promise<void> {
  const session = await currentSession(people, request);
  if (session) {
    await people.deleteSession(session.secretSha256);
    await catalog.appendAudit({ actor: session.user.id, action: 'session.sign-out', target: session.user.id });
  }
  clearSessionCookie(request, response);
}
