import { randomBytes } from 'node:crypto';
import { sha256Hex, UseCaseError, type AuditLog, type PeopleStore, type User } from '@verbatim/core';
import { hashPassword, verifyPassword } from './password';
import { SignInThrottle } from './sign-in-throttle';

/** A session lasts a working day and a half; signing in again is cheap, a stolen cookie should age out. */
export const SESSION_HOURS = 12;

/** A hash to compare against when no user has the email, so a wrong email takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** The refusal of a disabled person's sign-in, the same however they signed in. */
export const personDisabled = (user: User): UseCaseError =>
  new UseCaseError(
    'unauthenticated',
    'person_disabled',
    `this person was disabled by IT at ${user.disabledAt}; ask IT to enable you again`,
  );

/** A person signed in: who, and the CSRF token their changes must carry. */
export interface SignedInSession {
  user: User;
  csrfToken: string;
  /** The stored form of the session secret (the secret itself lives only in the person's cookie). */
  secretSha256: string;
  /** When the session ends of itself (ISO). */
  expiresAt: string;
}

/** A session just started: the secret goes into the cookie, and only its SHA-256 is stored. */
export interface StartedSession {
  user: User;
  csrfToken: string;
  secret: string;
  expiresAt: Date;
}

/** How people may sign in here. */
export interface SignInOptions {
  /**
   * False where the town signs in through its identity provider only (OIDC_ONLY): a password sign-in is then
   * refused with `forbidden` `password_sign_in_off`, naming `signInInstead`.
   */
  passwordSignIn: boolean;
  /** What to use instead, in the refusal ("Microsoft"). */
  signInInstead?: string;
}

/** Signing in and out, independent of how the secret travels (a cookie, today). */
export class Sessions {
  constructor(
    private readonly people: PeopleStore,
    private readonly catalog: AuditLog,
    private readonly throttle = new SignInThrottle(),
    private readonly options: SignInOptions = { passwordSignIn: true },
  ) {}

  /** False when password sign-in is turned off (OIDC_ONLY). */
  get passwordSignInAllowed(): boolean {
    return this.options.passwordSignIn;
  }

  /**
   * Checks the password and starts a session. Null when the email or the password is wrong (one answer for
   * both, so neither can be probed). Throws UseCaseError `throttled` while the account or `address` is locked
   * out or too many sign-ins wait for hashing (refused before any hashing), and `unauthenticated`
   * `person_disabled` when the password is right but IT disabled the person, and `forbidden`
   * `password_sign_in_off` when passwords are turned off here (checked first: nothing is hashed nor counted).
   */
  async signIn(email: string, password: string, address = 'unknown'): Promise<StartedSession | null> {
    if (!this.options.passwordSignIn)
      throw new UseCaseError(
        'forbidden',
        'password_sign_in_off',
        `password sign-in is turned off here; sign in with ${this.options.signInInstead ?? "your town's identity provider"} instead`,
      );
    await this.throttle.refuseIfLocked(email, address);
    const user = await this.people.findUserByEmail(email);
    const decoy = (decoyHash ??= hashPassword('decoy password'));
    const decoyHashed = await decoy;
    // Checked again once this sign-in's turn to hash comes, and the outcome counted before the next one's turn:
    // a lockout reached while sign-ins waited refuses them before they hash.
    const valid = await this.throttle.runHash(async () => {
      await this.throttle.refuseIfLocked(email, address);
      const right = await verifyPassword(password, user?.passwordHash ?? decoyHashed);
      if (user && right) await this.throttle.recordSuccess(email);
      else await this.throttle.recordFailure(email, address);
      return user !== null && right;
    });
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
      if (!user || !valid) return null;
      // Said only after the right password, so it tells a guesser nothing.
      throw personDisabled(user);
    }
    const { passwordHash: _hash, ...view } = user;
    return this.start(view);
  }

  /**
   * Starts a session for a person already known to be who they say (a right password, a verified ID token) and
   * audits the sign-in, with `details` (how they signed in) when given.
   */
  async start(user: User, details?: Record<string, unknown>): Promise<StartedSession> {
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
    await this.catalog.appendAudit({
      actor: user.id,
      action: 'session.sign-in',
      target: user.id,
      ...(details ? { details } : {}),
    });
    return { user, csrfToken, secret, expiresAt };
  }

  /** The session whose secret this is, if it is current. */
  async find(secret: string | undefined): Promise<SignedInSession | null> {
    const found = secret ? await this.people.findSession(sha256Hex(secret), new Date().toISOString()) : null;
    return found
      ? {
          user: found.user,
          csrfToken: found.session.csrfToken,
          secretSha256: found.session.secretSha256,
          expiresAt: found.session.expiresAt,
        }
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
