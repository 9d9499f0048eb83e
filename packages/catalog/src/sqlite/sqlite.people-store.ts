import type Database from 'better-sqlite3';
import {
  newId,
  type OutboxNotice,
  type PeopleStore,
  type PendingOidcSignIn,
  type Role,
  type Session,
  type StoredUser,
  type User,
} from '@verbatim/core';
import { OutboxRepository } from './foia/outbox.repository';

interface PendingOidcSignInRow {
  key_sha256: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
  expires_at: string;
}

interface UserRow {
  id: string;
  name: string;
  email: string;
  roles_json: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

function userFromRow(row: UserRow): StoredUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: JSON.parse(row.roles_json) as Role[],
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    passwordHash: row.password_hash,
  };
}

function withoutHash({ passwordHash: _hash, ...user }: StoredUser): User {
  return user;
}

/** Users and sessions in the catalog's SQLite file, beside the outbox that announces grants of privileged roles. */
export class SqlitePeopleStore implements PeopleStore {
  private readonly outbox: OutboxRepository;

  constructor(private readonly db: Database.Database) {
    this.outbox = new OutboxRepository(db);
  }

  async createUser(
    input: { name: string; email: string; roles: Role[]; passwordHash: string; at: string },
    announce?: (user: User) => OutboxNotice[],
  ): Promise<User | null> {
    const id = newId('user');
    return this.db
      .transaction(() => {
        const { changes } = this.db
          .prepare(
            `INSERT INTO users (id, name, email, roles_json, password_hash, created_at)
          VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
          )
          .run(id, input.name, input.email, JSON.stringify(input.roles), input.passwordHash, input.at);
        if (changes !== 1) return null;
        const user = this.readUser(id)!;
        if (announce) this.outbox.add({ subject: `person:${id}` }, announce(user), input.at);
        return user;
      })
      .immediate();
  }

  async setUserRoles(
    userId: string,
    roles: Role[],
    at: string,
    announce?: (user: User, previousRoles: Role[]) => OutboxNotice[],
  ): Promise<User | null> {
    return this.db
      .transaction(() => {
        const previous = this.readUser(userId);
        if (!previous) return null;
        this.db.prepare('UPDATE users SET roles_json = ? WHERE id = ?').run(JSON.stringify(roles), userId);
        const user = this.readUser(userId)!;
        if (announce) this.outbox.add({ subject: `person:${userId}` }, announce(user, previous.roles), at);
        return user;
      })
      .immediate();
  }

  private readUser(id: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? withoutHash(userFromRow(row)) : null;
  }

  async findUserByEmail(email: string): Promise<StoredUser | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
    return row ? userFromRow(row) : null;
  }

  async getUser(id: string): Promise<User | null> {
    return this.readUser(id);
  }

  async listUsers(): Promise<User[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY name, email').all() as UserRow[]).map((row) =>
      withoutHash(userFromRow(row)),
    );
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction(() => {
      const { changes } = this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
      return changes === 1;
    })();
  }

  /** In one transaction: disabling ends the person's sessions with it. */
  async setUserDisabled(userId: string, disabledAt: string | null): Promise<User | null> {
    this.db.transaction(() => {
      if (disabledAt === null) {
        this.db.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?').run(userId);
        return;
      }
      this.db.prepare('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?').run(disabledAt, userId);
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    })();
    return this.getUser(userId);
  }

  async createSession(session: Session): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO sessions (secret_sha256, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(session.secretSha256, session.userId, session.csrfToken, session.createdAt, session.expiresAt);
  }

  async findSession(secretSha256: string, now: string): Promise<{ session: Session; user: User } | null> {
    const row = this.db
      .prepare(
        `SELECT s.secret_sha256, s.user_id, s.csrf_token, s.created_at AS session_created_at, s.expires_at, u.*
      FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.secret_sha256 = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
      )
      .get(secretSha256, now) as
      | (UserRow & {
          secret_sha256: string;
          user_id: string;
          csrf_token: string;
          session_created_at: string;
          expires_at: string;
        })
      | undefined;
    if (!row) return null;
    return {
      session: {
        secretSha256: row.secret_sha256,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        createdAt: row.session_created_at,
        expiresAt: row.expires_at,
      },
      user: withoutHash(userFromRow(row)),
    };
  }

  async deleteSession(secretSha256: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE secret_sha256 = ?').run(secretSha256);
  }

  async findUserByOidcSubject(issuer: string, subject: string): Promise<User | null> {
    const row = this.db
      .prepare('SELECT * FROM users WHERE oidc_issuer = ? AND oidc_subject = ?')
      .get(issuer, subject) as UserRow | undefined;
    return row ? withoutHash(userFromRow(row)) : null;
  }

  async linkOidcSubject(userId: string, issuer: string, subject: string): Promise<boolean> {
    try {
      const { changes } = this.db
        .prepare(
          `UPDATE users SET oidc_issuer = ?, oidc_subject = ?
          WHERE id = ? AND (oidc_subject IS NULL OR (oidc_issuer = ? AND oidc_subject = ?))`,
        )
        .run(issuer, subject, userId, issuer, subject);
      return changes === 1;
    } catch (error) {
      // The unique index: the subject is another person's.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  }

  async unlinkOidcSubject(userId: string): Promise<{ issuer: string; subject: string } | null> {
    return this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT oidc_issuer, oidc_subject FROM users WHERE id = ? AND oidc_subject IS NOT NULL')
        .get(userId) as { oidc_issuer: string; oidc_subject: string } | undefined;
      if (!row) return null;
      this.db.prepare('UPDATE users SET oidc_issuer = NULL, oidc_subject = NULL WHERE id = ?').run(userId);
      return { issuer: row.oidc_issuer, subject: row.oidc_subject };
    })();
  }

  async savePendingOidcSignIn(pending: PendingOidcSignIn): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM oidc_sign_ins WHERE expires_at <= ?').run(pending.createdAt);
      this.db
        .prepare(
          `INSERT INTO oidc_sign_ins (key_sha256, state, nonce, code_verifier, created_at, expires_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          pending.keySha256,
          pending.state,
          pending.nonce,
          pending.codeVerifier,
          pending.createdAt,
          pending.expiresAt,
        );
    })();
  }

  async takePendingOidcSignIn(keySha256: string, now: string): Promise<PendingOidcSignIn | null> {
    const row = this.db.prepare('DELETE FROM oidc_sign_ins WHERE key_sha256 = ? RETURNING *').get(keySha256) as
      PendingOidcSignInRow | undefined;
    if (!row || row.expires_at <= now) return null;
    return {
      keySha256: row.key_sha256,
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }
}
