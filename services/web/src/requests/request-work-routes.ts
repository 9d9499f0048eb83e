import { type Request, type Response, type Router } from 'express';
import { CONNECTICUT_EXEMPTIONS } from '@verbatim/foia';
import { FOIA_OFFICER_ROLES, FOIA_READER_ROLES, type Role } from '@verbatim/core';
import { formIsGenuine, formList, formText, type Render } from '../form-guard';
import { refusalOf } from '@verbatim/http';
import { messageBody } from '../pages/message.page';
import { requestItemBody, type ItemPageOptions } from '../pages/request-item.page';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { BUNDLE_PROGRESS_SCRIPT } from './bundle-progress.script';
import { openSuggestions, parseChoices, redactionsOf } from './redaction-choices';
import type { IntendedOccurrence, ItemRedaction } from '@verbatim/foia';
import { requestPageBody, type RequestPageExtras } from './request-page';
import { readFormBody } from '../form-input';

type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

/** The records query's fields, as the search page's URL and its "add to a request" form carry them. */
const SEARCH_FIELDS = [
  'q',
  'agencyId',
  'accountId',
  'platform',
  'kind',
  'status',
  'author',
  'postedFrom',
  'postedTo',
  'hasAttachments',
  'sort',
] as const;
const LIST_FIELDS = new Set(['agencyId', 'accountId', 'platform', 'kind', 'status', 'author']);

/** The search a form describes, as the records query the desk validates: empty fields dropped, lists kept as lists. */
export function searchQueryOf(body: Record<string, unknown>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const field of SEARCH_FIELDS) {
    const values = formList(body[field])
      .map((value) => value.trim())
      .filter(Boolean);
    if (values.length > 0) query[field] = LIST_FIELDS.has(field) ? values : values[0];
  }
  return query;
}

/** What a gathering form asks to add: a whole search, ticked results, or ids typed one per line. */
export function itemsToAdd(body: Record<string, unknown>): unknown {
  const source = formText(body.source);
  if (source === 'search') return { query: searchQueryOf(body) };
  const ids = source === 'pick' ? formList(body.recordId) : formText(body.recordIds).split(/[\s,]+/);
  return { recordIds: [...new Set(ids.map((id) => id.trim()).filter(Boolean))] };
}

const urlencoded = readFormBody('200kb');
const notFoundBody = messageBody(
  'Not found',
  'There is no such request or record in it. Open the request from the request list.',
);

/**
 * The work on a request's page: gathering records (from a search, ticked results or ids), deciding each
 * record, building bundles and verifying them. Every change goes through the API's FOIA desk.
 */
