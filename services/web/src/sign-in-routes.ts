import type { Request, Response, Router } from 'express';
import { RECORD_READER_ROLES, type Role } from '@verbatim/core';
import { setSessionCookie, signInRefusal, signInWithCookie, takeOidcCookie, writeOidcCookie } from '@verbatim/http';
import type { Render } from './form-guard';
import { html } from './html';
import { readFormBody } from './form-input';
import { signInBody, type ProviderButton } from './pages/sign-in.page';
import type { WebDependencies } from './web-dependencies';

/** Where a person lands: search, or, for someone who reads no records (a moderator), the policies to sign. */
export const landingOf = (roles: readonly Role[]): string =>
  roles.some((role) => RECORD_READER_ROLES.includes(role)) ? '/search' : '/receipts';

/** A posted form field as a string ('' when absent or repeated). */
const field = (request: Request, name: string): string => {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * The sign-in page with email and password, and, when the town's identity provider is configured, its button:
 * `GET /sign-in/oidc` sends the browser to the provider, `GET /sign-in/oidc/callback` is where it comes back.
 */
export function mountSignInRoutes(router: Router, deps: WebDependencies, render: Render): void {
  const { sessions, oidcSignIn } = deps;
  const provider = async (): Promise<ProviderButton | undefined> =>
    oidcSignIn ? { name: oidcSignIn.providerName, reachable: await oidcSignIn.isReachable() } : undefined;
  const signInPage = async (response: Response, status: number, options: { email?: string; error?: string }) =>
    render(
      response,
      status,
      'Sign in',
      null,
      signInBody({ ...options, provider: await provider(), passwordSignIn: sessions.passwordSignInAllowed }),
    );

  router.get('/sign-in', async (_request, response) => signInPage(response, 200, {}));
  router.post('/sign-in', readFormBody('10kb'), async (request, response) => {
    const email = field(request, 'email').trim();
    let signedIn;
    try {
      signedIn = await signInWithCookie(sessions, email, field(request, 'password'), request, response);
    } catch (error) {
      const refusal = signInRefusal(error);
      if (!refusal) throw error;
      if (refusal.retryAfterSeconds) response.set('retry-after', String(refusal.retryAfterSeconds));
      return signInPage(response, refusal.status, { email, error: refusal.message });
    }
    if (signedIn) return response.redirect(303, landingOf(signedIn.user.roles));
    await signInPage(response, 401, {
      email,
      error: 'The email or the password is not right. Check both and try again.',
    });
  });
  if (!oidcSignIn) return;

  const oidcRefusal = (response: Response, error: unknown) => {
    const refusal = signInRefusal(error);
    if (!refusal) throw error;
    render(
      response,
      refusal.status,
      'Sign-in not completed',
      null,
      html`<h1>Sign-in not completed</h1>
<p class="error" role="alert">${refusal.message}</p>
<p><a class="button" href="/sign-in/oidc">Start again with ${oidcSignIn.providerName}</a> <a href="/sign-in">Back to sign in</a></p>`,
    );
  };
  router.get('/sign-in/oidc', async (request, response) => {
    try {
      const left = await oidcSignIn.leave();
      writeOidcCookie(request, response, left.key, left.expiresAt);
      response.redirect(303, left.authorizationUrl);
    } catch (error) {
      oidcRefusal(response, error);
    }
  });
  router.get('/sign-in/oidc/callback', async (request, response) => {
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    try {
      const started = await oidcSignIn.comeBack(takeOidcCookie(request, response), query);
      const signedIn = setSessionCookie(request, response, started);
      response.redirect(303, landingOf(signedIn.user.roles));
    } catch (error) {
      oidcRefusal(response, error);
    }
  });
}
