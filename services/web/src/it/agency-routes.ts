import type { Response, Router } from 'express';
import { IT_ROLES } from '@verbatim/core';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { text, type FieldErrors } from './form-field';
import { inputProblemOf } from './input-problem';
import { agenciesBody, type AgencyForm } from './pages/agencies.page';
import { carriesCsrf, formBody, readForm, type Guard, type Render } from './route-kit';

/** /agencies: the town's agencies and the form that registers one, as `POST /api/v1/agencies` does. */
export function mountAgencyRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const show = async (
    response: Response,
    status: number,
    session: WebSession,
    form: AgencyForm,
    errors: FieldErrors,
    registeredId = '',
  ) => {
    const [agencies, accounts] = await Promise.all([deps.catalog.listAgencies(), deps.catalog.listAccounts()]);
    const accountCounts = new Map<string, number>();
    for (const account of accounts) accountCounts.set(account.agencyId, (accountCounts.get(account.agencyId) ?? 0) + 1);
    render(
      response,
      status,
      'Agencies',
      session,
      agenciesBody({
        agencies,
        accountCounts,
        form,
        errors,
        registered: agencies.find((agency) => agency.id === registeredId),
        csrfToken: session.csrfToken,
      }),
    );
  };
  router.get('/agencies', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (session)
      await show(response, 200, session, { name: '', kind: 'department' }, new Map(), text(request.query.registered));
  });
  router.post('/agencies', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const body = formBody(request);
    const form: AgencyForm = { name: text(body.name), kind: text(body.kind) };
    try {
      const agency = await deps.it.registerAgency(form, session.user.id);
      response.redirect(303, `/agencies?registered=${encodeURIComponent(agency.id)}`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      const errors: FieldErrors = new Map([...problem.fields].map(([path, message]) => [path.split('.')[0], message]));
      if (errors.size === 0) errors.set('', problem.message);
      await show(response, problem.status, session, form, errors);
    }
  });
}
