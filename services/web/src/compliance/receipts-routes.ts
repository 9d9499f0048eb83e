import type { Request, Response, Router } from 'express';
import { IT_ROLES, RoleSchema } from '@verbatim/core';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { text, type FieldErrors } from '../it/form-field';
import { inputProblemOf, type InputProblem } from '../it/input-problem';
import { carriesCsrf, formBody, readForm, type Guard, type Render } from '../it/route-kit';
import { formIsGenuine } from '../form-guard';
import { readPolicyForm } from './policy-form';
import { uploadPolicy } from './upload-policy';
import { receiptsBody } from './receipts.page';

/** A refusal's messages by form field (the first part of each path); its message alone when it names none. */
function fieldErrorsOf(problem: InputProblem): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const [path, message] of problem.fields) errors.set(path.split('.')[0], message);
  if (errors.size === 0) errors.set('', problem.message);
  return errors;
}

type NamesOf = (deps: WebDependencies) => Promise<(id: string) => string>;

/** /receipts: everyone acknowledges the current policies; IT records paper copies and uploads policies (POST /policies). */
export function mountReceiptRoutes(
  router: Router,
  deps: WebDependencies,
  render: Render,
  guard: Guard,
  namesOf: NamesOf,
): void {
  /** The page; a refusal is marked on the form it came from (`upload` for the policy upload, else the receipt's). */
  const show = async (
    response: Response,
    session: WebSession,
    status: number,
    notice: string,
    errors: FieldErrors,
    refusedUpload?: Record<string, string>,
  ) => {
    const isIt = session.user.roles.some((role) => IT_ROLES.includes(role));
    const [policies, mine, all, nameOf] = await Promise.all([
      deps.compliance.listPolicies(),
      deps.compliance.listOwnReceipts(session.user.id),
      isIt ? deps.compliance.listReceipts() : Promise.resolve(undefined),
      namesOf(deps),
    ]);
    render(
      response,
      status,
      'Policies and receipts',
      session,
      receiptsBody({
        policies,
        mine,
        all,
        isIt,
        notice,
        errors,
        refusedUpload,
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
        nameOf,
      }),
    );
  };
  /** Runs a change from a form: back to the page with a notice, or the page again with the refusal marked. */
  const change = async (request: Request, response: Response, session: WebSession, run: () => Promise<string>) => {
    try {
      const notice = await run();
      return response.redirect(303, `/receipts?notice=${encodeURIComponent(notice)}`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      await show(response, session, problem.status, '', fieldErrorsOf(problem));
    }
  };

  router.get('/receipts', async (request, response) => {
    const session = await guard(request, response, RoleSchema.options);
    if (session) await show(response, session, 200, text(request.query.notice).slice(0, 300), new Map());
  });
  router.post('/receipts', readForm, async (request, response) => {
    const session = await guard(request, response, RoleSchema.options);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    await change(request, response, session, async () => {
      await deps.compliance.recordOwnReceipt({ versionId: text(formBody(request).versionId) }, session.user.id);
      return 'Your receipt is recorded. Thank you.';
    });
  });
  router.post('/receipts/paper', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const body = formBody(request);
    await change(request, response, session, async () => {
      const { receipt, created } = await deps.compliance.recordPaperReceipt(
        {
          versionId: text(body.versionId),
          personName: text(body.personName),
          personEmail: text(body.personEmail).trim(),
          signedOn: text(body.signedOn),
        },
        session.user.id,
      );
      return created
        ? `The signed copy of ${receipt.personName} is recorded.`
        : `${receipt.personName} already has a receipt of this version on record, from ${receipt.signedOn}.`;
    });
  });
  router.post('/policies', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session) return;
    const form = await readPolicyForm(request).catch(() => null);
    if (!form)
      return show(response, session, 400, '', new Map([['', 'Send the upload form from this page again.']]), {});
    if (!formIsGenuine(form.fields, session, response, render)) return;
    try {
      const notice = await uploadPolicy(deps, form, session.user.id);
      return response.redirect(303, `/receipts?notice=${encodeURIComponent(notice)}`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      // The form again as sent (but for its file, which a browser never fills back in), the refusal marked.
      await show(response, session, problem.status, '', fieldErrorsOf(problem), form.fields);
    }
  });
}
