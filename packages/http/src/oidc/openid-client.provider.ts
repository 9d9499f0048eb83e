import { UseCaseError, type OidcChecks, type OpenIdProvider, type VerifiedIdentity } from '@verbatim/core';
import type * as OpenIdClient from 'openid-client';

/** The town's provider as IT configured it (OIDC_* variables). */
export interface OpenIdClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back; registered at the provider. */
  redirectUrl: string;
  /** On the sign-in button. */
  name: string;
  /** Each request to the provider gives up after this many seconds. */
  timeoutSeconds?: number;
}

type Client = typeof OpenIdClient;
interface Connected {
  client: Client;
  config: OpenIdClient.Configuration;
}

/** After a failed discovery, the next sign-in page tries again no sooner than this. */
const RETRY_DISCOVERY_AFTER_MS = 30_000;
const SCOPES = 'openid email profile';
/** The longest the sign-in page waits for the provider's discovery before showing its button disabled. */
const PAGE_WAIT_MS = 2000;

/**
 * The OpenIdProvider port over `openid-client` (v6, ESM only: imported lazily, so a town without OIDC never loads
 * it). Discovery is done on first use and kept once it succeeds; a failed one is tried again after 30 seconds,
 * so a provider down at start never stops the instance. ID token signatures are checked against the provider's
 * JWKS (`enableNonRepudiationChecks`), besides `iss`, `aud`, `exp`, `iat` and `nonce`.
 */
export class OpenIdClientProvider implements OpenIdProvider {
  private connected?: Connected;
  private connecting?: Promise<Connected>;
  private failedAt = 0;
  /** Why the last discovery failed, for the log; undefined once the provider answered. */
  lastProblem?: string;

  constructor(private readonly settings: OpenIdClientSettings) {}

  get name(): string {
    return this.settings.name;
  }

  /**
   * Whether the provider answers, for the sign-in page: it waits at most 2 seconds (a provider that hangs shows
   * as unreachable while its discovery goes on), and after a failure asks again no sooner than 30 seconds later.
   */
  async isReachable(): Promise<boolean> {
    if (this.connected) return true;
    if (Date.now() - this.failedAt < RETRY_DISCOVERY_AFTER_MS) return false;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PAGE_WAIT_MS);
    });
    try {
      return await Promise.race([this.checkReachable(), waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Discovers the provider now, however long it takes (the start of the process, to log a warning early). */
  checkReachable(): Promise<boolean> {
    return this.connect().then(
      () => true,
      () => false,
    );
  }

  async authorizationUrl(checks: OidcChecks): Promise<string> {
    const { client, config } = await this.connect();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return url.toString();
  }

  async verifyCallback(callbackQuery: string, checks: OidcChecks): Promise<VerifiedIdentity> {
    const { client, config } = await this.connect();
    const currentUrl = new URL(this.settings.redirectUrl);
    currentUrl.search = callbackQuery;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token in the answer');
      // Some providers keep the email for the UserInfo endpoint (and Entra ID without the optional claim).
      const email =
        typeof claims.email === 'string'
          ? emailOf(claims)
          : await this.emailFromUserInfo(tokens.access_token, claims.sub);
      return { issuer: claims.iss, subject: claims.sub, ...email };
    } catch (error) {
      throw this.refusalOf(error, client);
    }
  }

  /** The email of the UserInfo answer, for the subject of the ID token; none when the provider has no such endpoint. */
  private async emailFromUserInfo(
    accessToken: string,
    subject: string,
  ): Promise<Pick<VerifiedIdentity, 'email' | 'emailVerified'>> {
    const { client, config } = await this.connect();
    if (!config.serverMetadata().userinfo_endpoint) return {};
    return emailOf(await client.fetchUserInfo(config, accessToken, subject));
  }

  private connect(): Promise<Connected> {
    if (this.connected) return Promise.resolve(this.connected);
    this.connecting ??= this.discover().then(
      (connected) => {
        this.connected = connected;
        this.lastProblem = undefined;
        return connected;
      },
      (error: unknown) => {
        this.failedAt = Date.now();
        this.connecting = undefined;
        this.lastProblem = describe(error);
        throw unreachable(this.settings.name, error);
      },
    );
    return this.connecting;
  }

  private async discover(): Promise<Connected> {
    const client = await import('openid-client');
    const { issuer, clientId, clientSecret, timeoutSeconds = 10 } = this.settings;
    // Plain http is allowed by the configuration only for a provider on this machine (a test provider).
    const insecure = new URL(issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [];
    const config = await client.discovery(
      new URL(issuer),
      clientId,
      { redirect_uris: [this.settings.redirectUrl], response_types: ['code'] },
      client.ClientSecretPost(clientSecret),
      { execute: [...insecure, client.enableNonRepudiationChecks], timeout: timeoutSeconds },
    );
    return { client, config };
  }

  /** What went wrong, for the person (the message) and for the audit log (`details.cause`, never a token). */
  private refusalOf(error: unknown, client: Client): UseCaseError {
    if (error instanceof UseCaseError) return error;
    if (isNetworkFailure(error)) return unreachable(this.settings.name, error);
    const name = this.settings.name;
    if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError)
      return new UseCaseError(
        'unauthenticated',
        'oidc_refused',
        `${name} did not accept this sign-in (${error.error}). Start again; if it happens again, tell IT what it said.`,
        { cause: `provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}` },
      );
    return new UseCaseError(
      'unauthenticated',
      'oidc_not_verified',
      `Verbatim could not verify the answer from ${name}, so you are not signed in. Start again; if it happens again, tell IT the time it happened.`,
      { cause: `answer not verified: ${describe(error)}` },
    );
  }
}

/** `email` and `email_verified` of an ID token or a UserInfo answer (some providers send the latter as text). */
function emailOf(claims: Readonly<Record<string, unknown>>): Pick<VerifiedIdentity, 'email' | 'emailVerified'> {
  const verified = claims.email_verified;
  return {
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    ...(verified === true || verified === 'true' ? { emailVerified: true } : {}),
    ...(verified === false || verified === 'false' ? { emailVerified: false } : {}),
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${code ? `${code}: ` : ''}${error.message}${cause}`;
}

/** fetch failed (refused, no route, DNS) or timed out: the provider did not answer. */
function isNetworkFailure(error: unknown): boolean {
  return (
    (error instanceof TypeError && error.message === 'fetch failed') ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

function unreachable(name: string, error: unknown): UseCaseError {
  if (error instanceof UseCaseError) return error;
  return new UseCaseError(
    'unavailable',
    'oidc_unreachable',
    `Sign-in with ${name} is unavailable right now: Verbatim cannot reach it. Try again in a few minutes; if it lasts, tell IT.`,
    { cause: `provider unreachable: ${describe(error)}` },
  );
}
