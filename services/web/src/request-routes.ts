import { type Request, type Response, type Router } from 'express';
import { DateTime } from 'luxon';
import { FOIA_OFFICER_ROLES, FOIA_READER_ROLES, UseCaseError, type Role } from '@verbatim/core';
import { FoiaTransitionInputSchema, NewFoiaRequestSchema } from '@verbatim/foia';
import { sendCsvDownload } from '@verbatim/http';
import { formIsGenuine, type Render } from './form-guard';
import { logRequestBody, type LogRequestForm } from './pages/log-request.page';
import { messageBody } from './pages/message.page';
import { requestListBody } from './pages/requests.page';
import { requestPageBody } from './requests/request-page';
import { requestLogFilterOf, requestLogQueryOf } from './requests/request-log-filter';
import type { WebDependencies, WebSession } from './web-dependencies';
import { readFormBody } from './form-input';

type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function formFrom(body: Record<string, unknown>): LogRequestForm {
  return {
    name: text(body.name),
    email: text(body.email),
    phone: text(body.phone),
    organization: text(body.organization),
    receivedAt: text(body.receivedAt),
    channel: text(body.channel) || 'email',
    description: text(body.description),
    recordsCategory: text(body.recordsCategory) || 'general',
  };
}

/** The form's local date and time, read on the town's wall clock, as the instant the API stores. */
function receivedInstant(local: string, timeZone: string): string {
  const instant = DateTime.fromISO(local, { zone: timeZone });
  return instant.isValid ? instant.toISO({ suppressMilliseconds: true }) : local;
}

/** Field names of the API input, mapped to the form's. */
const FIELD_OF_PATH: Record<string, keyof LogRequestForm> = {
  'requester.name': 'name',
  'requester.email': 'email',
  'requester.phone': 'phone',
  'requester.organization': 'organization',
  receivedAt: 'receivedAt',
  channel: 'channel',
  description: 'description',
  recordsCategory: 'recordsCategory',
};

