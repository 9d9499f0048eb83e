import { type Request, type Response } from 'express';
import type { Role } from '@verbatim/core';
import { formIsGenuine, type Render } from '../form-guard';
import type { WebSession } from '../web-dependencies';
import { readFormBody } from '../form-input';

/** What web-routes.ts hands each group of screens: page rendering, and the session and role check. */
export type { Render };
export type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

export const readForm = readFormBody('100kb');

export const formBody = (request: Request): Record<string, unknown> => (request.body ?? {}) as Record<string, unknown>;

/** False (with the "form expired" page sent) when the form does not carry the session's CSRF token. */
export function carriesCsrf(request: Request, response: Response, session: WebSession, render: Render): boolean {
  return formIsGenuine(formBody(request), session, response, render);
}
