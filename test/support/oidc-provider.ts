import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who signs in at the provider: the claims of the ID token it issues. */
export interface ProviderPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Anything else the provider puts in the token (roles, groups …), which Verbatim must ignore. */
  [claim: string]: unknown;
}

/** Ways the next ID token is made wrong, to prove Verbatim refuses it. */
export interface TokenTampering {
  audience?: string;
  nonce?: string;
  /** Signed with a key that is not in the JWKS. */
  foreignKey?: boolean;
  /** Expired an hour ago. */
  expired?: boolean;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  nonce: string;
  codeChallenge: string;
  person: ProviderPerson;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A small OpenID Connect provider over real HTTP on loopback, standing in for Entra ID or Google Workspace (which
 * tests cannot reach): a discovery document, its JWKS, an authorization endpoint that signs `person` in at once
 * and redirects back with a code, and a token endpoint that checks the client secret, the redirect URI and the
 * PKCE verifier (S256) before issuing an RS256-signed ID token. `tamper` spoils the next token on purpose.
 */
export class TestOidcProvider {
  person: ProviderPerson = { sub: 'sub-1' };
  tamper: TokenTampering = {};
  /** Answer the next authorization with this error (e.g. `access_denied`) instead of a code. */
  nextAuthorizationError?: string;
  /** Every authorization request's query, to check what Verbatim asked for. */
  readonly authorizationRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = randomBytes(8).toString('hex');
  private server?: Server;
  issuer = '';

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.issuer);
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    if (url.pathname === '/jwks')
      return json(200, {
        keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' }],
      });
    if (url.pathname === '/authorize') return this.authorize(url.searchParams, response);
    if (url.pathname === '/token' && request.method === 'POST') {
      const answer = this.token(new URLSearchParams(await readBody(request)));
      return json(answer.status, answer.body);
    }
    json(404, { error: 'not_found' });
  }

  private authorize(query: URLSearchParams, response: ServerResponse): void {
    this.authorizationRequests.push(query);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== this.clientId || !redirectUri) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('unknown client or no redirect_uri');
      return;
    }
    const back = new URL(redirectUri);
    if (this.nextAuthorizationError) {
      back.searchParams.set('error', this.nextAuthorizationError);
      back.searchParams.set('error_description', 'The person declined to sign in.');
      this.nextAuthorizationError = undefined;
    } else {
      const code = randomBytes(16).toString('base64url');
      this.codes.set(code, {
        clientId: this.clientId,
        redirectUri,
        nonce: query.get('nonce') ?? '',
        codeChallenge: query.get('code_challenge') ?? '',
        person: { ...this.person },
      });
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', query.get('state') ?? '');
    response.writeHead(302, { location: back.toString() }).end();
  }

  private token(form: URLSearchParams): { status: number; body: unknown } {
    const code = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret)
      return { status: 401, body: { error: 'invalid_client' } };
    const verifier = form.get('code_verifier') ?? '';
    if (
      !code ||
      form.get('grant_type') !== 'authorization_code' ||
      form.get('redirect_uri') !== code.redirectUri ||
      b64url(createHash('sha256').update(verifier).digest()) !== code.codeChallenge
    )
      return { status: 400, body: { error: 'invalid_grant' } };
    const tamper = this.tamper;
    this.tamper = {};
    const now = Math.floor(Date.now() / 1000) - (tamper.expired ? 3600 : 0);
    const claims = {
      iss: this.issuer,
      aud: tamper.audience ?? code.clientId,
      iat: now,
      exp: now + 300,
      nonce: tamper.nonce ?? code.nonce,
      ...code.person,
    };
    const idToken = this.sign(claims, tamper.foreignKey ? this.foreignKey.privateKey : this.key.privateKey);
    return {
      status: 200,
      body: { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken },
    };
  }

  private sign(claims: object, privateKey: KeyObject): string {
    const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), privateKey))}`;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
