import { randomBytes } from 'node:crypto';
import { sha256Hex, type AuditLog, type PeopleStore, type User } from '@verbatim/core';
import { hashPassword, verifyPassword } from './password';

/** A session lasts a working day and a half; signing in again is cheap, a stolen cookie should age out. */
export const SESSION_HOURS = 12;

/** A hash to compare against when no user has the email, so a wrong email takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** A person signed in: who, and the CSRF token their changes must carry. */
export interface SignedInSession {
  user: User;
  csrfToken: string;
  /** The stored form of the session secret (the secret itself lives only in the person's cookie). */
  secretSha256: string;
}

/** A session just started: the secret goes into the cookie, and only its SHA-256 is stored. */
export interface StartedSession {
  user: User;
  csrfToken: string;
  secret: string;
  expiresAt: Date;
}

/** Signing in and out with email and password, independent of how the secret travels (a cookie, today). */
export class Sessions {
  constructor(
    private readonly people: PeopleStore,
    private readonly catalog: AuditLog,
  ) {}

  /**
   * Checks the password and starts a session. Null when the email or the password is wrong, or the person is
   * disabled (one answer for all, so none can be probed).
   */
  async signIn(email: string, password: string): Promise<StartedSession | null> {
    const user = await this.people.findUserByEmail(email);
    const valid = await verifyPassword(
      password,
      user?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy password'))),
    );
    if (!user || !valid || user.disabledAt) {
      // Failed sign-ins are audited with the email typed and why, never the password.
      const reason = !user ? 'unknown email' : !valid ? 'wrong password' : 'person disabled';
      await this.catalog.appendAudit({
        actor: user?.id ?? 'anonymous',
        action: 'session.sign-in',
        target: user?.id ?? email,
        outcome: 'denied',
        details: { email, reason },
      });
      return null;
    }
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    const csrfToken = randomBytes(24).toString('base64url');
    await this.people.createSession({
      secretSha256: sha256Hex(secret),
      userId: user.id,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    await this.catalog.appendAudit({ actor: user.id, action: 'session.sign-in', target: user.id });
    const { passwordHash: _hash, ...view } = user;
    return { user: view, csrfToken, secret, expiresAt };
  }

  /** The session whose secret this is, if it is current. */
  async find(secret: string | undefined): Promise<SignedInSession | null> {
    const found = secret ? await this.people.findSession(sha256Hex(secret), new Date().toISOString()) : null;
    return found
      ? { user: found.user, csrfToken: found.session.csrfToken, secretSha256: found.session.secretSha256 }
      : null;
  }

  /** Ends the session on the server (a no-op for an unknown or expired secret). */
  async signOut(secret: string | undefined): Promise<void> {
    const session = await this.find(secret);
    if (!session) return;
    await this.people.deleteSession(session.secretSha256);
    await this.catalog.appendAudit({ actor: session.user.id, action: 'session.sign-out', target: session.user.id });
  }
}
