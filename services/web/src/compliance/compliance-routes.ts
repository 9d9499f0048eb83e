import type { Response, Router } from 'express';
import { currentPolicies, townDate } from '@verbatim/app';
import type { Role } from '@verbatim/core';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { text } from '../it/form-field';
import { inputProblemOf } from '../it/input-problem';
import { carriesCsrf, readForm, type Guard, type Render } from '../it/route-kit';
import { messageBody } from '../pages/message.page';
import { accountComplianceBody } from './account-compliance.page';
import { complianceBody } from './compliance.page';
import { mountReceiptRoutes } from './receipts-routes';

/** Who sees the compliance pages: as `GET /api/v1/compliance`. */
export const COMPLIANCE_PAGE_ROLES: readonly Role[] = ['it-admin', 'it-director', 'communications-manager', 'auditor'];

/** Names of people by id, for "recorded by" and "approved by" (a token's id is shown as it is). */
async function namesOf(deps: WebDependencies): Promise<(id: string) => string> {
  const names = new Map((await deps.people.listUsers()).map((user) => [user.id, user.name]));
  return (id) => names.get(id) ?? (id === 'system' ? 'Verbatim' : id.startsWith('tok_') ? `API token ${id}` : id);
}

/** /compliance (town or agency), /compliance/accounts/:id with the approval, and the receipts pages. */
export function mountComplianceRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/compliance', async (request, response) => {
    const session = await guard(request, response, COMPLIANCE_PAGE_ROLES);
    if (!session) return;
    const agencies = await deps.catalog.listAgencies();
    const agency = agencies.find((candidate) => candidate.id === text(request.query.agencyId));
    const accounts = await deps.compliance.assess(agency ? { agencyId: agency.id } : {});
    render(response, 200, 'Compliance', session, complianceBody({ accounts, agencies, agency }));
  });

  const showAccount = async (response: Response, session: WebSession, accountId: string) => {
    const account = await deps.it.getAccount(accountId);
    const [compliance] = account ? await deps.compliance.assess({ accountId }) : [];
    if (!account || !compliance)
      return render(response, 404, 'Not found', session, messageBody('Not found', 'There is no account with this id.'));
    const [history, approval, documents, receipts, nameOf] = await Promise.all([
      deps.compliance.listPeopleHistory(accountId),
      deps.compliance.getApproval(accountId),
      deps.compliance.listPolicies(),
      deps.compliance.listReceipts(),
      namesOf(deps),
    ]);
    const received = new Set(receipts.map((receipt) => `${receipt.versionId}|${receipt.personEmail}`));
    render(
      response,
      200,
      `Compliance: ${account.handle}`,
      session,
      accountComplianceBody({
        account,
        compliance,
        history,
        approval,
        policies: currentPolicies(documents),
        hasReceipt: (versionId, email) => received.has(`${versionId}|${email.toLowerCase()}`),
        nameOf,
        today: townDate(new Date().toISOString(), deps.timeZone),
        canApprove: session.user.roles.includes('communications-manager'),
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
      }),
    );
  };
  router.get('/compliance/accounts/:id', async (request, response) => {
    const session = await guard(request, response, COMPLIANCE_PAGE_ROLES);
    if (session) await showAccount(response, session, request.params.id);
  });
  router.post('/compliance/accounts/:id/approve', readForm, async (request, response) => {
    const session = await guard(request, response, ['communications-manager']);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    try {
      await deps.compliance.approveAccount(request.params.id, session.user.id);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      return render(response, problem.status, 'Not approved', session, messageBody('Not approved', problem.message));
    }
    response.redirect(303, `/compliance/accounts/${encodeURIComponent(request.params.id)}`);
  });
  mountReceiptRoutes(router, deps, render, guard, namesOf);
}