/** The FOIA request screens: the log with its deadlines, the form that logs a request, and a request's page. */
export function mountRequestRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const blank = (): LogRequestForm => ({
    name: '',
    email: '',
    phone: '',
    organization: '',
    channel: 'email',
    description: '',
    recordsCategory: 'general',
    receivedAt: DateTime.now().setZone(deps.timeZone).toFormat("yyyy-MM-dd'T'HH:mm"),
  });
  router.get('/requests', async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const filter = requestLogFilterOf(request.query);
    const requests = await deps.requestLog.list(session.user.roles, requestLogQueryOf(filter));
    const filtered = Object.keys(request.query).length > 0;
    render(
      response,
      200,
      'FOIA requests',
      session,
      requestListBody({
        requests,
        filter,
        filtered,
        canLog: session.user.roles.some((role) => FOIA_OFFICER_ROLES.includes(role)),
        timeZone: deps.timeZone,
      }),
    );
  });
  // The log as the page shows it, with the same filters, as a spreadsheet file.
  router.get('/requests.csv', async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const query = requestLogQueryOf(requestLogFilterOf(request.query));
    sendCsvDownload(
      response,
      await deps.requestLog.exportCsv(query, { id: session.user.id, roles: session.user.roles }),
    );
  });
  router.get('/requests/new', async (request, response) => {
    const session = await guard(request, response, FOIA_OFFICER_ROLES);
    if (!session) return;
    render(
      response,
      200,
      'Log a request',
      session,
      logRequestBody({ form: blank(), errors: new Map(), csrfToken: session.csrfToken, timeZone: deps.timeZone }),
    );
  });
  router.post('/requests/new', readFormBody('100kb'), async (request, response) => {
    const session = await guard(request, response, FOIA_OFFICER_ROLES);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const form = formFrom(body);
    const parsed = NewFoiaRequestSchema.safeParse({
      requester: {
        name: form.name,
        ...(form.email ? { email: form.email } : {}),
        ...(form.phone ? { phone: form.phone } : {}),
        ...(form.organization ? { organization: form.organization } : {}),
      },
      receivedAt: receivedInstant(form.receivedAt, deps.timeZone),
      channel: form.channel,
      description: form.description,
      recordsCategory: form.recordsCategory,
    });
    if (!parsed.success) {
      const errors = new Map(
        parsed.error.issues.map((issue) => [FIELD_OF_PATH[issue.path.join('.')] ?? 'description', issue.message]),
      );
      return render(
        response,
        400,
        'Log a request',
        session,
        logRequestBody({ form, errors, csrfToken: session.csrfToken, timeZone: deps.timeZone }),
      );
    }
    const view = await deps.requestLog.log(parsed.data, { id: session.user.id, roles: session.user.roles });
    response.redirect(303, `/requests/${view.id}`);
  });
  router.get('/requests/:id', async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const added = Number(text(request.query.added));
    const shown = await requestPageBody(deps, session, String(request.params.id), {
      notice:
        added > 0
          ? `${added} ${added === 1 ? 'record' : 'records'} added.`
          : request.query.resent
            ? 'The notification is being sent again; its status below shows how it goes.'
            : undefined,
    });
    if (!shown)
      return render(
        response,
        404,
        'Not found',
        session,
        messageBody('Request not found', 'There is no request with this address. Open it from the request list.'),
      );
    render(response, 200, shown.title, session, shown.body);
  });
  router.post('/requests/:id/transitions', readFormBody('20kb'), async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const stored = await deps.foiaStore.getRequest(String(request.params.id));
    if (!stored)
      return render(
        response,
        404,
        'Not found',
        session,
        messageBody('Request not found', 'There is no request with this address. Open it from the request list.'),
      );
    if (!formIsGenuine(body, session, response, render)) return;
    const to = text(body.to);
    const change = {
      to,
      ...(text(body.note).trim() ? { note: text(body.note).trim() } : {}),
      ...(to === 'released' ? { releaseKind: text(body.releaseKind) || 'full' } : {}),
      ...(to === 'extended' && text(body.extendedUntil) ? { extendedUntil: text(body.extendedUntil) } : {}),
    };
    const parsed = FoiaTransitionInputSchema.safeParse(change);
    let error: string | undefined;
    if (!parsed.success) error = 'Choose a status from the list (and a date for an extension).';
    else {
      try {
        await deps.requestLog.transition(stored.id, parsed.data, { id: session.user.id, roles: session.user.roles });
        return response.redirect(303, `/requests/${stored.id}`);
      } catch (caught) {
        error = `${(caught as Error).message}.`;
      }
    }
    const shown = (await requestPageBody(deps, session, stored.id, { error }))!;
    render(response, 409, shown.title, session, shown.body);
  });
  mountResendRoute(router, deps, render, guard);
}

const NOT_FOUND = messageBody('Not found', 'There is no such request or notification. Open it from the request list.');

/** "Send again" on a failed notification of a request: back to pending and handed to the queue, audited. */
function mountResendRoute(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.post('/requests/:id/notifications/:deliveryId/resend', readFormBody('4kb'), async (request, response) => {
    const session = await guard(request, response, FOIA_READER_ROLES);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const requestId = String(request.params.id);
    const actor = { id: session.user.id, roles: session.user.roles };
    try {
      await deps.notificationDesk.resend(String(request.params.deliveryId), actor, { requestId });
      return response.redirect(303, `/requests/${requestId}?resent=1`);
    } catch (caught) {
      if (!(caught instanceof UseCaseError)) throw caught;
      if (caught.kind === 'not-found') return render(response, 404, 'Not found', session, NOT_FOUND);
      const shown = (await requestPageBody(deps, session, requestId, { error: `${caught.message}.` }))!;
      render(response, 409, shown.title, session, shown.body);
    }
  });
}
