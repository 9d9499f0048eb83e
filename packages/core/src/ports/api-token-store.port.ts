import type { Role } from '../role.schema';

export interface ApiToken {
  id: string;
  name: string;
  roles: Role[];
  createdAt: string;
}

/**
 * Bearer tokens for the HTTP API. A separate role from the account registry: tokens are credentials, read on
 * every API request by the sign-in check and nowhere else.
 */
export interface ApiTokenStore {
  /** Stores a token by the SHA-256 of its secret (never the secret itself); throws when that hash exists. */
  createToken(input: { name: string; roles: Role[]; secretSha256: string }): Promise<ApiToken>;
  /** The token whose secret hashes to this, or null: the lookup behind every authenticated request. */
  findTokenBySecretSha256(secretSha256: string): Promise<ApiToken | null>;
  /** How many tokens exist; zero at start means the bootstrap admin token must be created. */
  countTokens(): Promise<number>;
}
