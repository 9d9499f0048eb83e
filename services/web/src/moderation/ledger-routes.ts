import { type Request, type Response, type Router } from 'express';
import { LedgerResolutionInputSchema, type Role } from '@verbatim/core';
import { formIsGenuine, formText, type Render } from '../form-guard';
import type { FieldErrors } from '../it/form-field';
import { inputProblemOf } from '../it/input-problem';
import { messageBody } from '../pages/message.page';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { ledgerEntryBody } from './ledger-entry.page';
import { ledgerBody } from './ledger.page';
import { readFormBody } from '../form-input';

type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

/** Who reads the ledger, as the API: the attorney's office, IT and auditors; the attorney's office settles. */
const LEDGER_READERS: readonly Role[] = ['attorney', 'it-director', 'it-admin', 'auditor'];
const LEDGER_SETTLERS: readonly Role[] = ['attorney'];

/** The moderation ledger, each entry's page, and the attorney's form settling an unreviewed one. */
export function mountLedgerRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const showEntry = async (
    response: Response,
    session: WebSession,
    id: string,
    status: number,
    state: { errors?: FieldErrors; reason?: string; notice?: string } = {},
  ) => {
    let entry;
    try {
      entry = await deps.moderationLedgerDesk.get(id);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      return render(
        response,
        problem.status,
        'Moderation ledger',
        session,
        messageBody('No such entry', 'The moderation ledger has no entry with this id.'),
      );
    }
    const history = await deps.moderationDesk.historyOf(entry.recordId);
    render(
      response,
      status,
      'Moderation ledger entry',
      session,
      ledgerEntryBody({
        entry,
        approvedReviews: history.filter((review) => review.status === 'approved'),
        settles: session.user.roles.some((role) => LEDGER_SETTLERS.includes(role)),
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
        errors: state.errors ?? new Map<string, string>(),
        reason: state.reason ?? '',
        notice: state.notice,
      }),
    );
  };

  router.get('/moderation/ledger', async (request, response) => {
    const session = await guard(request, response, LEDGER_READERS);
    if (!session) return;
    const day = (value: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(formText(value)) ? formText(value) : undefined);
    const filter = {
      accountId: formText(request.query.accountId) || undefined,
      from: day(request.query.from),
      to: day(request.query.to),
      open: formText(request.query.open) === 'true',
    };
    const [rows, accounts] = await Promise.all([
      deps.moderationLedgerDesk.list({
        accountId: filter.accountId,
        from: filter.from ? new Date(filter.from).toISOString() : undefined,
        to: filter.to ? new Date(filter.to).toISOString() : undefined,
        openOnly: filter.open,
      }),
      deps.catalog.listAccounts(),
    ]);
    render(
      response,
      200,
      'Moderation ledger',
      session,
      ledgerBody({ rows, accounts, filter, timeZone: deps.timeZone }),
    );
  });

  router.get('/moderation/ledger/:id', async (request, response) => {
    const session = await guard(request, response, LEDGER_READERS);
    if (!session) return;
    const notice = formText(request.query.notice) === 'settled' ? 'The entry is settled.' : '';
    await showEntry(response, session, String(request.params.id), 200, { notice });
  });

  router.post('/moderation/ledger/:id/resolution', readFormBody('20kb'), async (request, response) => {
    const session = await guard(request, response, LEDGER_SETTLERS);
    if (!session) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!formIsGenuine(body, session, response, render)) return;
    const id = String(request.params.id);
    const byReview = formText(body.settle) === 'review';
    const reason = formText(body.reason);
    const refuse = (status: number, errors: FieldErrors) =>
      showEntry(response, session, id, status, { errors, reason });
    const parsed = LedgerResolutionInputSchema.safeParse(byReview ? { reviewId: formText(body.reviewId) } : { reason });
    if (!parsed.success)
      return refuse(
        400,
        byReview
          ? new Map([['reviewId', 'Choose the approved review to link.']])
          : new Map([['reason', 'Say in a few words why no review was needed (at least 3 characters).']]),
      );
    try {
      await deps.moderationLedgerDesk.resolve(id, parsed.data, { id: session.user.id, roles: session.user.roles });
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      const fields = new Map(problem.fields);
      return refuse(problem.status, fields.size > 0 ? fields : new Map([['', `${problem.message}.`]]));
    }
    response.redirect(303, `/moderation/ledger/${encodeURIComponent(id)}?notice=settled`);
  });
}
