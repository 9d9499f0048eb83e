import type { PostgresMigration } from '../migrations';

/**
 * OpenID Connect sign-in (versions 68–69 are this feature's): a person linked to their identity at the town's
 * provider (`iss` and `sub`, one person per subject), and the sign-ins gone to the provider and not back yet.
 */
export const POSTGRES_OIDC_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 68,
    name: 'people linked to their OpenID Connect subject',
    sql: `
      ALTER TABLE users ADD COLUMN oidc_issuer text;
      ALTER TABLE users ADD COLUMN oidc_subject text;
      CREATE UNIQUE INDEX users_by_oidc_subject ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;
    `,
  },
  {
    version: 69,
    name: 'OpenID Connect sign-ins waiting for the provider',
    sql: `
      CREATE TABLE oidc_sign_ins (
        key_sha256 text PRIMARY KEY,
        state text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX oidc_sign_ins_by_expiry ON oidc_sign_ins (expires_at);
    `,
  },
];
