import type { Role } from '../role.schema';
import type { OutboxNotice } from './outbox-notice';

/** A person who signs in to the web application. Their password is stored only as a scrypt hash. */
export interface User {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  createdAt: string;
  disabledAt: string | null;
}

export interface StoredUser extends User {
  passwordHash: string;
}

/** A signed-in browser. The cookie carries a secret; only its SHA-256 is stored. */
export interface Session {
  secretSha256: string;
  userId: string;
  /** Sent back by the page in `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * A sign-in through the town's identity provider (OpenID Connect) between leaving for the provider and coming
 * back: what the answer must match. Kept on the server under the SHA-256 of a secret held in the browser's
 * cookie, so the answer is accepted only in the browser that started it, once, before `expiresAt`.
 */
export interface PendingOidcSignIn {
  keySha256: string;
  /** Sent to the provider and expected back unchanged in the callback. */
  state: string;
  /** Sent to the provider and expected in the ID token. */
  nonce: string;
  /** PKCE: its S256 challenge went to the provider; the verifier goes with the code to the token endpoint. */
  codeVerifier: string;
  createdAt: string;
  expiresAt: string;
}

/** People and their sessions, beside the catalog. */
export interface PeopleStore {
  /**
   * Returns null when the email is already taken (compared without case). The notices `announce(user)` returns
   * (a grant of a privileged role) are written to the outbox in the same transaction, as the person's.
   */
  createUser(
    input: {
      name: string;
      email: string;
      roles: Role[];
      passwordHash: string;
      at: string;
    },
    announce?: (user: User) => OutboxNotice[],
  ): Promise<User | null>;
  /**
   * Replaces the person's roles; in the same transaction, the notices `announce(user, previousRoles)` returns
   * are written to the outbox as the person's. Null when there is no such user.
   */
  setUserRoles(
    userId: string,
    roles: Role[],
    at: string,
    announce?: (user: User, previousRoles: Role[]) => OutboxNotice[],
  ): Promise<User | null>;
  /** The user with this email in any case, with the password hash sign-in checks; disabled users too. */
  findUserByEmail(email: string): Promise<StoredUser | null>;
  /** Null when there is no user with this id; never carries the password hash. */
  getUser(id: string): Promise<User | null>;
  /** Every user, disabled ones too, by name then email in byte order (the same on every adapter). */
  listUsers(): Promise<User[]>;
  /** Replaces the user's password hash and ends every session they have; false when there is no such user. */
  setPasswordHash(userId: string, passwordHash: string): Promise<boolean>;
  /**
   * Disables the person at `disabledAt` (ending every session they have, in the same step) or, with null,
   * enables them again. Disabling one already disabled keeps the first instant. Null when there is no such user.
   */
  setUserDisabled(userId: string, disabledAt: string | null): Promise<User | null>;
  /** Stores a signed-in session; throws when its user does not exist. */
  createSession(session: Session): Promise<void>;
  /** The session and its user, if the session exists, has not expired at `now`, and the user is enabled. */
  findSession(secretSha256: string, now: string): Promise<{ session: Session; user: User } | null>;
  /** Signs the session out at once; deleting one that is gone already is harmless. */
  deleteSession(secretSha256: string): Promise<void>;
  /** The person linked to this subject of this issuer (OpenID Connect `iss` and `sub`), disabled ones too. */
  findUserByOidcSubject(issuer: string, subject: string): Promise<User | null>;
  /**
   * Links the person to the provider's `iss` and `sub`. True when the person is now linked to exactly this
   * subject (just now, or already); false when the person is linked to another subject, when this subject is
   * another person's, or when there is no such person. A subject belongs to one person at most.
   */
  linkOidcSubject(userId: string, issuer: string, subject: string): Promise<boolean>;
  /**
   * Clears the person's link to the provider (IT, when the person's account there was replaced): the link that
   * was cleared, or null when the person had none or does not exist.
   */
  unlinkOidcSubject(userId: string): Promise<{ issuer: string; subject: string } | null>;
  /** Stores a sign-in that left for the provider; sign-ins already expired at its `createdAt` are deleted. */
  savePendingOidcSignIn(pending: PendingOidcSignIn): Promise<void>;
  /** Takes the pending sign-in (it is deleted: each is used once); null when unknown or expired at `now`. */
  takePendingOidcSignIn(keySha256: string, now: string): Promise<PendingOidcSignIn | null>;
}
