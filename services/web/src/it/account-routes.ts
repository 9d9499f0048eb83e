import type { Request, Response, Router } from 'express';
import { IT_ROLES, UseCaseError } from '@verbatim/core';
import { messageBody } from '../pages/message.page';
import type { WebDependencies, WebSession } from '../web-dependencies';
import {
  accountErrorsFrom,
  accountFormFrom,
  accountInputFrom,
  formatPeopleLines,
  type AccountForm,
} from './account-form';
import { blankSecretValues, formatConnectorSettings } from './connector-settings-text';
import { text, type FieldErrors } from './form-field';
import { inputProblemOf } from './input-problem';
import type { AccountView } from '@verbatim/app';
import { accountBody } from './pages/account.page';
import { accountsBody } from './pages/accounts.page';
import { JOB_PROGRESS_SCRIPT } from './job-progress';
import { mountImportRoutes } from './import-routes';
import { carriesCsrf, formBody, readForm, type Guard, type Render } from './route-kit';

/** What the settings form sends: everything an existing account may change, except where it lives. */
const SETTINGS_FIELDS = ['status', 'syncIntervalMinutes', 'administrators', 'moderators', 'connectorSettings'] as const;
const NEW_ACCOUNT_FIELDS = ['agencyId', 'platform', 'handle', 'displayName', 'url', ...SETTINGS_FIELDS] as const;

function settingsFormOf(account: AccountView): AccountForm {
  return {
    agencyId: account.agencyId,
    platform: account.platform,
    handle: account.handle,
    displayName: account.displayName ?? '',
    url: account.url ?? '',
    status: account.status,
    syncIntervalMinutes: String(account.syncIntervalMinutes),
    administrators: formatPeopleLines(account.administrators),
    moderators: formatPeopleLines(account.moderators),
    connectorType: account.connector.type,
    connectorSettings: formatConnectorSettings(account.connector),
  };
}

