import type Database from 'better-sqlite3';
import { newId, RoleSchema, type ApiToken, type Role } from '@verbatim/core';

interface TokenRow {
  id: string;
  name: string;
  roles_json: string;
  created_at: string;
}

function tokenFromRow(row: TokenRow): ApiToken {
  return { id: row.id, name: row.name, roles: JSON.parse(row.roles_json) as Role[], createdAt: row.created_at };
}

/** API tokens, stored by the SHA-256 of their secret so a leaked database grants no access. */
export class TokenRepository {
  private readonly insert: Database.Statement;
  private readonly selectBySecret: Database.Statement<[string], TokenRow>;
  private readonly count: Database.Statement<[], { count: number }>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO tokens (id, name, roles_json, secret_sha256, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectBySecret = db.prepare('SELECT id, name, roles_json, created_at FROM tokens WHERE secret_sha256 = ?');
    this.count = db.prepare('SELECT count(*) AS count FROM tokens');
  }

  createToken(input: { name: string; roles: Role[]; secretSha256: string }): ApiToken {
    const roles = RoleSchema.array().parse(input.roles);
    const token: ApiToken = { id: newId('token'), name: input.name, roles, createdAt: new Date().toISOString() };
    this.insert.run(token.id, token.name, JSON.stringify(roles), input.secretSha256, token.createdAt);
    return token;
  }

  findTokenBySecretSha256(secretSha256: string): ApiToken | null {
    const row = this.selectBySecret.get(secretSha256);
    return row ? tokenFromRow(row) : null;
  }

  countTokens(): number {
    return this.count.get()!.count;
  }
}
