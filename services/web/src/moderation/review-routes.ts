import { type Request, type Response, type Router } from 'express';
import { DateTime } from 'luxon';
import { CarriedOutInputSchema, type Role } from '@verbatim/core';
import { formIsGenuine, formText, type Render } from '../form-guard';
import type { FieldErrors } from '../it/form-field';
import { inputProblemOf } from '../it/input-problem';
import { messageBody } from '../pages/message.page';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { reviewBody, type ReviewPageOptions } from './review.page';
import { readFormBody } from '../form-input';

type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

/** What the review page shows besides the review itself: a notice, a refusal, the carried-out form as sent. */
export type ReviewPageState = Partial<Pick<ReviewPageOptions, 'notice' | 'decisionError' | 'carriedOut'>> & {
  errors?: FieldErrors;
};

export type ShowReview = (
  response: Response,
  session: WebSession,
  id: string,
  status: number,
  state?: ReviewPageState,
) => Promise<void>;

/** The form's local day and time, read on the town's wall clock, as an ISO instant; null when it is not one. */
function instantOnTownClock(local: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const instant = DateTime.fromISO(local, { zone: timeZone });
  return instant.isValid ? instant.toISO({ suppressMilliseconds: true }) : null;
}

/**
 * /moderation/reviews/:id: one review, and the moderator's record of when the approved action was carried out
 * on the platform (the action itself stays manual). The same use case and rules as the API.
 */
export function mountReviewRoutes(
  router: Router,
  deps: WebDependencies,
  render: Render,
  guard: Guard,
  roles: readonly Role[],
): ShowReview {
  const show: ShowReview = async (response, session, id, status, state = {}) => {
    const actor = { id: session.user.id, roles: session.user.roles };
    let review;
    try {
      review = await deps.moderationDesk.get(id, actor);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      return render(
        response,
        problem.status,
        'Moderation review',
        session,
        messageBody('No such review', 'This moderation review does not exist, or is not one of yours.'),
      );
    }
    const now = DateTime.now().setZone(deps.timeZone).toFormat("yyyy-MM-dd'T'HH:mm");
    render(
      response,
      status,
      'Moderation review',
      session,
      reviewBody({
        review,
        roles: session.user.roles,
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
        categories: await deps.policyCategories.list(true),
        errors: state.errors ?? new Map<string, string>(),
        carriedOut: state.carriedOut ?? { at: now, note: '' },
        notice: state.notice,
        decisionError: state.decisionError,
      }),
    );
  };

  router.get('/moderation/reviews/:id', async (request, response) => {
    const session = await guard(request, response, roles);
    if (!session) return;
    const notice = formText(request.query.notice) === 'carried-out' ? 'Recorded as carried out on the platform.' : '';
    await show(response, session, String(request.params.id), 200, { notice });
  });

  router.post('/moderation/reviews/:id/carried-out', readFormBody('20kb'), async (request, response) => {
    const session = await guard(request, response, ['moderator']);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const id = String(request.params.id);
    const sent = { at: formText(body.at), note: formText(body.note) };
    const refuse = (status: number, errors: FieldErrors) =>
      show(response, session, id, status, { errors, carriedOut: sent });
    const at = instantOnTownClock(sent.at, deps.timeZone);
    if (!at) return refuse(400, new Map([['at', 'Give the day and the time it was carried out on the platform.']]));
    const parsed = CarriedOutInputSchema.safeParse({ at, note: sent.note });
    if (!parsed.success) return refuse(400, new Map([['carried-out-note', 'Keep the note under 4,000 characters.']]));
    try {
      await deps.moderationDesk.recordCarriedOut(id, parsed.data, {
        id: session.user.id,
        roles: session.user.roles,
      });
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      return refuse(problem.status, new Map([['', `${problem.message}.`]]));
    }
    response.redirect(303, `/moderation/reviews/${encodeURIComponent(id)}?notice=carried-out#carried-out-heading`);
  });
  return show;
}
