import type { Migration } from '../migrations';

/** Access lifecycle (versions 64–65 are this feature's): tokens that expire and can be revoked. */
export const ACCESS_MIGRATIONS: readonly Migration[] = [
  {
    version: 64,
    name: 'token expiry and revocation',
    sql: `
      ALTER TABLE tokens ADD COLUMN expires_at TEXT;
      ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
    `,
  },
];
