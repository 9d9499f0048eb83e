import type Database from 'better-sqlite3';
import { newId, RoleSchema, type ApiToken, type NewApiTokenRecord, type OutboxNotice, type Role } from '@verbatim/core';
import { OutboxRepository } from './foia/outbox.repository';

interface TokenRow {
  id: string;
  name: string;
  roles_json: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'id, name, roles_json, created_at, expires_at, revoked_at';

function tokenFromRow(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    roles: JSON.parse(row.roles_json) as Role[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** API tokens, stored by the SHA-256 of their secret so a leaked database grants no access. */
export class TokenRepository {
  private readonly insert: Database.Statement;
  private readonly selectBySecret: Database.Statement<[string], TokenRow>;
  private readonly selectById: Database.Statement<[string], TokenRow>;
  private readonly selectAll: Database.Statement<[], TokenRow>;
  private readonly revoke: Database.Statement<[string, string]>;
  private readonly count: Database.Statement<[], { count: number }>;
  private readonly outbox: OutboxRepository;

  constructor(private readonly db: Database.Database) {
    this.outbox = new OutboxRepository(db);
    this.insert = db.prepare(
      'INSERT INTO tokens (id, name, roles_json, secret_sha256, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectBySecret = db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE secret_sha256 = ?`);
    this.selectById = db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE id = ?`);
    this.selectAll = db.prepare(`SELECT ${COLUMNS} FROM tokens ORDER BY created_at, id`);
    this.revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.count = db.prepare('SELECT count(*) AS count FROM tokens');
  }

  /** The token and the notices `announce` returns for it (as `token:<id>`'s), in one transaction. */
  createToken(input: NewApiTokenRecord, announce?: (token: ApiToken) => OutboxNotice[]): ApiToken {
    const roles = RoleSchema.array().parse(input.roles);
    const token: ApiToken = {
      id: newId('token'),
      name: input.name,
      roles,
      createdAt: new Date().toISOString(),
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
    };
    this.db
      .transaction(() => {
        this.insert.run(
          token.id,
          token.name,
          JSON.stringify(roles),
          input.secretSha256,
          token.createdAt,
          token.expiresAt,
        );
        if (announce) this.outbox.add({ subject: `token:${token.id}` }, announce(token), token.createdAt);
      })
      .immediate();
    return token;
  }

  findTokenBySecretSha256(secretSha256: string): ApiToken | null {
    const row = this.selectBySecret.get(secretSha256);
    return row ? tokenFromRow(row) : null;
  }

  listTokens(): ApiToken[] {
    return this.selectAll.all().map(tokenFromRow);
  }

  revokeToken(id: string, at: string): ApiToken | null {
    this.revoke.run(at, id);
    const row = this.selectById.get(id);
    return row ? tokenFromRow(row) : null;
  }

  countTokens(): number {
    return this.count.get()!.count;
  }
}
