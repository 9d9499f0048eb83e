import express, { Router, type Request, type Response } from 'express';
import { loadThread, RECORD_READER_ROLES, SearchQueryError, type RecordStatus, type Role, type SearchQuery } from '@verbatim/core';
import { APP_CSS } from './app.css';
import { page } from './layout';
import { KINDS, searchBody, STATUSES, type SearchForm } from './pages/search.page';
import { recordBody } from './pages/record.page';
import { signInBody } from './pages/sign-in.page';
import { messageBody } from './pages/message.page';
import { mountRequestRoutes } from './request-routes';
import type { WebDependencies, WebSession } from './web-dependencies';

const one = (value: unknown) => (typeof value === 'string' ? value : '');
const many = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : []);

function searchForm(request: Request): SearchForm {
  const { query } = request;
  return {
    q: one(query.q).slice(0, 2000), status: many(query.status).filter((status) => STATUSES.includes(status as RecordStatus)),
    kind: KINDS.includes(one(query.kind) as (typeof KINDS)[number]) ? one(query.kind) : '', postedFrom: one(query.postedFrom),
    postedTo: one(query.postedTo), sort: ['newest', 'oldest'].includes(one(query.sort)) ? one(query.sort) : '',
  };
}

function toQuery(form: SearchForm, cursor: string): SearchQuery {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return {
    q: form.q.trim() || undefined, sort: (form.sort || undefined) as SearchQuery['sort'], limit: 20, cursor: cursor || undefined,
    filters: {
      ...(form.status.length ? { status: form.status as RecordStatus[] } : {}),
      ...(form.kind ? { kind: [form.kind as (typeof KINDS)[number]] } : {}),
      ...(day.test(form.postedFrom) ? { postedFrom: `${form.postedFrom}T00:00:00.000Z` } : {}),
      ...(day.test(form.postedTo) ? { postedTo: `${form.postedTo}T23:59:59.999Z` } : {}),
    },
  };
}

/** The same search, one page on: the whole search lives in the URL, so it can be bookmarked and shared. */
function nextPageHref(form: SearchForm, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item) params.append(key, item);
  }
  params.append('cursor', cursor);
  return `/search?${params}`;
}

/**
 * The web application's pages, served by the API process on the same port. Pages are rendered on the server as
 * plain HTML forms and links: they work with a keyboard, a screen reader, at any zoom, and without scripts.
 */
export function webRoutes(deps: WebDependencies): Router {
  const router = Router();
  const render = (response: Response, status: number, title: string, session: WebSession | null, body: Parameters<typeof page>[0]['body']) =>
    response.status(status).type('html').send(page({ title, townName: deps.townName, session, body }));
  const guard = async (request: Request, response: Response, roles: readonly Role[]): Promise<WebSession | null> => {
    const session = await deps.currentSession(request);
    if (!session) {
      response.redirect(303, `/sign-in`);
      return null;
    }
    if (!session.user.roles.some((role) => roles.includes(role))) {
      render(response, 403, 'Not allowed', session, messageBody('Not allowed', `This page needs one of the roles ${roles.join(', ')}. Ask IT if you need it.`));
      return null;
    }
    return session;
  };
  const requireReader = (request: Request, response: Response) => guard(request, response, RECORD_READER_ROLES);

  router.get('/assets/app.css', (_request, response) => response.type('css').set('cache-control', 'public, max-age=300').send(APP_CSS));
  router.get('/', async (request, response) => response.redirect(303, (await deps.currentSession(request)) ? '/search' : '/sign-in'));
  router.get('/sign-in', async (_request, response) => render(response, 200, 'Sign in', null, signInBody({})));
  router.post('/sign-in', express.urlencoded({ extended: false, limit: '10kb' }), async (request, response) => {
    const email = one(request.body?.email).trim();
    if (await deps.signIn(email, one(request.body?.password), request, response)) return response.redirect(303, '/search');
    render(response, 401, 'Sign in', null, signInBody({ email, error: 'The email or the password is not right. Check both and try again.' }));
  });
  router.post('/sign-out', express.urlencoded({ extended: false, limit: '10kb' }), async (request, response) => {
    const session = await deps.currentSession(request);
    if (session && one(request.body?.csrf) === session.csrfToken) await deps.signOut(request, response);
    response.redirect(303, '/sign-in');
  });
  router.get('/search', async (request, response) => {
    const session = await requireReader(request, response);
    if (!session) return;
    const form = searchForm(request);
    const searched = Object.keys(request.query).length > 0;
    try {
      const result = searched ? await deps.searchIndex.search(toQuery(form, one(request.query.cursor))) : null;
      const records = new Map((await deps.catalog.getRecords(result?.hits.map((hit) => hit.id) ?? [])).map((record) => [record.id, record]));
      if (result) await deps.catalog.appendAudit({ actor: session.user.id, action: 'records.search', target: 'records', details: { form, returned: result.hits.length } });
      const next = result?.nextCursor ? nextPageHref(form, result.nextCursor) : undefined;
      render(response, 200, form.q ? `Search: ${form.q}` : 'Search', session, searchBody({ form, result, records, nextHref: next, timeZone: deps.timeZone }));
    } catch (error) {
      if (!(error instanceof SearchQueryError)) throw error;
      render(response, 400, 'Search', session, searchBody({ form, result: null, records: new Map(), error: `${error.message}. Check the quotes and brackets, or search for plain words.`, timeZone: deps.timeZone }));
    }
  });
  router.get('/records/:id', async (request, response) => {
    const session = await requireReader(request, response);
    if (!session) return;
    const record = await deps.catalog.getRecord(String(request.params.id));
    if (!record) return render(response, 404, 'Not found', session, messageBody('Record not found', 'There is no record with this address. Search for it again.'));
    const [versions, tombstone, thread] = await Promise.all([deps.catalog.listVersions(record.id), deps.catalog.getTombstone(record.id), loadThread(deps.catalog, record)]);
    await deps.catalog.appendAudit({ actor: session.user.id, action: 'record.read', target: record.id });
    render(response, 200, `${record.kind} by ${record.author.name}`, session, recordBody({ record, versions, tombstone, ancestors: thread.ancestors, timeZone: deps.timeZone }));
  });
  mountRequestRoutes(router, deps, render, guard);

  // Pages answer failures with a page, not the API's JSON error.
  router.use((error: unknown, _request: Request, response: Response, next: (error?: unknown) => void) => {
    if (response.headersSent) return next(error);
    deps.logError(error);
    render(response, 500, 'Something went wrong', null, messageBody('Something went wrong', 'The page could not be shown. Try again; if it keeps happening, tell IT the time it happened (the server log has the details).'));
  });
  return router;
}
