import type { Pool } from 'pg';
import { newId, RoleSchema, type ApiToken, type Role } from '@verbatim/core';

interface TokenRow {
  id: string;
  name: string;
  roles: Role[];
  created_at: string;
}

function tokenFromRow(row: TokenRow): ApiToken {
  return { id: row.id, name: row.name, roles: row.roles, createdAt: row.created_at };
}

/** API tokens, stored by the SHA-256 of their secret so a leaked database grants no access. */
export class TokenRepository {
  constructor(private readonly pool: Pool) {}

  /** The unique index on the hash refuses a second token with the same secret. */
  async createToken(input: { name: string; roles: Role[]; secretSha256: string }): Promise<ApiToken> {
    const roles = RoleSchema.array().parse(input.roles);
    const token: ApiToken = { id: newId('token'), name: input.name, roles, createdAt: new Date().toISOString() };
    await this.pool.query(
      'INSERT INTO tokens (id, name, roles, secret_sha256, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)',
      [token.id, token.name, JSON.stringify(roles), input.secretSha256, token.createdAt],
    );
    return token;
  }

  async findTokenBySecretSha256(secretSha256: string): Promise<ApiToken | null> {
    const { rows } = await this.pool.query<TokenRow>(
      'SELECT id, name, roles, created_at FROM tokens WHERE secret_sha256 = $1',
      [secretSha256],
    );
    return rows.length ? tokenFromRow(rows[0]) : null;
  }

  async countTokens(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('SELECT count(*) AS count FROM tokens');
    return rows[0].count;
  }
}
