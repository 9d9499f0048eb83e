import type { Response, Router } from 'express';
import { IT_ROLES } from '@verbatim/core';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { many, text, type FieldErrors } from './form-field';
import { inputProblemOf } from './input-problem';
import { peopleBody, type PersonForm } from './pages/people.page';
import { personRolesBody } from './pages/person-roles.page';
import { messageBody } from '../pages/message.page';
import { carriesCsrf, formBody, readForm, type Guard, type Render } from './route-kit';

/** /people: who signs in, and creating a person exactly as `POST /api/v1/users` does. */
export function mountPeopleRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const show = async (
    response: Response,
    status: number,
    session: WebSession,
    form: PersonForm,
    errors: FieldErrors,
    created = '',
    accessNotice?: { kind: 'status' | 'alert'; text: string },
  ) =>
    render(
      response,
      status,
      'People',
      session,
      peopleBody({
        people: await deps.it.listPeople(),
        form,
        errors,
        created,
        accessNotice,
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
      }),
    );

  router.get('/people', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session) return;
    const changed = text(request.query.changed).slice(0, 100);
    const rolesOf = text(request.query.roles).slice(0, 100);
    const people = changed || rolesOf ? await deps.it.listPeople() : [];
    const person = changed ? people.find((someone) => someone.id === changed) : undefined;
    const withRoles = rolesOf ? people.find((someone) => someone.id === rolesOf) : undefined;
    const notice = person
      ? {
          kind: 'status' as const,
          text: person.disabledAt
            ? `${person.name} is disabled: their sessions ended and they cannot sign in.`
            : `${person.name} can sign in again.`,
        }
      : withRoles
        ? { kind: 'status' as const, text: `${withRoles.name}'s roles are saved.` }
        : undefined;
    await show(
      response,
      200,
      session,
      { name: '', email: '', roles: [] },
      new Map(),
      text(request.query.created).slice(0, 320),
      notice,
    );
  });
  for (const action of ['disable', 'enable'] as const) {
    router.post(`/people/:id/${action}`, readForm, async (request, response) => {
      const session = await guard(request, response, IT_ROLES);
      if (!session || !carriesCsrf(request, response, session, render)) return;
      const id = String(request.params.id);
      try {
        const person =
          action === 'disable'
            ? await deps.it.disablePerson(id, session.user.id)
            : await deps.it.enablePerson(id, session.user.id);
        response.redirect(303, `/people?changed=${encodeURIComponent(person.id)}`);
      } catch (error) {
        const problem = inputProblemOf(error);
        if (!problem) throw error;
        await show(response, problem.status, session, { name: '', email: '', roles: [] }, new Map(), '', {
          kind: 'alert',
          text: problem.message,
        });
      }
    });
  }
  mountPersonRolesRoutes(router, deps, render, guard);
  router.post('/people', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const body = formBody(request);
    const form: PersonForm = { name: text(body.name), email: text(body.email).trim(), roles: many(body.roles) };
    try {
      const person = await deps.it.createPerson(
        { name: form.name, email: form.email, roles: form.roles, password: text(body.password) },
        session.user.id,
      );
      return response.redirect(303, `/people?created=${encodeURIComponent(person.email)}`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      const errors: FieldErrors = new Map();
      for (const [path, message] of problem.fields) {
        const id = path.split('.')[0];
        if (!errors.has(id)) errors.set(id, id === 'roles' ? 'Choose at least one role.' : message);
      }
      if (errors.size === 0) errors.set('', problem.message);
      await show(response, problem.status, session, form, errors);
    }
  });
}

/** /people/:id/roles: one person's roles, changed exactly as `PUT /api/v1/users/:id/roles` does. */
function mountPersonRolesRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const show = async (
    response: Response,
    status: number,
    session: WebSession,
    id: string,
    roles: string[] | null,
    errors: FieldErrors,
  ) => {
    const person = (await deps.it.listPeople()).find((someone) => someone.id === id);
    if (!person)
      return render(
        response,
        404,
        'Not found',
        session,
        messageBody('Person not found', 'There is no person with this address. Open them from the people list.'),
      );
    return render(
      response,
      status,
      `Roles of ${person.name}`,
      session,
      personRolesBody({ person, roles: roles ?? person.roles, errors, csrfToken: session.csrfToken }),
    );
  };
  router.get('/people/:id/roles', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session) return;
    await show(response, 200, session, String(request.params.id), null, new Map());
  });
  router.post('/people/:id/roles', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const id = String(request.params.id);
    const roles = many(formBody(request).roles);
    try {
      const person = await deps.it.setPersonRoles(id, { roles }, session.user.id);
      response.redirect(303, `/people?roles=${encodeURIComponent(person.id)}`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      const errors: FieldErrors = new Map();
      if ([...problem.fields.keys()].some((path) => path.startsWith('roles')))
        errors.set('roles', 'Choose at least one role.');
      else errors.set('', problem.message);
      await show(response, problem.status, session, id, roles, errors);
    }
  });
}
