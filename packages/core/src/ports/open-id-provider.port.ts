/** What the answer from the town's identity provider must match: made when a sign-in leaves for the provider. */
export interface OidcChecks {
  state: string;
  nonce: string;
  /** PKCE: the adapter sends its S256 challenge with the authorization request and the verifier with the code. */
  codeVerifier: string;
}

/** Who the provider says signed in, read from an ID token whose signature, issuer, audience, expiry and nonce held. */
export interface VerifiedIdentity {
  /** `iss`: the provider. */
  issuer: string;
  /** `sub`: the person's stable identifier at the provider. */
  subject: string;
  /** `email`, when the provider sent one. */
  email?: string;
  /** `email_verified`, when the provider sent it (Entra ID often does not). */
  emailVerified?: boolean;
}

/**
 * The town's OpenID Connect provider (Entra ID, Google Workspace …), reached with the authorization code flow
 * and PKCE. Failures are UseCaseErrors: `unavailable` `oidc_unreachable` when the provider does not answer,
 * `unauthenticated` `oidc_refused` when it answered with an error, `unauthenticated` `oidc_not_verified` when its
 * answer did not verify.
 */
export interface OpenIdProvider {
  /** The name on the sign-in button: "Sign in with <name>". */
  readonly name: string;
  /** True once the provider's discovery document and keys answered; false while it cannot be reached. */
  isReachable(): Promise<boolean>;
  /** Where to send the browser: the provider's authorization endpoint with the state, nonce and PKCE challenge. */
  authorizationUrl(checks: OidcChecks): Promise<string>;
  /**
   * Redeems the code of the callback's query (`?code=…&state=…`) with the PKCE verifier and verifies the ID token
   * (signature from the provider's JWKS, `iss`, `aud`, `exp`, `nonce`).
   */
  verifyCallback(callbackQuery: string, checks: OidcChecks): Promise<VerifiedIdentity>;
}
