import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  sha256Hex,
  UseCaseError,
  type AuditLog,
  type OidcChecks,
  type OpenIdProvider,
  type PeopleStore,
  type User,
  type VerifiedIdentity,
} from '@verbatim/core';
import { personDisabled, type Sessions, type StartedSession } from './sessions';

/** A sign-in that leaves for the provider must come back within this long (the provider's login page included). */
export const OIDC_SIGN_IN_MINUTES = 10;

/** The town's identity provider and how far its word is taken. */
export interface OidcSignInSettings {
  provider: OpenIdProvider;
  /**
   * Accept an `email` claim only with `email_verified: true` (the default). Off for a provider that sends no
   * `email_verified` (Entra ID) and whose accounts' emails the town's IT manages.
   */
  requireEmailVerified: boolean;
}

/** A sign-in gone to the provider: the secret for the browser's cookie, and where to send the browser. */
export interface LeftForProvider {
  key: string;
  authorizationUrl: string;
  expiresAt: Date;
}

const randomText = () => randomBytes(32).toString('base64url');

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signing in through the town's OpenID Connect provider. Who may: a person IT registered, found by the subject
 * already linked to them or else by the verified email the provider sends (then linked). Roles always come from
 * Verbatim; nobody is created here. Every refusal is a UseCaseError whose message says what to do, audited as a
 * denied `session.sign-in` with its reason (never a code nor a token).
 */
export class OidcSignIn {
  constructor(
    private readonly people: PeopleStore,
    private readonly audit: AuditLog,
    private readonly sessions: Sessions,
    private readonly settings: OidcSignInSettings,
  ) {}

  get providerName(): string {
    return this.settings.provider.name;
  }

  isReachable(): Promise<boolean> {
    return this.settings.provider.isReachable();
  }

  /** Keeps what the answer must match, under the SHA-256 of a new key, and says where to send the browser. */
  async leave(now = new Date()): Promise<LeftForProvider> {
    const checks: OidcChecks = { state: randomText(), nonce: randomText(), codeVerifier: randomText() };
    const authorizationUrl = await this.settings.provider.authorizationUrl(checks);
    const key = randomText();
    const expiresAt = new Date(now.getTime() + OIDC_SIGN_IN_MINUTES * 60_000);
    await this.people.savePendingOidcSignIn({
      keySha256: sha256Hex(key),
      ...checks,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return { key, authorizationUrl, expiresAt };
  }

  /**
   * The browser is back from the provider with `callbackQuery` (`?code=…&state=…`, or `?error=…`) and the key of
   * its cookie. Verifies the answer and starts a session for the person it names.
   */
  async comeBack(key: string | undefined, callbackQuery: string): Promise<StartedSession> {
    const query = new URLSearchParams(callbackQuery);
    const pending = key ? await this.people.takePendingOidcSignIn(sha256Hex(key), new Date().toISOString()) : null;
    if (!pending)
      return this.refuse(
        'no pending sign-in',
        'oidc_expired',
        'This sign-in took longer than 10 minutes, or was started in another browser or tab. Start again.',
      );
    // What the provider says comes through the browser's address bar: kept short, as any text from outside.
    const error = query.get('error')?.slice(0, 100);
    if (error) {
      const description = query.get('error_description')?.slice(0, 300);
      return this.refuse(
        `provider answered ${error}${description ? `: ${description}` : ''}`,
        'oidc_refused',
        `${this.providerName} did not sign you in (${description ?? error}). Start again; if it happens again, tell IT what it said.`,
      );
    }
    if (!sameText(query.get('state') ?? '', pending.state))
      return this.refuse(
        'state mismatch',
        'oidc_state_mismatch',
        'The answer from the sign-in page did not match the sign-in this browser started. Start again.',
      );
    let identity: VerifiedIdentity;
    try {
      identity = await this.settings.provider.verifyCallback(callbackQuery, pending);
    } catch (failure) {
      if (!(failure instanceof UseCaseError)) throw failure;
      const cause = (failure.details as { cause?: string } | undefined)?.cause;
      await this.auditDenied(cause ?? failure.message, {});
      throw failure;
    }
    return this.admit(identity);
  }

  private async admit(identity: VerifiedIdentity): Promise<StartedSession> {
    const linked = await this.people.findUserByOidcSubject(identity.issuer, identity.subject);
    const user = linked ?? (await this.personByEmail(identity));
    const who = { email: identity.email, subject: identity.subject };
    if (user.disabledAt) {
      await this.auditDenied('person disabled', who, user);
      throw personDisabled(user);
    }
    if (!linked && !(await this.people.linkOidcSubject(user.id, identity.issuer, identity.subject)))
      return this.refuse(
        'person linked to another identity',
        'oidc_linked_elsewhere',
        `The Verbatim person ${user.email} is linked to another ${this.providerName} account. Ask IT to check who signs in as ${user.email}.`,
        who,
        user,
      );
    return this.sessions.start(user, { method: 'oidc', issuer: identity.issuer, subject: identity.subject });
  }

  /** The registered person whose email the provider vouches for (not yet linked to this subject). */
  private async personByEmail(identity: VerifiedIdentity): Promise<User> {
    const who = { email: identity.email, subject: identity.subject };
    if (!identity.email)
      return this.refuse(
        'no email claim',
        'oidc_no_email',
        `${this.providerName} did not tell Verbatim your email address. Ask IT to let Verbatim read it (the "email" scope or claim).`,
        who,
      );
    if (this.settings.requireEmailVerified && identity.emailVerified !== true)
      return this.refuse(
        'email not verified',
        'oidc_email_not_verified',
        `${this.providerName} does not vouch for the email address ${identity.email}. Ask IT to verify it there, or to sign you in another way.`,
        who,
      );
    const stored = await this.people.findUserByEmail(identity.email);
    if (!stored)
      return this.refuse(
        'email not registered',
        'oidc_not_registered',
        `${identity.email} is not registered in Verbatim. Ask IT to register ${identity.email}.`,
        who,
      );
    const { passwordHash: _hash, ...user } = stored;
    return user;
  }

  private async refuse(
    reason: string,
    code: string,
    message: string,
    who: { email?: string; subject?: string } = {},
    user?: User,
  ): Promise<never> {
    await this.auditDenied(reason, who, user);
    throw new UseCaseError('unauthenticated', code, message);
  }

  private async auditDenied(reason: string, who: { email?: string; subject?: string }, user?: User): Promise<void> {
    await this.audit.appendAudit({
      actor: user?.id ?? 'anonymous',
      action: 'session.sign-in',
      target: user?.id ?? who.email ?? who.subject ?? 'unknown',
      outcome: 'denied',
      // Only what is known: an absent email or subject is left out rather than written as undefined.
      details: Object.fromEntries(
        Object.entries({ method: 'oidc', ...who, reason }).filter(([, value]) => value !== undefined),
      ),
    });
  }
}
