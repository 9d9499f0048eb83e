import type { PostgresMigration } from '../migrations';

/** Access lifecycle (versions 64–65 are this feature's): tokens that expire and can be revoked. */
export const POSTGRES_ACCESS_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 64,
    name: 'token expiry and revocation',
    sql: `
      ALTER TABLE tokens ADD COLUMN expires_at timestamptz;
      ALTER TABLE tokens ADD COLUMN revoked_at timestamptz;
    `,
  },
];
