import type { PostgresMigration } from '../migrations';

/**
 * People who sign in, and their sessions. An email is unique without case (as SQLite's COLLATE NOCASE): the
 * unique index is on lower(email), which lookups use too. Times are instants, compared as such (expiry).
 */
export const PEOPLE_MIGRATION: PostgresMigration = {
  version: 5,
  name: 'people who sign in, and their sessions',
  sql: `
    CREATE TABLE users (
      id text PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL,
      roles jsonb NOT NULL,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      disabled_at timestamptz
    );
    CREATE UNIQUE INDEX users_email_without_case ON users (lower(email));
    CREATE TABLE sessions (
      secret_sha256 text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_by_user ON sessions (user_id);
  `,
};
