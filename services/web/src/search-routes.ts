import type { Request, Response, Router } from 'express';
import {
  FOIA_OFFICER_ROLES,
  FOIA_READER_ROLES,
  RECORD_READER_ROLES,
  SearchQueryError,
  type Role,
} from '@verbatim/core';
import { OPEN_STATUSES } from '@verbatim/foia';
import type { SafeHtml } from './html';
import { searchBody, type SearchPageOptions } from './pages/search.page';
import { loadSearchNames } from './search/search-choices';
import { readSearchForm, toSearchQuery } from './search/search-form';
import { readPosition } from './search/search-paging';
import type { WebDependencies, WebSession } from './web-dependencies';

type Render = (response: Response, status: number, title: string, session: WebSession | null, body: SafeHtml) => void;
type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

const holds = (session: WebSession, roles: readonly Role[]) => session.user.roles.some((role) => roles.includes(role));

/** The open requests a person gathering records may add to, or undefined for someone who does not gather. */
async function gatheringFor(deps: WebDependencies, session: WebSession): Promise<SearchPageOptions['gathering']> {
  if (!holds(session, FOIA_READER_ROLES)) return undefined;
  const requests = await deps.foia.listRequests(session.user.roles, { status: [...OPEN_STATUSES] });
  return { requests, csrfToken: session.csrfToken, canLog: holds(session, FOIA_OFFICER_ROLES) };
}

/**
 * The search page. The whole search, page position included, lives in the URL, so a search can be bookmarked,
 * shared and reloaded; the page with no parameters lists the newest records with every filter's counts.
 */
export function mountSearchRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/search', async (request, response) => {
    const session = await guard(request, response, RECORD_READER_ROLES);
    if (!session) return;
    const form = readSearchForm(request.query);
    const position = readPosition(request.query);
    const title = form.q ? `Search: ${form.q}` : 'Search';
    const names = await loadSearchNames(deps.catalog);
    try {
      const { result, records } = await deps.records.browse(
        toSearchQuery(form, { timeZone: deps.timeZone, cursor: position.cursor }),
        form,
        session.user.id,
      );
      const gathering = await gatheringFor(deps, session);
      render(
        response,
        200,
        title,
        session,
        searchBody({ form, position, result, records, names, timeZone: deps.timeZone, gathering }),
      );
    } catch (error) {
      if (!(error instanceof SearchQueryError)) throw error;
      const advice = /cursor/.test(error.message)
        ? 'This page link no longer works (the archive was re-indexed or the link was altered).'
        : `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}. Check the quotes and brackets, or search for plain words.`;
      render(
        response,
        400,
        title,
        session,
        searchBody({ form, position, result: null, records: new Map(), names, timeZone: deps.timeZone, error: advice }),
      );
    }
  });
}
