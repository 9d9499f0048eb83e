import type { Pool } from 'pg';
import { newId, RoleSchema, type ApiToken, type NewApiTokenRecord, type OutboxNotice, type Role } from '@verbatim/core';
import { OutboxRepository } from './foia/outbox.repository';
import { withTransaction, type Queryable } from './postgres-pool';

interface TokenRow {
  id: string;
  name: string;
  roles: Role[];
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'id, name, roles, created_at, expires_at, revoked_at';

function tokenFromRow(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** API tokens, stored by the SHA-256 of their secret so a leaked database grants no access. */
export class TokenRepository {
  private readonly outbox: OutboxRepository;

  constructor(private readonly pool: Pool) {
    this.outbox = new OutboxRepository(pool);
  }

  /**
   * The unique index on the hash refuses a second token with the same secret. The notices `announce` returns
   * are written as `token:<id>`'s in the same transaction.
   */
  async createToken(input: NewApiTokenRecord, announce?: (token: ApiToken) => OutboxNotice[]): Promise<ApiToken> {
    const roles = RoleSchema.array().parse(input.roles);
    if (!announce) return this.insertToken(this.pool, input, roles);
    return withTransaction(this.pool, async (client) => {
      const token = await this.insertToken(client, input, roles);
      await this.outbox.add(client, { subject: `token:${token.id}` }, announce(token), token.createdAt);
      return token;
    });
  }

  private async insertToken(client: Queryable, input: NewApiTokenRecord, roles: Role[]): Promise<ApiToken> {
    const { rows } = await client.query<TokenRow>(
      `INSERT INTO tokens (id, name, roles, secret_sha256, created_at, expires_at)
      VALUES ($1, $2, $3::jsonb, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        newId('token'),
        input.name,
        JSON.stringify(roles),
        input.secretSha256,
        new Date().toISOString(),
        input.expiresAt ?? null,
      ],
    );
    return tokenFromRow(rows[0]);
  }

  async findTokenBySecretSha256(secretSha256: string): Promise<ApiToken | null> {
    const { rows } = await this.pool.query<TokenRow>(`SELECT ${COLUMNS} FROM tokens WHERE secret_sha256 = $1`, [
      secretSha256,
    ]);
    return rows.length ? tokenFromRow(rows[0]) : null;
  }

  async listTokens(): Promise<ApiToken[]> {
    const { rows } = await this.pool.query<TokenRow>(`SELECT ${COLUMNS} FROM tokens ORDER BY created_at, id`);
    return rows.map(tokenFromRow);
  }

  /** COALESCE keeps the first revocation's instant when a token is revoked twice. */
  async revokeToken(id: string, at: string): Promise<ApiToken | null> {
    const { rows } = await this.pool.query<TokenRow>(
      `UPDATE tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, at],
    );
    return rows.length ? tokenFromRow(rows[0]) : null;
  }

  async countTokens(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('SELECT count(*) AS count FROM tokens');
    return rows[0].count;
  }
}
