import type { Request, Response } from 'express';
import { parse, serialize } from 'cookie';

/** Holds the key of a sign-in gone to the identity provider, sent back only to the sign-in routes. */
export const OIDC_COOKIE = 'verbatim_oidc';
const OIDC_COOKIE_PATH = '/sign-in/oidc';

/**
 * SameSite=Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies, while
 * another site's embedded requests do not. HttpOnly, and Secure over TLS, as the session cookie.
 */
export function writeOidcCookie(request: Request, response: Response, key: string, expiresAt: Date): void {
  response.append(
    'set-cookie',
    serialize(OIDC_COOKIE, key, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure,
      path: OIDC_COOKIE_PATH,
      expires: expiresAt,
    }),
  );
}

/** The key of this browser's sign-in gone to the provider; the cookie is cleared (each key is used once). */
export function takeOidcCookie(request: Request, response: Response): string | undefined {
  const header = request.header('cookie');
  const key = header ? parse(header)[OIDC_COOKIE] : undefined;
  if (key !== undefined) writeOidcCookie(request, response, '', new Date(0));
  return key || undefined;
}
