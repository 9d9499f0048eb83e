import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import {
  invalidFields,
  NewPolicyCategorySchema,
  POLICY_CATEGORY_KEEPER_ROLES,
  PolicyCategoryPatchSchema,
} from '@verbatim/core';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { text, type FieldErrors } from '../it/form-field';
import { inputProblemOf } from '../it/input-problem';
import { carriesCsrf, formBody, readForm, type Guard, type Render } from '../it/route-kit';
import { categoriesBody } from './categories.page';
import { REVIEW_QUEUE_ROLES } from './moderation-routes';

/** The parsed form, or the refusal the use cases would give, with zod's message for each field. */
function checked<T>(result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  throw invalidFields(
    'form',
    result.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message })),
  );
}

const mayKeep = (session: WebSession) =>
  session.user.roles.some((role) => (POLICY_CATEGORY_KEEPER_ROLES as readonly string[]).includes(role));

/** What a form sends, or what it was refused for: the page shown again with the message on `fieldId`. */
interface Attempt {
  fieldId: string;
  newLabel?: string;
  rename?: { id: string; label: string };
}

/**
 * /moderation/categories: the removal categories, read by whoever opens the moderation pages, kept by the roles
 * the JSON API lets keep them (POLICY_CATEGORY_KEEPER_ROLES), through the same use case and its viewpoint rule.
 */
export function mountCategoryRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const show = async (
    response: Response,
    session: WebSession,
    status: number,
    errors: FieldErrors,
    attempt?: Attempt,
  ) => {
    const categories = await deps.policyCategories.list(true);
    const renames = new Map(attempt?.rename ? [[attempt.rename.id, attempt.rename.label]] : []);
    const body = categoriesBody({
      categories,
      mayEdit: mayKeep(session),
      csrfToken: session.csrfToken,
      timeZone: deps.timeZone,
      newLabel: attempt?.newLabel ?? '',
      errors,
      renames,
    });
    render(response, status, 'Removal categories', session, body);
  };

  /** Runs a change; a refusal (bad wording, a viewpoint rule, an unknown id) shows the page with its message. */
  const change = async (
    request: Request,
    response: Response,
    attempt: Attempt,
    run: (session: WebSession) => Promise<unknown>,
  ) => {
    const session = await guard(request, response, POLICY_CATEGORY_KEEPER_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    try {
      await run(session);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      const message = problem.fields.get('label') ?? [...problem.fields.values()][0] ?? problem.message;
      return show(response, session, problem.status, new Map([[attempt.fieldId, message]]), attempt);
    }
    response.redirect(303, '/moderation/categories');
  };
  const actor = (session: WebSession) => ({ id: session.user.id, roles: session.user.roles, name: session.user.name });
  const patch = (id: string, input: unknown) => (session: WebSession) =>
    deps.policyCategories.update(id, checked(PolicyCategoryPatchSchema.safeParse(input)), actor(session));

  router.get('/moderation/categories', async (request, response) => {
    const session = await guard(request, response, [
      ...new Set([...REVIEW_QUEUE_ROLES, ...POLICY_CATEGORY_KEEPER_ROLES]),
    ]);
    if (session) await show(response, session, 200, new Map());
  });
  router.post('/moderation/categories', readForm, async (request, response) => {
    const label = text(formBody(request).label).trim();
    await change(request, response, { fieldId: 'label', newLabel: label }, (session) =>
      deps.policyCategories.add(checked(NewPolicyCategorySchema.safeParse({ label })).label, actor(session)),
    );
  });
  router.post('/moderation/categories/:id', readForm, async (request, response) => {
    const id = String(request.params.id);
    const label = text(formBody(request).label).trim();
    await change(request, response, { fieldId: `label-${id}`, rename: { id, label } }, patch(id, { label }));
  });
  for (const [action, retired] of [
    ['retire', true],
    ['restore', false],
  ] as const) {
    router.post(`/moderation/categories/:id/${action}`, readForm, async (request, response) => {
      const id = String(request.params.id);
      await change(request, response, { fieldId: '' }, patch(id, { retired }));
    });
  }
}
