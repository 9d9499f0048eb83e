import { type Request, type Response, type Router } from 'express';
import { ModerationDecisionInputSchema, NewModerationReviewSchema, UseCaseError, type Role } from '@verbatim/core';
import { formIsGenuine, formList, formText, type Render } from '../form-guard';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { mountLedgerRoutes } from './ledger-routes';
import { mountReviewRoutes } from './review-routes';
import { reviewQueueBody } from './review-queue.page';
import { readFormBody } from '../form-input';

type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

/** Who opens the review queue: moderators (their own), the reviewers, IT and auditors. */
export const REVIEW_QUEUE_ROLES: readonly Role[] = ['moderator', 'attorney', 'it-director', 'it-admin', 'auditor'];

/**
 * The moderation review queue with its decision and proposal forms, each review's page, and the ledger; the same use
 * cases and rules as the API.
 */
export function mountModerationRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const show = async (response: Response, session: WebSession, status: number, error?: string) => {
    const [reviews, categories] = await Promise.all([
      deps.moderationDesk.list({ id: session.user.id, roles: session.user.roles }),
      deps.policyCategories.list(),
    ]);
    render(
      response,
      status,
      'Moderation reviews',
      session,
      reviewQueueBody({
        reviews,
        roles: session.user.roles,
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
        error,
        categories,
      }),
    );
  };
  mountLedgerRoutes(router, deps, render, guard);
  router.get('/moderation/reviews', async (request, response) => {
    const session = await guard(request, response, REVIEW_QUEUE_ROLES);
    if (session) await show(response, session, 200);
  });
  router.post('/moderation/reviews', readFormBody('20kb'), async (request, response) => {
    const session = await guard(request, response, ['moderator']);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const parsed = NewModerationReviewSchema.safeParse({
      recordId: formText(body.recordId),
      action: formText(body.action),
      categories: formList(body.categories),
      note: formText(body.note),
    });
    if (!parsed.success)
      return show(response, session, 400, 'Give the record id, at least one category and a note, then send again.');
    try {
      await deps.moderationDesk.propose(parsed.data, {
        id: session.user.id,
        roles: session.user.roles,
        name: session.user.name,
      });
    } catch (error) {
      if (error instanceof UseCaseError) return show(response, session, 400, error.message);
      throw error;
    }
    response.redirect(303, '/moderation/reviews');
  });
  const showReview = mountReviewRoutes(router, deps, render, guard, REVIEW_QUEUE_ROLES);
  router.post('/moderation/reviews/:id/decisions', readFormBody('20kb'), async (request, response) => {
    const session = await guard(request, response, ['attorney', 'it-director']);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const parsed = ModerationDecisionInputSchema.safeParse({
      decision: formText(body.decision),
      note: formText(body.note),
    });
    const id = String(request.params.id);
    const fromReview = formText(body.returnTo) === 'review';
    const refuse = (status: number, message: string) =>
      fromReview
        ? showReview(response, session, id, status, { decisionError: message })
        : show(response, session, status, message);
    if (!parsed.success) return refuse(400, 'A denial needs a note saying why.');
    try {
      await deps.moderationDesk.decide(id, parsed.data, {
        id: session.user.id,
        roles: session.user.roles,
      });
    } catch (error) {
      if (error instanceof UseCaseError) return refuse(409, error.message);
      throw error;
    }
    response.redirect(303, fromReview ? `/moderation/reviews/${encodeURIComponent(id)}` : '/moderation/reviews');
  });
}
