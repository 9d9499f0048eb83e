import type { Pool } from 'pg';
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
import { OutboxRepository } from '../foia/outbox.repository';
import { withTransaction } from '../postgres-pool';

/** A users row as pg returns it: roles parsed from jsonb, instants in `toISOString()` form. */
interface UserRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

interface SessionRow {
  secret_sha256: string;
  user_id: string;
  csrf_token: string;
  session_created_at: string;
  expires_at: string;
}

interface PendingOidcSignInRow {
  key_sha256: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
  expires_at: string;
}

function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/**
 * Users and sessions in the catalog's PostgreSQL schema (migration 5). Emails are matched without case, through
 * the unique index on lower(email). Takes a pool on a migrated schema; does not own it.
 */
export class PostgresPeopleStore implements PeopleStore {
  private readonly outbox: OutboxRepository;

  constructor(private readonly pool: Pool) {
    this.outbox = new OutboxRepository(pool);
  }

  /**
   * Null when another user has the email in any case, even one created concurrently (the unique index decides).
   * The notices `announce` returns are written as `person:<id>`'s in the same transaction.
   */
  async createUser(
    input: { name: string; email: string; roles: Role[]; passwordHash: string; at: string },
    announce?: (user: User) => OutboxNotice[],
  ): Promise<User | null> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<UserRow>(
        `INSERT INTO users (id, name, email, roles, password_hash, created_at)
        VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (lower(email)) DO NOTHING RETURNING *`,
        [newId('user'), input.name, input.email, JSON.stringify(input.roles), input.passwordHash, input.at],
      );
      if (rows.length === 0) return null;
      const user = userFromRow(rows[0]);
      if (announce) await this.outbox.add(client, { subject: `person:${user.id}` }, announce(user), input.at);
      return user;
    });
  }

  /** The row is locked while the notices are written, so two changes at once each see the roles before them. */
  async setUserRoles(
    userId: string,
    roles: Role[],
    at: string,
    announce?: (user: User, previousRoles: Role[]) => OutboxNotice[],
  ): Promise<User | null> {
    return withTransaction(this.pool, async (client) => {
      const before = await client.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [userId]);
      if (before.rows.length === 0) return null;
      const { rows } = await client.query<UserRow>('UPDATE users SET roles = $2::jsonb WHERE id = $1 RETURNING *', [
        userId,
        JSON.stringify(roles),
      ]);
      const user = userFromRow(rows[0]);
      if (announce)
        await this.outbox.add(client, { subject: `person:${userId}` }, announce(user, before.rows[0].roles), at);
      return user;
    });
  }

  async findUserByEmail(email: string): Promise<StoredUser | null> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    return rows.length ? { ...userFromRow(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  async getUser(id: string): Promise<User | null> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows.length ? userFromRow(rows[0]) : null;
  }

  /** By name then email, compared byte by byte as SQLite does, whatever the database's collation. */
  async listUsers(): Promise<User[]> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY name COLLATE "C", email COLLATE "C"');
    return rows.map(userFromRow);
  }

  /** One statement, so the new hash and the ended sessions commit together. */
  async setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `WITH ended AS (DELETE FROM sessions WHERE user_id = $1)
      UPDATE users SET password_hash = $2 WHERE id = $1`,
      [userId, passwordHash],
    );
    return rowCount === 1;
  }

  /** One statement: disabling ends the person's sessions in the same commit; enabling leaves none to end. */
  async setUserDisabled(userId: string, disabledAt: string | null): Promise<User | null> {
    const { rows } = await this.pool.query<UserRow>(
      `WITH ended AS (DELETE FROM sessions WHERE user_id = $1 AND $2::timestamptz IS NOT NULL)
      UPDATE users SET disabled_at = CASE WHEN $2::timestamptz IS NULL THEN NULL ELSE COALESCE(disabled_at, $2) END
      WHERE id = $1 RETURNING *`,
      [userId, disabledAt],
    );
    return rows.length ? userFromRow(rows[0]) : null;
  }

  async createSession(session: Session): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (secret_sha256, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [session.secretSha256, session.userId, session.csrfToken, session.createdAt, session.expiresAt],
    );
  }

  async findSession(secretSha256: string, now: string): Promise<{ session: Session; user: User } | null> {
    const { rows } = await this.pool.query<UserRow & SessionRow>(
      `SELECT s.secret_sha256, s.user_id, s.csrf_token,
        s.created_at AS session_created_at, s.expires_at, u.*
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.secret_sha256 = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [secretSha256, now],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      session: {
        secretSha256: row.secret_sha256,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        createdAt: row.session_created_at,
        expiresAt: row.expires_at,
      },
      user: userFromRow(row),
    };
  }

  async deleteSession(secretSha256: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE secret_sha256 = $1', [secretSha256]);
  }

  async findUserByOidcSubject(issuer: string, subject: string): Promise<User | null> {
    const { rows } = await this.pool.query<UserRow>(
      'SELECT * FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2',
      [issuer, subject],
    );
    return rows.length ? userFromRow(rows[0]) : null;
  }

  async linkOidcSubject(userId: string, issuer: string, subject: string): Promise<boolean> {
    try {
      const { rowCount } = await this.pool.query(
        `UPDATE users SET oidc_issuer = $2, oidc_subject = $3
        WHERE id = $1 AND (oidc_subject IS NULL OR (oidc_issuer = $2 AND oidc_subject = $3))`,
        [userId, issuer, subject],
      );
      return rowCount === 1;
    } catch (error) {
      // unique_violation: the subject is another person's.
      if ((error as { code?: string }).code === '23505') return false;
      throw error;
    }
  }

  /** One statement: the link as it was before it is cleared. */
  async unlinkOidcSubject(userId: string): Promise<{ issuer: string; subject: string } | null> {
    const { rows } = await this.pool.query<{ oidc_issuer: string; oidc_subject: string }>(
      `UPDATE users u SET oidc_issuer = NULL, oidc_subject = NULL
      FROM (SELECT id, oidc_issuer, oidc_subject FROM users WHERE id = $1 AND oidc_subject IS NOT NULL FOR UPDATE) old
      WHERE u.id = old.id RETURNING old.oidc_issuer, old.oidc_subject`,
      [userId],
    );
    return rows.length ? { issuer: rows[0].oidc_issuer, subject: rows[0].oidc_subject } : null;
  }

  /** One statement: expired sign-ins go as the new one is stored. */
  async savePendingOidcSignIn(pending: PendingOidcSignIn): Promise<void> {
    await this.pool.query(
      `WITH expired AS (DELETE FROM oidc_sign_ins WHERE expires_at <= $5)
      INSERT INTO oidc_sign_ins (key_sha256, state, nonce, code_verifier, created_at, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6)`,
      [pending.keySha256, pending.state, pending.nonce, pending.codeVerifier, pending.createdAt, pending.expiresAt],
    );
  }

  async takePendingOidcSignIn(keySha256: string, now: string): Promise<PendingOidcSignIn | null> {
    const { rows } = await this.pool.query<PendingOidcSignInRow & { expired: boolean }>(
      'DELETE FROM oidc_sign_ins WHERE key_sha256 = $1 RETURNING *, expires_at <= $2 AS expired',
      [keySha256, now],
    );
    if (rows.length === 0 || rows[0].expired) return null;
    const row = rows[0];
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