/** /accounts (list and register form) and /accounts/:id (details, Sync now with its progress, settings form). */
export function mountAccountRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const { it } = deps;
  const blank = (): AccountForm => ({
    agencyId: '',
    platform: 'facebook',
    handle: '',
    displayName: '',
    url: '',
    status: 'active',
    syncIntervalMinutes: '60',
    administrators: '',
    moderators: '',
    connectorType: it.connectorTypes[0]?.type ?? '',
    connectorSettings: '',
  });
  const withoutSecrets = (form: AccountForm): AccountForm => ({
    ...form,
    connectorSettings: blankSecretValues(form.connectorSettings, it.isSecretSetting),
  });
  const showList = async (
    response: Response,
    status: number,
    session: WebSession,
    form: AccountForm,
    errors: FieldErrors,
  ) => {
    const [accounts, agencies, compliance] = await Promise.all([
      it.listAccounts(),
      deps.catalog.listAgencies(),
      deps.compliance.assess(),
    ]);
    render(
      response,
      status,
      'Accounts',
      session,
      accountsBody({
        accounts,
        agencies,
        form,
        errors,
        connectorTypes: it.connectorTypes,
        compliance: new Map(compliance.map((account) => [account.accountId, account])),
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
      }),
    );
  };
  const showAccount = async (
    request: Request,
    response: Response,
    session: WebSession,
    overrides: {
      status?: number;
      form?: AccountForm;
      errors?: FieldErrors;
      syncError?: string;
      notificationMessage?: { error: boolean; text: string };
      importMessage?: { error: boolean; text: string };
    } = {},
  ) => {
    const account = await it.getAccount(String(request.params.id));
    if (!account)
      return render(
        response,
        404,
        'Not found',
        session,
        messageBody('Account not found', 'There is no account with this address. Open it from the account list.'),
      );
    const jobId = text(request.query.job).slice(0, 200);
    const [agency, quarantined, job, notifications, runs, imports] = await Promise.all([
      deps.catalog.getAgency(account.agencyId),
      it.countQuarantined(account.id),
      jobId ? it.getJobStatus(jobId) : null,
      it.listAccountNotifications(account.id),
      it.listSyncRuns(account.id),
      deps.imports.listImports(account.id),
    ]);
    const imported =
      request.query.imported === '1'
        ? { error: false, text: 'The export was archived and its import queued; this list shows how it goes.' }
        : undefined;
    const resent =
      request.query.resent === '1' ? { error: false, text: 'The notice was handed over to be sent again.' } : undefined;
    render(
      response,
      overrides.status ?? 200,
      account.displayName ?? account.handle,
      session,
      accountBody({
        account,
        runs,
        notifications,
        notificationMessage: overrides.notificationMessage ?? resent,
        agency,
        quarantined,
        job: jobId ? { id: jobId, view: job } : null,
        form: overrides.form ?? settingsFormOf(account),
        errors: overrides.errors ?? new Map<string, string>(),
        syncError: overrides.syncError,
        imports,
        importMessage: overrides.importMessage ?? imported,
        connectorTypes: it.connectorTypes,
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
      }),
    );
  };

  router.get('/assets/job-progress.js', (_request, response) =>
    response.type('js').set('cache-control', 'public, max-age=300').send(JOB_PROGRESS_SCRIPT),
  );
  router.get('/accounts', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (session) await showList(response, 200, session, blank(), new Map());
  });
  router.post('/accounts', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const form = accountFormFrom(formBody(request));
    const { input, errors } = accountInputFrom(form, [...NEW_ACCOUNT_FIELDS], it.connectorTypes);
    // A secret typed into a refused form is not sent back to the browser: it has to be typed again.
    const resend = (status: number, found: FieldErrors) =>
      showList(response, status, session, withoutSecrets(form), found);
    if (errors.size > 0) return resend(400, errors);
    try {
      const account = await it.registerAccount(input, session.user.id);
      response.redirect(303, `/accounts/${account.id}`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      await resend(problem.status, accountErrorsFrom(problem));
    }
  });
  router.get('/accounts/:id', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (session) await showAccount(request, response, session);
  });
  router.post('/accounts/:id', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const form = accountFormFrom(formBody(request));
    const { input, errors } = accountInputFrom(form, [...SETTINGS_FIELDS], it.connectorTypes);
    if (errors.size > 0)
      return showAccount(request, response, session, { status: 400, form: withoutSecrets(form), errors });
    try {
      await it.updateAccount(String(request.params.id), input, session.user.id, { blankSecretsKeepStored: true });
      response.redirect(303, `/accounts/${encodeURIComponent(String(request.params.id))}`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      await showAccount(request, response, session, {
        status: problem.status,
        form: withoutSecrets(form),
        errors: accountErrorsFrom(problem),
      });
    }
  });
  router.post('/accounts/:id/notifications/:deliveryId/resend', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const accountId = String(request.params.id);
    const actor = { id: session.user.id, roles: session.user.roles };
    try {
      await deps.notificationDesk.resend(String(request.params.deliveryId), actor, { accountId });
      response.redirect(303, `/accounts/${encodeURIComponent(accountId)}?resent=1#account-notifications-heading`);
    } catch (error) {
      if (!(error instanceof UseCaseError)) throw error;
      if (error.kind === 'not-found')
        return render(
          response,
          404,
          'Not found',
          session,
          messageBody('Notice not found', 'This account has no such notice. Open it from the account page.'),
        );
      await showAccount(request, response, session, {
        status: 409,
        notificationMessage: { error: true, text: `${error.message}.` },
      });
    }
  });
  mountImportRoutes(router, deps, guard, (request, response, session, message, status) =>
    showAccount(request, response, session, { status, importMessage: message }),
  );
  router.post('/accounts/:id/sync', readForm, async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const id = String(request.params.id);
    try {
      const jobId = await it.startSync(id, session.user.id);
      response.redirect(303, `/accounts/${encodeURIComponent(id)}?job=${encodeURIComponent(jobId)}#sync-heading`);
    } catch (error) {
      const problem = inputProblemOf(error);
      if (!problem) throw error;
      await showAccount(request, response, session, {
        status: problem.status,
        syncError: `The sync was not started: ${problem.message}.`,
      });
    }
  });
}
