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
}