export function mountRequestWorkRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const showRequest = async (
    response: Response,
    status: number,
    session: WebSession,
    requestId: string,
    extras: RequestPageExtras,
  ) => {
    const shown = await requestPageBody(deps, session, requestId, extras);
    if (!shown) return render(response, 404, 'Not found', session, notFoundBody);
    render(response, status, shown.title, session, shown.body);
  };
  /** Runs a change; a refusal (bad input, nothing gathered, queue down) is shown on the request page. */
  const attempt = async (response: Response, session: WebSession, requestId: string, change: () => Promise<string>) => {
    try {
      response.redirect(303, await change());
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      if (refusal.status === 404) return render(response, 404, 'Not found', session, notFoundBody);
      await showRequest(response, refusal.status, session, requestId, { error: `${refusal.message}.` });
    }
  };

  const addItems = async (request: Request, response: Response, requestId: string) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    if (!requestId)
      return render(
        response,
        400,
        'Choose a request',
        session,
        messageBody('Choose a request', 'Pick the request to add the records to, then send the form again.'),
      );
    await attempt(response, session, requestId, async () => {
      const { added } = await deps.foiaDesk.addItemsUnchecked(requestId, itemsToAdd(body), session.user.id);
      return `/requests/${requestId}?added=${added}#records-heading`;
    });
  };
  router.post('/requests/items', urlencoded, (request, response) =>
    addItems(request, response, formText((request.body as Record<string, unknown> | undefined)?.requestId)),
  );
  router.post('/requests/:id/items', urlencoded, (request, response) =>
    addItems(request, response, String(request.params.id)),
  );

  const itemPage = async (
    session: WebSession,
    requestId: string,
    recordId: string,
  ): Promise<Omit<ItemPageOptions, 'form' | 'error'> | null> => {
    const view = await deps.foia.getRequest(requestId, session.user.roles);
    const item = await deps.foiaStore.getItem(requestId, recordId);
    const record = await deps.catalog.getRecord(recordId);
    if (!view || !item || !record) return null;
    const [versions, suggestions, settings] = await Promise.all([
      deps.catalog.listVersions(recordId),
      deps.foiaDesk.piiSuggestions(requestId, recordId),
      deps.foiaStore.getSettings(),
    ]);
    return {
      requestId,
      requestNumber: view.number,
      item,
      record,
      versions,
      suggestions: openSuggestions(suggestions, item.redactions),
      exemptions: settings.exemptions ?? [...CONNECTICUT_EXEMPTIONS],
      csrfToken: session.csrfToken,
      timeZone: deps.timeZone,
    };
  };
  router.get('/requests/:id/items/:recordId', async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const options = await itemPage(session, String(request.params.id), String(request.params.recordId));
    if (!options) return render(response, 404, 'Not found', session, notFoundBody);
    render(
      response,
      200,
      `Review ${options.record.kind} by ${options.record.author.name}`,
      session,
      requestItemBody(options),
    );
  });
  router.post('/requests/:id/items/:recordId', urlencoded, async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const [requestId, recordId] = [String(request.params.id), String(request.params.recordId)];
    const options = await itemPage(session, requestId, recordId);
    if (!options) return render(response, 404, 'Not found', session, notFoundBody);
    const form = {
      disposition: formText(body.disposition),
      exemptionCode: formText(body.exemptionCode),
      justification: formText(body.justification),
      accepted: formList(body.accept),
      scope: formText(body.scope),
      phrase: formText(body.phrase),
      kept: formList(body.keep),
      intended: formList(body.intended),
    };
    const disposition = (
      ['produce', 'withhold', 'redact'].includes(form.disposition) ? form.disposition : 'produce'
    ) as 'produce' | 'withhold' | 'redact';
    const redactions =
      disposition === 'redact'
        ? redactionsOf(
            { ...form, kept: parseChoices<ItemRedaction>(form.kept), code: form.exemptionCode },
            options.versions,
          )
        : undefined;
    try {
      await deps.foiaDesk.decide(
        requestId,
        recordId,
        {
          disposition,
          ...(form.exemptionCode ? { exemptionCode: form.exemptionCode } : {}),
          ...(form.justification.trim() ? { justification: form.justification } : {}),
          ...(redactions ? { redactions, intendedOccurrences: parseChoices<IntendedOccurrence>(form.intended) } : {}),
        },
        session.user.id,
      );
      response.redirect(303, `/requests/${requestId}#records-heading`);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      render(
        response,
        refusal.status,
        `Review ${options.record.kind} by ${options.record.author.name}`,
        session,
        requestItemBody({
          ...options,
          form,
          error: `Not saved: ${refusal.message.replace(/^invalid request body: /, '')}.`,
        }),
      );
    }
  });
  router.post('/requests/:id/items/:recordId/remove', urlencoded, async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    if (!formIsGenuine((request.body ?? {}) as Record<string, unknown>, session, response, render)) return;
    const requestId = String(request.params.id);
    await attempt(response, session, requestId, async () => {
      await deps.foiaDesk.removeItem(requestId, String(request.params.recordId), session.user.id);
      return `/requests/${requestId}#records-heading`;
    });
  });

  router.post('/requests/:id/items/:recordId/let-stand', urlencoded, async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const requestId = String(request.params.id);
    await attempt(response, session, requestId, async () => {
      const occurrence = { text: formText(body.text), section: formText(body.section) };
      await deps.foiaDesk.letStand(requestId, String(request.params.recordId), occurrence, session.user.id);
      return `/requests/${requestId}#bundles-heading`;
    });
  });

  router.post('/requests/:id/bundles', urlencoded, async (request, response) => {
    const session = await guard(request, response, FOIA_OFFICER_ROLES);
    if (!session) return;
    if (!formIsGenuine((request.body ?? {}) as Record<string, unknown>, session, response, render)) return;
    const requestId = String(request.params.id);
    await attempt(response, session, requestId, async () => {
      await deps.foiaDesk.createBundle(requestId, session.user.id);
      return `/requests/${requestId}#bundles-heading`;
    });
  });
  router.post('/requests/:id/bundles/:bundleId/verify', urlencoded, async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const [requestId, bundleId] = [String(request.params.id), String(request.params.bundleId)];
    const bundle = await deps.foiaDesk.getBundle(bundleId).catch(() => null);
    if (!bundle || bundle.requestId !== requestId) return render(response, 404, 'Not found', session, notFoundBody);
    try {
      const report = await deps.foiaDesk.verify(bundleId, formText(body.rebuild) === 'true', session.user.id);
      await showRequest(response, 200, session, requestId, { verified: { bundleId, report } });
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      await showRequest(response, refusal.status, session, requestId, { error: `${refusal.message}.` });
    }
  });
  router.get('/assets/bundle-progress.js', (_request, response) =>
    response.type('js').set('cache-control', 'public, max-age=300').send(BUNDLE_PROGRESS_SCRIPT),
  );
}
