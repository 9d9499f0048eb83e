import type { Role } from '../role.schema';
import type { OutboxNotice } from './outbox-notice';

export interface ApiToken {
  id: string;
  name: string;
  roles: Role[];
  createdAt: string;
  /** After this instant the token is refused (401, "expired"); null: it does not expire. */
  expiresAt: string | null;
  /** When IT revoked it (401, "revoked" from then on); null while it stands. */
  revokedAt: string | null;
}

/** What a new token needs; its secret is stored only as a SHA-256. */
export interface NewApiTokenRecord {
  name: string;
  roles: Role[];
  secretSha256: string;
  expiresAt?: string | null;
}

/**
 * Bearer tokens for the HTTP API. A separate role from the account registry: tokens are credentials, read on
 * every API request by the sign-in check and nowhere else.
 */
export interface ApiTokenStore {
  /**
   * Stores a token by the SHA-256 of its secret (never the secret itself); throws when that hash exists. The
   * notices `announce(token)` returns (a grant of a privileged role) are written to the outbox in the same
   * transaction, as the token's.
   */
  createToken(input: NewApiTokenRecord, announce?: (token: ApiToken) => OutboxNotice[]): Promise<ApiToken>;
  /**
   * The token whose secret hashes to this, or null: the lookup behind every authenticated request. Expired and
   * revoked tokens are returned too, so the caller can say which.
   */
  findTokenBySecretSha256(secretSha256: string): Promise<ApiToken | null>;
  /** How many tokens exist; zero at start means the bootstrap admin token must be created. */
  countTokens(): Promise<number>;
  /** Every token, revoked and expired ones too, oldest first (creation time, then id); never a secret. */
  listTokens(): Promise<ApiToken[]>;
  /**
   * Revokes the token at `at`; revoking one already revoked keeps the first instant. Null when no token has
   * this id.
   */
  revokeToken(id: string, at: string): Promise<ApiToken | null>;
}
