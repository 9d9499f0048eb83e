import { Router, type Request, type Response } from 'express';
import type { Role } from '@verbatim/core';
import { csrfTokenMatches, currentSession, signOutWithCookie } from '@verbatim/http';
import { APP_CSS } from './app.css';
import { page } from './layout';
import { landingOf, mountSignInRoutes } from './sign-in-routes';
import { messageBody } from './pages/message.page';
import { mountRequestRoutes } from './request-routes';
import { mountItRoutes } from './it/it-routes';
import { mountSearchRoutes } from './search-routes';
import { mountRecordRoutes } from './record-routes';
import { mountRequestWorkRoutes } from './requests/request-work-routes';
import { mountRetentionRoutes } from './retention/retention-routes';
import { mountComplianceRoutes } from './compliance/compliance-routes';
import { mountModerationRoutes } from './moderation/moderation-routes';
import { mountCategoryRoutes } from './moderation/category-routes';
import { mountSigningKeyRoutes } from './signing-key-routes';
import { mountAuditRoutes } from './audit/audit-routes';
import type { WebDependencies, WebSession } from './web-dependencies';
import { readFormBody, refusalOfInput, refuseMalformedAddress } from './form-input';

/** A posted form field as a string ('' when absent or repeated). */
const field = (request: Request, name: string): string => {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * The web application's pages, served by the API process on the same port. Pages are rendered on the server as
 * plain HTML forms and links: they work with a keyboard, a screen reader, at any zoom, and without scripts.
 */
export function webRoutes(deps: WebDependencies): Router {
  const router = Router();
  const render = (
    response: Response,
    status: number,
    title: string,
    session: WebSession | null,
    body: Parameters<typeof page>[0]['body'],
  ) =>
    response
      .status(status)
      .type('html')
      .send(page({ title, townName: deps.townName, session, body }));
  const guard = async (request: Request, response: Response, roles: readonly Role[]): Promise<WebSession | null> => {
    const session = await currentSession(deps.sessions, request);
    if (!session) {
      response.redirect(303, `/sign-in`);
      return null;
    }
    // For the access log: who asked (never the cookie itself).
    response.locals.principalId = session.user.id;
    if (!session.user.roles.some((role) => roles.includes(role))) {
      render(
        response,
        403,
        'Not allowed',
        session,
        messageBody('Not allowed', `This page needs one of the roles ${roles.join(', ')}. Ask IT if you need it.`),
      );
      return null;
    }
    return session;
  };

  router.use(refuseMalformedAddress);
  router.get('/assets/app.css', (_request, response) =>
    response.type('css').set('cache-control', 'public, max-age=300').send(APP_CSS),
  );
  router.get('/', async (request, response) => {
    const session = await currentSession(deps.sessions, request);
    response.redirect(303, session ? landingOf(session.user.roles) : '/sign-in');
  });
  mountSignInRoutes(router, deps, render);
  router.post('/sign-out', readFormBody('10kb'), async (request, response) => {
    const session = await currentSession(deps.sessions, request);
    if (session && csrfTokenMatches(field(request, 'csrf'), session.csrfToken))
      await signOutWithCookie(deps.sessions, request, response);
    response.redirect(303, '/sign-in');
  });
  mountSearchRoutes(router, deps, render, guard);
  mountRecordRoutes(router, deps, render, guard);
  mountRequestRoutes(router, deps, render, guard);
  mountItRoutes(router, deps, render, guard);
  mountRequestWorkRoutes(router, deps, render, guard);
  mountRetentionRoutes(router, deps, render, guard);
  mountComplianceRoutes(router, deps, render, guard);
  mountModerationRoutes(router, deps, render, guard);
  mountCategoryRoutes(router, deps, render, guard);
  mountSigningKeyRoutes(router, deps, render, guard);
  mountAuditRoutes(router, deps, render, guard);

  // Pages answer failures with a page, not the API's JSON error.
  router.use((error: unknown, _request: Request, response: Response, next: (error?: unknown) => void) => {
    if (response.headersSent) return next(error);
    const refusal = refusalOfInput(error);
    if (refusal)
      return render(
        response,
        refusal.status,
        'Cannot read this',
        null,
        messageBody('The request could not be read', refusal.message),
      );
    deps.logError(error);
    render(
      response,
      500,
      'Something went wrong',
      null,
      messageBody(
        'Something went wrong',
        'The page could not be shown. Try again; if it keeps happening, tell IT the time it happened (the server log has the details).',
      ),
    );
  });
  return router;
}
