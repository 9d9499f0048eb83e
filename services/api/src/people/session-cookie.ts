import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { parse, serialize } from 'cookie';

export const SESSION_COOKIE = 'verbatim_session';
/** A session lasts a working day and a half; signing in again is cheap, a stolen cookie should age out. */
export const SESSION_HOURS = 12;

export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export function readSessionSecret(request: Request): string | undefined {
  const header = request.header('cookie');
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}

/**
 * HttpOnly so page scripts never see it, SameSite=Lax so other sites cannot send it with their forms, and
 * Secure whenever the request came over TLS (directly or, with `trust proxy`, through a proxy).
 */
export function setSessionCookie(request: Request, response: Response, secret: string, expiresAt: Date): void {
  response.append('set-cookie', serialize(SESSION_COOKIE, secret, {
    httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/', expires: expiresAt,
  }));
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.append('set-cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/', expires: new Date(0) }));
}
